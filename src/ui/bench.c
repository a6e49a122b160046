/* bench.c: the interface's own timing, for `make bench`
 * (tests/screen-bench.sh).  With the environment variable VMTUTOR_BENCH
 * set, ui_main runs one of these instead of waiting for keys:
 *   run   Space at the fastest speed, through the real main loop, to the
 *         end of the scenario;
 *   draw  every tick drawn, as fast as the terminal takes it;
 *   back  run to the end, then step back 100 times with a redraw each.
 * Each returns its figures, printed after the terminal is restored. */
#include "system.h"

#include <sys/resource.h>
#include <time.h>

#include "ui/ui.h"
#include "util.h"

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}


static double
cpu_seconds (const struct rusage *ru)
{
  return (double) ru->ru_utime.tv_sec + (double) ru->ru_utime.tv_usec / 1e6
    + (double) ru->ru_stime.tv_sec + (double) ru->ru_stime.tv_usec / 1e6;
}


/* "run": Space at the fastest speed, through the real main loop, until
   the end. */
static char *
bench_autorun (struct ui *u)
{
  ui_speed_fastest (u);
  u->running = true;
  u->bench = true;
  double t0 = now_ms ();
  ui_main_loop (u);
  double t1 = now_ms ();
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return xasprintf (
            "bench run: auto-run (Space, speed max) of %llu ticks in a %dx%d "
            "screen: %.3f s, %llu frames drawn, CPU %.3f s; peak RSS %ld KiB\n",
            (unsigned long long) history_pos (u->hist), COLS, LINES,
            (t1 - t0) / 1e3, (unsigned long long) ui_frames_drawn (),
            cpu_seconds (&ru), ru.ru_maxrss);
}

/* "draw": every tick drawn, as fast as the terminal takes it. */
static char *
bench_run (struct ui *u)
{
  double t0 = now_ms ();
  uint64_t n = 0;
  while (history_step (u->hist))
    {
      n++;
      u->log_follow = true;
      ui_draw (u);
    }
  double t1 = now_ms ();
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return xasprintf (
            "bench draw: %llu ticks, every one drawn, in a %dx%d screen: "
            "%.3f s (%.0f ticks/s), CPU %.3f s; peak RSS %ld KiB\n",
            (unsigned long long) n, COLS, LINES, (t1 - t0) / 1e3,
            t1 > t0 ? (double) n * 1e3 / (t1 - t0) : 0.0, cpu_seconds (&ru),
            ru.ru_maxrss);
}

static char *
bench_back (struct ui *u)
{
  double t0 = now_ms ();
  history_goto (u->hist, history_total (u->hist));
  double t1 = now_ms ();
  ui_draw (u);
  double worst = 0, sum = 0;
  int k;
  for (k = 0; k < 100 && history_pos (u->hist) > 0; k++)
    {
      double a = now_ms ();
      ui_goto (u, history_pos (u->hist) - 1);
      ui_draw (u);
      double b = now_ms () - a;
      sum += b;
      if (b > worst)
        worst = b;
    }
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return xasprintf (
            "bench back: ran to tick %llu in %.3f s; %d steps back, each with "
            "a redraw: mean %.2f ms, worst %.2f ms; peak RSS %ld KiB; "
            "%zu checkpoints\n",
            (unsigned long long) history_total (u->hist), (t1 - t0) / 1e3, k,
            k ? sum / k : 0.0, worst, ru.ru_maxrss,
            history_checkpoints (u->hist));
}


char *
bench_main (struct ui *u, const char *mode)
{
  if (strcmp (mode, "run") == 0)
    return bench_autorun (u);
  if (strcmp (mode, "draw") == 0)
    return bench_run (u);
  if (strcmp (mode, "back") == 0)
    return bench_back (u);
  if (strcmp (mode, "check") == 0)
    return screen_check (u);
  return xasprintf ("VMTUTOR_BENCH=%s: expected run, draw or back\n", mode);
}
