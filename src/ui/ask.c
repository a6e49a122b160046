/* ask.c: `ask:` steps in the interface.  When the current tick is a
 * question, the run stops and a box over the panes shows the question and
 * its choices; the student picks one by letter or number (or asks for the
 * answer with `!`), then the box shows the right answer, whether the pick
 * was right, and the explanation.  Picks are kept by tick, so stepping
 * back and forwards again shows the same state. */
#include "system.h"

#include "ui/ui.h"
#include "util.h"

/* The pick recorded for the question at tick N, or ASK_NONE. */
int
ask_pick (const struct ui *u, uint64_t n)
{
  for (size_t i = 0; i < u->nanswers; i++)
    if (u->answers[i].tick == n)
      return u->answers[i].pick;
  return ASK_NONE;
}

/* The question the position stands on, NULL if none. */
const struct tick *
ask_current (const struct ui *u)
{
  const struct tick *t = history_tick (u->hist);
  return t && t->kind == TICK_ASK && t->nchoices > 0 ? t : NULL;
}

bool
ask_pending (const struct ui *u)
{
  const struct tick *t = ask_current (u);
  return t && ask_pick (u, t->n) == ASK_NONE;
}

static void
record (struct ui *u, uint64_t n, int pick)
{
  for (size_t i = 0; i < u->nanswers; i++)
    if (u->answers[i].tick == n)
      {
        u->answers[i].pick = pick;
        return;
      }
  if (u->nanswers == u->answersalloc)
    {
      u->answersalloc = u->answersalloc ? 2 * u->answersalloc : 8;
      u->answers = xreallocarray (u->answers, u->answersalloc,
                                  sizeof *u->answers);
    }
  u->answers[u->nanswers].tick = n;
  u->answers[u->nanswers].pick = pick;
  u->nanswers++;
}

/* The choice key CH stands for (a..z or 1..9), -1 if none. */
static int
choice_of (int ch, size_t nchoices)
{
  int k = -1;
  if (ch >= 'a' && ch <= 'z')
    k = ch - 'a';
  else if (ch >= 'A' && ch <= 'Z')
    k = ch - 'A';
  else if (ch >= '1' && ch <= '9')
    k = ch - '1';
  return k >= 0 && (size_t) k < nchoices ? k : -1;
}

bool
ask_key (struct ui *u, int ch)
{
  const struct tick *t = ask_current (u);
  if (!t || ask_pick (u, t->n) != ASK_NONE)
    return false;
  if (ch == '!')
    {
      record (u, t->n, ASK_REVEALED);
      ui_message (u, false, "%s", _("answer shown: press Right to go on"));
      return true;
    }
  int k = choice_of (ch, t->nchoices);
  if (k < 0)
    return false;
  record (u, t->n, k);
  if (k == t->answer)
    ui_message (u, false, "%s", _("right: press Right to go on"));
  else
    ui_message (u, true, "%s", _("not quite: see why, then press Right to "
                                 "go on"));
  return true;
}

void
ask_refuse_step (struct ui *u)
{
  const struct tick *t = ask_current (u);
  ui_message (u, true, _("answer the question first: a-%c or 1-%zu "
                         "(! shows the answer)"),
              (int) ('a' + (t ? t->nchoices : 1) - 1),
              t ? t->nchoices : (size_t) 1);
}

/* Rows S takes word-wrapped to W columns (as draw_wrapped wraps it). */
static int
wrapped_rows (int w, const char *s)
{
  int rows = wrap_lines (s, w, NULL, 0);
  return rows > 0 ? rows : 1;
}

/* The line under the choices before an answer: which keys answer. */
static void
press_line (char *buf, size_t n, const struct tick *t)
{
  snprintf (buf, n, _("Press a-%c or 1-%zu to answer, ! to "
                      "see the answer."),
            (int) ('a' + t->nchoices - 1), t->nchoices);
}

/* The line after an answer to T (PICK): right, not quite or revealed.
   Newly allocated. */
static char *
verdict_of (const struct tick *t, int pick)
{
  const char *right = t->choices[t->answer];
  if (pick == ASK_REVEALED)
    return xasprintf (_("The answer is %c) %s."), (int) ('a' + t->answer),
                      right);
  if (pick == t->answer)
    return xasprintf (_("Right: %c) %s."), (int) ('a' + t->answer), right);
  return xasprintf (_("Not quite: you chose %c); the answer is %c) %s."),
                    (int) ('a' + pick), (int) ('a' + t->answer), right);
}

/* The box for question T with pick PICK, and whether its text does not
   all fit the screen (*CUT, when CUT is not NULL): false when the screen
   is too small for one. */
static bool
box_rect (const struct tick *t, int pick, struct rect *rp, bool *cut)
{
  int w = COLS - 4 < 76 ? COLS - 4 : 76;
  int inner = w - 4;
  int h = LINES - 2;
  struct rect r;

  if (w < 20 || h < 6)
    return false;
  r.w = w;
  r.x = (COLS - w) / 2;
  r.y = 1;
  r.h = h;
  /* Measure first: question, blank, choices, blank, result, explanation. */
  int need = 2 + wrapped_rows (inner, t->text ? t->text : "") + 1;
  for (size_t i = 0; i < t->nchoices; i++)
    need += wrapped_rows (inner - 3, t->choices[i]);
  if (pick != ASK_NONE)
    {
      /* a blank row, the verdict (wrapped, as drawn), the explanation */
      char *verdict = verdict_of (t, pick);
      need += 1 + wrapped_rows (inner, verdict);
      free (verdict);
      if (t->explain)
        need += wrapped_rows (inner, t->explain);
    }
  else
    {
      char line[256];
      press_line (line, sizeof line, t);
      need += 1 + wrapped_rows (inner, line);
    }
  if (cut)
    *cut = need > h;
  if (need < h)
    {
      r.h = need;
      r.y = (LINES - 1 - need) / 2;
    }
  *rp = r;
  return true;
}

bool
ask_covers (const struct ui *u, struct rect p)
{
  const struct tick *t = ask_current (u);
  struct rect r;
  if (!t || u->view != VIEW_MAIN
      || !box_rect (t, ask_pick (u, t->n), &r, NULL))
    return false;
  return r.y < p.y + p.h && p.y < r.y + r.h
         && r.x < p.x + p.w && p.x < r.x + r.w;
}

/* Draw the box for question T with pick PICK. */
static void
draw_box_for (struct ui *u, const struct tick *t, int pick)
{
  struct rect r;
  char line[256];
  bool cut;

  (void) u;
  if (!box_rect (t, pick, &r, &cut))
    return;
  int inner = r.w - 4;
  for (int y = r.y; y < r.y + r.h; y++)
    canvas_blank (y, r.x, r.w);
  draw_box (&r, _("Question"), true);
  /* Text the screen has no room for: never cut without a mark. */
  if (cut)
    draw_text (r.y + r.h - 1, r.x + r.w - 4, 1, ui_attr (C_BORDER),
               glyph (G_ELLIPSIS));
  int x = r.x + 2, y = r.y + 1, bottom = r.y + r.h - 1;
  y += draw_wrapped (y, x, bottom - y, inner,
                     ui_attr (C_TITLE), t->text ? t->text : "");
  y++;
  for (size_t i = 0; i < t->nchoices && y < bottom; i++)
    {
      attr_t a = ui_attr (C_TEXT);
      if (pick != ASK_NONE && (int) i == t->answer)
        a = ui_attr (C_HIT);
      else if (pick == (int) i)
        a = ui_attr (C_BAD);
      snprintf (line, sizeof line, "%c)", (int) ('a' + i));
      draw_text (y, x, 3, a | A_BOLD, line);
      y += draw_wrapped (y, x + 3, bottom - y, inner - 3, a, t->choices[i]);
    }
  if (y + 1 >= bottom)
    return;
  y++;
  if (pick == ASK_NONE)
    {
      press_line (line, sizeof line, t);
      draw_wrapped (y, x, bottom - y, inner, ui_attr (C_DIM), line);
      return;
    }
  char *verdict = verdict_of (t, pick);
  y += draw_wrapped (y, x, bottom - y, inner,
                     ui_attr (pick == t->answer || pick == ASK_REVEALED
                              ? C_HIT : C_BAD), verdict);
  free (verdict);
  if (t->explain && y < bottom)
    draw_wrapped (y, x, bottom - y, inner, ui_attr (C_TEXT), t->explain);
}

void
ask_draw (struct ui *u)
{
  const struct tick *t = ask_current (u);
  if (t && u->view == VIEW_MAIN)
    draw_box_for (u, t, ask_pick (u, t->n));
}
