/* fuzz_answer.c: libFuzzer target for what students type.  Answers come
 * back in results files from anyone and `--grade` checks them again, so
 * q_check must take any bytes: the input (up to its first NUL) is
 * checked against one variant of every kind and every `ask`.  Run:
 * tests/fuzz/fuzz_answer tests/fuzz/answer-corpus */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "question/question.h"
#include "scenario/yaml-tree.h"

static const char *const specs[] = {
  "kind: replacement\nask: faults\n",
  "kind: replacement\nask: victim\npolicy: lru\n",
  "kind: replacement\nask: frames\npolicy: clock\n",
  "kind: replacement\nask: grid\npolicy: opt\nframes: 4\n",
  "kind: translate\nlevels: 2\n",
  "kind: translate\nask: pa\nfault: 0\n",
  "kind: translate\nask: indices\nlevels: 3\nva_bits: 24\n",
  "kind: tlb\n",
  "kind: tlb\nask: ratio\n",
  "kind: eat\n",
  "kind: eat\nask: max_fault_rate\n",
  "kind: sizes\nask: table_size\n",
  "kind: choice\nquestion: Q\ncorrect: A\nwrong: [B, {text: C, why: W}]\n",
};

static struct q_variant *variants[sizeof specs / sizeof specs[0]];

static void
setup (void)
{
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
    {
      char *err = NULL;
      struct ynode *root = ytree_parse ("f.yaml",
                                        (const unsigned char *) specs[i],
                                        strlen (specs[i]), &err);
      struct q_spec *s = root ? q_spec_parse ("f.yaml", root, NULL, &err)
                              : NULL;
      if (!s)
        abort ();
      variants[i] = q_generate (s, 1, &err);
      if (!variants[i])
        abort ();
      q_spec_free (s);
      ytree_free (root);
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *given;

  if (!variants[0])
    setup ();
  if (size > 65536)
    return 0;
  given = malloc (size + 1);
  memcpy (given, data, size);
  given[size] = '\0';
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
    {
      struct q_result r;
      q_check (variants[i], given, &r);
      if (!(r.score >= 0 && r.score <= 1) || !r.feedback)
        abort ();
      q_result_free (&r);
    }
  free (given);
  return 0;
}
