/* vm.c: the machine's life cycle (new, free, clone), its counters and
 * processes.  Regions are in region.c, the access path in access.c. */
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
  for (int i = (int) cfg->levels - 1, below = 0; i >= 0; i--)
    {
      unsigned b = cfg->level_bits[i];
      vm->lvl_shift[i] = (unsigned) below;
      vm->lvl_mask[i] = b >= 64 ? UINT64_MAX : (1ULL << b) - 1;
      below += (int) b;
    }
  /* Frame metadata comes with the frames' first use (frames_reserve). */
  vm->frames = NULL;
  vm->frame_free = NULL;
  vm->frames_cap = 0;
  vm_charge (vm, sizeof *vm, BUDGET_FRAMES);
  vm->list_head = vm->list_tail = NIL;
  vm->leaf_pid = NIL;
  vm->offset_mask = cfg->page_size - 1;
  vm->hit_cost_tlb = cfg->costs.mem_ns + (cfg->tlb_entries ? cfg->costs.tlb_ns : 0);
  vm->hit_cost_walk = vm->hit_cost_tlb + (uint64_t) cfg->levels * cfg->costs.mem_ns;
  vm->current = NIL;
  vm->rng = cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ULL;
  values_init (&vm->values);
  tlb_init (vm);
  vm_charge (vm, (int64_t) (vm_memory_bytes (vm) - sizeof *vm), BUDGET_FRAMES);
  policy_init (vm);
  return vm;
}

void
vm_free (struct vm *vm)
{
  if (!vm)
    return;
  budget_charge (-(int64_t) vm->charged, NULL);
  for (size_t i = 0; i < vm->nprocs; i++)
    {
      for (size_t j = 0; j < vm->procs[i].nregions; j++)
        free (vm->procs[i].regions[j].name);
      free (vm->procs[i].regions);
      for (size_t j = 0; j < vm->procs[i].ngone; j++)
        free (vm->procs[i].gone[j].name);
      free (vm->procs[i].gone);
      free (vm->procs[i].name);
    }
  free (vm->procs);
  for (size_t i = 0; i < vm->nnodes; i++)
    {
      free (vm->nodes[i].dense);
      hmap_destroy (&vm->nodes[i].sparse);
    }
  free (vm->nodes);
  for (uint32_t f = 0; f < vm->frames_cap; f++)
    free (vm->frames[f].owners);
  free (vm->frames);
  free (vm->frame_free);
  free (vm->opt_heap);
  free (vm->opt_pos);
  free (vm->sc00_bits);
  free (vm->more_count);
  free (vm->more_ghost);
  free (vm->slot_ref);
  free (vm->slot_owner);
  free (vm->slot_object);
  for (size_t i = 0; i < vm->nobjects; i++)
    {
      free (vm->objects[i].name);
      hmap_destroy (&vm->objects[i].map);
    }
  free (vm->objects);
  evicted_free (&vm->evicted);
  values_free (&vm->values);
  free (vm->tlb);
  free (vm->tlb_index);
  free (vm->tlb_free);
  free (vm->tlb_oldest);
  free (vm->tlb_newest);
  free (vm);
}

void *
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
  struct vm *vm;
  budget_charge ((int64_t) src->charged, BUDGET_HISTORY);
  vm = xmalloc (sizeof *vm);
  *vm = *src;
  vm->procs = dup_array (src->procs, src->procs_cap, sizeof *src->procs);
  for (size_t i = 0; i < src->nprocs; i++)
    {
      struct proc *p = &vm->procs[i];
      p->name = xstrdup (src->procs[i].name);
      p->regions = dup_array (src->procs[i].regions, p->cap, sizeof *p->regions);
      for (size_t j = 0; j < p->nregions; j++)
        p->regions[j].name = xstrdup (p->regions[j].name);
      p->gone = dup_array (src->procs[i].gone, p->ngone, sizeof *p->gone);
      for (size_t j = 0; j < p->ngone; j++)
        p->gone[j].name = xstrdup (p->gone[j].name);
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
  vm->frames = dup_array (src->frames, src->frames_cap, sizeof *src->frames);
  vm->frame_free = dup_array (src->frame_free, (src->frames_cap + 63) / 64,
                              sizeof *src->frame_free);
  if (src->sc00_bits)
    vm->sc00_bits = src->frames_cap
      ? dup_array (src->sc00_bits, (src->frames_cap + 63) / 64,
                   sizeof *src->sc00_bits)
      : xcalloc (1, sizeof *src->sc00_bits);
  vm->more_count = dup_array (src->more_count, src->cfg.frames,
                              sizeof *src->more_count);
  vm->more_ghost = dup_array (src->more_ghost, src->cfg.frames / 2 + 1,
                              sizeof *src->more_ghost);
  if (src->opt_heap)
    {
      vm->opt_heap = xreallocarray (NULL, src->frames_cap, sizeof *src->opt_heap);
      vm->opt_pos = xreallocarray (NULL, src->frames_cap, sizeof *src->opt_pos);
      memcpy (vm->opt_heap, src->opt_heap, src->frames_cap * sizeof *src->opt_heap);
      memcpy (vm->opt_pos, src->opt_pos, src->frames_cap * sizeof *src->opt_pos);
    }
  for (uint32_t f = 0; f < src->frames_cap; f++)
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
  evicted_copy (&vm->evicted, &src->evicted);
  values_copy_all (&vm->values, &src->values);
  vm->wval = NULL;
  vm->tlb = dup_array (src->tlb, src->cfg.tlb_entries, sizeof *src->tlb);
  vm->tlb_index = dup_array (src->tlb_index, src->tlb ? src->tlb_index_mask + 1 : 0,
                             sizeof *src->tlb_index);
  vm->tlb_free = dup_array (src->tlb_free, (size_t) src->tlb_sets * src->tlb_words,
                            sizeof *src->tlb_free);
  vm->tlb_oldest = dup_array (src->tlb_oldest, src->tlb_sets, sizeof *src->tlb_oldest);
  vm->tlb_newest = dup_array (src->tlb_newest, src->tlb_sets, sizeof *src->tlb_newest);
  return vm;
}

void
vm_set_quiet (struct vm *vm, bool quiet)
{
  vm->quiet = quiet;
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
    n += (vm->procs[i].cap + vm->procs[i].ngone) * sizeof (struct region);
  n += vm->nodes_cap * sizeof *vm->nodes;
  for (size_t i = 0; i < vm->nnodes; i++)
    {
      if (vm->nodes[i].dense)
        n += ((size_t) 1 << vm->cfg.level_bits[vm->nodes[i].level]) * sizeof (uint64_t);
      n += hmap_bytes (&vm->nodes[i].sparse);
    }
  n += (size_t) vm->frames_cap * sizeof *vm->frames;
  n += (size_t) (vm->frames_cap + 63) / 64 * sizeof *vm->frame_free;
  if (vm->opt_heap)
    n += (size_t) vm->frames_cap * (sizeof *vm->opt_heap + sizeof *vm->opt_pos);
  if (vm->more_count)
    n += (size_t) vm->cfg.frames * sizeof *vm->more_count;
  for (uint32_t f = 0; f < vm->frames_cap; f++)
    n += vm->frames[f].owners_cap * sizeof (struct owner);
  n += (size_t) vm->nslots * (sizeof *vm->slot_ref + sizeof *vm->slot_owner
                              + sizeof *vm->slot_object);
  n += vm->objects_cap * sizeof *vm->objects;
  for (size_t i = 0; i < vm->nobjects; i++)
    n += hmap_bytes (&vm->objects[i].map);
  n += evicted_bytes (&vm->evicted);
  n += values_bytes (&vm->values);
  n += (size_t) vm->cfg.tlb_entries * sizeof *vm->tlb;
  if (vm->tlb)
    n += ((size_t) vm->tlb_index_mask + 1) * sizeof *vm->tlb_index
         + (size_t) vm->tlb_sets * (sizeof *vm->tlb_oldest + sizeof *vm->tlb_newest);
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
      size_t cap = vm->procs_cap ? vm->procs_cap * 2 : 4;
      vm_charge (vm, (int64_t) ((cap - vm->procs_cap) * sizeof *vm->procs),
                 BUDGET_PROCESSES);
      vm->procs_cap = cap;
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
  p->pt_nodes = 1;
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
