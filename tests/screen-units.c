/* screen-units.c: Check tests of the interface's curses-free parts: the
 * narration's sentences (src/narrate/narrate.c) and stepping back through
 * checkpoints (src/ui/history.c).  Expected values are worked out by hand
 * from DESIGN.md's engine semantics. */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "ui/history.h"
#include "narrate/narrate.h"

/* A refs-style machine: one process "refs" with the whole space mapped. */
static struct vm *
refs_machine (enum vm_policy policy, uint32_t frames, uint32_t *pid)
{
  struct vm_config cfg;
  const char *why;
  vm_config_default (&cfg);
  cfg.policy = policy;
  cfg.frames = frames;
  struct vm *vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  *pid = vm_proc_new (vm, "refs");
  ck_assert_int_eq (vm_map (vm, *pid, 0, 1ull << 20,
                            VM_PERM_R | VM_PERM_W | VM_PERM_X | VM_PERM_U,
                            VM_NONE, 0, 0, "all", &why), 0);
  return vm;
}

/* Run REFS (page numbers, reads; W marks a write) and return the
 * sentence of the last access. */
static char *
last_sentence_of (enum vm_policy policy, uint32_t frames, const uint64_t *refs,
                  const char *ops, size_t n, size_t nfuture)
{
  uint32_t pid;
  struct vm *vm = refs_machine (policy, frames, &pid);
  struct vm_future *f = vm_future_new ();
  struct vm_event ev;
  for (size_t i = 0; i < nfuture; i++)
    vm_future_push (f, pid, refs[i]);
  for (size_t i = 0; i < n; i++)
    vm_access (vm, pid, refs[i] << 12, ops && ops[i] == 'w' ? VM_WRITE : VM_READ,
               vm_future_next (f, i), &ev);
  char *s = narrate_access (vm, &ev, false);
  vm_future_free (f);
  vm_free (vm);
  return s;
}

static char *
last_sentence (enum vm_policy policy, uint32_t frames, const uint64_t *refs,
               const char *ops, size_t n)
{
  return last_sentence_of (policy, frames, refs, ops, n, n);
}

#define ck_assert_has(s, sub)                                           \
  ck_assert_msg (strstr ((s), (sub)) != NULL, "'%s' not in '%s'", (sub), (s))

START_TEST (test_lru_victim)
{
  /* Frames 0,1,2 take pages 1,2,3; page 1 is used again at access 3;
     page 4 evicts the least recently used, page 2 (last used at access
     1, three accesses before access 4), from frame 1. */
  static const uint64_t refs[] = { 1, 2, 3, 1, 4 };
  char *s = last_sentence (VM_POLICY_LRU, 3, refs, NULL, 5);
  ck_assert_has (s, "refs reads 0x4000 (refs:4)");
  ck_assert_has (s, "walk L1[0] -> L2[4]");
  ck_assert_has (s, "minor fault: first touch, a zero-filled page in frame 1");
  ck_assert_has (s, "evicted refs:2 from frame 1, least recently used "
                 "(3 accesses ago)");
  ck_assert_msg (strstr (s, "TLB") == NULL, "no TLB on this machine: %s", s);
  free (s);
}
END_TEST

START_TEST (test_fifo_dirty_victim)
{
  /* Page 1 is written, so when fifo evicts it (loaded earliest, at access
     0) it goes to swap slot 0. */
  static const uint64_t refs[] = { 1, 2, 1, 3 };
  char *s = last_sentence (VM_POLICY_FIFO, 2, refs, "wrrr", 4);
  ck_assert_has (s, "evicted refs:1 from frame 0, loaded earliest "
                 "(3 accesses ago)");
  ck_assert_has (s, "it was dirty, so it was written to swap slot 0");
  free (s);
}
END_TEST

START_TEST (test_opt_victim)
{
  /* Frames hold 1, 2; at page 3, page 1 is used again at access 4 and
     page 2 never: opt evicts page 2. */
  static const uint64_t refs[] = { 1, 2, 3, 4, 1 };
  char *s = last_sentence_of (VM_POLICY_OPT, 2, refs, NULL, 3, 5);
  ck_assert_has (s, "evicted refs:2 from frame 1, never used again");
  free (s);
}
END_TEST

START_TEST (test_hit_and_major)
{
  /* 1 is written and evicted to swap by 2 (one frame); reading 1 again
     is a major fault from slot 0. */
  static const uint64_t refs[] = { 1, 2, 1 };
  char *s = last_sentence (VM_POLICY_FIFO, 1, refs, "wrr", 3);
  ck_assert_has (s, "read it back from swap slot 0 into frame 0");
  free (s);
  static const uint64_t again[] = { 5, 5 };
  s = last_sentence (VM_POLICY_LRU, 2, again, NULL, 2);
  ck_assert_has (s, "no fault: frame 0, physical address 0x0");
  free (s);
}
END_TEST

START_TEST (test_segv_unmapped)
{
  struct vm_config cfg;
  const char *why;
  struct vm_event ev;
  vm_config_default (&cfg);
  struct vm *vm = vm_new (&cfg, &why);
  uint32_t pid = vm_proc_new (vm, "A");
  vm_access (vm, pid, 0x1234, VM_READ, VM_NEVER, &ev);
  char *s = narrate_access (vm, &ev, true);
  ck_assert_has (s, "segmentation fault");
  free (s);
  vm_free (vm);
}
END_TEST

START_TEST (test_page_labels)
{
  struct vm_config cfg;
  const char *why;
  char buf[64];
  vm_config_default (&cfg);
  struct vm *vm = vm_new (&cfg, &why);
  uint32_t pid = vm_proc_new (vm, "A");
  ck_assert_int_eq (vm_map (vm, pid, 0x10000, 8, VM_PERM_R | VM_PERM_U,
                            VM_NONE, 0, 0, "heap", &why), 0);
  narrate_page (buf, sizeof buf, vm, pid, 0x10003);
  ck_assert_str_eq (buf, "A:heap[3]");
  narrate_page (buf, sizeof buf, vm, pid, 7);
  ck_assert_str_eq (buf, "A:7");
  narrate_page (buf, sizeof buf, vm, pid, 0x20000);
  ck_assert_str_eq (buf, "A:0x20000");
  narrate_when (buf, sizeof buf, 3, 10);
  ck_assert_str_eq (buf, "7 accesses ago");
  narrate_when (buf, sizeof buf, 11, 10);
  ck_assert_str_eq (buf, "in 1 access");
  vm_free (vm);
}
END_TEST

/* ---- history */

static const char history_yaml[] =
  "title: History\n"
  "machine: { va_bits: 32, page_size: 4096, levels: [10, 10], frames: 7,\n"
  "           tlb: { entries: 4 }, policy: clock }\n"
  "processes:\n"
  "  - name: A\n"
  "    regions:\n"
  "      - { name: heap, start: 0x10000000, pages: 10, perm: rw- }\n"
  "  - name: B\n"
  "    regions:\n"
  "      - { name: heap, start: 0x10000000, pages: 10, perm: rw- }\n"
  "steps:\n"
  "  - say: \"first\"\n"
  "  - touch: { process: A, region: heap, pages: 0-9, op: write, repeat: 150 }\n"
  "  - switch: B\n"
  "  - say: \"second\"\n"
  "  - touch: { process: B, region: heap, pages: 0-9, repeat: 250 }\n";

static struct run *
history_run_new (struct scenario **sc)
{
  char *err = NULL;
  *sc = scenario_load_buffer ("history.yaml", history_yaml,
                              sizeof history_yaml - 1, &err);
  ck_assert_msg (*sc != NULL, "%s", err ? err : "?");
  struct run *r = run_new (*sc, NULL, NULL, &err);
  ck_assert_msg (r != NULL, "%s", err ? err : "?");
  return r;
}

/* Position P of a history equals a fresh run stepped P ticks. */
static void
check_position (struct history *h, const struct scenario *sc, uint64_t p)
{
  char *err = NULL;
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  memset (&t, 0, sizeof t);
  for (uint64_t i = 0; i < p; i++)
    ck_assert (run_next (r, &t));
  history_goto (h, p);
  ck_assert_uint_eq (history_pos (h), p);
  const struct vm_stats *a = vm_stats (run_vm (history_run (h)));
  const struct vm_stats *b = vm_stats (run_vm (r));
  ck_assert_uint_eq (a->faults, b->faults);
  ck_assert_uint_eq (a->tlb_hits, b->tlb_hits);
  ck_assert_uint_eq (vm_clock_hand (run_vm (history_run (h))),
                     vm_clock_hand (run_vm (r)));
  if (p > 0)
    {
      const struct tick *ht = history_tick (h);
      ck_assert_ptr_nonnull (ht);
      ck_assert_uint_eq (ht->n, t.n);
      ck_assert_int_eq (ht->kind, t.kind);
      if (t.kind == TICK_ACCESS)
        {
          ck_assert_uint_eq (ht->ev.va, t.ev.va);
          ck_assert_uint_eq (ht->ev.frame, t.ev.frame);
          ck_assert_int_eq (ht->ev.result, t.ev.result);
        }
    }
  const char *say = history_say (h);
  /* A say lasts through the touch it introduces, not the switch after. */
  if (p >= 1503)
    ck_assert_str_eq (say, "second");
  else if (p == 1502 || p == 0)
    ck_assert_ptr_null (say);
  else
    ck_assert_str_eq (say, "first");
  ck_assert (run_say (r) == NULL ? say == NULL : strcmp (run_say (r), say) == 0);
  run_free (r);
}

START_TEST (test_history_back_and_forth)
{
  struct scenario *sc;
  struct history *h = history_new (history_run_new (&sc));
  /* 1 + 1500 + 1 + 1 + 2500 ticks. */
  ck_assert_uint_eq (history_total (h), 4003);
  history_goto (h, 4003);
  ck_assert_uint_eq (history_recorded (h), 4003);
  ck_assert (!history_step (h));
  static const uint64_t at[] = { 4002, 4001, 3000, 2048, 1503, 1502, 1501, 777,
                                 256, 255, 1, 0, 3999, 12 };
  for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
    check_position (h, sc, at[i]);
  /* Records do not change when the same ticks run again. */
  const struct hist_rec *r = history_rec (h, 1);
  ck_assert_int_eq (r->kind, TICK_ACCESS);
  ck_assert_uint_eq (r->va, 0x10000000);
  ck_assert_uint_eq (history_tick_of_access (h, 0), 1);
  history_free (h);
  scenario_free (sc);
}
END_TEST

static uint64_t
tick_of (const void *arg, uint64_t step)
{
  return history_tick_of_access (arg, step);
}

/* Everything the narration pane shows at the position of H. */
static char *
words_at (struct history *h)
{
  const struct tick *t = history_tick (h);
  char *why = t ? narrate_tick (run_vm (history_run (h)), t, false) : NULL;
  const char *say = history_say (h);
  size_t n = (why ? strlen (why) : 0) + (say ? strlen (say) : 0) + 2;
  char *s = malloc (n);
  snprintf (s, n, "%s|%s", say ? say : "", why ? why : "");
  free (why);
  return s;
}

/* The same step gives the same words, reached forwards or backwards
 * (OPT's "next used" and a say's extent included). */
START_TEST (test_words_path_independent)
{
  static const char yaml[] =
    "title: t\n"
    "machine: { va_bits: 20, page_size: 4096, levels: [8], frames: 3,"
    " policy: opt }\n"
    "processes:\n"
    "  - name: A\n"
    "    regions:\n"
    "      - { name: heap, start: 0x10000, pages: 8, perm: rw- }\n"
    "steps:\n"
    "  - say: \"first\"\n"
    "  - touch: { process: A, region: heap, pages: 0-5, repeat: 2 }\n"
    "  - expect: { faults_at_least: 1 }\n"
    "  - switch: A\n"
    "  - pause: \"predict\"\n"
    "  - touch: { process: A, region: heap, pages: [5, 4, 3, 2, 1, 0] }\n"
    "  - touch: { process: A, region: heap, pages: 1-7, repeat: 40 }\n";
  char *err = NULL;
  struct scenario *sc = scenario_load_buffer ("w.yaml", yaml, sizeof yaml - 1,
                                              &err);
  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  struct history *h = history_new (run_new (sc, NULL, NULL, &err));
  narrate_set_steps (tick_of, h);
  uint64_t total = history_total (h);
  char **fwd = calloc (total + 1, sizeof *fwd);
  for (uint64_t p = 0; p <= total; p++)
    {
      if (p > 0)
        ck_assert (history_step (h));
      fwd[p] = words_at (h);
    }
  /* Say extent: the say lasts through its touch and the expect after it;
     the switch has no words of the scenario; the pause's words last
     through the first touch after it. */
  ck_assert_str_eq (fwd[1], "first|");
  ck_assert (strncmp (fwd[14], "first|", 6) == 0);
  ck_assert (strncmp (fwd[15], "|", 1) == 0);
  ck_assert (strncmp (fwd[16], "predict|", 8) == 0);
  ck_assert (strncmp (fwd[22], "predict|", 8) == 0);
  ck_assert (strncmp (fwd[23], "|", 1) == 0);
  for (uint64_t p = total + 1; p-- > 0;)
    {
      history_goto (h, p);
      char *back = words_at (h);
      ck_assert_msg (strcmp (back, fwd[p]) == 0, "step %llu: '%s' / '%s'",
                     (unsigned long long) p, back, fwd[p]);
      free (back);
    }
  for (uint64_t p = 0; p <= total; p++)
    free (fwd[p]);
  free (fwd);
  narrate_set_steps (NULL, NULL);
  history_free (h);
  scenario_free (sc);
}
END_TEST

/* Every library scenario: the words at each step (the scenario's say in
 * force and the narration of the tick) are the same reached forwards and
 * backwards through the history's checkpoints. */
START_TEST (test_library_words_both_ways)
{
  const char *top = getenv ("top_srcdir");
  char *dir = NULL;
  DIR *d;
  struct dirent *de;
  int n = 0;

  if (asprintf (&dir, "%s/scenarios", top ? top : ".") < 0)
    ck_abort ();
  d = opendir (dir);
  ck_assert_msg (d != NULL, "%s", dir);
  while ((de = readdir (d)) != NULL)
    {
      size_t len = strlen (de->d_name);
      char *path = NULL, *err = NULL;
      if (len < 6 || strcmp (de->d_name + len - 5, ".yaml") != 0)
        continue;
      if (asprintf (&path, "%s/%s", dir, de->d_name) < 0)
        ck_abort ();
      struct scenario *sc = scenario_load (path, &err);
      ck_assert_msg (sc != NULL, "%s", err ? err : path);
      struct history *h = history_new (run_new (sc, NULL, NULL, &err));
      narrate_set_steps (tick_of, h);
      uint64_t total = history_total (h);
      char **fwd = calloc (total + 1, sizeof *fwd);
      for (uint64_t p = 0; p <= total; p++)
        {
          if (p > 0)
            ck_assert (history_step (h));
          fwd[p] = words_at (h);
        }
      for (uint64_t p = total + 1; p-- > 0;)
        {
          history_goto (h, p);
          char *back = words_at (h);
          ck_assert_msg (strcmp (back, fwd[p]) == 0, "%s step %llu: '%s' / "
                         "'%s'", de->d_name, (unsigned long long) p, back,
                         fwd[p]);
          free (back);
          free (fwd[p]);
        }
      free (fwd);
      narrate_set_steps (NULL, NULL);
      history_free (h);
      scenario_free (sc);
      free (path);
      n++;
    }
  closedir (d);
  free (dir);
  ck_assert_int_ge (n, 20);
}
END_TEST

static Suite *
units_suite (void)
{
  Suite *s = suite_create ("ui");
  TCase *tc = tcase_create ("narrate");
  tcase_add_test (tc, test_lru_victim);
  tcase_add_test (tc, test_fifo_dirty_victim);
  tcase_add_test (tc, test_opt_victim);
  tcase_add_test (tc, test_hit_and_major);
  tcase_add_test (tc, test_segv_unmapped);
  tcase_add_test (tc, test_page_labels);
  suite_add_tcase (s, tc);
  tc = tcase_create ("history");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_history_back_and_forth);
  tcase_add_test (tc, test_words_path_independent);
  tcase_add_test (tc, test_library_words_both_ways);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (units_suite ());
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
