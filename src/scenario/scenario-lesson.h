/* scenario-lesson.h: what a lesson adds to a scenario (vmtutor-scenario(5),
 * "Lessons"): a `lesson:` block naming it, `page:` steps of text and
 * `predict:` checkpoints whose answers the engine computes by running
 * ahead (src/lesson/checkpoint.c).  Loaded by the one scenario loader. */
#ifndef VMTUTOR_SCENARIO_LESSON_H
#define VMTUTOR_SCENARIO_LESSON_H

#include <stdint.h>

#include "scenario/scenario.h"

/* What a checkpoint asks the student to predict about the next access
 * (or, for PREDICT_FAULTS, the next N accesses); PREDICT_CHOICE is a
 * teacher-written concept question with its answer in the lesson. */
enum sc_predict_what
{
  PREDICT_RESULT,   /* hit, minor, major, cow, segv, oom */
  PREDICT_TLB,      /* hit or miss */
  PREDICT_VICTIM,   /* the evicted page number, or none */
  PREDICT_FRAME,    /* the frame that holds the page afterwards */
  PREDICT_PADDR,    /* the physical address */
  PREDICT_INDICES,  /* the page-table indices, top first */
  PREDICT_FAULTS,   /* faults in the next N accesses */
  PREDICT_CHOICE,   /* one of `choices` */
  PREDICT_COUNT
};

/* A checkpoint.  ID is stable (progress is recorded by it). */
struct sc_predict
{
  char *id;
  enum sc_predict_what what;
  uint64_t accesses;       /* PREDICT_FAULTS: N (>= 1) */
  char *question;          /* NULL: a default question for WHAT */
  char *hint;              /* NULL: none */
  char *why;               /* shown after the answer, may be NULL */
  char **choices;          /* PREDICT_CHOICE */
  size_t nchoices;
  int answer;              /* PREDICT_CHOICE: index of the right one */
  unsigned line;
};

/* The `lesson:` block. */
struct sc_lesson
{
  char *name;              /* NULL: from the file name */
  unsigned minutes;
};

/* SC's lesson block, or NULL if SC is not a lesson. */
const struct sc_lesson *scenario_lesson (const struct scenario *sc);
/* The checkpoints of SC in order; their number in *N. */
const struct sc_predict **scenario_checkpoints (const struct scenario *sc,
                                                size_t *n);
/* The name of WHAT as written in lesson files ("result", ...). */
const char *sc_predict_name (enum sc_predict_what what);

#endif
