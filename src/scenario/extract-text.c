/* extract-text.c: a maintainers' tool, not installed.  Loads scenario,
 * quiz and order files with the real loaders, the extraction hook set
 * (scenario.h, scenario_text_set_hook), and prints a C file that gives
 * every human text they read to xgettext as N_("...") with a TRANSLATORS
 * comment naming its place: src/scenario/library-text.c.
 *
 *   extract-text --library DIR   the .yaml files of DIR/scenarios, its
 *                                order.txt and the .yaml files of
 *                                DIR/share/quizzes, named relative to DIR
 *                                (what `make update-library-text` and
 *                                tests/library-text.sh run)
 *   extract-text FILE...         those files (an order file by its name,
 *                                order.txt)
 *
 * Its messages are for maintainers and are not translated. */
#include "system.h"

#include <dirent.h>
#include <unistd.h>

#include "util.h"
#include "quiz/quiz.h"
#include "scenario/scenario.h"

/* Pieces of a C string literal: at most this many bytes each. */
#define PIECE 70

struct entry
{
  char *file, *what, *text;
  unsigned line;
};

static struct entry *entries;
static size_t nentries;

static void
seen (void *ctx, const char *file, unsigned line, const char *what,
      const char *text)
{
  (void) ctx;
  /* A quiz's scenario question loads its scenario again.  */
  for (size_t i = 0; i < nentries; i++)
    if (entries[i].line == line && strcmp (entries[i].file, file) == 0
        && strcmp (entries[i].what, what) == 0
        && strcmp (entries[i].text, text) == 0)
      return;
  entries = xreallocarray (entries, nentries + 1, sizeof *entries);
  entries[nentries].file = xstrdup (file);
  entries[nentries].what = xstrdup (what);
  entries[nentries].text = xstrdup (text);
  entries[nentries].line = line;
  nentries++;
}

static _Noreturn void
fail (const char *msg, const char *detail)
{
  fprintf (stderr, "extract-text: %s%s%s\n", detail ? detail : "",
           detail ? ": " : "", msg);
  exit (2);
}

static bool
is_order_file (const char *file)
{
  const char *b = strrchr (file, '/');
  return strcmp (b ? b + 1 : file, "order.txt") == 0;
}

/* The group headings of an order file, as the start screen reads them. */
static void
extract_order (const char *file)
{
  FILE *f = fopen (file, "r");
  char line[256];
  unsigned n = 0;

  if (!f)
    fail ("cannot be read", file);
  while (fgets (line, sizeof line, f))
    {
      bool heading;
      const char *s;
      n++;
      if (!strchr (line, '\n') && !feof (f))
        fail ("a line longer than 254 bytes", file);
      s = scenario_order_line (line, &heading);
      if (s && heading)
        scenario_text_seen (file, n, "group", s);
    }
  fclose (f);
}

static void
extract (const char *file)
{
  char *err = NULL;

  if (strstr (file, "*/"))
    fail ("a file name with '*/' cannot go in a comment", file);
  if (is_order_file (file))
    extract_order (file);
  else if (quiz_sniff (file))
    {
      struct quiz *q = quiz_load (file, &err);
      if (!q)
        fail (err, NULL);
      quiz_free (q);
    }
  else
    {
      struct scenario *sc = scenario_load (file, &err);
      if (!sc)
        fail (err, NULL);
      scenario_free (sc);
    }
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* DIR's *.yaml files, sorted by bytes. */
static void
extract_dir (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *de;
  char **names = NULL;
  size_t n = 0;

  if (!d)
    fail ("cannot be read", dir);
  while ((de = readdir (d)))
    {
      size_t len = strlen (de->d_name);
      if (de->d_name[0] == '.' || len < 6
          || strcmp (de->d_name + len - 5, ".yaml") != 0)
        continue;
      names = xreallocarray (names, n + 1, sizeof *names);
      names[n++] = xasprintf ("%s/%s", dir, de->d_name);
    }
  closedir (d);
  if (n)
    qsort (names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n; i++)
    {
      extract (names[i]);
      free (names[i]);
    }
  free (names);
}

/* A growing string. */
struct buf
{
  char *s;
  size_t len, cap;
};

static void
buf_add (struct buf *b, const char *s, size_t n)
{
  if (b->len + n + 1 > b->cap)
    {
      b->cap = b->len + n + 128;
      b->s = xrealloc (b->s, b->cap);
    }
  memcpy (b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

/* Append the C spelling of byte C to B. */
static void
buf_add_escaped (struct buf *b, unsigned char c)
{
  char tmp[8];

  if (c == '\\' || c == '"')
    snprintf (tmp, sizeof tmp, "\\%c", c);
  else if (c == '\n')
    snprintf (tmp, sizeof tmp, "\\n");
  else if (c == '\t')
    snprintf (tmp, sizeof tmp, "\\t");
  else if (c < 0x20 || c == 0x7f)
    snprintf (tmp, sizeof tmp, "\\%03o", c);
  else
    snprintf (tmp, sizeof tmp, "%c", c);
  buf_add (b, tmp, strlen (tmp));
}

/* Print piece CUR of a string literal (emptying it). */
static void
print_piece (struct buf *cur, bool *first)
{
  printf ("%s\"%s\"", *first ? "" : "\n     ", cur->len ? cur->s : "");
  *first = false;
  cur->len = 0;
}

/* Print S as N_("...") in pieces of at most PIECE bytes (longer words
   alone), each broken after a space or a newline. */
static void
print_text (const char *s)
{
  struct buf cur = { 0 }, word = { 0 };
  bool first = true;

  printf ("  N_(");
  for (const char *p = s;; p++)
    {
      if (*p && *p != ' ' && *p != '\n')
        {
          buf_add_escaped (&word, (unsigned char) *p);
          continue;
        }
      /* A word ends, with its space or newline.  */
      if (*p)
        buf_add_escaped (&word, (unsigned char) *p);
      if (cur.len && cur.len + word.len > PIECE)
        print_piece (&cur, &first);
      buf_add (&cur, word.s ? word.s : "", word.len);
      word.len = 0;
      if ((*p == '\n' && cur.len) || (!*p && (cur.len || first)))
        print_piece (&cur, &first);
      if (!*p)
        break;
    }
  printf ("),\n");
  free (cur.s);
  free (word.s);
}

int
main (int argc, char **argv)
{
  int i = 1;

  /* No setlocale: the C locale, nothing translated.  */
  scenario_text_set_hook (seen, NULL);
  if (argc == 3 && strcmp (argv[1], "--library") == 0)
    {
      if (chdir (argv[2]) != 0)
        fail ("cannot change to it", argv[2]);
      extract_dir ("scenarios");
      extract ("scenarios/order.txt");
      extract_dir ("share/quizzes");
      i = argc;
    }
  else if (argc < 2 || argv[1][0] == '-')
    {
      fprintf (stderr, "usage: extract-text --library DIR\n"
                       "       extract-text FILE...\n");
      return 2;
    }
  for (; i < argc; i++)
    extract (argv[i]);

  printf ("/* library-text.c: the human text of the scenario and quiz "
          "library\n"
          " * (scenarios/*.yaml, scenarios/order.txt, share/quizzes/*.yaml),"
          " for\n"
          " * xgettext.  Generated by `make update-library-text`; do not "
          "edit.  The\n"
          " * loaders look each text up in the catalogue as it is loaded, "
          "so a\n"
          " * translation here is what the student sees.  Not compiled. "
          "*/\n\n"
          "static const char *const library_text[] = {\n");
  for (size_t k = 0; k < nentries; k++)
    {
      const struct entry *e = &entries[k];
      printf ("  /* TRANSLATORS: %s:%u %s */\n", e->file, e->line, e->what);
      if (strchr (e->text, '%'))
        printf ("  /* xgettext:no-c-format */\n");
      print_text (e->text);
    }
  printf ("};\n");
  if (fflush (stdout) != 0 || ferror (stdout))
    fail ("write error", NULL);
  return 0;
}
