/* numeric.h: one-number answers with named mistakes (eat.c, sizes.c). */
#ifndef VMTUTOR_NUMERIC_H
#define VMTUTOR_NUMERIC_H

#include "question/question-internal.h"

/* A known wrong result and what it means ("forgot the TLB time"). */
struct q_mistake
{
  double value;
  const char *why;   /* translated */
};

/* Grade GIVEN against RIGHT (shown as RIGHT_TEXT) within V's tolerance
 * (0: exact integer); a wrong value matching one of M gets its WHY. */
void q_check_number (const struct q_variant *v, const char *given,
                     double right, const char *right_text,
                     const struct q_mistake *m, size_t nm,
                     struct q_result *out);

/* X for typing: 6 significant digits ("130", "0.0123457", "1.25e-06").
 * Newly allocated. */
char *q_format_real (double x);

/* X as JSON, written with 12 significant digits ("0.9", not
 * "0.90000000000000002"). */
json_object *q_json_real (double x);

#endif
