/* check_scenario.c: unit tests of the scenario loader (values, limits,
 * messages) and runner (lazy expansion, clone, opt, expectations). */
#include "system.h"

#include <check.h>

#include "scenario/scenario.h"
#include "util.h"

#define HEAD "title: t\n"
#define PROC "processes:\n  - name: A\n    regions:\n" \
  "      - { name: heap, start: 0x10000, pages: 16, perm: rw- }\n"

static struct scenario *
load (const char *text, char **err)
{
  return scenario_load_buffer ("t.yaml", text, strlen (text), err);
}

/* Load TEXT expecting failure; return the message (to free). */
static char *
load_err (const char *text)
{
  char *err = NULL;
  struct scenario *sc = load (text, &err);
  ck_assert_ptr_null (sc);
  ck_assert_ptr_nonnull (err);
  return err;
}

static void
assert_err (const char *text, const char *want)
{
  char *err = load_err (text);
  ck_assert_str_eq (err, want);
  free (err);
}

/* Run SC to the end; return the number of ticks. */
static uint64_t
run_all (const struct scenario *sc, unsigned *failures)
{
  char *err = NULL;
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  uint64_t n = 0;

  ck_assert_ptr_nonnull (r);
  while (run_next (r, &t))
    {
      ck_assert_uint_eq (t.n, n);
      n++;
    }
  ck_assert (run_done (r));
  *failures = run_failures (r);
  run_free (r);
  return n;
}

START_TEST (test_minimal)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "about: hello\nsteps:\n  - say: hi\n",
                              &err);
  unsigned f;
  ck_assert_ptr_nonnull (sc);
  ck_assert_str_eq (scenario_title (sc), "t");
  ck_assert_str_eq (scenario_about (sc), "hello");
  ck_assert_str_eq (scenario_file (sc), "t.yaml");
  ck_assert_uint_eq (scenario_ticks (sc), 1);
  ck_assert_uint_eq (scenario_machine (sc)->frames, 8);
  ck_assert_uint_eq (run_all (sc, &f), 1);
  scenario_free (sc);
}
END_TEST

START_TEST (test_machine_values)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { va_bits: 48, page_size: 4KiB,"
                              " frames: 0x10, policy: clock, scope: local,"
                              " tlb: { entries: 8, ways: 2, policy: fifo },"
                              " swap: { slots: 3 }, asid: true }\n"
                              "steps:\n  - say: hi\n", &err);
  const struct vm_config *c;
  ck_assert_ptr_nonnull (sc);
  c = scenario_machine (sc);
  ck_assert_uint_eq (c->va_bits, 48);
  ck_assert_uint_eq (c->page_size, 4096);
  ck_assert_uint_eq (c->levels, 4);   /* 36 bits: 6,10,10,10 */
  ck_assert_uint_eq (c->level_bits[0], 6);
  ck_assert_uint_eq (c->frames, 16);
  ck_assert_int_eq (c->policy, VM_POLICY_CLOCK);
  ck_assert (c->local_scope);
  ck_assert (c->asid);
  ck_assert_uint_eq (c->tlb_entries, 8);
  ck_assert_uint_eq (c->tlb_ways, 2);
  ck_assert_int_eq (c->tlb_policy, VM_TLB_FIFO);
  ck_assert_uint_eq (c->swap_slots, 3);
  scenario_free (sc);
}
END_TEST

START_TEST (test_messages)
{
  assert_err (HEAD "machine: { frmaes: 3 }\nsteps:\n  - say: hi\n",
              "t.yaml:2:12: found unknown key 'frmaes' in machine; "
              "did you mean 'frames'?");
  assert_err (HEAD "machine: { frames: 0 }\nsteps:\n  - say: hi\n",
              "t.yaml:2:20: found '0'; expected an integer from 1 to "
              "1048576");
  assert_err (HEAD "machine: { page_size: 1ZiB }\nsteps:\n  - say: hi\n",
              "t.yaml:2:23: found '1ZiB'; expected a size (bytes, or with "
              "KiB, MiB, GiB, TiB)");
  assert_err (HEAD "steps:\n  - say: &x hi\n",
              "t.yaml:3:10: found the anchor '&x'; expected plain values "
              "(anchors and aliases are not supported)");
  assert_err (HEAD "steps: []\n",
              "t.yaml:2:8: found a list; expected a list of steps");
}
END_TEST

START_TEST (test_nul_and_utf8)
{
  static const char nul[] = "title: a\0b\nsteps:\n  - say: hi\n";
  char *err = NULL;
  struct scenario *sc = scenario_load_buffer ("t.yaml", nul, sizeof nul - 1,
                                              &err);
  ck_assert_ptr_null (sc);
  ck_assert_str_eq (err, "t.yaml:1:9: found a NUL byte; expected text");
  free (err);
  assert_err ("title: \xe2\x82\nsteps: []\n",
              "t.yaml:1:8: found the byte 0xE2, which is not valid UTF-8; "
              "expected UTF-8 text");
  /* A byte order mark and CRLF line ends are fine.  */
  sc = load ("\xef\xbb\xbftitle: bom\r\nsteps:\r\n  - say: hi\r\n", &err);
  ck_assert_ptr_nonnull (sc);
  ck_assert_str_eq (scenario_title (sc), "bom");
  scenario_free (sc);
  /* Valid multibyte text is fine, and columns count characters.  */
  assert_err ("title: \xc3\xa9t\xc3\xa9\nmachine: { x: 1 }\nsteps: []\n",
              "t.yaml:2:12: found unknown key 'x' in machine; expected one "
              "of: va_bits, page_size, levels, frames, tlb, policy, tick, "
              "tau, scope, "
              "swap, asid, page_tables_in_frames, unpaged, seed, aslr, "
              "costs");
}
END_TEST

START_TEST (test_limits)
{
  size_t n = 200, len;
  char *text = malloc (n * 2 + 64), *err;
  strcpy (text, HEAD "steps: ");
  len = strlen (text);
  for (size_t i = 0; i < n; i++)
    text[len++] = '[';
  for (size_t i = 0; i < n; i++)
    text[len++] = ']';
  text[len] = '\0';
  err = load_err (text);
  ck_assert_ptr_nonnull (strstr (err, "nested more than 64 deep"));
  free (err);
  free (text);
  /* Tick counts are computed, never expanded.  */
  err = load_err (HEAD PROC "steps:\n  - touch: { process: A, region: heap,"
                  " per_page: 4096, repeat: 10000000 }\n");
  ck_assert_ptr_nonnull (strstr (err, "more than 10000000 accesses"));
  free (err);
}
END_TEST

START_TEST (test_ticks_and_lazy_touch)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { frames: 32 }\n" PROC
                              "steps:\n"
                              "  - touch: { process: A, region: heap, pages: "
                              "\"0-15\", op: write, repeat: 3 }\n"
                              "  - touch: { process: A, region: heap, pages: "
                              "[0-7, 12], stride: 2, per_page: 2 }\n"
                              "  - expect: { accesses: 58, faults: 16 }\n",
                              &err);
  unsigned f;
  ck_assert_ptr_nonnull (sc);
  /* 48 + (4 + 1) * 2 + 1 */
  ck_assert_uint_eq (scenario_ticks (sc), 59);
  ck_assert_uint_eq (run_all (sc, &f), 59);
  ck_assert_uint_eq (f, 0);
  scenario_free (sc);
}
END_TEST

START_TEST (test_touch_order)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD PROC "steps:\n"
                              "  - touch: { process: A, region: heap, pages: "
                              "\"3,1-5\", stride: 2, per_page: 2 }\n", &err);
  static const uint64_t want[] = { 3, 3, 1, 1, 3, 3, 5, 5 };
  struct run *r;
  struct tick t;
  size_t i = 0;

  ck_assert_ptr_nonnull (sc);
  r = run_new (sc, NULL, NULL, &err);
  while (run_next (r, &t))
    {
      ck_assert_int_eq (t.kind, TICK_ACCESS);
      ck_assert_uint_lt (i, 8);
      ck_assert_uint_eq (t.ev.vpn, 16 + want[i]);
      ck_assert_uint_eq (t.ev.offset, (i % 2) * 2048);
      i++;
    }
  ck_assert_uint_eq (i, 8);
  run_free (r);
  scenario_free (sc);
}
END_TEST

static const char belady[] =
  HEAD "machine: { frames: 3, policy: fifo }\n" PROC "steps:\n"
  "  - touch: { process: A, region: heap, pages: \"1,2,3,4,1,2,5,1,2,3,4,5\" }\n"
  "  - expect: { faults: 9 }\n"
  "  - reboot: { frames: 4 }\n"
  "  - touch: { process: A, region: heap, pages: \"1,2,3,4,1,2,5,1,2,3,4,5\" }\n"
  "  - expect: { faults: 10 }\n"
  "  - reboot: { frames: 3, policy: opt }\n"
  "  - touch: { process: A, region: heap, pages: \"1,2,3,4,1,2,5,1,2,3,4,5\" }\n"
  "  - expect: { faults: 7 }\n"
  "  - expect: { faults: 8 }\n";

START_TEST (test_belady_and_opt)
{
  char *err = NULL;
  struct scenario *sc = load (belady, &err);
  unsigned f;
  ck_assert_ptr_nonnull (sc);
  ck_assert_uint_eq (run_all (sc, &f), 12 * 3 + 6);
  ck_assert_uint_eq (f, 1);   /* only the deliberate faults: 8 */
  scenario_free (sc);
}
END_TEST

/* The machine and a reboot set the tick and the window; the runs use
 * them (ws with tau 3 on Silberschatz's string: 13 faults, 20 with tau
 * 1); bad values are errors at their place. */
START_TEST (test_tick_tau)
{
  static const char text[] =
    "title: t\nmachine: { frames: 8, policy: nfu, tick: 3, tau: 5 }\n"
    PROC "steps:\n"
    "  - touch: { process: A, region: heap, pages: \"7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1\" }\n"
    "  - reboot: { policy: ws, tau: 3 }\n"
    "  - touch: { process: A, region: heap, pages: \"7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1\" }\n"
    "  - expect: { faults: 13 }\n"
    "  - reboot: { tau: 1 }\n"
    "  - touch: { process: A, region: heap, pages: \"7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1\" }\n"
    "  - expect: { faults: 20 }\n";
  char *err = NULL;
  struct scenario *sc = load (text, &err);
  unsigned f;
  ck_assert_msg (sc != NULL, "%s", err ? err : "");
  ck_assert_uint_eq (scenario_machine (sc)->tick, 3);
  ck_assert_uint_eq (scenario_machine (sc)->tau, 5);
  ck_assert_int_eq (scenario_machine (sc)->policy, VM_POLICY_NFU);
  run_all (sc, &f);
  ck_assert_uint_eq (f, 0);
  scenario_free (sc);
  assert_err ("title: t\nmachine: { tick: 0 }\nsteps: []\n",
              "t.yaml:2:18: found '0'; expected an integer from 1 to "
              "1073741824");
  assert_err ("title: t\nmachine: { tau: 1073741825 }\nsteps: []\n",
              "t.yaml:2:17: found '1073741825'; expected an integer from 0 "
              "to 1073741824");
}
END_TEST

/* view: at the top level and in a say: the view in force is the latest
   say's executed, else the top level's; a function of the position. */
START_TEST (test_view)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "view: strip\n" PROC "steps:\n"
    "  - touch: { process: A, region: heap, pages: \"1,2\" }\n"
    "  - say: { text: \"The grid.\", view: grid }\n"
    "  - touch: { process: A, region: heap, pages: \"3\" }\n"
    "  - say: { text: \"Words only.\" }\n"
    "  - say: { text: \"The curve.\", view: curve }\n"
    "  - say: { text: \"Back.\", view: panes }\n", &err);
  ck_assert_msg (sc != NULL, "%s", err ? err : "");
  ck_assert_int_eq (scenario_view_at (sc, 0), SC_VIEW_STRIP);
  ck_assert_int_eq (scenario_view_at (sc, 2), SC_VIEW_STRIP);
  ck_assert_int_eq (scenario_view_at (sc, 3), SC_VIEW_GRID);
  ck_assert_int_eq (scenario_view_at (sc, 5), SC_VIEW_GRID);
  ck_assert_int_eq (scenario_view_at (sc, 6), SC_VIEW_CURVE);
  ck_assert_int_eq (scenario_view_at (sc, 7), SC_VIEW_PANES);
  ck_assert_int_eq (scenario_view_at (sc, 100), SC_VIEW_PANES);
  scenario_free (sc);
  sc = load (HEAD PROC "steps:\n  - say: \"Hello.\"\n", &err);
  ck_assert_ptr_nonnull (sc);
  ck_assert_int_eq (scenario_view_at (sc, 1), SC_VIEW_NONE);
  scenario_free (sc);
  err = load_err (HEAD "view: graph\n" PROC "steps:\n  - say: \"x\"\n");
  ck_assert_msg (strstr (err, "t.yaml:") && strstr (err, "unknown view "
                 "'graph'"), "%s", err);
  free (err);
  err = load_err (HEAD PROC "steps:\n  - say: { text: x, view: gird }\n");
  ck_assert_msg (strstr (err, "did you mean 'grid'"), "%s", err);
  free (err);
}
END_TEST

static void
seed_override (void *ctx, struct vm_config *cfg)
{
  cfg->seed = *(const uint64_t *) ctx;
}

static void
frames4 (void *ctx, struct vm_config *cfg)
{
  (void) ctx;
  cfg->frames = 4;
}

START_TEST (test_override)
{
  char *err = NULL;
  struct scenario *sc = load (belady, &err);
  struct run *r = run_new (sc, frames4, NULL, &err);
  struct tick t;
  ck_assert_ptr_nonnull (r);
  while (run_next (r, &t))
    ;
  /* With 4 frames everywhere, faults: 9 fails and so do 7 and 8 (opt
     with 4 frames takes 6).  */
  ck_assert_uint_eq (run_failures (r), 3);
  run_free (r);
  scenario_free (sc);
}
END_TEST

START_TEST (test_clone)
{
  char *err = NULL;
  struct scenario *sc = load (belady, &err);
  struct run *r = run_new (sc, NULL, NULL, &err), *c;
  struct tick t, u;
  ck_assert_ptr_nonnull (r);
  for (int i = 0; i < 20; i++)
    ck_assert (run_next (r, &t));
  c = run_clone (r);
  ck_assert_uint_eq (run_position (c), 20);
  while (run_next (r, &t))
    {
      ck_assert (run_next (c, &u));
      ck_assert_uint_eq (t.n, u.n);
      ck_assert_int_eq (t.kind, u.kind);
      if (t.kind == TICK_ACCESS)
        {
          ck_assert_uint_eq (t.ev.vpn, u.ev.vpn);
          ck_assert_uint_eq (t.ev.frame, u.ev.frame);
          ck_assert_int_eq (t.ev.result, u.ev.result);
        }
      if (t.kind == TICK_EXPECT)
        ck_assert_int_eq (t.ok, u.ok);
    }
  ck_assert (!run_next (c, &u));
  ck_assert_uint_eq (run_failures (c), run_failures (r));
  run_free (r);
  run_free (c);
  scenario_free (sc);
}
END_TEST

START_TEST (test_fork_mmap_expect)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { frames: 16 }\n" PROC
                              "steps:\n"
                              "  - touch: { process: A, region: heap, pages: 0-3,"
                              " op: w }\n"
                              "  - fork: { parent: A, child: B }\n"
                              "  - access: { process: B, region: heap, page: 2,"
                              " op: w }\n"
                              "  - expect: { result: cow, cow_faults: 1 }\n"
                              "  - mmap: { process: B, name: extra, pages: 2 }\n"
                              "  - touch: { process: B, region: extra }\n"
                              "  - expect: { process: B, vsz_pages: 18,"
                              " rss_pages: 6 }\n"
                              "  - munmap: { process: B, region: extra }\n"
                              "  - expect: { process: B, vsz_pages: 16 }\n"
                              "  - exit: B\n"
                              "  - expect: { process: B, alive: false }\n"
                              "  - ask: { question: Why?, choices: [a, b],"
                              " answer: b }\n", &err);
  struct run *r;
  struct tick t;
  bool asked = false;
  ck_assert_msg (sc != NULL, "%s", err);
  r = run_new (sc, NULL, NULL, &err);
  while (run_next (r, &t))
    {
      if (t.kind == TICK_EXPECT)
        ck_assert_msg (t.ok, "line %u: %s", t.line, t.text);
      if (t.kind == TICK_ASK)
        {
          ck_assert_str_eq (t.text, "Why?");
          ck_assert_uint_eq (t.nchoices, 2);
          ck_assert_int_eq (t.answer, 1);
          asked = true;
        }
    }
  ck_assert (asked);
  ck_assert_uint_eq (run_failures (r), 0);
  run_free (r);
  scenario_free (sc);
}
END_TEST

START_TEST (test_names_checked)
{
  char *err = load_err (HEAD PROC "steps:\n  - munmap: { process: A, region:"
                        " heap }\n  - touch: { process: A, region: heap }\n");
  ck_assert_str_eq (err, "t.yaml:8:34: found unknown region 'heap'; expected "
                    "one defined before this step");
  free (err);
  err = load_err (HEAD PROC "steps:\n  - fork: { parent: A, child: B }\n"
                  "  - reboot: {}\n  - exit: B\n");
  ck_assert_str_eq (err, "t.yaml:9:11: found unknown process 'B'; expected "
                    "one of: A");
  free (err);
}
END_TEST

START_TEST (test_failed_expect_text)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD PROC "steps:\n  - access: { process: A,"
                              " region: heap }\n  - expect: { faults: 2,"
                              " result: minor }\n", &err);
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  ck_assert (run_next (r, &t));
  ck_assert (run_next (r, &t));
  ck_assert_int_eq (t.kind, TICK_EXPECT);
  ck_assert (!t.ok);
  ck_assert_uint_eq (t.line, 8);
  ck_assert_str_eq (t.text, "page faults: expected 2, got 1; result: minor");
  ck_assert_uint_eq (run_failures (r), 1);
  run_free (r);
  scenario_free (sc);
}
END_TEST

/* A process's or a page's conditions say whose they are: two
   "alive: false" lines for two processes would otherwise read the same. */
START_TEST (test_expect_text_names_whose)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD PROC "steps:\n  - access: { process: A,"
                              " region: heap }\n"
                              "  - expect: { process: A, alive: true,"
                              " rss_pages: 1 }\n"
                              "  - expect: { process: A, region: heap,"
                              " page: 2, resident: false }\n"
                              "  - expect: { faults: 1 }\n", &err);
  struct run *r = run_new (sc, NULL, NULL, &err);
  struct tick t;
  static const char *const want[] = {
    "A alive: yes; resident pages of A: 1", "A heap[2]: page resident: no",
    "page faults: 1"
  };
  ck_assert (run_next (r, &t));
  for (size_t i = 0; i < ARRAY_SIZE (want); i++)
    {
      ck_assert (run_next (r, &t));
      ck_assert_int_eq (t.kind, TICK_EXPECT);
      ck_assert (t.ok);
      ck_assert_str_eq (t.text, want[i]);
    }
  run_free (r);
  scenario_free (sc);
}
END_TEST

/* The first page of region heap of the first access, with SEED. */
static uint64_t
aslr_vpn (const struct scenario *sc, uint64_t seed)
{
  char *err = NULL;
  struct run *r;
  struct tick t;
  uint64_t vpn;

  r = run_new (sc, seed ? seed_override : NULL, &seed, &err);
  ck_assert_ptr_nonnull (r);
  ck_assert (run_next (r, &t));
  ck_assert_int_eq (t.kind, TICK_ACCESS);
  ck_assert_int_eq (t.ev.result, VM_MINOR);
  vpn = t.ev.vpn;
  run_free (r);
  return vpn;
}

START_TEST (test_aslr_seeded)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { va_bits: 48, aslr: true,"
                              " seed: 1 }\nprocesses:\n  - name: A\n"
                              "    regions:\n      - { name: heap, pages: 4 }\n"
                              "steps:\n  - access: { process: A, region: heap,"
                              " op: w }\n", &err);
  ck_assert_ptr_nonnull (sc);
  ck_assert_uint_eq (aslr_vpn (sc, 0), aslr_vpn (sc, 0));
  ck_assert_uint_ne (aslr_vpn (sc, 0), aslr_vpn (sc, 2));
  ck_assert_uint_eq (aslr_vpn (sc, 2), aslr_vpn (sc, 2));
  scenario_free (sc);
}
END_TEST

START_TEST (test_reboot_and_unpaged)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { unpaged: true, va_bits: 16,"
                              " page_size: 256, frames: 256 }\n"
                              "processes:\n  - { name: A, base: 0, size: 1KiB }\n"
                              "  - { name: B, base: 0x400, size: 1KiB }\n"
                              "steps:\n  - access: { process: A, address: 0x10 }\n"
                              "  - expect: { pa: 0x10, owner: A }\n"
                              "  - access: { process: A, address: 0x500, op: w }\n"
                              "  - expect: { pa: 0x500, owner: B }\n"
                              "  - reboot: { frames: 4 }\n"
                              "  - expect: { accesses: 0 }\n", &err);
  struct run *r;
  struct tick t;
  bool rebooted = false;
  ck_assert_msg (sc != NULL, "%s", err);
  r = run_new (sc, NULL, NULL, &err);
  while (run_next (r, &t))
    {
      if (t.kind == TICK_EXPECT)
        ck_assert_msg (t.ok, "line %u: %s", t.line, t.text);
      if (t.kind == TICK_REBOOT)
        rebooted = true;
    }
  ck_assert (rebooted);
  ck_assert_uint_eq (vm_config (run_vm (r))->frames, 4);
  run_free (r);
  scenario_free (sc);
}
END_TEST

/* The text of each non-access, non-say tick of TEXT's run, joined by
   " | " (the log's and the batch output's words for those steps). */
static char *
other_texts (const char *text)
{
  char *err = NULL, *all = xstrdup ("");
  struct scenario *sc = load (text, &err);
  struct run *r;
  struct tick t;
  ck_assert_msg (sc != NULL, "%s", err);
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_ptr_nonnull (r);
  while (run_next (r, &t))
    if (t.text && (t.kind == TICK_MAP || t.kind == TICK_REBOOT))
      {
        char *more = xasprintf ("%s%s%s", all, *all ? " | " : "", t.text);
        free (all);
        all = more;
      }
  run_free (r);
  scenario_free (sc);
  return all;
}

/* A map step says which pages it changed and, for mprotect, to what; a
   reboot that changes the address layout says the new one. */
START_TEST (test_step_texts)
{
  char *got = other_texts (HEAD PROC "steps:\n"
                           "  - protect: { process: A, region: heap, pages: 3,"
                           " perm: \"---\" }\n"
                           "  - protect: { process: A, region: heap,"
                           " perm: r-x }\n"
                           "  - mlock: { process: A, region: heap,"
                           " pages: \"0-2,5\" }\n");
  ck_assert_str_eq (got, "mprotect heap[3] in A: --- | mprotect heap in A:"
                    " r-x | mlock heap[0-2,5] in A");
  free (got);
  got = other_texts (HEAD "machine: { va_bits: 48, page_size: 4KiB,"
                     " levels: [9, 9, 9, 9], frames: 8 }\n" PROC
                     "steps:\n  - reboot: { frames: 4 }\n"
                     "  - reboot: { va_bits: 57, levels: [9, 9, 9, 9, 9] }\n");
  ck_assert_str_eq (got, "new machine: fifo, 4 frames | new machine: fifo,"
                    " 4 frames; 57-bit addresses, 5 levels of page tables");
  free (got);
}
END_TEST

/* The words in force after each tick of TEXT's run, as one letter per
 * tick: the first letter of the say/pause text, or '-' for none. */
static void
assert_says (const char *text, const char *want)
{
  char *err = NULL, got[64];
  struct scenario *sc = load (text, &err);
  struct run *r;
  struct tick t;
  size_t n = 0;
  ck_assert_msg (sc != NULL, "%s", err);
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_ptr_null (run_say (r));
  while (run_next (r, &t) && n + 1 < sizeof got)
    got[n++] = run_say (r) ? run_say (r)[0] : '-';
  got[n] = '\0';
  ck_assert_str_eq (got, want);
  run_free (r);
  scenario_free (sc);
}

START_TEST (test_say_extent)
{
  /* Through the non-access steps, the first access step and its expects;
     then nothing until the next words.  */
  assert_says (HEAD PROC "steps:\n"
               "  - say: one\n"
               "  - switch: A\n"
               "  - touch: { process: A, region: heap, pages: 0-2 }\n"
               "  - expect: { faults: 3 }\n"
               "  - expect: { hits: 0 }\n"
               "  - touch: { process: A, region: heap, pages: 0-1 }\n"
               "  - switch: A\n"
               "  - pause: two\n"
               "  - access: { process: A, region: heap, page: 5 }\n"
               "  - switch: A\n",
               "ooooooo---tt-");
  /* Words followed by an expect are about what happened before.  */
  assert_says (HEAD PROC "steps:\n"
               "  - access: { process: A, region: heap, page: 5 }\n"
               "  - say: one\n"
               "  - expect: { faults: 1 }\n"
               "  - expect: { hits: 0 }\n"
               "  - access: { process: A, region: heap, page: 5 }\n",
               "-ooo-");
  /* A new say, a question or a pause with text ends the words sooner; a
     bare pause does not.  */
  assert_says (HEAD PROC "steps:\n"
               "  - say: one\n"
               "  - pause:\n"
               "  - switch: A\n"
               "  - say: two\n"
               "  - ask: { question: q, choices: [x, y], answer: 1 }\n"
               "  - access: { process: A, region: heap, page: 5 }\n"
               "  - say: three\n",
               "ooot--t");
  /* say: { text, steps: N } keeps the words N steps.  */
  assert_says (HEAD PROC "steps:\n"
               "  - say: { text: one, steps: 3 }\n"
               "  - access: { process: A, region: heap, page: 0 }\n"
               "  - access: { process: A, region: heap, page: 1 }\n"
               "  - touch: { process: A, region: heap, pages: 2-3 }\n"
               "  - access: { process: A, region: heap, page: 4 }\n"
               "  - say: { text: two, steps: 5 }\n"
               "  - access: { process: A, region: heap, page: 0 }\n"
               "  - say: three\n",
               "ooooo-ttt");
  assert_err (HEAD PROC "steps:\n  - say: { text: x, step: 2 }\n",
              "t.yaml:7:21: found unknown key 'step' in say; did you mean "
              "'steps'?");
}
END_TEST

/* expect can check the page-table indices a say names. */
START_TEST (test_expect_indices)
{
  char *err = NULL;
  struct scenario *sc = load (HEAD "machine: { va_bits: 32, levels: [10, 10] }\n"
                              PROC "steps:\n"
                              "  - access: { process: A, address: 0x10000 }\n"
                              "  - expect: { index1: 0, index2: 16, offset: 0,"
                              " index3: none }\n"
                              "  - expect: { index1: 510 }\n", &err);
  unsigned failures;
  ck_assert_msg (sc != NULL, "%s", err);
  run_all (sc, &failures);
  ck_assert_uint_eq (failures, 1);
  scenario_free (sc);
}
END_TEST

static Suite *
scenario_suite (void)
{
  Suite *s = suite_create ("scenario");
  TCase *tc = tcase_create ("loader");
  tcase_add_test (tc, test_minimal);
  tcase_add_test (tc, test_machine_values);
  tcase_add_test (tc, test_messages);
  tcase_add_test (tc, test_nul_and_utf8);
  tcase_add_test (tc, test_limits);
  tcase_add_test (tc, test_names_checked);
  suite_add_tcase (s, tc);
  tc = tcase_create ("runner");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_ticks_and_lazy_touch);
  tcase_add_test (tc, test_touch_order);
  tcase_add_test (tc, test_belady_and_opt);
  tcase_add_test (tc, test_tick_tau);
  tcase_add_test (tc, test_view);
  tcase_add_test (tc, test_override);
  tcase_add_test (tc, test_clone);
  tcase_add_test (tc, test_fork_mmap_expect);
  tcase_add_test (tc, test_failed_expect_text);
  tcase_add_test (tc, test_aslr_seeded);
  tcase_add_test (tc, test_reboot_and_unpaged);
  tcase_add_test (tc, test_step_texts);
  tcase_add_test (tc, test_expect_text_names_whose);
  tcase_add_test (tc, test_say_extent);
  tcase_add_test (tc, test_expect_indices);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (scenario_suite ());
  int failed;
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
