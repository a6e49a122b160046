/* options.c: applying command-line machine options to a configuration. */
#include "system.h"

#include "options.h"

void
machine_opts_apply (const struct machine_opts *o, struct vm_config *cfg)
{
  bool resplit = false;

  if (o->has_policy)
    cfg->policy = o->policy;
  if (o->has_frames)
    cfg->frames = o->frames;
  if (o->has_page_size && o->page_size != cfg->page_size)
    {
      cfg->page_size = o->page_size;
      resplit = true;
    }
  if (o->has_va_bits && o->va_bits != cfg->va_bits)
    {
      cfg->va_bits = o->va_bits;
      resplit = true;
    }
  if (o->has_levels)
    {
      cfg->levels = o->levels;
      memcpy (cfg->level_bits, o->level_bits, sizeof cfg->level_bits);
    }
  else if (resplit)
    vm_config_default_levels (cfg);
  if (o->has_tlb)
    {
      cfg->tlb_entries = o->tlb_entries;
      cfg->tlb_ways = o->tlb_ways;
    }
  if (o->has_tlb_policy)
    cfg->tlb_policy = o->tlb_policy;
  if (o->has_swap)
    cfg->swap_slots = o->swap_slots;
  if (o->has_tick)
    cfg->tick = o->tick;
  if (o->has_tau)
    cfg->tau = o->tau;
  if (o->has_seed)
    cfg->seed = o->seed;
}
