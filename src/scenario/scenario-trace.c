/* scenario-trace.c: `trace:` steps include a trace file by a path
 * relative to the scenario's directory.  The path may not be absolute,
 * may not climb with "..", and its real path (symbolic links resolved)
 * must stay inside the scenario's directory tree.  It is opened once and
 * the open descriptor is what is checked (no window between a check and
 * the open for a link to flip).  The file is read once,
 * at load time, with src/trace/'s reader, so a run never touches the disk
 * and a clone of a run is a plain copy. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "scenario/scenario-internal.h"
#include "trace/trace.h"

/* Fail with MSG, a complete message (it already names a file). */
static _Noreturn void
fail_raw (struct sc_ctx *c, char *msg)
{
  free (c->err);
  c->err = msg;
  longjmp (c->fail, 1);
}

/* Open REL, a path relative to the scenario's directory, once: the
 * descriptor is checked (fstat) to be a regular file whose real path lies
 * inside the scenario's directory, so a symbolic link or FIFO swapped in
 * between a check and the open cannot block or escape.  A stream over it,
 * with *PATH (to free) naming it in messages. */
static FILE *
open_checked (struct sc_ctx *c, const struct ynode *n, const char *rel,
              char **path)
{
  char *full, *real, *base;
  const char *p, *why = NULL;
  size_t bl;
  struct stat st, rst;
  int fd, flags;
  FILE *fp;

  if (!rel[0])
    sc_expected (c, n, _("the path of a trace file"));
  if (rel[0] == '/')
    sc_expected (c, n, _("a path relative to the scenario's directory"));
  for (p = rel; *p; )
    {
      size_t len = strcspn (p, "/");
      if (len == 2 && p[0] == '.' && p[1] == '.')
        sc_expected (c, n, _("a path inside the scenario's directory "
                             "(without '..')"));
      p += len;
      while (*p == '/')
        p++;
    }
  full = xasprintf ("%s%s", c->sc->dir, rel);
  /* Non-blocking: opening a FIFO must not wait for a writer. */
  fd = open (full, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  real = fd >= 0 && fstat (fd, &st) == 0 ? realpath (full, NULL) : NULL;
  if (!real)
    {
      char buf[200];
      snprintf (buf, sizeof buf, _("a trace file that can be read (%s)"),
                strerror (errno));
      if (fd >= 0)
        close (fd);
      free (full);
      sc_expected (c, n, buf);
    }
  base = realpath (c->sc->dir[0] ? c->sc->dir : ".", NULL);
  bl = base ? strlen (base) : 0;
  if (!base || strncmp (real, base, bl) != 0
      || (real[bl] != '/' && !(bl == 1 && base[0] == '/')))
    why = _("a path inside the scenario's directory (this one leads "
            "outside it)");
  /* What was opened must be what the real path names now (a link
     flipped in between names something else). */
  else if (!S_ISREG (st.st_mode) || stat (real, &rst) != 0
           || rst.st_dev != st.st_dev || rst.st_ino != st.st_ino)
    why = _("a regular trace file");
  free (base);
  free (real);
  if (why)
    {
      close (fd);
      free (full);
      sc_expected (c, n, why);
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  fp = fdopen (fd, "rb");
  if (!fp)
    {
      close (fd);
      free (full);
      sc_expected (c, n, _("a regular trace file"));
    }
  *path = full;
  return fp;
}

void
sc_trace_load (struct sc_ctx *c, const struct ynode *n, int format,
               struct sc_step *s)
{
  const struct vm_config *cfg = &c->sc->cfg;
  unsigned shift = 0;
  char *path;
  FILE *fp;
  struct trace *t;
  struct trace_access a;
  size_t cap = 0;
  uint64_t room = SC_MAX_TICKS - c->sc->ticks;
  int rc;

  fp = open_checked (c, n, sc_string (c, n), &path);
  t = trace_open_stream (fp, path, (enum trace_format) format, true);
  free (path);
  while ((1ull << shift) < cfg->page_size)
    shift++;
  trace_set_space (t, cfg->va_bits, shift);
  s->ticks = 0;
  while ((rc = trace_next (t, &a)) == 1)
    {
      if (s->ticks >= room)
        {
          trace_close (t);
          sc_fail (c, n, _("found a trace of more than %llu accesses; "
                           "expected at most %llu ticks in all"),
                   (unsigned long long) room, SC_MAX_TICKS);
        }
      if (s->ticks == cap)
        {
          cap = cap ? cap * 2 : 1024;
          s->trace_va = xreallocarray (s->trace_va, cap, sizeof *s->trace_va);
          s->trace_op = xrealloc (s->trace_op, cap);
        }
      s->trace_va[s->ticks] = a.va;
      s->trace_op[s->ticks] = (unsigned char) a.op;
      s->ticks++;
    }
  if (rc < 0)
    {
      char *msg = xstrdup (trace_error (t) ? trace_error (t)
                                           : _("unreadable trace"));
      trace_close (t);
      fail_raw (c, msg);
    }
  trace_close (t);
  if (s->ticks == 0)
    sc_expected (c, n, _("a trace with at least one access"));
}
