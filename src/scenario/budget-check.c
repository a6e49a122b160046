/* budget-check.c: what `--check` can already see a scenario would need
 * beyond the memory budget (--max-memory), without running it: forks of
 * processes whose pages are certainly mapped.  Every page a child
 * inherits costs its page table at least 8 bytes (an entry), so a fork
 * storm over a large written heap is refused here, before a run.
 *
 * The count is a lower bound: a touch maps at least the distinct pages of
 * its widest range, when its operation is allowed; anything that could
 * kill a process or unmap its pages first (an access by address, a trace,
 * protect, munmap, exit, a bounded swap device) makes the estimate forget
 * those pages rather than guess. */
#include "system.h"

#include "budget.h"
#include "util.h"
#include "scenario/scenario-internal.h"

#define PTE_BYTES 8

struct est_reg
{
  const char *name;
  uint64_t pages;       /* pages certainly mapped */
};

struct est_proc
{
  const char *name;
  struct est_reg *regs;
  size_t n, cap;
};

struct est
{
  struct est_proc *procs;
  size_t n, cap;
  bool bounded;         /* a bounded swap device: no estimate */
  uint64_t bytes;       /* page-table bytes forks certainly take */
};

static struct est_proc *
proc_find (struct est *e, const char *name, bool create)
{
  for (size_t i = e->n; i-- > 0;)
    if (strcmp (e->procs[i].name, name) == 0)
      return &e->procs[i];
  if (!create)
    return NULL;
  if (e->n == e->cap)
    {
      e->cap = e->cap ? e->cap * 2 : 8;
      e->procs = xreallocarray (e->procs, e->cap, sizeof *e->procs);
    }
  memset (&e->procs[e->n], 0, sizeof e->procs[e->n]);
  e->procs[e->n].name = name;
  return &e->procs[e->n++];
}

static struct est_reg *
reg_find (struct est_proc *p, const char *name)
{
  for (size_t i = 0; i < p->n; i++)
    if (strcmp (p->regs[i].name, name) == 0)
      return &p->regs[i];
  if (p->n == p->cap)
    {
      p->cap = p->cap ? p->cap * 2 : 4;
      p->regs = xreallocarray (p->regs, p->cap, sizeof *p->regs);
    }
  p->regs[p->n].name = name;
  p->regs[p->n].pages = 0;
  return &p->regs[p->n++];
}

/* Forget what PROC certainly maps. */
static void
forget (struct est *e, const char *proc)
{
  struct est_proc *p = proc ? proc_find (e, proc, false) : NULL;
  if (p)
    p->n = 0;
}

static void
reset (struct est *e, const struct vm_config *cfg)
{
  for (size_t i = 0; i < e->n; i++)
    free (e->procs[i].regs);
  e->n = 0;
  e->bounded = cfg->swap_slots != VM_NONE || cfg->unpaged;
}

/* The region named REGION of PROC as the scenario declares it, or NULL
 * (a region made by mmap). */
static const struct sc_region *
declared (const struct scenario *sc, const char *proc, const char *region)
{
  for (size_t i = 0; i < sc->nprocs; i++)
    if (strcmp (sc->procs[i].name, proc) == 0)
      for (size_t j = 0; j < sc->procs[i].nregions; j++)
        if (strcmp (sc->procs[i].regions[j].name, region) == 0)
          return &sc->procs[i].regions[j];
  return NULL;
}

static void
touch (struct est *e, const struct scenario *sc, const struct sc_step *s)
{
  const struct sc_region *r;
  unsigned need;
  uint64_t pages = 0;
  struct est_reg *g;

  if (e->bounded || !s->proc || !s->region
      || !(r = declared (sc, s->proc, s->region)))
    return;
  need = s->op == VM_WRITE ? VM_PERM_W : s->op == VM_EXEC ? VM_PERM_X
         : VM_PERM_R;
  if (!(r->perm & need))
    {
      forget (e, s->proc);      /* the process dies here */
      return;
    }
  for (size_t i = 0; i < s->nranges; i++)
    {
      uint64_t d = (s->ranges[i].hi - s->ranges[i].lo) / s->stride + 1;
      pages = d > pages ? d : pages;
    }
  g = reg_find (proc_find (e, s->proc, true), s->region);
  g->pages = pages > g->pages ? pages : g->pages;
}

/* A fork of PARENT into CHILD: the child's tables hold every page. */
static void
fork_step (struct est *e, const struct sc_step *s)
{
  struct est_proc *p = s->proc ? proc_find (e, s->proc, false) : NULL;
  struct est_proc *c;
  uint64_t pages = 0;
  if (!p || !s->child)
    return;
  for (size_t i = 0; i < p->n; i++)
    pages += p->regs[i].pages;
  e->bytes += pages * PTE_BYTES;
  c = proc_find (e, s->child, true);
  p = proc_find (e, s->proc, false);    /* (the array may have moved) */
  for (size_t i = 0; i < p->n; i++)
    reg_find (c, p->regs[i].name)->pages = p->regs[i].pages;
}

bool
scenario_budget_check (const struct scenario *sc, char **err)
{
  struct est e = { 0 };
  bool ok = true;

  reset (&e, &sc->cfg);
  for (size_t i = 0; i < sc->nsteps && ok; i++)
    {
      const struct sc_step *s = &sc->steps[i];
      switch (s->kind)
        {
        case ST_TOUCH: touch (&e, sc, s); break;
        case ST_FORK: fork_step (&e, s); break;
        case ST_REBOOT: reset (&e, &s->cfg); break;
        case ST_ACCESS:
          if (s->has_addr)
            forget (&e, s->proc);
          break;
        case ST_TRACE: case ST_PROTECT: case ST_MUNMAP: case ST_EXIT:
        case ST_MLOCK:
          forget (&e, s->proc);
          break;
        default:
          break;
        }
      if (e.bytes > budget_limit ())
        {
          budget_at (sc->file, s->mark.line);
          *err = budget_message (BUDGET_PAGE_TABLES);
          budget_at (NULL, 0);
          ok = false;
        }
    }
  for (size_t i = 0; i < e.n; i++)
    free (e.procs[i].regs);
  free (e.procs);
  return ok;
}
