/* tlb.c: the translation lookaside buffer: N entries in sets of W ways,
 * lru, fifo or random replacement, tagged with the owner's pid (the ASID
 * when ASIDs are on; without them the whole TLB is flushed on a switch). */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

void
tlb_init (struct vm *vm)
{
  uint32_t n = vm->cfg.tlb_entries;
  vm->tlb = n ? xcalloc (n, sizeof *vm->tlb) : NULL;
  vm->tlb_ways = vm->cfg.tlb_ways ? vm->cfg.tlb_ways : n;
  vm->tlb_sets = n ? n / vm->tlb_ways : 0;
}

uint32_t
proc_asid (const struct vm *vm, uint32_t pid)
{
  return pid;
}

static inline int
tlb_probe (struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t pages)
{
  uint32_t set = (uint32_t) ((vpn / pages) % vm->tlb_sets);
  struct tlb_entry *e = vm->tlb + (size_t) set * vm->tlb_ways;
  for (uint32_t w = 0; w < vm->tlb_ways; w++)
    if (e[w].valid && e[w].vpn == (vpn & e[w].mask) && e[w].asid == asid)
      return (int) (set * vm->tlb_ways + w);
  return -1;
}

int
tlb_lookup (struct vm *vm, uint32_t asid, uint64_t vpn)
{
  int slot = tlb_probe (vm, asid, vpn, 1);
  if (slot < 0 && vm->have_huge && vm->tlb_sets > 1)
    {
      unsigned below = 0;
      for (int l = (int) vm->cfg.levels - 1; l > 0 && slot < 0; l--)
        {
          below += vm->cfg.level_bits[l];
          if (below < 64)
            slot = tlb_probe (vm, asid, vpn, 1ULL << below);
        }
    }
  if (slot >= 0 && vm->cfg.tlb_policy == VM_TLB_LRU)
    vm->tlb[slot].stamp = ++vm->tlb_clock;
  return slot;
}

int
tlb_fill (struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t pages,
          uint32_t frame, uint32_t bits)
{
  uint64_t base = vpn & ~(pages - 1);
  uint32_t set = (uint32_t) ((base / pages) % vm->tlb_sets);
  uint32_t first = set * vm->tlb_ways, victim = NIL;
  int old = tlb_probe (vm, asid, vpn, pages);

  if (old >= 0)
    victim = (uint32_t) old;
  for (uint32_t w = 0; victim == NIL && w < vm->tlb_ways; w++)
    if (!vm->tlb[first + w].valid)
      victim = first + w;
  if (victim == NIL)
    {
      if (vm->cfg.tlb_policy == VM_TLB_RANDOM)
        victim = first + (uint32_t) (rng_next (vm) % vm->tlb_ways);
      else
        {
          victim = first;
          for (uint32_t w = 1; w < vm->tlb_ways; w++)
            if (vm->tlb[first + w].stamp < vm->tlb[victim].stamp)
              victim = first + w;
        }
    }
  struct tlb_entry *e = &vm->tlb[victim];
  e->valid = true;
  e->vpn = base;
  e->mask = ~(pages - 1);
  e->asid = asid;
  e->frame = frame;
  e->bits = bits;
  e->stamp = ++vm->tlb_clock;
  return (int) victim;
}

uint32_t
tlb_invalidate (struct vm *vm, uint32_t asid, uint64_t vpn)
{
  return tlb_invalidate_range (vm, asid, vpn, 1);
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
          e->valid = false;
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
        vm->tlb[i].valid = false;
        n++;
      }
  return n;
}
