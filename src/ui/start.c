/* start.c: the start screen shown by `vmtutor` without a scenario: the
 * scenarios of the installed library (PKGDATADIR/scenarios), of
 * ./scenarios (the source tree) and of the current directory, with their
 * titles; Enter opens one. */
#include "system.h"

#include <dirent.h>
#include <sys/stat.h>

#include "ui/ui.h"
#include "util.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/vmtutor"
#endif

struct entry
{
  char *path;
  char *title;     /* or the load error */
  bool ok;
};

struct list
{
  struct entry *e;
  size_t n, alloc;
};

static int
cmp_entry (const void *a, const void *b)
{
  return strcmp (((const struct entry *) a)->path,
                 ((const struct entry *) b)->path);
}

static bool
has_yaml_suffix (const char *name)
{
  size_t n = strlen (name);
  return (n > 5 && strcmp (name + n - 5, ".yaml") == 0)
    || (n > 4 && strcmp (name + n - 4, ".yml") == 0);
}

static void
scan_dir (struct list *l, const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *de;
  size_t first = l->n;
  if (!d)
    return;
  while ((de = readdir (d)) != NULL && l->n < 1000)
    {
      if (de->d_name[0] == '.' || !has_yaml_suffix (de->d_name))
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
      e->path = path;
      e->ok = sc != NULL;
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
  qsort (l->e + first, l->n - first, sizeof *l->e, cmp_entry);
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
}

static void
start_draw (struct ui *u, const struct list *l, size_t sel, size_t *top)
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
  int rows = r.h - 4, y = 2;
  if (l->n == 0)
    {
      char *msg = xasprintf (_("No scenarios found in %s, ./scenarios or the "
                               "current directory. Run 'vmtutor FILE.yaml', "
                               "or 'vmtutor --help'."),
                             PKGDATADIR "/scenarios");
      draw_wrapped (2, 2, rows, COLS - 4, ui_attr (C_TEXT), msg);
      free (msg);
    }
  if (sel < *top)
    *top = sel;
  if (rows > 0 && sel >= *top + (size_t) rows)
    *top = sel - (size_t) rows + 1;
  for (size_t i = *top; i < l->n && y < 2 + rows; i++, y++)
    {
      attr_t a = i == sel ? ui_attr (C_SELECT) : ui_attr (C_TEXT);
      int pw = COLS / 3;
      canvas_blank (y, 2, COLS - 4);
      draw_text (y, 2, pw, i == sel ? a : ui_attr (C_LABEL), l->e[i].path);
      draw_text (y, 3 + pw, COLS - pw - 5,
                 l->e[i].ok ? a : ui_attr (C_BAD), l->e[i].title);
    }
  draw_text (LINES - 1, 0, COLS, ui_attr (C_DIM),
             _("Up/Down choose  Enter open  q quit"));
  (void) u;
  canvas_refresh ();
}

char *
start_choose (struct ui *u)
{
  struct list l = { NULL, 0, 0 };
  size_t sel = 0, top = 0;
  char *chosen = NULL;

  scan_dir (&l, PKGDATADIR "/scenarios");
  scan_dir (&l, "scenarios");
  scan_dir (&l, ".");
  timeout (-1);
  for (;;)
    {
      start_draw (u, &l, sel, &top);
      int ch = getch ();
      if (ch == 'q' || ch == 'Q' || ch == 27)
        break;
      if ((ch == KEY_DOWN || ch == 'j' || ch == KEY_RIGHT) && sel + 1 < l.n)
        sel++;
      else if ((ch == KEY_UP || ch == 'k' || ch == KEY_LEFT) && sel > 0)
        sel--;
      else if (ch == KEY_HOME)
        sel = 0;
      else if (ch == KEY_END && l.n)
        sel = l.n - 1;
      else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && l.n
               && l.e[sel].ok)
        {
          chosen = xstrdup (l.e[sel].path);
          break;
        }
    }
  list_free (&l);
  return chosen;
}
