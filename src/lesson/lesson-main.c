/* lesson-main.c: `vmtutor --lesson`: dispatch to the list, the answer
 * key, the lint, plain mode or the lesson screen. */
#include "system.h"

#include <unistd.h>

#include "options.h"
#include "util.h"
#include "scenario/scenario-lesson.h"
#include "lesson/lesson.h"
#include "lesson/lesson-tui.h"
#include "question/words.h"

/* Lint FILE (a lesson): load, set up, replay its checkpoints. */
static bool
check_file (const char *file)
{
  char *err = NULL;
  struct scenario *sc = scenario_load (file, &err);
  bool ok;

  if (!sc)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return false;
    }
  ok = lesson_lint (sc, file);
  scenario_free (sc);
  if (ok)
    printf (_("%s: ok\n"), file);
  return ok;
}

static int
check_lessons (const struct options *o)
{
  bool all = true;

  if (o->lesson_name)
    {
      char *f = lesson_find (o->lesson_name);
      if (!f)
        {
          warn_msg (_("no lesson named '%s' (try --lesson --list)"),
                    o->lesson_name);
          return 2;
        }
      all = check_file (f);
      free (f);
    }
  else
    {
      struct lesson_list l;
      lesson_list_load (&l);
      if (l.n == 0)
        {
          warn_msg (_("no lessons in %s"), lesson_dir ());
          all = false;
        }
      for (size_t i = 0; i < l.n; i++)
        {
          /* A translation: its structure is the original's too.  */
          char *en = xasprintf ("%s/%s.yaml", lesson_dir (), l.v[i].name);
          char *d = strcmp (en, l.v[i].file) != 0
                    ? lesson_drift (en, l.v[i].file) : NULL;
          if (d)
            {
              fprintf (stderr, "%s: %s\n", program_name, d);
              all = false;
            }
          else if (!check_file (l.v[i].file))
            all = false;
          free (d);
          free (en);
        }
      lesson_list_free (&l);
    }
  for (int i = 0; i < o->nfiles; i++)
    if (!check_file (o->files[i]))
      all = false;
  fflush (stdout);
  return all ? 0 : 2;
}

/* --reset: forget lesson NAME's progress, or all of it, once the
 * student says yes on standard input. */
static int
reset (const char *name)
{
  struct progress *p;
  char buf[64];
  char *file = name ? lesson_find (name) : NULL;
  char *pname = file ? lesson_name_of (file) : NULL;

  if (name && !file)
    {
      warn_msg (_("no lesson named '%s' (try --lesson --list)"), name);
      return 2;
    }
  if (pname)
    printf (_("Forget your progress in lesson %s? (y/n) "), pname);
  else
    fputs (_("Forget your progress in every lesson? (y/n) "), stdout);
  fflush (stdout);
  if (!fgets (buf, sizeof buf, stdin) || !answer_is_yes (buf))
    {
      printf ("\n%s\n", _("Nothing was reset."));
      free (file);
      free (pname);
      return 0;
    }
  bool status_ok;
  p = progress_load ();
  if (pname)
    progress_reset_lesson (p, pname);
  else
    progress_reset_all (p);
  status_ok = progress_save (p);
  progress_free (p);
  printf ("%s\n", status_ok ? _("Progress reset.") : _("Progress could not be reset."));
  free (file);
  free (pname);
  return status_ok ? 0 : 2;
}

int
lesson_main (const struct options *o)
{
  char *file;
  int status;

  if (o->mode == MODE_CHECK)
    return check_lessons (o);
  if (o->list)
    return lesson_print_list ();
  if (o->reset)
    return reset (o->lesson_name);
  if (!o->lesson_name)
    {
      if (o->mode == MODE_KEY || o->plain || !isatty (STDIN_FILENO)
          || !isatty (STDOUT_FILENO))
        {
          warn_msg ("%s", _("name a lesson: --lesson=NAME (--lesson --list "
                            "lists them)"));
          return 2;
        }
      return lesson_tui (o, NULL);
    }
  file = lesson_find (o->lesson_name);
  if (!file)
    {
      warn_msg (_("no lesson named '%s' (try --lesson --list)"),
                o->lesson_name);
      return 2;
    }
  if (o->mode == MODE_KEY)
    status = lesson_key (file);
  else if (o->plain || !isatty (STDIN_FILENO) || !isatty (STDOUT_FILENO))
    status = lesson_plain (file);
  else
    status = lesson_tui (o, file);
  free (file);
  return status;
}
