/* check_sweep.c: unit tests of --sweep's one-pass curves (src/out/):
 * sweep_lru and sweep_opt must give, at every frame count, the faults of
 * a separate engine run, on the textbook strings and on thousands of
 * random strings; sweep_compute must agree with the engine for the
 * policies it runs one size at a time. */
#include "system.h"

#include <check.h>

#include "out/out.h"
#include "out/sweep.h"

/* Faults of the engine running POLICY with FRAMES frames over the pages
 * REFS[0..N) (read accesses of one process). */
static uint64_t
engine_run (enum vm_policy policy, uint32_t frames, const uint32_t *refs,
            size_t n)
{
  struct vm_config cfg;
  struct vm_future *f = NULL;
  struct vm_event ev;
  const char *why;
  struct vm *vm;
  uint32_t pid;
  uint64_t faults;

  vm_config_default (&cfg);
  cfg.policy = policy;
  cfg.frames = frames;
  vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  pid = vm_proc_new (vm, "t");
  ck_assert_int_eq (vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W
                            | VM_PERM_U, VM_NONE, 0, 0, "all", &why), 0);
  if (policy == VM_POLICY_OPT)
    {
      f = vm_future_new ();
      for (size_t i = 0; i < n; i++)
        vm_future_push (f, pid, refs[i]);
    }
  for (size_t i = 0; i < n; i++)
    vm_access (vm, pid, (uint64_t) refs[i] << 12, VM_READ,
               f ? vm_future_next (f, i) : VM_NEVER, &ev);
  faults = vm_stats (vm)->faults;
  vm_future_free (f);
  vm_free (vm);
  return faults;
}

/* Dense ids of REFS (pages below 64) into ID; the number of ids. */
static uint32_t
densify (const uint32_t *refs, size_t n, uint32_t *id)
{
  int32_t map[64];
  uint32_t nids = 0;
  for (unsigned k = 0; k < 64; k++)
    map[k] = -1;
  for (size_t i = 0; i < n; i++)
    {
      if (map[refs[i]] < 0)
        map[refs[i]] = (int32_t) nids++;
      id[i] = (uint32_t) map[refs[i]];
    }
  return nids;
}

/* Check both curves of REFS over MIN..MAX against separate runs. */
static void
check_curves (const uint32_t *refs, size_t n, uint32_t min, uint32_t max)
{
  uint32_t id[256];
  uint64_t lru[64], opt[64];
  uint32_t nids;

  ck_assert (n <= 256 && max - min < 64);
  nids = densify (refs, n, id);
  sweep_lru (id, n, nids, min, max, lru);
  sweep_opt (id, n, nids, min, max, opt);
  for (uint32_t c = min; c <= max; c++)
    {
      uint64_t want_lru = engine_run (VM_POLICY_LRU, c, refs, n);
      uint64_t want_opt = engine_run (VM_POLICY_OPT, c, refs, n);
      ck_assert_msg (lru[c - min] == want_lru,
                     "lru, %u frames, %zu refs: sweep %llu, engine %llu", c,
                     n, (unsigned long long) lru[c - min],
                     (unsigned long long) want_lru);
      ck_assert_msg (opt[c - min] == want_opt,
                     "opt, %u frames, %zu refs: sweep %llu, engine %llu", c,
                     n, (unsigned long long) opt[c - min],
                     (unsigned long long) want_opt);
    }
}

static const uint32_t belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
static const uint32_t silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,
                                 2, 0, 1, 7, 0, 1 };
static const uint32_t ostep[] = { 0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1 };

START_TEST (textbook_strings)
{
  uint32_t id[32];
  uint64_t f[8];

  check_curves (belady, ARRAY_SIZE (belady), 1, 7);
  check_curves (silb, ARRAY_SIZE (silb), 1, 9);
  check_curves (ostep, ARRAY_SIZE (ostep), 1, 5);
  /* The textbook figures themselves. */
  ck_assert_uint_eq (densify (silb, ARRAY_SIZE (silb), id), 6);
  sweep_lru (id, ARRAY_SIZE (silb), 6, 3, 4, f);
  ck_assert_uint_eq (f[0], 12);
  ck_assert_uint_eq (f[1], 8);
  sweep_opt (id, ARRAY_SIZE (silb), 6, 3, 4, f);
  ck_assert_uint_eq (f[0], 9);
  ck_assert_uint_eq (f[1], 8);
  densify (ostep, ARRAY_SIZE (ostep), id);
  sweep_opt (id, ARRAY_SIZE (ostep), 4, 3, 3, f);
  ck_assert_uint_eq (f[0], 5);
}
END_TEST

/* A small deterministic generator (xorshift64*). */
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
  uint64_t seed = UINT64_C (0x9e3779b97f4a7c15);
  uint32_t refs[256];

  for (unsigned trial = 0; trial < 3000; trial++)
    {
      size_t n = 1 + rnd (&seed) % 60;
      unsigned pages = 1 + (unsigned) (rnd (&seed) % 12);
      uint32_t min = 1 + (uint32_t) (rnd (&seed) % 3);
      uint32_t max = min + (uint32_t) (rnd (&seed) % 12);
      for (size_t i = 0; i < n; i++)
        /* Some locality: half the time repeat a recent page. */
        refs[i] = i > 2 && rnd (&seed) % 2
          ? refs[i - 1 - rnd (&seed) % 3] : (uint32_t) (rnd (&seed) % pages);
      check_curves (refs, n, min, max);
    }
}
END_TEST

/* A longer string with more pages than the largest size asked: the
 * truncated OPT stack must still be exact. */
START_TEST (long_string)
{
  uint64_t seed = 42;
  uint32_t refs[256];
  for (size_t i = 0; i < 256; i++)
    refs[i] = (uint32_t) (rnd (&seed) % 40);
  check_curves (refs, 256, 1, 30);
  check_curves (refs, 256, 5, 9);
}
END_TEST

/* Long strings over few pages: sweep_lru's tree (room for about twice
 * the pages) is compacted several times over. */
START_TEST (long_few_pages)
{
  uint64_t seed = 7;
  uint32_t refs[256];
  for (unsigned trial = 0; trial < 40; trial++)
    {
      unsigned pages = 1 + trial % 10;
      for (size_t i = 0; i < 256; i++)
        refs[i] = i > 2 && rnd (&seed) % 3 == 0
          ? refs[i - 1 - rnd (&seed) % 3] : (uint32_t) (rnd (&seed) % pages);
      check_curves (refs, 256, 1, pages + 2);
    }
}
END_TEST

/* sweep_compute: every policy of the default list at every size equals
 * a separate engine run. */
START_TEST (compute_all_policies)
{
  struct sweep s;
  struct vm_config cfg;
  const enum vm_policy pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
                                  VM_POLICY_CLOCK, VM_POLICY_OPT };

  memset (&s, 0, sizeof s);
  s.min = 1;
  s.max = 8;
  s.npolicies = ARRAY_SIZE (pols);
  memcpy (s.policy, pols, sizeof pols);
  s.n = ARRAY_SIZE (silb);
  s.id = malloc (s.n * sizeof *s.id);
  s.op = malloc (s.n);
  s.vpn = malloc (16 * sizeof *s.vpn);
  s.nids = densify (silb, s.n, s.id);
  for (size_t i = 0; i < s.n; i++)
    {
      s.op[i] = VM_READ;
      s.vpn[s.id[i]] = silb[i];
    }
  vm_config_default (&cfg);
  sweep_compute (&s, &cfg);
  for (unsigned p = 0; p < s.npolicies; p++)
    for (uint32_t c = s.min; c <= s.max; c++)
      ck_assert_uint_eq (s.faults[p][c - s.min],
                         engine_run (pols[p], c, silb, s.n));
  /* Belady's anomaly: FIFO with 4 frames faults more than with 3. */
  ck_assert_uint_eq (s.faults[0][2], 15);
  sweep_free (&s);
}
END_TEST

/* sweep_compute with every policy at once (each but lru and opt run
 * once per size over the shared parsed string), with a tick and a window
 * that are not the defaults: the same faults as separate engine runs of
 * the same machine. */
START_TEST (compute_every_policy)
{
  struct sweep s;
  struct vm_config cfg;

  memset (&s, 0, sizeof s);
  s.min = 1;
  s.max = 9;
  s.npolicies = VM_POLICY_COUNT;
  for (int p = 0; p < VM_POLICY_COUNT; p++)
    s.policy[p] = (enum vm_policy) p;
  s.n = ARRAY_SIZE (silb);
  s.id = malloc (s.n * sizeof *s.id);
  s.op = malloc (s.n);
  s.vpn = malloc (16 * sizeof *s.vpn);
  s.nids = densify (silb, s.n, s.id);
  for (size_t i = 0; i < s.n; i++)
    {
      s.op[i] = i % 3 == 0 ? VM_WRITE : VM_READ;
      s.vpn[s.id[i]] = silb[i];
    }
  vm_config_default (&cfg);
  cfg.tick = 3;
  cfg.tau = 5;
  sweep_compute (&s, &cfg);
  for (unsigned p = 0; p < s.npolicies; p++)
    for (uint32_t c = s.min; c <= s.max; c++)
      {
        struct vm_config one = cfg;
        struct vm_future *f = NULL;
        struct vm_event ev;
        const char *why;
        struct vm *vm;
        uint32_t pid;
        one.policy = s.policy[p];
        one.frames = c;
        vm = vm_new (&one, &why);
        ck_assert_ptr_nonnull (vm);
        pid = vm_proc_new (vm, "t");
        ck_assert_int_eq (vm_map (vm, pid, 0, 1u << 20, VM_PERM_R
                                  | VM_PERM_W | VM_PERM_U, VM_NONE, 0, 0,
                                  "all", &why), 0);
        if (one.policy == VM_POLICY_OPT)
          {
            f = vm_future_new ();
            for (size_t i = 0; i < s.n; i++)
              vm_future_push (f, pid, silb[i]);
          }
        for (size_t i = 0; i < s.n; i++)
          vm_access (vm, pid, (uint64_t) silb[i] << 12,
                     (enum vm_op) s.op[i],
                     f ? vm_future_next (f, i) : VM_NEVER, &ev);
        ck_assert_msg (s.faults[p][c - s.min] == vm_stats (vm)->faults,
                       "%s at %u frames: sweep %llu, run %llu",
                       vm_policy_name (one.policy), c,
                       (unsigned long long) s.faults[p][c - s.min],
                       (unsigned long long) vm_stats (vm)->faults);
        vm_future_free (f);
        vm_free (vm);
      }
  sweep_free (&s);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sweep");
  TCase *tc = tcase_create ("curves");
  SRunner *sr;
  int failed;

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, textbook_strings);
  tcase_add_test (tc, random_strings);
  tcase_add_test (tc, long_string);
  tcase_add_test (tc, long_few_pages);
  tcase_add_test (tc, compute_all_policies);
  tcase_add_test (tc, compute_every_policy);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
