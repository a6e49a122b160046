/* fault.c: the page-fault handler: zero-fill, page cache hits, swap-in,
 * file reads, copy-on-write, SIGSEGV; eviction (dirty anonymous pages to
 * swap, dirty shared file pages back to their file, clean pages dropped)
 * and the OOM killer (the process with the most resident + swapped pages;
 * the lowest pid on a tie). */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

/* The leaf bits a fresh mapping of R gets. */
static uint32_t
perm_bits (const struct region *r)
{
  uint32_t b = region_pte_bits (r);
  if (r->perm & VM_MAP_LOCKED)
    b |= VM_PTE_L;
  if (r->huge_level)
    b |= VM_PTE_H;
  return b;
}

static bool
leaf_of (struct vm *vm, uint32_t pid, uint64_t vpn, uint32_t *node, uint64_t *idx)
{
  const struct region *r;
  if (!vm->have_huge)
    {
      /* every leaf is at the last level: the walk, inline */
      unsigned last = vm->cfg.levels - 1;
      uint32_t n = vm->procs[pid].root;
      if (n == NIL)
        return false;
      for (unsigned l = 0; l < last; l++)
        {
          uint64_t e = pt_get (vm, n, (vpn >> vm->lvl_shift[l])
                                      & vm->lvl_mask[l]);
          if (!(e & VM_PTE_TABLE))
            return false;
          n = (uint32_t) pte_target (e);
        }
      *node = n;
      *idx = vpn & vm->lvl_mask[last];
      return true;
    }
  r = proc_region (vm, pid, vpn);
  unsigned leaf = r ? region_leaf_level (vm, r) : vm->cfg.levels - 1;
  return pt_leaf (vm, pid, vpn, leaf, false, node, idx);
}

static void
note_victim (struct vm *vm, uint32_t f, uint32_t written, bool file,
             struct vm_event *ev)
{
  const struct frame *fr = &vm->frames[f];
  if (ev)
    ev->evictions++;
  if (!ev || ev->evicted)
    return;
  ev->evicted = true;
  ev->victim_pid = fr->nowners ? fr->owners[0].pid : VM_NONE;
  ev->victim_vpn = fr->nowners ? fr->owners[0].vpn : fr->object_page;
  ev->victim_frame = f;
  ev->victim_dirty = fr->dirty;
  ev->victim_file = file;
  ev->victim_store = file && vm->objects[fr->object].store;
  ev->victim_swap_slot = written;
  if (vm->cfg.policy == VM_POLICY_NRU)
    ev->victim_count = 2u * fr->ref + fr->dirty;
  else if (vm->more_count && f < vm->cfg.frames)
    ev->victim_count = vm->more_count[f];
  switch (vm->cfg.policy)
    {
    case VM_POLICY_FIFO: ev->victim_since = fr->loaded_at; break;
    case VM_POLICY_LRU:
    case VM_POLICY_WS: ev->victim_since = fr->last_use; break;
    case VM_POLICY_OPT: ev->victim_since = fr->next_use; break;
    default: ev->victim_since = VM_NEVER; break;
    }
}

bool
vm_evict (struct vm *vm, uint32_t f, struct vm_event *ev)
{
  struct frame *fr = &vm->frames[f];
  uint32_t slot = fr->slot, written = NIL, flushed = 0;
  bool file = false, keep_slot;

  if (!fr->used || fr->huge || fr->pt)
    return false;
  if (fr->object == NIL || !vm->objects[fr->object].file)
    {
      /* Anonymous or shared anonymous memory: to swap if it must be kept. */
      if (fr->dirty)
        {
          if (slot == NIL)
            {
              slot = slot_alloc (vm);
              if (slot == NIL)
                return false;
            }
          written = slot;
          values_copy (vm, VLOC_FRAME (f), VLOC_SLOT (slot));
          vm->st.swap_outs++;
          vm->slot_owner[slot].pid = fr->nowners ? fr->owners[0].pid : NIL;
          vm->slot_owner[slot].vpn = fr->nowners ? fr->owners[0].vpn : fr->object_page;
          vm->slot_object[slot] = fr->object;
        }
    }
  else
    {
      file = true;
      if (fr->dirty)
        {
          /* a file page is only ever dirtied through a shared mapping:
             private writes went to private copies */
          values_copy (vm, VLOC_FRAME (f),
                       VLOC_FILE (fr->object, fr->object_page));
          vm->st.file_writes++;
        }
    }
  keep_slot = slot != NIL && !file;
  note_victim (vm, f, written, file, ev);

  if (fr->object != NIL)
    {
      struct object *o = &vm->objects[fr->object];
      if (keep_slot)
        hmap_put (&o->map, fr->object_page, OBJ_SLOT | slot);
      else
        hmap_del (&o->map, fr->object_page); /* on its file: nothing kept */
      /* the frame's slot reference now belongs to the object */
    }
  else if (keep_slot && fr->nowners > 1)
    for (uint32_t i = 1; i < fr->nowners; i++)
      slot_ref (vm, slot);
  else if (keep_slot && fr->nowners == 0)
    slot_unref (vm, slot);

  for (uint32_t i = 0; i < fr->nowners; i++)
    {
      uint32_t pid = fr->owners[i].pid, node;
      uint64_t vpn = fr->owners[i].vpn, idx;
      struct proc *p = &vm->procs[pid];
      evicted_note (vm, pid, vpn);
      if (leaf_of (vm, pid, vpn, &node, &idx))
        {
          uint64_t e = pt_get (vm, node, idx);
          uint32_t keep = (uint32_t) (e & (VM_PTE_R | VM_PTE_W | VM_PTE_X
                                           | VM_PTE_U | VM_PTE_COW));
          if (fr->object == NIL && keep_slot)
            {
              pt_set (vm, node, idx, pte_make (slot, keep | VM_PTE_S));
              p->swapped++;
            }
          else
            pt_set (vm, node, idx, 0);
        }
      p->rss--;
      if (vm->tlb)
        flushed += tlb_invalidate (vm, pid, vpn);
    }
  if (ev)
    ev->tlb_flushed += flushed;
  vm->st.evictions++;
  fr->nowners = 0;
  fr->slot = NIL;
  frame_release (vm, f);
  return true;
}

static uint32_t
oom_pick (const struct vm *vm, uint32_t pid)
{
  uint32_t best = NIL;
  uint64_t best_score = 0;
  for (size_t i = 0; i < vm->nprocs; i++)
    {
      const struct proc *p = &vm->procs[i];
      uint64_t score = p->rss + p->swapped;
      if (p->alive && score > best_score)
        {
          best = (uint32_t) i;
          best_score = score;
        }
    }
  return best == NIL ? pid : best;
}

void
vm_kill (struct vm *vm, uint32_t pid)
{
  vm_exit (vm, pid);
}

/* Evict candidates until one frame is free; NIL if none can go. */
static uint32_t
evict_one (struct vm *vm, uint32_t pid, struct vm_event *ev)
{
  uint32_t *held = NULL, nheld = 0, v;
  for (;;)
    {
      v = policy_victim (vm, pid);
      if (v == NIL || vm_evict (vm, v, ev))
        break;
      held = xreallocarray (held, nheld + 1, sizeof *held);
      held[nheld++] = v;
      vm->frames[v].lock++;
    }
  if (held)
    {
      for (uint32_t i = 0; i < nheld; i++)
        vm->frames[held[i]].lock--;
      free (held);
    }
  return v;
}

/* Make room for a run of N aligned frames by evicting the lowest run whose
 * used frames can all be evicted.  True if a run is now free. */
static bool
evict_run (struct vm *vm, uint32_t pid, uint32_t n, struct vm_event *ev)
{
  for (uint64_t f = 0; f + n <= vm->cfg.frames; f += n)
    {
      uint32_t i;
      for (i = 0; i < n; i++)
        {
          const struct frame *fr = &vm->frames[f + i];
          if (fr->used && (fr->huge || fr->pt || fr->lock))
            break;
        }
      if (i < n)
        continue;
      for (i = 0; i < n; i++)
        if (vm->frames[f + i].used && !vm_evict (vm, (uint32_t) (f + i), ev))
          break;
      if (i == n)
        return true;
    }
  return false;
}

uint32_t
get_frames (struct vm *vm, uint32_t pid, uint32_t n, struct vm_event *ev)
{
  for (size_t tries = 0; tries <= vm->nprocs; tries++)
    {
      uint32_t f, k;
      if (n == 1)
        {
          f = frame_alloc_free (vm);
          if (f == NIL)
            f = evict_one (vm, pid, ev);
        }
      else
        {
          f = frame_alloc_run (vm, n);
          if (f == NIL && evict_run (vm, pid, n, ev))
            f = frame_alloc_run (vm, n);
        }
      if (f != NIL)
        return f;
      k = oom_pick (vm, pid);
      vm_kill (vm, k);
      vm->procs[k].end = VM_END_OOM;
      vm->st.oom_kills++;
      if (ev)
        ev->oom_killed = k;
      if (k == pid)
        return NIL;
    }
  return NIL;
}

uint32_t
vm_get_frame (struct vm *vm, uint32_t pid, struct vm_event *ev)
{
  return get_frames (vm, pid, 1, ev);
}

/* Claim N frames from F for PID's page at VPN. */
static void
claim (struct vm *vm, uint32_t f, uint32_t n, uint32_t pid, uint64_t vpn,
       uint64_t next_use)
{
  for (uint32_t i = 0; i < n; i++)
    {
      frame_take (vm, f + i);
      vm->frames[f + i].huge = n > 1;
    }
  if (pid != NIL)
    frame_add_owner (vm, f, pid, vpn);
  if (n == 1)
    policy_loaded (vm, f, next_use);
}

/* Map frame F (N frames of a huge page) at PID's leaf NODE[IDX]. */
static void
map_into (struct vm *vm, uint32_t pid, uint32_t node, uint64_t idx,
          uint32_t f, uint32_t n, uint32_t bits)
{
  pt_set (vm, node, idx, pte_make (f, bits | VM_PTE_P));
  vm->procs[pid].rss += n;
  if (bits & VM_PTE_L)
    vm->frames[f].lock++;
}

void
vm_drop_page (struct vm *vm, uint32_t pid, uint64_t vpn)
{
  const struct region *r = proc_region (vm, pid, vpn);
  struct proc *p = &vm->procs[pid];
  uint32_t node;
  uint64_t idx, e;

  if (!leaf_of (vm, pid, vpn, &node, &idx))
    return;
  e = pt_get (vm, node, idx);
  if (e & VM_PTE_P)
    {
      uint32_t f = (uint32_t) pte_target (e);
      struct frame *fr = &vm->frames[f];
      if ((e & VM_PTE_L) && fr->lock)
        fr->lock--;
      uint64_t n = (e & VM_PTE_H) && r ? region_huge_pages (vm, r) : 1;
      frame_del_owner (vm, f, pid, vpn & ~(n - 1));
      p->rss -= n;
      if (fr->nowners == 0 && fr->object == NIL)
        {
          for (uint64_t i = 0; i < n && f + i < vm->cfg.frames; i++)
            frame_release (vm, (uint32_t) (f + i));
        }
    }
  else if (e & VM_PTE_S)
    {
      slot_unref (vm, (uint32_t) pte_target (e));
      p->swapped--;
    }
  pt_set (vm, node, idx, 0);
  if (vm->tlb)
    tlb_invalidate (vm, pid, vpn);
}

static enum vm_result
segv (struct vm *vm, uint32_t pid, enum vm_segv why, struct vm_event *ev)
{
  ev->segv = why;
  vm_kill (vm, pid);
  vm->procs[pid].end = VM_END_SEGV;
  return VM_SEGV;
}

/* A write to a copy-on-write page resident in frame F. */
static enum vm_result
cow_fault (struct vm *vm, uint32_t pid, uint64_t vpn, const struct region *r,
           uint32_t node, uint64_t idx, uint64_t e, uint64_t next_use,
           struct vm_event *ev, uint32_t *out)
{
  uint32_t f = (uint32_t) pte_target (e), nf;
  uint32_t n = r->huge_level ? (uint32_t) region_huge_pages (vm, r) : 1;
  uint64_t base = vpn & ~((uint64_t) n - 1);
  uint32_t bits = perm_bits (r);

  if (vm->frames[f].object == NIL && vm->frames[f].nowners == 1)
    {
      pt_set (vm, node, idx, pte_make (f, (uint32_t) (e & (VM_PTE_L | VM_PTE_H))
                                          | bits | VM_PTE_P));
      *out = f;
      return VM_COW;
    }
  vm->frames[f].lock++;
  nf = get_frames (vm, pid, n, ev);
  vm->frames[f].lock--;
  if (nf == NIL)
    return VM_OOM;
  claim (vm, nf, n, pid, base, next_use);
  for (uint32_t i = 0; i < n; i++)
    values_copy (vm, VLOC_FRAME (f + i), VLOC_FRAME (nf + i));
  vm->frames[nf].dirty = true;
  /* (Guarded as in vm_drop_page, though a locked entry's frame always
   * holds its lock since a forked child no longer inherits its
   * parent's locked regions.) */
  if ((e & VM_PTE_L) && vm->frames[f].lock)
    vm->frames[f].lock--;
  frame_del_owner (vm, f, pid, base);
  vm->procs[pid].rss -= n;
  if (vm->frames[f].nowners == 0 && vm->frames[f].object == NIL)
    for (uint32_t i = 0; i < n; i++)
      frame_release (vm, f + i);
  map_into (vm, pid, node, idx, nf, n, bits | (uint32_t) (e & VM_PTE_L));
  if (vm->tlb)
    tlb_invalidate (vm, pid, vpn);
  ev->cow_copy = true;
  vm->st.cow_copies++;
  *out = nf;
  return VM_COW;
}

/* Finish a fault that left VPN mapped to frame F. */
static void
fault_done (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
            const struct region *r, uint32_t f, uint32_t node, uint64_t idx,
            uint64_t next_use, struct vm_event *ev)
{
  uint64_t pages = r->huge_level ? region_huge_pages (vm, r) : 1;
  uint32_t bits = (uint32_t) (pt_get (vm, node, idx) & PTE_FLAGS);

  if (r->huge_level)
    ev->huge_level = r->huge_level;
  access_finish (vm, pid, vpn, op, f, pages, bits | (r->huge_level << 12),
                 next_use, true, ev);
}

/* Bring object OID's page PAGE, in state ST, into frame F: from its swap
 * slot, from the file, or as zeros.  Notes it in EV; major or minor. */
static enum vm_result
object_read (struct vm *vm, uint32_t oid, uint64_t page, uint64_t st,
             uint32_t f, struct vm_event *ev)
{
  if ((st & OBJ_KIND) == OBJ_SLOT)
    {
      values_copy (vm, VLOC_SLOT (st & ~OBJ_KIND), VLOC_FRAME (f));
      ev->swap_in_slot = (uint32_t) (st & ~OBJ_KIND);
      vm->st.swap_ins++;
      return VM_MAJOR;
    }
  if (vm->objects[oid].file)
    {
      values_copy (vm, VLOC_FILE (oid, page), VLOC_FRAME (f));
      ev->file_read = true;
      ev->store_read = vm->objects[oid].store;
      vm->st.file_reads++;
      return VM_MAJOR;
    }
  values_drop (vm, VLOC_FRAME (f));
  ev->zero_fill = true;
  vm->st.zero_fills++;
  return VM_MINOR;
}

enum vm_result
vm_fault (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
          uint64_t next_use, struct vm_event *ev)
{
  const struct region *r = proc_region (vm, pid, vpn);
  unsigned need;
  uint32_t node, f, bits, n;
  uint64_t idx, e, base;
  enum vm_result res;

  evicted_event (vm, pid, vpn, ev);
  if (!r)
    return segv (vm, pid, VM_SEGV_UNMAPPED, ev);
  need = op == VM_WRITE ? VM_PERM_W : op == VM_EXEC ? VM_PERM_X : VM_PERM_R;
  if (!(r->perm & need))
    return segv (vm, pid, op == VM_WRITE ? VM_SEGV_WRITE
                          : op == VM_EXEC ? VM_SEGV_EXEC : VM_SEGV_READ, ev);
  if (!pt_leaf (vm, pid, vpn, region_leaf_level (vm, r), true, &node, &idx))
    return VM_OOM;
  /* pt_leaf may have moved the region array (page tables in frames can
   * kill); look the region up again. */
  if (vm->cfg.page_tables_in_frames && !(r = proc_region (vm, pid, vpn)))
    return VM_OOM;
  e = pt_get (vm, node, idx);
  bits = perm_bits (r);
  n = r->huge_level ? (uint32_t) region_huge_pages (vm, r) : 1;
  base = vpn & ~((uint64_t) n - 1);

  if (e & VM_PTE_P)
    {
      if (op == VM_WRITE && (e & VM_PTE_COW))
        res = cow_fault (vm, pid, vpn, r, node, idx, e, next_use, ev, &f);
      else
        {
          /* permissions were raised since the entry was made */
          uint32_t keep = (uint32_t) (e & (VM_PTE_COW | VM_PTE_L | VM_PTE_H));
          if (keep & VM_PTE_COW)
            bits &= ~(uint32_t) VM_PTE_W;
          f = (uint32_t) pte_target (e);
          if ((bits & VM_PTE_L) && !(keep & VM_PTE_L))
            vm->frames[f].lock++;       /* locked from now on, as its region */
          pt_set (vm, node, idx, pte_make (f, bits | keep | VM_PTE_P));
          res = VM_HIT;
        }
      if (res != VM_OOM)
        fault_done (vm, pid, vpn, op, r, f, node, idx, next_use, ev);
      return res;
    }

  if (e & VM_PTE_S)
    {
      uint32_t slot = (uint32_t) pte_target (e);
      f = get_frames (vm, pid, 1, ev);
      if (f == NIL)
        return VM_OOM;
      claim (vm, f, 1, pid, vpn, next_use);
      values_copy (vm, VLOC_SLOT (slot), VLOC_FRAME (f));
      if (vm->slot_ref[slot] > 1)
        {
          /* shared with a forked sibling: this copy becomes private */
          slot_unref (vm, slot);
          vm->frames[f].dirty = true;
        }
      else
        vm->frames[f].slot = slot;
      vm->procs[pid].swapped--;
      map_into (vm, pid, node, idx, f, 1, bits);
      ev->swap_in_slot = slot;
      vm->st.swap_ins++;
      fault_done (vm, pid, vpn, op, r, f, node, idx, next_use, ev);
      return VM_MAJOR;
    }

  if (r->object == NIL)
    {
      f = get_frames (vm, pid, n, ev);
      if (f == NIL)
        return VM_OOM;
      claim (vm, f, n, pid, base, next_use);
      map_into (vm, pid, node, idx, f, n, bits);
      ev->zero_fill = true;
      vm->st.zero_fills++;
      fault_done (vm, pid, vpn, op, r, f, node, idx, next_use, ev);
      return VM_MINOR;
    }

  /* A page of a memory object. */
  {
    uint32_t oid = r->object;
    uint64_t page = r->object_page + (vpn - r->start);
    uint64_t st = hmap_get (&vm->objects[oid].map, page);
    bool shared = (r->perm & VM_MAP_SHARED) != 0;

    if (!shared && op == VM_WRITE && (st & OBJ_KIND) != OBJ_FRAME)
      {
        /* A first write through a private mapping: the page is read (or
         * zero-filled) straight into the process's own copy; the object
         * keeps what it had. */
        f = get_frames (vm, pid, 1, ev);
        if (f == NIL)
          return VM_OOM;
        claim (vm, f, 1, pid, vpn, next_use);
        vm->frames[f].dirty = true;
        res = object_read (vm, oid, page, st, f, ev);
        if (res == VM_MAJOR)
          {
            ev->cow_copy = true;
            vm->st.cow_copies++;
          }
        map_into (vm, pid, node, idx, f, 1, bits);
        fault_done (vm, pid, vpn, op, r, f, node, idx, next_use, ev);
        return res;
      }
    if ((st & OBJ_KIND) == OBJ_FRAME)
      {
        f = (uint32_t) (st & ~OBJ_KIND);
        ev->shared_hit = true;
        res = VM_MINOR;
      }
    else
      {
        f = get_frames (vm, pid, 1, ev);
        if (f == NIL)
          return VM_OOM;
        claim (vm, f, 1, NIL, vpn, next_use);
        vm->frames[f].object = oid;
        vm->frames[f].object_page = page;
        if ((st & OBJ_KIND) == OBJ_SLOT)
          vm->frames[f].slot = (uint32_t) (st & ~OBJ_KIND);
        res = object_read (vm, oid, page, st, f, ev);
        hmap_put (&vm->objects[oid].map, page, OBJ_FRAME | f);
      }
    if (!shared && op == VM_WRITE)
      {
        /* the page was in memory already: the write copies it */
        uint32_t nf;
        vm->frames[f].lock++;
        nf = get_frames (vm, pid, 1, ev);
        vm->frames[f].lock--;
        if (nf == NIL)
          return VM_OOM;
        claim (vm, nf, 1, pid, vpn, next_use);
        values_copy (vm, VLOC_FRAME (f), VLOC_FRAME (nf));
        vm->frames[nf].dirty = true;
        map_into (vm, pid, node, idx, nf, 1, bits);
        ev->cow_copy = true;
        vm->st.cow_copies++;
        fault_done (vm, pid, vpn, op, r, nf, node, idx, next_use, ev);
        return VM_COW;
      }
    if (!shared && (bits & VM_PTE_W))
      bits = (bits & ~(uint32_t) VM_PTE_W) | VM_PTE_COW;
    frame_add_owner (vm, f, pid, vpn);
    map_into (vm, pid, node, idx, f, 1, bits);
    fault_done (vm, pid, vpn, op, r, f, node, idx, next_use, ev);
    return res;
  }
}
