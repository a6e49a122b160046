/* spec-values.h: reading parameter values (spec-values.c) for spec.c.
 * Errors unwind to the setjmp of struct sc_ctx (scenario-internal.h). */
#ifndef VMTUTOR_SPEC_VALUES_H
#define VMTUTOR_SPEC_VALUES_H

#include "question/question-internal.h"
#include "scenario/scenario-internal.h"

/* The index of N's word among D's words, or fail naming the nearest. */
uint64_t qp_need_word (struct sc_ctx *c, const struct ynode *n,
                       const struct qp_def *d);
/* Parse the value N of parameter D into V. */
void qp_parse_value (struct sc_ctx *c, const struct ynode *n,
                     const struct qp_def *d, struct qp_value *v);
/* Parse the built-in default of D as if written at the question Q. */
void qp_parse_default (struct sc_ctx *c, const struct ynode *q,
                       const struct qp_def *d, struct qp_value *v);
/* Free what V holds (not V). */
void qp_value_free (struct qp_value *v);

#endif
