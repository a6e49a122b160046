/* policy.c: the replacement policies.  Each rule is the one written in
 * DESIGN.md and vmtutor(1):
 *   fifo      evict the page loaded earliest;
 *   lru       evict the page used least recently;
 *   opt       evict the page whose next use is farthest (never = infinitely
 *             far), ties to the lowest frame;
 *   clock     sweep the hand, clearing set reference bits, evict the first
 *             frame whose bit is clear, then advance the hand past it;
 *   random    a uniformly random candidate (seeded);
 *   sc-dirty  enhanced second chance: sweep for (ref 0, clean), then for
 *             (ref 0, dirty) clearing reference bits on the way; repeat.
 * Pinned frames, page tables and huge pages are never candidates; with
 * local scope only frames mapped by the faulting process (or unmapped
 * cache pages) are. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

uint64_t
rng_next (struct vm *vm)
{
  uint64_t x = vm->rng;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  vm->rng = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* ---- opt's heap: a binary heap of loaded frames, ordered by next use
 * (farther first) and then frame number (lower first), so the top is the
 * frame the rule names, found without a scan. */

static inline bool
opt_better (const struct vm *vm, uint32_t a, uint32_t b)
{
  uint64_t na = vm->frames[a].next_use, nb = vm->frames[b].next_use;
  return na > nb || (na == nb && a < b);
}

static void
opt_set (struct vm *vm, uint32_t i, uint32_t f)
{
  vm->opt_heap[i] = f;
  vm->opt_pos[f] = i;
}

static void
opt_sift (struct vm *vm, uint32_t i)
{
  uint32_t f = vm->opt_heap[i];
  while (i > 0 && opt_better (vm, f, vm->opt_heap[(i - 1) / 2]))
    {
      opt_set (vm, i, vm->opt_heap[(i - 1) / 2]);
      i = (i - 1) / 2;
    }
  for (;;)
    {
      uint32_t c = 2 * i + 1;
      if (c >= vm->opt_n)
        break;
      if (c + 1 < vm->opt_n && opt_better (vm, vm->opt_heap[c + 1], vm->opt_heap[c]))
        c++;
      if (!opt_better (vm, vm->opt_heap[c], f))
        break;
      opt_set (vm, i, vm->opt_heap[c]);
      i = c;
    }
  opt_set (vm, i, f);
}

void
opt_update (struct vm *vm, uint32_t f)
{
  if (vm->opt_pos[f] != NIL)
    opt_sift (vm, vm->opt_pos[f]);
}

static void
opt_insert (struct vm *vm, uint32_t f)
{
  if (vm->opt_pos[f] != NIL)
    {
      opt_sift (vm, vm->opt_pos[f]);
      return;
    }
  opt_set (vm, vm->opt_n++, f);
  opt_sift (vm, vm->opt_n - 1);
}

static void
opt_remove (struct vm *vm, uint32_t f)
{
  uint32_t i = vm->opt_pos[f], last;
  if (i == NIL)
    return;
  vm->opt_pos[f] = NIL;
  last = vm->opt_heap[--vm->opt_n];
  if (i < vm->opt_n)
    {
      opt_set (vm, i, last);
      opt_sift (vm, i);
    }
}

void
policy_init (struct vm *vm)
{
  vm->opt_heap = NULL;
  vm->opt_pos = NULL;
  vm->opt_n = 0;
  vm->sc00 = 0;
  vm->sc00_bits = NULL;
  policy_more_init (vm);
  /* Sized for the frames with metadata, and grown with them
   * (frames_reserve); not NULL, even empty, when the policy uses them. */
  if (vm->cfg.policy == VM_POLICY_SC_DIRTY)
    vm->sc00_bits = xcalloc ((vm->frames_cap + 63) / 64, sizeof *vm->sc00_bits);
  if (vm->cfg.policy != VM_POLICY_OPT)
    return;
  vm->opt_heap = xreallocarray (NULL, vm->frames_cap, sizeof *vm->opt_heap);
  vm->opt_pos = xreallocarray (NULL, vm->frames_cap, sizeof *vm->opt_pos);
  for (uint32_t f = 0; f < vm->frames_cap; f++)
    vm->opt_pos[f] = NIL;
}

static bool
in_list (const struct vm *vm, uint32_t f)
{
  return vm->frames[f].prev != NIL || vm->list_head == f;
}

void
policy_loaded (struct vm *vm, uint32_t f, uint64_t next_use)
{
  struct frame *fr = &vm->frames[f];
  if (vm->cfg.policy > VM_POLICY_SC_DIRTY)
    policy_more_loaded (vm, f);
  frame_mark (vm, fr, true, fr->dirty);
  fr->loaded_at = vm->step;
  fr->last_use = vm->step;
  fr->next_use = next_use;
  if (vm->opt_pos)
    opt_insert (vm, f);
  if (in_list (vm, f))
    policy_unlink (vm, f);
  policy_append (vm, f);
}

void
policy_append (struct vm *vm, uint32_t f)
{
  struct frame *fr = &vm->frames[f];
  fr->prev = vm->list_tail;
  fr->next = NIL;
  if (vm->list_tail != NIL)
    vm->frames[vm->list_tail].next = f;
  else
    vm->list_head = f;
  vm->list_tail = f;
}

void
policy_unlink (struct vm *vm, uint32_t f)
{
  struct frame *fr = &vm->frames[f];
  if (vm->opt_pos)
    opt_remove (vm, f);
  if (!in_list (vm, f))
    return;
  if (fr->prev != NIL)
    vm->frames[fr->prev].next = fr->next;
  else
    vm->list_head = fr->next;
  if (fr->next != NIL)
    vm->frames[fr->next].prev = fr->prev;
  else
    vm->list_tail = fr->prev;
  fr->prev = fr->next = NIL;
}

static bool
candidate (const struct vm *vm, uint32_t f, uint32_t pid)
{
  const struct frame *fr = &vm->frames[f];
  if (!fr->used || fr->pt || fr->huge || fr->lock)
    return false;
  if (vm->cfg.local_scope && fr->nowners)
    {
      for (uint32_t i = 0; i < fr->nowners; i++)
        if (fr->owners[i].pid == pid)
          return true;
      return false;
    }
  return true;
}

bool
policy_candidate (const struct vm *vm, uint32_t f, uint32_t pid)
{
  return candidate (vm, f, pid);
}

static uint32_t
victim_list (struct vm *vm, uint32_t pid)
{
  for (uint32_t f = vm->list_head; f != NIL; f = vm->frames[f].next)
    if (candidate (vm, f, pid))
      return f;
  return NIL;
}

static uint32_t
victim_clock (struct vm *vm, uint32_t pid)
{
  uint32_t n = vm->cfg.frames;
  for (uint64_t i = 0; i <= 2ULL * n; i++)
    {
      uint32_t f = vm->hand;
      vm->hand = (vm->hand + 1) % n;
      if (!candidate (vm, f, pid))
        continue;
      if (vm->frames[f].ref)
        {
          frame_mark (vm, &vm->frames[f], false, vm->frames[f].dirty);
          continue;
        }
      return f;
    }
  return NIL;
}

static uint32_t
victim_sc_dirty (struct vm *vm, uint32_t pid)
{
  uint32_t n = vm->cfg.frames;
  for (int round = 0; round < 2; round++)
    {
      /* the first sweep: the next unreferenced clean frame from the hand
       * (to the end, then from frame 0 back to the hand), found through
       * the bitmap of such frames */
      for (int part = 0; part < 2 && vm->sc00; part++)
        {
          uint32_t f = part == 0 ? vm->hand : 0;
          uint32_t end = part == 0 ? n : vm->hand;
          while (f < end)
            {
              uint64_t w = vm->sc00_bits[f / 64] >> (f % 64);
              if (!w)
                {
                  f = (f / 64 + 1) * 64;
                  continue;
                }
              f += (uint32_t) __builtin_ctzll (w);
              if (f >= end)
                break;
              if (candidate (vm, f, pid))
                {
                  vm->hand = (f + 1) % n;
                  return f;
                }
              f++;
            }
        }
      for (uint32_t i = 0; i < n; i++)
        {
          uint32_t f = (vm->hand + i) % n;
          if (!candidate (vm, f, pid))
            continue;
          if (!vm->frames[f].ref)
            {
              vm->hand = (f + 1) % n;
              return f;
            }
          frame_mark (vm, &vm->frames[f], false, vm->frames[f].dirty);
        }
    }
  return NIL;
}

static uint32_t
victim_opt (struct vm *vm, uint32_t pid)
{
  uint32_t best = NIL;
  /* The top of the heap is the answer unless it is pinned or, with local
   * scope, another process's: then scan. */
  if (vm->opt_n && candidate (vm, vm->opt_heap[0], pid))
    return vm->opt_heap[0];
  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    if (candidate (vm, f, pid)
        && (best == NIL || vm->frames[f].next_use > vm->frames[best].next_use))
      best = f;
  return best;
}

static uint32_t
victim_random (struct vm *vm, uint32_t pid)
{
  uint64_t count = 0, k;
  /* Rejection sampling is uniform over the candidates and needs no scan
   * while most frames are candidates; fall back to counting. */
  for (int tries = 0; tries < 32; tries++)
    {
      uint32_t f = (uint32_t) (rng_next (vm) % vm->cfg.frames);
      if (candidate (vm, f, pid))
        return f;
    }
  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    count += candidate (vm, f, pid);
  if (!count)
    return NIL;
  k = rng_next (vm) % count;
  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    if (candidate (vm, f, pid) && k-- == 0)
      return f;
  return NIL;
}

uint32_t
policy_victim (struct vm *vm, uint32_t pid)
{
  /* The sweeps below look at every frame. */
  frames_reserve (vm, vm->cfg.frames);
  switch (vm->cfg.policy)
    {
    case VM_POLICY_FIFO:
    case VM_POLICY_LRU: return victim_list (vm, pid);
    case VM_POLICY_CLOCK: return victim_clock (vm, pid);
    case VM_POLICY_OPT: return victim_opt (vm, pid);
    case VM_POLICY_RANDOM: return victim_random (vm, pid);
    case VM_POLICY_SC_DIRTY: return victim_sc_dirty (vm, pid);
    case VM_POLICY_COUNT: break;
    default: return policy_more_victim (vm, pid);
    }
  return NIL;
}
