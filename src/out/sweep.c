/* sweep.c: --sweep=MIN-MAX, the faults-versus-frames curve of a refs or
 * trace run for several policies.  The trace is read once into memory as
 * dense page ids (4 bytes and an operation byte per access, at most
 * SWEEP_MAX_ACCESSES accesses); LRU and OPT are computed in one pass for
 * every size (stackdist.c), the other policies by one engine run per size
 * over the same ids. */
#include "system.h"

#include <inttypes.h>

#include "budget.h"
#include "engine/hmap.h"
#include "numparse.h"
#include "options.h"
#include "out/out.h"
#include "out/sweep.h"
#include "trace/trace.h"
#include "util.h"

/* The held trace is charged to the --max-memory budget (budget.h): 5
 * bytes per access held (id and operation, as the arrays grow), about 32
 * per distinct page (its number and the hash map), and the 4 or 8 bytes
 * per access of the lru and opt passes while they run. */
#define SWEEP_PAGE_BYTES 32
#define SWEEP_MAX_ACCESSES (UINT64_C (1) << 32)
static const char *const sweep_what = N_("the trace held for --sweep");

/* Print "vmtutor: MSG" and the --help hint; 2. */
static int
sweep_usage (const char *msg)
{
  fprintf (stderr, "%s: %s\n", program_name, msg);
  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           program_name);
  return 2;
}

/* Parse "MIN-MAX" (or "N") into S. */
static bool
parse_range (const char *arg, struct sweep *s)
{
  const char *dash = strchr (arg, '-');
  uint64_t a, b;

  if (dash)
    {
      if (!parse_u64n (arg, (size_t) (dash - arg), &a)
          || !parse_u64 (dash + 1, &b))
        return false;
    }
  else if (!parse_u64 (arg, &a))
    return false;
  else
    b = a;
  if (a < 1 || a > b || b > VM_MAX_FRAMES)
    return false;
  s->min = (uint32_t) a;
  s->max = (uint32_t) b;
  return true;
}

/* Parse the --policy list LIST (NULL: the default) into S. */
static bool
parse_policies (const char *list, struct sweep *s)
{
  const char *p = list ? list : "fifo,lru,clock,opt";
  s->npolicies = 0;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma ? (size_t) (comma - p) : strlen (p);
      char *name = xstrndup (p, len);
      int pol = vm_policy_parse (name);
      free (name);
      if (pol < 0 || s->npolicies == VM_POLICY_COUNT)
        return false;
      for (unsigned i = 0; i < s->npolicies; i++)
        if (s->policy[i] == (enum vm_policy) pol)
          return false;
      s->policy[s->npolicies++] = (enum vm_policy) pol;
      if (!comma)
        return true;
      p = comma + 1;
    }
}

/* Read every access of T into S; false (with the message printed) on a
 * trace error or when the trace is too long to hold. */
static bool
load (struct trace *t, struct sweep *s)
{
  struct trace_access buf[256];
  struct hmap ids;
  /* the ids of recent pages, by vpn modulo the size (a page's id is
   * found here most of the time, without a probe of the whole map) */
  static struct { uint64_t vpn, v; } recent[4096];
  const char *name = trace_name (t);
  size_t cap = 0, vcap = 0;
  long got;

  memset (recent, 0, sizeof recent);
  hmap_init (&ids);
  while ((got = trace_read (t, buf, ARRAY_SIZE (buf))) > 0)
    for (long k = 0; k < got; k++)
      {
        size_t r = buf[k].vpn & (ARRAY_SIZE (recent) - 1);
        uint64_t v = recent[r].v && recent[r].vpn == buf[k].vpn
                     ? recent[r].v : hmap_get (&ids, buf[k].vpn);
        budget_at (name, buf[k].line);
        if (s->n + 1 == SWEEP_MAX_ACCESSES)
          budget_exceeded (sweep_what);
        if (v == 0)
          {
            budget_charge (SWEEP_PAGE_BYTES, sweep_what);
            if (s->nids == vcap)
              {
                vcap = vcap ? 2 * vcap : 1024;
                s->vpn = xreallocarray (s->vpn, vcap, sizeof *s->vpn);
              }
            s->vpn[s->nids] = buf[k].vpn;
            v = ++s->nids;
            hmap_put (&ids, buf[k].vpn, v);
          }
        if (s->stream)
          {
            recent[r].vpn = buf[k].vpn;
            recent[r].v = v;
            lru_sd_feed (s->stream, (uint32_t) (v - 1));
            s->n++;
            continue;
          }
        if (s->n == cap)
          {
            size_t old = cap;
            cap = cap ? 2 * cap : 4096;
            budget_charge ((int64_t) (cap - old) * 5, sweep_what);
            s->id = xreallocarray (s->id, cap, sizeof *s->id);
            s->op = xreallocarray (s->op, cap, sizeof *s->op);
          }
        recent[r].vpn = buf[k].vpn;
        recent[r].v = v;
        s->id[s->n] = (uint32_t) (v - 1);
        s->op[s->n++] = (uint8_t) buf[k].op;
      }
  hmap_destroy (&ids);
  if (got < 0)
    {
      fprintf (stderr, "%s: %s\n", program_name, trace_error (t));
      return false;
    }
  return true;
}

/* Faults of S's accesses on a machine CFG (its policy and frames set). */
static uint64_t
engine_faults (const struct sweep *s, const struct vm_config *cfg)
{
  const char *why;
  struct vm *vm = vm_new (cfg, &why);
  struct vm_event ev;
  unsigned shift;
  uint32_t pid;
  uint64_t faults, pages;

  if (!vm)
    die (2, _("invalid machine: %s"), _(why));
  shift = vm_page_shift (vm);
  pid = vm_proc_new (vm, "sweep");
  pages = 1ull << (cfg->va_bits - shift);
  /* The mapping of a refs or trace run (batch.c, DESIGN.md "Backing
   * store"). */
  if (vm_map (vm, pid, 0, pages,
              VM_PERM_R | VM_PERM_W | VM_PERM_X | VM_PERM_U
              | (s->store ? VM_MAP_FILE | VM_MAP_SHARED : 0),
              s->store ? vm_object_new_store (vm, pages) : VM_NONE, 0, 0,
              "all", &why) != 0)
    die (2, _("cannot map the address space: %s"), _(why));
  for (size_t i = 0; i < s->n; i++)
    vm_access (vm, pid, s->vpn[s->id[i]] << shift, (enum vm_op) s->op[i],
               VM_NEVER, &ev);
  faults = vm_stats (vm)->faults;
  vm_free (vm);
  return faults;
}

void
sweep_compute (struct sweep *s, const struct vm_config *base)
{
  size_t sizes = (size_t) s->max - s->min + 1;
  for (unsigned p = 0; p < s->npolicies; p++)
    {
      uint64_t *f = s->faults[p] = xcalloc (sizes, sizeof *f);
      /* The passes' own arrays: a Fenwick tree or the next uses (4 bytes
       * per access), and 4 or 12 bytes per page. */
      int64_t pass = (s->stream ? 0 : (int64_t) s->n * 4)
                     + (int64_t) s->nids * 12;
      if (s->policy[p] == VM_POLICY_LRU || s->policy[p] == VM_POLICY_OPT)
        budget_charge (pass, sweep_what);
      if (s->policy[p] == VM_POLICY_LRU && s->stream)
        {
          lru_sd_finish (s->stream, s->min, f);
          s->stream = NULL;
        }
      else if (s->policy[p] == VM_POLICY_LRU)
        sweep_lru (s->id, s->n, s->nids, s->min, s->max, f);
      else if (s->policy[p] == VM_POLICY_OPT)
        sweep_opt (s->id, s->n, s->nids, s->min, s->max, f);
      else
        {
          struct vm_config cfg = *base;
          cfg.policy = s->policy[p];
          for (uint32_t c = s->min; c <= s->max; c++)
            {
              cfg.frames = c;
              f[c - s->min] = engine_faults (s, &cfg);
            }
        }
      if (s->policy[p] == VM_POLICY_LRU || s->policy[p] == VM_POLICY_OPT)
        budget_charge (-pass, sweep_what);
    }
}

void
sweep_free (struct sweep *s)
{
  for (unsigned p = 0; p < s->npolicies; p++)
    free (s->faults[p]);
  if (s->stream)
    {
      uint64_t *f = xcalloc ((size_t) s->max - s->min + 1, sizeof *f);
      lru_sd_finish (s->stream, s->min, f);
      free (f);
    }
  free (s->id);
  free (s->op);
  free (s->vpn);
}

int
sweep_main (const struct options *o)
{
  struct sweep s;
  struct vm_config cfg;
  enum trace_format fmt = TRACE_FMT_AUTO;
  struct trace *t;
  const char *why;
  char *err = NULL;
  unsigned shift;
  int status = 0;

  memset (&s, 0, sizeof s);
  s.store = !o->backing_zero;
  if (!parse_range (o->sweep, &s))
    {
      char *msg = xasprintf (_("invalid --sweep '%s' (expected MIN-MAX, "
                               "frame counts from 1 to %u)"),
                             o->sweep, VM_MAX_FRAMES);
      status = sweep_usage (msg);
      free (msg);
      return status;
    }
  if (!parse_policies (o->policies, &s))
    {
      char *msg = xasprintf (_("invalid --policy '%s' (expected a list of "
                               "different policies, e.g. fifo,lru,opt)"),
                             o->policies);
      status = sweep_usage (msg);
      free (msg);
      return status;
    }
  if (o->trace_format && trace_format_parse (o->trace_format) >= 0)
    fmt = (enum trace_format) trace_format_parse (o->trace_format);
  if (o->refs)
    t = trace_open_refs (o->refs);
  else if (!(t = trace_open_file (o->trace, fmt, &err)))
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  fmt = trace_format (t);
  if (trace_error (t))
    {
      fprintf (stderr, "%s: %s\n", program_name, trace_error (t));
      trace_close (t);
      return 2;
    }
  vm_config_default (&cfg);
  if (fmt == TRACE_FMT_LACKEY)
    {
      cfg.va_bits = 48;
      vm_config_default_levels (&cfg);
    }
  machine_opts_apply (&o->machine, &cfg);
  cfg.frames = s.max;
  if (!vm_config_check (&cfg, &why))
    {
      char *msg = xasprintf (_("invalid machine: %s"), _(why));
      status = sweep_usage (msg);
      free (msg);
      trace_close (t);
      return status;
    }
  for (shift = 0; (UINT64_C (1) << shift) < cfg.page_size; shift++)
    ;
  trace_set_space (t, cfg.va_bits, shift);
  if (s.npolicies == 1 && s.policy[0] == VM_POLICY_LRU)
    s.stream = lru_sd_new (s.max);
  if (!load (t, &s))
    status = 2;
  else
    {
      sweep_compute (&s, &cfg);
      sweep_print (&s, o->format);
    }
  trace_close (t);
  sweep_free (&s);
  return status;
}
