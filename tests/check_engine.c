/* check_engine.c: Check tests of the paging engine: helpers, main, and the
 * replacement policies on the textbook reference strings.
 *
 * Every expected number below was derived by hand from DESIGN.md's rules
 * (frames: lowest free first; fifo/lru/opt/clock as written there). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_engine.h"

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */

struct vm *
t_new (const struct vm_config *cfg)
{
  const char *why = NULL;
  struct vm *vm = vm_new (cfg, &why);
  ck_assert_msg (vm != NULL, "vm_new rejected a valid config: %s",
                 why ? why : "(no reason)");
  return vm;
}

struct vm *
t_new_policy (enum vm_policy policy, uint32_t frames)
{
  struct vm_config cfg;
  vm_config_default (&cfg);
  cfg.policy = policy;
  cfg.frames = frames;
  return t_new (&cfg);
}

uint32_t
t_refs_proc (struct vm *vm, const char *name)
{
  const struct vm_config *cfg = vm_config (vm);
  unsigned shift = vm_page_shift (vm);
  const char *why = NULL;
  uint32_t pid = vm_proc_new (vm, name);
  ck_assert_uint_ne (pid, VM_NONE);
  uint64_t pages = 1ull << (cfg->va_bits - shift);
  int rc = vm_map (vm, pid, 0, pages, RWX, VM_NONE, 0, 0, "all", &why);
  ck_assert_msg (rc == 0, "vm_map of the whole space failed: %s",
                 why ? why : "(no reason)");
  return pid;
}

void
t_map (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
       unsigned perm)
{
  t_map_at (vm, pid, start, pages, perm, VM_NONE, 0, 0);
}

void
t_map_at (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
          unsigned perm, uint32_t object, uint64_t object_page,
          unsigned huge_level)
{
  const char *why = NULL;
  int rc = vm_map (vm, pid, start, pages, perm, object, object_page,
                   huge_level, "region", &why);
  ck_assert_msg (rc == 0, "vm_map(%llu, %llu) failed: %s",
                 (unsigned long long) start, (unsigned long long) pages,
                 why ? why : "(no reason)");
}

static bool
is_fault (enum vm_result r)
{
  return r == VM_MINOR || r == VM_MAJOR || r == VM_COW;
}

unsigned
t_run_ops (struct vm *vm, uint32_t pid, const uint64_t *refs,
           const char *ops, size_t n, struct vm_event *evs)
{
  struct vm_future *fut = NULL;
  uint64_t base = vm_step (vm);
  unsigned shift = vm_page_shift (vm);
  unsigned faults = 0;

  if (vm_config (vm)->policy == VM_POLICY_OPT)
    {
      fut = vm_future_new ();
      ck_assert_ptr_nonnull (fut);
      for (size_t i = 0; i < n; i++)
        vm_future_push (fut, pid, refs[i]);
      ck_assert_uint_eq (vm_future_len (fut), n);
    }
  for (size_t i = 0; i < n; i++)
    {
      struct vm_event ev;
      uint64_t next = VM_NEVER;
      if (fut)
        {
          next = vm_future_next (fut, i);
          if (next != VM_NEVER)
            next += base;
        }
      enum vm_op op = ops ? (enum vm_op) ops[i] : VM_READ;
      memset (&ev, 0xa5, sizeof ev);
      enum vm_result r = vm_access (vm, pid, refs[i] << shift, op, next, &ev);
      ck_assert_int_eq (r, ev.result);
      if (is_fault (r))
        faults++;
      if (evs)
        evs[i] = ev;
    }
  if (fut)
    vm_future_free (fut);
  return faults;
}

unsigned
t_run_refs (struct vm *vm, uint32_t pid, const uint64_t *refs, size_t n,
            struct vm_event *evs)
{
  return t_run_ops (vm, pid, refs, NULL, n, evs);
}

enum vm_result
t_acc (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
       struct vm_event *ev)
{
  memset (ev, 0xa5, sizeof *ev);
  enum vm_result r = vm_access (vm, pid, vpn << vm_page_shift (vm), op,
                                VM_NEVER, ev);
  ck_assert_int_eq (r, ev->result);
  return r;
}

enum vm_result
t_as (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
      struct vm_event *ev)
{
  if (vm_current (vm) != pid)
    vm_switch (vm, pid);
  return t_acc (vm, pid, vpn, op, ev);
}

unsigned
t_faults (enum vm_policy policy, uint32_t frames, const uint64_t *refs,
          size_t n)
{
  struct vm *vm = t_new_policy (policy, frames);
  uint32_t pid = t_refs_proc (vm, "refs");
  unsigned f = t_run_refs (vm, pid, refs, n, NULL);
  const struct vm_stats *st = vm_stats (vm);
  /* The counters agree with the events. */
  ck_assert_uint_eq (st->accesses, n);
  ck_assert_uint_eq (st->faults, f);
  ck_assert_uint_eq (st->faults,
                     st->minor_faults + st->major_faults + st->cow_faults);
  ck_assert_uint_eq (st->hits, n - f);
  ck_assert_uint_eq (st->segfaults, 0);
  vm_free (vm);
  return f;
}

/* ------------------------------------------------------------------ */
/* The reference strings.                                              */

static const uint64_t belady[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };
static const uint64_t silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3,
                                 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };
static const uint64_t ostep[] = { 0, 1, 2, 0, 1, 3, 0, 3, 1, 2, 1 };

/* Check the events of a Silberschatz run against the hand-derived frames
 * per step and victims in order. */
static void
check_run (const struct vm_event *evs, size_t n, const uint32_t *frames,
           const uint64_t *victims, size_t nvictims, const char *what)
{
  size_t v = 0;
  for (size_t i = 0; i < n; i++)
    {
      ck_assert_msg (evs[i].step == i, "%s: step %zu has ev.step %llu",
                     what, i, (unsigned long long) evs[i].step);
      ck_assert_msg (evs[i].frame == frames[i],
                     "%s: step %zu (page %llu): frame %u, expected %u", what,
                     i, (unsigned long long) evs[i].vpn, evs[i].frame,
                     frames[i]);
      ck_assert_uint_eq (evs[i].pa, (uint64_t) frames[i] << 12);
      if (evs[i].evicted)
        {
          ck_assert_msg (v < nvictims, "%s: step %zu: extra eviction of %llu",
                         what, i, (unsigned long long) evs[i].victim_vpn);
          ck_assert_msg (evs[i].victim_vpn == victims[v],
                         "%s: step %zu: victim %llu, expected %llu", what, i,
                         (unsigned long long) evs[i].victim_vpn,
                         (unsigned long long) victims[v]);
          ck_assert_uint_eq (evs[i].victim_frame, frames[i]);
          ck_assert_uint_eq (evs[i].victim_pid, evs[i].pid);
          ck_assert (!evs[i].victim_dirty);
          ck_assert_uint_eq (evs[i].victim_swap_slot, VM_NONE);
          v++;
        }
      else
        ck_assert_uint_eq (evs[i].victim_pid, VM_NONE);
    }
  ck_assert_msg (v == nvictims, "%s: %zu evictions, expected %zu", what, v,
                 nvictims);
}

/* ------------------------------------------------------------------ */
/* Fault counts.                                                       */

START_TEST (test_belady_fifo)
{
  ck_assert_uint_eq (t_faults (VM_POLICY_FIFO, 3, belady, NELEM (belady)), 9);
  ck_assert_uint_eq (t_faults (VM_POLICY_FIFO, 4, belady, NELEM (belady)), 10);
}
END_TEST

START_TEST (test_silb_counts_3)
{
  ck_assert_uint_eq (t_faults (VM_POLICY_FIFO, 3, silb, NELEM (silb)), 15);
  ck_assert_uint_eq (t_faults (VM_POLICY_LRU, 3, silb, NELEM (silb)), 12);
  ck_assert_uint_eq (t_faults (VM_POLICY_OPT, 3, silb, NELEM (silb)), 9);
  ck_assert_uint_eq (t_faults (VM_POLICY_CLOCK, 3, silb, NELEM (silb)), 14);
}
END_TEST

START_TEST (test_silb_counts_4)
{
  ck_assert_uint_eq (t_faults (VM_POLICY_FIFO, 4, silb, NELEM (silb)), 10);
  ck_assert_uint_eq (t_faults (VM_POLICY_LRU, 4, silb, NELEM (silb)), 8);
  ck_assert_uint_eq (t_faults (VM_POLICY_OPT, 4, silb, NELEM (silb)), 8);
  ck_assert_uint_eq (t_faults (VM_POLICY_CLOCK, 4, silb, NELEM (silb)), 9);
}
END_TEST

START_TEST (test_ostep_counts)
{
  ck_assert_uint_eq (t_faults (VM_POLICY_FIFO, 3, ostep, NELEM (ostep)), 7);
  ck_assert_uint_eq (t_faults (VM_POLICY_LRU, 3, ostep, NELEM (ostep)), 5);
  ck_assert_uint_eq (t_faults (VM_POLICY_OPT, 3, ostep, NELEM (ostep)), 5);
}
END_TEST

START_TEST (test_belady_other)
{
  /* Belady's string with lru and opt (hand-derived): 3 frames lru 10,
   * opt 7; 4 frames lru 8, opt 6. */
  ck_assert_uint_eq (t_faults (VM_POLICY_LRU, 3, belady, NELEM (belady)), 10);
  ck_assert_uint_eq (t_faults (VM_POLICY_OPT, 3, belady, NELEM (belady)), 7);
  ck_assert_uint_eq (t_faults (VM_POLICY_LRU, 4, belady, NELEM (belady)), 8);
  ck_assert_uint_eq (t_faults (VM_POLICY_OPT, 4, belady, NELEM (belady)), 6);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Exact victims and frames on Silberschatz, 3 frames.                 */

START_TEST (test_silb_fifo_victims)
{
  static const uint32_t frames[] = { 0, 1, 2, 0, 1, 1, 2, 0, 1, 2,
                                     0, 2, 1, 1, 2, 0, 1, 0, 1, 2 };
  static const uint64_t victims[] = { 7, 0, 1, 2, 3, 0, 4, 2, 3, 0, 1, 2 };
  struct vm_event evs[NELEM (silb)];
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, silb, NELEM (silb), evs);
  check_run (evs, NELEM (silb), frames, victims, NELEM (victims), "fifo");

  /* victim_since is the step the victim was loaded. */
  uint64_t loaded[3] = { 0, 0, 0 };
  for (size_t i = 0; i < NELEM (silb); i++)
    {
      if (evs[i].evicted)
        ck_assert_uint_eq (evs[i].victim_since, loaded[evs[i].frame]);
      if (evs[i].result != VM_HIT)
        loaded[evs[i].frame] = i;
    }
  /* Final state: F0 = 7 (step 17), F1 = 0 (18), F2 = 1 (19). */
  static const uint64_t fin[] = { 7, 0, 1 };
  for (uint32_t f = 0; f < 3; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      ck_assert (fi.used);
      ck_assert_uint_eq (fi.owner_pid, pid);
      ck_assert_uint_eq (fi.owner_vpn, fin[f]);
      ck_assert_uint_eq (fi.nowners, 1);
      ck_assert_uint_eq (fi.loaded_at, 17 + f);
    }
  ck_assert_uint_eq (vm_frames_used (vm), 3);
  ck_assert_uint_eq (vm_stats (vm)->evictions, 12);
  vm_free (vm);
}
END_TEST

START_TEST (test_silb_lru_victims)
{
  static const uint32_t frames[] = { 0, 1, 2, 0, 1, 2, 1, 0, 2, 1,
                                     0, 1, 2, 0, 2, 1, 0, 2, 1, 0 };
  static const uint64_t victims[] = { 7, 1, 2, 3, 0, 4, 0, 3, 2 };
  struct vm_event evs[NELEM (silb)];
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, silb, NELEM (silb), evs);
  check_run (evs, NELEM (silb), frames, victims, NELEM (victims), "lru");

  /* victim_since is the step the victim was last used. */
  uint64_t last[3] = { 0, 0, 0 };
  for (size_t i = 0; i < NELEM (silb); i++)
    {
      if (evs[i].evicted)
        ck_assert_uint_eq (evs[i].victim_since, last[evs[i].frame]);
      last[evs[i].frame] = i;
    }
  /* Final: F0 = 1 used at 19, F1 = 0 at 18, F2 = 7 at 17. */
  static const uint64_t fin[] = { 1, 0, 7 };
  static const uint64_t use[] = { 19, 18, 17 };
  for (uint32_t f = 0; f < 3; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      ck_assert_uint_eq (fi.owner_vpn, fin[f]);
      ck_assert_uint_eq (fi.last_use, use[f]);
    }
  ck_assert_uint_eq (vm_stats (vm)->evictions, 9);
  vm_free (vm);
}
END_TEST

START_TEST (test_silb_opt_victims)
{
  static const uint32_t frames[] = { 0, 1, 2, 0, 1, 2, 1, 1, 0, 2,
                                     1, 2, 0, 2, 0, 1, 2, 0, 1, 2 };
  static const uint64_t victims[] = { 7, 1, 0, 4, 3, 2 };
  /* Next use of each victim when evicted (steps 3, 5, 7, 10, 13, 17). */
  static const uint64_t since[] = { 17, 13, 10, VM_NEVER, VM_NEVER, VM_NEVER };
  struct vm_event evs[NELEM (silb)];
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, silb, NELEM (silb), evs);
  check_run (evs, NELEM (silb), frames, victims, NELEM (victims), "opt");
  size_t v = 0;
  for (size_t i = 0; i < NELEM (silb); i++)
    if (evs[i].evicted)
      {
        ck_assert_msg (evs[i].victim_since == since[v],
                       "opt step %zu: victim_since %llu, expected %llu", i,
                       (unsigned long long) evs[i].victim_since,
                       (unsigned long long) since[v]);
        v++;
      }
  vm_free (vm);
}
END_TEST

START_TEST (test_opt_tie_lowest_frame)
{
  /* 1,2,3,4,5 with 3 frames: at step 3 pages 1,2,3 are all never used
   * again: the tie goes to frame 0 (page 1).  At step 4, pages 4 (F0), 2,
   * 3 are all never used: frame 0 again, so the victim is 4, not 2. */
  static const uint64_t refs[] = { 1, 2, 3, 4, 5 };
  struct vm_event evs[5];
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  ck_assert_uint_eq (t_run_refs (vm, pid, refs, 5, evs), 5);
  ck_assert (evs[3].evicted);
  ck_assert_uint_eq (evs[3].victim_vpn, 1);
  ck_assert_uint_eq (evs[3].frame, 0);
  ck_assert (evs[4].evicted);
  ck_assert_uint_eq (evs[4].victim_vpn, 4);
  ck_assert_uint_eq (evs[4].frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_opt_never_beats_far)
{
  /* 1,2,3,4,1,2,3: at step 3 (page 4) next uses are 1->4, 2->5, 3->6:
   * evict 3 (F2).  4 is then never used again: at step 6 (page 3), next
   * uses are 1, 2 never, 4 never: tie between 1 (F0), 2 (F1) and 4 (F2)
   * goes to F0. */
  static const uint64_t refs[] = { 1, 2, 3, 4, 1, 2, 3 };
  struct vm_event evs[7];
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  ck_assert_uint_eq (t_run_refs (vm, pid, refs, 7, evs), 5);
  ck_assert_uint_eq (evs[3].victim_vpn, 3);
  ck_assert_uint_eq (evs[3].frame, 2);
  ck_assert_uint_eq (evs[3].victim_since, 6);
  ck_assert_int_eq (evs[4].result, VM_HIT);
  ck_assert_int_eq (evs[5].result, VM_HIT);
  ck_assert_uint_eq (evs[6].victim_vpn, 1);
  ck_assert_uint_eq (evs[6].frame, 0);
  ck_assert_uint_eq (evs[6].victim_since, VM_NEVER);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Clock.                                                              */

START_TEST (test_clock_silb)
{
  static const uint32_t frames[] = { 0, 1, 2, 0, 1, 2, 1, 0, 1, 2,
                                     2, 0, 1, 1, 2, 0, 1, 1, 0, 2 };
  static const uint64_t victims[] = { 7, 1, 2, 0, 3, 4, 2, 0, 3, 1, 2 };
  static const uint32_t hands[] = { 0, 0, 0, 1, 1, 0, 0, 1, 2, 2,
                                    0, 1, 1, 2, 0, 1, 1, 2, 2, 0 };
  struct vm_event evs[NELEM (silb)];
  struct vm *vm = t_new_policy (VM_POLICY_CLOCK, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  ck_assert_uint_eq (vm_clock_hand (vm), 0);
  for (size_t i = 0; i < NELEM (silb); i++)
    {
      t_run_refs (vm, pid, &silb[i], 1, &evs[i]);
      ck_assert_msg (vm_clock_hand (vm) == hands[i],
                     "clock step %zu: hand %u, expected %u", i,
                     vm_clock_hand (vm), hands[i]);
    }
  check_run (evs, NELEM (silb), frames, victims, NELEM (victims), "clock");
  /* victim_since: fifo, lru and opt only ("others VM_NEVER"). */
  for (size_t i = 0; i < NELEM (silb); i++)
    if (evs[i].evicted)
      ck_assert_uint_eq (evs[i].victim_since, VM_NEVER);
  vm_free (vm);
}
END_TEST

static void
check_ref_bits (struct vm *vm, int b0, int b1, int b2, const char *when)
{
  int want[3] = { b0, b1, b2 };
  for (uint32_t f = 0; f < 3; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      ck_assert_msg (fi.ref == (want[f] != 0), "%s: frame %u ref %d, expected %d",
                     when, f, fi.ref, want[f]);
    }
}

START_TEST (test_clock_second_chance)
{
  /* 1,2,3 fill F0..F2 (bits 1,1,1, hand 0).  4: a full sweep clears the
   * bits, evicts 1 (F0), hand 1, bits 1,0,0.  2: hit sets F1's bit.
   * 5: F1's bit is set, cleared, hand 2; F2 (page 3) is evicted, hand 0,
   * bits 1,0,1.  6: F0's bit cleared, F1 (page 2) evicted, hand 2, bits
   * 0,1,1.  (fifo would evict 2 at step 5; lru would evict 4 at step 6.) */
  static const uint64_t refs[] = { 1, 2, 3, 4, 2, 5, 6 };
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_CLOCK, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, refs, 3, NULL);
  check_ref_bits (vm, 1, 1, 1, "after 1,2,3");
  ck_assert_uint_eq (vm_clock_hand (vm), 0);

  t_run_refs (vm, pid, &refs[3], 1, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 1);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (vm_clock_hand (vm), 1);
  check_ref_bits (vm, 1, 0, 0, "after 4");

  t_run_refs (vm, pid, &refs[4], 1, &ev);
  ck_assert_int_eq (ev.result, VM_HIT);
  ck_assert_uint_eq (ev.frame, 1);
  check_ref_bits (vm, 1, 1, 0, "after hit on 2");
  ck_assert_uint_eq (vm_clock_hand (vm), 1);

  t_run_refs (vm, pid, &refs[5], 1, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 3);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_uint_eq (vm_clock_hand (vm), 0);
  check_ref_bits (vm, 1, 0, 1, "after 5");

  t_run_refs (vm, pid, &refs[6], 1, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 2);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (vm_clock_hand (vm), 2);
  check_ref_bits (vm, 0, 1, 1, "after 6");
  vm_free (vm);
}
END_TEST

START_TEST (test_clock_belady)
{
  /* Belady's string, 3 frames, clock: faults at steps 0-6, 9, 10 (9);
   * victims 1,2,3,4,1,2 into frames 0,1,2,0,1,2; final hand 0. */
  static const uint64_t victims[] = { 1, 2, 3, 4, 1, 2 };
  static const uint32_t vframes[] = { 0, 1, 2, 0, 1, 2 };
  struct vm_event evs[NELEM (belady)];
  struct vm *vm = t_new_policy (VM_POLICY_CLOCK, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  ck_assert_uint_eq (t_run_refs (vm, pid, belady, NELEM (belady), evs), 9);
  size_t v = 0;
  for (size_t i = 0; i < NELEM (belady); i++)
    if (evs[i].evicted)
      {
        ck_assert_uint_lt (v, NELEM (victims));
        ck_assert_uint_eq (evs[i].victim_vpn, victims[v]);
        ck_assert_uint_eq (evs[i].frame, vframes[v]);
        v++;
      }
  ck_assert_uint_eq (v, 6);
  ck_assert_uint_eq (vm_clock_hand (vm), 0);
  check_ref_bits (vm, 1, 1, 1, "end");
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Random, first touch, stats.                                         */

START_TEST (test_random_reproducible)
{
  struct vm_event a[NELEM (silb)], b[NELEM (silb)];
  struct vm_config cfg;
  vm_config_default (&cfg);
  cfg.policy = VM_POLICY_RANDOM;
  cfg.frames = 3;
  cfg.seed = 12345;
  struct vm *va = t_new (&cfg);
  struct vm *vb = t_new (&cfg);
  uint32_t pa = t_refs_proc (va, "refs");
  uint32_t pb = t_refs_proc (vb, "refs");
  unsigned fa = t_run_refs (va, pa, silb, NELEM (silb), a);
  unsigned fb = t_run_refs (vb, pb, silb, NELEM (silb), b);
  ck_assert_uint_eq (fa, fb);
  ck_assert_uint_ge (fa, 9);  /* never better than opt */
  ck_assert_uint_le (fa, 20);
  uint64_t resident[3] = { VM_NEVER, VM_NEVER, VM_NEVER };
  for (size_t i = 0; i < NELEM (silb); i++)
    {
      ck_assert_int_eq (a[i].result, b[i].result);
      ck_assert_uint_eq (a[i].frame, b[i].frame);
      ck_assert_int_eq (a[i].evicted, b[i].evicted);
      ck_assert_uint_lt (a[i].frame, 3);
      if (a[i].evicted)
        {
          ck_assert_uint_eq (a[i].victim_vpn, b[i].victim_vpn);
          /* The victim was the page in that frame. */
          ck_assert_uint_eq (a[i].victim_vpn, resident[a[i].frame]);
        }
      resident[a[i].frame] = silb[i];
    }
  vm_free (va);
  vm_free (vb);
}
END_TEST

START_TEST (test_first_touch_minor_then_hit)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  ck_assert_uint_eq (pid, 0);
  ck_assert_uint_eq (vm_step (vm), 0);
  memset (&ev, 0, sizeof ev);
  ck_assert_int_eq (vm_access (vm, pid, 0x5123, VM_READ, VM_NEVER, &ev),
                    VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert (!ev.file_read && !ev.shared_hit && !ev.cow_copy);
  ck_assert (!ev.evicted);
  ck_assert_uint_eq (ev.swap_in_slot, VM_NONE);
  ck_assert_uint_eq (ev.oom_killed, VM_NONE);
  ck_assert_uint_eq (ev.step, 0);
  ck_assert_uint_eq (ev.pid, pid);
  ck_assert_int_eq (ev.op, VM_READ);
  ck_assert_uint_eq (ev.va, 0x5123);
  ck_assert_uint_eq (ev.vpn, 5);
  ck_assert_uint_eq (ev.offset, 0x123);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.pa, 0x123);
  ck_assert_int_eq (ev.tlb, -1);
  ck_assert_int_eq (ev.segv, VM_SEGV_NONE);
  ck_assert_uint_eq (ev.huge_level, 0);

  ck_assert_int_eq (vm_access (vm, pid, 0x5fff, VM_WRITE, VM_NEVER, &ev),
                    VM_HIT);
  ck_assert (!ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.pa, 0xfff);
  ck_assert_uint_eq (ev.step, 1);

  ck_assert_int_eq (vm_access (vm, pid, 0x9000, VM_EXEC, VM_NEVER, &ev),
                    VM_MINOR);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (ev.pa, 0x1000);

  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->accesses, 3);
  ck_assert_uint_eq (st->hits, 1);
  ck_assert_uint_eq (st->faults, 2);
  ck_assert_uint_eq (st->minor_faults, 2);
  ck_assert_uint_eq (st->zero_fills, 2);
  ck_assert_uint_eq (st->major_faults, 0);
  ck_assert_uint_eq (st->evictions, 0);
  ck_assert_uint_eq (vm_step (vm), 3);
  ck_assert_uint_eq (vm_frames_used (vm), 2);

  struct vm_page_info pi;
  vm_page_info (vm, pid, 5, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_RESIDENT);
  ck_assert_uint_eq (pi.frame, 0);
  ck_assert (pi.bits & VM_PTE_P);
  ck_assert (pi.bits & VM_PTE_D); /* written at step 1 */
  vm_page_info (vm, pid, 6, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_NOT_PRESENT);
  ck_assert_uint_eq (pi.frame, VM_NONE);
  vm_free (vm);
}
END_TEST

START_TEST (test_lowest_free_frame)
{
  /* Pages 5, 3, 9 go to frames 0, 1, 2 regardless of their numbers. */
  static const uint64_t refs[] = { 5, 3, 9, 3, 5 };
  struct vm_event evs[5];
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, refs, 5, evs);
  ck_assert_uint_eq (evs[0].frame, 0);
  ck_assert_uint_eq (evs[1].frame, 1);
  ck_assert_uint_eq (evs[2].frame, 2);
  ck_assert_uint_eq (evs[3].frame, 1);
  ck_assert_int_eq (evs[3].result, VM_HIT);
  ck_assert_uint_eq (evs[4].frame, 0);
  /* vm_unmap of page 3 frees frame 1: the next new page takes it. */
  vm_unmap (vm, pid, 3, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 2);
  struct vm_frame_info fi;
  vm_frame_info (vm, 1, &fi);
  ck_assert (!fi.used);
  ck_assert_uint_eq (fi.owner_pid, VM_NONE);
  struct vm_event ev;
  ck_assert_int_eq (t_acc (vm, pid, 100, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_int_eq (t_acc (vm, pid, 101, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 3);
  vm_free (vm);
}
END_TEST

Suite *
engine_policy_suite (void)
{
  Suite *s = suite_create ("engine-policy");
  TCase *tc = tcase_create ("counts");
  tcase_add_test (tc, test_belady_fifo);
  tcase_add_test (tc, test_silb_counts_3);
  tcase_add_test (tc, test_silb_counts_4);
  tcase_add_test (tc, test_ostep_counts);
  tcase_add_test (tc, test_belady_other);
  suite_add_tcase (s, tc);

  tc = tcase_create ("victims");
  tcase_add_test (tc, test_silb_fifo_victims);
  tcase_add_test (tc, test_silb_lru_victims);
  tcase_add_test (tc, test_silb_opt_victims);
  tcase_add_test (tc, test_opt_tie_lowest_frame);
  tcase_add_test (tc, test_opt_never_beats_far);
  suite_add_tcase (s, tc);

  tc = tcase_create ("clock");
  tcase_add_test (tc, test_clock_silb);
  tcase_add_test (tc, test_clock_second_chance);
  tcase_add_test (tc, test_clock_belady);
  suite_add_tcase (s, tc);

  tc = tcase_create ("basics");
  tcase_add_test (tc, test_random_reproducible);
  tcase_add_test (tc, test_first_touch_minor_then_hit);
  tcase_add_test (tc, test_lowest_free_frame);
  suite_add_tcase (s, tc);
  return s;
}

/* ------------------------------------------------------------------ */

int
main (void)
{
  SRunner *sr = srunner_create (engine_policy_suite ());
  srunner_add_suite (sr, engine_config_suite ());
  srunner_add_suite (sr, engine_mem_suite ());
  srunner_add_suite (sr, engine_proc_suite ());
  srunner_add_suite (sr, engine_tlb_suite ());
  srunner_add_suite (sr, engine_misc_suite ());
  srunner_add_suite (sr, engine_extra_suite ());
  srunner_add_suite (sr, engine_edge_suite ());
  srunner_add_suite (sr, engine_model_suite ());
  srunner_add_suite (sr, engine_stress_suite ());
  srunner_add_suite (sr, engine_budget_suite ());
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
