/* sweep.h: the data of a --sweep between sweep.c (which computes it) and
 * sweep-out.c (which prints it). */
#ifndef VMTUTOR_OUT_SWEEP_H
#define VMTUTOR_OUT_SWEEP_H

#include <stdint.h>

#include "engine/vm.h"
#include "options.h"

struct sweep
{
  uint32_t min, max;                  /* frame counts */
  bool store;                         /* pages start on a backing store */
  unsigned npolicies;
  enum vm_policy policy[VM_POLICY_COUNT];
  uint64_t *faults[VM_POLICY_COUNT];  /* [p][c - min] */
  /* The accesses: dense page ids, their operations, each id's page. */
  size_t n;
  uint32_t *id;
  uint8_t *op;
  uint32_t nids;
  uint64_t *vpn;
  /* A sweep of LRU alone: the pass takes the accesses as they are read,
     and the ids and operations are not held (id and op stay NULL). */
  struct lru_sd *stream;
};

/* Fill S->faults for every policy of S from its accesses; BASE is the
 * machine (policy and frames are replaced). */
void sweep_compute (struct sweep *s, const struct vm_config *base);
/* Free what S holds. */
void sweep_free (struct sweep *s);
/* Print S as FORMAT (text: a table and charts; json; csv). */
void sweep_print (const struct sweep *s, enum out_format format);

#endif
