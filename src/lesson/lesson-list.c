/* lesson-list.c: finding the lessons, their order and their status. */
#include "system.h"

#include <ctype.h>

#include <dirent.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "scenario/scenario-lesson.h"
#include "lesson/lesson.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/vmtutor"
#endif

#define LESSON_MAX 1000

static bool
is_dir (const char *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

const char *
lesson_dir (void)
{
  static char *dir;
  const char *env = getenv ("VMTUTOR_LESSONDIR");
  const char *base = env && env[0] ? env : PKGDATADIR "/lessons";
  const char *loc;

  if (dir)
    return dir;
  /* The source tree's lessons first, as the start screen does with
     scenarios: they are newer than installed ones.  */
  if (!(env && env[0]) && access ("share/lessons/order.txt", R_OK) == 0)
    base = "share/lessons";
  /* share/lessons/LANG/ holds the translations of the same files.  */
  loc = setlocale (LC_MESSAGES, NULL);
  if (loc && strlen (loc) >= 2 && strcmp (loc, "C") != 0
      && strncmp (loc, "POSIX", 5) != 0)
    {
      char *t = xasprintf ("%s/%.2s", base, loc);
      if (is_dir (t))
        return dir = t;
      free (t);
    }
  return dir = xstrdup (base);
}

char *
lesson_name_of (const char *file)
{
  const char *b = strrchr (file, '/');
  size_t n;

  b = b ? b + 1 : file;
  n = strlen (b);
  if (n > 5 && strcmp (b + n - 5, ".yaml") == 0)
    n -= 5;
  return xstrndup (b, n);
}

char *
lesson_find (const char *name)
{
  size_t n = strlen (name);
  char *f;
  FILE *fp;

  if (strchr (name, '/') || (n > 5 && strcmp (name + n - 5, ".yaml") == 0))
    return xstrdup (name);
  for (size_t i = 0; i < n; i++)
    if (!(isalnum ((unsigned char) name[i]) || name[i] == '-'
          || name[i] == '_'))
      return NULL;
  f = xasprintf ("%s/%s.yaml", lesson_dir (), name);
  fp = fopen (f, "r");
  if (!fp)
    {
      free (f);
      return NULL;
    }
  fclose (fp);
  return f;
}

static void
add (struct lesson_list *l, const char *dir, const char *name)
{
  char *file, *err = NULL;
  struct scenario *sc;
  struct lesson_entry *e;

  for (size_t i = 0; i < l->n; i++)
    if (strcmp (l->v[i].name, name) == 0)
      return;
  if (l->n >= LESSON_MAX)
    return;
  file = xasprintf ("%s/%s.yaml", dir, name);
  l->v = xreallocarray (l->v, l->n + 1, sizeof *l->v);
  e = &l->v[l->n++];
  memset (e, 0, sizeof *e);
  e->name = xstrdup (name);
  e->file = file;
  sc = scenario_load (file, &err);
  if (sc)
    {
      const struct sc_lesson *ls = scenario_lesson (sc);
      const struct sc_predict **cps = scenario_checkpoints (sc, &e->ncps);
      free (cps);
      e->title = xstrdup (scenario_title (sc));
      e->minutes = ls ? ls->minutes : 0;
      scenario_free (sc);
    }
  free (err);
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

void
lesson_list_load (struct lesson_list *l)
{
  const char *dir = lesson_dir ();
  char *order = xasprintf ("%s/order.txt", dir);
  FILE *f = fopen (order, "r");
  char line[256];
  DIR *d;
  char **rest = NULL;
  size_t nrest = 0;

  l->v = NULL;
  l->n = 0;
  if (f)
    {
      while (fgets (line, sizeof line, f))
        {
          line[strcspn (line, "\r\n")] = '\0';
          if (line[0] && line[0] != '#' && !strchr (line, '/'))
            {
              char *nm = lesson_name_of (line);
              add (l, dir, nm);
              free (nm);
            }
        }
      fclose (f);
    }
  free (order);
  /* Lessons not in order.txt come after, by name.  */
  d = opendir (dir);
  if (d)
    {
      struct dirent *de;
      while ((de = readdir (d)) && nrest < LESSON_MAX)
        {
          size_t n = strlen (de->d_name);
          if (n > 5 && strcmp (de->d_name + n - 5, ".yaml") == 0
              && de->d_name[0] != '.')
            {
              rest = xreallocarray (rest, nrest + 1, sizeof *rest);
              rest[nrest++] = lesson_name_of (de->d_name);
            }
        }
      closedir (d);
    }
  if (nrest)
    qsort (rest, nrest, sizeof *rest, cmp_str);
  for (size_t i = 0; i < nrest; i++)
    {
      add (l, dir, rest[i]);
      free (rest[i]);
    }
  free (rest);
}

void
lesson_list_free (struct lesson_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    {
      free (l->v[i].name);
      free (l->v[i].file);
      free (l->v[i].title);
    }
  free (l->v);
  l->v = NULL;
  l->n = 0;
}

const char *
lesson_status (const struct progress *p, const struct lesson_entry *e,
               size_t *solved)
{
  const struct progress_lesson *pl = NULL;
  bool any = false;

  *solved = 0;
  for (size_t i = 0; i < p->nlessons; i++)
    if (strcmp (p->lessons[i].name, e->name) == 0)
      pl = &p->lessons[i];
  for (size_t i = 0; i < p->ncps; i++)
    if (strcmp (p->cps[i].lesson, e->name) == 0)
      {
        any = true;
        if (p->cps[i].status == CP_SOLVED)
          ++*solved;
      }
  if (pl && pl->done)
    return "done";
  if (pl || any)
    return "started";
  return "new";
}

int
lesson_print_list (void)
{
  struct lesson_list l;
  struct progress *p = progress_load ();
  size_t solved;

  lesson_list_load (&l);
  if (l.n == 0)
    {
      warn_msg (_("no lessons in %s"), lesson_dir ());
      progress_free (p);
      return 2;
    }
  for (size_t i = 0; i < l.n; i++)
    printf ("%s\t%u\t%s\t%s\n", l.v[i].name, l.v[i].minutes,
            lesson_status (p, &l.v[i], &solved),
            l.v[i].title ? l.v[i].title : _("(does not load)"));
  lesson_list_free (&l);
  progress_free (p);
  return 0;
}
