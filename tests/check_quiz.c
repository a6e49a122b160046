/* check_quiz.c: Check tests of the quiz module's curses-free parts
 * (src/quiz/): student ids, the default results path, scores as
 * printed, the quiz loader and its hash, variants being the same for
 * the same inputs and different for different students, results files
 * written atomically and read back exactly, and their errors. */
#include <config.h>

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quiz/quiz.h"
#include "quiz/results.h"
#include "quiz/session.h"

static const char quiz_text[] =
  "quiz: t1\n"
  "title: Test\n"
  "seed: 5\n"
  "mode: exam\n"
  "questions:\n"
  "  - { kind: sizes, points: 2, ask: vpn_bits }\n"
  "  - { kind: replacement, points: 1.5, ask: faults }\n";

static struct quiz *
load (const char *text)
{
  char *err = NULL;
  struct quiz *q = quiz_load_buffer ("t.yaml", text, strlen (text), &err);
  ck_assert_msg (q != NULL, "%s", err ? err : "?");
  return q;
}

START_TEST (test_student_ids)
{
  static const char *const good[] = {
    "a", "ada", "Ada.Lovelace", "s_1@uni.edu", "x-y", "a..b",
    "1234567890123456789012345678901234567890123456789012345678901234"
  };
  static const char *const bad[] = {
    "", ".", "..", ".hidden", "-x", "a/b", "../x", "a b", "a\\b", "é",
    "12345678901234567890123456789012345678901234567890123456789012345",
    "a\n", "a:b", "*"
  };
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    ck_assert_msg (quiz_student_ok (good[i]), "%s", good[i]);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    ck_assert_msg (!quiz_student_ok (bad[i]), "%s", bad[i]);
}
END_TEST

START_TEST (test_scores)
{
  char b[32];
  ck_assert_str_eq (quiz_format_score (3, b), "3");
  ck_assert_str_eq (quiz_format_score (2.5, b), "2.5");
  ck_assert_str_eq (quiz_format_score (2.0 / 3.0, b), "0.67");
  ck_assert_str_eq (quiz_format_score (4.0 * 7 / 12, b), "2.33");
  ck_assert_str_eq (quiz_format_score (0, b), "0");
  ck_assert_str_eq (quiz_format_score (1e-9, b), "0");
  ck_assert_str_eq (quiz_format_score (10.10, b), "10.1");
}
END_TEST

START_TEST (test_load_and_hash)
{
  struct quiz *q = load (quiz_text), *q2;
  char *p, *edited;

  ck_assert_str_eq (q->id, "t1");
  ck_assert_str_eq (q->title, "Test");
  ck_assert_uint_eq (q->seed, 5);
  ck_assert_int_eq (q->mode, QUIZ_EXAM);
  ck_assert (!q->reveal_never);
  ck_assert_uint_eq (q->n, 2);
  ck_assert (q->items[1].points == 1.5);
  ck_assert_uint_eq (strlen (q->sha256_hex), 64);
  /* SHA-256 of the file's bytes (no scenario files here). */
  p = quiz_results_path (q, "ada");
  ck_assert_str_eq (p, "t1-ada.results.json");
  free (p);
  /* One more space changes the hash. */
  edited = malloc (sizeof quiz_text + 1);
  strcpy (edited, quiz_text);
  strcat (edited, " ");
  q2 = load (edited);
  ck_assert_str_ne (q->sha256_hex, q2->sha256_hex);
  quiz_free (q2);
  free (edited);
  quiz_free (q);
}
END_TEST

START_TEST (test_sha256_known)
{
  /* The hash of a quiz without scenario files is the SHA-256 of its
     bytes, as sha256sum(1) prints it. */
  static const char text[] =
    "quiz: h\ntitle: H\nseed: 1\nmode: practice\n"
    "questions:\n  - { kind: sizes, points: 1 }\n";
  struct quiz *q = load (text);
  /* printf 'quiz: h\ntitle: H\nseed: 1\nmode: practice\nquestions:\n
     - { kind: sizes, points: 1 }\n' | sha256sum */
  ck_assert_str_eq (q->sha256_hex,
                    "0dd3598aa4c9595939edf912ddd9f4a46abc6f3e243431a4532ab6d1edc200e5");
  quiz_free (q);
}
END_TEST

START_TEST (test_variants)
{
  struct quiz *q = load (quiz_text);
  char *err = NULL, p1[17], p2[17], p3[17];
  struct q_variant *a = quiz_variant (q, "ada", 2, &err);
  struct q_variant *b = quiz_variant (q, "ada", 2, &err);
  int differ = 0;

  ck_assert (a && b);
  quiz_variant_print (a, p1);
  quiz_variant_print (b, p2);
  ck_assert_str_eq (p1, p2);
  ck_assert_str_eq (a->typed, b->typed);
  /* Among 20 other students some get another reference string. */
  for (int i = 0; i < 20; i++)
    {
      char id[16];
      struct q_variant *c;
      snprintf (id, sizeof id, "s%d", i);
      c = quiz_variant (q, id, 2, &err);
      ck_assert (c != NULL);
      quiz_variant_print (c, p3);
      differ += strcmp (p1, p3) != 0;
      q_variant_free (c);
    }
  ck_assert_int_ge (differ, 15);
  q_variant_free (a);
  q_variant_free (b);
  quiz_free (q);
}
END_TEST

START_TEST (test_results_round_trip)
{
  struct quiz *q = load (quiz_text);
  struct results *r = results_new (q, "ada"), *back;
  char dir[] = "/tmp/check-quiz.XXXXXX", *file, *err = NULL;
  bool missing;
  struct stat st;

  ck_assert (mkdtemp (dir) != NULL);
  file = malloc (strlen (dir) + 32);
  sprintf (file, "%s/r.json", dir);
  back = results_load (file, &missing, &err);
  ck_assert (back == NULL && missing);
  free (err);
  ck_assert (r->max == 3.5);
  results_set (r, 2, "7 \"quoted\" \\ é", 1.0 / 3.0, 1.5, false,
               "0123456789abcdef");
  results_set (r, 1, "20", 2, 2, true, "");
  results_set (r, 2, "8", 1.5, 1.5, false, "fedcba9876543210");
  ck_assert (r->score == 3.5);
  ck_assert_uint_eq (r->n, 2);
  ck_assert_uint_eq (r->answers[0].n, 1);
  ck_assert (results_save (r, file, &err));
  back = results_load (file, &missing, &err);
  ck_assert_msg (back != NULL, "%s", err ? err : "?");
  ck_assert_str_eq (back->quiz, "t1");
  ck_assert_str_eq (back->student, "ada");
  ck_assert_str_eq (back->sha256_hex, q->sha256_hex);
  ck_assert_uint_eq (back->seed, 5);
  ck_assert_uint_eq (back->n, 2);
  ck_assert_str_eq (back->answers[1].given, "8");
  ck_assert_str_eq (back->answers[1].variant, "fedcba9876543210");
  ck_assert (back->answers[0].revealed);
  ck_assert (back->score == 3.5 && back->max == 3.5);
  results_free (back);
  /* A given with quotes, backslashes and UTF-8 comes back as it was. */
  results_set (r, 2, "7 \"quoted\" \\ é", 1.0 / 3.0, 1.5, false, "");
  ck_assert (results_save (r, file, &err));
  back = results_load (file, &missing, &err);
  ck_assert (back != NULL);
  ck_assert_str_eq (back->answers[1].given, "7 \"quoted\" \\ é");
  ck_assert (back->answers[1].score == 0.33);
  results_free (back);
  /* The file is private to its owner and no temporary file is left. */
  ck_assert_int_eq (stat (file, &st), 0);
  ck_assert_int_eq (st.st_mode & 077, 0);
  unlink (file);
  ck_assert_int_eq (rmdir (dir), 0);
  /* A directory that is gone: an error, and nothing written. */
  ck_assert (!results_save (r, file, &err));
  ck_assert_msg (strstr (err, "cannot write the results file") != NULL,
                 "%s", err);
  free (err);
  free (file);
  results_free (r);
  quiz_free (q);
}
END_TEST

START_TEST (test_results_errors)
{
  static const struct
  {
    const char *text, *err;
  } cases[] = {
    { "", "r.json:1:1: found the end of the file; expected the rest of "
      "the JSON text" },
    { "{\"format\": \"vmtutor-results\",\n \"version\": 2}",
      "r.json:2:2: found another version; expected version 1" },
    { "{\"format\": \"x\"}", "r.json:1:2: found another format; expected "
      "\"vmtutor-results\"" },
    { "{}", "r.json:1:1: found no 'format'; expected \"vmtutor-results\"" },
    { "\n\n  [1]", "r.json:1:1: found JSON that is not an object; expected "
      "a results file ({\"format\": \"vmtutor-results\", ...})" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    {
      char *err = NULL;
      struct results *r = results_parse ("r.json", cases[i].text,
                                         strlen (cases[i].text), &err);
      ck_assert (r == NULL);
      ck_assert_str_eq (err, cases[i].err);
      free (err);
    }
}
END_TEST

START_TEST (test_answer_ok)
{
  char big[5000];
  ck_assert (quiz_answer_ok ("0x1f 3, 4; - 5"));
  ck_assert (quiz_answer_ok ("fault"));
  ck_assert (quiz_answer_ok ("é ü 漢"));
  ck_assert (quiz_answer_ok (""));
  ck_assert (!quiz_answer_ok ("a\tb"));
  ck_assert (!quiz_answer_ok ("\x1b[2J"));
  ck_assert (!quiz_answer_ok ("\xc3"));
  ck_assert (!quiz_answer_ok ("\xc0\xaf"));
  ck_assert (!quiz_answer_ok ("\xed\xa0\x80"));
  memset (big, '1', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  ck_assert (!quiz_answer_ok (big));
  big[RESULTS_MAX_GIVEN] = '\0';
  ck_assert (quiz_answer_ok (big));
}
END_TEST

static Suite *
quiz_suite (void)
{
  Suite *s = suite_create ("quiz");
  TCase *tc = tcase_create ("quiz");
  tcase_add_test (tc, test_student_ids);
  tcase_add_test (tc, test_scores);
  tcase_add_test (tc, test_load_and_hash);
  tcase_add_test (tc, test_sha256_known);
  tcase_add_test (tc, test_variants);
  tcase_add_test (tc, test_results_round_trip);
  tcase_add_test (tc, test_results_errors);
  tcase_add_test (tc, test_answer_ok);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (quiz_suite ());
  int failed;

  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
