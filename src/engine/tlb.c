/* tlb.c: the translation lookaside buffer: N entries in sets of W ways,
 * lru, fifo or random replacement, tagged with the owner's pid (the ASID
 * when ASIDs are on; without them the whole TLB is flushed on a switch).
 *
 * Hardware compares every way of a set at once; to do the same in O(1)
 * whatever the associativity, valid entries are also kept in a hash index
 * keyed by (tag, first vpn, size).  The index never changes which entry
 * hits or which is replaced: that is decided by the sets and stamps (the
 * last use for lru, the fill for fifo; the oldest goes), after the lowest
 * invalid way of the set, which a bitmap per set finds at once.  Each
 * set also keeps its valid entries in a list in stamp order, so the
 * oldest is its head: replacement costs O(1), not a scan of the ways. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

static void
index_insert (struct vm *vm, uint32_t slot)
{
  const struct tlb_entry *e = &vm->tlb[slot];
  uint32_t i = tlb_key_hash (vm, e->asid, e->vpn, e->mask);
  while (vm->tlb_index[i] >= 0)
    i = (i + 1) & vm->tlb_index_mask;
  vm->tlb_index[i] = (int32_t) slot;
}

/* Remove SLOT from the index (backward-shift deletion). */
static void
index_remove (struct vm *vm, uint32_t slot)
{
  uint32_t m = vm->tlb_index_mask, i, j;
  const struct tlb_entry *e = &vm->tlb[slot];
  for (i = tlb_key_hash (vm, e->asid, e->vpn, e->mask);
       vm->tlb_index[i] != (int32_t) slot; i = (i + 1) & m)
    if (vm->tlb_index[i] < 0)
      return;
  vm->tlb_index[i] = -1;
  for (j = (i + 1) & m; vm->tlb_index[j] >= 0; j = (j + 1) & m)
    {
      const struct tlb_entry *o = &vm->tlb[vm->tlb_index[j]];
      uint32_t h = tlb_key_hash (vm, o->asid, o->vpn, o->mask);
      /* move j back to i if its home h is not in (i, j] cyclically */
      if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j)))
        {
          vm->tlb_index[i] = vm->tlb_index[j];
          vm->tlb_index[j] = -1;
          i = j;
        }
    }
}

static inline void
free_bit (struct vm *vm, uint32_t slot, bool set_it)
{
  uint32_t set = slot / vm->tlb_ways, way = slot % vm->tlb_ways;
  uint64_t *w = &vm->tlb_free[(size_t) set * vm->tlb_words + way / 64];
  if (set_it)
    *w |= 1ULL << (way % 64);
  else
    *w &= ~(1ULL << (way % 64));
}

/* The lowest invalid way of SET, or NIL. */
static uint32_t
free_way (const struct vm *vm, uint32_t set)
{
  const uint64_t *w = &vm->tlb_free[(size_t) set * vm->tlb_words];
  for (uint32_t i = 0; i < vm->tlb_words; i++)
    if (w[i])
      return set * vm->tlb_ways + i * 64 + (uint32_t) __builtin_ctzll (w[i]);
  return NIL;
}

static void
entry_drop (struct vm *vm, uint32_t slot)
{
  order_unlink (vm, slot);
  index_remove (vm, slot);
  free_bit (vm, slot, true);
  vm->tlb[slot].valid = false;
}

void
tlb_init (struct vm *vm)
{
  uint32_t n = vm->cfg.tlb_entries, cap = 4;
  vm->tlb = n ? xcalloc (n, sizeof *vm->tlb) : NULL;
  vm->tlb_ways = vm->cfg.tlb_ways ? vm->cfg.tlb_ways : n;
  vm->tlb_sets = n ? n / vm->tlb_ways : 0;
  vm->tlb_index = NULL;
  vm->tlb_index_mask = 0;
  vm->tlb_free = NULL;
  vm->tlb_oldest = vm->tlb_newest = NULL;
  vm->tlb_words = 0;
  if (!n)
    return;
  vm->tlb_words = (vm->tlb_ways + 63) / 64;
  vm->tlb_free = xcalloc ((size_t) vm->tlb_sets * vm->tlb_words, sizeof *vm->tlb_free);
  for (uint32_t i = 0; i < n; i++)
    {
      free_bit (vm, i, true);
      vm->tlb[i].older = vm->tlb[i].newer = NIL;
      vm->tlb[i].set = i / vm->tlb_ways;
    }
  vm->tlb_oldest = xreallocarray (NULL, vm->tlb_sets, sizeof *vm->tlb_oldest);
  vm->tlb_newest = xreallocarray (NULL, vm->tlb_sets, sizeof *vm->tlb_newest);
  for (uint32_t i = 0; i < vm->tlb_sets; i++)
    vm->tlb_oldest[i] = vm->tlb_newest[i] = NIL;
  while (cap < 4 * n)
    cap *= 2;
  vm->tlb_index = xreallocarray (NULL, cap, sizeof *vm->tlb_index);
  for (uint32_t i = 0; i < cap; i++)
    vm->tlb_index[i] = -1;
  vm->tlb_index_mask = cap - 1;
}

int
tlb_find (const struct vm *vm, uint32_t asid, uint64_t vpn)
{
  int slot = tlb_probe (vm, asid, vpn, 1);
  if (slot < 0 && vm->have_huge)
    {
      unsigned below = 0;
      for (int l = (int) vm->cfg.levels - 1; l > 0 && slot < 0; l--)
        {
          below += vm->cfg.level_bits[l];
          if (below < 64)
            slot = tlb_probe (vm, asid, vpn, 1ULL << below);
        }
    }
  return slot;
}

int
tlb_lookup (struct vm *vm, uint32_t asid, uint64_t vpn)
{
  int slot = tlb_find (vm, asid, vpn);
  if (slot >= 0)
    tlb_used (vm, (uint32_t) slot);
  return slot;
}

int
tlb_fill (struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t pages,
          uint32_t frame, uint32_t bits, bool probe)
{
  uint64_t base = vpn & ~(pages - 1);
  uint32_t set = (uint32_t) ((base / pages) % vm->tlb_sets);
  uint32_t first = set * vm->tlb_ways, victim = NIL;
  int old = probe ? tlb_probe (vm, asid, vpn, pages) : -1;

  if (old >= 0)
    victim = (uint32_t) old;
  if (victim == NIL)
    victim = free_way (vm, set);
  if (victim == NIL && vm->cfg.tlb_policy == VM_TLB_RANDOM)
    victim = first + (uint32_t) (rng_next (vm) % vm->tlb_ways);
  else if (victim == NIL)
    /* lru: oldest use; fifo: oldest fill (stamps are only set on fill):
     * the head of the set's order */
    victim = vm->tlb_oldest[set];
  struct tlb_entry *e = &vm->tlb[victim];
  if (e->valid)
    entry_drop (vm, victim);
  free_bit (vm, victim, false);
  e->valid = true;
  e->vpn = base;
  e->mask = ~(pages - 1);
  e->asid = asid;
  e->frame = frame;
  e->bits = bits;
  e->stamp = ++vm->tlb_clock;
  order_append (vm, victim);
  index_insert (vm, victim);
  return (int) victim;
}

uint32_t
tlb_invalidate (struct vm *vm, uint32_t asid, uint64_t vpn)
{
  int slot = tlb_probe (vm, asid, vpn, 1);
  if (slot >= 0)
    {
      entry_drop (vm, (uint32_t) slot);
      return 1;
    }
  return vm->have_huge ? tlb_invalidate_range (vm, asid, vpn, 1) : 0;
}

uint32_t
tlb_invalidate_range (struct vm *vm, uint32_t asid, uint64_t start,
                      uint64_t pages)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < vm->cfg.tlb_entries; i++)
    {
      struct tlb_entry *e = &vm->tlb[i];
      uint64_t len = ~e->mask + 1;
      if (e->valid && e->asid == asid && e->vpn < start + pages
          && start < e->vpn + len)
        {
          entry_drop (vm, i);
          n++;
        }
    }
  return n;
}

uint32_t
tlb_flush (struct vm *vm, uint32_t asid_or_nil)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < vm->cfg.tlb_entries; i++)
    if (vm->tlb[i].valid
        && (asid_or_nil == NIL || vm->tlb[i].asid == asid_or_nil))
      {
        entry_drop (vm, i);
        n++;
      }
  return n;
}
