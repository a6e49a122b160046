/* vm.c: the machine's life cycle, processes and regions, and the access
 * path (TLB, then the page-table walk, then the fault handler). */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

struct vm *
vm_new (const struct vm_config *cfg, const char **why)
{
  struct vm *vm;
  const char *dummy;

  if (!why)
    why = &dummy;
  if (!vm_config_check (cfg, why))
    return NULL;
  vm = xcalloc (1, sizeof *vm);
  vm->cfg = *cfg;
  vm->shift = vm_log2 (cfg->page_size);
  vm->vpn_limit = cfg->va_bits - vm->shift >= 64 ? 0
                  : 1ULL << (cfg->va_bits - vm->shift);
  vm->frames = xcalloc (cfg->frames, sizeof *vm->frames);
  vm->frame_free = xcalloc ((cfg->frames + 63) / 64, sizeof *vm->frame_free);
  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      vm->frame_free[f / 64] |= 1ULL << (f % 64);
      vm->frames[f].prev = vm->frames[f].next = NIL;
      vm->frames[f].object = NIL;
      vm->frames[f].slot = NIL;
    }
  vm->list_head = vm->list_tail = NIL;
  vm->current = NIL;
  vm->rng = cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ULL;
  tlb_init (vm);
  policy_init (vm);
  return vm;
}

void
vm_free (struct vm *vm)
{
  if (!vm)
    return;
  for (size_t i = 0; i < vm->nprocs; i++)
    {
      for (size_t j = 0; j < vm->procs[i].nregions; j++)
        free (vm->procs[i].regions[j].name);
      free (vm->procs[i].regions);
      free (vm->procs[i].name);
    }
  free (vm->procs);
  for (size_t i = 0; i < vm->nnodes; i++)
    {
      free (vm->nodes[i].dense);
      hmap_destroy (&vm->nodes[i].sparse);
    }
  free (vm->nodes);
  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    free (vm->frames[f].owners);
  free (vm->frames);
  free (vm->frame_free);
  free (vm->opt_heap);
  free (vm->opt_pos);
  free (vm->sc00_bits);
  free (vm->slot_ref);
  free (vm->slot_owner);
  free (vm->slot_object);
  for (size_t i = 0; i < vm->nobjects; i++)
    {
      free (vm->objects[i].name);
      hmap_destroy (&vm->objects[i].map);
    }
  free (vm->objects);
  free (vm->tlb);
  free (vm->tlb_index);
  free (vm->tlb_free);
  free (vm);
}

static void *
dup_array (const void *p, size_t n, size_t size)
{
  void *q;
  if (!p || !n)
    return NULL;
  q = xreallocarray (NULL, n, size);
  memcpy (q, p, n * size);
  return q;
}

struct vm *
vm_clone (const struct vm *src)
{
  struct vm *vm = xmalloc (sizeof *vm);
  *vm = *src;
  vm->procs = dup_array (src->procs, src->procs_cap, sizeof *src->procs);
  for (size_t i = 0; i < src->nprocs; i++)
    {
      struct proc *p = &vm->procs[i];
      p->name = xstrdup (src->procs[i].name);
      p->regions = dup_array (src->procs[i].regions, p->cap, sizeof *p->regions);
      for (size_t j = 0; j < p->nregions; j++)
        p->regions[j].name = xstrdup (p->regions[j].name);
    }
  vm->nodes = dup_array (src->nodes, src->nodes_cap, sizeof *src->nodes);
  for (size_t i = 0; i < src->nnodes; i++)
    {
      const struct pt_node *s = &src->nodes[i];
      struct pt_node *n = &vm->nodes[i];
      if (s->dense)
        n->dense = dup_array (s->dense, (size_t) 1 << src->cfg.level_bits[s->level],
                              sizeof *s->dense);
      hmap_copy (&n->sparse, &s->sparse);
    }
  vm->frames = dup_array (src->frames, src->cfg.frames, sizeof *src->frames);
  vm->frame_free = dup_array (src->frame_free, (src->cfg.frames + 63) / 64,
                              sizeof *src->frame_free);
  vm->sc00_bits = dup_array (src->sc00_bits, (src->cfg.frames + 63) / 64,
                             sizeof *src->sc00_bits);
  if (src->opt_heap)
    {
      vm->opt_heap = dup_array (src->opt_heap, src->cfg.frames, sizeof *src->opt_heap);
      vm->opt_pos = dup_array (src->opt_pos, src->cfg.frames, sizeof *src->opt_pos);
    }
  for (uint32_t f = 0; f < src->cfg.frames; f++)
    {
      vm->frames[f].owners = dup_array (src->frames[f].owners,
                                        src->frames[f].owners_cap,
                                        sizeof (struct owner));
      if (!vm->frames[f].owners)
        vm->frames[f].owners_cap = 0;
    }
  vm->slot_ref = dup_array (src->slot_ref, src->nslots, sizeof *src->slot_ref);
  vm->slot_owner = dup_array (src->slot_owner, src->nslots, sizeof *src->slot_owner);
  vm->slot_object = dup_array (src->slot_object, src->nslots, sizeof *src->slot_object);
  vm->objects = dup_array (src->objects, src->objects_cap, sizeof *src->objects);
  for (size_t i = 0; i < src->nobjects; i++)
    {
      vm->objects[i].name = xstrdup (src->objects[i].name);
      hmap_copy (&vm->objects[i].map, &src->objects[i].map);
    }
  vm->tlb = dup_array (src->tlb, src->cfg.tlb_entries, sizeof *src->tlb);
  vm->tlb_index = dup_array (src->tlb_index, src->tlb ? src->tlb_index_mask + 1 : 0,
                             sizeof *src->tlb_index);
  vm->tlb_free = dup_array (src->tlb_free, (size_t) src->tlb_sets * src->tlb_words,
                            sizeof *src->tlb_free);
  return vm;
}

const struct vm_config *
vm_config (const struct vm *vm)
{
  return &vm->cfg;
}

const struct vm_stats *
vm_stats (const struct vm *vm)
{
  return &vm->st;
}

unsigned
vm_page_shift (const struct vm *vm)
{
  return vm->shift;
}

uint64_t
vm_step (const struct vm *vm)
{
  return vm->step;
}

double
vm_eat_ns (const struct vm *vm)
{
  return vm->st.accesses ? (double) vm->st.total_cost_ns / (double) vm->st.accesses
                         : 0.0;
}

size_t
vm_memory_bytes (const struct vm *vm)
{
  size_t n = sizeof *vm;
  n += vm->procs_cap * sizeof *vm->procs;
  for (size_t i = 0; i < vm->nprocs; i++)
    n += vm->procs[i].cap * sizeof (struct region);
  n += vm->nodes_cap * sizeof *vm->nodes;
  for (size_t i = 0; i < vm->nnodes; i++)
    {
      if (vm->nodes[i].dense)
        n += ((size_t) 1 << vm->cfg.level_bits[vm->nodes[i].level]) * sizeof (uint64_t);
      n += hmap_bytes (&vm->nodes[i].sparse);
    }
  n += (size_t) vm->cfg.frames * sizeof *vm->frames;
  n += (size_t) (vm->cfg.frames + 63) / 64 * sizeof *vm->frame_free;
  if (vm->opt_heap)
    n += (size_t) vm->cfg.frames * (sizeof *vm->opt_heap + sizeof *vm->opt_pos);
  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    n += vm->frames[f].owners_cap * sizeof (struct owner);
  n += (size_t) vm->nslots * (sizeof *vm->slot_ref + sizeof *vm->slot_owner
                              + sizeof *vm->slot_object);
  n += vm->objects_cap * sizeof *vm->objects;
  for (size_t i = 0; i < vm->nobjects; i++)
    n += hmap_bytes (&vm->objects[i].map);
  n += (size_t) vm->cfg.tlb_entries * sizeof *vm->tlb;
  if (vm->tlb)
    n += ((size_t) vm->tlb_index_mask + 1) * sizeof *vm->tlb_index;
  return n;
}

/* ---- processes ------------------------------------------------------- */

uint32_t
vm_proc_new (struct vm *vm, const char *name)
{
  struct proc *p;
  uint32_t pid = (uint32_t) vm->nprocs;
  if (vm->nprocs == vm->procs_cap)
    {
      vm->procs_cap = vm->procs_cap ? vm->procs_cap * 2 : 4;
      vm->procs = xreallocarray (vm->procs, vm->procs_cap, sizeof *vm->procs);
    }
  p = &vm->procs[vm->nprocs++];
  memset (p, 0, sizeof *p);
  p->name = xstrdup (name ? name : "");
  p->parent = NIL;
  p->alive = true;
  p->asid = pid;
  p->root = NIL;
  p->root = pt_node_new (vm, 0);
  pt_place (vm, p->root, pid);
  if (vm->current == NIL)
    vm->current = pid;
  return pid;
}

void
vm_proc_set_base (struct vm *vm, uint32_t pid, uint64_t base, uint64_t limit)
{
  if (pid < vm->nprocs)
    {
      vm->procs[pid].base = base;
      vm->procs[pid].limit = limit;
    }
}

uint32_t
vm_current (const struct vm *vm)
{
  return vm->current;
}

size_t
vm_nprocs (const struct vm *vm)
{
  return vm->nprocs;
}

uint32_t
vm_proc_find (const struct vm *vm, const char *name)
{
  for (size_t i = 0; i < vm->nprocs; i++)
    if (strcmp (vm->procs[i].name, name) == 0)
      return (uint32_t) i;
  return VM_NONE;
}

uint32_t
vm_switch (struct vm *vm, uint32_t pid)
{
  uint32_t n = 0;
  if (pid >= vm->nprocs)
    return 0;
  if (pid != vm->current && !vm->cfg.asid && vm->tlb)
    n = tlb_flush (vm, NIL);
  vm->current = pid;
  return n;
}

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
        free (r->name);
      else
        p->regions[j++] = *r;
    }
  p->nregions = j;
  p->last_region = 0;
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
    c->regions[i].name = xstrdup (c->regions[i].name);

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
  for (size_t i = 0; i < p->nregions; i++)
    free (p->regions[i].name);
  p->nregions = 0;
  p->alive = false;
  p->rss = p->swapped = 0;
  if (vm->tlb)
    tlb_flush (vm, pid);
}

/* ---- the access path ------------------------------------------------ */

static inline uint32_t
op_need (enum vm_op op)
{
  return op == VM_WRITE ? VM_PTE_W : op == VM_EXEC ? VM_PTE_X : VM_PTE_R;
}

static void
event_reset (struct vm *vm, struct vm_event *ev, uint32_t pid, uint64_t va,
             enum vm_op op)
{
  ev->step = vm->step;
  ev->pid = pid;
  ev->op = op;
  ev->va = va;
  ev->vpn = va >> vm->shift;
  ev->levels = vm->cfg.levels;
  ev->offset = va & (vm->cfg.page_size - 1);
  ev->tlb = vm->tlb ? 0 : -1;
  ev->tlb_slot = -1;
  ev->walk_len = 0;
  ev->huge_level = 0;
  ev->result = VM_HIT;
  ev->segv = VM_SEGV_NONE;
  ev->frame = VM_NONE;
  ev->pa = VM_NEVER;
  ev->zero_fill = ev->cow_copy = ev->shared_hit = ev->file_read = false;
  ev->swap_in_slot = VM_NONE;
  ev->evicted = false;
  ev->evictions = 0;
  ev->victim_pid = VM_NONE;
  ev->victim_vpn = 0;
  ev->victim_frame = VM_NONE;
  ev->victim_dirty = ev->victim_file = false;
  ev->victim_swap_slot = VM_NONE;
  ev->victim_since = VM_NEVER;
  ev->oom_killed = VM_NONE;
  ev->cost_ns = 0;
  ev->tlb_flushed = 0;
  ev->phys_owner = VM_NONE;
}

static enum vm_result
access_unpaged (struct vm *vm, uint32_t pid, uint64_t va, struct vm_event *ev)
{
  const struct proc *p = &vm->procs[pid];
  uint64_t pa = p->base + va;
  uint64_t mem = (uint64_t) vm->cfg.frames << vm->shift;

  ev->tlb = -1;
  ev->cost_ns = vm->cfg.costs.mem_ns;
  if (pa < p->base || pa >= mem)
    {
      ev->result = VM_SEGV;
      ev->segv = VM_SEGV_UNMAPPED;
      vm->st.segfaults++;
      return VM_SEGV;
    }
  ev->pa = pa;
  ev->frame = (uint32_t) (pa >> vm->shift);
  for (size_t i = 0; i < vm->nprocs; i++)
    if (vm->procs[i].alive && pa >= vm->procs[i].base
        && pa - vm->procs[i].base < vm->procs[i].limit)
      {
        ev->phys_owner = (uint32_t) i;
        break;
      }
  vm->st.hits++;
  return VM_HIT;
}

void
access_finish (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
               uint32_t f, uint64_t pages, uint32_t bits, uint64_t next_use,
               bool fill, struct vm_event *ev)
{
  uint64_t within = pages > 1 ? vpn & (pages - 1) : 0;
  policy_touch (vm, f, next_use);
  if (op == VM_WRITE)
    frame_mark (vm, &vm->frames[f], true, true);
  ev->frame = (uint32_t) (f + within);
  ev->pa = ((uint64_t) (f + within) << vm->shift) | ev->offset;
  if (fill && vm->tlb)
    ev->tlb_slot = tlb_fill (vm, pid, vpn, pages, f, bits);
}

enum vm_result
vm_access (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
           uint64_t next_use, struct vm_event *ev)
{
  const struct vm_costs *c = &vm->cfg.costs;
  uint64_t vpn;
  uint32_t node;
  enum vm_result res;

  event_reset (vm, ev, pid, va, op);
  vm->st.accesses++;
  if (vm->vpn_limit && ev->vpn >= vm->vpn_limit)
    ev->vpn &= vm->vpn_limit - 1;
  vpn = ev->vpn;
  vm_split (vm, vpn, ev->index);

  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    {
      ev->result = VM_SEGV;
      ev->segv = VM_SEGV_DEAD;
      vm->st.segfaults++;
      vm->step++;
      return VM_SEGV;
    }
  if (vm->cfg.unpaged)
    {
      res = access_unpaged (vm, pid, va, ev);
      vm->st.total_cost_ns += ev->cost_ns;
      vm->step++;
      return res;
    }
  if (va >> vm->shift != vpn)
    {
      /* beyond va_bits: no translation exists */
      ev->result = VM_SEGV;
      ev->segv = VM_SEGV_UNMAPPED;
      vm->st.segfaults++;
      vm_kill (vm, pid);
      vm->step++;
      return VM_SEGV;
    }

  ev->cost_ns = c->mem_ns;
  if (vm->tlb)
    {
      int slot = tlb_lookup (vm, pid, vpn);
      ev->cost_ns += c->tlb_ns;
      if (slot >= 0)
        {
          struct tlb_entry *t = &vm->tlb[slot];
          ev->tlb = 1;
          ev->tlb_slot = slot;
          vm->st.tlb_hits++;
          if (t->bits & op_need (op))
            {
              uint64_t pages = ~t->mask + 1;
              access_finish (vm, pid, vpn, op, t->frame, pages, t->bits,
                           next_use, false, ev);
              if (pages > 1)
                ev->huge_level = (unsigned) (t->bits >> 12);
              vm->st.hits++;
              vm->st.total_cost_ns += ev->cost_ns;
              vm->step++;
              return VM_HIT;
            }
          /* A hit whose permissions forbid the access traps at once:
           * no walk, straight to the fault handler. */
          goto fault;
        }
      else
        vm->st.tlb_misses++;
    }

  /* The walk. */
  node = vm->procs[pid].root;
  for (unsigned l = 0; l < vm->cfg.levels; l++)
    {
      uint64_t e = pt_get (vm, node, ev->index[l]);
      struct vm_walk_step *w = &ev->walk[ev->walk_len++];
      w->table = vm->nodes[node].frame != NIL ? vm->nodes[node].frame : node;
      w->index = ev->index[l];
      w->bits = (uint32_t) (e & PTE_FLAGS);
      w->target = e ? pte_target (e) : VM_NEVER;
      ev->cost_ns += c->mem_ns;
      if (l + 1 < vm->cfg.levels && (e & VM_PTE_TABLE))
        {
          node = (uint32_t) pte_target (e);
          continue;
        }
      if ((e & VM_PTE_P) && (e & op_need (op)))
        {
          uint64_t pages = 1;
          uint32_t f = (uint32_t) pte_target (e);
          if (e & VM_PTE_H)
            {
              const struct region *r = proc_region (vm, pid, vpn);
              pages = r ? region_huge_pages (vm, r) : 1;
              ev->huge_level = l + 1;
            }
          access_finish (vm, pid, vpn, op, f, pages,
                       (uint32_t) (e & PTE_FLAGS) | (ev->huge_level << 12),
                       next_use, true, ev);
          w->bits |= VM_PTE_A | (vm->frames[f].dirty ? VM_PTE_D : 0);
          vm->st.hits++;
          vm->st.total_cost_ns += ev->cost_ns;
          vm->step++;
          return VM_HIT;
        }
      break;
    }

fault:
  vm->ev = ev;
  res = vm_fault (vm, pid, vpn, op, next_use, ev);
  vm->ev = NULL;
  ev->result = res;
  switch (res)
    {
    case VM_MINOR: vm->st.minor_faults++; vm->st.faults++;
      ev->cost_ns += c->minor_fault_ns; break;
    case VM_COW: vm->st.cow_faults++; vm->st.faults++;
      ev->cost_ns += c->minor_fault_ns; break;
    case VM_MAJOR: vm->st.major_faults++; vm->st.faults++;
      ev->cost_ns += c->major_fault_ns; break;
    case VM_SEGV: vm->st.segfaults++; break;
    case VM_OOM: break;
    case VM_HIT: vm->st.hits++; break;
    case VM_RESULT_COUNT: break;
    }
  vm->st.total_cost_ns += ev->cost_ns;
  vm->step++;
  return res;
}
