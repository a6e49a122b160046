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

  if (dir)
    return dir;
  /* The source tree's lessons first, as the start screen does with
     scenarios: they are newer than installed ones.  */
  if (!(env && env[0]) && access ("share/lessons/order.txt", R_OK) == 0)
    base = "share/lessons";
  return dir = xstrdup (base);
}

/* Add to V (N entries, CAP 16) the directory names to try for language
   L ("es_ES.UTF-8@euro": "es_ES", then "es"); false when L is "C", which
   ends the search as it ends gettext's.  */
static bool
lang_add (char v[][16], size_t *n, const char *l, size_t len)
{
  size_t k = 0;
  while (k < len && l[k] != '.' && l[k] != '@')
    k++;
  if (k == 0)
    return true;
  if ((k == 1 && l[0] == 'C') || (k == 5 && strncmp (l, "POSIX", 5) == 0))
    return false;
  for (int pass = 0; pass < 2 && *n < 16; pass++)
    {
      size_t m = pass == 0 ? k : strcspn (l, "_");
      if (m > k)
        m = k;
      if (m == 0 || m >= 16 || (pass == 1 && m == k))
        continue;
      bool dup = false;
      for (size_t i = 0; i < *n; i++)
        dup |= strlen (v[i]) == m && strncmp (v[i], l, m) == 0;
      for (size_t i = 0; i < m; i++)
        dup |= !(l[i] == '_' || l[i] == '-' || (l[i] >= 'a' && l[i] <= 'z')
                 || (l[i] >= 'A' && l[i] <= 'Z'));
      if (!dup)
        {
          memcpy (v[*n], l, m);
          v[(*n)++][m] = '\0';
        }
    }
  return true;
}

/* The languages to look for translated lessons in, as gettext chooses
   its catalogue: the colon-separated LANGUAGE list (unless the messages
   locale is "C"), then the messages locale (LC_ALL, LC_MESSAGES, LANG).  */
static size_t
lang_list (char v[][16])
{
  const char *loc = setlocale (LC_MESSAGES, NULL);
  const char *l = getenv ("LANGUAGE");
  size_t n = 0;

  if (!loc || strcmp (loc, "C") == 0 || strcmp (loc, "POSIX") == 0)
    return 0;
  if (l)
    while (*l)
      {
        size_t len = strcspn (l, ":");
        if (!lang_add (v, &n, l, len))
          return n;
        l += len;
        if (*l == ':')
          l++;
      }
  lang_add (v, &n, loc, strlen (loc));
  return n;
}

char *
lesson_localize (const char *dir, const char *name, char **notice)
{
  char langs[16][16];
  size_t n = lang_list (langs);
  const char *first = NULL;

  if (notice)
    *notice = NULL;
  for (size_t i = 0; i < n; i++)
    {
      char *d = xasprintf ("%s/%s", dir, langs[i]);
      char *f = xasprintf ("%s/%s.yaml", d, name);
      bool has_dir = is_dir (d);
      free (d);
      if (access (f, R_OK) == 0)
        return f;
      free (f);
      if (has_dir && !first)
        first = langs[i];
    }
  if (notice && first)
    *notice = xasprintf (_("This lesson is not translated into your language "
                           "(%s) yet: it is shown in English."), first);
  return xasprintf ("%s/%s.yaml", dir, name);
}

char *
lesson_notice (const char *file)
{
  char *name = lesson_name_of (file);
  char *dirf = xasprintf ("%s/%s.yaml", lesson_dir (), name);
  char *notice = NULL;

  /* Only for a lesson of the lesson directory shown in English.  */
  if (strcmp (dirf, file) == 0)
    free (lesson_localize (lesson_dir (), name, &notice));
  free (dirf);
  free (name);
  return notice;
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
  f = lesson_localize (lesson_dir (), name, NULL);
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
  file = lesson_localize (dir, name, NULL);
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
