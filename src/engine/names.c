/* names.c: the one table of policy names and the names of results. */
#include "system.h"

#include "engine/vm.h"

static const char *const policy_names[VM_POLICY_COUNT] = {
  [VM_POLICY_FIFO] = "fifo",
  [VM_POLICY_LRU] = "lru",
  [VM_POLICY_CLOCK] = "clock",
  [VM_POLICY_OPT] = "opt",
  [VM_POLICY_RANDOM] = "random",
  [VM_POLICY_SC_DIRTY] = "sc-dirty",
  [VM_POLICY_SECOND_CHANCE] = "second-chance",
  [VM_POLICY_MRU] = "mru",
  [VM_POLICY_LFU] = "lfu",
  [VM_POLICY_MFU] = "mfu",
  [VM_POLICY_NFU] = "nfu",
  [VM_POLICY_AGING] = "aging",
  [VM_POLICY_NRU] = "nru",
  [VM_POLICY_2Q] = "2q",
  [VM_POLICY_WSCLOCK] = "wsclock",
  [VM_POLICY_WS] = "ws",
};

static const char *const tlb_policy_names[VM_TLB_POLICY_COUNT] = {
  [VM_TLB_LRU] = "lru",
  [VM_TLB_FIFO] = "fifo",
  [VM_TLB_RANDOM] = "random",
};

static const char *const result_names[VM_RESULT_COUNT] = {
  [VM_HIT] = "hit",
  [VM_MINOR] = "minor",
  [VM_MAJOR] = "major",
  [VM_COW] = "cow",
  [VM_SEGV] = "segv",
  [VM_OOM] = "oom",
};

const char *
vm_policy_name (enum vm_policy p)
{
  return (unsigned) p < VM_POLICY_COUNT ? policy_names[p] : "?";
}

int
vm_policy_parse (const char *s)
{
  for (int i = 0; i < VM_POLICY_COUNT; i++)
    if (strcmp (s, policy_names[i]) == 0)
      return i;
  if (strcmp (s, "optimal") == 0 || strcmp (s, "min") == 0)
    return VM_POLICY_OPT;
  if (strcmp (s, "working-set") == 0)
    return VM_POLICY_WS;
  return -1;
}

const char *
vm_tlb_policy_name (enum vm_tlb_policy p)
{
  return (unsigned) p < VM_TLB_POLICY_COUNT ? tlb_policy_names[p] : "?";
}

int
vm_tlb_policy_parse (const char *s)
{
  for (int i = 0; i < VM_TLB_POLICY_COUNT; i++)
    if (strcmp (s, tlb_policy_names[i]) == 0)
      return i;
  return -1;
}

const char *
vm_result_name (enum vm_result r)
{
  return (unsigned) r < VM_RESULT_COUNT ? result_names[r] : "?";
}

const char *
vm_segv_name (enum vm_segv s)
{
  switch (s)
    {
    case VM_SEGV_NONE: return "";
    case VM_SEGV_UNMAPPED: return N_("address not mapped");
    case VM_SEGV_WRITE: return N_("write to a page without write permission");
    case VM_SEGV_EXEC: return N_("execute on a page without execute permission");
    case VM_SEGV_READ: return N_("read of a page without read permission");
    case VM_SEGV_DEAD: return N_("the process is no longer running");
    }
  return "?";
}
