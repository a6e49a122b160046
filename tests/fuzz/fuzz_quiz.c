/* fuzz_quiz.c: libFuzzer target for the quiz file and results file
 * readers.  The first byte chooses the reader; the rest is the file.  A
 * quiz that loads has a variant of every question made and graded for
 * one student; a results file that parses is freed.  Any input must
 * either load or be rejected with a message.  Built with
 * --enable-fuzzing. */
#include "system.h"

#include "quiz/quiz.h"
#include "quiz/results.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_quiz (const char *data, size_t size)
{
  char *err = NULL;
  /* A directory that does not exist: scenario questions cannot reach the
     real file system.  */
  struct quiz *q = quiz_load_buffer ("/nonexistent-fuzz/q.yaml", data, size,
                                     &err);
  if (!q)
    {
      if (!err)
        __builtin_trap ();
      free (err);
      return;
    }
  for (unsigned n = 1; n <= q->n && n <= 8; n++)
    {
      struct q_variant *v = quiz_variant (q, "fuzz", n, &err);
      struct q_result r;
      char print[17];
      if (!v)
        {
          free (err);
          continue;
        }
      quiz_variant_print (v, print);
      q_check (v, v->typed, &r);
      q_result_free (&r);
      q_variant_free (v);
    }
  quiz_free (q);
}

static void
fuzz_results (const char *data, size_t size)
{
  char *err = NULL;
  struct results *r = results_parse ("r.json", data, size, &err);
  if (!r && !err)
    __builtin_trap ();
  free (err);
  results_free (r);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  if (data[0] & 1)
    fuzz_results ((const char *) data + 1, size - 1);
  else
    fuzz_quiz ((const char *) data + 1, size - 1);
  return 0;
}
