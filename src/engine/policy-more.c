/* policy-more.c: the textbook policies after sc-dirty.  Each rule is the
 * one written in vmtutor(1):
 *   second-chance  the fifo list; while the page at its head has its
 *                  reference bit set, clear the bit and move the page to
 *                  the tail; evict the head (clock's rule on a list);
 *   mru            evict the page used most recently;
 *   lfu / mfu      evict the page used the fewest / the most times since
 *                  it was loaded (the loading access counts); ties to the
 *                  page loaded earliest;
 *   nfu            every tick (cfg.tick accesses) adds each page's
 *                  reference bit to its counter and clears the bit; evict
 *                  the smallest counter, ties to the page loaded earliest;
 *   aging          every tick shifts each page's 8-bit counter right and
 *                  puts its reference bit in the top bit, clearing the
 *                  bit; evict the smallest counter, ties as nfu;
 *   nru            every tick clears the reference bits; evict from the
 *                  lowest class (0: not referenced, clean; 1: not
 *                  referenced, dirty; 2: referenced, clean; 3: referenced,
 *                  dirty), ties to the lowest frame number.
 * A counter starts at 0 when its page is loaded.  The ticks due before
 * access k (k / tick of them) are run at the start of the access. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

static bool
ticking (const struct vm *vm)
{
  return vm->cfg.policy == VM_POLICY_NFU || vm->cfg.policy == VM_POLICY_AGING
         || vm->cfg.policy == VM_POLICY_NRU;
}

void
policy_more_init (struct vm *vm)
{
  vm->more_count = NULL;
  vm->more_ticks = 0;
  if (vm->cfg.policy > VM_POLICY_SC_DIRTY)
    vm->more_count = xcalloc (vm->cfg.frames, sizeof *vm->more_count);
}

/* Run the ticks due before the current access. */
static void
catch_up (struct vm *vm)
{
  uint64_t due;

  if (!ticking (vm))
    return;
  due = vm->step / vm->cfg.tick;
  for (; vm->more_ticks < due; vm->more_ticks++)
    for (uint32_t f = 0; f < vm->cfg.frames; f++)
      {
        struct frame *fr = &vm->frames[f];
        if (!fr->used)
          continue;
        if (vm->cfg.policy == VM_POLICY_NFU)
          vm->more_count[f] += fr->ref;
        else if (vm->cfg.policy == VM_POLICY_AGING)
          vm->more_count[f] = (vm->more_count[f] >> 1)
                              | ((uint64_t) fr->ref << 7);
        frame_mark (vm, fr, false, fr->dirty);
      }
}

void
policy_more_touch (struct vm *vm, uint32_t f)
{
  catch_up (vm);
  if (vm->cfg.policy == VM_POLICY_LFU || vm->cfg.policy == VM_POLICY_MFU)
    vm->more_count[f]++;
}

void
policy_more_loaded (struct vm *vm, uint32_t f)
{
  catch_up (vm);
  vm->more_count[f] = 0;
}

/* second-chance: the list from its head. */
static uint32_t
victim_second_chance (struct vm *vm, uint32_t pid)
{
  uint64_t limit = 2ULL * vm->cfg.frames + 2;
  uint32_t f = vm->list_head;

  while (f != NIL && limit-- > 0)
    {
      uint32_t next = vm->frames[f].next;
      if (policy_candidate (vm, f, pid))
        {
          if (!vm->frames[f].ref)
            return f;
          frame_mark (vm, &vm->frames[f], false, vm->frames[f].dirty);
          if (f != vm->list_tail)
            {
              policy_unlink (vm, f);
              policy_append (vm, f);
            }
          if (next == NIL)
            next = vm->list_head;
        }
      f = next;
    }
  return NIL;
}

/* mru: the list (kept in order of use) from its tail. */
static uint32_t
victim_mru (struct vm *vm, uint32_t pid)
{
  for (uint32_t f = vm->list_tail; f != NIL; f = vm->frames[f].prev)
    if (policy_candidate (vm, f, pid))
      return f;
  return NIL;
}

/* Is frame A a better victim than frame B (NIL) for the counter
 * policies?  MOST: the larger counter wins (mfu). */
static bool
counter_better (const struct vm *vm, uint32_t a, uint32_t b, bool most)
{
  uint64_t ca = vm->more_count[a], cb;
  if (b == NIL)
    return true;
  cb = vm->more_count[b];
  if (ca != cb)
    return most ? ca > cb : ca < cb;
  return vm->frames[a].loaded_at < vm->frames[b].loaded_at;
}

uint32_t
policy_more_victim (struct vm *vm, uint32_t pid)
{
  uint32_t best = NIL;
  int best_class = 4;

  catch_up (vm);
  switch (vm->cfg.policy)
    {
    case VM_POLICY_SECOND_CHANCE: return victim_second_chance (vm, pid);
    case VM_POLICY_MRU: return victim_mru (vm, pid);
    case VM_POLICY_NRU:
      for (uint32_t f = 0; f < vm->cfg.frames; f++)
        if (policy_candidate (vm, f, pid))
          {
            int c = 2 * vm->frames[f].ref + vm->frames[f].dirty;
            if (c < best_class)
              {
                best_class = c;
                best = f;
              }
          }
      return best;
    default:
      for (uint32_t f = 0; f < vm->cfg.frames; f++)
        if (policy_candidate (vm, f, pid)
            && counter_better (vm, f, best,
                               vm->cfg.policy == VM_POLICY_MFU))
          best = f;
      return best;
    }
}
