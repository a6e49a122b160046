/* replacement.h: what the `replacement` kind's generator (replacement.c)
 * and its grader (repl-check.c) share. */
#ifndef VMTUTOR_REPLACEMENT_H
#define VMTUTOR_REPLACEMENT_H

#include "question/repl-sim.h"

/* The policies a question may name, in the order of `policy`'s words:
 * the four of DESIGN.md first (the one-step model of repl-sim.c knows
 * them: carry-forward grading), then those of policy-more.c. */
#define NPOL 14
#define NPOL_MODEL 4
extern const char *const repl_policies[NPOL + 1];
extern const enum vm_policy repl_policy_of[NPOL];

enum ask { ASK_FAULTS, ASK_HITS, ASK_VICTIM, ASK_FRAMES, ASK_GRID };
extern const char *const repl_asks[];

struct q_variant_priv
{
  enum ask ask;
  unsigned pol;                  /* index in policies[] */
  size_t at;                     /* 0-based access (victim, frames) */
  unsigned tick, tau;             /* nfu, aging, nru; wsclock, ws */
  uint64_t refs[RS_MAX_REFS];
  struct rs_run run[NPOL];       /* every policy, for misconceptions */
};


/* P, or '-' for RS_EMPTY. */
void repl_print_page (struct qbuf *b, int64_t p);
/* q_check for a replacement variant. */
void repl_check (const struct q_variant *v, const char *given,
                 struct q_result *out);

#endif
