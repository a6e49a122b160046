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
 *                  dirty), ties to the lowest frame number;
 *   2q             (the full version of Johnson and Shasha, 1994) a page
 *                  loaded for the first time joins a1in, a fifo; a page
 *                  loaded again while remembered in a1out joins am, an
 *                  lru list; hits move nothing but am's order.  A victim
 *                  is the oldest of a1in while a1in holds more than
 *                  Kin = max (1, frames / 4) pages (or am has none), its
 *                  page then remembered in a1out (a fifo of at most
 *                  Kout = max (1, frames / 2) pages, the oldest
 *                  forgotten), else the least recently used of am;
 *   wsclock        a reference bit and a time stamp per frame (the
 *                  access that loaded it, and whenever the hand finds the
 *                  bit set); from the hand, once round: bit set: clear it,
 *                  stamp now, advance; bit clear, older than cfg.tau and
 *                  clean: evict it; bit clear, old and dirty: remember the
 *                  first such, advance.  After a round without a victim:
 *                  the first old dirty page, else the first clean page
 *                  met, else the page where the hand started.  The hand
 *                  then stops past the victim;
 *   ws             (Denning's working set, window cfg.tau) before each
 *                  access, every page whose last use is more than tau
 *                  accesses ago (now - last use > tau) leaves memory,
 *                  least recently used first, written back if dirty;
 *                  the resident set is the working set.  When a fault
 *                  finds no free frame (the working set fills every
 *                  frame), evict the least recently used page.  Accesses
 *                  are counted over all processes.
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
  vm->more_ghost = NULL;
  vm->more_ghost_n = vm->more_ghost_head = 0;
  if (vm->cfg.policy > VM_POLICY_SC_DIRTY)
    {
      vm_charge (vm, (int64_t) vm->cfg.frames * 8, BUDGET_FRAMES);
      vm->more_count = xcalloc (vm->cfg.frames, sizeof *vm->more_count);
    }
  if (vm->cfg.policy == VM_POLICY_2Q)
    {
      vm_charge (vm, (int64_t) (vm->cfg.frames / 2 + 1) * 8, BUDGET_FRAMES);
      vm->more_ghost = xcalloc (vm->cfg.frames / 2 + 1, sizeof *vm->more_ghost);
    }
}

/* 2q: a1out's capacity. */
static uint32_t
kout (const struct vm *vm)
{
  return vm->cfg.frames / 2 > 1 ? vm->cfg.frames / 2 : 1;
}

/* 2q: the key of the page in frame F: its first owner's (pid, vpn), or
 * its object page for a cache page with no owner. */
static uint64_t
page_key (const struct vm *vm, uint32_t f)
{
  const struct frame *fr = &vm->frames[f];
  if (fr->nowners)
    return ((uint64_t) fr->owners[0].pid << 48) ^ fr->owners[0].vpn;
  return (UINT64_C (1) << 63) | ((uint64_t) fr->object << 40)
         | fr->object_page;
}

/* 2q: remove KEY from a1out if it is there; true if it was. */
static bool
ghost_take (struct vm *vm, uint64_t key)
{
  uint32_t cap = kout (vm);
  for (uint32_t i = 0; i < vm->more_ghost_n; i++)
    {
      uint32_t at = (vm->more_ghost_head + i) % cap;
      if (vm->more_ghost[at] != key)
        continue;
      /* close the gap: move the younger entries one place back */
      for (uint32_t j = i; j + 1 < vm->more_ghost_n; j++)
        vm->more_ghost[(vm->more_ghost_head + j) % cap]
          = vm->more_ghost[(vm->more_ghost_head + j + 1) % cap];
      vm->more_ghost_n--;
      return true;
    }
  return false;
}

/* 2q: remember KEY in a1out, forgetting the oldest when it is full. */
static void
ghost_push (struct vm *vm, uint64_t key)
{
  uint32_t cap = kout (vm);
  if (vm->more_ghost_n == cap)
    {
      vm->more_ghost_head = (vm->more_ghost_head + 1) % cap;
      vm->more_ghost_n--;
    }
  vm->more_ghost[(vm->more_ghost_head + vm->more_ghost_n++) % cap] = key;
}

/* wsclock: the victim, as the rule says. */
static uint32_t
victim_wsclock (struct vm *vm, uint32_t pid)
{
  uint32_t n = vm->cfg.frames, start = vm->hand;
  uint32_t dirty_old = NIL, clean = NIL, first = NIL, v = NIL;

  for (uint32_t i = 0; i < n && v == NIL; i++)
    {
      uint32_t f = (start + i) % n;
      struct frame *fr = &vm->frames[f];
      if (!policy_candidate (vm, f, pid))
        continue;
      if (first == NIL)
        first = f;
      if (fr->ref)
        {
          frame_mark (vm, fr, false, fr->dirty);
          vm->more_count[f] = vm->step;
          continue;
        }
      if (!fr->dirty && clean == NIL)
        clean = f;
      if (vm->step - vm->more_count[f] > vm->cfg.tau)
        {
          if (!fr->dirty)
            v = f;
          else if (dirty_old == NIL)
            dirty_old = f;
        }
    }
  if (v == NIL)
    v = dirty_old != NIL ? dirty_old : clean != NIL ? clean : first;
  if (v != NIL)
    vm->hand = (v + 1) % n;
  return v;
}

/* 2q: the victim, as the rule says. */
static uint32_t
victim_2q (struct vm *vm, uint32_t pid)
{
  uint32_t kin = vm->cfg.frames / 4 > 1 ? vm->cfg.frames / 4 : 1;
  uint32_t nin = 0, in = NIL, am = NIL;

  for (uint32_t f = 0; f < vm->cfg.frames; f++)
    {
      const struct frame *fr = &vm->frames[f];
      if (!fr->used || fr->pt || fr->huge)
        continue;
      if (!vm->more_count[f])
        nin++;
      if (!policy_candidate (vm, f, pid))
        continue;
      if (!vm->more_count[f])
        {
          if (in == NIL || fr->loaded_at < vm->frames[in].loaded_at)
            in = f;
        }
      else if (am == NIL || fr->last_use < vm->frames[am].last_use)
        am = f;
    }
  if (in != NIL && (nin > kin || am == NIL))
    {
      ghost_push (vm, page_key (vm, in));
      return in;
    }
  return am;
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
    for (uint32_t f = 0; f < vm->frames_cap; f++)
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
  vm->more_count[f] = vm->cfg.policy == VM_POLICY_WSCLOCK ? vm->step : 0;
  if (vm->cfg.policy == VM_POLICY_2Q)
    vm->more_count[f] = ghost_take (vm, page_key (vm, f));
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
    case VM_POLICY_2Q: return victim_2q (vm, pid);
    case VM_POLICY_WSCLOCK: return victim_wsclock (vm, pid);
    case VM_POLICY_WS:
      /* the list is kept in order of use: the least recent first */
      for (uint32_t f = vm->list_head; f != NIL; f = vm->frames[f].next)
        if (policy_candidate (vm, f, pid))
          return f;
      return NIL;
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

void
policy_ws_expire (struct vm *vm, struct vm_event *ev)
{
  uint32_t f = vm->list_head;

  while (f != NIL && vm->step - vm->frames[f].last_use > vm->cfg.tau)
    {
      const struct frame *fr = &vm->frames[f];
      uint32_t next = fr->next;
      if (!fr->lock && !fr->pt && !fr->huge)
        vm_evict (vm, f, ev);
      f = next;
    }
}

/* The state the next access's choice sees: the ticks due before it run
 * first (nfu, aging, nru).  Frame F's counter and reference bit then. */
static void
peek_state (const struct vm *vm, uint32_t f, uint64_t *count, bool *ref)
{
  const struct frame *fr = &vm->frames[f];
  uint64_t due = ticking (vm) ? vm->step / vm->cfg.tick : 0;
  uint64_t extra = due > vm->more_ticks ? due - vm->more_ticks : 0;
  *count = vm->more_count[f];
  *ref = fr->ref;
  if (!extra)
    return;
  if (vm->cfg.policy == VM_POLICY_NFU)
    *count += fr->ref;
  else if (vm->cfg.policy == VM_POLICY_AGING)
    *count = extra > 8 ? 0 : ((*count >> 1) | ((uint64_t) fr->ref << 7))
                             >> (extra - 1);
  *ref = false;
}

uint32_t
vm_peek_victim (const struct vm *vm)
{
  uint32_t n = vm->cfg.frames, best = NIL, first = NIL;
  uint64_t best_c = 0;
  int best_class = 4;

  if (vm->cfg.policy <= VM_POLICY_SC_DIRTY || vm->cfg.local_scope
      || vm->cfg.unpaged || vm->frames_used < n || vm->frames_cap < n)
    return VM_NONE;
  switch (vm->cfg.policy)
    {
    case VM_POLICY_SECOND_CHANCE:
    case VM_POLICY_WS:
      for (uint32_t f = vm->list_head; f != NIL; f = vm->frames[f].next)
        if (policy_candidate (vm, f, 0))
          {
            if (first == NIL)
              first = f;
            if (vm->cfg.policy == VM_POLICY_WS || !vm->frames[f].ref)
              return f;
          }
      return first != NIL ? first : VM_NONE;
    case VM_POLICY_MRU:
      for (uint32_t f = vm->list_tail; f != NIL; f = vm->frames[f].prev)
        if (policy_candidate (vm, f, 0))
          return f;
      return VM_NONE;
    case VM_POLICY_WSCLOCK:
      {
        uint32_t dirty_old = NIL, clean = NIL;
        for (uint32_t i = 0; i < n; i++)
          {
            uint32_t f = (vm->hand + i) % n;
            const struct frame *fr = &vm->frames[f];
            if (!policy_candidate (vm, f, 0))
              continue;
            if (first == NIL)
              first = f;
            if (fr->ref)
              continue;   /* cleared and stamped now: not old */
            if (!fr->dirty && clean == NIL)
              clean = f;
            if (vm->step - vm->more_count[f] > vm->cfg.tau)
              {
                if (!fr->dirty)
                  return f;
                if (dirty_old == NIL)
                  dirty_old = f;
              }
          }
        best = dirty_old != NIL ? dirty_old : clean != NIL ? clean : first;
        return best != NIL ? best : VM_NONE;
      }
    case VM_POLICY_2Q:
      {
        uint32_t kin = n / 4 > 1 ? n / 4 : 1, nin = 0, in = NIL, am = NIL;
        for (uint32_t f = 0; f < n; f++)
          {
            const struct frame *fr = &vm->frames[f];
            if (!fr->used || fr->pt || fr->huge)
              continue;
            if (!vm->more_count[f])
              nin++;
            if (!policy_candidate (vm, f, 0))
              continue;
            if (!vm->more_count[f])
              {
                if (in == NIL || fr->loaded_at < vm->frames[in].loaded_at)
                  in = f;
              }
            else if (am == NIL || fr->last_use < vm->frames[am].last_use)
              am = f;
          }
        best = in != NIL && (nin > kin || am == NIL) ? in : am;
        return best != NIL ? best : VM_NONE;
      }
    default:
      break;
    }
  for (uint32_t f = 0; f < n; f++)
    {
      uint64_t c;
      bool ref;
      if (!policy_candidate (vm, f, 0))
        continue;
      peek_state (vm, f, &c, &ref);
      if (vm->cfg.policy == VM_POLICY_NRU)
        {
          int k = 2 * ref + vm->frames[f].dirty;
          if (k < best_class)
            {
              best_class = k;
              best = f;
            }
          continue;
        }
      if (best == NIL
          || (vm->cfg.policy == VM_POLICY_MFU ? c > best_c : c < best_c)
          || (c == best_c
              && vm->frames[f].loaded_at < vm->frames[best].loaded_at))
        {
          best = f;
          best_c = c;
        }
    }
  return best != NIL ? best : VM_NONE;
}
