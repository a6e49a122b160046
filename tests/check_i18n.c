/* check_i18n.c: Check tests of the translation machinery (issue 13):
 * every translated lesson (share/lessons/LANG/NAME.yaml) has the
 * structure of its English original, and altered copies are caught;
 * the lesson of the user's language is chosen as gettext chooses its
 * catalogue; answer words are accepted in English and translated;
 * display widths are counted in columns; what an expectation checked,
 * libyaml's errors and the replacement check's sentences are whole
 * translated sentences, with no YAML key nor libyaml's English left. */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if ENABLE_NLS
# include <libintl.h>
# define T_(s) gettext (s)
#else
# define T_(s) (s)
#endif

#include "util.h"
#include "lesson/lesson.h"
#include "question/question.h"
#include "question/words.h"
#include "scenario/scenario.h"
#include "scenario/yaml-tree.h"

static const char *
srcdir (void)
{
  const char *s = getenv ("top_srcdir");
  return s && *s ? s : ".";
}

static bool
is_dir (const char *p)
{
  struct stat st;
  return stat (p, &st) == 0 && S_ISDIR (st.st_mode);
}

/* Every share/lessons/LANG/NAME.yaml against share/lessons/NAME.yaml. */
START_TEST (test_no_drift)
{
  char *base = xasprintf ("%s/share/lessons", srcdir ());
  DIR *d = opendir (base);
  struct dirent *de;
  unsigned compared = 0;

  ck_assert_msg (d != NULL, "no %s", base);
  while ((de = readdir (d)))
    {
      char *ldir = xasprintf ("%s/%s", base, de->d_name);
      DIR *ld;
      struct dirent *fe;
      if (de->d_name[0] == '.' || !is_dir (ldir) || !(ld = opendir (ldir)))
        {
          free (ldir);
          continue;
        }
      while ((fe = readdir (ld)))
        {
          size_t n = strlen (fe->d_name);
          if (n <= 5 || strcmp (fe->d_name + n - 5, ".yaml") != 0)
            continue;
          char *en = xasprintf ("%s/%s", base, fe->d_name);
          char *tr = xasprintf ("%s/%s", ldir, fe->d_name);
          ck_assert_msg (access (en, R_OK) == 0,
                         "%s translates no English lesson", tr);
          char *diff = lesson_drift (en, tr);
          ck_assert_msg (diff == NULL, "%s", diff);
          compared++;
          free (en);
          free (tr);
        }
      closedir (ld);
      free (ldir);
    }
  closedir (d);
  free (base);
  printf ("# %u translated lessons compared with the originals\n", compared);
}
END_TEST

static char tmpdir[] = "/tmp/vmtutor-i18n-XXXXXX";

static char *
write_file (const char *name, const char *text)
{
  char *p = xasprintf ("%s/%s", tmpdir, name);
  FILE *f = fopen (p, "w");
  ck_assert (f != NULL);
  fputs (text, f);
  fclose (f);
  return p;
}

/* The original, and altered "translations": each must be told apart. */
static const char original[] =
  "title: \"The TLB\"\n"
  "lesson: { minutes: 5 }\n"
  "machine: { va_bits: 16, page_size: 4KiB, levels: [2, 2], frames: 4,"
  " policy: lru, tlb: { entries: 2 } }\n"
  "processes:\n"
  "  - { name: P, regions: [ { name: d, start: 0, pages: 16, perm: rw- } ] }\n"
  "steps:\n"
  "  - page: |\n"
  "      A small cache of translations.\n"
  "  - access: { process: P, region: d, page: 3, op: read }\n"
  "  - predict:\n"
  "      id: again\n"
  "      what: tlb\n"
  "      question: \"Hit or miss?\"\n"
  "  - access: { process: P, region: d, page: 3, op: read }\n"
  "  - predict:\n"
  "      id: pick\n"
  "      what: choice\n"
  "      question: \"Which?\"\n"
  "      choices: [\"one\", \"two\", \"three\"]\n"
  "      answer: 1\n";

static const struct { const char *from, *to, *what; } alterations[] = {
  { "frames: 4", "frames: 5", "the machine" },
  { "name: d,", "name: datos,", "a region's name" },
  { "id: again", "id: otra-vez", "a checkpoint id" },
  { "what: tlb", "what: result", "what: of a checkpoint" },
  { "page: 3, op: read }\n  - predict:\n      id: pick",
    "page: 4, op: read }\n  - predict:\n      id: pick", "an access" },
  { "[\"one\", \"two\", \"three\"]", "[\"uno\", \"dos\"]", "a choice count" },
  { "answer: 1", "answer: 2", "an answer" },
  { "  - page: |\n      A small cache of translations.\n", "",
    "a step left out" },
  { "  - access: { process: P, region: d, page: 3, op: read }\n  - predict:\n"
    "      id: again", "  - predict:\n      id: again", "an access left out" },
  { "  - page: |\n      A small cache of translations.\n"
    "  - access: { process: P, region: d, page: 3, op: read }\n",
    "  - access: { process: P, region: d, page: 3, op: read }\n"
    "  - page: |\n      A small cache of translations.\n", "steps reordered" },
  { "op: read }\n  - predict:\n      id: pick",
    "op: write }\n  - predict:\n      id: pick", "an access's op" },
};

static char *
replace (const char *s, const char *from, const char *to)
{
  const char *p = strstr (s, from);
  ck_assert_msg (p != NULL, "test data: no '%s'", from);
  return xasprintf ("%.*s%s%s", (int) (p - s), s, to, p + strlen (from));
}

START_TEST (test_drift_caught)
{
  ck_assert (mkdtemp (tmpdir) != NULL);
  char *en = write_file ("en.yaml", original);
  /* Only the text translated: no drift. */
  char *t1 = replace (original, "\"The TLB\"", "\"La TLB\"");
  char *t2 = replace (t1, "A small cache of translations.",
                      "Una pequeña caché de traducciones.");
  char *t3 = replace (t2, "[\"one\", \"two\", \"three\"]",
                      "[\"uno\", \"dos\", \"tres\"]");
  char *t4 = replace (t3, "\"Hit or miss?\"", "\"¿Acierto o fallo?\"");
  char *good = write_file ("good.yaml", t4);
  char *d = lesson_drift (en, good);
  ck_assert_msg (d == NULL, "a faithful translation drifts: %s", d);
  free (t1), free (t2), free (t3), free (t4);

  for (size_t i = 0; i < sizeof alterations / sizeof *alterations; i++)
    {
      char *text = replace (original, alterations[i].from,
                            alterations[i].to);
      char *bad = write_file ("bad.yaml", text);
      d = lesson_drift (en, bad);
      ck_assert_msg (d != NULL, "drift not caught: %s", alterations[i].what);
      ck_assert_msg (strncmp (d, bad, strlen (bad)) == 0
                     && d[strlen (bad)] == ':',
                     "the message does not name the file: %s", d);
      printf ("# caught %s: %s\n", alterations[i].what, d + strlen (bad));
      free (d);
      unlink (bad);
      free (bad);
      free (text);
    }
  unlink (good);
  unlink (en);
  free (good);
  free (en);
  rmdir (tmpdir);
}
END_TEST

/* share/lessons/LANG/NAME.yaml chosen like gettext's catalogue. */
START_TEST (test_localize)
{
  char dir[] = "/tmp/vmtutor-i18n-XXXXXX", *p, *notice;
  ck_assert (mkdtemp (dir) != NULL);
  ck_assert (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8"));
  char *de = xasprintf ("%s/de", dir), *zh = xasprintf ("%s/zh_CN", dir),
    *es = xasprintf ("%s/es", dir);
  mkdir (de, 0700), mkdir (zh, 0700), mkdir (es, 0700);
  char *files[] = {
    xasprintf ("%s/a.yaml", dir), xasprintf ("%s/b.yaml", dir),
    xasprintf ("%s/a.yaml", de), xasprintf ("%s/a.yaml", zh),
    xasprintf ("%s/b.yaml", es)
  };
  for (size_t i = 0; i < 5; i++)
    {
      FILE *f = fopen (files[i], "w");
      ck_assert (f != NULL);
      fclose (f);
    }
  static const struct { const char *language, *name, *want; bool notice; }
  cases[] = {
    { "de", "a", "/de/a.yaml", false },
    { "de", "b", "/b.yaml", true },           /* not translated yet */
    { "de:es", "b", "/es/b.yaml", false },   /* the next language */
    { "de_DE.UTF-8", "a", "/de/a.yaml", false },
    { "de_AT", "a", "/de/a.yaml", false },
    { "zh_CN", "a", "/zh_CN/a.yaml", false },
    { "zh_TW", "a", "/a.yaml", false },       /* no zh_TW, no zh */
    { "fr", "a", "/a.yaml", false },          /* no French lessons at all */
    { "en:de", "a", "/de/a.yaml", false },    /* as gettext: no "en" */
    { "C", "a", "/a.yaml", false },
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    {
      setenv ("LANGUAGE", cases[i].language, 1);
      p = lesson_localize (dir, cases[i].name, &notice);
      char *want = xasprintf ("%s%s", dir, cases[i].want);
      ck_assert_msg (strcmp (p, want) == 0, "LANGUAGE=%s %s: %s, not %s",
                     cases[i].language, cases[i].name, p, want);
      ck_assert_msg ((notice != NULL) == cases[i].notice,
                     "LANGUAGE=%s %s: notice %s", cases[i].language,
                     cases[i].name, notice ? notice : "(none)");
      free (notice);
      free (want);
      free (p);
    }
  /* The messages locale "C": LANGUAGE is ignored, as by gettext. */
  setlocale (LC_ALL, "C");
  setenv ("LANGUAGE", "de", 1);
  p = lesson_localize (dir, "a", NULL);
  ck_assert_str_eq (p + strlen (dir), "/a.yaml");
  free (p);
  unsetenv ("LANGUAGE");
  for (size_t i = 5; i-- > 0;)
    {
      unlink (files[i]);
      free (files[i]);
    }
  rmdir (de), rmdir (zh), rmdir (es), rmdir (dir);
  free (de), free (zh), free (es);
}
END_TEST

/* Display widths: columns, never bytes or characters. */
START_TEST (test_width)
{
  int cols;
  ck_assert (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8"));
  ck_assert_int_eq (mbs_width ("frames"), 6);
  ck_assert_int_eq (mbs_width ("页框"), 4);
  ck_assert_int_eq (mbs_width ("Größe"), 5);
  ck_assert_int_eq (mbs_width ("e\xcc\x81"), 1);        /* combining */
  ck_assert_int_eq (mbs_width ("a\xff" "b"), 3);         /* invalid byte */
  ck_assert_uint_eq (mbs_prefix ("页框x", 3, &cols), 3); /* never half */
  ck_assert_int_eq (cols, 2);
  ck_assert_uint_eq (mbs_prefix ("页框x", 4, &cols), 6);
  ck_assert_uint_eq (mbs_prefix ("Größe", 3, &cols), 4);
  char *s = mbs_fit ("缺页中断处理", 7, "~");
  ck_assert_str_eq (s, "缺页中~");
  free (s);
  s = mbs_fit ("Seitenrahmen", 20, "~");
  ck_assert_str_eq (s, "Seitenrahmen");
  free (s);
  s = mbs_fit ("Seitenrahmen", 8, "\xe2\x80\xa6");
  ck_assert_str_eq (s, "Seitenr\xe2\x80\xa6");
  ck_assert_int_eq (mbs_width (s), 8);
  free (s);
  /* Shorter forms: the longest part before a clause break that fits;
     one cut inside a list says the list goes on. */
  s = mbs_short_form ("Pages, frames, the page table and the MMU", 20, "~");
  ck_assert_str_eq (s, "Pages, frames~");
  free (s);
  s = mbs_short_form ("Pages, frames, the page table and the MMU", 13, "~");
  ck_assert_str_eq (s, "Pages~");
  free (s);
  s = mbs_short_form ("The page table: page number + offset", 20, "~");
  ck_assert_str_eq (s, "The page table");
  free (s);
  s = mbs_short_form ("run / pause (stops at pauses and questions)", 20,
                      "~");
  ck_assert_str_eq (s, "run / pause");
  free (s);
  s = mbs_short_form ("TLB (16 entries, lru)", 18, "~");
  ck_assert_str_eq (s, "TLB");
  free (s);
  s = mbs_short_form ("页表：页号 + 页内偏移", 8, "~");
  ck_assert_str_eq (s, "页表");
  free (s);
  ck_assert_ptr_null (mbs_short_form ("Shared memory and shared libraries",
                                      20, "~"));
  ck_assert_ptr_null (mbs_short_form ("Demand paging: code", 5, "~"));
}
END_TEST

/* S wrapped to W columns, its lines joined with "|". */
static char *
wrapped (const char *s, int w)
{
  static char out[1024];
  size_t o = 0, next;
  out[0] = '\0';
  while (*s)
    {
      size_t n = mbs_wrap (s, w, &next, NULL);
      ck_assert_uint_gt (next, 0);
      /* never wider than W unless one character is */
      char *line = xstrndup (s, n);
      ck_assert (mbs_width (line) <= w || mbs_prefix (line, w, NULL) == 0);
      free (line);
      if (o)
        out[o++] = '|';
      memcpy (out + o, s, n);
      o += n;
      out[o] = '\0';
      s += next;
    }
  return out;
}

START_TEST (test_wrap)
{
  ck_assert (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8"));
  /* English and German: at spaces only, a word never split when it fits */
  ck_assert_str_eq (wrapped ("the page was evicted", 10),
                    "the page|was|evicted");
  ck_assert_str_eq (wrapped ("ab cde fg", 6), "ab cde|fg");
  ck_assert_str_eq (wrapped ("Der Seitenrahmen wird ausgelagert", 14),
                    "Der|Seitenrahmen|wird|ausgelagert");
  ck_assert_str_eq (wrapped ("Größe Größe", 5), "Größe|Größe");
  /* a word longer than the line: cut at whole characters */
  ck_assert_str_eq (wrapped ("Seitentabelleneintrag", 8),
                    "Seitenta|bellenei|ntrag");
  /* newlines and runs of spaces */
  ck_assert_str_eq (wrapped ("one\ntwo  three", 20), "one|two  three");
  ck_assert_str_eq (wrapped ("one   two", 4), "one|two");
  /* Chinese: between any two characters, never inside one */
  ck_assert_str_eq (wrapped ("缺页中断处理程序", 5), "缺页|中断|处理|程序");
  ck_assert_str_eq (wrapped ("缺页中断处理程序", 6), "缺页中|断处理|程序");
  /* never before closing punctuation */
  ck_assert_str_eq (wrapped ("页框，缺页。", 4), "页|框，|缺|页。");
  /* a Latin word inside Chinese stays whole: "Enter" is never split */
  ck_assert_str_eq (wrapped ("按Enter继续", 8), "按Enter|继续");
  ck_assert_str_eq (wrapped ("按Enter继续", 6), "按|Enter|继续");
  ck_assert_str_eq (wrapped ("按 Enter 键继续", 10), "按 Enter|键继续");
  ck_assert_str_eq (wrapped ("按Enter", 6), "按|Enter");
  /* mixed: numbers stay with their digits */
  ck_assert_str_eq (wrapped ("页框 1024 已满", 8), "页框|1024 已|满");
  /* rows as draw_wrapped counts them */
  ck_assert_int_eq (mbs_wrap_rows ("缺页中断处理程序", 5), 4);
  ck_assert_int_eq (mbs_wrap_rows ("", 5), 0);
  ck_assert_int_eq (mbs_wrap_rows ("a\n\nb", 5), 3);
  setlocale (LC_ALL, "C");
}
END_TEST

/* Answer words: English always; the translation of every catalogue in
   tests/locale (the pseudo-language too) accepted and shown. */
START_TEST (test_answer_words)
{
  static const char *const words[] = { "hit", "miss", "none", "fault",
                                       "minor", "major", "cow", "segv" };
  ck_assert (answer_word_is ("HIT", "hit"));
  ck_assert (!answer_word_is ("miss", "hit"));
  ck_assert_str_eq (answer_word ("0x1f"), "0x1f");
#if ENABLE_NLS
  const char *b = getenv ("top_builddir");
  char *ldir = xasprintf ("%s/tests/locale", b && *b ? b : ".");
  char *xx = xasprintf ("%s/xx/LC_MESSAGES/vmtutor.mo", ldir);
  ck_assert (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8"));
  bindtextdomain ("vmtutor", ldir);
  textdomain ("vmtutor");
  static const char *const langs[] = { "de", "es", "zh_CN", "xx" };
  for (size_t l = 0; l < 4; l++)
    {
      setenv ("LANGUAGE", langs[l], 1);
      textdomain ("vmtutor");   /* forgets the translations looked up */
      for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        {
          const char *shown = answer_word (words[i]);
          ck_assert_msg (answer_word_is (shown, words[i]),
                         "%s: '%s' shown for %s is not accepted", langs[l],
                         shown, words[i]);
          ck_assert (answer_word_is (words[i], words[i]));
        }
    }
  /* Yes in English, and in Spanish when its catalogue says "sí".  */
  setenv ("LANGUAGE", "es", 1);
  textdomain ("vmtutor");
  ck_assert (answer_is_yes ("y\n") && answer_is_yes ("Yes"));
  ck_assert (!answer_is_yes ("n\n") && !answer_is_yes (""));
  if (strncmp (answer_word ("yes"), "s\xc3\xad", 3) == 0)
    ck_assert (answer_is_yes ("s\xc3\xad\n") && answer_is_yes ("s")
               && answer_yes_key ('S') && !answer_yes_key ('n'));
  if (access (xx, R_OK) == 0)
    {
      setenv ("LANGUAGE", "xx", 1);
      textdomain ("vmtutor");
      ck_assert_str_eq (answer_word ("fault"),
                        "\xef\xbd\x86\xef\xbd\x81\xef\xbd\x95\xef\xbd\x8c"
                        "\xef\xbd\x94\xe3\x83\xbc\xe3\x83\xbc");
      ck_assert (answer_word_is ("\xef\xbd\x86\xef\xbd\x81\xef\xbd\x95"
                                 "\xef\xbd\x8c\xef\xbd\x94\xe3\x83\xbc"
                                 "\xe3\x83\xbc", "fault"));
    }
  else
    printf ("# no pseudo-language catalogue (%s): skipped\n", xx);
  unsetenv ("LANGUAGE");
  free (xx);
  free (ldir);
#endif
}
END_TEST

/* Select language L (the catalogues of tests/locale); false when there
   is no catalogue for it. */
static bool
use_language (const char *l)
{
#if ENABLE_NLS
  const char *b = getenv ("top_builddir");
  char *ldir = xasprintf ("%s/tests/locale", b && *b ? b : ".");
  char *mo = xasprintf ("%s/%s/LC_MESSAGES/vmtutor.mo", ldir, l);
  bool there = access (mo, R_OK) == 0;
  ck_assert (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8"));
  bindtextdomain ("vmtutor", ldir);
  setenv ("LANGUAGE", l, 1);
  textdomain ("vmtutor");
  free (mo);
  free (ldir);
  return there;
#else
  (void) l;
  return false;
#endif
}

static void
use_english (void)
{
  unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
#if ENABLE_NLS
  textdomain ("vmtutor");
#endif
}

/* What the expectation of a small scenario says it checked. */
static char *
expect_text (bool *ok)
{
  static const char text[] =
    "title: t\n"
    "machine: { va_bits: 16, page_size: 256, levels: [8], frames: 4,"
    " policy: fifo, tlb: { entries: 2 } }\n"
    "processes:\n"
    "  - { name: A, regions: [ { name: heap, start: 0, pages: 4,"
    " perm: rw- } ] }\n"
    "steps:\n"
    "  - access: { process: A, region: heap, page: 1, op: read }\n"
    "  - expect: { faults: 1, result: minor, tlb: miss, process: A,"
    " rss_pages: 1, evicted: false, hits_at_most: 0 }\n"
    "  - expect: { faults: 2, victim: none }\n";
  char *err = NULL;
  struct scenario *sc = scenario_load_buffer ("t.yaml", text, strlen (text),
                                              &err);
  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  struct run *r = run_new (sc, NULL, NULL, &err);
  ck_assert (r != NULL);
  struct tick t;
  char *out = NULL;
  while (run_next (r, &t))
    if (t.kind == TICK_EXPECT)
      {
        char *both = xasprintf ("%s%s%s", out ? out : "", out ? "\n" : "",
                                t.text);
        free (out);
        out = both;
        *ok = t.ok;   /* the last one's */
      }
  run_free (r);
  scenario_free (sc);
  return out;
}

/* An expectation reads as phrases in the user's language, not as YAML. */
START_TEST (test_expect_phrases)
{
  bool ok;
  use_english ();
  char *en = expect_text (&ok);
  ck_assert_str_eq (en, "page faults: 1; result: minor; TLB: miss; "
                    "resident pages of A: 1; a page evicted: no; hits: at "
                    "most 0\npage faults: expected 2, got 1; victim page: "
                    "none");
  ck_assert (!ok);
  static const char *const keys[] = { "faults:", "result:", "tlb:",
                                      "rss_pages", "evicted:", "hits_at",
                                      "victim:", "miss", "false", "none" };
  static const char *const langs[] = { "de", "es", "zh_CN" };
  for (size_t l = 0; l < 3; l++)
    {
      if (!use_language (langs[l]))
        continue;
      char *tr = expect_text (&ok);
      ck_assert_msg (strcmp (tr, en) != 0, "%s: not translated: %s",
                     langs[l], tr);
      for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        ck_assert_msg (strstr (tr, keys[k]) == NULL,
                       "%s: the YAML's '%s' in: %s", langs[l], keys[k], tr);
      ck_assert_msg (strstr (tr, T_("page faults")) != NULL,
                     "%s: no '%s' in %s", langs[l], T_("page faults"), tr);
      ck_assert_msg (strstr (tr, answer_word ("minor")) != NULL,
                     "%s: the result word not translated: %s", langs[l], tr);
      /* Chinese separates with its own punctuation. */
      if (strcmp (langs[l], "zh_CN") == 0)
        ck_assert_msg (strstr (tr, ": ") == NULL && strstr (tr, "; ") == NULL,
                       "zh_CN: ASCII separators in %s", tr);
      printf ("# %s: %s\n", langs[l], tr);
      free (tr);
    }
  use_english ();
  free (en);
}
END_TEST

/* libyaml's problems: each a translated sentence, file:line:col kept. */
START_TEST (test_yaml_errors)
{
  static const struct { const char *text, *where; } bad[] = {
    { "a: 1\n b: 2\n", "t.yaml:2:3: " },
    { "a: [1, 2\nb: 3\n", "t.yaml:2:2: " },
    { "a: {x: 1\nb: 2\n", "t.yaml:2:2: " },
    { "a: b: c\n", "t.yaml:1:5: " },
    { "a: @x\n", "t.yaml:1:4: " },
    { "a: \"abc\n", "t.yaml:2:1: " },
    { "a: \"\\q\"\n", "t.yaml:1:5: " },
    { "a: \"\\xZZ\"\n", "t.yaml:1:7: " },
    { "a:\n\t- 1\n", "t.yaml:2:1: " },
    { "a:\n  - 1\n  b: 2\n", "t.yaml:3:3: " },
    { "a: \"x\" y\n", "t.yaml:1:8: " },
    { "a: |0\n  x\n", "t.yaml:1:5: " },
    { "a: \"x\n---\ny\"\n", "t.yaml:2:1: " },
    { "a: 1\n- b\n", "t.yaml:2:1: " },
    { "%FOO\n---\na: 1\n", "t.yaml:1:5: " },
    { "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "t.yaml:2:1: " },
    { "a: &\n", "t.yaml:1:5: " },
    { "a: !<x\n", "t.yaml:1:7: " },
    { "a: !x!y 1\n", "t.yaml:1:4: " },
    { "a: [,]\n", "t.yaml:1:5: " },
    { "? a\n? b\n: c\n-x\n", "t.yaml:5:1: " },
    { "a: b\n\tc: d\n", "t.yaml:2:1: " },
  };
  static const char *const libyaml_words[] = {
    "did not find", "could not find", "while parsing", "while scanning",
    "not allowed in this context", "found unexpected", "found character",
    "invalid YAML", "indentation indicator equal", "hexdecimal",
  };
  static const char *const langs[] = { "C", "de", "es", "zh_CN" };
  for (size_t l = 0; l < 4; l++)
    {
      if (l == 0)
        use_english ();
      else if (!use_language (langs[l]))
        continue;
      for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        {
          char *err = NULL;
          struct ynode *n = ytree_parse ("t.yaml",
                                         (const unsigned char *) bad[i].text,
                                         strlen (bad[i].text), &err);
          ck_assert_msg (n == NULL && err, "%s: parsed", bad[i].text);
          ck_assert_msg (strncmp (err, bad[i].where,
                                  strlen (bad[i].where)) == 0,
                         "%s: not at %s: %s", langs[l], bad[i].where, err);
          for (size_t k = 0; k < sizeof libyaml_words / sizeof *libyaml_words;
               k++)
            ck_assert_msg (strstr (err, libyaml_words[k]) == NULL,
                           "%s: libyaml's own words: %s", langs[l], err);
          if (l == 0)
            ck_assert_msg (strstr (err, "found ") && strstr (err, "expected"),
                           "not a found/expected sentence: %s", err);
          else if (i == 0)
            printf ("# %s: %s\n", langs[l], err);
          free (err);
        }
    }
  /* Every problem listed has its sentence; an unknown one has none. */
  ck_assert_ptr_nonnull (ytree_problem_text ("did not find expected key"));
  ck_assert_ptr_null (ytree_problem_text ("no such problem"));
  use_english ();
}
END_TEST

/* The replacement check's sentences end with the language's own full
   stop: no "." glued to a translated sentence. */
START_TEST (test_repl_sentences)
{
  static const char yaml[] =
    "kind: replacement\npolicy: fifo\nframes: 3\nask: frames\nat: 4\n"
    "refs: [1, 2, 3, 4, 1, 2, 5]\n";
  if (!use_language ("zh_CN"))
    return;
  char *err = NULL;
  struct ynode *root = ytree_parse ("t.yaml", (const unsigned char *) yaml,
                                    strlen (yaml), &err);
  ck_assert_msg (root != NULL, "%s", err ? err : "?");
  static const char *const extra[] = { NULL };
  struct q_spec *s = q_spec_parse ("t.yaml", root, extra, &err);
  ck_assert_msg (s != NULL, "%s", err ? err : "?");
  ytree_free (root);
  struct q_variant *v = q_generate (s, 1, &err);
  ck_assert (v != NULL);
  struct q_result r;
  q_check (v, "9 9 9", &r);
  ck_assert (r.score < 1);
  ck_assert_msg (strchr (r.feedback, '.') == NULL,
                 "a '.' in Chinese feedback: %s", r.feedback);
  printf ("# zh_CN: %s\n", r.feedback);
  q_result_free (&r);
  q_variant_free (v);
  q_spec_free (s);
  use_english ();
}
END_TEST

static Suite *
i18n_suite (void)
{
  Suite *s = suite_create ("i18n");
  TCase *tc = tcase_create ("i18n");
  tcase_add_test (tc, test_no_drift);
  tcase_add_test (tc, test_drift_caught);
  tcase_add_test (tc, test_localize);
  tcase_add_test (tc, test_width);
  tcase_add_test (tc, test_wrap);
  tcase_add_test (tc, test_answer_words);
  tcase_add_test (tc, test_expect_phrases);
  tcase_add_test (tc, test_yaml_errors);
  tcase_add_test (tc, test_repl_sentences);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (i18n_suite ());
  int failed;

  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
