/* results.h: a student's results file (vmtutor-quiz(5), "RESULTS"):
 * written with json-c, atomically, after every answer; read back with
 * json-c and checked, errors naming FILE:LINE:COL. */
#ifndef VMTUTOR_QUIZ_RESULTS_H
#define VMTUTOR_QUIZ_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quiz/quiz.h"

#define RESULTS_MAX_FILE (1u << 20)   /* bytes of a results file */
#define RESULTS_MAX_GIVEN 4096        /* bytes of one answer */

/* One answer as stored.  N is 1-based; an unanswered question has no
 * entry.  VARIANT is the fingerprint of the variant it was given to
 * (quiz_variant_print), "" in a file that lacks it. */
struct result_answer
{
  unsigned n;
  char *given;
  double score, max;
  bool revealed;
  char variant[17];
};

struct results
{
  char *quiz;
  char sha256_hex[65];
  uint64_t seed;
  uint64_t generator;
  char *student;
  bool finished;
  size_t n;                     /* answers, sorted by n, n unique */
  struct result_answer *answers;
  double score, max;
};

/* Fresh results of STUDENT for Q (no answers; max is the quiz's). */
struct results *results_new (const struct quiz *q, const char *student);
void results_free (struct results *r);

/* The answer to question N, or NULL. */
struct result_answer *results_get (struct results *r, unsigned n);
/* Set (or replace) the answer to question N and recompute the total. */
void results_set (struct results *r, unsigned n, const char *given,
                  double score, double max, bool revealed,
                  const char *variant);

/* Write R to FILE atomically: a temporary file in FILE's directory,
 * fsync, rename over FILE, fsync the directory.  False with *ERR
 * ("FILE: reason", newly allocated) on any failure; FILE is then
 * unchanged. */
bool results_save (const struct results *r, const char *file, char **err);

/* Read FILE.  NULL with *ERR ("FILE:LINE:COL: message") when it cannot
 * be read or is not a results file.  Missing files give errno ENOENT in
 * *MISSING (true), so a caller can start afresh. */
struct results *results_load (const char *file, bool *missing, char **err);
/* The same from memory (the fuzzer's entry). */
struct results *results_parse (const char *file, const char *data,
                               size_t len, char **err);

#endif
