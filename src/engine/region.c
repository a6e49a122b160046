/* region.c: regions of an address space and the operations on them:
 * mmap, munmap, mprotect, mlock, fork and exit. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

/* ---- regions ------------------------------------------------------ */

struct region *
proc_region (struct vm *vm, uint32_t pid, uint64_t vpn)
{
  return (struct region *) proc_region_c (vm, pid, vpn);
}

const struct region *
proc_region_c (const struct vm *vm, uint32_t pid, uint64_t vpn)
{
  const struct proc *p = &vm->procs[pid];
  size_t lo = 0, hi = p->nregions;
  if (p->last_region < p->nregions)
    {
      const struct region *r = &p->regions[p->last_region];
      if (vpn >= r->start && vpn - r->start < r->pages)
        return r;
    }
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      const struct region *r = &p->regions[mid];
      if (vpn < r->start)
        hi = mid;
      else if (vpn - r->start >= r->pages)
        lo = mid + 1;
      else
        {
          ((struct proc *) p)->last_region = mid;
          return r;
        }
    }
  return NULL;
}

unsigned
region_leaf_level (const struct vm *vm, const struct region *r)
{
  return r->huge_level ? r->huge_level - 1 : vm->cfg.levels - 1;
}

uint64_t
region_huge_pages (const struct vm *vm, const struct region *r)
{
  unsigned below = 0;
  for (unsigned l = region_leaf_level (vm, r) + 1; l < vm->cfg.levels; l++)
    below += vm->cfg.level_bits[l];
  return below >= 64 ? 0 : 1ULL << below;
}

static struct region *
region_insert (struct proc *p, size_t at)
{
  if (p->nregions == p->cap)
    {
      p->cap = p->cap ? p->cap * 2 : 4;
      p->regions = xreallocarray (p->regions, p->cap, sizeof *p->regions);
    }
  memmove (p->regions + at + 1, p->regions + at,
           (p->nregions - at) * sizeof *p->regions);
  p->nregions++;
  p->last_region = 0;
  return &p->regions[at];
}

int
vm_map (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
        unsigned perm, uint32_t object, uint64_t object_page,
        unsigned huge_level, const char *name, const char **why)
{
  struct proc *p;
  struct region *r;
  size_t at = 0;
  const char *dummy;

  if (!why)
    why = &dummy;
  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    {
      *why = N_("no such process");
      return -1;
    }
  p = &vm->procs[pid];
  if (pages == 0)
    {
      *why = N_("a region needs at least one page");
      return -1;
    }
  if (vm->vpn_limit && (start >= vm->vpn_limit || pages > vm->vpn_limit - start))
    {
      *why = N_("the region does not fit in the address space");
      return -1;
    }
  if (object != NIL && object >= vm->nobjects)
    {
      *why = N_("no such memory object");
      return -1;
    }
  if (object != NIL && vm->objects[object].file
      && (object_page > vm->objects[object].pages
          || pages > vm->objects[object].pages - object_page))
    {
      *why = N_("the mapping goes past the end of the file");
      return -1;
    }
  if (huge_level)
    {
      struct region tmp = { .huge_level = huge_level };
      uint64_t hp;
      if (huge_level >= vm->cfg.levels || (perm & VM_MAP_HUGE) == 0)
        {
          *why = N_("huge pages need a leaf level above the last one");
          return -1;
        }
      hp = region_huge_pages (vm, &tmp);
      if (!hp || start % hp || pages % hp)
        {
          *why = N_("a huge-page region must start and end on a huge-page boundary");
          return -1;
        }
      if (hp > vm->cfg.frames)
        {
          *why = N_("a huge page is larger than physical memory");
          return -1;
        }
      if (object != NIL)
        {
          *why = N_("huge pages are for anonymous memory only");
          return -1;
        }
      vm->have_huge = true;
    }
  else if (perm & VM_MAP_HUGE)
    {
      *why = N_("huge pages need a leaf level above the last one");
      return -1;
    }
  while (at < p->nregions && p->regions[at].start < start)
    at++;
  if ((at > 0 && p->regions[at - 1].start + p->regions[at - 1].pages > start)
      || (at < p->nregions && start + pages > p->regions[at].start))
    {
      *why = N_("the region overlaps another region");
      return -1;
    }
  r = region_insert (p, at);
  r->start = start;
  r->pages = pages;
  r->perm = perm | VM_PERM_U;
  r->object = object;
  r->object_page = object_page;
  r->huge_level = huge_level;
  r->name = xstrdup (name ? name : "");
  return 0;
}

/* Split the region containing VPN so that a region starts at VPN. */
static void
region_split (struct vm *vm, uint32_t pid, uint64_t vpn)
{
  struct proc *p = &vm->procs[pid];
  for (size_t i = 0; i < p->nregions; i++)
    {
      struct region *r = &p->regions[i];
      if (vpn > r->start && vpn < r->start + r->pages)
        {
          struct region *n;
          uint64_t cut = vpn - r->start;
          if (r->huge_level && cut % region_huge_pages (vm, r))
            return;
          n = region_insert (p, i + 1);
          r = &p->regions[i];
          *n = *r;
          n->name = xstrdup (r->name);
          n->start = vpn;
          n->pages = r->pages - cut;
          if (n->object != NIL)
            n->object_page += cut;
          r->pages = cut;
          return;
        }
    }
}

struct leaf_list
{
  uint64_t lo, hi;      /* vpn range, inclusive lo, exclusive hi */
  uint64_t *vpn;
  uint64_t *entry;
  size_t n, cap;
};

static void
collect_leaf (struct vm *vm, uint64_t vpn, unsigned level, uint64_t e, void *ctx)
{
  struct leaf_list *l = ctx;
  (void) vm;
  (void) level;
  if (vpn < l->lo || vpn >= l->hi)
    return;
  if (l->n == l->cap)
    {
      l->cap = l->cap ? l->cap * 2 : 16;
      l->vpn = xreallocarray (l->vpn, l->cap, sizeof *l->vpn);
      l->entry = xreallocarray (l->entry, l->cap, sizeof *l->entry);
    }
  l->vpn[l->n] = vpn;
  l->entry[l->n] = e;
  l->n++;
}

/* The leaves of PID's table with vpn in [LO, HI). */
static void
leaves (struct vm *vm, uint32_t pid, uint64_t lo, uint64_t hi, struct leaf_list *l)
{
  memset (l, 0, sizeof *l);
  l->lo = lo;
  l->hi = hi;
  pt_foreach (vm, vm->procs[pid].root, collect_leaf, l);
}

static void
leaves_free (struct leaf_list *l)
{
  free (l->vpn);
  free (l->entry);
}

static uint64_t
range_end (uint64_t start, uint64_t pages)
{
  return pages > UINT64_MAX - start ? UINT64_MAX : start + pages;
}

void
vm_unmap (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages)
{
  struct proc *p;
  struct leaf_list l;
  uint64_t end = range_end (start, pages);
  size_t i, j;

  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return;
  region_split (vm, pid, start);
  region_split (vm, pid, end);
  leaves (vm, pid, start, end, &l);
  for (i = 0; i < l.n; i++)
    vm_drop_page (vm, pid, l.vpn[i]);
  leaves_free (&l);
  p = &vm->procs[pid];
  for (i = j = 0; i < p->nregions; i++)
    {
      struct region *r = &p->regions[i];
      if (r->start >= start && r->start + r->pages <= end)
        {
          /* kept for labels (vm_region_gone_info) */
          p->gone = xreallocarray (p->gone, p->ngone + 1, sizeof *p->gone);
          p->gone[p->ngone++] = *r;
        }
      else
        p->regions[j++] = *r;
    }
  p->nregions = j;
  p->last_region = 0;
  evicted_forget (vm, pid, start, end);
  if (vm->tlb)
    tlb_invalidate_range (vm, pid, start, pages);
}

uint32_t
region_pte_bits (const struct region *r)
{
  uint32_t b = VM_PTE_U;
  if (r->perm & VM_PERM_R)
    b |= VM_PTE_R;
  if (r->perm & VM_PERM_W)
    b |= VM_PTE_W;
  if (r->perm & VM_PERM_X)
    b |= VM_PTE_X;
  return b;
}

/* Apply FN to the regions inside [START, START+PAGES) after splitting. */
static void
regions_update (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
                unsigned set, unsigned clear)
{
  struct proc *p = &vm->procs[pid];
  uint64_t end = range_end (start, pages);
  region_split (vm, pid, start);
  region_split (vm, pid, end);
  for (size_t i = 0; i < p->nregions; i++)
    {
      struct region *r = &p->regions[i];
      if (r->start >= start && r->start + r->pages <= end)
        r->perm = (r->perm & ~clear) | set;
    }
}

void
vm_protect (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
            unsigned perm)
{
  struct leaf_list l;
  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return;
  perm &= VM_PERM_R | VM_PERM_W | VM_PERM_X;
  regions_update (vm, pid, start, pages, perm,
                  VM_PERM_R | VM_PERM_W | VM_PERM_X);
  leaves (vm, pid, start, range_end (start, pages), &l);
  for (size_t i = 0; i < l.n; i++)
    {
      uint64_t e = l.entry[i];
      const struct region *r = proc_region (vm, pid, l.vpn[i]);
      uint32_t node;
      uint64_t idx;
      uint32_t keep, bits;
      if (!r || !pt_leaf (vm, pid, l.vpn[i], region_leaf_level (vm, r), false,
                          &node, &idx))
        continue;
      keep = (uint32_t) (e & PTE_FLAGS) & ~(uint32_t) (VM_PTE_R | VM_PTE_W | VM_PTE_X);
      bits = region_pte_bits (r);
      if (e & VM_PTE_COW)
        bits &= ~(uint32_t) VM_PTE_W;
      pt_set (vm, node, idx, pte_make (pte_target (e), keep | bits));
    }
  leaves_free (&l);
  if (vm->tlb)
    tlb_invalidate_range (vm, pid, start, pages);
}

void
vm_mlock (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages, bool lock)
{
  struct leaf_list l;
  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return;
  leaves (vm, pid, start, range_end (start, pages), &l);
  for (size_t i = 0; i < l.n; i++)
    {
      uint64_t e = l.entry[i];
      const struct region *r = proc_region (vm, pid, l.vpn[i]);
      uint32_t node;
      uint64_t idx;
      if (!r || !(e & VM_PTE_P) || r->huge_level
          || !pt_leaf (vm, pid, l.vpn[i], region_leaf_level (vm, r), false,
                       &node, &idx))
        continue;
      if (lock && !(e & VM_PTE_L))
        {
          vm->frames[pte_target (e)].lock++;
          pt_set (vm, node, idx, e | VM_PTE_L);
        }
      else if (!lock && (e & VM_PTE_L))
        {
          vm->frames[pte_target (e)].lock--;
          pt_set (vm, node, idx, e & ~(uint64_t) VM_PTE_L);
        }
    }
  leaves_free (&l);
  regions_update (vm, pid, start, pages, lock ? VM_MAP_LOCKED : 0,
                  lock ? 0 : VM_MAP_LOCKED);
}

/* ---- fork and exit ------------------------------------------------- */

uint32_t
vm_fork (struct vm *vm, uint32_t pid, const char *child_name)
{
  struct leaf_list l;
  struct proc *p, *c;
  uint32_t child;

  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return VM_NONE;
  child = vm_proc_new (vm, child_name);
  p = &vm->procs[pid];
  c = &vm->procs[child];
  c->parent = pid;
  c->base = p->base;
  c->limit = p->limit;
  c->regions = dup_array (p->regions, p->cap, sizeof *p->regions);
  c->nregions = p->nregions;
  c->cap = p->cap;
  for (size_t i = 0; i < c->nregions; i++)
    {
      c->regions[i].name = xstrdup (c->regions[i].name);
      /* memory locks are not inherited (POSIX fork): neither the
       * child's entries below nor its regions */
      c->regions[i].perm &= ~(unsigned) VM_MAP_LOCKED;
    }

  leaves (vm, pid, 0, UINT64_MAX, &l);
  for (size_t i = 0; i < l.n; i++)
    {
      uint64_t vpn = l.vpn[i], e;
      const struct region *r = proc_region (vm, pid, vpn);
      unsigned leaf = r ? region_leaf_level (vm, r) : vm->cfg.levels - 1;
      uint32_t pn, cn;
      uint64_t pi, ci;
      bool private = !r || r->object == NIL || !(r->perm & VM_MAP_SHARED);

      /* Make the child's tables first: with page tables in frames that
       * can evict pages, so the parent's entry is read only after. */
      if (!pt_leaf (vm, child, vpn, leaf, true, &cn, &ci)
          || !vm->procs[pid].alive
          || !pt_leaf (vm, pid, vpn, leaf, false, &pn, &pi))
        break;
      e = pt_get (vm, pn, pi);
      if (!e)
        continue;
      e &= ~(uint64_t) VM_PTE_L; /* locks are not inherited */
      if (e & VM_PTE_P)
        {
          uint32_t f = (uint32_t) pte_target (e);
          uint64_t n = (e & VM_PTE_H) && r ? region_huge_pages (vm, r) : 1;
          if (private && (e & (VM_PTE_W | VM_PTE_COW)))
            {
              e = (e & ~(uint64_t) VM_PTE_W) | VM_PTE_COW;
              pt_set (vm, pn, pi, e | (pt_get (vm, pn, pi) & VM_PTE_L));
            }
          frame_add_owner (vm, f, child, vpn);
          vm->procs[child].rss += n;
        }
      else if (e & VM_PTE_S)
        {
          slot_ref (vm, (uint32_t) pte_target (e));
          vm->procs[child].swapped++;
        }
      pt_set (vm, cn, ci, e);
    }
  leaves_free (&l);
  evicted_fork (vm, pid, child);
  /* The parent's writable private pages are now read-only. */
  if (vm->tlb)
    tlb_flush (vm, pid);
  return child;
}

void
vm_exit (struct vm *vm, uint32_t pid)
{
  struct leaf_list l;
  struct proc *p;

  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return;
  leaves (vm, pid, 0, UINT64_MAX, &l);
  for (size_t i = 0; i < l.n; i++)
    vm_drop_page (vm, pid, l.vpn[i]);
  leaves_free (&l);
  p = &vm->procs[pid];
  pt_destroy (vm, p->root);
  p->root = NIL;
  p->pt_nodes = 0;
  /* The regions stay (dead: nothing reaches them) so that labels of the
     process's pages keep their names in the log and the narration. */
  p->alive = false;
  p->end = VM_END_EXIT;
  p->end_step = vm->step;
  p->rss = p->swapped = 0;
  if (vm->tlb)
    tlb_flush (vm, pid);
}
