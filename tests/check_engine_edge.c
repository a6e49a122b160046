/* check_engine_edge.c: corner cases: TLB hits must count as uses for the
 * policies and set dirty bits, protection changes on COW pages, swapped
 * shared memory, bad pids, default costs. */
#include <config.h>

#include <string.h>

#include "check_engine.h"

static const uint64_t silb[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3,
                                 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };

/* ------------------------------------------------------------------ */
/* A TLB must not change which pages are evicted.                      */

START_TEST (test_tlb_same_victims)
{
  /* _i is the policy.  The same run with and without a TLB evicts the
   * same pages into the same frames: hits through the TLB still count
   * as uses (lru stamps, clock bits, opt next uses). */
  enum vm_policy pol = (enum vm_policy) _i;
  struct vm_event a[NELEM (silb)], b[NELEM (silb)];
  struct vm_config c;
  vm_config_default (&c);
  c.policy = pol;
  c.frames = 3;
  c.seed = 5;
  struct vm *v1 = t_new (&c);
  c.tlb_entries = 4;
  struct vm *v2 = t_new (&c);
  uint32_t p1 = t_refs_proc (v1, "a");
  uint32_t p2 = t_refs_proc (v2, "a");
  static const char ops[] = "rrwrrrwrrrrrwrrrrrrr";
  unsigned f1 = t_run_ops (v1, p1, silb, ops, NELEM (silb), a);
  unsigned f2 = t_run_ops (v2, p2, silb, ops, NELEM (silb), b);
  ck_assert_msg (f1 == f2, "%s: %u faults without TLB, %u with",
                 vm_policy_name (pol), f1, f2);
  unsigned tlb_hits = 0;
  for (size_t i = 0; i < NELEM (silb); i++)
    {
      ck_assert_msg (a[i].result == b[i].result && a[i].frame == b[i].frame,
                     "%s step %zu: %s in %u without TLB, %s in %u with",
                     vm_policy_name (pol), i, vm_result_name (a[i].result),
                     a[i].frame, vm_result_name (b[i].result), b[i].frame);
      ck_assert_int_eq (a[i].evicted, b[i].evicted);
      if (a[i].evicted)
        {
          ck_assert_uint_eq (a[i].victim_vpn, b[i].victim_vpn);
          ck_assert_int_eq (a[i].victim_dirty, b[i].victim_dirty);
        }
      tlb_hits += b[i].tlb == 1;
    }
  ck_assert_uint_gt (tlb_hits, 0);
  if (pol == VM_POLICY_CLOCK || pol == VM_POLICY_SC_DIRTY)
    ck_assert_uint_eq (vm_clock_hand (v1), vm_clock_hand (v2));
  vm_free (v1);
  vm_free (v2);
}
END_TEST

START_TEST (test_tlb_write_sets_dirty)
{
  /* A write that hits the TLB (entry filled by a read) dirties the page:
   * its eviction writes it to swap. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 1;
  c.tlb_entries = 4;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  t_acc (vm, pid, 0, VM_READ, &ev);
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert (ev.evicted);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_MAJOR);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_write_after_swapin)
{
  /* Page read back from swap (clean, slot kept), TLB entry filled by the
   * read; a write through the TLB must dirty it so that eviction writes
   * the slot again. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 1;
  c.tlb_entries = 4;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  t_acc (vm, pid, 0, VM_WRITE, &ev);
  t_acc (vm, pid, 1, VM_READ, &ev); /* 0 -> slot 0 */
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_MAJOR);
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_lru_write_counts)
{
  /* 1,2,3, write 1, 4: lru evicts 2. */
  static const uint64_t refs[] = { 1, 2, 3, 1, 4 };
  struct vm_event evs[5];
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 3);
  uint32_t pid = t_refs_proc (vm, "a");
  t_run_ops (vm, pid, refs, "rrrwr", 5, evs);
  ck_assert_uint_eq (evs[4].victim_vpn, 2);
  ck_assert_uint_eq (evs[4].frame, 1);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Protection changes on COW pages.                                    */

START_TEST (test_protect_cow_stays_cow)
{
  /* Re-granting w to a COW-shared page must not let a write reach the
   * shared frame. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  vm_protect (vm, a, 0x10, 2, RO);
  vm_protect (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_protect_splits)
{
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 8, RW);
  vm_protect (vm, a, 0x12, 2, RO);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.nregions, 3);
  ck_assert_uint_eq (pi.vsz_pages, 8);
  struct vm_region_info ri;
  ck_assert (vm_region_info (vm, a, 1, &ri));
  ck_assert_uint_eq (ri.start_vpn, 0x12);
  ck_assert_uint_eq (ri.pages, 2);
  ck_assert_uint_eq (ri.perm & VM_PERM_W, 0);
  ck_assert (vm_region_info (vm, a, 2, &ri));
  ck_assert_uint_eq (ri.start_vpn, 0x14);
  ck_assert_uint_eq (ri.pages, 4);
  ck_assert (ri.perm & VM_PERM_W);
  ck_assert (!vm_region_info (vm, a, 3, &ri));
  struct vm_event ev;
  ck_assert_int_eq (t_as (vm, a, 0x14, VM_WRITE, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x13, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  vm_free (vm);
}
END_TEST

START_TEST (test_unmap_cow_parent)
{
  /* The parent unmaps a COW-shared page: the child keeps it alone. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  vm_unmap (vm, a, 0x10, 2);
  struct vm_frame_info fi;
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.used);
  ck_assert_uint_eq (fi.nowners, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 1);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_fork_private_file)
{
  /* A private file mapping forked: the child's write copies. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t obj = vm_object_new_file (vm, "f", 2);
  uint32_t a = vm_proc_new (vm, "a");
  t_map_at (vm, a, 0x10, 2, RW | VM_MAP_FILE, obj, 0, 0);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MAJOR);
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  /* a's write copies too: the file page stays clean. */
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 2);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Shared memory and swap.                                             */

START_TEST (test_shm_swapped)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t obj = vm_object_new_shm (vm, "shm", 2);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 0x100, 2, RW | VM_MAP_SHARED, obj, 0, 0);
  t_map_at (vm, b, 0x200, 2, RW | VM_MAP_SHARED, obj, 0, 0);
  t_map (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x100, VM_WRITE, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert (!ev.victim_file);
  /* b's first touch of the swapped shared page reads the slot. */
  ck_assert_int_eq (t_as (vm, b, 0x200, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 0);
  ck_assert_uint_eq (ev.frame, 0);
  /* a finds it in memory. */
  ck_assert_int_eq (t_as (vm, a, 0x100, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_file_written_seen_by_other)
{
  /* A shared file page written back and dropped is read again by the
   * other mapper from the file: still one file read per load. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t obj = vm_object_new_file (vm, "f", 2);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 0x100, 2, RW | VM_MAP_SHARED | VM_MAP_FILE, obj, 0, 0);
  t_map_at (vm, b, 0x200, 2, RW | VM_MAP_SHARED | VM_MAP_FILE, obj, 0, 0);
  ck_assert_int_eq (t_as (vm, a, 0x100, VM_WRITE, &ev), VM_MAJOR);
  ck_assert_int_eq (t_as (vm, b, 0x200, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert_int_eq (t_as (vm, b, 0x201, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.evicted);
  ck_assert (ev.victim_file);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 1);
  /* Page 0 is out of both processes now. */
  struct vm_page_info pi;
  vm_page_info (vm, a, 0x100, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_NOT_PRESENT);
  vm_page_info (vm, b, 0x200, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_NOT_PRESENT);
  ck_assert_int_eq (t_as (vm, b, 0x200, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert_uint_eq (vm_stats (vm)->file_reads, 3);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Robustness and defaults.                                            */

START_TEST (test_bad_pids)
{
  struct vm_event ev;
  struct vm_proc_info pi;
  struct vm_page_info pg;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = t_refs_proc (vm, "a");
  ck_assert_int_eq (vm_access (vm, 99, 0, VM_READ, VM_NEVER, &ev), VM_SEGV);
  ck_assert_int_eq (vm_access (vm, VM_NONE, 0, VM_READ, VM_NEVER, &ev),
                    VM_SEGV);
  ck_assert (!vm_proc_info (vm, 99, &pi));
  ck_assert_uint_eq (vm_fork (vm, 99, "x"), VM_NONE);
  vm_exit (vm, 99);
  vm_unmap (vm, 99, 0, 1);
  vm_protect (vm, 99, 0, 1, RO);
  vm_mlock (vm, 99, 0, 1, true);
  const char *why = NULL;
  ck_assert_int_eq (vm_map (vm, 99, 0, 1, RW, VM_NONE, 0, 0, "x", &why), -1);
  vm_page_info (vm, 99, 0, &pg);
  ck_assert_int_eq (pg.state, VM_PAGE_UNMAPPED);
  /* Exiting twice is harmless. */
  vm_exit (vm, a);
  vm_exit (vm, a);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_uint_eq (vm_nprocs (vm), 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_default_costs)
{
  /* The man page: TLB 1, memory 100, minor/cow 1000, major 5000000. */
  struct vm_config c;
  vm_config_default (&c);
  ck_assert_uint_eq (c.costs.tlb_ns, 1);
  ck_assert_uint_eq (c.costs.mem_ns, 100);
  ck_assert_uint_eq (c.costs.minor_fault_ns, 1000);
  ck_assert_uint_eq (c.costs.major_fault_ns, 5000000);
}
END_TEST

START_TEST (test_clock_hand_after_exit)
{
  /* Frames freed by an exit are used (lowest first) before the clock
   * hand moves again. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_CLOCK, 3);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  t_as (vm, a, 0, VM_READ, &ev); /* F0 */
  t_as (vm, b, 0, VM_READ, &ev); /* F1 */
  t_as (vm, a, 1, VM_READ, &ev); /* F2 */
  t_as (vm, b, 1, VM_READ, &ev); /* sweep: evicts F0 (a0), hand 1 */
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (vm_clock_hand (vm), 1);
  vm_exit (vm, a); /* frees F2 */
  ck_assert_int_eq (t_as (vm, b, 2, VM_READ, &ev), VM_MINOR);
  ck_assert (!ev.evicted);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_uint_eq (vm_clock_hand (vm), 1);
  /* Full again: F1 (b0) has its bit clear since the sweep: victim. */
  t_as (vm, b, 3, VM_READ, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (vm_clock_hand (vm), 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_random_tlb_reproducible)
{
  struct vm_config c;
  vm_config_default (&c);
  c.frames = 64;
  c.tlb_entries = 4;
  c.tlb_policy = VM_TLB_RANDOM;
  c.seed = 77;
  struct vm *v1 = t_new (&c);
  struct vm *v2 = t_new (&c);
  uint32_t p1 = t_refs_proc (v1, "a");
  uint32_t p2 = t_refs_proc (v2, "a");
  for (uint64_t i = 0; i < 200; i++)
    {
      struct vm_event e1, e2;
      uint64_t vpn = (i * 7) % 9;
      t_acc (v1, p1, vpn, VM_READ, &e1);
      t_acc (v2, p2, vpn, VM_READ, &e2);
      ck_assert_int_eq (e1.tlb, e2.tlb);
      ck_assert_int_eq (e1.tlb_slot, e2.tlb_slot);
    }
  ck_assert_uint_gt (vm_stats (v1)->tlb_hits, 0);
  ck_assert_uint_gt (vm_stats (v1)->tlb_misses, 9);
  vm_free (v1);
  vm_free (v2);
}
END_TEST

START_TEST (test_tlb_flushed_on_eviction)
{
  /* An eviction that invalidates the victim's TLB entry says so. */
  struct vm_event ev;
  struct vm_config c;
  vm_config_default (&c);
  c.frames = 1;
  c.tlb_entries = 4;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  t_acc (vm, pid, 0, VM_READ, &ev);
  ck_assert_uint_eq (ev.tlb_flushed, 0);
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.tlb_flushed, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_opt_two_procs)
{
  /* 2 frames: (a,1) (b,1) (a,2) (a,1) (b,1).  Step 2: a1 is next used at
   * 3, b1 at 4: b1 goes.  Step 4: a1 and a2 are never used again: the tie
   * goes to frame 0 (a1). */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 2);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  static const uint32_t pids[] = { 0, 1, 0, 0, 1 };
  static const uint64_t vpns[] = { 1, 1, 2, 1, 1 };
  struct vm_future *f = vm_future_new ();
  for (int i = 0; i < 5; i++)
    vm_future_push (f, pids[i] ? b : a, vpns[i]);
  struct vm_event evs[5];
  for (int i = 0; i < 5; i++)
    {
      uint32_t p = pids[i] ? b : a;
      if (vm_current (vm) != p)
        vm_switch (vm, p);
      vm_access (vm, p, vpns[i] << 12, VM_READ, vm_future_next (f, (uint64_t) i),
                 &evs[i]);
    }
  vm_future_free (f);
  ck_assert (evs[2].evicted);
  ck_assert_uint_eq (evs[2].victim_pid, b);
  ck_assert_uint_eq (evs[2].victim_vpn, 1);
  ck_assert_uint_eq (evs[2].frame, 1);
  ck_assert_int_eq (evs[3].result, VM_HIT);
  ck_assert (evs[4].evicted);
  ck_assert_uint_eq (evs[4].victim_pid, a);
  ck_assert_uint_eq (evs[4].victim_vpn, 1);
  ck_assert_uint_eq (evs[4].frame, 0);
  (void) ev;
  vm_free (vm);
}
END_TEST

START_TEST (test_mlock_swapped_then_faulted)
{
  /* A page in swap when its range is locked comes back locked. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 2);
  uint32_t a = t_refs_proc (vm, "a");
  t_acc (vm, a, 0, VM_WRITE, &ev);
  t_acc (vm, a, 1, VM_READ, &ev);
  t_acc (vm, a, 2, VM_READ, &ev); /* 0 -> swap */
  vm_mlock (vm, a, 0, 1, true);
  ck_assert_int_eq (t_acc (vm, a, 0, VM_READ, &ev), VM_MAJOR);
  uint32_t f0 = ev.frame;
  for (uint64_t p = 3; p < 8; p++)
    {
      t_acc (vm, a, p, VM_READ, &ev);
      ck_assert_uint_ne (ev.frame, f0);
    }
  ck_assert_int_eq (t_acc (vm, a, 0, VM_READ, &ev), VM_HIT);
  /* Unlocked, it takes its turn again (fifo: loaded earliest). */
  vm_mlock (vm, a, 0, 1, false);
  t_acc (vm, a, 8, VM_READ, &ev);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_mlock_not_inherited)
{
  /* Memory locks are not inherited by fork (POSIX): the child's region
   * is not locked, its copies and new pages are not pinned, and the
   * parent's locked pages stay pinned after the child wrote, faulted
   * and exited (a child's region once kept the lock, its pages took
   * locks of their own, and dropping one unpinned the parent's frame). */
  struct vm_event ev;
  struct vm_region_info ra, rb;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 4);
  uint32_t a = t_refs_proc (vm, "a"), b, f0, f1;
  t_acc (vm, a, 0, VM_WRITE, &ev);
  f0 = ev.frame;
  t_acc (vm, a, 1, VM_WRITE, &ev);
  f1 = ev.frame;
  vm_mlock (vm, a, 0, 2, true);
  b = vm_fork (vm, a, "b");
  ck_assert (vm_region_info (vm, a, 0, &ra) && vm_region_info (vm, b, 0, &rb));
  ck_assert (ra.perm & VM_MAP_LOCKED);
  ck_assert (!(rb.perm & VM_MAP_LOCKED));
  ck_assert_int_eq (t_acc (vm, b, 0, VM_WRITE, &ev), VM_COW);
  ck_assert_uint_ne (ev.frame, f0);
  vm_frame_info (vm, ev.frame, &fi);
  ck_assert (!fi.locked);
  ck_assert_int_eq (t_acc (vm, b, 5, VM_READ, &ev), VM_MINOR);
  vm_frame_info (vm, ev.frame, &fi);
  ck_assert (!fi.locked);
  vm_frame_info (vm, f0, &fi);
  ck_assert (fi.locked);
  vm_exit (vm, b);
  for (uint64_t p = 2; p < 12; p++)
    {
      t_acc (vm, a, p, VM_READ, &ev);
      ck_assert_uint_ne (ev.frame, f0);
      ck_assert_uint_ne (ev.frame, f1);
    }
  ck_assert_int_eq (t_acc (vm, a, 0, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_acc (vm, a, 1, VM_READ, &ev), VM_HIT);
  vm_frame_info (vm, f0, &fi);
  ck_assert (fi.locked);
  vm_frame_info (vm, f1, &fi);
  ck_assert (fi.locked);
  vm_free (vm);
}
END_TEST

START_TEST (test_names_copied)
{
  /* Names given to the engine are copied. */
  char buf[32];
  const char *why;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  strcpy (buf, "alpha");
  uint32_t a = vm_proc_new (vm, buf);
  strcpy (buf, "lib.so");
  uint32_t obj = vm_object_new_file (vm, buf, 4);
  strcpy (buf, "text");
  ck_assert_int_eq (vm_map (vm, a, 0x10, 4, RX | VM_MAP_FILE, obj, 0, 0, buf,
                            &why), 0);
  strcpy (buf, "XXXXXXXXXXXXXXX");
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_str_eq (pi.name, "alpha");
  ck_assert_str_eq (vm_object_name (vm, obj), "lib.so");
  struct vm_region_info ri;
  ck_assert (vm_region_info (vm, a, 0, &ri));
  ck_assert_str_eq (ri.name, "text");
  ck_assert_uint_eq (vm_proc_find (vm, "alpha"), a);
  vm_free (vm);
}
END_TEST

START_TEST (test_clone_deep)
{
  /* The clone owns its names, objects and tables: free the original,
   * then use the clone (run under the sanitizers to see it). */
  struct vm_event ev;
  const char *why;
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 2);
  uint32_t obj = vm_object_new_file (vm, "data", 4);
  uint32_t a = vm_proc_new (vm, "a");
  /* the region is named too: the clone must own a copy of the name */
  ck_assert_int_eq (vm_map (vm, a, 0x10, 4, RW | VM_MAP_FILE | VM_MAP_SHARED,
                            obj, 0, 0, "data", &why), 0);
  t_map (vm, a, 0x40, 4, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x40, VM_WRITE, &ev);
  struct vm *cl = vm_clone (vm);
  uint32_t used = vm_frames_used (vm);
  /* The clone evicts the dirty file page: the original's state stays. */
  t_as (cl, a, 0x41, VM_WRITE, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (vm_stats (cl)->file_writes, 1);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 0);
  ck_assert_uint_eq (vm_frames_used (vm), used);
  struct vm_page_info pg;
  vm_page_info (vm, a, 0x10, &pg);
  ck_assert_int_eq (pg.state, VM_PAGE_RESIDENT);
  vm_free (vm);
  ck_assert_str_eq (vm_object_name (cl, obj), "data");
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (cl, a, &pi));
  ck_assert_str_eq (pi.name, "a");
  struct vm_region_info ri;
  ck_assert (vm_region_info (cl, a, 0, &ri));
  ck_assert_str_eq (ri.name, "data");
  ck_assert_int_eq (t_as (cl, a, 0x10, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  uint32_t b = vm_fork (cl, a, "b");
  ck_assert_int_eq (t_as (cl, b, 0x10, VM_READ, &ev), VM_HIT);
  vm_exit (cl, a);
  vm_exit (cl, b);
  ck_assert_uint_eq (vm_stats (cl)->page_table_pages, 0);
  vm_free (cl);
}
END_TEST

START_TEST (test_accessors_out_of_range)
{
  /* The views may ask about any index: out of range is "nothing there". */
  struct vm_config c;
  vm_config_default (&c);
  c.tlb_entries = 4;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  struct vm_frame_info fi;
  memset (&fi, 0x5a, sizeof fi);
  vm_frame_info (vm, 8, &fi);
  ck_assert (!fi.used);
  vm_frame_info (vm, VM_NONE, &fi);
  ck_assert (!fi.used);
  struct vm_tlb_info ti;
  memset (&ti, 0x5a, sizeof ti);
  vm_tlb_info (vm, 4, &ti);
  ck_assert (!ti.valid);
  vm_tlb_info (vm, 100000, &ti);
  ck_assert (!ti.valid);
  uint32_t sp;
  uint64_t sv;
  ck_assert (!vm_swap_info (vm, 0, &sp, &sv));
  ck_assert (!vm_swap_info (vm, VM_NONE, &sp, &sv));
  struct vm_region_info ri;
  ck_assert (!vm_region_info (vm, a, 1, &ri));
  ck_assert (!vm_region_info (vm, 77, 0, &ri));
  struct vm_page_info pg;
  vm_page_info (vm, a, 1ull << 40, &pg); /* beyond the 2^20 pages */
  ck_assert_int_eq (pg.state, VM_PAGE_UNMAPPED);
  struct vm_walk_step w[VM_MAX_LEVELS];
  ck_assert_uint_eq (vm_walk_peek (vm, 77, 0, w), 0);
  ck_assert_ptr_nonnull (vm_policy_name (VM_POLICY_COUNT));
  ck_assert_ptr_nonnull (vm_result_name (VM_RESULT_COUNT));
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_keeps_permissions)
{
  /* A TLB entry filled by a read does not let an exec or a write the
   * region forbids through. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, a, 0x10, 2, RW);
  t_map (vm, b, 0x10, 2, RO);
  t_as (vm, a, 0x10, VM_READ, &ev);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_EXEC, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_EXEC);
  t_as (vm, b, 0x10, VM_READ, &ev);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  vm_free (vm);
}
END_TEST

START_TEST (test_asid_exit_new_process)
{
  /* With ASIDs, a process that exits leaves nothing in the TLB that a
   * later process could hit. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.asid = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  t_as (vm, a, 0, VM_WRITE, &ev);
  t_as (vm, a, 1, VM_WRITE, &ev);
  vm_exit (vm, a);
  for (uint32_t i = 0; i < 8; i++)
    {
      struct vm_tlb_info ti;
      vm_tlb_info (vm, i, &ti);
      ck_assert (!ti.valid);
    }
  uint32_t b = t_refs_proc (vm, "b");
  ck_assert_int_eq (t_as (vm, b, 0, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert (ev.zero_fill);
  struct vm_proc_info pa, pb;
  ck_assert (vm_proc_info (vm, a, &pa));
  ck_assert (vm_proc_info (vm, b, &pb));
  vm_free (vm);
}
END_TEST

START_TEST (test_cow_after_tlb_fill)
{
  /* The child's read fills a TLB entry for its COW page; its write then
   * faults.  Whatever the event says about the TLB must agree with the
   * walk and the cost: a hit walks nothing (walk_len 0, no walk cost); a
   * miss walks both levels. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.costs.tlb_ns = 1;
  c.costs.mem_ns = 100;
  c.costs.minor_fault_ns = 1000;
  c.costs.major_fault_ns = 100000;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  vm_switch (vm, b);
  t_acc (vm, b, 0x10, VM_READ, &ev);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  if (ev.tlb == 1)
    {
      ck_assert_msg (ev.walk_len == 0, "COW fault on a TLB hit: walk_len %u",
                     ev.walk_len);
      ck_assert_uint_eq (ev.cost_ns, 1 + 100 + 1000);
    }
  else
    {
      ck_assert_int_eq (ev.tlb, 0);
      ck_assert_uint_eq (ev.walk_len, 2);
      ck_assert_uint_eq (ev.cost_ns, 1 + 200 + 100 + 1000);
    }
  vm_free (vm);
}
END_TEST

START_TEST (test_private_file_write_full_memory)
{
  /* Memory full of dirty anonymous pages; a write to a private file page
   * never read: the page is read straight into the private copy, so one
   * frame, one eviction, and the event describes it. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 2);
  uint32_t obj = vm_object_new_file (vm, "f", 2);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_map_at (vm, a, 0x40, 2, RW | VM_MAP_FILE, obj, 0, 0);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev);
  const struct vm_stats *st = vm_stats (vm);
  t_as (vm, a, 0x40, VM_WRITE, &ev);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (st->evictions, 1);
  ck_assert_uint_eq (ev.evictions, 1);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (st->swap_outs, (uint64_t) ev.victim_dirty);
  vm_free (vm);
}
END_TEST

START_TEST (test_ptif_one_eviction)
{
  /* Page tables in frames, 4 frames: root, leaf table, pages 0 and 1.
   * Page 1024 needs a new leaf table and a frame for itself: two
   * evictions, both counted in the event, the first described. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 4;
  c.page_tables_in_frames = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  t_acc (vm, a, 0, VM_WRITE, &ev);
  t_acc (vm, a, 1, VM_WRITE, &ev);
  ck_assert_uint_eq (vm_frames_used (vm), 4);
  const struct vm_stats *st = vm_stats (vm);
  enum vm_result r = t_acc (vm, a, 1024, VM_WRITE, &ev);
  ck_assert_msg (st->evictions == ev.evictions,
                 "%s: %llu evictions, the event counts %u", vm_result_name (r),
                 (unsigned long long) st->evictions, ev.evictions);
  ck_assert_uint_eq (ev.evictions, 2);
  ck_assert (ev.evicted);
  vm_free (vm);
}
END_TEST

START_TEST (test_next_use_only_for_opt)
{
  /* _i: a policy other than opt.  NEXT_USE is read by opt only: random
   * next uses change nothing. */
  static const enum vm_policy pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
                                         VM_POLICY_CLOCK, VM_POLICY_RANDOM,
                                         VM_POLICY_SC_DIRTY };
  struct vm_config c;
  vm_config_default (&c);
  c.policy = pols[_i];
  c.frames = 3;
  c.seed = 9;
  struct vm *v1 = t_new (&c);
  struct vm *v2 = t_new (&c);
  uint32_t p1 = t_refs_proc (v1, "a");
  uint32_t p2 = t_refs_proc (v2, "a");
  uint64_t r = 5;
  for (uint64_t i = 0; i < 500; i++)
    {
      struct vm_event e1, e2;
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      uint64_t vpn = (r >> 40) % 7;
      enum vm_op op = (r >> 20) % 4 ? VM_READ : VM_WRITE;
      vm_access (v1, p1, vpn << 12, op, VM_NEVER, &e1);
      vm_access (v2, p2, vpn << 12, op, (r >> 10) % 1000, &e2);
      ck_assert_int_eq (e1.result, e2.result);
      ck_assert_uint_eq (e1.frame, e2.frame);
      ck_assert_int_eq (e1.evicted, e2.evicted);
      ck_assert_uint_eq (e1.victim_vpn, e2.victim_vpn);
    }
  vm_free (v1);
  vm_free (v2);
}
END_TEST

START_TEST (test_random_few_candidates)
{
  /* random with one unpinned frame among many: it is always the victim;
   * with none, the OOM killer (no endless search). */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.policy = VM_POLICY_RANDOM;
  c.frames = 64;
  c.seed = 3;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  vm_mlock (vm, a, 0, 63, true);
  for (uint64_t p = 0; p < 64; p++)
    t_acc (vm, a, p, VM_READ, &ev);
  for (uint64_t p = 64; p < 200; p++)
    {
      t_acc (vm, a, p, VM_READ, &ev);
      ck_assert (ev.evicted);
      ck_assert_uint_eq (ev.victim_vpn, p - 1);
      ck_assert_uint_eq (ev.frame, 63);
    }
  vm_mlock (vm, a, 0, 1000, true);
  ck_assert_int_eq (t_acc (vm, a, 500, VM_READ, &ev), VM_OOM);
  vm_free (vm);
}
END_TEST

START_TEST (test_local_scope_no_own_pages)
{
  /* _i: policy.  Local scope, a process with no pages of its own and
   * memory full of another's: no endless search, whatever happens. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.policy = (enum vm_policy) _i;
  c.frames = 8;
  c.local_scope = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  for (uint64_t p = 0; p < 8; p++)
    t_as (vm, a, p, VM_WRITE, &ev);
  enum vm_result r = t_as (vm, b, 0, VM_READ, &ev);
  ck_assert (r == VM_MINOR || r == VM_OOM);
  vm_free (vm);
}
END_TEST

START_TEST (test_opt_pinned_and_ties)
{
  /* opt never takes a pinned page even when it is the farthest. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 3);
  uint32_t a = t_refs_proc (vm, "a");
  vm_mlock (vm, a, 0, 1, true);
  /* Page 0 is never used again (farthest) but locked. */
  vm_access (vm, a, 0, VM_READ, VM_NEVER, &ev);
  vm_access (vm, a, 1 << 12, VM_READ, 10, &ev);
  vm_access (vm, a, 2 << 12, VM_READ, 20, &ev);
  vm_access (vm, a, 3 << 12, VM_READ, VM_NEVER, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 2);
  ck_assert_uint_eq (ev.frame, 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_frame_counts)
{
  /* _i picks a frame count around word boundaries: frames fill in order,
   * then the policy evicts, and a freed frame is the next one taken. */
  static const uint32_t counts[] = { 1, 2, 63, 64, 65, 127, 128, 129, 200 };
  uint32_t n = counts[_i];
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, n);
  uint32_t a = t_refs_proc (vm, "a");
  for (uint32_t p = 0; p < n; p++)
    {
      ck_assert_int_eq (t_acc (vm, a, p, VM_READ, &ev), VM_MINOR);
      ck_assert_uint_eq (ev.frame, p);
      ck_assert (!ev.evicted);
    }
  ck_assert_uint_eq (vm_frames_used (vm), n);
  ck_assert_int_eq (t_acc (vm, a, n, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.frame, 0);
  /* Free the last frame's page (with one frame, page n is there now):
   * the next page takes that frame. */
  vm_unmap (vm, a, n == 1 ? n : n - 1, 1);
  ck_assert_uint_eq (vm_frames_used (vm), n - 1);
  ck_assert_int_eq (t_acc (vm, a, n + 1, VM_READ, &ev), VM_MINOR);
  ck_assert (!ev.evicted);
  ck_assert_uint_eq (ev.frame, n == 1 ? 0 : n - 1);
  ck_assert_uint_eq (vm_frames_used (vm), n);
  vm_free (vm);
}
END_TEST

START_TEST (test_max_frames)
{
  struct vm_config c;
  const char *why = NULL;
  vm_config_default (&c);
  c.frames = VM_MAX_FRAMES + 1;
  ck_assert (!vm_config_check (&c, &why));
  ck_assert_ptr_nonnull (why);
  c.frames = UINT32_MAX;
  ck_assert (!vm_config_check (&c, &why));
  c.frames = VM_MAX_FRAMES;
  ck_assert (vm_config_check (&c, &why));
}
END_TEST

START_TEST (test_lru_shared_hit_counts)
{
  /* LRU: every access counts, a minor fault that finds the page already in
   * memory (another process mapped it) included.  A reads file page 0,
   * then its anonymous pages 1 and 2 fill the 3 frames; B's first touch of
   * file page 0 is a use, so the next victim is A's page 1, not page 0. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 3);
  uint32_t obj = vm_object_new_file (vm, "lib", 1);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 0x40, 1, RO | VM_MAP_FILE | VM_MAP_SHARED, obj, 0, 0);
  t_map_at (vm, b, 0x40, 1, RO | VM_MAP_FILE | VM_MAP_SHARED, obj, 0, 0);
  t_map (vm, a, 0x10, 3, RW);
  ck_assert_int_eq (t_as (vm, a, 0x40, VM_READ, &ev), VM_MAJOR);
  t_as (vm, a, 0x10, VM_READ, &ev);
  t_as (vm, a, 0x11, VM_READ, &ev);
  ck_assert_int_eq (t_as (vm, b, 0x40, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  t_as (vm, a, 0x12, VM_READ, &ev);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_pid, a);
  ck_assert_uint_eq (ev.victim_vpn, 0x10);
  vm_free (vm);
}
END_TEST

Suite *
engine_edge_suite (void)
{
  Suite *s = suite_create ("engine-edge");
  TCase *tc = tcase_create ("tlb-uses");
  tcase_add_loop_test (tc, test_tlb_same_victims, 0, VM_POLICY_COUNT);
  tcase_add_test (tc, test_tlb_write_sets_dirty);
  tcase_add_test (tc, test_tlb_write_after_swapin);
  tcase_add_test (tc, test_lru_write_counts);
  suite_add_tcase (s, tc);
  tc = tcase_create ("cow-edges");
  tcase_add_test (tc, test_protect_cow_stays_cow);
  tcase_add_test (tc, test_protect_splits);
  tcase_add_test (tc, test_unmap_cow_parent);
  tcase_add_test (tc, test_fork_private_file);
  tcase_add_test (tc, test_shm_swapped);
  tcase_add_test (tc, test_file_written_seen_by_other);
  suite_add_tcase (s, tc);
  tc = tcase_create ("robust");
  tcase_add_test (tc, test_bad_pids);
  tcase_add_test (tc, test_default_costs);
  tcase_add_test (tc, test_clock_hand_after_exit);
  tcase_add_test (tc, test_random_tlb_reproducible);
  tcase_add_test (tc, test_tlb_flushed_on_eviction);
  tcase_add_test (tc, test_opt_two_procs);
  tcase_add_test (tc, test_mlock_swapped_then_faulted);
  tcase_add_test (tc, test_mlock_not_inherited);
  tcase_add_test (tc, test_names_copied);
  tcase_add_test (tc, test_clone_deep);
  tcase_add_test (tc, test_accessors_out_of_range);
  tcase_add_test (tc, test_tlb_keeps_permissions);
  tcase_add_test (tc, test_asid_exit_new_process);
  tcase_add_test (tc, test_cow_after_tlb_fill);
  tcase_add_test (tc, test_lru_shared_hit_counts);
  tcase_add_test (tc, test_private_file_write_full_memory);
  tcase_add_test (tc, test_ptif_one_eviction);
  tcase_add_loop_test (tc, test_next_use_only_for_opt, 0, 5);
  tcase_add_test (tc, test_random_few_candidates);
  tcase_add_loop_test (tc, test_local_scope_no_own_pages, 0, VM_POLICY_COUNT);
  tcase_add_test (tc, test_opt_pinned_and_ties);
  tcase_add_loop_test (tc, test_frame_counts, 0, 9);
  tcase_add_test (tc, test_max_frames);
  suite_add_tcase (s, tc);
  return s;
}
