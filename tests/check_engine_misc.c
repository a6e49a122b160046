/* check_engine_misc.c: configuration, address decomposition, names,
 * vm_future, the cost model, vm_clone and unpaged machines. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "check_engine.h"

/* ------------------------------------------------------------------ */
/* Configuration.                                                      */

START_TEST (test_config_default)
{
  struct vm_config cfg;
  const char *why = NULL;
  memset (&cfg, 0x5a, sizeof cfg);
  vm_config_default (&cfg);
  ck_assert_uint_eq (cfg.va_bits, 32);
  ck_assert_uint_eq (cfg.page_size, 4096);
  ck_assert_uint_eq (cfg.levels, 2);
  ck_assert_uint_eq (cfg.level_bits[0], 10);
  ck_assert_uint_eq (cfg.level_bits[1], 10);
  ck_assert_uint_eq (cfg.frames, 8);
  ck_assert_uint_eq (cfg.swap_slots, VM_NONE);
  ck_assert_uint_eq (cfg.tlb_entries, 0);
  ck_assert_int_eq (cfg.policy, VM_POLICY_FIFO);
  ck_assert (!cfg.local_scope);
  ck_assert (!cfg.unpaged);
  ck_assert (!cfg.page_tables_in_frames);
  ck_assert (!cfg.asid);
  ck_assert (vm_config_check (&cfg, &why));

  struct vm *vm = t_new (&cfg);
  ck_assert_uint_eq (vm_page_shift (vm), 12);
  ck_assert_uint_eq (vm_config (vm)->frames, 8);
  ck_assert_uint_eq (vm_step (vm), 0);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_uint_eq (vm_nprocs (vm), 0);
  ck_assert_uint_eq (vm_stats (vm)->accesses, 0);
  ck_assert (vm_eat_ns (vm) == 0.0);
  ck_assert_uint_eq (vm_tlb_size (vm), 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  vm_free (vm);
}
END_TEST

static void
check_levels (unsigned va_bits, uint64_t page_size, unsigned n,
              const unsigned *want)
{
  struct vm_config cfg;
  const char *why = NULL;
  vm_config_default (&cfg);
  cfg.va_bits = va_bits;
  cfg.page_size = page_size;
  vm_config_default_levels (&cfg);
  ck_assert_msg (cfg.levels == n, "va_bits %u page %llu: %u levels, want %u",
                 va_bits, (unsigned long long) page_size, cfg.levels, n);
  for (unsigned i = 0; i < n; i++)
    ck_assert_msg (cfg.level_bits[i] == want[i],
                   "va_bits %u page %llu: level %u has %u bits, want %u",
                   va_bits, (unsigned long long) page_size, i,
                   cfg.level_bits[i], want[i]);
  ck_assert_msg (vm_config_check (&cfg, &why), "default levels rejected: %s",
                 why ? why : "?");
}

START_TEST (test_config_default_levels)
{
  check_levels (32, 4096, 2, (const unsigned[]) { 10, 10 });
  check_levels (20, 4096, 1, (const unsigned[]) { 8 });
  check_levels (48, 4096, 4, (const unsigned[]) { 6, 10, 10, 10 });
  check_levels (42, 4096, 3, (const unsigned[]) { 10, 10, 10 });
  check_levels (23, 4096, 2, (const unsigned[]) { 1, 10 });
  check_levels (64, 4096, 6, (const unsigned[]) { 2, 10, 10, 10, 10, 10 });
  check_levels (16, 16, 2, (const unsigned[]) { 2, 10 });
  check_levels (32, 1 << 20, 2, (const unsigned[]) { 2, 10 });
}
END_TEST

/* Expect CFG to be rejected by vm_config_check and vm_new. */
static void
expect_bad (const struct vm_config *cfg, const char *what)
{
  const char *why = NULL;
  ck_assert_msg (!vm_config_check (cfg, &why), "%s: accepted", what);
  ck_assert_msg (why != NULL && *why, "%s: no reason given", what);
  why = NULL;
  struct vm *vm = vm_new (cfg, &why);
  ck_assert_msg (vm == NULL, "%s: vm_new accepted it", what);
  ck_assert_msg (why != NULL, "%s: vm_new gave no reason", what);
}

static void
expect_good (const struct vm_config *cfg, const char *what)
{
  const char *why = NULL;
  ck_assert_msg (vm_config_check (cfg, &why), "%s: rejected: %s", what,
                 why ? why : "?");
  struct vm *vm = vm_new (cfg, &why);
  ck_assert_msg (vm != NULL, "%s: vm_new rejected it", what);
  vm_free (vm);
}

START_TEST (test_config_check_rejects)
{
  struct vm_config c;

  vm_config_default (&c);
  c.level_bits[1] = 9; /* 19 != 20 */
  expect_bad (&c, "levels summing to 19");
  vm_config_default (&c);
  c.level_bits[0] = 11; /* 21 */
  expect_bad (&c, "levels summing to 21");

  vm_config_default (&c);
  c.page_size = 3000;
  expect_bad (&c, "page size 3000");
  vm_config_default (&c);
  c.page_size = 6144;
  expect_bad (&c, "page size 6144");
  vm_config_default (&c);
  c.page_size = 8; /* power of two, too small */
  c.va_bits = 28; /* 3 + 25 */
  c.levels = 3;
  c.level_bits[0] = 5;
  c.level_bits[1] = 10;
  c.level_bits[2] = 10;
  expect_bad (&c, "page size 8");
  vm_config_default (&c);
  c.page_size = 2 * GiB; /* 31 bits */
  c.va_bits = 41;
  c.levels = 1;
  c.level_bits[0] = 10;
  expect_bad (&c, "page size 2 GiB");
  vm_config_default (&c);
  c.page_size = 0;
  expect_bad (&c, "page size 0");

  vm_config_default (&c);
  c.va_bits = 7;
  c.page_size = 16;
  c.levels = 1;
  c.level_bits[0] = 3;
  expect_bad (&c, "va_bits 7");
  vm_config_default (&c);
  c.va_bits = 65;
  c.levels = 6;
  c.level_bits[0] = 3;
  for (int i = 1; i < 6; i++)
    c.level_bits[i] = 10;
  expect_bad (&c, "va_bits 65");

  vm_config_default (&c);
  c.levels = 0;
  expect_bad (&c, "0 levels");
  vm_config_default (&c);
  c.va_bits = 40; /* 28 bits in 7 levels of 4 */
  c.levels = 7;
  expect_bad (&c, "7 levels");

  vm_config_default (&c);
  c.tlb_entries = 4097;
  expect_bad (&c, "4097 TLB entries");
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.tlb_ways = 3;
  expect_bad (&c, "3 ways of 8 entries");
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.tlb_ways = 16;
  expect_bad (&c, "16 ways of 8 entries");

  vm_config_default (&c);
  c.frames = 0;
  expect_bad (&c, "0 frames");
}
END_TEST

START_TEST (test_config_check_accepts_edges)
{
  struct vm_config c;

  vm_config_default (&c);
  c.va_bits = 8;
  c.page_size = 16;
  c.levels = 1;
  c.level_bits[0] = 4;
  expect_good (&c, "va_bits 8, 16 B pages");

  vm_config_default (&c);
  c.page_size = GiB;
  c.va_bits = 32;
  c.levels = 1;
  c.level_bits[0] = 2;
  expect_good (&c, "1 GiB pages");

  vm_config_default (&c);
  c.va_bits = 64;
  c.levels = 6;
  c.level_bits[0] = 2;
  for (int i = 1; i < 6; i++)
    c.level_bits[i] = 10;
  expect_good (&c, "va_bits 64, 6 levels");

  vm_config_default (&c);
  c.va_bits = 48;
  c.levels = 4;
  for (int i = 0; i < 4; i++)
    c.level_bits[i] = 9;
  expect_good (&c, "48-bit 9,9,9,9");

  vm_config_default (&c);
  c.tlb_entries = 4096;
  expect_good (&c, "4096 TLB entries");
  c.tlb_ways = 4;
  expect_good (&c, "4096 entries, 4 ways");
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.tlb_ways = 8;
  expect_good (&c, "8 entries, 8 ways");
  c.tlb_ways = 1;
  expect_good (&c, "8 entries, direct mapped");

  vm_config_default (&c);
  c.frames = 1;
  c.swap_slots = 0;
  expect_good (&c, "1 frame, no swap");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Address decomposition.                                              */

START_TEST (test_decompose_default)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  vm_access (vm, pid, 0x00403004, VM_READ, VM_NEVER, &ev);
  ck_assert_uint_eq (ev.levels, 2);
  ck_assert_uint_eq (ev.index[0], 1);
  ck_assert_uint_eq (ev.index[1], 3);
  ck_assert_uint_eq (ev.offset, 4);
  ck_assert_uint_eq (ev.vpn, 0x403);
  ck_assert_uint_eq (ev.va, 0x00403004);
  ck_assert_uint_eq (ev.pa, ((uint64_t) ev.frame << 12) + 4);

  vm_access (vm, pid, 0xffffffff, VM_READ, VM_NEVER, &ev);
  ck_assert_uint_eq (ev.index[0], 1023);
  ck_assert_uint_eq (ev.index[1], 1023);
  ck_assert_uint_eq (ev.offset, 4095);
  ck_assert_uint_eq (ev.vpn, 0xfffff);
  vm_free (vm);
}
END_TEST

START_TEST (test_decompose_48)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.va_bits = 48;
  c.levels = 4;
  for (int i = 0; i < 4; i++)
    c.level_bits[i] = 9;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  vm_access (vm, pid, 0x7fff12345678ull, VM_WRITE, VM_NEVER, &ev);
  ck_assert_int_eq (ev.result, VM_MINOR);
  ck_assert_uint_eq (ev.levels, 4);
  ck_assert_uint_eq (ev.vpn, 0x7fff12345ull);
  ck_assert_uint_eq (ev.index[0], 0xff);
  ck_assert_uint_eq (ev.index[1], 0x1fc);
  ck_assert_uint_eq (ev.index[2], 0x91);
  ck_assert_uint_eq (ev.index[3], 0x145);
  ck_assert_uint_eq (ev.offset, 0x678);
  vm_free (vm);
}
END_TEST

START_TEST (test_decompose_odd)
{
  /* 16-bit space, 64 B pages, levels 4,3,3: va 0xabcd -> vpn 0x2af,
   * indices 10, 5, 7, offset 13. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.va_bits = 16;
  c.page_size = 64;
  c.levels = 3;
  c.level_bits[0] = 4;
  c.level_bits[1] = 3;
  c.level_bits[2] = 3;
  struct vm *vm = t_new (&c);
  ck_assert_uint_eq (vm_page_shift (vm), 6);
  uint32_t pid = t_refs_proc (vm, "refs");
  vm_access (vm, pid, 0xabcd, VM_READ, VM_NEVER, &ev);
  ck_assert_uint_eq (ev.levels, 3);
  ck_assert_uint_eq (ev.vpn, 0x2af);
  ck_assert_uint_eq (ev.index[0], 10);
  ck_assert_uint_eq (ev.index[1], 5);
  ck_assert_uint_eq (ev.index[2], 7);
  ck_assert_uint_eq (ev.offset, 13);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.pa, 13);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Names.                                                              */

START_TEST (test_names)
{
  static const char *const pol[] = { "fifo", "lru", "clock", "opt", "random" };
  for (int i = 0; i < 5; i++)
    {
      ck_assert_str_eq (vm_policy_name ((enum vm_policy) i), pol[i]);
      ck_assert_int_eq (vm_policy_parse (pol[i]), i);
    }
  for (int i = 0; i < VM_POLICY_COUNT; i++)
    ck_assert_int_eq (vm_policy_parse (vm_policy_name ((enum vm_policy) i)), i);
  ck_assert_int_eq (vm_policy_parse ("nope"), -1);
  ck_assert_int_eq (vm_policy_parse (""), -1);

  static const char *const tlb[] = { "lru", "fifo", "random" };
  for (int i = 0; i < 3; i++)
    {
      ck_assert_str_eq (vm_tlb_policy_name ((enum vm_tlb_policy) i), tlb[i]);
      ck_assert_int_eq (vm_tlb_policy_parse (tlb[i]), i);
    }
  ck_assert_int_eq (vm_tlb_policy_parse ("opt"), -1);

  static const char *const res[] = { "hit", "minor", "major", "cow", "segv",
                                     "oom" };
  for (int i = 0; i < VM_RESULT_COUNT; i++)
    ck_assert_str_eq (vm_result_name ((enum vm_result) i), res[i]);
  for (int i = VM_SEGV_UNMAPPED; i <= VM_SEGV_DEAD; i++)
    {
      ck_assert_ptr_nonnull (vm_segv_name ((enum vm_segv) i));
      ck_assert_int_gt ((int) strlen (vm_segv_name ((enum vm_segv) i)), 0);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* vm_future.                                                          */

START_TEST (test_future_basic)
{
  /* Keys a,b,a,c,b: next uses 2, 4, never, never, never. */
  struct vm_future *f = vm_future_new ();
  ck_assert_ptr_nonnull (f);
  ck_assert_uint_eq (vm_future_len (f), 0);
  vm_future_push (f, 0, 10);
  vm_future_push (f, 0, 20);
  vm_future_push (f, 0, 10);
  vm_future_push (f, 0, 30);
  vm_future_push (f, 0, 20);
  ck_assert_uint_eq (vm_future_len (f), 5);
  ck_assert_uint_eq (vm_future_next (f, 0), 2);
  ck_assert_uint_eq (vm_future_next (f, 1), 4);
  ck_assert_uint_eq (vm_future_next (f, 2), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 3), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 4), VM_NEVER);
  vm_future_free (f);
}
END_TEST

START_TEST (test_future_pid_key)
{
  /* The key is (pid, vpn): the same vpn in two processes is two pages. */
  struct vm_future *f = vm_future_new ();
  vm_future_push (f, 0, 5);
  vm_future_push (f, 1, 5);
  vm_future_push (f, 0, 5);
  vm_future_push (f, 1, 6);
  vm_future_push (f, 1, 5);
  ck_assert_uint_eq (vm_future_next (f, 0), 2);
  ck_assert_uint_eq (vm_future_next (f, 1), 4);
  ck_assert_uint_eq (vm_future_next (f, 2), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 3), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 4), VM_NEVER);
  vm_future_free (f);
}
END_TEST

START_TEST (test_future_many)
{
  /* 100000 accesses cycling over 1000 pages: next use is i + 1000. */
  struct vm_future *f = vm_future_new ();
  for (uint64_t i = 0; i < 100000; i++)
    vm_future_push (f, 0, (i % 1000) << 20);
  ck_assert_uint_eq (vm_future_len (f), 100000);
  for (uint64_t i = 0; i < 100000; i += 37)
    ck_assert_uint_eq (vm_future_next (f, i),
                       i + 1000 < 100000 ? i + 1000 : VM_NEVER);
  vm_future_free (f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Cost model.                                                         */

static void
set_costs (struct vm_config *c)
{
  c->costs.tlb_ns = 1;
  c->costs.mem_ns = 100;
  c->costs.minor_fault_ns = 1000;
  c->costs.major_fault_ns = 100000;
}

START_TEST (test_cost_no_tlb)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 1;
  set_costs (&c);
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  uint64_t total = 0;

  /* First touch: the walk may stop early (tables created on demand). */
  t_acc (vm, pid, 0, VM_WRITE, &ev);
  ck_assert_int_eq (ev.result, VM_MINOR);
  ck_assert_uint_ge (ev.walk_len, 1);
  ck_assert_uint_le (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, ev.walk_len * 100 + 100 + 1000);
  total += ev.cost_ns;
  /* Hit: two walk levels + data. */
  t_acc (vm, pid, 0, VM_READ, &ev);
  ck_assert_int_eq (ev.result, VM_HIT);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, 300);
  total += ev.cost_ns;
  /* Page 1 shares the leaf table: minor, full walk; evicts dirty 0. */
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert_int_eq (ev.result, VM_MINOR);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, 1300);
  total += ev.cost_ns;
  /* Page 0 back from swap: major. */
  t_acc (vm, pid, 0, VM_READ, &ev);
  ck_assert_int_eq (ev.result, VM_MAJOR);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, 100300);
  total += ev.cost_ns;

  ck_assert_uint_eq (vm_stats (vm)->total_cost_ns, total);
  ck_assert_double_eq_tol (vm_eat_ns (vm), (double) total / 4, 1e-6);
  vm_free (vm);
}
END_TEST

START_TEST (test_cost_tlb)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 4;
  set_costs (&c);
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  uint64_t total = 0;

  t_acc (vm, pid, 0, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.cost_ns, 1 + ev.walk_len * 100 + 100 + 1000);
  total += ev.cost_ns;
  t_acc (vm, pid, 0, VM_READ, &ev); /* TLB hit: lookup + data */
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_uint_eq (ev.walk_len, 0);
  ck_assert_uint_eq (ev.cost_ns, 101);
  total += ev.cost_ns;
  t_acc (vm, pid, 1, VM_READ, &ev); /* miss, full walk, minor */
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, 1301);
  total += ev.cost_ns;
  t_acc (vm, pid, 1, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.cost_ns, 101);
  total += ev.cost_ns;

  ck_assert_uint_eq (vm_stats (vm)->total_cost_ns, total);
  ck_assert_double_eq_tol (vm_eat_ns (vm), (double) total / 4, 1e-6);
  vm_free (vm);
}
END_TEST

START_TEST (test_cost_cow)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  set_costs (&c);
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  vm_switch (vm, a);
  t_acc (vm, a, 0x10, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_uint_ne (b, VM_NONE);
  vm_switch (vm, b);
  t_acc (vm, b, 0x10, VM_WRITE, &ev);
  ck_assert_int_eq (ev.result, VM_COW);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.cost_ns, 200 + 100 + 1000);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* vm_clone.                                                           */

static void
same_event (const struct vm_event *x, const struct vm_event *y, size_t i)
{
  ck_assert_msg (x->result == y->result, "clone step %zu: result %d vs %d",
                 i, x->result, y->result);
  ck_assert_uint_eq (x->step, y->step);
  ck_assert_uint_eq (x->frame, y->frame);
  ck_assert_uint_eq (x->pa, y->pa);
  ck_assert_int_eq (x->tlb, y->tlb);
  ck_assert_int_eq (x->tlb_slot, y->tlb_slot);
  ck_assert_int_eq (x->evicted, y->evicted);
  if (x->evicted)
    {
      ck_assert_uint_eq (x->victim_vpn, y->victim_vpn);
      ck_assert_uint_eq (x->victim_frame, y->victim_frame);
      ck_assert_int_eq (x->victim_dirty, y->victim_dirty);
      ck_assert_uint_eq (x->victim_swap_slot, y->victim_swap_slot);
    }
  ck_assert_uint_eq (x->swap_in_slot, y->swap_in_slot);
  ck_assert_uint_eq (x->cost_ns, y->cost_ns);
}

static void
clone_check (enum vm_policy policy)
{
  static const uint64_t refs[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3,
                                   0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };
  static const char ops[] = "wrwrrwrrwrwrrwrrwrrw";
  struct vm_event e1[10], e2[10];
  struct vm_config c;
  vm_config_default (&c);
  c.policy = policy;
  c.frames = 3;
  c.tlb_entries = 2;
  c.seed = 99;
  set_costs (&c);
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_ops (vm, pid, refs, ops, 10, NULL);
  struct vm *cl = vm_clone (vm);
  ck_assert_ptr_nonnull (cl);
  ck_assert_uint_eq (vm_step (cl), 10);
  ck_assert_uint_eq (vm_clock_hand (cl), vm_clock_hand (vm));
  t_run_ops (vm, pid, refs + 10, ops + 10, 10, e1);
  t_run_ops (cl, pid, refs + 10, ops + 10, 10, e2);
  for (size_t i = 0; i < 10; i++)
    same_event (&e1[i], &e2[i], i + 10);
  ck_assert_int_eq (memcmp (vm_stats (vm), vm_stats (cl),
                            sizeof (struct vm_stats)), 0);

  /* Changing the clone leaves the original alone. */
  struct vm_stats before = *vm_stats (vm);
  uint32_t used = vm_frames_used (vm);
  uint32_t swapped = vm_swap_slots_used (vm);
  t_run_ops (cl, pid, refs, ops, 20, NULL);
  vm_exit (cl, pid);
  ck_assert_uint_eq (vm_frames_used (cl), 0);
  ck_assert_int_eq (memcmp (&before, vm_stats (vm), sizeof before), 0);
  ck_assert_uint_eq (vm_frames_used (vm), used);
  ck_assert_uint_eq (vm_swap_slots_used (vm), swapped);
  ck_assert_uint_eq (vm_step (vm), 20);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, pid, &pi));
  ck_assert (pi.alive);
  vm_free (cl);
  /* The original still works after the clone is freed. */
  struct vm_event ev;
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert_int_eq (ev.result, VM_HIT);
  vm_free (vm);
}

START_TEST (test_clone_lru)
{
  clone_check (VM_POLICY_LRU);
}
END_TEST

START_TEST (test_clone_clock)
{
  clone_check (VM_POLICY_CLOCK);
}
END_TEST

START_TEST (test_clone_random)
{
  clone_check (VM_POLICY_RANDOM);
}
END_TEST

START_TEST (test_clone_fork)
{
  /* A clone of a machine with forked, COW-shared pages. */
  struct vm_event ev, ev2;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0, 4, RW);
  vm_switch (vm, a);
  t_acc (vm, a, 0, VM_WRITE, &ev);
  t_acc (vm, a, 1, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  struct vm *cl = vm_clone (vm);
  ck_assert_uint_eq (vm_nprocs (cl), 2);
  ck_assert_uint_eq (vm_proc_find (cl, "b"), b);
  vm_switch (cl, b);
  t_acc (cl, b, 0, VM_WRITE, &ev);
  ck_assert_int_eq (ev.result, VM_COW);
  ck_assert (ev.cow_copy);
  /* The original's page is still shared. */
  struct vm_page_info pi;
  vm_page_info (vm, b, 0, &pi);
  ck_assert (pi.shared);
  ck_assert (pi.bits & VM_PTE_COW);
  vm_switch (vm, b);
  t_acc (vm, b, 0, VM_WRITE, &ev2);
  ck_assert_int_eq (ev2.result, VM_COW);
  ck_assert (ev2.cow_copy);
  ck_assert_uint_eq (ev2.frame, ev.frame);
  vm_free (vm);
  vm_free (cl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Unpaged machines.                                                   */

START_TEST (test_unpaged)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.unpaged = true;
  c.frames = 64; /* 256 KiB of physical memory */
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  vm_proc_set_base (vm, a, 0x10000, 0x8000);
  vm_proc_set_base (vm, b, 0x18000, 0x8000);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.base, 0x10000);
  ck_assert_uint_eq (pi.limit, 0x8000);

  vm_switch (vm, a);
  ck_assert_int_eq (vm_access (vm, a, 0x100, VM_READ, VM_NEVER, &ev), VM_HIT);
  ck_assert_uint_eq (ev.pa, 0x10100);
  ck_assert_uint_eq (ev.phys_owner, a);
  /* A writes past its limit: lands in B's memory. */
  ck_assert_int_eq (vm_access (vm, a, 0x8010, VM_WRITE, VM_NEVER, &ev),
                    VM_HIT);
  ck_assert_uint_eq (ev.pa, 0x18010);
  ck_assert_uint_eq (ev.phys_owner, b);
  /* Past everybody's memory. */
  ck_assert_int_eq (vm_access (vm, a, 0x20000, VM_READ, VM_NEVER, &ev),
                    VM_HIT);
  ck_assert_uint_eq (ev.pa, 0x30000);
  ck_assert_uint_eq (ev.phys_owner, VM_NONE);
  vm_switch (vm, b);
  ck_assert_int_eq (vm_access (vm, b, 0, VM_EXEC, VM_NEVER, &ev), VM_HIT);
  ck_assert_uint_eq (ev.pa, 0x18000);
  ck_assert_uint_eq (ev.phys_owner, b);
  ck_assert_int_eq (vm_access (vm, b, 0x7fff, VM_READ, VM_NEVER, &ev),
                    VM_HIT);
  ck_assert_uint_eq (ev.pa, 0x1ffff);
  ck_assert_uint_eq (ev.phys_owner, b);

  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->accesses, 5);
  ck_assert_uint_eq (st->hits, 5);
  ck_assert_uint_eq (st->faults, 0);
  ck_assert_uint_eq (st->segfaults, 0);
  vm_free (vm);
}
END_TEST

Suite *
engine_config_suite (void)
{
  Suite *s = suite_create ("engine-config");
  TCase *tc = tcase_create ("config");
  tcase_add_test (tc, test_config_default);
  tcase_add_test (tc, test_config_default_levels);
  tcase_add_test (tc, test_config_check_rejects);
  tcase_add_test (tc, test_config_check_accepts_edges);
  suite_add_tcase (s, tc);
  tc = tcase_create ("decompose");
  tcase_add_test (tc, test_decompose_default);
  tcase_add_test (tc, test_decompose_48);
  tcase_add_test (tc, test_decompose_odd);
  tcase_add_test (tc, test_names);
  suite_add_tcase (s, tc);
  return s;
}

Suite *
engine_misc_suite (void)
{
  Suite *s = suite_create ("engine-misc");
  TCase *tc = tcase_create ("future");
  tcase_add_test (tc, test_future_basic);
  tcase_add_test (tc, test_future_pid_key);
  tcase_add_test (tc, test_future_many);
  suite_add_tcase (s, tc);
  tc = tcase_create ("cost");
  tcase_add_test (tc, test_cost_no_tlb);
  tcase_add_test (tc, test_cost_tlb);
  tcase_add_test (tc, test_cost_cow);
  suite_add_tcase (s, tc);
  tc = tcase_create ("clone");
  tcase_add_test (tc, test_clone_lru);
  tcase_add_test (tc, test_clone_clock);
  tcase_add_test (tc, test_clone_random);
  tcase_add_test (tc, test_clone_fork);
  suite_add_tcase (s, tc);
  tc = tcase_create ("unpaged");
  tcase_add_test (tc, test_unpaged);
  suite_add_tcase (s, tc);
  return s;
}
