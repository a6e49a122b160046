/* check_i18n.c: Check tests of the translation machinery (issue 13):
 * every translated lesson (share/lessons/LANG/NAME.yaml) has the
 * structure of its English original, and altered copies are caught;
 * the lesson of the user's language is chosen as gettext chooses its
 * catalogue; answer words are accepted in English and translated;
 * display widths are counted in columns. */
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
#endif

#include "util.h"
#include "lesson/lesson.h"
#include "question/words.h"

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
