/* source.c: --refs and --trace in the interface.  The batch sources are
 * turned into a scenario built in memory (one process, "refs" or "trace",
 * whose whole address space is mapped rwx and demand-zero, as in batch
 * mode) and loaded with scenario_load_buffer, so the interface shows them
 * like any scenario: a reference string becomes one `access` step per
 * page, a trace file one `trace` step. */
#include "system.h"

#include <stdarg.h>

#include "ui/ui.h"
#include "trace/trace.h"
#include "util.h"

/* More references than this belong to --batch. */
#define SOURCE_MAX_REFS 200000

struct sbuf
{
  char *s;
  size_t len, cap;
};

static void sb_add (struct sbuf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
sb_add (struct sbuf *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *piece = xvasprintf (fmt, ap);
  va_end (ap);
  size_t n = strlen (piece);
  if (b->len + n + 1 > b->cap)
    {
      b->cap = (b->len + n + 1) * 2;
      b->s = xrealloc (b->s, b->cap);
    }
  memcpy (b->s + b->len, piece, n + 1);
  b->len += n;
  free (piece);
}

/* S as a YAML double-quoted scalar, at most MAX bytes of it. */
static void
sb_quoted (struct sbuf *b, const char *s, size_t max)
{
  sb_add (b, "\"");
  for (size_t i = 0; s[i] && i < max; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == '"' || c == '\\')
        sb_add (b, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        sb_add (b, "\\x%02x", c);
      else
        sb_add (b, "%c", c);
    }
  if (strlen (s) > max)
    sb_add (b, "...");
  sb_add (b, "\"");
}

/* The machine of a refs or trace run (batch mode's defaults). */
static void
source_machine (struct sbuf *b, const struct vm_config *cfg)
{
  sb_add (b, "machine:\n  va_bits: %u\n  page_size: %llu\n  levels: [",
          cfg->va_bits, (unsigned long long) cfg->page_size);
  for (unsigned i = 0; i < cfg->levels; i++)
    sb_add (b, "%s%u", i ? ", " : "", cfg->level_bits[i]);
  sb_add (b, "]\n  frames: %u\n  policy: %s\n", cfg->frames,
          vm_policy_name (cfg->policy));
  if (cfg->tlb_entries)
    sb_add (b, "  tlb: { entries: %u, ways: %u, policy: %s }\n",
            cfg->tlb_entries, cfg->tlb_ways ? cfg->tlb_ways : cfg->tlb_entries,
            vm_tlb_policy_name (cfg->tlb_policy));
  if (cfg->swap_slots == VM_NONE)
    sb_add (b, "  swap: { slots: unbounded }\n");
  else
    sb_add (b, "  swap: { slots: %u }\n", cfg->swap_slots);
  sb_add (b, "  seed: %llu\n", (unsigned long long) cfg->seed);
}

struct scenario *
source_scenario (const struct options *o, char **err)
{
  struct vm_config cfg;
  struct sbuf b = { NULL, 0, 0 };
  const char *name = o->refs ? "refs" : "trace";
  struct trace *t = NULL;
  char *path = NULL;
  int fmt = TRACE_FMT_AUTO;

  *err = NULL;
  if (o->trace_format && trace_format_parse (o->trace_format) >= 0)
    fmt = trace_format_parse (o->trace_format);
  if (o->trace)
    {
      if (strcmp (o->trace, "-") == 0)
        {
          *err = xstrdup (_("--trace=-: the interface reads keys from "
                            "standard input; give a file, or use --batch"));
          return NULL;
        }
      t = trace_open_file (o->trace, (enum trace_format) fmt, err);
      if (!t)
        return NULL;
      fmt = trace_format (t);
      trace_close (t);
      t = NULL;
      /* The loader takes trace paths relative to the scenario's directory,
         and the in-memory scenario is named after the trace itself. */
      const char *slash = strrchr (o->trace, '/');
      path = xstrdup (slash ? slash + 1 : o->trace);
    }

  vm_config_default (&cfg);
  if (fmt == TRACE_FMT_LACKEY)
    {
      cfg.va_bits = 48;
      vm_config_default_levels (&cfg);
    }
  machine_opts_apply (&o->machine, &cfg);
  const char *why;
  if (!vm_config_check (&cfg, &why))
    {
      *err = xasprintf (_("invalid machine: %s"), _(why));
      free (path);
      return NULL;
    }
  unsigned shift = 0;
  while (shift < 63 && (1ull << shift) < cfg.page_size)
    shift++;

  sb_add (&b, "title: ");
  if (o->refs)
    {
      char *title = xasprintf ("--refs=%s", o->refs);
      sb_quoted (&b, title, 60);
      free (title);
    }
  else
    {
      char *title = xasprintf ("--trace=%s", o->trace);
      sb_quoted (&b, title, 60);
      free (title);
    }
  sb_add (&b, "\n");
  source_machine (&b, &cfg);
  sb_add (&b, "processes:\n  - name: %s\n    regions:\n"
          "      - { name: all, start: 0, pages: %llu, perm: rwx%s }\n", name,
          (unsigned long long) (cfg.va_bits - shift >= 64 ? UINT64_MAX
                                : 1ull << (cfg.va_bits - shift)),
          o->backing_zero ? "" : ", backing: store");
  sb_add (&b, "steps:\n");
  if (o->refs)
    {
      struct trace_access a;
      uint64_t n = 0;
      int rc;
      t = trace_open_refs (o->refs);
      trace_set_space (t, cfg.va_bits, shift);
      while ((rc = trace_next (t, &a)) > 0 && n < SOURCE_MAX_REFS)
        {
          sb_add (&b, "  - access: { process: refs, address: 0x%llx, op: %c }\n",
                  (unsigned long long) a.va, (char) a.op);
          n++;
        }
      if (rc < 0)
        *err = xstrdup (trace_error (t) ? trace_error (t) : _("bad --refs"));
      else if (rc > 0)
        *err = xasprintf (_("--refs: more than %d references; use --batch"),
                          SOURCE_MAX_REFS);
      else if (n == 0)
        *err = xstrdup (_("--refs: no references"));
      trace_close (t);
    }
  else
    {
      sb_add (&b, "  - trace: { process: trace, file: ");
      sb_quoted (&b, path, SIZE_MAX);
      sb_add (&b, ", format: %s }\n",
              trace_format_name ((enum trace_format) fmt));
    }
  free (path);
  if (*err)
    {
      free (b.s);
      return NULL;
    }
  struct scenario *sc = scenario_load_buffer (o->refs ? "--refs" : o->trace,
                                              b.s, b.len, err);
  free (b.s);
  return sc;
}
