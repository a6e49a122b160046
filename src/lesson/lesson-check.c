/* lesson-check.c: the answer key (`--lesson=NAME --key`) and the lint
 * (`--check` on a lesson): both replay the lesson and compute every
 * checkpoint's answer with the engine. */
#include "system.h"

#include "util.h"
#include "scenario/scenario-lesson.h"
#include "lesson/checkpoint.h"
#include "lesson/lesson.h"

/* Whether two of P's choices read the same (an ambiguous answer). */
static bool
choices_clash (const struct sc_predict *p)
{
  for (size_t i = 0; i < p->nchoices; i++)
    for (size_t j = 0; j < i; j++)
      if (strcasecmp (p->choices[i], p->choices[j]) == 0)
        return true;
  return false;
}

bool
lesson_lint (const struct scenario *sc, const char *file)
{
  char *err = NULL;
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  bool ok = true;

  if (!r)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return false;
    }
  while (run_next (r, &t))
    {
      struct cp_answer a;
      if (t.kind != TICK_PREDICT)
        continue;
      if (t.predict->what == PREDICT_CHOICE && choices_clash (t.predict))
        {
          fprintf (stderr, _("%s: %s:%u: checkpoint '%s' has two choices "
                             "that read the same (ambiguous)\n"),
                   program_name, file, t.predict->line, t.predict->id);
          ok = false;
          continue;
        }
      if (!checkpoint_compute (r, t.predict, &a, &err))
        {
          fprintf (stderr, "%s: %s:%u: %s\n", program_name, file,
                   t.predict->line, err);
          free (err);
          err = NULL;
          ok = false;
          continue;
        }
      checkpoint_answer_free (&a);
    }
  run_free (r);
  return ok;
}

int
lesson_key (const char *file)
{
  char *err = NULL;
  struct scenario *sc = scenario_load (file, &err);
  struct run *r;
  struct tick t;
  int status = 0;

  if (!sc)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  r = run_new (sc, NULL, NULL, &err);
  if (!r)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      scenario_free (sc);
      return 2;
    }
  while (run_next (r, &t))
    switch (t.kind)
      {
      case TICK_PAGE:
        printf ("page\t%u\t\n", t.line);
        break;
      case TICK_PAUSE:
        printf ("pause\t%u\t\n", t.line);
        break;
      case TICK_ASK:
        printf ("ask\t%u\t%c\n", t.line, 'a' + t.answer);
        break;
      case TICK_PREDICT:
        {
          struct cp_answer a;
          if (checkpoint_compute (r, t.predict, &a, &err))
            {
              printf ("%s\t%s\t%s\n", sc_predict_name (t.predict->what),
                      t.predict->id, a.text);
              checkpoint_answer_free (&a);
            }
          else
            {
              fprintf (stderr, "%s: %s:%u: %s\n", program_name, file,
                       t.predict->line, err);
              free (err);
              err = NULL;
              status = 2;
            }
        }
        break;
      default:
        break;
      }
  run_free (r);
  scenario_free (sc);
  return status;
}
