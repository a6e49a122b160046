/* scenario-trace.c: `trace:` steps include a trace file by a path
 * relative to the scenario's directory.  The path may not be absolute,
 * may not climb with "..", and its real path (symbolic links resolved)
 * must stay inside the scenario's directory tree.  The file is read once,
 * at load time, with src/trace/'s reader, so a run never touches the disk
 * and a clone of a run is a plain copy. */
#include "system.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

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

/* The path of REL, checked to lie inside the scenario's directory. */
static char *
resolve (struct sc_ctx *c, const struct ynode *n, const char *rel)
{
  char *full, *real, *base;
  const char *p;
  size_t bl;
  struct stat st;

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
  real = realpath (full, NULL);
  if (!real)
    {
      char buf[200];
      snprintf (buf, sizeof buf, _("a trace file that can be read (%s)"),
                strerror (errno));
      free (full);
      sc_expected (c, n, buf);
    }
  base = realpath (c->sc->dir[0] ? c->sc->dir : ".", NULL);
  bl = base ? strlen (base) : 0;
  if (!base || strncmp (real, base, bl) != 0
      || (real[bl] != '/' && !(bl == 1 && base[0] == '/')))
    {
      free (base);
      free (real);
      free (full);
      sc_expected (c, n, _("a path inside the scenario's directory (this "
                           "one leads outside it)"));
    }
  free (base);
  if (stat (real, &st) != 0 || !S_ISREG (st.st_mode))
    {
      free (real);
      free (full);
      sc_expected (c, n, _("a regular trace file"));
    }
  free (real);
  return full;
}

void
sc_trace_load (struct sc_ctx *c, const struct ynode *n, int format,
               struct sc_step *s)
{
  const struct vm_config *cfg = &c->sc->cfg;
  unsigned shift = 0;
  char *path, *err = NULL;
  struct trace *t;
  struct trace_access a;
  size_t cap = 0;
  uint64_t room = SC_MAX_TICKS - c->sc->ticks;
  int rc;

  path = resolve (c, n, sc_string (c, n));
  t = trace_open_file (path, (enum trace_format) format, &err);
  free (path);
  if (!t)
    fail_raw (c, err);
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
