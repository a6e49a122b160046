/* info.c: read-only views of the machine for the interface and tests,
 * and memory objects. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

static uint32_t
object_new (struct vm *vm, const char *name, uint64_t pages, bool file)
{
  struct object *o;
  if (vm->nobjects == vm->objects_cap)
    {
      vm->objects_cap = vm->objects_cap ? vm->objects_cap * 2 : 4;
      vm->objects = xreallocarray (vm->objects, vm->objects_cap, sizeof *vm->objects);
    }
  o = &vm->objects[vm->nobjects];
  o->name = xstrdup (name ? name : "");
  o->file = file;
  o->store = false;
  o->pages = pages;
  hmap_init (&o->map);
  return (uint32_t) vm->nobjects++;
}

uint32_t
vm_object_new_file (struct vm *vm, const char *name, uint64_t pages)
{
  return object_new (vm, name, pages, true);
}

uint32_t
vm_object_new_shm (struct vm *vm, const char *name, uint64_t pages)
{
  return object_new (vm, name, pages, false);
}

uint32_t
vm_object_new_store (struct vm *vm, uint64_t pages)
{
  uint32_t o = object_new (vm, "backing store", pages, true);
  vm->objects[o].store = true;
  return o;
}

bool
vm_object_is_store (const struct vm *vm, uint32_t object)
{
  return object < vm->nobjects && vm->objects[object].store;
}

uint32_t
vm_object_find (const struct vm *vm, const char *name)
{
  for (size_t i = 0; i < vm->nobjects; i++)
    if (strcmp (vm->objects[i].name, name) == 0)
      return (uint32_t) i;
  return VM_NONE;
}

const char *
vm_object_name (const struct vm *vm, uint32_t object)
{
  return object < vm->nobjects ? vm->objects[object].name : NULL;
}

bool
vm_proc_info (const struct vm *vm, uint32_t pid, struct vm_proc_info *out)
{
  const struct proc *p;
  if (pid >= vm->nprocs)
    return false;
  p = &vm->procs[pid];
  memset (out, 0, sizeof *out);
  out->pid = pid;
  out->parent = p->parent;
  out->name = p->name;
  out->alive = p->alive;
  out->asid = p->asid;
  out->base = p->base;
  out->limit = p->limit;
  out->rss_pages = p->rss;
  out->swap_pages = p->swapped;
  out->pt_pages = p->pt_nodes;
  for (size_t i = 0; i < p->nregions && p->alive; i++)
    out->vsz_pages += p->regions[i].pages;
  out->nregions = p->nregions;
  out->ngone = p->ngone;
  out->end = p->end;
  out->end_step = p->end_step;
  return true;
}

/* OUT from region R (NULL: false). */
static bool
region_out (const struct region *r, struct vm_region_info *out)
{
  if (!r)
    return false;
  out->start_vpn = r->start;
  out->pages = r->pages;
  out->perm = r->perm;
  out->object = r->object;
  out->object_page = r->object_page;
  out->name = r->name;
  return true;
}

bool
vm_region_info (const struct vm *vm, uint32_t pid, size_t i,
                struct vm_region_info *out)
{
  return region_out (pid < vm->nprocs && i < vm->procs[pid].nregions
                     ? &vm->procs[pid].regions[i] : NULL, out);
}

bool
vm_region_gone_info (const struct vm *vm, uint32_t pid, size_t i,
                     struct vm_region_info *out)
{
  return region_out (pid < vm->nprocs && i < vm->procs[pid].ngone
                     ? &vm->procs[pid].gone[i] : NULL, out);
}

void
vm_page_info (const struct vm *vm, uint32_t pid, uint64_t vpn,
              struct vm_page_info *out)
{
  const struct region *r;
  unsigned level;
  uint32_t node;
  uint64_t idx[VM_MAX_LEVELS], e = 0;
  struct evict_rec ev;

  memset (out, 0, sizeof *out);
  out->frame = out->slot = out->evicted_by = VM_NONE;
  out->evicted_at = VM_NEVER;
  out->state = VM_PAGE_UNMAPPED;
  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return;
  if (evicted_get (vm, pid, vpn, &ev))
    {
      out->evicted_at = ev.step;
      out->evicted_by = ev.by_pid;
      out->evicted_by_vpn = ev.by_vpn;
    }
  r = proc_region_c (vm, pid, vpn);
  if (!r)
    return;
  out->state = VM_PAGE_NOT_PRESENT;
  level = region_leaf_level (vm, r);
  vm_split (vm, vpn, idx);
  node = vm->procs[pid].root;
  for (unsigned l = 0; l <= level; l++)
    {
      e = pt_get (vm, node, idx[l]);
      if (l < level)
        {
          if (!(e & VM_PTE_TABLE))
            return;
          node = (uint32_t) pte_target (e);
        }
    }
  out->bits = (uint32_t) (e & PTE_FLAGS);
  if (e & VM_PTE_P)
    {
      const struct frame *fr = &vm->frames[pte_target (e)];
      uint64_t n = r->huge_level ? region_huge_pages (vm, r) : 1;
      out->state = VM_PAGE_RESIDENT;
      out->frame = (uint32_t) (pte_target (e) + (n > 1 ? (vpn & (n - 1)) : 0));
      out->shared = fr->nowners > 1;
      if (fr->ref)
        out->bits |= VM_PTE_A;
      if (fr->dirty)
        out->bits |= VM_PTE_D;
    }
  else if (e & VM_PTE_S)
    {
      out->state = VM_PAGE_SWAPPED;
      out->slot = (uint32_t) pte_target (e);
      out->shared = vm->slot_ref[out->slot] > 1;
    }
}

void
vm_frame_info (const struct vm *vm, uint32_t f, struct vm_frame_info *out)
{
  const struct frame *fr;
  memset (out, 0, sizeof *out);
  out->owner_pid = out->object = out->swap_slot = VM_NONE;
  out->next_use = VM_NEVER;
  if (f >= vm->frames_cap)
    return;             /* never used (frames_reserve) */
  fr = &vm->frames[f];
  if (!fr->used)
    return;
  out->used = true;
  out->pinned = fr->lock > 0 || fr->pt || fr->huge;
  out->locked = fr->lock > 0;
  out->huge = fr->huge;
  out->dirty = fr->dirty;
  out->page_table = fr->pt;
  out->file = fr->object != NIL && vm->objects[fr->object].file;
  if (fr->nowners)
    {
      out->owner_pid = fr->owners[0].pid;
      out->owner_vpn = fr->owners[0].vpn;
    }
  else if (fr->huge)
    {
      /* a tail frame of a huge page: find its head */
      uint32_t h = f;
      while (h > 0 && vm->frames[h].huge && !vm->frames[h].nowners)
        h--;
      if (vm->frames[h].nowners)
        {
          out->owner_pid = vm->frames[h].owners[0].pid;
          out->owner_vpn = vm->frames[h].owners[0].vpn + (f - h);
        }
      out->nowners = vm->frames[h].nowners;
      out->dirty = vm->frames[h].dirty;
    }
  if (fr->nowners)
    out->nowners = fr->nowners;
  out->object = fr->object;
  out->object_page = fr->object_page;
  out->swap_slot = fr->slot;
  out->ref = fr->ref;
  out->loaded_at = fr->loaded_at;
  out->last_use = fr->last_use;
  out->next_use = fr->next_use;
  if (vm->more_count && f < vm->cfg.frames)
    out->count = vm->more_count[f];
}

uint32_t
vm_clock_hand (const struct vm *vm)
{
  return vm->hand;
}

uint32_t
vm_policy_list (const struct vm *vm, uint32_t *out, uint32_t max)
{
  uint32_t n = 0;
  switch (vm->cfg.policy)
    {
    case VM_POLICY_FIFO: case VM_POLICY_SECOND_CHANCE: case VM_POLICY_LRU:
    case VM_POLICY_MRU: case VM_POLICY_WS:
      break;
    default:
      return 0;
    }
  for (uint32_t f = vm->list_head; f != NIL && n <= vm->cfg.frames;
       f = vm->frames[f].next)
    {
      if (n < max)
        out[n] = f;
      n++;
    }
  return n;
}

uint32_t
vm_2q_a1out (const struct vm *vm, uint32_t *pid, uint64_t *vpn,
             uint32_t max)
{
  uint32_t cap = vm->cfg.frames / 2 > 1 ? vm->cfg.frames / 2 : 1;
  if (vm->cfg.policy != VM_POLICY_2Q || !vm->more_ghost)
    return 0;
  for (uint32_t i = 0; i < vm->more_ghost_n && i < max; i++)
    {
      uint64_t key = vm->more_ghost[(vm->more_ghost_head + i) % cap];
      /* the keys of policy-more.c's page_key () */
      if (key >> 63)
        {
          pid[i] = VM_NONE;
          vpn[i] = key & ((UINT64_C (1) << 40) - 1);
        }
      else
        {
          pid[i] = (uint32_t) (key >> 48);
          vpn[i] = key & ((UINT64_C (1) << 48) - 1);
        }
    }
  return vm->more_ghost_n;
}

uint64_t
vm_policy_ticks (const struct vm *vm)
{
  return vm->more_ticks;
}

uint32_t
vm_tlb_size (const struct vm *vm)
{
  return vm->cfg.tlb_entries;
}

void
vm_tlb_info (const struct vm *vm, uint32_t slot, struct vm_tlb_info *out)
{
  const struct tlb_entry *t;
  memset (out, 0, sizeof *out);
  if (slot >= vm->cfg.tlb_entries)
    return;
  t = &vm->tlb[slot];
  out->valid = t->valid;
  out->pid = t->asid;
  out->asid = t->asid < vm->nprocs ? vm->procs[t->asid].asid : t->asid;
  out->vpn = t->vpn;
  out->pages = ~t->mask + 1;
  out->frame = t->frame;
  out->bits = t->bits & 0xfffu;
  out->stamp = t->stamp;
}

uint32_t
vm_swap_slots_used (const struct vm *vm)
{
  return vm->slots_used;
}

bool
vm_swap_info (const struct vm *vm, uint32_t slot, uint32_t *pid, uint64_t *vpn)
{
  if (slot >= vm->nslots || !vm->slot_ref[slot])
    return false;
  *pid = vm->slot_owner[slot].pid;
  *vpn = vm->slot_owner[slot].vpn;
  return true;
}

unsigned
vm_walk_peek (const struct vm *vm, uint32_t pid, uint64_t vpn,
              struct vm_walk_step walk[VM_MAX_LEVELS])
{
  uint64_t idx[VM_MAX_LEVELS];
  uint32_t node;
  unsigned n = 0;
  if (pid >= vm->nprocs || !vm->procs[pid].alive)
    return 0;
  vm_split (vm, vpn, idx);
  node = vm->procs[pid].root;
  for (unsigned l = 0; l < vm->cfg.levels; l++)
    {
      uint64_t e = pt_get (vm, node, idx[l]);
      walk[n].table = vm->nodes[node].frame != NIL ? vm->nodes[node].frame : node;
      walk[n].index = idx[l];
      walk[n].bits = (uint32_t) (e & PTE_FLAGS);
      walk[n].target = e ? pte_target (e) : VM_NEVER;
      n++;
      if (l + 1 < vm->cfg.levels && (e & VM_PTE_TABLE))
        node = (uint32_t) pte_target (e);
      else
        {
          if ((e & VM_PTE_P) && !(e & VM_PTE_TABLE))
            {
              const struct frame *fr = &vm->frames[pte_target (e)];
              walk[n - 1].bits |= (fr->ref ? VM_PTE_A : 0)
                                  | (fr->dirty ? VM_PTE_D : 0);
            }
          break;
        }
    }
  return n;
}

uint32_t
vm_frames_used (const struct vm *vm)
{
  return vm->frames_used;
}
