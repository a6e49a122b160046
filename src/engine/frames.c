/* frames.c: the frame allocator (lowest free frame first), the reverse
 * map of each frame's owners, and the swap device (lowest free slot
 * first, reference counted so forked processes can share a slot). */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

void
frames_reserve (struct vm *vm, uint64_t n)
{
  uint32_t old = vm->frames_cap, cap, words, old_words;
  if (n <= old)
    return;
  cap = old < 64 ? 64 : old;
  while (cap < n && cap < vm->cfg.frames)
    cap = cap > UINT32_MAX / 2 ? UINT32_MAX : cap * 2;
  if (cap > vm->cfg.frames)
    cap = vm->cfg.frames;
  words = (cap + 63) / 64;
  old_words = (old + 63) / 64;
  vm_charge (vm, (int64_t) (cap - old) * (int64_t) sizeof *vm->frames
             + (int64_t) (words - old_words) * 8, BUDGET_FRAMES);
  vm->frames = xreallocarray (vm->frames, cap, sizeof *vm->frames);
  memset (vm->frames + old, 0, (cap - old) * sizeof *vm->frames);
  for (uint32_t f = old; f < cap; f++)
    {
      vm->frames[f].prev = vm->frames[f].next = NIL;
      vm->frames[f].object = NIL;
      vm->frames[f].slot = NIL;
    }
  vm->frame_free = xreallocarray (vm->frame_free, words, sizeof *vm->frame_free);
  memset (vm->frame_free + old_words, 0,
          (words - old_words) * sizeof *vm->frame_free);
  for (uint32_t f = old; f < cap; f++)
    vm->frame_free[f / 64] |= 1ULL << (f % 64);
  if (vm->sc00_bits)
    {
      vm->sc00_bits = xreallocarray (vm->sc00_bits, words, sizeof *vm->sc00_bits);
      memset (vm->sc00_bits + old_words, 0,
              (words - old_words) * sizeof *vm->sc00_bits);
    }
  if (vm->opt_pos)
    {
      vm_charge (vm, (int64_t) (cap - old) * 8, BUDGET_FRAMES);
      vm->opt_heap = xreallocarray (vm->opt_heap, cap, sizeof *vm->opt_heap);
      vm->opt_pos = xreallocarray (vm->opt_pos, cap, sizeof *vm->opt_pos);
      for (uint32_t f = old; f < cap; f++)
        vm->opt_pos[f] = NIL;
    }
  vm->frames_cap = cap;
}

/* The lowest free frame, found a word of the free bitmap at a time from
 * the hint (no free frame lies below it); the first frame without
 * metadata when those with it are all used; NIL when memory is full. */
uint32_t
frame_alloc_free (struct vm *vm)
{
  uint32_t words = (vm->frames_cap + 63) / 64;
  if (vm->frames_used >= vm->cfg.frames)
    return NIL;
  for (uint32_t w = vm->frame_hint / 64; w < words; w++)
    if (vm->frame_free[w])
      {
        uint32_t f = w * 64 + (uint32_t) __builtin_ctzll (vm->frame_free[w]);
        vm->frame_hint = f;
        return f;
      }
  if (vm->frames_cap < vm->cfg.frames)
    {
      uint32_t f = vm->frames_cap;
      frames_reserve (vm, (uint64_t) f + 1);
      vm->frame_hint = f;
      return f;
    }
  vm->frame_hint = vm->cfg.frames;
  return NIL;
}

uint32_t
frame_alloc_run (struct vm *vm, uint32_t n)
{
  frames_reserve (vm, vm->cfg.frames);
  for (uint64_t f = 0; f + n <= vm->cfg.frames; f += n)
    {
      uint32_t i;
      for (i = 0; i < n && !vm->frames[f + i].used; i++)
        ;
      if (i == n)
        return (uint32_t) f;
    }
  return NIL;
}

/* Mark free frame F used, with no owners yet. */
void
frame_take (struct vm *vm, uint32_t f)
{
  struct frame *fr = &vm->frames[f];
  fr->used = true;
  fr->dirty = false;
  fr->ref = true;
  fr->pt = false;
  fr->huge = false;
  fr->lock = 0;
  fr->nowners = 0;
  fr->object = NIL;
  fr->object_page = 0;
  fr->slot = NIL;
  fr->loaded_at = vm->step;
  fr->last_use = vm->step;
  fr->next_use = VM_NEVER;
  fr->prev = fr->next = NIL;
  vm->frame_free[f / 64] &= ~(1ULL << (f % 64));
  vm->frames_used++;
  if (f == vm->frame_hint)
    vm->frame_hint = f + 1;
}

/* Return F to the free pool (its owners must be gone). */
void
frame_release (struct vm *vm, uint32_t f)
{
  struct frame *fr = &vm->frames[f];
  if (!fr->used)
    return;
  policy_unlink (vm, f);
  frame_mark (vm, fr, true, false); /* a free frame counts for nothing */
  if (fr->slot != NIL)
    slot_unref (vm, fr->slot);
  fr->slot = NIL;
  fr->used = false;
  fr->nowners = 0;
  fr->lock = 0;
  fr->huge = false;
  fr->pt = false;
  fr->object = NIL;
  vm->frame_free[f / 64] |= 1ULL << (f % 64);
  vm->frames_used--;
  if (f < vm->frame_hint)
    vm->frame_hint = f;
}

void
frame_add_owner (struct vm *vm, uint32_t f, uint32_t pid, uint64_t vpn)
{
  struct frame *fr = &vm->frames[f];
  if (fr->nowners == fr->owners_cap)
    {
      uint32_t cap = fr->owners_cap ? fr->owners_cap * 2 : 2;
      vm_charge (vm, (int64_t) (cap - fr->owners_cap)
                 * (int64_t) sizeof *fr->owners, BUDGET_FRAMES);
      fr->owners_cap = cap;
      fr->owners = xreallocarray (fr->owners, fr->owners_cap, sizeof *fr->owners);
    }
  fr->owners[fr->nowners].pid = pid;
  fr->owners[fr->nowners].vpn = vpn;
  fr->nowners++;
}

void
frame_del_owner (struct vm *vm, uint32_t f, uint32_t pid, uint64_t vpn)
{
  struct frame *fr = &vm->frames[f];
  for (uint32_t i = 0; i < fr->nowners; i++)
    if (fr->owners[i].pid == pid && fr->owners[i].vpn == vpn)
      {
        memmove (fr->owners + i, fr->owners + i + 1,
                 (fr->nowners - i - 1) * sizeof *fr->owners);
        fr->nowners--;
        return;
      }
}

/* A free swap slot (reference count 1), or NIL if the device is full. */
uint32_t
slot_alloc (struct vm *vm)
{
  uint32_t s;
  for (s = vm->slot_hint; s < vm->nslots; s++)
    if (!vm->slot_ref[s])
      break;
  if (s == vm->nslots)
    {
      uint32_t limit = vm->cfg.swap_slots;
      uint32_t n;
      if (limit != VM_NONE && vm->nslots >= limit)
        return NIL;
      n = vm->nslots ? vm->nslots * 2 : 64;
      if (limit != VM_NONE && n > limit)
        n = limit;
      vm_charge (vm, (int64_t) (n - vm->nslots)
                 * (int64_t) (sizeof *vm->slot_ref + sizeof *vm->slot_owner
                              + sizeof *vm->slot_object), BUDGET_SWAP);
      vm->slot_ref = xreallocarray (vm->slot_ref, n, sizeof *vm->slot_ref);
      vm->slot_owner = xreallocarray (vm->slot_owner, n, sizeof *vm->slot_owner);
      vm->slot_object = xreallocarray (vm->slot_object, n, sizeof *vm->slot_object);
      memset (vm->slot_ref + vm->nslots, 0, (n - vm->nslots) * sizeof *vm->slot_ref);
      vm->nslots = n;
    }
  vm->slot_hint = s + 1;
  vm->slot_ref[s] = 1;
  vm->slot_owner[s].pid = NIL;
  vm->slot_owner[s].vpn = 0;
  vm->slot_object[s] = NIL;
  vm->slots_used++;
  return s;
}

void
slot_ref (struct vm *vm, uint32_t s)
{
  vm->slot_ref[s]++;
}

void
slot_unref (struct vm *vm, uint32_t s)
{
  if (s >= vm->nslots || !vm->slot_ref[s])
    return;
  if (--vm->slot_ref[s] == 0)
    {
      vm->slots_used--;
      if (s < vm->slot_hint)
        vm->slot_hint = s;
    }
}
