/* check_lesson.c: Check tests of lesson mode's curses-free parts
 * (src/lesson/): checkpoint answers computed by running ahead (and
 * changing with the machine), answers read leniently, misconceptions
 * named, unanswerable checkpoints refused; the progress file written and
 * read back, reset, a corrupt file kept aside. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario/scenario.h"
#include "scenario/scenario-lesson.h"
#include "lesson/checkpoint.h"
#include "lesson/progress.h"

static const char lesson_fmt[] =
  "title: t\n"
  "lesson: { minutes: 5 }\n"
  "machine: { va_bits: 16, page_size: 4KiB, levels: [2, 2], frames: %d,"
  " policy: %s, tlb: { entries: 2 } }\n"
  "processes:\n"
  "  - { name: P, regions: [ { name: d, start: 0, pages: 16, perm: r-x } ] }\n"
  "steps:\n"
  "  - touch: { process: P, region: d, pages: \"1,2,3,1\", op: read }\n"
  "  - predict: { id: r, what: result }\n"
  "  - access: { process: P, address: 0x4abc, op: read }\n"
  "  - predict: { id: v, what: victim }\n"
  "  - access: { process: P, address: 0x5abc, op: read }\n"
  "  - predict: { id: pa, what: paddr }\n"
  "  - access: { process: P, address: 0x1234, op: read }\n"
  "  - predict: { id: ix, what: indices }\n"
  "  - access: { process: P, address: 0xb123, op: read }\n"
  "  - predict: { id: f, what: faults, accesses: 3 }\n"
  "  - touch: { process: P, region: d, pages: \"1,2,3\" }\n"
  "  - predict: { id: w, what: result }\n"
  "  - access: { process: P, address: 0x1000, op: write }\n";

static struct scenario *
load (int frames, const char *policy)
{
  char text[2048], *err = NULL;
  struct scenario *sc;
  snprintf (text, sizeof text, lesson_fmt, frames, policy);
  sc = scenario_load_buffer ("t.yaml", text, strlen (text), &err);
  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  return sc;
}

/* The answer text of checkpoint ID, and its answer in *A (kept). */
static char *
answer_of (struct scenario *sc, const char *id, struct cp_answer *a)
{
  char *err = NULL;
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  char *text = NULL;

  ck_assert (r != NULL);
  while (run_next (r, &t))
    if (t.kind == TICK_PREDICT && strcmp (t.predict->id, id) == 0)
      {
        ck_assert_msg (checkpoint_compute (r, t.predict, a, &err), "%s",
                       err ? err : "?");
        text = strdup (a->text);
        break;
      }
  run_free (r);
  ck_assert_msg (text != NULL, "no checkpoint %s", id);
  return text;
}

static const struct sc_predict *
cp (struct scenario *sc, const char *id)
{
  size_t n;
  const struct sc_predict **v = scenario_checkpoints (sc, &n);
  const struct sc_predict *p = NULL;
  for (size_t i = 0; i < n; i++)
    if (strcmp (v[i]->id, id) == 0)
      p = v[i];
  free (v);
  ck_assert (p != NULL);
  return p;
}

START_TEST (test_computed)
{
  struct scenario *sc = load (3, "fifo");
  struct cp_answer a;
  char *s;

  ck_assert_int_eq (scenario_lesson (sc)->minutes, 5);
  s = answer_of (sc, "r", &a);
  ck_assert_str_eq (s, "minor");
  free (s);
  checkpoint_answer_free (&a);
  /* FIFO: 1, 2, 3 loaded, 1 used again; 4 evicts 1 (loaded earliest),
     so 5 evicts 2.  */
  s = answer_of (sc, "v", &a);
  ck_assert_str_eq (s, "2");
  free (s);
  checkpoint_answer_free (&a);
  s = answer_of (sc, "ix", &a);
  ck_assert_str_eq (s, "2 3");
  free (s);
  checkpoint_answer_free (&a);
  s = answer_of (sc, "w", &a);
  ck_assert_str_eq (s, "segv");
  free (s);
  checkpoint_answer_free (&a);
  scenario_free (sc);
}
END_TEST

START_TEST (test_machine_changes_answer)
{
  /* The same lesson under LRU: 4 evicts 2 (1 was used again), 5 evicts
     3; with 8 frames nothing is evicted.  */
  struct scenario *sc = load (3, "lru");
  struct cp_answer a;
  char *s = answer_of (sc, "v", &a);
  ck_assert_str_eq (s, "3");
  free (s);
  checkpoint_answer_free (&a);
  scenario_free (sc);
  sc = load (8, "lru");
  s = answer_of (sc, "v", &a);
  ck_assert_str_eq (s, "none");
  free (s);
  checkpoint_answer_free (&a);
  scenario_free (sc);
}
END_TEST

START_TEST (test_check_and_mistakes)
{
  struct scenario *sc = load (3, "lru");
  struct cp_answer a;
  char *s, *m = NULL;

  s = answer_of (sc, "r", &a);
  ck_assert_int_eq (checkpoint_check (cp (sc, "r"), &a, "  Minor Fault.",
                                      &m), 1);
  ck_assert_int_eq (checkpoint_check (cp (sc, "r"), &a, "major", &m), 0);
  ck_assert (m && strstr (m, "Nothing has to be read from disk"));
  free (m);
  ck_assert_int_eq (checkpoint_check (cp (sc, "r"), &a, "maybe", &m), -1);
  free (m);
  free (s);
  checkpoint_answer_free (&a);

  /* LRU's victim is 3; FIFO's would have been 2.  */
  s = answer_of (sc, "v", &a);
  ck_assert_int_eq (checkpoint_check (cp (sc, "v"), &a, "page 3", &m), 1);
  ck_assert_int_eq (checkpoint_check (cp (sc, "v"), &a, "2", &m), 0);
  ck_assert_msg (m && strstr (m, "FIFO's victim"), "%s", m ? m : "NULL");
  free (m);
  ck_assert_int_eq (checkpoint_check (cp (sc, "v"), &a, "none", &m), 0);
  ck_assert (m && strstr (m, "Every frame is in use"));
  free (m);
  free (s);
  checkpoint_answer_free (&a);

  s = answer_of (sc, "pa", &a);
  ck_assert_int_eq (checkpoint_check (cp (sc, "pa"), &a, s, &m), 1);
  ck_assert_int_eq (checkpoint_check (cp (sc, "pa"), &a, "0x1234", &m), 0);
  ck_assert (m && strstr (m, "virtual address"));
  free (m);
  free (s);
  checkpoint_answer_free (&a);

  s = answer_of (sc, "ix", &a);
  ck_assert_int_eq (checkpoint_check (cp (sc, "ix"), &a, "2, 3", &m), 1);
  ck_assert_int_eq (checkpoint_check (cp (sc, "ix"), &a, "3 2", &m), 0);
  ck_assert (m && strstr (m, "bottom first"));
  free (m);
  ck_assert_int_eq (checkpoint_check (cp (sc, "ix"), &a, "0 1", &m), 0);
  ck_assert (m && strstr (m, "not 8"));
  free (m);
  ck_assert_int_eq (checkpoint_check (cp (sc, "ix"), &a, "2 3 291", &m), 0);
  ck_assert (m && strstr (m, "not the offset"));
  free (m);
  free (s);
  checkpoint_answer_free (&a);

  s = answer_of (sc, "w", &a);
  ck_assert_int_eq (checkpoint_check (cp (sc, "w"), &a, "SIGSEGV", &m), 1);
  ck_assert_int_eq (checkpoint_check (cp (sc, "w"), &a, "cow", &m), 0);
  ck_assert (m && strstr (m, "Copy-on-write only applies"));
  free (m);
  free (s);
  checkpoint_answer_free (&a);
  scenario_free (sc);
}
END_TEST

START_TEST (test_uncomputable)
{
  static const char text[] =
    "title: t\nlesson: { minutes: 5 }\n"
    "machine: { va_bits: 16, page_size: 4KiB, levels: [4], frames: 4 }\n"
    "processes:\n"
    "  - { name: P, regions: [ { name: d, start: 0, pages: 4, perm: rw- } ] }\n"
    "steps:\n"
    "  - predict: { id: t, what: tlb }\n"
    "  - access: { process: P, region: d, page: 0 }\n"
    "  - predict: { id: f, what: frame }\n"
    "  - access: { process: P, address: 0x8000 }\n"
    "  - predict: { id: e, what: result }\n";
  char *err = NULL;
  struct scenario *sc = scenario_load_buffer ("u.yaml", text, strlen (text),
                                              &err);
  struct run *r;
  struct tick t;
  unsigned refused = 0;

  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  r = run_new (sc, NULL, NULL, &err);
  while (run_next (r, &t))
    if (t.kind == TICK_PREDICT)
      {
        struct cp_answer a;
        ck_assert (!checkpoint_compute (r, t.predict, &a, &err));
        ck_assert (err != NULL);
        free (err);
        err = NULL;
        refused++;
      }
  ck_assert_int_eq (refused, 3);
  run_free (r);
  scenario_free (sc);
}
END_TEST

START_TEST (test_progress)
{
  char dir[] = "/tmp/check-lesson.XXXXXX";
  char path[200], aside[220];
  struct progress *p;
  FILE *f;

  ck_assert (mkdtemp (dir) != NULL);
  setenv ("XDG_STATE_HOME", dir, 1);
  p = progress_load ();
  ck_assert_int_eq (p->nlessons, 0);
  progress_lesson (p, "swap", true)->pos = 12;
  progress_lesson (p, "tlb", true)->done = true;
  progress_cp_set (p, "swap", "victim", CP_SOLVED);
  progress_cp_set (p, "swap", "swap-in", CP_REVEALED);
  progress_cp_set (p, "tlb", "eat", CP_WRONG);
  progress_cp_set (p, "swap", "victim", CP_REVEALED);
  ck_assert (progress_save (p));
  progress_free (p);

  p = progress_load ();
  ck_assert_int_eq (p->nlessons, 2);
  ck_assert_int_eq (progress_lesson (p, "swap", false)->pos, 12);
  ck_assert (!progress_lesson (p, "swap", false)->done);
  ck_assert (progress_lesson (p, "tlb", false)->done);
  ck_assert_int_eq (progress_cp (p, "swap", "victim"), CP_REVEALED);
  ck_assert_int_eq (progress_cp (p, "swap", "swap-in"), CP_REVEALED);
  ck_assert_int_eq (progress_cp (p, "tlb", "eat"), CP_WRONG);
  ck_assert_int_eq (progress_cp (p, "tlb", "nope"), CP_NONE);
  progress_reset_lesson (p, "swap");
  ck_assert (progress_lesson (p, "swap", false) == NULL);
  ck_assert_int_eq (progress_cp (p, "swap", "victim"), CP_NONE);
  ck_assert_int_eq (progress_cp (p, "tlb", "eat"), CP_WRONG);
  progress_reset_all (p);
  ck_assert_int_eq (p->nlessons + p->ncps, 0);
  progress_free (p);

  /* A corrupt file: a fresh start, the file kept aside.  */
  snprintf (path, sizeof path, "%s/vmtutor/progress", dir);
  snprintf (aside, sizeof aside, "%s.corrupt", path);
  f = fopen (path, "w");
  ck_assert (f != NULL);
  fputs ("vmtutor-progress 1\nlesson ../x 1 started\n", f);
  fclose (f);
  p = progress_load ();
  ck_assert_int_eq (p->nlessons, 0);
  ck_assert (access (aside, F_OK) == 0);
  ck_assert (access (path, F_OK) != 0);
  progress_free (p);
  unlink (aside);
  rmdir (strcat (strcpy (path, dir), "/vmtutor"));
  rmdir (dir);
}
END_TEST

static Suite *
lesson_suite (void)
{
  Suite *s = suite_create ("lesson");
  TCase *tc = tcase_create ("lesson");
  tcase_add_test (tc, test_computed);
  tcase_add_test (tc, test_machine_changes_answer);
  tcase_add_test (tc, test_check_and_mistakes);
  tcase_add_test (tc, test_uncomputable);
  tcase_add_test (tc, test_progress);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (lesson_suite ());
  int failed;

  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
