/* access.c: the access path: the TLB, then the page-table walk, then the
 * fault handler (fault.c); every path ends in access_finish. */
#include "system.h"

#include "engine/vm-internal.h"

/* ---- the access path ------------------------------------------------ */

/* (without branches: reads and writes come in no predictable order) */
static inline uint32_t
op_need (enum vm_op op)
{
  unsigned w = op == VM_WRITE, x = op == VM_EXEC;
  return w * VM_PTE_W | x * VM_PTE_X | (1u - (w | x)) * VM_PTE_R;
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
  ev->zero_fill = ev->cow_copy = ev->shared_hit = ev->file_read
    = ev->store_read = ev->victim_store = false;
  ev->evicted_at = VM_NEVER;
  ev->evicted_by = VM_NONE;
  ev->evicted_by_vpn = 0;
  ev->swap_in_slot = VM_NONE;
  ev->evicted = false;
  ev->evictions = 0;
  ev->victim_pid = VM_NONE;
  ev->victim_vpn = 0;
  ev->victim_frame = VM_NONE;
  ev->victim_dirty = ev->victim_file = false;
  ev->victim_swap_slot = VM_NONE;
  ev->victim_since = VM_NEVER;
  ev->victim_count = 0;
  ev->oom_killed = VM_NONE;
  ev->cost_ns = 0;
  ev->tlb_flushed = 0;
  ev->phys_owner = VM_NONE;
  ev->has_value = false;
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
  values_access (vm, pid, ev->frame, pa & (vm->cfg.page_size - 1), ev);
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
    {
      frame_mark (vm, &vm->frames[f], true, true);
      if (vm->frames[f].slot != NIL)
        {
          /* the swap copy is stale now: free it, as Linux does */
          slot_unref (vm, vm->frames[f].slot);
          vm->frames[f].slot = NIL;
        }
    }
  ev->frame = (uint32_t) (f + within);
  ev->pa = ((uint64_t) (f + within) << vm->shift) | ev->offset;
  values_access (vm, pid, ev->frame, ev->offset, ev);
  if (fill && vm->tlb)
    ev->tlb_slot = tlb_fill (vm, pid, vpn, pages, f, bits, ev->tlb != 0);
}

/* The quiet hit path (vm_set_quiet): the TLB, or else the walk read
 * straight from the tables; on a hit, finish the access with the few
 * event fields quiet mode promises and return true.  Anything else (a
 * fault, a huge page, an unpaged machine) returns false having changed
 * nothing, for the full path to do again. */
static inline __attribute__ ((always_inline)) bool
access_quiet (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
              uint64_t next_use, struct vm_event *ev)
{
  uint64_t vpn = va >> vm->shift, cost = vm->hit_cost_tlb, e = 0;
  uint32_t need = op_need (op), node, f;
  struct frame *fr;
  int slot = -1;

  if (pid >= vm->nprocs || !vm->procs[pid].alive || vm->cfg.unpaged
      || (vm->vpn_limit && vpn >= vm->vpn_limit))
    return false;
  if (vm->tlb)
    {
      slot = tlb_probe (vm, pid, vpn, 1);
      if (slot < 0 && vm->have_huge)
        return false;
      if (slot >= 0
          && (vm->tlb[slot].mask != UINT64_MAX
              || !(vm->tlb[slot].bits & need)))
        return false;   /* a huge page, or a trap */
    }
  if (slot < 0)
    {
      const struct pt_node *n;
      unsigned last = vm->cfg.levels - 1;
      uint64_t prefix = vpn >> vm->cfg.level_bits[last];
      cost = vm->hit_cost_walk;
      if (pid == vm->leaf_pid && prefix == vm->leaf_prefix)
        node = vm->leaf_node;
      else
        {
          node = vm->procs[pid].root;
          for (unsigned l = 0; l < last; l++)
            {
              uint64_t i = (vpn >> vm->lvl_shift[l]) & vm->lvl_mask[l];
              n = &vm->nodes[node];
              e = pt_node_get (n, i);
              if (!(e & VM_PTE_TABLE))
                return false;
              node = (uint32_t) pte_target (e);
            }
          vm->leaf_pid = pid;
          vm->leaf_prefix = prefix;
          vm->leaf_node = node;
        }
      n = &vm->nodes[node];
      e = pt_node_get (n, vpn & vm->lvl_mask[last]);
      if (!(e & VM_PTE_P) || !(e & need) || (e & VM_PTE_H))
        return false;
      f = (uint32_t) pte_target (e);
    }
  else
    f = vm->tlb[slot].frame;

  fr = &vm->frames[f];
  if (op == VM_WRITE && fr->slot != NIL)
    return false;   /* a stale swap copy to free: access_finish does it */
  policy_touch (vm, f, next_use);
  if (vm->cfg.policy == VM_POLICY_SC_DIRTY)
    {
      if (op == VM_WRITE)
        frame_mark (vm, fr, true, true);
    }
  else
    fr->dirty |= op == VM_WRITE;        /* frame_mark without a branch */
  ev->step = vm->step;
  ev->pid = pid;
  ev->op = op;
  ev->va = va;
  ev->vpn = vpn;
  ev->levels = vm->cfg.levels;
  ev->offset = va & vm->offset_mask;
  ev->walk_len = 0;
  ev->result = VM_HIT;
  ev->cost_ns = cost;
  ev->frame = f;
  ev->pa = ((uint64_t) f << vm->shift) | ev->offset;
  ev->tlb_slot = slot;
  if (!vm->tlb)
    ev->tlb = -1;
  else if (slot >= 0)
    {
      ev->tlb = 1;
      vm->st.tlb_hits++;
      tlb_used (vm, (uint32_t) slot);
    }
  else
    {
      ev->tlb = 0;
      vm->st.tlb_misses++;
      ev->tlb_slot = tlb_fill (vm, pid, vpn, 1, f, (uint32_t) (e & PTE_FLAGS),
                               false);
    }
  ev->has_value = false;
  if (vm->wval || vm->values.npages)
    values_access (vm, pid, f, ev->offset, ev);
  vm->st.accesses++;
  vm->st.hits++;
  vm->st.total_cost_ns += cost;
  vm->step++;
  return true;
}

static enum vm_result access_full (struct vm *vm, uint32_t pid, uint64_t va,
                                   enum vm_op op, uint64_t next_use,
                                   struct vm_event *ev);

/* May vm_access_run take run_hits for PID now (quiet, no values, a live
 * paged process, a policy whose touch is simple)? */
static bool
run_lean (const struct vm *vm, uint32_t pid)
{
  return vm->quiet && !vm->cfg.unpaged && pid < vm->nprocs
         && vm->procs[pid].alive && !vm->wval && !vm->values.npages
         && vm->cfg.policy < VM_POLICY_SC_DIRTY;
}

/* vm_access_run's hits: access_quiet without values or an event, for
 * REFS[I], REFS[I + 1] ... while they hit (run_lean holds); the index of
 * the first that does not (changed nothing), or N.  Each hit is the
 * same as access_quiet's, with policy_touch and frame_mark inline and
 * the machine's fields that hits do not change held in locals. */
static inline __attribute__ ((always_inline)) size_t
run_hits_with (struct vm *vm, uint32_t pid, const struct vm_ref *refs,
               size_t i, size_t n, const struct vm_future *future,
               uint64_t first, const bool tlb)
{
  const unsigned shift = vm->shift, last = vm->cfg.levels - 1;
  const unsigned lbits = vm->cfg.level_bits[last];
  const uint64_t lmask = vm->lvl_mask[last];
  const uint64_t limit = vm->vpn_limit ? vm->vpn_limit : UINT64_MAX;
  const bool lru = vm->cfg.policy == VM_POLICY_LRU;
  struct frame *const frames = vm->frames;
  uint64_t step = vm->step, prefix = UINT64_MAX;  /* (no vpn's) */
  uint64_t cost = 0;
  uint32_t node = NIL;
  const struct pt_node *leaf = NULL;
  size_t start = i;

  if (vm->leaf_pid == pid)
    {
      node = vm->leaf_node;
      prefix = vm->leaf_prefix;
      leaf = &vm->nodes[node];
    }

  for (; i < n; i++)
    {
      uint64_t va = refs[i].va, vpn = va >> shift, e;
      uint64_t next_use = future ? vm_future_next (future, first + i)
                                 : VM_NEVER;
      enum vm_op op = refs[i].op;
      uint32_t need = op == VM_WRITE ? VM_PTE_W : op == VM_EXEC ? VM_PTE_X
                    : VM_PTE_R, f;
      struct frame *fr;
      int slot = -1;

      if (vpn >= limit)
        break;
      if (tlb)
        {
          slot = tlb_probe (vm, pid, vpn, 1);
          if (slot < 0 && vm->have_huge)
            break;
          if (slot >= 0
              && (vm->tlb[slot].mask != UINT64_MAX
                  || !(vm->tlb[slot].bits & need)))
            break;      /* a huge page, or a trap */
        }
      if (slot >= 0)
        {
          f = vm->tlb[slot].frame;
          e = 0;
        }
      else
        {
          if (vpn >> lbits != prefix)
            {
              uint32_t nd = vm->procs[pid].root;
              unsigned l;
              for (l = 0; l < last; l++)
                {
                  e = pt_node_get (&vm->nodes[nd],
                                   (vpn >> vm->lvl_shift[l])
                                   & vm->lvl_mask[l]);
                  if (!(e & VM_PTE_TABLE))
                    break;
                  nd = (uint32_t) pte_target (e);
                }
              if (l < last)
                break;              /* a level is missing */
              node = nd;
              leaf = &vm->nodes[nd];
              prefix = vpn >> lbits;
            }
          e = leaf->dense ? leaf->dense[vpn & lmask]
                          : pt_node_get (leaf, vpn & lmask);
          if ((e & (VM_PTE_P | VM_PTE_H | need)) != (VM_PTE_P | need))
            break;
          f = (uint32_t) pte_target (e);
        }
      fr = &frames[f];
      if (op == VM_WRITE && fr->slot != NIL)
        break;          /* a stale swap copy to free: access_finish does it */
      /* policy_touch, then the write's frame_mark */
      fr->ref = true;
      fr->dirty |= op == VM_WRITE;
      fr->last_use = step++;
      if (fr->next_use != next_use)
        {
          fr->next_use = next_use;
          if (vm->opt_pos)
            opt_update (vm, f);
        }
      if (lru && f != vm->list_tail && !fr->huge)
        list_move_tail (vm, f);
      if (!tlb)
        cost += vm->hit_cost_walk;
      else if (slot >= 0)
        {
          cost += vm->hit_cost_tlb;
          vm->st.tlb_hits++;
          tlb_used (vm, (uint32_t) slot);
        }
      else
        {
          cost += vm->hit_cost_walk;
          vm->st.tlb_misses++;
          tlb_fill (vm, pid, vpn, 1, f, (uint32_t) (e & PTE_FLAGS), false);
        }
    }
  if (node != NIL)
    {
      vm->leaf_pid = pid;
      vm->leaf_prefix = prefix;
      vm->leaf_node = node;
    }
  vm->step = step;
  vm->st.accesses += i - start;
  vm->st.hits += i - start;
  vm->st.total_cost_ns += cost;
  return i;
}

/* run_hits_with for a machine without a TLB and with one, compiled
 * apart (the loop without is shorter). */
static size_t
run_hits (struct vm *vm, uint32_t pid, const struct vm_ref *refs, size_t i,
          size_t n, const struct vm_future *future, uint64_t first)
{
  if (vm->tlb)
    return run_hits_with (vm, pid, refs, i, n, future, first, true);
  return run_hits_with (vm, pid, refs, i, n, future, first, false);
}

/* vm_access_run's common fault (run_lean holds, run_hits has just
 * walked to the leaf): a page of a shared file mapping (a refs or trace
 * run's backing store) that is not in memory, read from the file.  Does
 * what access_full and vm_fault do for it, in the same order, without
 * the event (nothing reads it) and without looking up again what is
 * known; true when done (or when the process was killed for want of
 * memory, as vm_fault would), false having changed nothing when the
 * fault is of any other kind. */
static bool
run_fault (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
           uint64_t next_use)
{
  uint64_t vpn = va >> vm->shift, idx, page;
  unsigned last = vm->cfg.levels - 1;
  uint32_t node, f, need, bits, oid;
  const struct region *r;
  struct frame *fr;

  if (!vm->evicted.off || vm->cfg.page_tables_in_frames || vm->have_huge
      || (vm->vpn_limit && vpn >= vm->vpn_limit)
      || vm->leaf_pid != pid
      || vpn >> vm->cfg.level_bits[last] != vm->leaf_prefix
      || (vm->tlb && tlb_probe (vm, pid, vpn, 1) >= 0))
    return false;
  node = vm->leaf_node;
  idx = vpn & vm->lvl_mask[last];
  if (pt_get (vm, node, idx) & (VM_PTE_P | VM_PTE_S))
    return false;
  r = proc_region_c (vm, pid, vpn);
  need = op == VM_WRITE ? VM_PERM_W : op == VM_EXEC ? VM_PERM_X : VM_PERM_R;
  if (!r || !(r->perm & need) || r->object == NIL || r->huge_level
      || (r->perm & (VM_MAP_SHARED | VM_MAP_LOCKED)) != VM_MAP_SHARED
      || !vm->objects[r->object].file)
    return false;
  oid = r->object;
  page = r->object_page + (vpn - r->start);
  if (hmap_get (&vm->objects[oid].map, page))
    return false;               /* in memory or in swap */
  bits = region_pte_bits (r);

  vm->st.accesses++;
  if (vm->tlb)
    vm->st.tlb_misses++;
  f = get_frames (vm, pid, 1, NULL);
  if (f == NIL)
    {
      /* out of memory: PID was killed */
      vm->st.total_cost_ns += vm->hit_cost_walk;
      vm->step++;
      return true;
    }
  /* claim (no owner yet), then the object's page read from its file
   * (object_read: no values to copy) */
  frame_take (vm, f);
  vm->frames[f].huge = false;
  policy_loaded (vm, f, next_use);
  fr = &vm->frames[f];
  fr->object = oid;
  fr->object_page = page;
  vm->st.file_reads++;
  hmap_put (&vm->objects[oid].map, page, OBJ_FRAME | f);
  frame_add_owner (vm, f, pid, vpn);
  /* map_into, then access_finish */
  pt_set (vm, node, idx, pte_make (f, bits | VM_PTE_P));
  vm->procs[pid].rss++;
  policy_touch (vm, f, next_use);
  if (op == VM_WRITE)
    {
      frame_mark (vm, fr, true, true);
      if (fr->slot != NIL)
        {
          slot_unref (vm, fr->slot);
          fr->slot = NIL;
        }
    }
  if (vm->tlb)
    tlb_fill (vm, pid, vpn, 1, f, bits | VM_PTE_P, false);
  vm->st.major_faults++;
  vm->st.faults++;
  vm->st.total_cost_ns += vm->hit_cost_walk + vm->cfg.costs.major_fault_ns;
  vm->step++;
  return true;
}

void
vm_access_run (struct vm *vm, uint32_t pid, const struct vm_ref *refs,
               size_t n, const struct vm_future *future, uint64_t first)
{
  struct vm_event ev;
  bool lean = run_lean (vm, pid);

  for (size_t i = 0; i < n; i++)
    {
      uint64_t next_use;
      if (lean && (i = run_hits (vm, pid, refs, i, n, future, first)) == n)
        break;
      next_use = future ? vm_future_next (future, first + i) : VM_NEVER;
      budget_place.line = refs[i].line;
      if (!lean)
        {
          /* (what made it false lasts: a dead process, values) */
          vm_access (vm, pid, refs[i].va, refs[i].op, next_use, &ev);
          continue;
        }
      if (!run_fault (vm, pid, refs[i].va, refs[i].op, next_use))
        /* access_quiet would miss as run_hits did */
        access_full (vm, pid, refs[i].va, refs[i].op, next_use, &ev);
      lean = run_lean (vm, pid);
    }
}

/* The full path: every field of the event, the walk unless quiet. */
static enum vm_result __attribute__ ((noinline))
access_full (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
             uint64_t next_use, struct vm_event *ev)
{
  const struct vm_costs *c = &vm->cfg.costs;
  uint64_t vpn;
  uint32_t node;
  enum vm_result res;

  event_reset (vm, ev, pid, va, op);
  if (vm->vpn_limit && ev->vpn >= vm->vpn_limit)
    ev->vpn &= vm->vpn_limit - 1;
  vpn = ev->vpn;
  vm_split (vm, vpn, ev->index);

  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    {
      /* A dead process does nothing: no access, no fault is counted. */
      ev->result = VM_SEGV;
      ev->segv = VM_SEGV_DEAD;
      vm->step++;
      return VM_SEGV;
    }
  vm->st.accesses++;
  if (vm->cfg.policy == VM_POLICY_WS && !vm->cfg.unpaged)
    {
      vm->ev = ev;
      policy_ws_expire (vm, ev);
      vm->ev = NULL;
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
      vm->procs[pid].end = VM_END_SEGV;
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
      struct vm_walk_step *w = NULL;
      if (!vm->quiet)
        {
          w = &ev->walk[ev->walk_len++];
          w->table = vm->nodes[node].frame != NIL ? vm->nodes[node].frame : node;
          w->index = ev->index[l];
          w->bits = (uint32_t) (e & PTE_FLAGS);
          w->target = e ? pte_target (e) : VM_NEVER;
        }
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
          if (w)
            w->bits |= VM_PTE_A | (vm->frames[f].dirty ? VM_PTE_D : 0);
          vm->st.hits++;
          vm->st.total_cost_ns += ev->cost_ns;
          vm->step++;
          return VM_HIT;
        }
      if ((e & VM_PTE_P) && w)
        {
          /* a present leaf that faults (COW, protection): the entry's
             accessed and dirty bits as the walk read them (quiet: no
             walk is recorded) */
          const struct frame *fr = &vm->frames[pte_target (e)];
          w->bits |= (fr->ref ? VM_PTE_A : 0) | (fr->dirty ? VM_PTE_D : 0);
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

enum vm_result
vm_access (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
           uint64_t next_use, struct vm_event *ev)
{
  /* ws evicts before the access: never the quiet path */
  if (vm->quiet && vm->cfg.policy != VM_POLICY_WS
      && access_quiet (vm, pid, va, op, next_use, ev))
    return VM_HIT;
  return access_full (vm, pid, va, op, next_use, ev);
}
