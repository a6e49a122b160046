/* check_engine_proc.c: processes: vm_map errors, fork and copy-on-write,
 * SIGSEGV, vm_protect. */
#include <config.h>

#include <string.h>

#include "check_engine.h"

/* ------------------------------------------------------------------ */
/* vm_map.                                                             */

START_TEST (test_map_errors)
{
  const char *why = NULL;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 8, RW);
  /* Overlaps. */
  ck_assert_int_eq (vm_map (vm, a, 0x17, 2, RW, VM_NONE, 0, 0, "x", &why), -1);
  ck_assert_ptr_nonnull (why);
  why = NULL;
  ck_assert_int_eq (vm_map (vm, a, 0x8, 9, RW, VM_NONE, 0, 0, "x", &why), -1);
  ck_assert_ptr_nonnull (why);
  ck_assert_int_eq (vm_map (vm, a, 0x12, 1, RW, VM_NONE, 0, 0, "x", &why), -1);
  /* Adjacent is fine. */
  t_map_at (vm, a, 0x18, 2, RW, VM_NONE, 0, 0);
  t_map_at (vm, a, 0x8, 8, RW, VM_NONE, 0, 0);
  /* Leaving the 2^20-page address space. */
  why = NULL;
  ck_assert_int_eq (vm_map (vm, a, 0xfffff, 2, RW, VM_NONE, 0, 0, "x", &why),
                    -1);
  ck_assert_ptr_nonnull (why);
  ck_assert_int_eq (vm_map (vm, a, 0x100000, 1, RW, VM_NONE, 0, 0, "x", &why),
                    -1);
  t_map_at (vm, a, 0xfffff, 1, RW, VM_NONE, 0, 0);
  /* The same range in another process is fine. */
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, b, 0x10, 8, RW, VM_NONE, 0, 0);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.nregions, 4);
  ck_assert_uint_eq (pi.vsz_pages, 19);
  ck_assert_str_eq (pi.name, "a");
  ck_assert_uint_eq (pi.parent, VM_NONE);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Fork and copy-on-write.                                             */

START_TEST (test_fork_cow)
{
  struct vm_event ev;
  struct vm_page_info pi;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  const struct vm_stats *st = vm_stats (vm);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev); /* F0 */
  t_as (vm, a, 0x11, VM_WRITE, &ev); /* F1 */
  t_as (vm, a, 0x12, VM_READ, &ev);  /* F2 */
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_uint_ne (b, VM_NONE);
  ck_assert_uint_ne (b, a);
  ck_assert_uint_eq (vm_nprocs (vm), 2);
  struct vm_proc_info pr;
  ck_assert (vm_proc_info (vm, b, &pr));
  ck_assert_uint_eq (pr.parent, a);
  ck_assert_str_eq (pr.name, "b");
  ck_assert (pr.alive);
  ck_assert_uint_eq (pr.rss_pages, 3);
  ck_assert_uint_eq (vm_frames_used (vm), 3);

  vm_page_info (vm, a, 0x10, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_RESIDENT);
  ck_assert_uint_eq (pi.frame, 0);
  ck_assert (pi.bits & VM_PTE_COW);
  ck_assert (!(pi.bits & VM_PTE_W));
  ck_assert (pi.shared);
  vm_page_info (vm, b, 0x10, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_RESIDENT);
  ck_assert_uint_eq (pi.frame, 0);
  ck_assert (pi.bits & VM_PTE_COW);
  ck_assert (pi.shared);
  vm_frame_info (vm, 0, &fi);
  ck_assert_uint_eq (fi.nowners, 2);

  /* b reads a page a had resident: a hit. */
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  /* b writes it: copy to the lowest free frame. */
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 3);
  ck_assert_uint_eq (st->cow_faults, 1);
  ck_assert_uint_eq (st->cow_copies, 1);
  vm_frame_info (vm, 0, &fi);
  ck_assert_uint_eq (fi.nowners, 1);
  ck_assert_uint_eq (fi.owner_pid, a);
  vm_frame_info (vm, 3, &fi);
  ck_assert_uint_eq (fi.nowners, 1);
  ck_assert_uint_eq (fi.owner_pid, b);
  ck_assert_uint_eq (fi.owner_vpn, 0x10);
  vm_page_info (vm, b, 0x10, &pi);
  ck_assert (!(pi.bits & VM_PTE_COW));
  ck_assert (pi.bits & VM_PTE_W);
  ck_assert (!pi.shared);

  /* a writes: sole owner now, made writable without a copy. */
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (st->cow_faults, 2);
  ck_assert_uint_eq (st->cow_copies, 1);
  vm_page_info (vm, a, 0x10, &pi);
  ck_assert (!(pi.bits & VM_PTE_COW));
  ck_assert (pi.bits & VM_PTE_W);
  ck_assert (!pi.shared);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_HIT);

  /* The other order on page 0x11. */
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 4);
  ck_assert_int_eq (t_as (vm, b, 0x11, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);

  /* A page nobody touched: plain zero-fill in the child. */
  ck_assert_int_eq (t_as (vm, b, 0x13, VM_WRITE, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 5);

  ck_assert_uint_eq (st->accesses, 10);
  ck_assert_uint_eq (st->hits, 2);
  ck_assert_uint_eq (st->minor_faults, 4);
  ck_assert_uint_eq (st->cow_faults, 4);
  ck_assert_uint_eq (st->faults, 8);
  ck_assert_uint_eq (vm_frames_used (vm), 6);
  vm_free (vm);
}
END_TEST

START_TEST (test_fork_tlb)
{
  /* With a TLB, a's writable entry must not survive the fork. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  vm_switch (vm, a);
  t_acc (vm, a, 0x10, VM_WRITE, &ev);
  ck_assert_int_eq (t_acc (vm, a, 0x10, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_int_eq (t_acc (vm, a, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  /* A read by the child: a hit after a TLB miss. */
  vm_switch (vm, b);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  /* The child's read filled the TLB, but its write is still COW (sole
   * owner now: no copy). */
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_fork_shared_mapping)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t obj = vm_object_new_shm (vm, "shm", 2);
  uint32_t a = vm_proc_new (vm, "a");
  t_map_at (vm, a, 0x20, 2, RW | VM_MAP_SHARED, obj, 0, 0);
  t_as (vm, a, 0x20, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_int_eq (t_as (vm, b, 0x20, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, a, 0x20, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  /* b touches the second page first: a finds it shared. */
  ck_assert_int_eq (t_as (vm, b, 0x21, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_int_eq (t_as (vm, a, 0x21, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (vm_stats (vm)->cow_faults, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_fork_child_dies)
{
  /* The child segfaults: shared frames stay with the parent, whose write
   * then needs no copy. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  t_as (vm, b, 0x11, VM_WRITE, &ev); /* b's own page: frame 1 */
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_int_eq (t_as (vm, b, 0x999, VM_READ, &ev), VM_SEGV);
  ck_assert_uint_eq (vm_frames_used (vm), 1);
  struct vm_frame_info fi;
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.used);
  ck_assert_uint_eq (fi.nowners, 1);
  ck_assert_uint_eq (fi.owner_pid, a);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* SIGSEGV.                                                            */

START_TEST (test_segv_unmapped_kills)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  const struct vm_stats *st = vm_stats (vm);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, a, 0x10, 2, RW);
  t_map (vm, b, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev);
  ck_assert_uint_eq (vm_frames_used (vm), 2);
  ck_assert_int_eq (t_as (vm, a, 0x500, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_UNMAPPED);
  ck_assert_uint_eq (ev.frame, VM_NONE);
  ck_assert_uint_eq (ev.pa, VM_NEVER);
  ck_assert_uint_eq (st->segfaults, 1);
  ck_assert_uint_eq (st->faults, 2);
  ck_assert_uint_eq (st->accesses, 3);
  ck_assert_uint_eq (st->hits, 0);
  /* a is dead and its frames are free. */
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert (!pi.alive);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_DEAD);
  /* b runs on. */
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert (vm_proc_info (vm, b, &pi));
  ck_assert (pi.alive);
  vm_free (vm);
}
END_TEST

START_TEST (test_segv_write)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RO);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  ck_assert_uint_eq (vm_stats (vm)->segfaults, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  /* Never-touched page, write: also a write violation. */
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, b, 0x10, 2, RX);
  ck_assert_int_eq (t_as (vm, b, 0x11, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  vm_free (vm);
}
END_TEST

START_TEST (test_segv_exec)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_EXEC, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_EXEC);
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, b, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_WRITE, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_EXEC, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_EXEC);
  /* r-x: exec and read fine. */
  uint32_t c = vm_proc_new (vm, "c");
  t_map (vm, c, 0x10, 2, RX);
  ck_assert_int_eq (t_as (vm, c, 0x10, VM_EXEC, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, c, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_as (vm, c, 0x10, VM_EXEC, &ev), VM_HIT);
  ck_assert_uint_eq (vm_stats (vm)->segfaults, 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_segv_read)
{
  /* --x region: a read is refused. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, VM_PERM_X | VM_PERM_U);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_READ);
  vm_free (vm);
}
END_TEST

START_TEST (test_protect)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_WRITE, &ev), VM_MINOR);
  vm_protect (vm, a, 0x11, 1, RO);
  struct vm_page_info pi;
  vm_page_info (vm, a, 0x11, &pi);
  ck_assert (!(pi.bits & VM_PTE_W));
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  vm_free (vm);
}
END_TEST

START_TEST (test_protect_tlb)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  vm_protect (vm, a, 0x10, 4, RO);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_WRITE);
  vm_free (vm);
}
END_TEST

START_TEST (test_protect_grant)
{
  /* r-- then rw-: the resident page becomes writable. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RO);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  vm_protect (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_WRITE, &ev), VM_MINOR);
  struct vm_region_info ri;
  ck_assert (vm_region_info (vm, a, 0, &ri));
  ck_assert_uint_eq (ri.perm & (VM_PERM_R | VM_PERM_W | VM_PERM_X),
                     VM_PERM_R | VM_PERM_W);
  vm_free (vm);
}
END_TEST

Suite *
engine_proc_suite (void)
{
  Suite *s = suite_create ("engine-proc");
  TCase *tc = tcase_create ("fork");
  tcase_add_test (tc, test_map_errors);
  tcase_add_test (tc, test_fork_cow);
  tcase_add_test (tc, test_fork_tlb);
  tcase_add_test (tc, test_fork_shared_mapping);
  tcase_add_test (tc, test_fork_child_dies);
  suite_add_tcase (s, tc);
  tc = tcase_create ("segv");
  tcase_add_test (tc, test_segv_unmapped_kills);
  tcase_add_test (tc, test_segv_write);
  tcase_add_test (tc, test_segv_exec);
  tcase_add_test (tc, test_segv_read);
  tcase_add_test (tc, test_protect);
  tcase_add_test (tc, test_protect_tlb);
  tcase_add_test (tc, test_protect_grant);
  suite_add_tcase (s, tc);
  return s;
}
