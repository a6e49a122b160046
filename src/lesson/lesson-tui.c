/* lesson-tui.c: the lesson screen.  The list of lessons (title, minutes,
 * status, checkpoints solved; reset all with confirmation), then a lesson
 * one stop at a time: a page of text, or the narration of the steps run
 * since the last stop with the machine's frames below, or a checkpoint
 * with its answer field, hint and reveal.  Next, previous, restart (with
 * confirmation), leave (the position is saved; the next visit resumes
 * there).  Curses drawing goes through src/ui/ (canvas, colours,
 * projection mode, the one terminal-restore path). */
#include "system.h"

#include <langinfo.h>
#include <limits.h>

#include "ui/ui.h"
#include "util.h"
#include "narrate/narrate.h"
#include "scenario/scenario-lesson.h"
#include "lesson/checkpoint.h"
#include "lesson/lesson.h"
#include "lesson/lesson-tui.h"
#include "question/words.h"

#define LOG_MAX 64        /* narration lines kept for one stop */
#define FIELD_MAX 200     /* bytes of an answer */
#define CTRL(c) ((c) & 0x1f)

/* One lesson being taken. */
struct lt
{
  struct ui *u;
  const char *file;
  char *name;
  struct scenario *sc;
  struct run *r;
  struct progress *pg;
  struct tick t;           /* the current stop */
  bool at_end;
  uint64_t *stops;         /* run position before each stop seen */
  size_t nstops, cur;      /* stops seen; index of the current one */
  char *log[LOG_MAX];      /* narration since the previous stop */
  size_t nlog;
  /* The checkpoint at the current stop. */
  struct cp_answer a;
  bool has_a;
  char field[FIELD_MAX + 1];
  char feedback[1024];
  bool answered, hint_shown;
  unsigned tries;
  bool confirm_restart;
  char msg[512];
  struct sc_predict ask;   /* an `ask:` stop seen as a choice (not kept) */
  const struct sc_predict *p; /* the question at the current stop */
};

static void
log_clear (struct lt *l)
{
  for (size_t i = 0; i < l->nlog; i++)
    free (l->log[i]);
  l->nlog = 0;
}

static void
log_add (struct lt *l, char *s)
{
  if (!s)
    return;
  if (l->nlog == LOG_MAX)
    {
      free (l->log[0]);
      memmove (l->log, l->log + 1, (LOG_MAX - 1) * sizeof *l->log);
      l->nlog--;
    }
  l->log[l->nlog++] = s;
}

static bool
is_stop (const struct tick *t)
{
  return t->kind == TICK_PAGE || t->kind == TICK_PAUSE
    || t->kind == TICK_PREDICT || t->kind == TICK_ASK;
}

/* Set up the checkpoint of the current stop. */
static void
enter_stop (struct lt *l)
{
  char *err = NULL;

  if (l->has_a)
    checkpoint_answer_free (&l->a);
  l->has_a = false;
  l->field[0] = '\0';
  l->feedback[0] = '\0';
  l->answered = l->hint_shown = false;
  l->tries = 0;
  l->p = NULL;
  if (!l->at_end && l->t.kind == TICK_ASK && l->t.nchoices > 0)
    {
      memset (&l->ask, 0, sizeof l->ask);
      l->ask.id = (char *) "ask";
      l->ask.what = PREDICT_CHOICE;
      l->ask.question = (char *) l->t.text;
      l->ask.why = (char *) l->t.explain;
      l->ask.choices = (char **) l->t.choices;
      l->ask.nchoices = l->t.nchoices;
      l->ask.answer = l->t.answer;
      l->p = &l->ask;
    }
  else if (!l->at_end && l->t.kind == TICK_PREDICT)
    l->p = l->t.predict;
  if (l->p)
    {
      l->has_a = checkpoint_compute (l->r, l->p, &l->a, &err);
      if (!l->has_a)
        {
          mbs_snprintf (l->feedback, sizeof l->feedback, "%s", err);
          l->answered = true;
          free (err);
        }
    }
}

/* Run to the next stop, collecting narration on the way. */
static void
advance (struct lt *l)
{
  struct tick t;

  log_clear (l);
  for (;;)
    {
      if (!run_next (l->r, &t))
        {
          l->at_end = true;
          break;
        }
      if (is_stop (&t))
        {
          l->t = t;
          break;
        }
      if (t.kind == TICK_ACCESS)
        log_add (l, narrate_access (run_vm (l->r), &t.ev, l->u->utf8));
      else if (t.kind == TICK_SAY)
        log_add (l, xstrdup (t.text));
      else if (t.kind != TICK_EXPECT)
        {
          char *s = narrate_tick (run_vm (l->r), &t, l->u->utf8);
          log_add (l, s ? s : t.text ? xstrdup (t.text) : NULL);
        }
    }
  if (l->at_end)
    {
      struct progress_lesson *pl = progress_lesson (l->pg, l->name, true);
      pl->done = true;
      pl->pos = 0;
      progress_save (l->pg);
    }
  enter_stop (l);
}

/* Every stop's position, found by running the lesson once. */
static void
find_stops (struct lt *l)
{
  char *err = NULL;
  struct run *r = run_new (l->sc, NULL, NULL, &err);
  struct tick t;

  free (err);
  l->nstops = 0;
  if (!r)
    return;
  for (;;)
    {
      uint64_t before = run_position (r);
      if (!run_next (r, &t))
        break;
      if (is_stop (&t))
        {
          l->stops = xreallocarray (l->stops, l->nstops + 1,
                                    sizeof *l->stops);
          l->stops[l->nstops++] = before;
        }
    }
  run_free (r);
}

/* Show stop K (K == nstops: the end), with the narration of the steps
 * since stop K - 1. */
static void
show (struct lt *l, size_t k)
{
  char *err = NULL;
  struct tick t;
  uint64_t from = k == 0 ? 0 : l->stops[k - 1] + 1;

  run_free (l->r);
  l->r = run_new (l->sc, NULL, NULL, &err);
  free (err);
  if (!l->r)
    return;
  l->at_end = false;
  l->cur = k;
  while (run_position (l->r) < from && run_next (l->r, &t))
    ;
  advance (l);
}

static void
save_pos (struct lt *l)
{
  struct progress_lesson *pl = progress_lesson (l->pg, l->name, true);
  if (!pl->done)
    pl->pos = l->at_end || l->cur >= l->nstops ? 0 : l->stops[l->cur];
  progress_save (l->pg);
}

static void
next_stop (struct lt *l)
{
  if (l->at_end)
    return;
  show (l, l->cur + 1);
  save_pos (l);
}

static void
prev_stop (struct lt *l)
{
  if (l->cur == 0)
    {
      mbs_snprintf (l->msg, sizeof l->msg, "%s", _("This is the first stop."));
      return;
    }
  show (l, l->cur - 1);
  save_pos (l);
}

/* Grade the field (or act on ? and !). */
static void
submit (struct lt *l)
{
  const struct sc_predict *p = l->p;
  bool keep = l->t.kind == TICK_PREDICT;
  char *mistake = NULL;
  int k;

  if (l->answered || !l->has_a)
    return;
  if (strcmp (l->field, "?") == 0)
    {
      l->hint_shown = true;
      l->field[0] = '\0';
      return;
    }
  if (strcmp (l->field, "!") == 0)
    {
      if (p->why && *p->why)
        mbs_snprintf (l->feedback, sizeof l->feedback, _("The answer: %s. %s"),
                      answer_word (l->a.text), p->why);
      else
        mbs_snprintf (l->feedback, sizeof l->feedback, _("The answer: %s."),
                      answer_word (l->a.text));
      l->answered = true;
      if (keep && progress_cp (l->pg, l->name, p->id) != CP_SOLVED)
        progress_cp_set (l->pg, l->name, p->id, CP_REVEALED);
      save_pos (l);
      return;
    }
  if (!l->field[0])
    return;
  k = checkpoint_check (p, &l->a, l->field, &mistake);
  if (k < 0)
    mbs_snprintf (l->feedback, sizeof l->feedback, "%s", mistake);
  else if (k > 0)
    {
      /* TRANSLATORS: the answer was right; %s says why. */
      if (p->why && *p->why)
        mbs_snprintf (l->feedback, sizeof l->feedback, _("Right. %s"),
                      p->why);
      else
        mbs_snprintf (l->feedback, sizeof l->feedback, "%s", _("Right."));
      l->answered = true;
      if (keep)
        progress_cp_set (l->pg, l->name, p->id, CP_SOLVED);
      save_pos (l);
    }
  else if (++l->tries >= 2)
    {
      /* TRANSLATORS: a second wrong answer: what was wrong with it
         (%1$s, a sentence) and the right answer (%2$s). */
      if (mistake && *mistake)
        mbs_snprintf (l->feedback, sizeof l->feedback,
                      _("Not quite. %s The answer: %s."), mistake,
                      answer_word (l->a.text));
      else
        mbs_snprintf (l->feedback, sizeof l->feedback,
                      _("Not quite. The answer: %s."),
                      answer_word (l->a.text));
      l->answered = true;
      if (keep && progress_cp (l->pg, l->name, p->id) != CP_SOLVED)
        progress_cp_set (l->pg, l->name, p->id, CP_WRONG);
      save_pos (l);
    }
  else if (mistake && *mistake)
    /* TRANSLATORS: a first wrong answer: what was wrong with it (%s, a
       sentence). */
    mbs_snprintf (l->feedback, sizeof l->feedback,
                  _("Not quite. %s Try once more (? for a hint, ! to see "
                    "the answer)."), mistake);
  else
    mbs_snprintf (l->feedback, sizeof l->feedback, "%s",
                  _("Not quite. Try once more (? for a hint, ! to see the "
                    "answer)."));
  free (mistake);
  l->field[0] = '\0';
}

/* The owner of 1-page block F of unpaged machine VM: the live process
   whose base and limit cover it, or VM_NONE. */
static uint32_t
block_owner (struct vm *vm, uint32_t f)
{
  unsigned shift = vm_page_shift (vm);
  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    {
      struct vm_proc_info pi;
      if (!vm_proc_info (vm, p, &pi) || !pi.alive)
        continue;
      uint64_t first = pi.base >> shift;
      uint64_t end = (pi.base + (pi.limit ? pi.limit : 1)
                      + (1ull << shift) - 1) >> shift;
      if (f >= first && f < end)
        return p;
    }
  return VM_NONE;
}

/* The cell of frame F and the frames it stands for (*SPAN): on an
   unpaged machine a run of blocks with one owner, its addresses and
   owner, "0x4000-0x5fff:NAME" ("-" for free memory); else "F:PAGE".
   *USED: whether it is in use, by process *OWNER (VM_NONE for the
   kernel's or a shared object's). */
static void
frame_cell (struct vm *vm, uint32_t f, uint32_t nf, char *cell, size_t n,
            uint32_t *span, uint32_t *owner, bool *used)
{
  char page[32];

  *span = 1;
  if (vm_config (vm)->unpaged)
    {
      uint32_t p = block_owner (vm, f), e = f;
      while (e + 1 < nf && block_owner (vm, e + 1) == p)
        e++;
      *span = e - f + 1;
      *owner = p;
      *used = p != VM_NONE;
      unsigned shift = vm_page_shift (vm);
      snprintf (cell, n, "0x%04llx-0x%04llx:%s ",
                (unsigned long long) f << shift,
                (((unsigned long long) e + 1) << shift) - 1,
                p == VM_NONE ? "-" : narrate_proc (vm, p));
      return;
    }
  struct vm_frame_info fi;
  vm_frame_info (vm, f, &fi);
  *owner = fi.owner_pid;
  *used = fi.used;
  if (fi.used && fi.owner_pid != VM_NONE)
    narrate_page (page, sizeof page, vm, fi.owner_pid, fi.owner_vpn);
  else
    snprintf (page, sizeof page, "%s", fi.used ? "*" : "-");
  snprintf (cell, n, "%u:%s ", f, page);
}

/* The frames of the machine in one or two rows; the frames that do not
   fit are counted at the end of the last row ("+12 more"), never cut
   silently.  A machine without a TLB shows no TLB count. */
static int
draw_frames (struct lt *l, int y, int w)
{
  struct vm *vm = run_vm (l->r);
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  int x = 2, last = LINES - 3;
  uint32_t nf = cfg->frames;

  {
    char fr[64], ac[64], fa[64], th[64];
    unsigned long long na = st->accesses, nfa = st->faults,
      nh = st->tlb_hits;
    unsigned long long kib = (unsigned long long) cfg->frames
      * cfg->page_size / 1024;
    if (cfg->unpaged)
      /* TRANSLATORS: the memory of a machine without paging, "64 KiB of
         memory", on the lesson screen. */
      snprintf (fr, sizeof fr, ngettext ("%llu KiB of memory",
                                         "%llu KiB of memory", kib), kib);
    else
      snprintf (fr, sizeof fr, ngettext ("%u frame", "%u frames",
                                         cfg->frames), cfg->frames);
    snprintf (ac, sizeof ac, ngettext ("%llu access", "%llu accesses", na),
              na);
    snprintf (fa, sizeof fa, ngettext ("%llu fault", "%llu faults", nfa),
              nfa);
    snprintf (th, sizeof th, ngettext ("%llu TLB hit", "%llu TLB hits", nh),
              nh);
    char *line;
    if (cfg->tlb_entries)
      /* TRANSLATORS: the counts "4 frames", "12 accesses", "7 faults",
         "0 TLB hits". */
      line = xasprintf (_("Machine: %s; %s, %s, %s"), fr, ac, fa, th);
    else
      /* TRANSLATORS: the counts "4 frames", "12 accesses", "7 faults"
         of a machine without a TLB. */
      line = xasprintf (_("Machine: %s; %s, %s"), fr, ac, fa);
    draw_fit (y, 2, w - 4, ui_attr (C_LABEL), line);
    free (line);
  }
  y++;
  for (uint32_t f = 0; f < nf;)
    {
      char cell[96], more[64];
      uint32_t span, owner;
      bool used;
      frame_cell (vm, f, nf, cell, sizeof cell, &span, &owner, &used);
      uint32_t rest = nf - f - span;
      int cw = text_width (cell), mw = 0;
      if (rest)
        {
          /* TRANSLATORS: the frames that did not fit on the lesson
             screen's frame rows. */
          snprintf (more, sizeof more, ngettext ("+%u more", "+%u more",
                                                 rest), rest);
          mw = text_width (more);
        }
      if (x + cw > w - 2 && x > 2 && y < last)
        {
          y++;
          x = 2;
        }
      /* On the last row, room for this cell and the count of the rest,
         or the count instead of it. */
      if (y >= last && (x + cw > w - 2 || (rest && x + cw + mw > w - 2)))
        {
          snprintf (more, sizeof more, ngettext ("+%u more", "+%u more",
                                                 nf - f), nf - f);
          draw_text (y, x, w - x, ui_attr (C_DIM), more);
          break;
        }
      x += draw_text (y, x, w - x, ui_attr (used ? ui_proc_color (owner)
                                        : C_DIM), cell);
      f += span;
    }
  return y + 1;
}

static void
draw_lesson (struct lt *l)
{
  int w = COLS, y = 2, bottom = LINES - 2;
  const char *title = scenario_title (l->sc);

  char stop[64];
  int sw = 0;

  canvas_erase ();
  /* The stop number on the right, whole; the title gives way to it.  */
  if (!l->at_end)
    {
      snprintf (stop, sizeof stop, _("stop %zu"), l->cur + 1);
      sw = text_width (stop);
      if (sw > w - 2)
        sw = 0;
      else
        draw_text (0, w - 1 - sw, sw, ui_attr (C_DIM), stop);
    }
  draw_short (0, 1, w - 2 - (sw ? sw + 2 : 0), ui_attr (C_TITLE), title);
  if (l->at_end)
    {
      size_t n, solved = 0;
      const struct sc_predict **cps = scenario_checkpoints (l->sc, &n);
      for (size_t i = 0; i < n; i++)
        if (progress_cp (l->pg, l->name, cps[i]->id) == CP_SOLVED)
          solved++;
      free (cps);
      draw_printf (y, 2, w - 4, ui_attr (C_HIT),
                   ngettext ("Lesson complete: %zu of %zu checkpoint solved.",
                             "Lesson complete: %zu of %zu checkpoints "
                             "solved.", n), solved, n);
      y += 2;
    }
  else
    {
      /* The narration since the last stop, newest last: as many of the
         newest entries (at most 6) as fit whole; one too long for the
         room left ends in "…", never cut without a mark; the older
         ones left out are counted on the free row under the title.  */
      int room = bottom - 6 - y, used = 0;
      size_t first = l->nlog;
      while (first > 0 && l->nlog - first < 6)
        {
          int rows = wrap_lines (l->log[first - 1], w - 4, NULL, 0);
          if (first < l->nlog && used + rows > room)
            break;
          used += rows;
          first--;
        }
      if (first > 0)
        {
          char more[160];
          snprintf (more, sizeof more,
                    ngettext ("(%zu earlier step not shown; Tab shows the "
                              "machine)",
                              "(%zu earlier steps not shown; Tab shows the "
                              "machine)", first), first);
          draw_fit (y - 1, 2, w - 4, ui_attr (C_DIM), more);
        }
      for (size_t i = first; i < l->nlog && y < bottom - 6; i++)
        {
          int left = bottom - 6 - y;
          int rows = wrap_lines (l->log[i], w - 4, NULL, 0);
          y += draw_wrapped (y, 2, left, w - 4, ui_attr (C_DIM), l->log[i]);
          if (rows > left)
            draw_text (y - 1, w - 3, 1, ui_attr (C_DIM), glyph (G_ELLIPSIS));
        }
      if (l->nlog)
        y++;
      if (l->p)
        {
          const struct sc_predict *p = l->p;
          char q[600];
          if (l->t.kind == TICK_ASK)
            snprintf (q, sizeof q, _("Question: %s"), checkpoint_question (p));
          else
            snprintf (q, sizeof q, _("Predict: %s"), checkpoint_question (p));
          y += draw_wrapped (y, 2, 6, w - 4, ui_attr (C_FOCUS), q);
          for (size_t i = 0; i < p->nchoices && y < bottom; i++)
            draw_printf (y++, 4, w - 6, ui_attr (C_TEXT), "%c) %s",
                         (int) ('a' + i), p->choices[i]);
          if (!l->answered)
            {
              int x = draw_printf (y, 2, w - 4, ui_attr (C_LABEL), "%s",
                                   _("Your answer: "));
              draw_text (y, 2 + x, w - 4 - x, ui_attr (C_SELECT),
                         l->field[0] ? l->field : " ");
              y += 2;
            }
          if (l->hint_shown)
            {
              char h[600];
              snprintf (h, sizeof h, _("Hint: %s"),
                        p->hint ? p->hint : _("No hint for this one."));
              y += draw_wrapped (y, 2, 4, w - 4, ui_attr (C_LABEL), h) + 1;
            }
          if (l->feedback[0])
            y += draw_wrapped (y, 2, 8, w - 4,
                               ui_attr (l->answered ? C_TEXT : C_MAJOR),
                               l->feedback) + 1;
        }
      else if (l->t.kind == TICK_ASK)
        {
          y += draw_wrapped (y, 2, 6, w - 4, ui_attr (C_FOCUS), l->t.text);
          for (size_t i = 0; i < l->t.nchoices && y < bottom; i++)
            draw_printf (y++, 4, w - 6, ui_attr (C_TEXT), "%c) %s",
                         (int) ('a' + i), l->t.choices[i]);
        }
      else if (l->t.text)
        y += draw_wrapped (y, 2, bottom - y - 4, w - 4, ui_attr (C_TEXT),
                           l->t.text) + 1;
    }
  if (y < bottom - 2)
    draw_frames (l, bottom - 3 > y ? bottom - 3 : y, w);
  if (l->confirm_restart)
    draw_printf (LINES - 1, 1, w - 2, ui_attr (C_BAD), "%s",
                 _("Restart this lesson and forget its answers? (y/n)"));
  else if (l->msg[0])
    draw_printf (LINES - 1, 1, w - 2, ui_attr (C_MAJOR), "%s", l->msg);
  else
    {
      /* The keys in words when they fit, else in short: never cut. */
      bool typing = l->p && !l->answered && !l->at_end;
      const char *keys = typing
        ? _("Type an answer, Enter: check   ?: hint   !: show "
            "answer   Tab: the machine   Esc: leave")
        : _("Enter/Right: next   Left: previous   Tab/v: the machine   "
            "R: restart   q: leave");
      if (text_width (keys) > w - 2)
        keys = typing ? _("Enter check  ? hint  ! answer  Tab machine  "
                          "Esc leave")
          : _("Right next  Left back  Tab machine  R restart  q leave");
      draw_printf (LINES - 1, 1, w - 2, ui_attr (C_DIM), "%s", keys);
    }
  canvas_refresh ();
}

/* Handle key CH; false to leave the lesson. */
static bool
lesson_key_press (struct lt *l, wint_t ch, bool fn)
{
  bool typing = !l->at_end && l->p && !l->answered
    && l->has_a;

  l->msg[0] = '\0';
  if (l->confirm_restart)
    {
      l->confirm_restart = false;
      if (!fn && answer_yes_key ((unsigned) ch))
        {
          progress_reset_lesson (l->pg, l->name);
          show (l, 0);
          save_pos (l);
        }
      return true;
    }
  if (fn && ch == KEY_RESIZE)
    return true;
  if (l->at_end && !fn && (ch == ' ' || ch == '\r' || ch == '\n'))
    return false;
  if (!fn && ch == '\t')
    {
      /* The whole machine, every pane, at this point of the lesson.  */
      ui_visualise (l->u, l->file, run_position (l->r));
      return true;
    }
  if (typing)
    {
      size_t n = strlen (l->field);
      if (!fn && (ch == '\r' || ch == '\n'))
        submit (l);
      else if ((fn && ch == KEY_ENTER))
        submit (l);
      else if ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8)))
        {
          while (n > 0 && (l->field[n - 1] & 0xc0) == 0x80)
            n--;
          if (n > 0)
            l->field[n - 1] = '\0';
        }
      else if (!fn && ch == 27)
        return false;
      else if (!fn && ch == '?' && n == 0)
        {
          l->hint_shown = true;
        }
      else if (!fn && ch == '!' && n == 0)
        {
          strcpy (l->field, "!");
          submit (l);
        }
      else if (!fn && ch >= ' ' && ch != 127)
        {
          char mb[MB_LEN_MAX + 1];
          int k = wctomb (mb, (wchar_t) ch);
          if (k > 0 && n + (size_t) k <= FIELD_MAX)
            {
              memcpy (l->field + n, mb, (size_t) k);
              l->field[n + (size_t) k] = '\0';
            }
        }
      else if (fn && ch == KEY_LEFT && n == 0)
        prev_stop (l);
      return true;
    }
  if (fn)
    switch (ch)
      {
      case KEY_RIGHT: case KEY_NPAGE: case KEY_ENTER:
        next_stop (l);
        return true;
      case KEY_LEFT: case KEY_PPAGE:
        prev_stop (l);
        return true;
      default:
        return true;
      }
  switch (ch)
    {
    case ' ': case '\r': case '\n': case 'n':
      if (l->at_end)
        return false;
      next_stop (l);
      return true;
    case 'p': case 'b':
      prev_stop (l);
      return true;
    case 'R':
      l->confirm_restart = true;
      return true;
    case 'v':
      ui_visualise (l->u, l->file, run_position (l->r));
      return true;
    case 'q': case 'Q': case 27:
      return false;
    default:
      return true;
    }
}

/* Take lesson FILE on the screen of U. */
static void
take_lesson (struct ui *u, const char *file, struct progress *pg)
{
  struct lt l;
  char *err = NULL;
  struct progress_lesson *pl;

  memset (&l, 0, sizeof l);
  l.u = u;
  l.file = file;
  l.pg = pg;
  l.sc = scenario_load (file, &err);
  if (!l.sc)
    {
      ui_restore ();
      fprintf (stderr, "%s: %s\n", program_name, err);
      exit (2);
    }
  l.name = lesson_name_of (file);
  pl = progress_lesson (pg, l.name, true);
  if (pl->done || pl->pos >= scenario_ticks (l.sc))
    pl->pos = 0;
  if (pl->pos > 0)
    mbs_snprintf (l.msg, sizeof l.msg, "%s", _("Welcome back: resuming where "
                                           "you stopped."));
  else
    {
      char *notice = lesson_notice (file);
      if (notice)
        mbs_snprintf (l.msg, sizeof l.msg, "%s", notice);
      free (notice);
    }
  find_stops (&l);
  {
    size_t k = 0;
    char msg[512];
    while (k < l.nstops && l.stops[k] < pl->pos)
      k++;
    memcpy (msg, l.msg, sizeof msg);
    show (&l, k);
    memcpy (l.msg, msg, sizeof msg);
  }
  if (!l.r)
    {
      ui_restore ();
      fprintf (stderr, "%s: %s\n", program_name, _("the lesson's machine "
                                                   "is invalid"));
      exit (2);
    }
  save_pos (&l);
  for (;;)
    {
      wint_t ch;
      int k;
      draw_lesson (&l);
      k = get_wch (&ch);
      if (k == ERR)
        continue;
      if (!lesson_key_press (&l, ch, k == KEY_CODE_YES))
        break;
    }
  save_pos (&l);
  log_clear (&l);
  if (l.has_a)
    checkpoint_answer_free (&l.a);
  free (l.stops);
  free (l.name);
  run_free (l.r);
  scenario_free (l.sc);
}

/* The list of lessons; returns the index chosen or -1 to quit. */
static int
choose (struct progress *pg, const struct lesson_list *ls, size_t *sel)
{
  bool confirm = false;

  for (;;)
    {
      int y = 2, w = COLS;
      size_t top = 0, rows = LINES > 6 ? (size_t) LINES - 5 : 1;
      wint_t ch;
      int k;

      if (*sel >= top + rows)
        top = *sel - rows + 1;
      canvas_erase ();
      draw_printf (0, 1, w - 2, ui_attr (C_TITLE), "%s",
                   _("vmtutor lessons"));
      for (size_t i = top; i < ls->n && i < top + rows; i++)
        {
          size_t solved;
          const char *st = lesson_status (pg, &ls->v[i], &solved);
          char right[200];
          int rw;
          /* The status padded to the widest status, in columns.  */
          const char *sw = strcmp (st, "done") == 0 ? _("done")
                           : strcmp (st, "started") == 0 ? _("started")
                           : _("new");
          char stp[96];
          int sww = 7;
          if (text_width (_("done")) > sww)
            sww = text_width (_("done"));
          if (text_width (_("started")) > sww)
            sww = text_width (_("started"));
          if (text_width (_("new")) > sww)
            sww = text_width (_("new"));
          snprintf (stp, sizeof stp, "%s%*s", sw,
                    sww - text_width (sw) > 0 ? sww - text_width (sw) : 0,
                    "");
          snprintf (right, sizeof right, _("%3u min  %s %zu/%zu"),
                    ls->v[i].minutes, stp, solved, ls->v[i].ncps);
          rw = text_width (right);
          attr_t ta = ui_attr (i == *sel ? C_SELECT : C_TEXT);
          int nw = draw_printf (y, 1, w - rw - 3, ta, "%2zu. ", i + 1);
          /* A title too wide: its shorter form (before its colon). */
          draw_short (y, 1 + nw, w - rw - 3 - nw, ta,
                      ls->v[i].title ? ls->v[i].title : ls->v[i].name);
          if (w - rw - 1 > 0)
            draw_text (y, w - rw - 1, rw, ui_attr (i == *sel ? C_SELECT
                                                    : C_DIM), right);
          y++;
        }
      {
        const char *keys = _("Up/Down: choose   Enter: open   X: reset all   "
                             "q: quit");
        /* TRANSLATORS: the lesson list's keys on a narrow screen. */
        if (text_width (keys) > w - 2)
          keys = _("Up/Down choose  Enter open  X reset  q quit");
        draw_fit (LINES - 1, 1, w - 2, ui_attr (confirm ? C_BAD : C_DIM),
                  confirm ? _("Forget your progress in every lesson? (y/n)")
                          : keys);
      }
      canvas_refresh ();
      k = get_wch (&ch);
      if (k == ERR)
        continue;
      if (confirm)
        {
          confirm = false;
          if (k != KEY_CODE_YES && answer_yes_key ((unsigned) ch))
            {
              progress_reset_all (pg);
              progress_save (pg);
            }
          continue;
        }
      if (k == KEY_CODE_YES)
        switch (ch)
          {
          case KEY_UP: if (*sel > 0) --*sel; break;
          case KEY_DOWN: if (*sel + 1 < ls->n) ++*sel; break;
          case KEY_HOME: *sel = 0; break;
          case KEY_END: *sel = ls->n ? ls->n - 1 : 0; break;
          case KEY_ENTER: return (int) *sel;
          default: break;
          }
      else if (ch == '\r' || ch == '\n' || ch == ' ')
        return (int) *sel;
      else if (ch == 'k' && *sel > 0)
        --*sel;
      else if (ch == 'j' && *sel + 1 < ls->n)
        ++*sel;
      else if (ch == 'X')
        confirm = true;
      else if (ch == 'q' || ch == 'Q' || ch == 27)
        return -1;
    }
}

int
lesson_tui_screen (struct ui *u, const char *file)
{
  struct progress *pg = progress_load ();
  struct lesson_list ls = { NULL, 0 };
  size_t sel = 0, solved;

  colors_project (u->project);
  if (!file)
    {
      lesson_list_load (&ls);
      if (ls.n == 0)
        {
          progress_free (pg);
          ui_restore ();
          warn_msg (_("no lessons in %s"), lesson_dir ());
          return 2;
        }
      /* Start on the first lesson not done.  */
      while (sel + 1 < ls.n
             && strcmp (lesson_status (pg, &ls.v[sel], &solved), "done")
                == 0)
        sel++;
    }
  if (file)
    take_lesson (u, file, pg);
  else
    for (;;)
      {
        int k = choose (pg, &ls, &sel);
        if (k < 0)
          break;
        take_lesson (u, ls.v[k].file, pg);
      }
  lesson_list_free (&ls);
  progress_free (pg);
  return 0;
}

int
lesson_tui (const struct options *o, const char *file)
{
  struct ui *u = xcalloc (1, sizeof *u);
  int status;

  u->opt = o;
  u->project = o->project;
  u->light = o->light;
  u->utf8 = strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
  draw_set_utf8 (u->utf8);
  screen_init (u);
  status = lesson_tui_screen (u, file);
  ui_restore ();
  free (u);
  return status;
}
