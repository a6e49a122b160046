/* checkpoint.h: a lesson's checkpoints: the answer computed by running
 * the engine ahead of the student (never written in the lesson), an
 * answer checked against it, and the likely misconception behind a wrong
 * one.  No curses, no I/O. */
#ifndef VMTUTOR_CHECKPOINT_H
#define VMTUTOR_CHECKPOINT_H

#include <stdbool.h>

#include "scenario/scenario.h"
#include "scenario/scenario-lesson.h"

/* The computed answer of a checkpoint. */
struct cp_answer
{
  char *text;           /* the answer as a student would type it */
  char *why;            /* what the engine did, in words (may be NULL) */
  struct vm_event ev;   /* the access predicted (not for faults/choice) */
  unsigned shift;       /* the machine's page shift */
  bool unpaged;         /* a machine without paging (base and bound) */
  unsigned level_bits[VM_MAX_LEVELS];
  uint64_t faults;      /* PREDICT_FAULTS */
  uint64_t victim_base; /* first page of the victim's region (page numbers
                           may be given in the region or in the space) */
  uint64_t victim_pages;
  bool has_alt[VM_POLICY_COUNT];   /* victim under other policies */
  uint64_t alt_vpn[VM_POLICY_COUNT];
  bool alt_none[VM_POLICY_COUNT];
  /* PREDICT_VALUE: what another process's copy of the page holds at the
     same offset, when it differs (a copy-on-write sibling's write) */
  bool has_other;
  uint64_t other_value;
  char *other_proc;
};

/* Compute the answer of checkpoint P, R being positioned just after P's
 * tick; R is not changed (a clone runs ahead).  SC is R's scenario (used
 * to replay it under other policies for victim misconceptions).  False
 * with *ERR (a newly allocated message) if the engine cannot give one
 * unambiguous answer: no access follows, a TLB question without a TLB,
 * a frame of an access that faulted with SIGSEGV, ... */
bool checkpoint_compute (const struct run *r, const struct sc_predict *p,
                         struct cp_answer *a, char **err);
void checkpoint_answer_free (struct cp_answer *a);

/* 1 if GIVEN is a right answer to P, 0 if a wrong one, -1 if it cannot
 * be read as an answer of P's form.  When it is not right, *MISTAKE is
 * the likely misconception (or what to type) in words, newly allocated,
 * or NULL. */
int checkpoint_check (const struct sc_predict *p, const struct cp_answer *a,
                       const char *given, char **mistake);
/* The question of P in words (P's own, or a default for its kind). */
const char *checkpoint_question (const struct sc_predict *p);
/* The expected form of an answer ("hit, minor, major, cow or segv"). */
const char *checkpoint_form (const struct sc_predict *p);

#endif
