/* fuzz_question.c: libFuzzer target for one question of a quiz file:
 * any YAML is parsed as a question; when it parses, three variants are
 * generated and each must give full marks to its own `typed` answer and
 * explain itself.  Run: tests/fuzz/fuzz_question tests/fuzz/question-corpus */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "question/question.h"
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *err = NULL;
  struct ynode *root = ytree_parse ("/nonexistent/f.yaml", data, size, &err);
  if (!root) { free (err); return 0; }
  struct q_spec *s = q_spec_parse ("/nonexistent/f.yaml", root, NULL, &err);
  ytree_free (root);
  if (!s) { free (err); return 0; }
  for (uint64_t seed = 0; seed < 3; seed++)
    {
      struct q_variant *v = q_generate (s, seed, &err);
      if (!v) { free (err); break; }
      struct q_result r;
      q_check (v, v->typed, &r);
      if (r.score != 1) abort ();
      q_result_free (&r);
      free (q_explain (v));
      q_variant_free (v);
    }
  q_spec_free (s);
  return 0;
}
