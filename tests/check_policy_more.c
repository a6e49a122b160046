/* check_policy_more.c: the policies of src/engine/policy-more.c against
 * a reference model written from their rules in vmtutor(1): on the
 * textbook strings and on thousands of random strings with writes, the
 * engine must evict the same page as the model at every access. */
#include "system.h"

#include <check.h>

#include "engine/vm.h"
#include "util.h"

#include "policy-model.h"

/* Run PAGES (WRITES) on the engine and the model with policy P, NF
 * frames and tick TICK; they must agree at every access. */
static void
compare (enum vm_policy p, unsigned nf, unsigned tick, const long *pages,
         const bool *writes, size_t n)
{
  struct vm_config cfg;
  struct model m;
  struct vm_event ev;
  const char *why;
  struct vm *vm;
  uint32_t pid;

  vm_config_default (&cfg);
  cfg.policy = p;
  cfg.frames = nf;
  cfg.tick = tick;
  cfg.tau = tick;
  vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  pid = vm_proc_new (vm, "t");
  ck_assert_int_eq (vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W
                            | VM_PERM_U, VM_NONE, 0, 0, "all", &why), 0);
  memset (&m, 0, sizeof m);
  m.p = p;
  m.nf = nf;
  m.tick = tick;
  m.tau = tick;
  for (size_t k = 0; k < n; k++)
    {
      long want = model_access (&m, k, pages[k], writes[k]);
      long got;
      uint32_t peek = vm_peek_victim (vm);
      vm_access (vm, pid, (uint64_t) pages[k] << 12,
                 writes[k] ? VM_WRITE : VM_READ, VM_NEVER, &ev);
      got = ev.evictions ? (long) ev.victim_vpn : -1;
      /* the peek named the frame the access then evicted */
      ck_assert_msg (!ev.evictions || ev.victim_frame == peek,
                     "%s, %u frames, tick %u, access %zu: peek %u, victim "
                     "frame %u", vm_policy_name (p), nf, tick, k, peek,
                     ev.victim_frame);
      ck_assert (!ev.evictions || peek != VM_NONE);
      ck_assert_msg (got == want, "%s, %u frames, tick %u, access %zu "
                     "(page %ld): engine evicts %ld, model %ld",
                     vm_policy_name (p), nf, tick, k, pages[k], got, want);
    }
  vm_free (vm);
}

static const enum vm_policy more[] = {
  VM_POLICY_SECOND_CHANCE, VM_POLICY_MRU, VM_POLICY_LFU, VM_POLICY_MFU,
  VM_POLICY_NFU, VM_POLICY_AGING, VM_POLICY_NRU, VM_POLICY_2Q,
  VM_POLICY_WSCLOCK
};

START_TEST (name_table)
{
  const char *names[] = { "second-chance", "mru", "lfu", "mfu", "nfu",
                          "aging", "nru", "2q", "wsclock" };
  for (size_t i = 0; i < ARRAY_SIZE (more); i++)
    {
      ck_assert_str_eq (vm_policy_name (more[i]), names[i]);
      ck_assert_int_eq (vm_policy_parse (names[i]), more[i]);
    }
}
END_TEST

START_TEST (textbook_strings)
{
  static const long silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,
                               2, 0, 1, 7, 0, 1 };
  static const long belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
  static const long ostep[] = { 0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1 };
  bool w[20] = { false };
  for (size_t i = 0; i < ARRAY_SIZE (more); i++)
    for (unsigned nf = 1; nf <= 5; nf++)
      for (unsigned tick = 1; tick <= 5; tick += 2)
        {
          compare (more[i], nf, tick, silb, w, ARRAY_SIZE (silb));
          compare (more[i], nf, tick, belady, w, ARRAY_SIZE (belady));
          compare (more[i], nf, tick, ostep, w, ARRAY_SIZE (ostep));
        }
}
END_TEST

/* Second chance is clock on a list: the same faults as clock. */
START_TEST (second_chance_is_clock)
{
  static const long silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,
                               2, 0, 1, 7, 0, 1 };
  struct vm_config cfg;
  const char *why;
  uint64_t faults[2];
  for (int k = 0; k < 2; k++)
    {
      struct vm_event ev;
      struct vm *vm;
      uint32_t pid;
      vm_config_default (&cfg);
      cfg.policy = k ? VM_POLICY_CLOCK : VM_POLICY_SECOND_CHANCE;
      cfg.frames = 3;
      vm = vm_new (&cfg, &why);
      pid = vm_proc_new (vm, "t");
      vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "all", &why);
      for (size_t i = 0; i < ARRAY_SIZE (silb); i++)
        vm_access (vm, pid, (uint64_t) silb[i] << 12, VM_READ, VM_NEVER, &ev);
      faults[k] = vm_stats (vm)->faults;
      vm_free (vm);
    }
  ck_assert_uint_eq (faults[0], 14);
  ck_assert_uint_eq (faults[1], 14);
}
END_TEST

static uint64_t
rnd (uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * UINT64_C (2685821657736338717);
}

START_TEST (random_strings)
{
  uint64_t seed = UINT64_C (0x1234567887654321);
  long pages[80];
  bool writes[80];
  for (unsigned trial = 0; trial < 4000; trial++)
    {
      size_t n = 1 + rnd (&seed) % 80;
      unsigned npages = 1 + (unsigned) (rnd (&seed) % 12);
      unsigned nf = 1 + (unsigned) (rnd (&seed) % 12);
      unsigned tick = 1 + (unsigned) (rnd (&seed) % 6);
      for (size_t i = 0; i < n; i++)
        {
          pages[i] = i > 2 && rnd (&seed) % 2
            ? pages[i - 1 - rnd (&seed) % 3] : (long) (rnd (&seed) % npages);
          writes[i] = rnd (&seed) % 4 == 0;
        }
      compare (more[trial % ARRAY_SIZE (more)], nf, tick, pages, writes, n);
    }
}
END_TEST

/* A clone (the interface's step back) carries the counters and ticks. */
START_TEST (clone_carries_state)
{
  static const long s[] = { 1, 2, 1, 3, 1, 4, 2, 5, 1, 6, 2, 7, 3, 1 };
  for (size_t i = 0; i < ARRAY_SIZE (more); i++)
    {
      struct vm_config cfg;
      struct vm_event ev, ev2;
      const char *why;
      struct vm *a, *b;
      uint32_t pid;
      vm_config_default (&cfg);
      cfg.policy = more[i];
      cfg.frames = 3;
      cfg.tick = 2;
      a = vm_new (&cfg, &why);
      pid = vm_proc_new (a, "t");
      vm_map (a, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "all", &why);
      for (size_t k = 0; k < 7; k++)
        vm_access (a, pid, (uint64_t) s[k] << 12, VM_READ, VM_NEVER, &ev);
      b = vm_clone (a);
      for (size_t k = 7; k < ARRAY_SIZE (s); k++)
        {
          vm_access (a, pid, (uint64_t) s[k] << 12, VM_READ, VM_NEVER, &ev);
          vm_access (b, pid, (uint64_t) s[k] << 12, VM_READ, VM_NEVER, &ev2);
          ck_assert_int_eq (ev.evictions, ev2.evictions);
          if (ev.evictions)
            ck_assert_uint_eq (ev.victim_vpn, ev2.victim_vpn);
        }
      vm_free (a);
      vm_free (b);
    }
}
END_TEST

/* ws: the model keeps each resident page's last use; before access K
 * the pages with K - last use > tau leave, least recently used first;
 * a fault with every frame full evicts the least recently used.  The
 * engine must agree on every access's result, its eviction count and
 * its first victim. */
static unsigned
compare_ws (unsigned nf, unsigned tau, const long *pages, const bool *writes,
            size_t n)
{
  struct vm_config cfg;
  struct vm_event ev;
  const char *why;
  struct vm *vm;
  uint32_t pid;
  struct ws_model w;
  unsigned faults;

  vm_config_default (&cfg);
  cfg.policy = VM_POLICY_WS;
  cfg.frames = nf;
  cfg.tau = tau;
  vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  pid = vm_proc_new (vm, "t");
  ck_assert_int_eq (vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W
                            | VM_PERM_U, VM_NONE, 0, 0, "all", &why), 0);
  ws_init (&w, nf, tau);
  for (size_t k = 0; k < n; k++)
    {
      long first;
      bool hit;
      unsigned gone = ws_access (&w, k, pages[k], &first, &hit);
      uint32_t peek = vm_peek_victim (vm), full = vm_frames_used (vm);
      vm_access (vm, pid, (uint64_t) pages[k] << 12,
                 writes[k] ? VM_WRITE : VM_READ, VM_NEVER, &ev);
      /* memory full: the peek named the first page to go */
      ck_assert (full < nf || !ev.evictions || ev.victim_frame == peek);
      ck_assert (full < nf || peek != VM_NONE);
      ck_assert_msg ((ev.result == VM_HIT) == hit && ev.evictions == gone
                     && (!gone || (long) ev.victim_vpn == first),
                     "ws, %u frames, tau %u, access %zu (page %ld): engine "
                     "%s, %u evictions, first %ld; model %s, %u, %ld",
                     nf, tau, k, pages[k], vm_result_name (ev.result),
                     ev.evictions, ev.evictions ? (long) ev.victim_vpn : -1L,
                     hit ? "hit" : "fault", gone, first);
      /* the frames: the model's placement is the engine's */
      for (unsigned f = 0; f < nf; f++)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, f, &fi);
          ck_assert_int_eq (fi.used ? (long) fi.owner_vpn : -1L, w.page[f]);
        }
    }
  faults = w.faults;
  vm_free (vm);
  return faults;
}

START_TEST (ws_model)
{
  static const long silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,
                               2, 0, 1, 7, 0, 1 };
  static const long belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
  static const long ostep[] = { 0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1 };
  uint64_t seed = UINT64_C (0x5eed5eed12344321);
  long pages[80];
  bool w[80] = { false };

  ck_assert_str_eq (vm_policy_name (VM_POLICY_WS), "ws");
  ck_assert_int_eq (vm_policy_parse ("ws"), VM_POLICY_WS);
  ck_assert_int_eq (vm_policy_parse ("working-set"), VM_POLICY_WS);
  for (unsigned nf = 1; nf <= 8; nf++)
    for (unsigned tau = 0; tau <= 8; tau++)
      {
        compare_ws (nf, tau, silb, w, ARRAY_SIZE (silb));
        compare_ws (nf, tau, belady, w, ARRAY_SIZE (belady));
        compare_ws (nf, tau, ostep, w, ARRAY_SIZE (ostep));
      }
  for (unsigned trial = 0; trial < 3000; trial++)
    {
      size_t n = 1 + rnd (&seed) % 80;
      unsigned npages = 1 + (unsigned) (rnd (&seed) % 12);
      unsigned nf = 1 + (unsigned) (rnd (&seed) % 12);
      unsigned tau = (unsigned) (rnd (&seed) % 10);
      for (size_t i = 0; i < n; i++)
        {
          pages[i] = i > 2 && rnd (&seed) % 2
            ? pages[i - 1 - rnd (&seed) % 3] : (long) (rnd (&seed) % npages);
          w[i] = rnd (&seed) % 4 == 0;
        }
      compare_ws (nf, tau, pages, w, n);
    }
}
END_TEST

/* Denning's definition: with frames for every page, access K faults
 * exactly when its page was never used or last used more than tau
 * accesses before; on Silberschatz's string with tau 3 that is 13. */
START_TEST (ws_definition)
{
  static const long silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,
                               2, 0, 1, 7, 0, 1 };
  for (unsigned tau = 0; tau <= 12; tau++)
    {
      struct vm_config cfg;
      struct vm_event ev;
      const char *why;
      struct vm *vm;
      uint32_t pid;
      uint64_t want = 0;
      vm_config_default (&cfg);
      cfg.policy = VM_POLICY_WS;
      cfg.frames = 8;
      cfg.tau = tau;
      vm = vm_new (&cfg, &why);
      pid = vm_proc_new (vm, "t");
      vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "all", &why);
      for (size_t k = 0; k < ARRAY_SIZE (silb); k++)
        {
          size_t j = k;
          while (j-- > 0 && silb[j] != silb[k])
            ;
          want += j == (size_t) -1 || k - j > tau;
          vm_access (vm, pid, (uint64_t) silb[k] << 12, VM_READ, VM_NEVER,
                     &ev);
        }
      ck_assert_uint_eq (vm_stats (vm)->faults, want);
      if (tau == 3)
        ck_assert_uint_eq (want, 13);
      vm_free (vm);
    }
}
END_TEST

/* The library's scenarios/more-policies.yaml: every "faults" it expects
 * (which the engine meets: tests/scenarios.sh runs it) is also the
 * count of the reference model here, for the policy, frames, tick and
 * tau its machine has at that point.  The file is read as text: the
 * machine line and the reboots set those, each touch gives the string. */
START_TEST (library_scenario)
{
  const char *top = getenv ("top_srcdir");
  char *path, line[1024];
  FILE *fp;
  enum vm_policy pol = VM_POLICY_FIFO;
  unsigned nf = 0, tick = 4, tau = 8, checked = 0, got = 0;
  long pages[64];
  bool w[64] = { false };
  size_t n = 0;

  path = xasprintf ("%s/scenarios/more-policies.yaml", top ? top : ".");
  fp = fopen (path, "r");
  ck_assert_msg (fp != NULL, "cannot open %s", path);
  while (fgets (line, sizeof line, fp))
    {
      char *at, word[32];
      if (strncmp (line, "machine:", 8) == 0 || strstr (line, "- reboot:"))
        {
          if ((at = strstr (line, "policy: ")))
            {
              ck_assert_int_eq (sscanf (at + 8, "%31[a-z0-9-]", word), 1);
              ck_assert_int_ge (vm_policy_parse (word), 0);
              pol = (enum vm_policy) vm_policy_parse (word);
            }
          if ((at = strstr (line, "frames: ")))
            nf = (unsigned) atoi (at + 8);
          if ((at = strstr (line, "tick: ")))
            tick = (unsigned) atoi (at + 6);
          if ((at = strstr (line, "tau: ")))
            tau = (unsigned) atoi (at + 5);
          n = 0;
        }
      else if ((at = strstr (line, "pages: \"")))
        {
          for (at += 8; *at && *at != '"'; at++)
            if (*at >= '0' && *at <= '9')
              {
                ck_assert_uint_lt (n, ARRAY_SIZE (pages));
                pages[n++] = strtol (at, &at, 10);
                at--;
              }
        }
      else if ((at = strstr (line, "expect: { faults: ")))
        {
          unsigned want = (unsigned) atoi (at + 18);
          ck_assert_uint_le (nf, MAXF);
          if (pol == VM_POLICY_WS)
            got = compare_ws (nf, tau, pages, w, n);
          else
            {
              struct model m;
              memset (&m, 0, sizeof m);
              m.p = pol;
              m.nf = nf;
              m.tick = tick;
              m.tau = tau;
              for (size_t k = 0; k < n; k++)
                model_access (&m, k, pages[k], false);
              got = m.faults;
              compare (pol, nf, tick, pages, w, n);
            }
          ck_assert_msg (got == want, "%s, %u frames: the scenario expects "
                         "%u faults, the model counts %u",
                         vm_policy_name (pol), nf, want, got);
          checked++;
        }
    }
  fclose (fp);
  free (path);
  /* second-chance, lfu, nfu, aging, nru, 2q, wsclock, ws */
  ck_assert_uint_eq (checked, 8);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("policy-more");
  TCase *tc = tcase_create ("rules");
  SRunner *sr;
  int failed;

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, name_table);
  tcase_add_test (tc, textbook_strings);
  tcase_add_test (tc, second_chance_is_clock);
  tcase_add_test (tc, random_strings);
  tcase_add_test (tc, clone_carries_state);
  tcase_add_test (tc, ws_model);
  tcase_add_test (tc, ws_definition);
  tcase_add_test (tc, library_scenario);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
