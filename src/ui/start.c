/* start.c: the start screen shown by `vmtutor` without a scenario: the
 * library (./scenarios in the source tree, else PKGDATADIR/scenarios) in
 * teaching order, grouped as its order.txt says, then the library's
 * other scenarios, then those of the current directory; each row shows
 * the scenario's title and its file name.  Enter opens one. */
#include "system.h"

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>

#include "ui/ui.h"
#include "util.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/vmtutor"
#endif

/* The teaching order of a library directory: "= Group" lines start a
   group, other lines name a file; '#' starts a comment.  */
#define ORDER_FILE "order.txt"
#define MAX_ENTRIES 1000
#define MAX_GROUPS 64

struct entry
{
  char *path;
  const char *name;  /* the file name part of path */
  char *title;       /* or the load error */
  bool ok;
  int group;         /* index into the list's groups */
  int rank;          /* place in the order file, INT_MAX if not listed */
};

struct list
{
  struct entry *e;
  size_t n, alloc;
  char *groups[MAX_GROUPS];
  int ngroups;
};

/* One row of the screen: a group heading or an entry. */
struct row
{
  bool heading;
  size_t i;          /* entry, or group index for a heading */
};

static int
cmp_entry (const void *a, const void *b)
{
  const struct entry *x = a, *y = b;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp (x->name, y->name);
}

static bool
has_yaml_suffix (const char *name)
{
  size_t n = strlen (name);
  return (n > 5 && strcmp (name + n - 5, ".yaml") == 0)
    || (n > 4 && strcmp (name + n - 4, ".yml") == 0);
}

static int
add_group (struct list *l, const char *name)
{
  for (int i = 0; i < l->ngroups; i++)
    if (strcmp (l->groups[i], name) == 0)
      return i;
  if (l->ngroups == MAX_GROUPS)
    return l->ngroups - 1;
  l->groups[l->ngroups] = xstrdup (name);
  return l->ngroups++;
}

/* Read DIR's order file into parallel arrays of names, groups and ranks
   (the group index of L); returns the number of names. */
static size_t
read_order (struct list *l, const char *dir, char ***names, int **groups)
{
  char *path = xasprintf ("%s/%s", dir, ORDER_FILE);
  FILE *f = fopen (path, "r");
  char line[256];
  size_t n = 0;
  int group = -1;

  free (path);
  *names = NULL;
  *groups = NULL;
  if (!f)
    return 0;
  while (fgets (line, sizeof line, f) && n < MAX_ENTRIES)
    {
      bool heading;
      char *s = scenario_order_line (line, &heading);
      if (!s)
        continue;
      if (heading)
        {
          /* The library's headings are in the catalogue.  */
          group = add_group (l, scenario_text (s));
          continue;
        }
      if (group < 0)
        group = add_group (l, _("The library"));
      *names = xreallocarray (*names, n + 1, sizeof **names);
      *groups = xreallocarray (*groups, n + 1, sizeof **groups);
      (*names)[n] = xstrdup (s);
      (*groups)[n] = group;
      n++;
    }
  fclose (f);
  return n;
}

/* Whether a file called NAME is listed already. */
static bool
listed (const struct list *l, const char *name)
{
  for (size_t i = 0; i < l->n; i++)
    if (strcmp (l->e[i].name, name) == 0)
      return true;
  return false;
}

/* Add the scenarios of DIR; a library directory is ordered by its order
   file (its other files go in group OTHER), the rest in group OTHER. */
static void
scan_dir (struct list *l, const char *dir, bool library, const char *other)
{
  DIR *d = opendir (dir);
  struct dirent *de;
  char **names = NULL;
  int *groups = NULL;
  size_t nnames = 0;
  if (!d)
    return;
  if (library)
    nnames = read_order (l, dir, &names, &groups);
  while ((de = readdir (d)) != NULL && l->n < MAX_ENTRIES)
    {
      if (de->d_name[0] == '.' || !has_yaml_suffix (de->d_name))
        continue;
      /* The same library file installed and in the source tree.  */
      if (library && listed (l, de->d_name))
        continue;
      char *path = strcmp (dir, ".") == 0 ? xstrdup (de->d_name)
        : xasprintf ("%s/%s", dir, de->d_name);
      struct stat st;
      if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          free (path);
          continue;
        }
      if (l->n == l->alloc)
        {
          l->alloc = l->alloc ? 2 * l->alloc : 32;
          l->e = xreallocarray (l->e, l->alloc, sizeof *l->e);
        }
      char *err = NULL;
      struct scenario *sc = scenario_load (path, &err);
      struct entry *e = &l->e[l->n++];
      const char *slash = strrchr (path, '/');
      e->path = path;
      e->name = slash ? slash + 1 : path;
      e->ok = sc != NULL;
      e->rank = INT_MAX;
      e->group = -1;
      for (size_t i = 0; i < nnames; i++)
        if (strcmp (names[i], e->name) == 0)
          {
            e->rank = (int) i;
            e->group = groups[i];
          }
      if (e->group < 0)
        e->group = add_group (l, other);
      if (sc)
        {
          const char *t = scenario_title (sc);
          e->title = xstrdup (t && *t ? t : de->d_name);
          scenario_free (sc);
          free (err);
        }
      else
        e->title = err ? err : xstrdup (_("cannot be loaded"));
    }
  closedir (d);
  for (size_t i = 0; i < nnames; i++)
    free (names[i]);
  free (names);
  free (groups);
}

static void
list_free (struct list *l)
{
  for (size_t i = 0; i < l->n; i++)
    {
      free (l->e[i].path);
      free (l->e[i].title);
    }
  free (l->e);
  for (int i = 0; i < l->ngroups; i++)
    free (l->groups[i]);
}

/* The rows of L (sorted): a heading before each group's entries. */
static struct row *
make_rows (const struct list *l, size_t *nrows)
{
  struct row *rows = xcalloc (2 * l->n + 1, sizeof *rows);
  size_t n = 0;
  for (size_t i = 0; i < l->n; i++)
    {
      if (i == 0 || l->e[i].group != l->e[i - 1].group)
        {
          rows[n].heading = true;
          rows[n++].i = (size_t) l->e[i].group;
        }
      rows[n].heading = false;
      rows[n++].i = i;
    }
  *nrows = n;
  return rows;
}

static void
start_draw (const struct list *l, const struct row *rows, size_t nrows,
            size_t sel, size_t *top)
{
  canvas_erase ();
  if (COLS < 40 || LINES < 10)
    {
      draw_printf (0, 0, COLS, ui_attr (C_BAD), _("terminal too small (%d%s%d)"),
                   COLS, glyph (G_TIMES), LINES);
      canvas_refresh ();
      return;
    }
  struct rect r = { 0, 0, LINES - 1, COLS };
  draw_box (&r, _("vmtutor: choose a scenario"), true);
  int h = r.h - 4, y = 2;
  if (l->n == 0)
    {
      char *msg = xasprintf (_("No scenarios found in %s, ./scenarios or the "
                               "current directory. Run 'vmtutor FILE.yaml', "
                               "or 'vmtutor --help'."),
                             PKGDATADIR "/scenarios");
      draw_wrapped (2, 2, h, COLS - 4, ui_attr (C_TEXT), msg);
      free (msg);
    }
  /* Keep the selection in view, with its group's heading when it is the
     group's first entry.  */
  size_t want = sel > 0 && rows[sel - 1].heading ? sel - 1 : sel;
  if (want < *top)
    *top = want;
  if (h > 0 && sel >= *top + (size_t) h)
    *top = sel - (size_t) h + 1;
  /* The file names in a column at the right, as wide as the widest;
     without their ".yaml" when that leaves the titles fewer than 36
     columns (a narrow screen). */
  int fw = 0, fw_short = 0;
  for (size_t i = 0; i < l->n; i++)
    {
      int nw = text_width (l->e[i].name);
      if (nw > fw)
        fw = nw;
      if (has_yaml_suffix (l->e[i].name))
        nw -= (int) strlen (strrchr (l->e[i].name, '.'));
      if (nw > fw_short)
        fw_short = nw;
    }
  int tx = 4;
  bool stem = COLS - 4 - (fw < COLS / 3 ? fw : COLS / 3) - 2 - tx < 36;
  if (stem)
    fw = fw_short;
  if (fw > COLS / 3)
    fw = COLS / 3;
  int tw = COLS - 4 - fw - 2 - tx;
  for (size_t k = *top; k < nrows && y < 2 + h; k++, y++)
    {
      canvas_blank (y, 2, COLS - 4);
      if (rows[k].heading)
        {
          draw_text (y, 2, COLS - 4, ui_attr (C_TITLE),
                     l->groups[rows[k].i]);
          continue;
        }
      const struct entry *e = &l->e[rows[k].i];
      attr_t a = k == sel ? ui_attr (C_SELECT) : ui_attr (C_TEXT);
      if (k == sel)
        canvas_blank (y, tx - 1, COLS - tx - 1);
      if (k == sel)
        draw_text (y, tx - 1, tw + fw + 3, a, " ");
      attr_t ta = e->ok ? a : ui_attr (C_BAD);
      /* Too wide: the title's shorter form (the part before its colon),
         or cut with a mark. */
      draw_short (y, tx, tw, ta, e->title);
      char *name = stem && has_yaml_suffix (e->name)
                   ? xstrndup (e->name, (size_t) (strrchr (e->name, '.')
                                                  - e->name))
                   : xstrdup (e->name);
      draw_text (y, COLS - 2 - fw, fw, k == sel ? a : ui_attr (C_DIM), name);
      free (name);
    }
  draw_text (LINES - 1, 0, COLS, ui_attr (C_DIM),
             _("Up/Down choose  Enter open  L lessons  q quit"));
  canvas_refresh ();
}

/* The entry row nearest to K in direction DIR (1 or -1), or K. */
static size_t
next_entry (const struct row *rows, size_t nrows, size_t k, int dir)
{
  size_t j = k;
  while ((dir > 0 ? j + 1 < nrows : j > 0))
    {
      j = dir > 0 ? j + 1 : j - 1;
      if (!rows[j].heading)
        return j;
    }
  return k;
}

char *
start_choose (struct ui *u)
{
  struct list l;
  size_t top = 0, nrows = 0, sel;
  char *chosen = NULL;
  const char *other = _("Other scenarios");

  memset (&l, 0, sizeof l);
  /* The source tree's library first: it is newer than an installed one. */
  scan_dir (&l, "scenarios", true, other);
  scan_dir (&l, PKGDATADIR "/scenarios", true, other);
  scan_dir (&l, ".", false, _("In the current directory"));
  qsort (l.e, l.n, sizeof *l.e, cmp_entry);
  struct row *rows = make_rows (&l, &nrows);
  sel = nrows > 1 ? 1 : 0;
  timeout (-1);
  for (;;)
    {
      start_draw (&l, rows, nrows, sel, &top);
      int ch = getch ();
      if (ch == 'q' || ch == 'Q' || ch == 27)
        break;
      if (ch == 'L' || ch == 'l')
        {
          chosen = xstrdup (START_LESSONS);
          break;
        }
      if (ch == KEY_DOWN || ch == 'j' || ch == KEY_RIGHT)
        sel = next_entry (rows, nrows, sel, 1);
      else if (ch == KEY_UP || ch == 'k' || ch == KEY_LEFT)
        sel = next_entry (rows, nrows, sel, -1);
      else if (ch == KEY_HOME && nrows > 1)
        sel = 1;
      else if (ch == KEY_END && nrows)
        sel = nrows - 1;
      else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && l.n
               && !rows[sel].heading && l.e[rows[sel].i].ok)
        {
          chosen = xstrdup (l.e[rows[sel].i].path);
          break;
        }
    }
  free (rows);
  list_free (&l);
  (void) u;
  return chosen;
}
