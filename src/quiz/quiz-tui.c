/* quiz-tui.c: the quiz on the screen: one question at a time with its
 * figure and an answer field, back and forward between questions, a
 * summary page before finishing and a last page after it.  Practice
 * quizzes reveal each answer with its explanation once given; exams
 * reveal nothing until the end (or never).  Every answer is saved by the
 * session as it is given; the terminal is restored by ui_restore on
 * every way out. */
#include "system.h"

#include <langinfo.h>
#include <limits.h>
#include <unistd.h>

#include "ui/ui.h"
#include "util.h"
#include "quiz/quiz-modes.h"
#include "quiz/quiz-tui.h"
#include "question/words.h"

enum page
{
  PAGE_QUESTION,
  PAGE_SUMMARY,
  PAGE_DONE
};

struct qtui
{
  struct quiz_session *s;
  enum page page;
  unsigned cur;                 /* 1-based question shown */
  size_t sel;                   /* summary: 0..n-1 questions, n finish */
  char **draft;                 /* per question: the field's text */
  char **feedback;              /* per question: the last grade's words */
  size_t cursor;                /* byte offset in the current draft */
  unsigned shown;               /* the question drawn last, 0 for none */
  char msg[256];
  bool msg_error;
};

#define CTRL(c) ((c) & 0x1f)

/* Whether question N can no longer be changed: revealed, or finished. */
static bool
locked (const struct qtui *t, unsigned n)
{
  const struct result_answer *a = results_get (t->s->r, n);
  return t->s->r->finished || (a && a->revealed);
}

static void
message (struct qtui *t, bool error, const char *text)
{
  mbs_snprintf (t->msg, sizeof t->msg, "%s", text);
  t->msg_error = error;
}

static void
draw_header (const char *left, const char *right)
{
  attr_t a = ui_attr (C_SELECT);
  int rw = text_width (right);

  canvas_blank (0, 0, COLS);
  for (int i = 0; i < COLS; i++)
    draw_text (0, i, 1, a, " ");
  /* The right part only when both fit. */
  if (text_width (left) + rw + 4 > COLS)
    rw = -2;
  draw_text (0, 1, COLS - rw - 3, a, left);
  if (rw > 0)
    draw_text (0, COLS - rw - 1, rw, a, right);
}

static void
draw_footer (const struct qtui *t, const char *help)
{
  if (t->msg[0])
    draw_text (LINES - 2, 1, COLS - 2,
               ui_attr (t->msg_error ? C_BAD : C_FOCUS), t->msg);
  /* The keys in short when the words do not fit: never cut. */
  if (text_width (help) > COLS)
    help = _(" Enter  PgDn next  PgUp back  F2 summary  F10 quit");
  if (text_width (help) > COLS)
    help = _(" Enter  PgDn  PgUp  F2 summary  F10 quit");
  draw_text (LINES - 1, 0, COLS, ui_attr (C_DIM), help);
}

/* The rows the worked answer of question N takes at full length. */
static int
reveal_rows (const struct qtui *t, unsigned n)
{
  char *ex = q_explain (t->s->v[n - 1]);
  int rows = 2 + wrap_lines (ex, COLS - 2, NULL, 0);
  if (t->feedback[n - 1])
    rows += wrap_lines (t->feedback[n - 1], COLS - 2, NULL, 0);
  free (ex);
  return rows;
}

/* The worked answer below the field, for a revealed question; when it
   does not fit in H rows its last row ends in "…", never cut without a
   mark. */
static int
draw_reveal (const struct qtui *t, unsigned n, int y, int h)
{
  const struct q_variant *v = t->s->v[n - 1];
  const struct result_answer *a = results_get (t->s->r, n);
  char sb[32], pb[32], *ex;
  int row = 0;

  if (!a || h <= 0)
    return 0;
  draw_printf (y + row++, 1, COLS - 2, ui_attr (a->score >= a->max
                                                ? C_HIT : C_MAJOR),
               _("Score: %s of %s"), quiz_format_score (a->score, sb),
               quiz_format_score (a->max, pb));
  if (t->feedback[n - 1] && row < h)
    row += draw_wrapped (y + row, 1, h - row, COLS - 2, ui_attr (C_TEXT),
                         t->feedback[n - 1]);
  if (row < h)
    draw_printf (y + row++, 1, COLS - 2, ui_attr (C_LABEL),
                 _("Correct answer: %s"), answer_word (v->typed));
  ex = q_explain (v);
  if (row < h)
    row += draw_wrapped (y + row, 1, h - row, COLS - 2, ui_attr (C_DIM), ex);
  free (ex);
  if (reveal_rows (t, n) > row && row > 0)
    draw_text (y + row - 1, COLS - 2, 1, ui_attr (C_DIM),
               glyph (G_ELLIPSIS));
  return row;
}

static void
draw_question (struct qtui *t)
{
  struct quiz_session *s = t->s;
  unsigned n = t->cur;
  const struct q_variant *v = s->v[n - 1];
  char left[200], right[100], pb[32];
  int y = 2, bottom = LINES - 3, fx, fw;
  const char *draft = t->draft[n - 1];
  const char *label = _("Answer: ");

  unsigned long pts = s->q->items[n - 1].points == 1 ? 1 : 2;
#define QFMT ngettext ("%s - question %u of %zu (%s point)", \
                       "%s - question %u of %zu (%s points)", pts)
  quiz_format_score (s->q->items[n - 1].points, pb);
  mbs_snprintf (left, sizeof left, QFMT, s->q->title, n, s->q->n, pb);
  if (text_width (left) > COLS - 2)
    {
      /* The quiz's title gives way; the question's number stays whole.  */
      char *title;
      int avail;
      mbs_snprintf (left, sizeof left, QFMT, "", n, s->q->n, pb);
      avail = COLS - 2 - text_width (left);
      title = mbs_fit (s->q->title, avail > 0 ? avail : 0,
                       glyph (G_ELLIPSIS));
      mbs_snprintf (left, sizeof left, QFMT, title, n, s->q->n, pb);
      free (title);
    }
#undef QFMT
  snprintf (right, sizeof right, _("student %s"), s->student);
  draw_header (left, right);
  /* The figure only when the whole prompt, and the worked answer once
     it is shown, still fit below it: the prompt holds the data and the
     question, the figure only repeats. */
  bool reveal = locked (t, n) && (quiz_session_reveals_each (s)
                                  || (s->r->finished
                                      && quiz_session_reveals_end (s)));
  int prompt_rows = wrap_lines (v->prompt, COLS - 2, NULL, 0);
  int fig_h = bottom - y - 4 - 1 - prompt_rows
    - (reveal ? reveal_rows (t, n) : 0);
  if (LINES >= 20 && fig_h >= 3)
    y += quiz_figure_draw (v, y, 1, COLS - 2,
                           fig_h < (bottom - y) / 2 ? fig_h : (bottom - y) / 2);
  if (y > 2)
    y++;
  y += draw_wrapped (y, 1, bottom - y - 4, COLS - 2, ui_attr (C_TEXT),
                     v->prompt);
  y++;
  /* The field, scrolled so that the cursor is on the line. */
  fx = 1 + draw_text (y, 1, COLS - 2, ui_attr (C_FOCUS), label);
  fw = COLS - fx - 2;
  if (fw > 0)
    {
      size_t start = 0;
      char *before = xstrndup (draft, t->cursor);
      while (text_width (before + start) > fw - 1 && before[start])
        {
          start++;
          while ((before[start] & 0xc0) == 0x80)
            start++;
        }
      for (int i = 0; i < fw; i++)
        draw_text (y, fx + i, 1, ui_attr (C_SELECT), " ");
      draw_text (y, fx, fw, ui_attr (C_SELECT), draft + start);
      canvas_move (y, fx + text_width (before + start));
      free (before);
    }
  /* The hint whole, on two rows when one is too narrow (how to type a
     grid did not fit at 80 columns). */
  int hint_rows = 1;
  if (v->hint && y + 1 < bottom)
    {
      int hw = COLS - fx - 1;
      if (hw > 0 && text_width (v->hint) > hw && y + 2 < bottom)
        hint_rows = draw_wrapped (y + 1, fx, 2, hw, ui_attr (C_DIM), v->hint);
      else
        draw_fit (y + 1, fx, hw, ui_attr (C_DIM), v->hint);
    }
  y += 2 + hint_rows;
  if (reveal)
    draw_reveal (t, n, y, bottom - y + 1);
  curs_set (locked (t, n) ? 0 : 1);
  draw_footer (t, locked (t, n)
               ? _(" Enter/PgDn/Tab next  PgUp/S-Tab back  F2 summary  F10 quit")
               : _(" Enter answer  PgDn/Tab next  PgUp/S-Tab back  F2 summary  F10 quit"));
}

/* One row per question of the summary and the last page. */
static void
draw_rows (struct qtui *t, int y, bool done)
{
  struct quiz_session *s = t->s;
  bool scores = quiz_session_reveals_each (s)
    || (done && quiz_session_reveals_end (s));
  size_t first = 0, rows = (size_t) (LINES - y - 4 > 1 ? LINES - y - 4 : 1);

  if (!done && t->sel >= rows)
    first = t->sel - rows + 1;
  for (size_t i = first; i < s->q->n && y < LINES - 4; i++, y++)
    {
      const struct result_answer *a = results_get (s->r, (unsigned) i + 1);
      char sb[32], pb[32], line[300];
      attr_t at = !done && t->sel == i ? ui_attr (C_SELECT) : ui_attr (C_TEXT);

      quiz_format_score (s->q->items[i].points, pb);
      if (a && scores)
        snprintf (line, sizeof line, _("%3zu  %s of %s  %s"), i + 1,
                  quiz_format_score (a->score, sb), pb, a->given);
      else if (a)
        snprintf (line, sizeof line, _("%3zu  answered: %s"), i + 1,
                  a->given);
      else
        snprintf (line, sizeof line, _("%3zu  not answered"), i + 1);
      draw_text (y, 1, COLS - 2, at, line);
      if (done && scores && y + 1 < LINES - 4)
        draw_printf (++y, 7, COLS - 8, ui_attr (C_LABEL),
                     _("correct: %s"), answer_word (s->v[i]->typed));
    }
  if (!done)
    draw_text (y + 1, 1, COLS - 2,
               t->sel == s->q->n ? ui_attr (C_SELECT) : ui_attr (C_FOCUS),
               s->r->finished ? _("[ Leave ]") : _("[ Finish the quiz ]"));
}

static void
draw_summary (struct qtui *t)
{
  struct quiz_session *s = t->s;
  char left[200], right[100];

  snprintf (left, sizeof left, _("%s - summary"), s->q->title);
  snprintf (right, sizeof right, _("%zu of %zu answered"), s->r->n, s->q->n);
  draw_header (left, right);
  draw_text (2, 1, COLS - 2, ui_attr (C_TEXT),
             _("Check your answers, then finish.  An unanswered question "
               "scores 0."));
  draw_rows (t, 4, false);
  curs_set (0);
  draw_footer (t, _(" Up/Down/Home/End choose  Enter open or finish  PgUp back  F10 quit"));
}

static void
draw_done (struct qtui *t)
{
  struct quiz_session *s = t->s;
  char left[200], sb[32], mb[32];

  snprintf (left, sizeof left, _("%s - finished"), s->q->title);
  draw_header (left, s->student);
  if (quiz_session_reveals_each (s) || quiz_session_reveals_end (s))
    {
      draw_printf (2, 1, COLS - 2, ui_attr (C_TITLE), _("Score: %s of %s"),
                   quiz_format_score (s->r->score, sb),
                   quiz_format_score (s->r->max, mb));
      draw_rows (t, 4, true);
    }
  else
    draw_text (2, 1, COLS - 2, ui_attr (C_TITLE),
               _("The quiz is finished.  The answers are not shown for "
                 "this quiz."));
  draw_printf (LINES - 3, 1, COLS - 2, ui_attr (C_DIM),
               _("Answers saved in %s"), s->path);
  curs_set (0);
  draw_footer (t, _(" q or F10 leave"));
}

static void
draw (struct qtui *t)
{
  /* A new question: the cursor at the end of its answer.  */
  if (t->page == PAGE_QUESTION && t->cur != t->shown)
    t->cursor = strlen (t->draft[t->cur - 1]);
  t->shown = t->page == PAGE_QUESTION ? t->cur : 0;
  canvas_erase ();
  if (t->page == PAGE_QUESTION)
    draw_question (t);
  else if (t->page == PAGE_SUMMARY)
    draw_summary (t);
  else
    draw_done (t);
  canvas_refresh ();
}

/* Grade and save the field of the current question. */
static void
answer (struct qtui *t)
{
  struct quiz_session *s = t->s;
  unsigned n = t->cur;
  const char *given = t->draft[n - 1];
  struct q_result g;
  char *err = NULL;

  if (!quiz_answer_ok (given))
    {
      message (t, true, _("That answer cannot be kept (control characters "
                          "or too long)."));
      return;
    }
  q_check (s->v[n - 1], given, &g);
  if (!g.understood)
    {
      /* TRANSLATORS: why an answer could not be read (%s, a sentence),
         then the request to answer again. */
      if (g.feedback && *g.feedback)
        mbs_snprintf (t->msg, sizeof t->msg, _("%s Try again."), g.feedback);
      else
        mbs_snprintf (t->msg, sizeof t->msg, "%s", _("Try again."));
      t->msg_error = true;
      q_result_free (&g);
      return;
    }
  q_result_free (&g);
  if (!quiz_session_answer (s, n, given, &g, &err))
    {
      message (t, true, err);
      free (err);
      q_result_free (&g);
      return;
    }
  free (t->feedback[n - 1]);
  t->feedback[n - 1] = g.feedback ? xstrdup (g.feedback) : NULL;
  q_result_free (&g);
  message (t, false, _("Saved."));
  if (!quiz_session_reveals_each (s))
    {
      if (n < s->q->n)
        t->cur++;
      else
        t->page = PAGE_SUMMARY;
    }
}

static void
go (struct qtui *t, int dir)
{
  if (dir > 0 && t->cur == t->s->q->n)
    {
      t->page = PAGE_SUMMARY;
      t->sel = t->s->q->n;
    }
  else if (dir > 0)
    t->cur++;
  else if (t->cur > 1)
    t->cur--;
}

/* The offset of the character before (DIR < 0) or after the one at
 * byte AT of S. */
static size_t
char_step (const char *s, size_t at, int dir)
{
  if (dir < 0)
    {
      while (at > 0 && (s[--at] & 0xc0) == 0x80)
        ;
      return at;
    }
  if (s[at])
    while ((s[++at] & 0xc0) == 0x80)
      ;
  return at;
}

/* Edit the current field with CH (a character or a key code). */
static void
edit (struct qtui *t, wint_t ch, bool key)
{
  char **d = &t->draft[t->cur - 1];
  size_t len = strlen (*d), at = t->cursor, to;

  if (key && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_HOME
              || ch == KEY_END))
    {
      t->cursor = ch == KEY_HOME ? 0 : ch == KEY_END ? len
        : char_step (*d, at, ch == KEY_LEFT ? -1 : 1);
      return;
    }
  if (!key && (ch == CTRL ('a') || ch == CTRL ('e')))
    {
      t->cursor = ch == CTRL ('a') ? 0 : len;
      return;
    }
  if (locked (t, t->cur))
    {
      message (t, false, _("This answer is final; PgDn for the next "
                           "question."));
      return;
    }
  if ((key && ch == KEY_BACKSPACE) || (!key && (ch == 127 || ch == 8))
      || (key && ch == KEY_DC))
    {
      /* Remove the character before (or, Delete, at) the cursor. */
      if (key && ch == KEY_DC)
        to = char_step (*d, at, 1);
      else
        {
          to = at;
          at = char_step (*d, at, -1);
        }
      memmove (*d + at, *d + to, len - to + 1);
      t->cursor = at;
    }
  else if (!key && ch == CTRL ('u'))
    {
      (*d)[0] = '\0';
      t->cursor = 0;
    }
  else if (!key && ch >= 0x20 && ch != 0x7f)
    {
      char mb[MB_LEN_MAX + 1];
      mbstate_t st;
      size_t k;
      memset (&st, 0, sizeof st);
      k = wcrtomb (mb, (wchar_t) ch, &st);
      if (k == (size_t) -1 || len + k > RESULTS_MAX_GIVEN)
        return;
      *d = xrealloc (*d, len + k + 1);
      memmove (*d + at + k, *d + at, len - at + 1);
      memcpy (*d + at, mb, k);
      t->cursor = at + k;
    }
}

/* Handle one key; false to leave. */
static bool
handle (struct qtui *t, wint_t ch, bool key)
{
  struct quiz_session *s = t->s;
  char *err = NULL;

  if (key && ch == KEY_RESIZE)
    return true;
  if ((key && ch == KEY_F (10)) || (!key && ch == CTRL ('q')))
    return false;
  t->msg[0] = '\0';
  if (t->page == PAGE_DONE)
    return !(!key && (ch == 'q' || ch == 'Q' || ch == '\r' || ch == '\n'));
  if (t->page == PAGE_SUMMARY)
    {
      if (key && ch == KEY_UP && t->sel > 0)
        t->sel--;
      else if (key && ch == KEY_DOWN && t->sel < s->q->n)
        t->sel++;
      else if (key && ch == KEY_HOME)
        t->sel = 0;
      else if (key && ch == KEY_END)
        t->sel = s->q->n;
      else if ((key && (ch == KEY_PPAGE || ch == KEY_BTAB)) || (!key && ch == 27))
        {
          t->page = PAGE_QUESTION;
          t->cur = (unsigned) s->q->n;
        }
      else if ((key && ch == KEY_ENTER) || (!key && (ch == '\r' || ch == '\n')))
        {
          if (t->sel < s->q->n)
            {
              t->page = PAGE_QUESTION;
              t->cur = (unsigned) t->sel + 1;
            }
          else if (s->r->finished)
            return false;
          else if (!quiz_session_finish (s, &err))
            {
              message (t, true, err);
              free (err);
            }
          else
            t->page = PAGE_DONE;
        }
      return true;
    }
  if ((key && (ch == KEY_NPAGE || ch == KEY_DOWN)) || (!key && (ch == '\t' || ch == CTRL ('n'))))
    go (t, 1);
  else if ((key && (ch == KEY_PPAGE || ch == KEY_BTAB || ch == KEY_UP))
           || (!key && ch == CTRL ('p')))
    go (t, -1);
  else if ((key && ch == KEY_F (2)) || (!key && ch == CTRL ('s')))
    {
      t->page = PAGE_SUMMARY;
      t->sel = t->cur - 1;
    }
  else if ((key && ch == KEY_ENTER) || (!key && (ch == '\r' || ch == '\n')))
    {
      const struct result_answer *a = results_get (s->r, t->cur);
      if (locked (t, t->cur) || t->draft[t->cur - 1][0] == '\0'
          || (a && strcmp (a->given, t->draft[t->cur - 1]) == 0))
        go (t, 1);
      else
        answer (t);
    }
  else
    edit (t, ch, key);
  return true;
}

int
quiz_tui (struct quiz_session *s, const struct options *o)
{
  struct ui *u;
  struct qtui t;

  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    {
      fprintf (stderr, _("%s: the quiz screen needs a terminal on standard "
                         "input and output; use --plain for plain lines\n"),
               program_name);
      return 2;
    }
  memset (&t, 0, sizeof t);
  t.s = s;
  t.draft = xcalloc (s->q->n, sizeof *t.draft);
  t.feedback = xcalloc (s->q->n, sizeof *t.feedback);
  t.cur = 1;
  for (unsigned n = 1; n <= s->q->n; n++)
    {
      const struct result_answer *a = results_get (s->r, n);
      t.draft[n - 1] = xstrdup (a ? a->given : "");
      if (a && a->revealed)
        {
          struct q_result g;
          q_check (s->v[n - 1], a->given, &g);
          t.feedback[n - 1] = g.feedback ? xstrdup (g.feedback) : NULL;
          q_result_free (&g);
        }
    }
  /* Resume at the first question without an answer. */
  while (t.cur < s->q->n && results_get (s->r, t.cur))
    t.cur++;
  if (s->r->finished)
    t.page = PAGE_DONE;
  else if (s->resumed && s->r->n > 0)
    {
      mbs_snprintf (t.msg, sizeof t.msg,
                ngettext ("Welcome back: %zu of %zu question answered.",
                          "Welcome back: %zu of %zu questions answered.",
                          s->q->n), s->r->n, s->q->n);
      if (s->r->n == s->q->n)
        {
          t.page = PAGE_SUMMARY;
          t.sel = s->q->n;
        }
    }

  u = xcalloc (1, sizeof *u);
  u->opt = o;
  u->project = o->project;
  u->light = o->light;
  u->utf8 = strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
  draw_set_utf8 (u->utf8);
  screen_init (u);
  colors_project (u->project);
  for (;;)
    {
      wint_t ch;
      int r;
      draw (&t);
      r = get_wch (&ch);
      if (r == ERR)
        continue;
      if (!handle (&t, ch, r == KEY_CODE_YES))
        break;
    }
  ui_restore ();
  printf (_("Answers saved in %s\n"), s->path);
  for (size_t i = 0; i < s->q->n; i++)
    {
      free (t.draft[i]);
      free (t.feedback[i]);
    }
  free (t.draft);
  free (t.feedback);
  free (u);
  return 0;
}
