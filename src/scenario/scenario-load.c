/* scenario-load.c: read a scenario file safely and turn its top level,
 * machine, memory objects, processes and regions into struct scenario.
 * The steps are scenario-steps.c's, the expectations expect.c's. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "scenario/scenario-internal.h"

static const char *const top_keys[] = {
  "title", "about", "machine", "files", "shm", "processes", "steps",
  "project", "lesson", "view", NULL
};

/* The names of `view:`, in the order of enum sc_view from 0. */
static const char *const view_names[] = {
  "panes", "grid", "curve", "strip", NULL
};

/* The panes a scenario may ask projection mode to show (`project:`). */
static const char *const project_names[] = {
  "walk", "tlb", "frames", "vspace", "swap", "log", NULL
};

static const char *const machine_keys[] = {
  "va_bits", "page_size", "levels", "frames", "tlb", "policy", "tick",
  "tau", "scope", "swap", "asid", "page_tables_in_frames", "unpaged",
  "seed", "aslr", "costs", NULL
};

/* What a `reboot` step may change: everything but the page size (and
 * va_bits and levels only to widen the address space; the steps check). */
static const char *const reboot_keys[] = {
  "va_bits", "levels", "frames", "tlb", "policy", "tick", "tau", "scope",
  "swap", "asid", "page_tables_in_frames", "seed", "costs", NULL
};

static const char *const tlb_keys[] = { "entries", "ways", "policy", NULL };
static const char *const swap_keys[] = { "slots", NULL };
static const char *const cost_keys[] = {
  "tlb_ns", "mem_ns", "minor_fault_ns", "major_fault_ns", NULL
};
static const char *const proc_keys[] = {
  "name", "regions", "base", "size", NULL
};
static void
parse_costs (struct sc_ctx *c, const struct ynode *n, struct vm_costs *k)
{
  const struct ynode *v;
  const uint64_t max = 1000000000000ull;

  sc_check_map (c, n, "costs", cost_keys);
  if ((v = ynode_get (n, "tlb_ns")))
    k->tlb_ns = sc_uint (c, v, 0, max);
  if ((v = ynode_get (n, "mem_ns")))
    k->mem_ns = sc_uint (c, v, 0, max);
  if ((v = ynode_get (n, "minor_fault_ns")))
    k->minor_fault_ns = sc_uint (c, v, 0, max);
  if ((v = ynode_get (n, "major_fault_ns")))
    k->major_fault_ns = sc_uint (c, v, 0, max);
}

void
sc_parse_machine (struct sc_ctx *c, const struct ynode *n,
                  struct vm_config *cfg, bool *aslr, bool reboot)
{
  const struct ynode *v, *t;
  const char *why;
  bool layout = false;

  sc_check_map (c, n, reboot ? "reboot" : "machine",
                reboot ? reboot_keys : machine_keys);
  if ((v = ynode_get (n, "va_bits")))
    {
      cfg->va_bits = (unsigned) sc_uint (c, v, 8, 64);
      layout = true;
    }
  if ((v = ynode_get (n, "page_size")))
    {
      cfg->page_size = sc_size (c, v, 16, 1ull << 30);
      if (cfg->page_size & (cfg->page_size - 1))
        sc_expected (c, v, _("a page size that is a power of two"));
      layout = true;
    }
  if ((v = ynode_get (n, "levels")))
    {
      unsigned sum = 0, want;
      if (v->kind != YN_SEQ || v->n < 1 || v->n > VM_MAX_LEVELS)
        sc_expected (c, v, _("a list of 1 to 6 level widths in bits, "
                             "e.g. [10, 10]"));
      cfg->levels = (unsigned) v->n;
      for (size_t i = 0; i < v->n; i++)
        {
          cfg->level_bits[i] = (unsigned) sc_uint (c, v->items[i], 1, 60);
          sum += cfg->level_bits[i];
        }
      want = cfg->va_bits - sc_page_shift (cfg->page_size);
      if (cfg->va_bits <= sc_page_shift (cfg->page_size))
        sc_fail (c, n, _("found va_bits %u with %llu-byte pages; expected "
                         "more address bits than page-offset bits"),
                 cfg->va_bits, (unsigned long long) cfg->page_size);
      if (sum != want)
        sc_fail (c, v, _("found levels adding up to %u bits; expected %u "
                         "(va_bits %u minus %u bits of page offset)"),
                 sum, want, cfg->va_bits, sc_page_shift (cfg->page_size));
    }
  else if (layout)
    {
      if (cfg->va_bits <= sc_page_shift (cfg->page_size))
        sc_fail (c, n, _("found va_bits %u with %llu-byte pages; expected "
                         "more address bits than page-offset bits"),
                 cfg->va_bits, (unsigned long long) cfg->page_size);
      vm_config_default_levels (cfg);
    }
  if ((v = ynode_get (n, "frames")))
    cfg->frames = (uint32_t) sc_uint (c, v, 1, SC_MAX_FRAMES);
  if ((v = ynode_get (n, "policy")))
    {
      int p = v->kind == YN_SCALAR ? vm_policy_parse (v->str) : -1;
      if (p < 0)
        {
          const char *words[VM_POLICY_COUNT + 1];
          for (int i = 0; i < VM_POLICY_COUNT; i++)
            words[i] = vm_policy_name ((enum vm_policy) i);
          words[VM_POLICY_COUNT] = NULL;
          sc_expected_near (c, v, _("a policy: fifo, lru, clock, opt, "
                                    "random, sc-dirty, second-chance, mru, "
                                    "lfu, mfu, nfu, aging, nru, 2q, "
                                    "wsclock or ws"),
                            words);
        }
      cfg->policy = (enum vm_policy) p;
    }
  if ((v = ynode_get (n, "tick")))
    cfg->tick = (uint32_t) sc_uint (c, v, 1, 1u << 30);
  if ((v = ynode_get (n, "tau")))
    cfg->tau = (uint32_t) sc_uint (c, v, 0, 1u << 30);
  if ((v = ynode_get (n, "scope")))
    {
      if (v->kind == YN_SCALAR && strcmp (v->str, "global") == 0)
        cfg->local_scope = false;
      else if (v->kind == YN_SCALAR && strcmp (v->str, "local") == 0)
        cfg->local_scope = true;
      else
        {
          static const char *const words[] = { "global", "local", NULL };
          sc_expected_near (c, v, _("global or local"), words);
        }
    }
  if ((v = ynode_get (n, "tlb")))
    {
      sc_check_map (c, v, "tlb", tlb_keys);
      if ((t = ynode_get (v, "entries")))
        cfg->tlb_entries = (uint32_t) sc_uint (c, t, 0, VM_MAX_TLB);
      if ((t = ynode_get (v, "ways")))
        {
          cfg->tlb_ways = (uint32_t) sc_uint (c, t, 0, VM_MAX_TLB);
          if (cfg->tlb_ways && cfg->tlb_entries % cfg->tlb_ways)
            sc_expected (c, t, _("a number of ways that divides the "
                                 "number of entries"));
        }
      if ((t = ynode_get (v, "policy")))
        {
          int p = t->kind == YN_SCALAR ? vm_tlb_policy_parse (t->str) : -1;
          if (p < 0)
            {
              const char *words[VM_TLB_POLICY_COUNT + 1];
              for (int i = 0; i < VM_TLB_POLICY_COUNT; i++)
                words[i] = vm_tlb_policy_name ((enum vm_tlb_policy) i);
              words[VM_TLB_POLICY_COUNT] = NULL;
              sc_expected_near (c, t, _("a TLB policy: lru, fifo or random"),
                                words);
            }
          cfg->tlb_policy = (enum vm_tlb_policy) p;
        }
    }
  if ((v = ynode_get (n, "swap")))
    {
      sc_check_map (c, v, "swap", swap_keys);
      if ((t = ynode_get (v, "slots")))
        {
          if (t->kind == YN_SCALAR && strcmp (t->str, "unbounded") == 0)
            cfg->swap_slots = VM_NONE;
          else
            cfg->swap_slots = (uint32_t) sc_uint (c, t, 0, SC_MAX_SLOTS);
        }
    }
  if ((v = ynode_get (n, "asid")))
    cfg->asid = sc_bool (c, v);
  if ((v = ynode_get (n, "page_tables_in_frames")))
    cfg->page_tables_in_frames = sc_bool (c, v);
  if ((v = ynode_get (n, "unpaged")))
    cfg->unpaged = sc_bool (c, v);
  if ((v = ynode_get (n, "seed")))
    cfg->seed = sc_uint (c, v, 0, UINT64_MAX);
  if ((v = ynode_get (n, "aslr")))
    *aslr = sc_bool (c, v);
  if ((v = ynode_get (n, "costs")))
    parse_costs (c, v, &cfg->costs);
  if (!vm_config_check (cfg, &why))
    {
      char buf[300];
      snprintf (buf, sizeof buf, _("a machine the engine accepts (%s)"),
                _(why));
      sc_expected (c, n, buf);
    }
}

static void
parse_procs (struct sc_ctx *c, const struct ynode *n)
{
  struct scenario *sc = c->sc;

  if (n->kind != YN_SEQ)
    sc_expected (c, n, _("a list of processes"));
  if (n->n > SC_MAX_PROCS)
    sc_expected (c, n, _("at most 4096 processes"));
  sc->procs = xcalloc (n->n, sizeof *sc->procs);
  for (size_t i = 0; i < n->n; i++)
    {
      const struct ynode *it = n->items[i], *v, *regs;
      struct sc_proc *p = &sc->procs[i];
      const char *name;

      sc_check_map (c, it, _("a process"), proc_keys);
      name = sc_name (c, sc_need (c, it, "name", _("a process")));
      for (size_t j = 0; j < i; j++)
        if (strcmp (sc->procs[j].name, name) == 0)
          sc_expected (c, ynode_get (it, "name"),
                       _("a process name not used before"));
      p->name = xstrdup (name);
      p->mark = sc_mark_of (it);
      sc->nprocs = i + 1;
      if ((v = ynode_get (it, "base")))
        {
          if (!sc->cfg.unpaged)
            sc_expected (c, v, _("no 'base' unless the machine is unpaged"));
          p->has_base = true;
          p->base = sc_size (c, v, 0, UINT64_MAX);
          p->limit = sc_size (c, sc_need (c, it, "size", _("a process with "
                                                           "a base")),
                              1, UINT64_MAX);
        }
      else if ((v = ynode_get (it, "size")))
        sc_expected (c, v, _("no 'size' without 'base'"));
      if (!(regs = ynode_get (it, "regions")))
        continue;
      if (regs->kind != YN_SEQ)
        sc_expected (c, regs, _("a list of regions"));
      p->regions = xcalloc (regs->n ? regs->n : 1, sizeof *p->regions);
      for (size_t j = 0; j < regs->n; j++)
        {
          struct sc_region *r = &p->regions[j];
          p->nregions = j + 1;
          sc_parse_region (c, regs->items[j], r, NULL);
          for (size_t k = 0; k < j; k++)
            if (strcmp (p->regions[k].name, r->name) == 0)
              sc_expected (c, ynode_get (regs->items[j], "name"),
                           _("a region name not used before in this "
                             "process"));
          if (!r->has_start && !sc->aslr)
            sc_fail (c, regs->items[j], "%s",
                     _("found a region without 'start'; expected a "
                       "'start' key (or 'aslr: true' in the machine)"));
        }
    }
}

/* project: [walk, tlb, ...]: the panes projection mode shows, in order,
   each at most once. */
static void
parse_project (struct sc_ctx *c, const struct ynode *n)
{
  struct scenario *sc = c->sc;
  if (n->kind != YN_SEQ || n->n == 0)
    sc_expected (c, n, _("a list of panes to project, e.g. "
                         "[walk, tlb, frames]"));
  for (size_t i = 0; i < n->n; i++)
    {
      const struct ynode *item = n->items[i];
      const char *name = sc_string (c, item);
      size_t k;
      for (k = 0; project_names[k]; k++)
        if (strcmp (name, project_names[k]) == 0)
          break;
      if (!project_names[k])
        {
          const char *near = sc_nearest (name, project_names);
          if (near)
            sc_fail (c, item, _("found unknown pane '%s'; did you mean "
                                "'%s'?"), name, near);
          sc_fail (c, item, _("found unknown pane '%s'; expected one of: "
                              "walk, tlb, frames, vspace, swap, log"), name);
        }
      for (size_t j = 0; j < sc->nproject; j++)
        if (sc->project[j] == project_names[k])
          sc_fail (c, item, _("found pane '%s' a second time; expected "
                              "each pane once"), name);
      sc->project[sc->nproject++] = project_names[k];
    }
}

int
sc_view (struct sc_ctx *c, const struct ynode *n)
{
  const char *name = sc_string (c, n);
  for (int k = 0; view_names[k]; k++)
    if (strcmp (name, view_names[k]) == 0)
      return k;
  const char *near = sc_nearest (name, view_names);
  if (near)
    sc_fail (c, n, _("found unknown view '%s'; did you mean '%s'?"), name,
             near);
  sc_fail (c, n, _("found unknown view '%s'; expected one of: panes, grid, "
                   "curve, strip"), name);
}

enum sc_view
scenario_view_at (const struct scenario *sc, uint64_t pos)
{
  int v = sc->view;
  uint64_t t = 0;
  for (size_t i = 0; i < sc->nsteps && t < pos; i++)
    {
      if (sc->steps[i].kind == ST_SAY && sc->steps[i].view != SC_VIEW_NONE)
        v = sc->steps[i].view;
      t += sc->steps[i].ticks;
    }
  return (enum sc_view) v;
}

static void
parse_top (struct sc_ctx *c, const struct ynode *root)
{
  struct scenario *sc = c->sc;
  const struct ynode *v;

  if (root->kind != YN_MAP)
    sc_expected (c, root, _("a scenario (a mapping with title, machine, "
                            "processes and steps)"));
  sc_check_map (c, root, _("the scenario"), top_keys);
  v = sc_need (c, root, "title", _("a scenario"));
  sc->title_written = xstrdup (sc_string (c, v));
  sc->title = sc_text (c, v, "title");
  if ((v = ynode_get (root, "about")))
    sc->about = sc_text (c, v, "about");
  vm_config_default (&sc->cfg);
  if ((v = ynode_get (root, "project")))
    parse_project (c, v);
  sc->view = SC_VIEW_NONE;
  if ((v = ynode_get (root, "view")))
    sc->view = sc_view (c, v);
  if ((v = ynode_get (root, "machine")))
    sc_parse_machine (c, v, &sc->cfg, &sc->aslr, false);
  if ((v = ynode_get (root, "files")))
    sc_parse_objects (c, v, false);
  if ((v = ynode_get (root, "shm")))
    sc_parse_objects (c, v, true);
  if ((v = ynode_get (root, "processes")))
    parse_procs (c, v);
  if ((v = ynode_get (root, "lesson")))
    sc_parse_lesson (c, v);
  v = sc_need (c, root, "steps", _("a scenario"));
  sc_parse_steps (c, v);
  sc_lesson_finish (c, v);
}

void
scenario_free (struct scenario *sc)
{
  if (!sc)
    return;
  for (size_t i = 0; i < sc->nobjects; i++)
    {
      free (sc->objects[i].name);
      free (sc->objects[i].content);
    }
  free (sc->objects);
  for (size_t i = 0; i < sc->nprocs; i++)
    {
      for (size_t j = 0; j < sc->procs[i].nregions; j++)
        sc_region_free (&sc->procs[i].regions[j]);
      free (sc->procs[i].regions);
      free (sc->procs[i].name);
    }
  free (sc->procs);
  for (size_t i = 0; i < sc->nsteps; i++)
    sc_step_free (&sc->steps[i]);
  free (sc->steps);
  sc_lesson_free (sc->lesson);
  free (sc->title);
  free (sc->title_written);
  free (sc->about);
  free (sc->file);
  free (sc->dir);
  free (sc);
}

/* All the errors of C, one per line, newly allocated. */
static char *
join_errors (struct sc_ctx *c)
{
  size_t n = 1;
  char *s, *p;
  for (size_t i = 0; i < c->nerrs; i++)
    n += strlen (c->errs[i]) + 1;
  s = p = xmalloc (n);
  for (size_t i = 0; i < c->nerrs; i++)
    {
      size_t k = strlen (c->errs[i]);
      memcpy (p, c->errs[i], k);
      p += k;
      *p++ = '\n';
      free (c->errs[i]);
    }
  if (p > s)
    p--;
  *p = '\0';
  free (c->errs);
  c->errs = NULL;
  c->nerrs = 0;
  return s;
}

static struct scenario *
load_buffer (const char *file, const char *data, size_t len, size_t max,
             char **err)
{
  struct sc_ctx *c;
  struct ynode *root;
  struct scenario *sc;
  const char *slash;

  *err = NULL;
  root = ytree_parse (file, (const unsigned char *) data, len, err);
  if (!root)
    return NULL;
  /* On the heap: its fields change between setjmp and longjmp.  */
  c = xcalloc (1, sizeof *c);
  c->max_errs = max ? max : 1;
  c->file = file;
  c->root = root;
  c->sc = xcalloc (1, sizeof *c->sc);
  c->sc->view = SC_VIEW_NONE;
  c->sc->file = xstrdup (file);
  slash = strrchr (file, '/');
  c->sc->dir = slash ? xstrndup (file, (size_t) (slash - file + 1))
                     : xstrdup ("");
  if (setjmp (c->fail))
    {
      sc_sim_free (c->sim);
      scenario_free (c->sc);
      ytree_free (root);
      if (c->nerrs)
        {
          free (c->err);
          *err = join_errors (c);
        }
      else
        *err = c->err;
      free (c);
      return NULL;
    }
  parse_top (c, root);
  sc_sim_free (c->sim);
  ytree_free (root);
  sc = c->sc;
  free (c);
  return sc;
}

struct scenario *
scenario_load_buffer (const char *file, const char *data, size_t len,
                      char **err)
{
  return load_buffer (file, data, len, 1, err);
}

static struct scenario *
load_file (const char *file, size_t max, char **err)
{
  size_t len;
  char *buf = read_file_max (file, YTREE_MAX_FILE, _("a scenario file"),
                             &len, err);
  struct scenario *sc;
  if (!buf)
    return NULL;
  sc = load_buffer (file, buf, len, max, err);
  free (buf);
  return sc;
}

struct scenario *
scenario_load (const char *file, char **err)
{
  return load_file (file, 1, err);
}

struct scenario *
scenario_load_all (const char *file, size_t max, char **err)
{
  return load_file (file, max, err);
}

const char *
scenario_title (const struct scenario *sc)
{
  return sc->title;
}

const char *
scenario_title_written (const struct scenario *sc)
{
  return sc->title_written;
}

const char *
scenario_project (const struct scenario *sc, size_t i)
{
  return i < sc->nproject ? sc->project[i] : NULL;
}

const char *
scenario_about (const struct scenario *sc)
{
  return sc->about ? sc->about : "";
}

const char *
scenario_file (const struct scenario *sc)
{
  return sc->file;
}

const struct vm_config *
scenario_machine (const struct scenario *sc)
{
  return &sc->cfg;
}

uint64_t
scenario_ticks (const struct scenario *sc)
{
  return sc->ticks;
}
