/* scenario-setup.c: build the machine a run starts with (and restarts
 * with at a reboot): memory objects, processes, their regions, placed at
 * their `start`, or chosen top-down, or at random when ASLR is on. */
#include "system.h"

#include "util.h"
#include "scenario/scenario-internal.h"

/* splitmix64: a small, well-mixed generator for ASLR. */
static uint64_t
rng_next (uint64_t *s)
{
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct run_proc *
run_proc_add (struct run *r, const char *name, uint32_t pid)
{
  struct run_proc *p;
  if (r->nprocs == r->cap)
    {
      r->cap = r->cap ? r->cap * 2 : 8;
      r->procs = xreallocarray (r->procs, r->cap, sizeof *r->procs);
    }
  p = &r->procs[r->nprocs++];
  memset (p, 0, sizeof *p);
  p->name = xstrdup (name);
  p->pid = pid;
  return p;
}

struct run_proc *
run_proc_find (const struct run *r, const char *name)
{
  for (size_t i = 0; i < r->nprocs; i++)
    if (strcmp (r->procs[i].name, name) == 0)
      return &r->procs[i];
  return NULL;
}

struct run_reg *
run_reg_find (const struct run_proc *p, const char *name)
{
  for (size_t i = 0; i < p->n; i++)
    if (strcmp (p->regs[i].name, name) == 0)
      return &p->regs[i];
  return NULL;
}

void
run_reg_add (struct run_proc *p, const char *name, uint64_t start_vpn,
             uint64_t pages)
{
  if (p->n == p->cap)
    {
      p->cap = p->cap ? p->cap * 2 : 4;
      p->regs = xreallocarray (p->regs, p->cap, sizeof *p->regs);
    }
  p->regs[p->n].name = xstrdup (name);
  p->regs[p->n].start_vpn = start_vpn;
  p->regs[p->n].pages = pages;
  p->n++;
}

void
run_procs_free (struct run *r)
{
  for (size_t i = 0; i < r->nprocs; i++)
    {
      for (size_t j = 0; j < r->procs[i].n; j++)
        free (r->procs[i].regs[j].name);
      free (r->procs[i].regs);
      free (r->procs[i].name);
    }
  free (r->procs);
  r->procs = NULL;
  r->nprocs = r->cap = 0;
}

static bool
overlaps (const struct run_proc *p, uint64_t start, uint64_t pages)
{
  for (size_t i = 0; i < p->n; i++)
    if (start < p->regs[i].start_vpn + p->regs[i].pages
        && p->regs[i].start_vpn < start + pages)
      return true;
  return false;
}

/* A start page for PAGES pages in P, aligned to ALIGN pages: random when
 * ASLR is on, else the highest free place below the middle of the
 * address space.  False if there is no room. */
static bool
place (struct run *r, const struct run_proc *p, uint64_t pages,
       uint64_t align, uint64_t *start)
{
  unsigned bits = r->cfg.va_bits - vm_page_shift (r->vm);
  uint64_t top = bits >= 64 ? 1ull << 63 : (1ull << bits) / 2;
  uint64_t low = top / 32, end = top;

  if (pages > top)
    return false;
  if (r->sc->aslr && top - pages > low)
    for (int i = 0; i < 64; i++)
      {
        uint64_t s = low + rng_next (&r->rng) % (top - pages - low);
        s -= s % align;
        if (!overlaps (p, s, pages))
          {
            *start = s;
            return true;
          }
      }
  for (size_t tries = 0; tries <= p->n + 1; tries++)
    {
      uint64_t s;
      bool moved = false;
      if (end < pages)
        return false;
      s = end - pages;
      s -= s % align;
      for (size_t i = 0; i < p->n; i++)
        if (s < p->regs[i].start_vpn + p->regs[i].pages
            && p->regs[i].start_vpn < s + pages)
          {
            end = p->regs[i].start_vpn;
            moved = true;
            break;
          }
      if (!moved)
        {
          *start = s;
          return true;
        }
    }
  return false;
}

/* The object behind G in process P: named, or one made for this mapping
 * ("PROCESS/REGION"), or VM_NONE for private anonymous memory. */
static uint32_t
object_for (struct run *r, const struct run_proc *p,
            const struct sc_region *g, uint64_t pages)
{
  uint64_t ps = 1ull << vm_page_shift (r->vm);
  char *name;
  uint32_t o;

  if (g->object)
    return vm_object_find (r->vm, g->object);
  if (g->store)
    return vm_object_new_store (r->vm, pages);
  if (!(g->flags & VM_MAP_FILE) && !g->shm && !(g->flags & VM_MAP_SHARED))
    return VM_NONE;
  name = xasprintf ("%s/%s", p->name, g->name);
  if (g->flags & VM_MAP_FILE)
    o = vm_object_new_file (r->vm, name, pages + g->offset / ps);
  else
    o = vm_object_new_shm (r->vm, name, pages);
  free (name);
  return o;
}

bool
run_map (struct run *r, struct run_proc *p, const struct sc_region *g,
         const char **why)
{
  const struct vm_config *cfg = &r->cfg;
  uint64_t ps = 1ull << vm_page_shift (r->vm), pages, start, align = 1;
  unsigned huge = 0, perm;
  uint32_t object;

  if (g->by_size && g->size % ps)
    {
      *why = N_("its size is not a multiple of the page size");
      return false;
    }
  pages = g->by_size ? g->size / ps : g->pages;
  if (g->flags & VM_MAP_HUGE)
    {
      if (cfg->levels < 2)
        {
          *why = N_("huge pages need at least two page-table levels");
          return false;
        }
      huge = cfg->levels - 1;
      align = 1ull << cfg->level_bits[cfg->levels - 1];
    }
  if (g->has_start)
    {
      if (g->start % ps)
        {
          *why = N_("its start is not aligned to the page size");
          return false;
        }
      start = g->start / ps;
    }
  else if (!place (r, p, pages, align, &start))
    {
      *why = N_("there is no room for it in the address space");
      return false;
    }
  if ((g->flags & VM_MAP_FILE) && g->offset % ps)
    {
      *why = N_("its offset is not aligned to the page size");
      return false;
    }
  object = object_for (r, p, g, pages);
  if (g->object && object == VM_NONE)
    {
      *why = N_("its object does not exist");
      return false;
    }
  perm = g->perm | (g->flags & (VM_MAP_SHARED | VM_MAP_FILE | VM_MAP_LOCKED
                                | VM_MAP_HUGE));
  if (vm_map (r->vm, p->pid, start, pages, perm, object,
              (g->flags & VM_MAP_FILE) ? g->offset / ps : 0, huge, g->name,
              why) != 0)
    return false;
  run_reg_add (p, g->name, start, pages);
  return true;
}

bool
run_setup (struct run *r, const struct vm_config *cfg, char **err)
{
  const struct scenario *sc = r->sc;
  const char *why = NULL;
  struct vm *vm;
  uint64_t ps;

  vm = vm_new (cfg, &why);
  if (!vm)
    {
      *err = xasprintf (_("%s: found a machine the engine rejects (%s); "
                          "expected a valid machine"), sc->file,
                        why ? _(why) : "?");
      return false;
    }
  vm_free (r->vm);
  r->vm = vm;
  r->cfg = *cfg;
  run_procs_free (r);
  r->rng = cfg->seed ^ 0x5EED5EED5EED5EEDull;
  ps = 1ull << vm_page_shift (vm);
  for (size_t i = 0; i < sc->nobjects; i++)
    {
      const struct sc_object *o = &sc->objects[i];
      uint64_t pages = o->by_size ? (o->size + ps - 1) / ps : o->pages;
      if (o->shm)
        vm_object_new_shm (vm, o->name, pages);
      else
        vm_object_new_file (vm, o->name, pages);
    }
  for (size_t i = 0; i < sc->nprocs; i++)
    {
      const struct sc_proc *sp = &sc->procs[i];
      struct run_proc *p = run_proc_add (r, sp->name,
                                         vm_proc_new (vm, sp->name));
      if (sp->has_base)
        vm_proc_set_base (vm, p->pid, sp->base, sp->limit);
      for (size_t j = 0; j < sp->nregions; j++)
        if (!run_map (r, p, &sp->regions[j], &why))
          {
            *err = ytree_error (sc->file, sp->regions[j].mark.line,
                                sp->regions[j].mark.col,
                                _("found a region the machine cannot map "
                                  "(%s); expected one that fits"), _(why));
            return false;
          }
    }
  return true;
}
