/* check_library_text.c: Check tests of the translation of scenario and
 * quiz text (vmtutor-scenario(5), "Translations"): under a small
 * catalogue written by the test (language "xx"), a scenario's title,
 * about, say, pause and ask texts and a quiz's title and choice question
 * are shown translated, text the catalogue lacks stays as written, an
 * ask's answer still names a choice as written, and what must not depend
 * on the language (a quiz variant's data and fingerprint, the written
 * title) does not; the extraction hook sees each text with its line and
 * turns translation off; order.txt lines are read as the start screen
 * reads them. */
#include "system.h"

#include <check.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "util.h"
#include "quiz/quiz.h"
#include "scenario/scenario.h"

/* The test catalogue, sorted by msgid (a .mo without a hash table is
   searched by bisection). */
static const char *const catalogue[][2] = {
  { "", "Content-Type: text/plain; charset=UTF-8\n" },
  { "A disk.", "Eine Platte." },
  { "A page of memory.", "Eine Seite Speicher." },
  { "A small quiz", "Ein kleines Quiz" },
  { "Because.", "Darum." },
  { "Frames are few.", "Seitenrahmen sind knapp." },
  { "Look at the frames.", "Schau auf die Seitenrahmen." },
  { "Pages", "Seiten" },
  { "Say hello.", "Sag hallo." },
  { "The test", "Der Test" },
  { "What is a page?", "Was ist eine Seite?" },
  { "Which one?", "Welche?" },
  { "left", "links" },
  { "right", "rechts" },
};

static char modir[64];
static bool have_catalogue;

static void
put32 (FILE *f, uint32_t v)
{
  fwrite (&v, sizeof v, 1, f);
}

/* Write the catalogue as DIR/xx/LC_MESSAGES/PACKAGE.mo. */
static bool
write_mo (const char *dir)
{
  uint32_t n = ARRAY_SIZE (catalogue), off;
  char path[256];
  FILE *f;

  snprintf (path, sizeof path, "%s/xx", dir);
  mkdir (path, 0700);
  snprintf (path, sizeof path, "%s/xx/LC_MESSAGES", dir);
  mkdir (path, 0700);
  snprintf (path, sizeof path, "%s/xx/LC_MESSAGES/%s.mo", dir, PACKAGE);
  if (!(f = fopen (path, "wb")))
    return false;
  put32 (f, 0x950412de);
  put32 (f, 0);
  put32 (f, n);
  put32 (f, 28);
  put32 (f, 28 + 8 * n);
  put32 (f, 0);
  put32 (f, 28 + 16 * n);
  off = 28 + 16 * n;
  for (int k = 0; k < 2; k++)
    for (uint32_t i = 0; i < n; i++)
      {
        put32 (f, (uint32_t) strlen (catalogue[i][k]));
        put32 (f, off);
        off += (uint32_t) strlen (catalogue[i][k]) + 1;
      }
  for (int k = 0; k < 2; k++)
    for (uint32_t i = 0; i < n; i++)
      fwrite (catalogue[i][k], strlen (catalogue[i][k]) + 1, 1, f);
  return fclose (f) == 0;
}

static const char scenario_yaml[] =
  "title: The test\n"
  "about: >\n"
  "  Frames\n"
  "  are few.\n"
  "machine: { va_bits: 16, page_size: 256, levels: [8], frames: 2 }\n"
  "processes:\n"
  "  - name: P\n"
  "    regions: [ { name: heap, start: 0x1000, pages: 4, perm: rw- } ]\n"
  "steps:\n"
  "  - say: Say hello.\n"
  "  - touch: { process: P, region: heap, pages: 0-1, op: write }\n"
  "  - say: { text: \"Look at the frames.\", steps: 1 }\n"
  "  - touch: { process: P, region: heap, pages: 2, op: write }\n"
  "  - pause: Not in the catalogue.\n"
  "  - ask:\n"
  "      question: Which one?\n"
  "      choices: [left, right, neither]\n"
  "      answer: right\n"
  "      explain: Because.\n";

static struct scenario *
load (void)
{
  char *err = NULL;
  struct scenario *sc = scenario_load_buffer ("t.yaml", scenario_yaml,
                                              strlen (scenario_yaml), &err);
  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  return sc;
}

START_TEST (test_scenario_translated)
{
  struct scenario *sc;
  struct run *r;
  struct tick t;
  const char *say[8] = { NULL };
  size_t nsay = 0;
  char *err = NULL;

  if (!have_catalogue)
    return;
  sc = load ();
  ck_assert_str_eq (scenario_title (sc), "Der Test");
  ck_assert_str_eq (scenario_title_written (sc), "The test");
  /* The msgid is the text after YAML folding, newline included.  */
  ck_assert_str_eq (scenario_about (sc), "Frames are few.\n");
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_ptr_nonnull (r);
  while (run_next (r, &t))
    {
      if (t.kind == TICK_SAY || t.kind == TICK_PAUSE)
        {
          ck_assert_uint_lt (nsay, 8);
          say[nsay++] = t.text;
          if (t.kind == TICK_SAY)
            ck_assert_str_eq (run_say (r), t.text);
        }
      if (t.kind == TICK_ASK)
        {
          ck_assert_str_eq (t.text, "Welche?");
          ck_assert_uint_eq (t.nchoices, 3);
          ck_assert_str_eq (t.choices[0], "links");
          ck_assert_str_eq (t.choices[1], "rechts");
          /* Not in the catalogue: as written.  */
          ck_assert_str_eq (t.choices[2], "neither");
          /* `answer: right` names the choice as written.  */
          ck_assert_int_eq (t.answer, 1);
          ck_assert_str_eq (t.explain, "Darum.");
        }
    }
  ck_assert_uint_eq (nsay, 3);
  ck_assert_str_eq (say[0], "Sag hallo.");
  ck_assert_str_eq (say[1], "Schau auf die Seitenrahmen.");
  ck_assert_str_eq (say[2], "Not in the catalogue.");
  run_free (r);
  scenario_free (sc);
  ck_assert_str_eq (scenario_text ("Pages"), "Seiten");
  ck_assert_str_eq (scenario_text (""), "");
}
END_TEST

struct seen
{
  char file[16];
  char what[8][16];
  unsigned line[8];
  size_t n;
};

static void
record (void *ctx, const char *file, unsigned line, const char *what,
        const char *text)
{
  struct seen *s = ctx;

  snprintf (s->file, sizeof s->file, "%s", file);
  ck_assert_ptr_nonnull (text);
  if (s->n < 8)
    {
      snprintf (s->what[s->n], sizeof s->what[s->n], "%s", what);
      s->line[s->n] = line;
    }
  s->n++;
}

START_TEST (test_extraction_hook)
{
  struct seen s = { .n = 0 };
  struct scenario *sc;
  static const char *const want[] = {
    "title", "about", "say", "say", "pause", "ask question", "ask choice",
    "ask choice"
  };
  static const unsigned lines[] = { 1, 2, 10, 12, 14, 16, 17, 17 };

  scenario_text_set_hook (record, &s);
  sc = load ();
  /* While extracting, nothing is translated.  */
  ck_assert_str_eq (scenario_title (sc), "The test");
  ck_assert_str_eq (scenario_text ("Pages"), "Pages");
  scenario_free (sc);
  scenario_text_set_hook (NULL, NULL);
  /* ... a third choice and the explanation: 10 texts.  */
  ck_assert_uint_eq (s.n, 10);
  ck_assert_str_eq (s.file, "t.yaml");
  for (size_t i = 0; i < 8; i++)
    {
      ck_assert_str_eq (s.what[i], want[i]);
      ck_assert_uint_eq (s.line[i], lines[i]);
    }
  if (have_catalogue)
    ck_assert_str_eq (scenario_text ("Pages"), "Seiten");
}
END_TEST

START_TEST (test_order_lines)
{
  char a[] = "  = Pages and frames\n", b[] = "# = comment\n",
       c[] = "\tthrashing.yaml\r\n", d[] = "   \n", e[] = "=Pages\n";
  bool heading = true;

  ck_assert_str_eq (scenario_order_line (a, &heading), "Pages and frames");
  ck_assert (heading);
  ck_assert_ptr_null (scenario_order_line (b, &heading));
  ck_assert_str_eq (scenario_order_line (c, &heading), "thrashing.yaml");
  ck_assert (!heading);
  ck_assert_ptr_null (scenario_order_line (d, &heading));
  ck_assert_str_eq (scenario_order_line (e, &heading), "Pages");
  ck_assert (heading);
}
END_TEST

static const char quiz_yaml[] =
  "quiz: q1\n"
  "title: A small quiz\n"
  "seed: 1\n"
  "mode: practice\n"
  "questions:\n"
  "  - kind: choice\n"
  "    points: 1\n"
  "    question: What is a page?\n"
  "    correct: A page of memory.\n"
  "    wrong: [ A disk., { text: Two pages., why: Because. } ]\n";

/* The prompt and fingerprint of question 1 of the quiz for student s1. */
static void
variant (char **prompt, char print[17], char **question)
{
  char *err = NULL;
  struct quiz *q = quiz_load_buffer ("q.yaml", quiz_yaml, strlen (quiz_yaml),
                                     &err);
  struct q_variant *v;
  json_object *o;

  ck_assert_msg (q != NULL, "%s", err ? err : "?");
  v = quiz_variant (q, "s1", 1, &err);
  ck_assert_msg (v != NULL, "%s", err ? err : "?");
  *prompt = xasprintf ("%s\n%s", q->title, v->prompt);
  quiz_variant_print (v, print);
  ck_assert (json_object_object_get_ex (v->data, "question", &o));
  *question = xstrdup (json_object_get_string (o));
  q_variant_free (v);
  quiz_free (q);
}

START_TEST (test_quiz_translated)
{
  char *p1, *p2, *q1, *q2, f1[17], f2[17];
  struct seen s = { .n = 0 };

  if (!have_catalogue)
    return;
  variant (&p1, f1, &q1);
  scenario_text_set_hook (record, &s);
  variant (&p2, f2, &q2);
  scenario_text_set_hook (NULL, NULL);
  ck_assert_msg (strstr (p1, "Ein kleines Quiz\nWas ist eine Seite?"), "%s",
                 p1);
  ck_assert_msg (strstr (p1, ") Eine Seite Speicher."), "%s", p1);
  ck_assert_msg (strstr (p1, ") Eine Platte."), "%s", p1);
  ck_assert_msg (strstr (p1, ") Two pages."), "%s", p1);
  ck_assert_msg (strstr (p2, "A small quiz\nWhat is a page?"), "%s", p2);
  /* The data and the fingerprint are the same in every language.  */
  ck_assert_str_eq (q1, "What is a page?");
  ck_assert_str_eq (q2, "What is a page?");
  ck_assert_str_eq (f1, f2);
  /* Title, question, correct, 2 wrong, 1 why.  */
  ck_assert_uint_eq (s.n, 6);
  ck_assert_str_eq (s.file, "q.yaml");
  free (p1);
  free (p2);
  free (q1);
  free (q2);
}
END_TEST

static Suite *
library_text_suite (void)
{
  Suite *s = suite_create ("library-text");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_scenario_translated);
  tcase_add_test (tc, test_extraction_hook);
  tcase_add_test (tc, test_order_lines);
  tcase_add_test (tc, test_quiz_translated);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr;
  int failed;

#if ENABLE_NLS
  snprintf (modir, sizeof modir, "check_library_text.XXXXXX");
  if (mkdtemp (modir) && write_mo (modir)
      && setlocale (LC_ALL, "C.UTF-8") && setenv ("LANGUAGE", "xx", 1) == 0)
    {
      char *abs = realpath (modir, NULL);
      bindtextdomain (PACKAGE, abs);
      textdomain (PACKAGE);
      free (abs);
      have_catalogue = strcmp (_("Say hello."), "Sag hallo.") == 0;
    }
#endif
  if (!have_catalogue)
    printf ("# no test catalogue (NLS disabled or no C.UTF-8 locale): "
            "the translation tests check nothing\n");
  sr = srunner_create (library_text_suite ());
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  if (modir[0])
    {
      char path[256];
      snprintf (path, sizeof path, "%s/xx/LC_MESSAGES/%s.mo", modir, PACKAGE);
      unlink (path);
      snprintf (path, sizeof path, "%s/xx/LC_MESSAGES", modir);
      rmdir (path);
      snprintf (path, sizeof path, "%s/xx", modir);
      rmdir (path);
      rmdir (modir);
    }
  return failed ? 1 : 0;
}
