/* bench-run.c: the full batch path, timed from outside.
 *
 *   bench-run VMTUTOR DIR [FRAMES]
 *
 * For fifo, lru, clock and opt, runs
 *   VMTUTOR --batch --quiet --format=json --trace=DIR/trace-10M.pages
 *           --trace-format=pages --tlb=64 --frames=FRAMES --policy=P
 * (FRAMES 64 by default) three times, and reports the best wall time and
 * the best CPU time (user + system, from wait4: what the wall time is on
 * an idle machine) as accesses per second, and the peak RSS (wait4's
 * ru_maxrss).  The speed targets are judged on the CPU time, so that
 * other load on the machine does not decide them.  fifo, lru and
 * clock are also run on DIR/trace-1M.pages, and on the 10M trace read
 * three times from a pipe (30M accesses, the same pages touched): the
 * peak RSS follows the pages touched (page tables, swap map), not the
 * trace length.  Targets: fifo, lru, clock >= 20 M/s, opt
 * >= 5 M/s, peak RSS of fifo, lru and clock < 32 MiB.  Exit status 1 if a
 * target is missed. */
#include "system.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct result
{
  double seconds;        /* wall time */
  double cpu;            /* user + system time */
  long maxrss_kib;
  unsigned long long accesses, faults;
  bool ok;
};

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* The number after "KEY": in S, or 0. */
static unsigned long long
json_number (const char *s, const char *key)
{
  char pat[64];
  const char *p;
  snprintf (pat, sizeof pat, "\"%s\":", key);
  p = strstr (s, pat);
  return p ? strtoull (p + strlen (pat), NULL, 10) : 0;
}

/* Write FILE REPEAT times to FD (in a child process). */
static void
feed (const char *file, int repeat, int fd)
{
  char buf[1 << 16];
  for (int i = 0; i < repeat; i++)
    {
      FILE *fp = fopen (file, "rb");
      size_t n;
      if (!fp)
        _exit (1);
      while ((n = fread (buf, 1, sizeof buf, fp)) > 0)
        if (write (fd, buf, n) != (ssize_t) n)
          _exit (1);
      fclose (fp);
    }
  _exit (0);
}

/* Run VMTUTOR once on TRACE with POLICY and FRAMES; with REPEAT > 1 the
 * trace is read REPEAT times in a row from standard input (a pipe). */
static struct result
run_once_n (const char *vmtutor, const char *trace, const char *policy,
            const char *frames, int repeat)
{
  struct result r = { 0 };
  char trace_opt[4096], policy_opt[64], frames_opt[64], out[4096];
  int fd[2], status;
  size_t len = 0;
  ssize_t got;
  struct rusage ru;
  double t0;
  pid_t pid;

  int in[2] = { -1, -1 };
  pid_t feeder = -1;

  snprintf (trace_opt, sizeof trace_opt, "--trace=%s",
            repeat > 1 ? "-" : trace);
  if (repeat > 1)
    {
      if (pipe (in) != 0 || (feeder = fork ()) < 0)
        {
          perror ("bench-run");
          exit (2);
        }
      if (feeder == 0)
        {
          close (in[0]);
          feed (trace, repeat, in[1]);
        }
      close (in[1]);
    }
  snprintf (policy_opt, sizeof policy_opt, "--policy=%s", policy);
  snprintf (frames_opt, sizeof frames_opt, "--frames=%s", frames);
  if (pipe (fd) != 0)
    {
      perror ("pipe");
      exit (2);
    }
  t0 = now ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      exit (2);
    }
  if (pid == 0)
    {
      dup2 (fd[1], 1);
      if (repeat > 1)
        {
          dup2 (in[0], 0);
          close (in[0]);
        }
      close (fd[0]);
      close (fd[1]);
      execl (vmtutor, vmtutor, "--batch", "--quiet", "--format=json",
             trace_opt, "--trace-format=pages", "--tlb=64", frames_opt,
             policy_opt, (char *) NULL);
      perror (vmtutor);
      _exit (127);
    }
  close (fd[1]);
  if (repeat > 1)
    close (in[0]);
  while ((got = read (fd[0], out + len, sizeof out - 1 - len)) > 0)
    len += (size_t) got;
  out[len] = '\0';
  close (fd[0]);
  if (wait4 (pid, &status, 0, &ru) < 0)
    {
      perror ("wait4");
      exit (2);
    }
  if (feeder > 0)
    waitpid (feeder, NULL, 0);
  r.seconds = now () - t0;
  r.cpu = (double) ru.ru_utime.tv_sec + (double) ru.ru_utime.tv_usec / 1e6
          + (double) ru.ru_stime.tv_sec + (double) ru.ru_stime.tv_usec / 1e6;
  r.maxrss_kib = ru.ru_maxrss;
  r.accesses = json_number (out, "accesses");
  r.faults = json_number (out, "faults");
  r.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0 && r.accesses > 0;
  if (!r.ok)
    fprintf (stderr, "bench-run: %s %s %s failed (status %d)\n", vmtutor,
             trace_opt, policy_opt, status);
  return r;
}

static struct result
run_once (const char *vmtutor, const char *trace, const char *policy,
          const char *frames)
{
  return run_once_n (vmtutor, trace, policy, frames, 1);
}

/* Best time and largest RSS of three runs. */
static struct result
run_best (const char *vmtutor, const char *trace, const char *policy,
          const char *frames)
{
  struct result best = run_once (vmtutor, trace, policy, frames);
  for (int i = 1; i < 3 && best.ok; i++)
    {
      struct result r = run_once (vmtutor, trace, policy, frames);
      if (r.seconds < best.seconds)
        best.seconds = r.seconds;
      if (r.cpu < best.cpu)
        best.cpu = r.cpu;
      if (r.maxrss_kib > best.maxrss_kib)
        best.maxrss_kib = r.maxrss_kib;
      best.ok &= r.ok;
    }
  return best;
}

int
main (int argc, char **argv)
{
  static const char *const policies[] = { "fifo", "lru", "clock", "opt" };
  const char *frames = argc > 3 ? argv[3] : "64";
  char big[4096], small[4096];
  bool all_ok = true;

  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "usage: %s VMTUTOR DIR [FRAMES]\n", argv[0]);
      return 2;
    }
  snprintf (big, sizeof big, "%s/trace-10M.pages", argv[2]);
  snprintf (small, sizeof small, "%s/trace-1M.pages", argv[2]);
  printf ("Full path: %s --batch --quiet --format=json --trace=%s\n"
          "           --trace-format=pages --tlb=64 --frames=%s "
          "--policy=P   (best of 3)\n\n", argv[1], big, frames);
  printf ("%-6s %10s %7s %7s %7s %9s %9s %7s   %9s %9s %9s %8s  %s\n",
          "policy", "accesses", "faults", "wall s", "CPU s", "M/s wall",
          "M/s CPU", "target", "RSS 10M", "RSS 1M", "RSS 30M", "target",
          "result");
  for (size_t i = 0; i < ARRAY_SIZE (policies); i++)
    {
      bool opt = strcmp (policies[i], "opt") == 0;
      double target = opt ? 5e6 : 20e6, rate, wall_rate;
      struct result r = run_best (argv[1], big, policies[i], frames);
      struct result s = { 0 }, l = { 0 };
      bool speed_ok, rss_ok = true;

      if (!opt)
        {
          s = run_once (argv[1], small, policies[i], frames);
          l = run_once_n (argv[1], big, policies[i], frames, 3);
        }
      wall_rate = r.seconds > 0 ? (double) r.accesses / r.seconds : 0;
      rate = r.cpu > 0 ? (double) r.accesses / r.cpu : 0;
      speed_ok = r.ok && rate >= target;
      if (!opt)
        rss_ok = s.ok && l.ok && l.accesses == 3 * r.accesses
                 && r.maxrss_kib < 32 * 1024 && s.maxrss_kib < 32 * 1024
                 && l.maxrss_kib < 32 * 1024;
      printf ("%-6s %10llu %6.2f%% %7.3f %7.3f %9.2f %9.2f %5s%2.0f   "
              "%5.1f MiB ", policies[i], r.accesses,
              r.accesses ? 100.0 * (double) r.faults / (double) r.accesses : 0,
              r.seconds, r.cpu, wall_rate / 1e6, rate / 1e6, ">=",
              target / 1e6, (double) r.maxrss_kib / 1024.0);
      if (opt)
        printf ("%9s %9s %8s  ", "-", "-", "-");
      else
        printf ("%5.1f MiB %5.1f MiB %8s  ", (double) s.maxrss_kib / 1024.0,
                (double) l.maxrss_kib / 1024.0, "< 32 MiB");
      printf ("speed %s%s\n", speed_ok ? "PASS" : "FAIL",
              opt ? "" : rss_ok ? ", RSS PASS" : ", RSS FAIL");
      all_ok &= speed_ok && rss_ok;
    }
  return all_ok ? 0 : 1;
}
