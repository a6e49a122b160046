/* check.c: `vmtutor --check FILE...`: load and validate each scenario
 * (including setting up its machine) without running it. */
#include "system.h"

#include <unistd.h>

#include "options.h"
#include "util.h"
#include "scenario/scenario.h"
#include "quiz/quiz-modes.h"
#include "scenario/scenario-lesson.h"
#include "lesson/lesson.h"

/* Errors reported per file before giving up on it.  */
#define CHECK_MAX_ERRORS 20

static bool check_file (const char *file);

/* Validate FILE, or the lesson named FILE when there is no such file. */
static bool
check_one (const char *file)
{
  char *lesson = NULL;
  bool ok;

  if (access (file, F_OK) != 0 && (lesson = lesson_find (file)))
    file = lesson;
  ok = check_file (file);
  free (lesson);
  return ok;
}

/* Validate FILE; print "FILE: ok" or the error.  True if it is valid. */
static bool
check_file (const char *file)
{
  char *err = NULL;
  struct scenario *sc = scenario_load_all (file, CHECK_MAX_ERRORS, &err);
  struct run *r;

  if (!sc && quiz_sniff (file))
    {
      free (err);
      return quiz_check_file (file);
    }
  if (!sc)
    {
      /* One line per error.  */
      for (char *line = err, *nl; line; line = nl)
        {
          nl = strchr (line, '\n');
          if (nl)
            *nl++ = '\0';
          fprintf (stderr, "%s: %s\n", program_name, line);
        }
      free (err);
      return false;
    }
  r = run_new (sc, NULL, NULL, &err);
  if (!r)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      scenario_free (sc);
      return false;
    }
  run_free (r);
  if (!scenario_budget_check (sc, &err))
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      scenario_free (sc);
      return false;
    }
  if (scenario_lesson (sc) && !lesson_lint (sc, file))
    {
      scenario_free (sc);
      return false;
    }
  scenario_free (sc);
  printf (_("%s: ok\n"), file);
  return true;
}

int
check_main (const struct options *o)
{
  bool all = true;

  if (o->nfiles == 0)
    {
      fprintf (stderr, _("%s: --check needs at least one scenario file\n"),
               program_name);
      fprintf (stderr, _("Try '%s --help' for more information.\n"),
               program_name);
      return 2;
    }
  for (int i = 0; i < o->nfiles; i++)
    if (!check_one (o->files[i]))
      all = false;
  fflush (stdout);
  return all ? 0 : 2;
}
