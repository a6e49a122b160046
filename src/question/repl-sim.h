/* repl-sim.h: replacement runs for the `replacement` kind: the engine's
 * run of a reference string (the answers), and a small model of one
 * policy step from any frame state (carry-forward grading and "what
 * would LRU evict here" feedback). */
#ifndef VMTUTOR_REPL_SIM_H
#define VMTUTOR_REPL_SIM_H

#include "question/question-internal.h"

#define RS_MAX_FRAMES 8
#define RS_MAX_REFS 40
#define RS_EMPTY (-1)

/* The engine's run of REFS: frame contents after every reference. */
struct rs_run
{
  enum vm_policy policy;
  unsigned nf;
  size_t n;
  int64_t grid[RS_MAX_REFS][RS_MAX_FRAMES]; /* page or RS_EMPTY */
  bool fault[RS_MAX_REFS];
  int64_t victim[RS_MAX_REFS];              /* evicted page or RS_EMPTY */
  uint64_t since[RS_MAX_REFS];              /* engine's victim_since */
  uint64_t count[RS_MAX_REFS];              /* engine's victim_count */
  unsigned nvict[RS_MAX_REFS];              /* pages evicted (ws: more
                                               than one may leave) */
  unsigned faults, evictions;
};

/* Run REFS (N <= RS_MAX_REFS pages below 2^20) on the engine with
 * POLICY and NF frames (<= RS_MAX_FRAMES), clock tick TICK and window
 * TAU. */
void rs_engine_run (enum vm_policy policy, unsigned nf, unsigned tick,
                    unsigned tau, const uint64_t *refs, size_t n,
                    struct rs_run *out);

/* A frame state for the model. */
struct rs_state
{
  unsigned nf;
  int64_t page[RS_MAX_FRAMES];
  uint64_t loaded[RS_MAX_FRAMES];  /* reference index that loaded it */
  bool ref[RS_MAX_FRAMES];         /* clock bit */
  unsigned hand;
};

void rs_state_init (struct rs_state *s, unsigned nf);
/* Apply reference J of REFS to S under POLICY (DESIGN.md's rules);
 * return the frame evicted from, or -1 (hit or free frame).  *FAULT is
 * set when the reference faulted. */
int rs_step (struct rs_state *s, enum vm_policy policy, const uint64_t *refs,
             size_t n, size_t j, bool *fault);
/* The frame POLICY's rule would evict from a full S at reference J
 * (clock: from S's bits and hand, without changing S). */
unsigned rs_victim (const struct rs_state *s, enum vm_policy policy,
                    const uint64_t *refs, size_t n, size_t j);

/* A reference string of LEN pages from [LO, HI]: with chance LOC a
 * reference repeats one of the (up to) 3 distinct pages used last. */
void rs_make_refs (struct q_rng *rng, uint64_t *refs, size_t len,
                   uint64_t lo, uint64_t hi, double loc);

#endif
