/* ui.c: the interactive visualiser's entry point and main loop: load the
 * scenario (errors before the screen starts), start the screen, then
 * draw, wait for a key or the next run tick, dispatch the key through the
 * key table, and restore the terminal on the way out. */
#include "system.h"

#include <langinfo.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "lesson/lesson-tui.h"
#include "util.h"

/* Run speeds in ticks per second; 0 is "as fast as possible". */
static const int speeds[] = { 1, 2, 4, 8, 15, 30, 60, 125, 250, 500, 1000,
                              5000, 0 };
#define SPEED_DEFAULT 2
#define FRAME_MS 33

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

const char *
ui_speed_label (const struct ui *u)
{
  static char buf[32];
  if (speeds[u->speed] == 0)
    return _("max");
  snprintf (buf, sizeof buf, _("%d/s"), speeds[u->speed]);
  return buf;
}

void
ui_message (struct ui *u, bool error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (u->message, sizeof u->message, fmt, ap);
  va_end (ap);
  u->message_error = error;
}

void
ui_goto (struct ui *u, uint64_t pos)
{
  if (pos > history_total (u->hist))
    pos = history_total (u->hist);
  /* A long way forwards takes a moment: say so first. */
  if (pos > history_pos (u->hist) + 200000 && !u->bench && !u->too_small)
    {
      char msg[96];
      snprintf (msg, sizeof msg, _("running to step %llu..."),
                (unsigned long long) pos);
      canvas_blank (LINES - 1, 0, COLS);
      draw_text (LINES - 1, 0, COLS, ui_attr (C_FOCUS), msg);
      canvas_refresh ();
    }
  if (pos == history_pos (u->hist) + 1)
    history_step (u->hist);
  else if (pos != history_pos (u->hist))
    history_goto (u->hist, pos);
  if (u->cmp)
    compare_goto (u->cmp, history_pos (u->hist));
  u->log_follow = true;
}

/* Step N ticks forwards; stop early at the end and, when running, at a
 * pause tick.  Returns the ticks done. */
static uint64_t
advance (struct ui *u, uint64_t n)
{
  uint64_t done = 0;
  while (done < n)
    {
      if (!history_step (u->hist))
        {
          if (u->running)
            ui_message (u, false, "%s", _("end of the scenario"));
          u->running = false;
          break;
        }
      done++;
      const struct tick *t = history_tick (u->hist);
      if (u->running && t && (t->kind == TICK_PAUSE || t->kind == TICK_PAGE))
        {
          u->running = false;
          ui_message (u, false, "%s", _("pause: press Space or a step key "
                                        "to go on"));
          break;
        }
      if (ask_pending (u))
        {
          /* The question is asked on the main view.  */
          u->running = false;
          u->view = VIEW_MAIN;
          break;
        }
    }
  if (u->cmp)
    compare_goto (u->cmp, history_pos (u->hist));
  u->log_follow = true;
  return done;
}

static void
draw_status (struct ui *u)
{
  int y = LINES - 1;
  canvas_blank (y, 0, COLS);
  if (u->message[0])
    {
      draw_fit (y, 0, COLS, ui_attr (u->message_error ? C_BAD : C_FOCUS),
                 u->message);
      return;
    }
  /* The most used keys, in fewer words when the line is narrow: "? help"
     (which lists them all) and "q quit" are never cut. */
  static const char *const lines[2][4] = {
    { N_("Right/Left step  Space run  g go to  / search  Tab pane  "
         "p project  c compare  r grid  f curve  s strip  ? help  q quit"),
      N_("Right/Left step  Space run  g go to  / search  Tab pane  "
         "p project  c compare  ? help  q quit"),
      N_("Right/Left step  Space run  g go to  / find  Tab pane  "
         "p proj  ? help  q quit"),
      N_("Right/Left step  Space run  / find  ? help  q quit") },
    { N_("Right/Left step  Space run  c main view  ? help  q quit"),
      N_("Right/Left step  Space run  c main view  ? help  q quit"),
      N_("Right/Left step  c main view  ? help  q quit"),
      N_("Right/Left step  c main view  ? help  q quit") }
  };
  int v = u->view == VIEW_COMPARE;
  const char *help = _(lines[v][0]);
  for (int k = 1; k < 4 && text_width (help) > COLS; k++)
    help = _(lines[v][k]);
  draw_text (y, 0, COLS, ui_attr (C_DIM), help);
}

static void
draw_too_small (struct ui *u)
{
  char msg[128];
  snprintf (msg, sizeof msg, _("terminal too small (%d%s%d, need %d%s%d)"),
            COLS, glyph (G_TIMES), LINES, 60, glyph (G_TIMES), 20);
  int w = text_width (msg);
  draw_text (LINES / 2, w < COLS ? (COLS - w) / 2 : 0, COLS, ui_attr (C_BAD),
             msg);
  (void) u;
}

/* Frames drawn, for the bench report. */
static uint64_t frames_drawn;

uint64_t
ui_frames_drawn (void)
{
  return frames_drawn;
}

void
ui_speed_fastest (struct ui *u)
{
  u->speed = (int) ARRAY_SIZE (speeds) - 1;
}

void
ui_draw (struct ui *u)
{
  frames_drawn++;
  canvas_erase ();
  picture_follow (u);
  layout (u);
  if (u->too_small)
    {
      draw_too_small (u);
      canvas_refresh ();
      return;
    }
  if (u->view == VIEW_COMPARE && u->cmp)
    compare_draw (u);
  else
    for (int i = 0; i < PANE_COUNT; i++)
      if (u->rect[i].h > 0)
        pane_ops ((enum pane_id) i)->draw (u, &u->rect[i]);
  if (u->view == VIEW_MAIN)
    ask_draw (u);
  if (u->view == VIEW_HELP)
    keys_draw_help (u);
  draw_status (u);
  canvas_refresh ();
}

bool
ui_prompt (struct ui *u, const char *prompt, char *buf, size_t n)
{
  size_t len = 0;
  buf[0] = '\0';
  timeout (-1);
  curs_set (1);
  for (;;)
    {
      int y = LINES - 1;
      canvas_blank (y, 0, COLS);
      int x = draw_text (y, 0, COLS, ui_attr (C_FOCUS), prompt);
      x += draw_text (y, x, COLS - x - 1, ui_attr (C_TEXT), buf);
      canvas_move (y, x < COLS ? x : COLS - 1);
      canvas_refresh ();
      int ch = getch ();
      if (ch == KEY_RESIZE)
        {
          ui_draw (u);
          continue;
        }
      if (ch == 27 || ch == ERR)
        {
          curs_set (0);
          return false;
        }
      if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
        break;
      if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len > 0)
        buf[--len] = '\0';
      else if (ch >= 32 && ch < 256 && ch != 127 && len + 1 < n)
        {
          buf[len++] = (char) ch;
          buf[len] = '\0';
        }
    }
  curs_set (0);
  return true;
}

static void
do_goto (struct ui *u)
{
  char buf[32], prompt[96];
  snprintf (prompt, sizeof prompt, _("go to step (0-%llu): "),
            (unsigned long long) history_total (u->hist));
  if (!ui_prompt (u, prompt, buf, sizeof buf) || !buf[0])
    return;
  char *end;
  unsigned long long v = strtoull (buf, &end, 10);
  if (*end || buf[0] == '-')
    {
      ui_message (u, true, _("not a step number: %s"), buf);
      return;
    }
  ui_goto (u, v);
}

static void
do_search (struct ui *u)
{
  char buf[sizeof u->pattern];
  if (!ui_prompt (u, "/", buf, sizeof buf) || !buf[0])
    return;
  if (log_search_set (u, buf))
    log_search_next (u, 1);
}

/* Tab: the next pane that can take the focus. */
static void
next_pane (struct ui *u)
{
  static const enum pane_id order[] = { PANE_VSPACE, PANE_FRAMES, PANE_WALK,
                                        PANE_TLB, PANE_SWAP, PANE_LOG,
                                        PANE_NARRATE };
  size_t k = 0;
  for (size_t i = 0; i < ARRAY_SIZE (order); i++)
    if (order[i] == u->focus)
      k = i;
  const struct vm *vm = run_vm (history_run (u->hist));
  for (size_t step = 1; step <= ARRAY_SIZE (order); step++)
    {
      enum pane_id p = order[(k + step) % ARRAY_SIZE (order)];
      /* Panes without room take turns in a shared place (layout.c). */
      if (p == PANE_TLB && vm_tlb_size (vm) == 0)
        continue;
      if (p == PANE_SWAP && (vm_config (vm)->swap_slots == 0
                             || vm_config (vm)->unpaged))
        continue;
      if (u->project && u->rect[p].h == 0)
        continue;
      u->focus = p;
      return;
    }
}

static void
do_click (struct ui *u)
{
  MEVENT me;
  if (getmouse (&me) != OK)
    return;
  if (!(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
    return;
  enum pane_id p = layout_hit (u, me.y, me.x);
  if (p == PANE_COUNT || u->view != VIEW_MAIN)
    return;
  if (p != PANE_HEADER && p != PANE_BIG)
    u->focus = p;
  const struct pane *ops = pane_ops (p);
  if (ops->click)
    ops->click (u, &u->rect[p], me.y, me.x);
}

/* The view the help screen returns to. */
static enum ui_view help_return = VIEW_MAIN;

/* Handle one key; false to quit. */
static bool
handle_key (struct ui *u, int ch)
{
  if (ch == KEY_MOUSE)
    {
      do_click (u);
      return true;
    }
  if (u->view == VIEW_HELP)
    {
      u->view = help_return;
      return true;
    }
  u->message[0] = '\0';
  /* A question takes its answer keys before the key table.  */
  if (u->view == VIEW_MAIN && ask_key (u, ch))
    return true;
  enum ui_action a = key_action (ch);
  if (ask_pending (u) && (a == ACT_STEP || a == ACT_RUN))
    {
      u->running = false;
      ask_refuse_step (u);
      return true;
    }
  if (u->view == VIEW_MAIN && (a == ACT_UP || a == ACT_DOWN))
    {
      const struct pane *ops = pane_ops (u->focus);
      if (ops->key && ops->key (u, ch))
        return true;
    }
  switch (a)
    {
    case ACT_STEP:
      u->running = false;
      if (!advance (u, 1))
        ui_message (u, false, "%s", _("at the end of the scenario"));
      break;
    case ACT_BACK:
      u->running = false;
      if (history_pos (u->hist) > 0)
        ui_goto (u, history_pos (u->hist) - 1);
      else
        ui_message (u, false, "%s", _("at the start of the scenario"));
      break;
    case ACT_RUN:
      u->running = !u->running;
      if (u->running && history_pos (u->hist) >= history_total (u->hist))
        u->running = false;
      break;
    case ACT_FASTER:
      if (u->speed + 1 < (int) ARRAY_SIZE (speeds))
        u->speed++;
      ui_message (u, false, _("speed %s"), ui_speed_label (u));
      break;
    case ACT_SLOWER:
      if (u->speed > 0)
        u->speed--;
      ui_message (u, false, _("speed %s"), ui_speed_label (u));
      break;
    case ACT_GOTO:
      u->running = false;
      do_goto (u);
      break;
    case ACT_HOME:
      u->running = false;
      ui_goto (u, 0);
      break;
    case ACT_END:
      u->running = false;
      ui_goto (u, history_total (u->hist));
      break;
    case ACT_SEARCH:
      u->running = false;
      do_search (u);
      break;
    case ACT_NEXT:
    case ACT_PREV:
      u->running = false;
      log_search_next (u, a == ACT_NEXT ? 1 : -1);
      break;
    case ACT_NEXT_PANE:
      next_pane (u);
      break;
    case ACT_INSPECT_CLEAR:
      u->sel = SEL_NONE;
      break;
    case ACT_PROJECT:
      u->project = !u->project;
      colors_project (u->project);
      break;
    case ACT_COMPARE:
      if (u->view == VIEW_COMPARE)
        u->view = VIEW_MAIN;
      else
        compare_open (u);
      break;
    case ACT_GRID:
      picture_toggle (u, PIC_GRID);
      break;
    case ACT_CURVE:
      picture_toggle (u, PIC_CURVE);
      break;
    case ACT_STRIP:
      picture_toggle (u, PIC_STRIP);
      break;
    case ACT_HELP:
      help_return = u->view;
      u->view = VIEW_HELP;
      break;
    case ACT_QUIT:
      return false;
    case ACT_UP:
    case ACT_DOWN:
    case ACT_NONE:
    default:
      break;
    }
  return true;
}

/* Ticks to run in one frame at the current speed, and the frame length. */
static uint64_t
run_batch (const struct ui *u, int *frame_ms)
{
  int s = speeds[u->speed];
  if (s == 0)
    {
      *frame_ms = FRAME_MS;
      return 0;
    }
  int ms = 1000 / s;
  if (ms >= FRAME_MS)
    {
      *frame_ms = ms;
      return 1;
    }
  *frame_ms = FRAME_MS;
  return (uint64_t) s * FRAME_MS / 1000;
}

void
ui_main_loop (struct ui *u)
{
  double next_due = 0;
  bool quit = false;
  while (!quit)
    {
      ui_draw (u);
      if (u->bench && !u->running)
        break;
      int frame_ms = FRAME_MS;
      uint64_t batch = run_batch (u, &frame_ms);
      if (u->running)
        {
          double wait = next_due - now_ms ();
          timeout (wait > 0 ? (int) wait : 0);
        }
      else
        timeout (-1);
      int ch = getch ();
      if (ch == ERR)
        {
          if (!u->running)
            continue;
          next_due = now_ms () + frame_ms;
          if (batch)
            advance (u, batch);
          else
            {
              /* As fast as possible: run for most of a frame. */
              double stop = now_ms () + FRAME_MS * 0.8;
              while (u->running && now_ms () < stop)
                advance (u, 64);
            }
          continue;
        }
      if (ch == KEY_RESIZE)
        continue;
      bool was_running = u->running;
      quit = !handle_key (u, ch);
      if (u->running && !was_running)
        next_due = 0;
    }
}

static uint64_t
tick_of_access (const void *arg, uint64_t step)
{
  const struct ui *u = arg;
  return history_tick_of_access (u->hist, step);
}

static void
override_machine (void *ctx, struct vm_config *cfg)
{
  machine_opts_apply (ctx, cfg);
}

/* Load FILE (NULL: the --refs or --trace source) and make its run; on
 * error set *ERRP and return false. */
static bool
open_scenario (struct ui *u, const char *file, char **errp)
{
  char *err = NULL;
  struct scenario *sc = file ? scenario_load (file, &err)
    : source_scenario (u->opt, &err);
  if (!file)
    file = u->opt->refs ? "--refs" : u->opt->trace;
  if (!sc)
    {
      *errp = err ? err : xasprintf ("%s: %s", file, _("cannot load"));
      return false;
    }
  struct run *r = run_new (sc, override_machine,
                           (void *) &u->opt->machine, &err);
  if (!r)
    {
      *errp = xasprintf ("%s: %s", file, err ? err : _("invalid machine"));
      free (err);
      scenario_free (sc);
      return false;
    }
  u->sc = sc;
  u->hist = history_new (r);
  return true;
}

void
ui_visualise (const struct ui *screen, const char *file, uint64_t pos)
{
  struct ui u;
  char *err = NULL;

  memset (&u, 0, sizeof u);
  u.opt = screen->opt;
  u.project = screen->project;
  u.light = screen->light;
  u.utf8 = screen->utf8;
  u.color = screen->color;
  u.color256 = screen->color256;
  u.speed = SPEED_DEFAULT;
  u.focus = PANE_FRAMES;
  u.log_follow = true;
  u.sc_picture = SC_VIEW_NONE - 1;
  if (!open_scenario (&u, file, &err))
    {
      free (err);
      return;
    }
  colors_project (u.project);
  narrate_set_steps (tick_of_access, &u);
  ui_goto (&u, pos);
  ui_main_loop (&u);
  narrate_set_steps (NULL, NULL);
  compare_free (u.cmp);
  strip_free ();
  free (u.answers);
  log_search_free (&u);
  history_free (u.hist);
  scenario_free (u.sc);
}

int
ui_main (const struct options *o)
{
  struct ui u;
  const char *bench = getenv ("VMTUTOR_BENCH");

  memset (&u, 0, sizeof u);
  u.opt = o;
  u.project = o->project;
  u.light = o->light;
  u.speed = SPEED_DEFAULT;
  u.focus = PANE_FRAMES;
  u.log_follow = true;
  u.sc_picture = SC_VIEW_NONE - 1;
  u.utf8 = strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
  draw_set_utf8 (u.utf8);

  if (o->nfiles > 1)
    {
      fprintf (stderr, _("%s: give one scenario file\n"), program_name);
      fprintf (stderr, _("Try '%s --help' for more information.\n"),
               program_name);
      return 2;
    }
  if (o->nfiles == 1 || o->refs || o->trace)
    {
      char *err = NULL;
      if (!open_scenario (&u, o->nfiles ? o->files[0] : NULL, &err))
        {
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          return 2;
        }
    }
  if (!isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    {
      fprintf (stderr, _("%s: the interactive interface needs a terminal on "
                         "standard input and output; use --batch to print "
                         "the run instead (see '%s --help')\n"),
               program_name, program_name);
      history_free (u.hist);
      scenario_free (u.sc);
      return 2;
    }

  screen_init (&u);
  if (!u.hist)
    {
      char *err = NULL;
      for (;;)
        {
          char *path = start_choose (&u);
          if (!path)
            {
              ui_restore ();
              return 0;
            }
          if (strcmp (path, START_LESSONS) == 0)
            {
              int status = lesson_tui_screen (&u, NULL);
              free (path);
              ui_restore ();
              return status;
            }
          bool ok = open_scenario (&u, path, &err);
          free (path);
          if (ok)
            break;
          ui_restore ();
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          return 2;
        }
    }
  colors_project (u.project);
  narrate_set_steps (tick_of_access, &u);
  char *report = NULL;
  if (bench && *bench)
    report = bench_main (&u, bench);
  else
    ui_main_loop (&u);
  ui_restore ();
  if (report)
    fputs (report, stderr);
  free (report);

  compare_free (u.cmp);
  strip_free ();
  free (u.answers);
  log_search_free (&u);
  history_free (u.hist);
  scenario_free (u.sc);
  return 0;
}
