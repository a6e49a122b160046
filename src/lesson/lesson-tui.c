/* lesson-tui.c: the lesson screen.  For now the list and the lessons run
 * as plain lines on the terminal (see lesson-plain.c); the list asks for a
 * lesson by name or number. */
#include "system.h"

#include "util.h"
#include "lesson/lesson.h"
#include "lesson/lesson-tui.h"

int
lesson_tui (const struct options *o, const char *file)
{
  struct lesson_list l;
  struct progress *p;
  char buf[256];
  size_t solved;
  int status = 0;

  (void) o;
  if (file)
    return lesson_plain (file);
  lesson_list_load (&l);
  p = progress_load ();
  printf ("%s\n\n", _("Lessons"));
  for (size_t i = 0; i < l.n; i++)
    {
      const char *st = lesson_status (p, &l.v[i], &solved);
      printf ("%2zu. %-40s %3u min  %-8s %zu/%zu\n", i + 1,
              l.v[i].title ? l.v[i].title : l.v[i].name, l.v[i].minutes,
              _(st), solved, l.v[i].ncps);
    }
  progress_free (p);
  printf ("\n%s", _("Lesson number or name (Enter: the first not done): "));
  fflush (stdout);
  if (fgets (buf, sizeof buf, stdin) && l.n > 0)
    {
      size_t k = 0;
      char *end;
      unsigned long n;
      buf[strcspn (buf, "\r\n")] = '\0';
      n = strtoul (buf, &end, 10);
      if (buf[0] && !*end && n >= 1 && n <= l.n)
        k = n - 1;
      else if (buf[0])
        {
          k = l.n;
          for (size_t i = 0; i < l.n; i++)
            if (strcmp (l.v[i].name, buf) == 0)
              k = i;
        }
      else
        {
          struct progress *q = progress_load ();
          for (k = 0; k < l.n; k++)
            if (strcmp (lesson_status (q, &l.v[k], &solved), "done") != 0)
              break;
          progress_free (q);
          if (k == l.n)
            k = 0;
        }
      if (k < l.n)
        status = lesson_plain (l.v[k].file);
      else
        {
          warn_msg (_("no lesson named '%s' (try --lesson --list)"), buf);
          status = 2;
        }
    }
  lesson_list_free (&l);
  return status;
}
