/* quiz-check.c: `--check QUIZ.yaml`: load a quiz and make some variants
 * of each question, so a difficulty knob that cannot be met shows up
 * before any student meets it. */
#include "system.h"

#include "util.h"
#include "quiz/quiz-modes.h"

/* Variants made of each question by --check. */
#define CHECK_VARIANTS 20

bool
quiz_check_file (const char *file)
{
  char *err = NULL;
  struct quiz *q = quiz_load (file, &err);

  if (!q)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return false;
    }
  for (unsigned n = 1; n <= q->n; n++)
    for (unsigned i = 1; i <= CHECK_VARIANTS; i++)
      {
        char *id = quiz_variant_student (i);
        struct q_variant *v = quiz_variant (q, id, n, &err);
        free (id);
        if (!v)
          {
            fprintf (stderr, "%s: %s\n", program_name, err);
            free (err);
            quiz_free (q);
            return false;
          }
        q_variant_free (v);
      }
  quiz_free (q);
  printf (_("%s: ok\n"), file);
  return true;
}
