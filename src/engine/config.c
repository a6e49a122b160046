/* config.c: machine defaults and validation. */
#include "system.h"

#include "engine/vm-internal.h"

unsigned
vm_log2 (uint64_t v)
{
  unsigned n = 0;
  while (v > 1)
    {
      v >>= 1;
      n++;
    }
  return n;
}

void
vm_config_default_levels (struct vm_config *cfg)
{
  unsigned shift = vm_log2 (cfg->page_size);
  unsigned bits = cfg->va_bits > shift ? cfg->va_bits - shift : 0;
  unsigned n = bits ? (bits + 9) / 10 : 1;
  if (n > VM_MAX_LEVELS)
    n = VM_MAX_LEVELS;
  cfg->levels = n;
  for (unsigned i = 0; i < n; i++)
    {
      unsigned below = 10 * (n - 1 - i);
      cfg->level_bits[i] = i == 0 ? (bits > below ? bits - below : 0) : 10;
    }
}

void
vm_config_default (struct vm_config *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->va_bits = 32;
  cfg->page_size = 4096;
  vm_config_default_levels (cfg);
  cfg->frames = 8;
  cfg->swap_slots = VM_NONE;
  cfg->tlb_entries = 0;
  cfg->tlb_ways = 0;
  cfg->tlb_policy = VM_TLB_LRU;
  cfg->policy = VM_POLICY_FIFO;
  cfg->tick = 4;
  cfg->tau = 8;
  cfg->seed = 1;
  cfg->costs.tlb_ns = 1;
  cfg->costs.mem_ns = 100;
  cfg->costs.minor_fault_ns = 1000;
  cfg->costs.major_fault_ns = 5000000;
}

bool
vm_config_check (const struct vm_config *cfg, const char **why)
{
  unsigned shift, sum = 0;

  if (cfg->page_size < 16 || cfg->page_size > (1ULL << 30)
      || (cfg->page_size & (cfg->page_size - 1)))
    {
      *why = N_("the page size must be a power of two from 16 bytes to 1 GiB");
      return false;
    }
  if (cfg->va_bits < 8 || cfg->va_bits > 64)
    {
      *why = N_("va_bits must be from 8 to 64");
      return false;
    }
  shift = vm_log2 (cfg->page_size);
  if (cfg->va_bits <= shift)
    {
      *why = N_("va_bits must be larger than log2 of the page size");
      return false;
    }
  if (cfg->levels < 1 || cfg->levels > VM_MAX_LEVELS)
    {
      *why = N_("a page table has 1 to 6 levels");
      return false;
    }
  for (unsigned i = 0; i < cfg->levels; i++)
    {
      if (cfg->level_bits[i] < 1 || cfg->level_bits[i] > 60)
        {
          *why = N_("each level is 1 to 60 bits wide");
          return false;
        }
      sum += cfg->level_bits[i];
    }
  if (sum + shift != cfg->va_bits)
    {
      *why = N_("the level widths plus log2 of the page size must equal va_bits");
      return false;
    }
  if (cfg->frames < 1 || cfg->frames > VM_MAX_FRAMES)
    {
      *why = N_("the machine needs 1 to 1048576 frames");
      return false;
    }
  if (cfg->swap_slots != VM_NONE && cfg->swap_slots > (1u << 28))
    {
      *why = N_("at most 268435456 swap slots");
      return false;
    }
  if (cfg->tlb_entries > VM_MAX_TLB)
    {
      *why = N_("a TLB has at most 4096 entries");
      return false;
    }
  if (cfg->tlb_entries && cfg->tlb_ways
      && (cfg->tlb_ways > cfg->tlb_entries || cfg->tlb_entries % cfg->tlb_ways))
    {
      *why = N_("the TLB ways must divide the TLB entries");
      return false;
    }
  if ((unsigned) cfg->policy >= VM_POLICY_COUNT
      || (unsigned) cfg->tlb_policy >= VM_TLB_POLICY_COUNT)
    {
      *why = N_("unknown replacement policy");
      return false;
    }
  if (cfg->tick < 1)
    {
      *why = N_("the clock tick must be at least one access");
      return false;
    }
  return true;
}
