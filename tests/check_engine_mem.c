/* check_engine_mem.c: swap, file and shared mappings, mlock, the OOM
 * killer, vm_exit and vm_unmap. */
#include <config.h>

#include <string.h>

#include "check_engine.h"

/* ------------------------------------------------------------------ */
/* Swap.                                                               */

START_TEST (test_swap_dirty_clean)
{
  /* fifo, 2 frames, one process. */
  struct vm_event ev;
  struct vm_page_info pi;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 2);
  uint32_t pid = t_refs_proc (vm, "refs");
  const struct vm_stats *st = vm_stats (vm);

  /* s0: write 0 -> F0.  s1: read 1 -> F1. */
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_WRITE, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_acc (vm, pid, 1, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 1);
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.dirty);
  vm_frame_info (vm, 1, &fi);
  ck_assert (!fi.dirty);

  /* s2: read 2 evicts dirty 0 to slot 0. */
  ck_assert_int_eq (t_acc (vm, pid, 2, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.victim_pid, pid);
  ck_assert_uint_eq (ev.victim_frame, 0);
  ck_assert (ev.victim_dirty);
  ck_assert (!ev.victim_file);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_uint_eq (st->swap_outs, 1);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 1);
  uint32_t spid = VM_NONE;
  uint64_t svpn = 77;
  ck_assert (vm_swap_info (vm, 0, &spid, &svpn));
  ck_assert_uint_eq (spid, pid);
  ck_assert_uint_eq (svpn, 0);
  ck_assert (!vm_swap_info (vm, 1, &spid, &svpn));
  vm_page_info (vm, pid, 0, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_SWAPPED);
  ck_assert_uint_eq (pi.slot, 0);
  ck_assert_uint_eq (pi.frame, VM_NONE);
  ck_assert (pi.bits & VM_PTE_S);
  ck_assert (!(pi.bits & VM_PTE_P));
  struct vm_proc_info pr;
  ck_assert (vm_proc_info (vm, pid, &pr));
  ck_assert_uint_eq (pr.rss_pages, 2);
  ck_assert_uint_eq (pr.swap_pages, 1);

  /* s3: read 0: major from slot 0 into F1, evicting clean 1 (dropped). */
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 0);
  ck_assert (!ev.zero_fill && !ev.file_read);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 1);
  ck_assert (!ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, VM_NONE);
  ck_assert_uint_eq (st->swap_ins, 1);
  ck_assert_uint_eq (st->swap_outs, 1);
  vm_frame_info (vm, 1, &fi);
  ck_assert_uint_eq (fi.swap_slot, 0); /* kept as swap cache */
  ck_assert (!fi.dirty);
  vm_page_info (vm, pid, 1, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_NOT_PRESENT);

  /* s4: read 1: dropped, so zero-fill again (F0, evicting clean 2). */
  ck_assert_int_eq (t_acc (vm, pid, 1, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_uint_eq (ev.swap_in_slot, VM_NONE);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.victim_vpn, 2);
  ck_assert (!ev.victim_dirty);

  /* s5: read 3 evicts 0 (F1), clean but in swap cache: nothing written. */
  ck_assert_int_eq (t_acc (vm, pid, 3, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert (!ev.victim_dirty);
  ck_assert_uint_eq (st->swap_outs, 1);
  vm_page_info (vm, pid, 0, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_SWAPPED);
  ck_assert_uint_eq (pi.slot, 0);

  /* s6: read 0: major again from slot 0 (F0, evicting 1). */
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 0);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.victim_vpn, 1);
  ck_assert_uint_eq (st->swap_ins, 2);

  /* s7: write 0 (hit): now dirty.  s8: read 4 evicts 3 (F1). */
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_WRITE, &ev), VM_HIT);
  ck_assert_int_eq (t_acc (vm, pid, 4, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.victim_vpn, 3);
  ck_assert_uint_eq (ev.frame, 1);

  /* s9: read 5 evicts dirty 0: written to the same slot 0. */
  ck_assert_int_eq (t_acc (vm, pid, 5, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_uint_eq (st->swap_outs, 2);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 1);

  ck_assert_uint_eq (st->accesses, 10);
  ck_assert_uint_eq (st->hits, 1);
  ck_assert_uint_eq (st->minor_faults, 7);
  ck_assert_uint_eq (st->major_faults, 2);
  ck_assert_uint_eq (st->faults, 9);
  ck_assert_uint_eq (st->evictions, 7);
  ck_assert_uint_eq (st->swap_ins, 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_swap_lowest_slot)
{
  /* fifo, 1 frame: every new page evicts the previous one. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  ck_assert_uint_eq (a, 0);
  ck_assert_uint_eq (b, 1);
  t_as (vm, a, 0, VM_WRITE, &ev);
  t_as (vm, b, 0, VM_WRITE, &ev); /* a0 -> slot 0 */
  ck_assert_uint_eq (ev.victim_pid, a);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  t_as (vm, a, 1, VM_WRITE, &ev); /* b0 -> slot 1 */
  ck_assert_uint_eq (ev.victim_pid, b);
  ck_assert_uint_eq (ev.victim_swap_slot, 1);
  t_as (vm, b, 1, VM_WRITE, &ev); /* a1 -> slot 2 */
  ck_assert_uint_eq (ev.victim_pid, a);
  ck_assert_uint_eq (ev.victim_vpn, 1);
  ck_assert_uint_eq (ev.victim_swap_slot, 2);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 3);

  vm_exit (vm, a); /* frees slots 0 and 2 */
  ck_assert_uint_eq (vm_swap_slots_used (vm), 1);
  uint32_t pid;
  uint64_t vpn;
  ck_assert (!vm_swap_info (vm, 0, &pid, &vpn));
  ck_assert (vm_swap_info (vm, 1, &pid, &vpn));
  ck_assert_uint_eq (pid, b);
  ck_assert_uint_eq (vpn, 0);

  t_as (vm, b, 2, VM_WRITE, &ev); /* b1 -> slot 0 (lowest free) */
  ck_assert_uint_eq (ev.victim_vpn, 1);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  t_as (vm, b, 3, VM_WRITE, &ev); /* b2 -> slot 2 */
  ck_assert_uint_eq (ev.victim_swap_slot, 2);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 3);
  t_as (vm, b, 0, VM_READ, &ev); /* b0 back from slot 1 */
  ck_assert_int_eq (ev.result, VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 1);
  ck_assert_uint_eq (ev.victim_swap_slot, 3); /* b3 dirty */
  vm_free (vm);
}
END_TEST

START_TEST (test_swap_bounded_oom)
{
  /* 2 frames, 1 swap slot, all pages dirty: the second dirty eviction
   * finds no slot; the only process is killed. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 2;
  c.swap_slots = 1;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  t_acc (vm, pid, 0, VM_WRITE, &ev);
  t_acc (vm, pid, 1, VM_WRITE, &ev);
  ck_assert_int_eq (t_acc (vm, pid, 2, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_int_eq (t_acc (vm, pid, 3, VM_WRITE, &ev), VM_OOM);
  ck_assert_uint_eq (ev.oom_killed, pid);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_no_swap_clean_ok)
{
  /* No swap device: clean pages are still dropped and reloaded. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 2;
  c.swap_slots = 0;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  static const uint64_t refs[] = { 0, 1, 2, 0, 1, 2 };
  ck_assert_uint_eq (t_run_refs (vm, pid, refs, 6, NULL), 6);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 0);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 0);
  ck_assert_int_eq (t_acc (vm, pid, 3, VM_READ, &ev), VM_MINOR);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Files and shared memory.                                            */

START_TEST (test_file_major_then_shared)
{
  struct vm_event ev;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t obj = vm_object_new_file (vm, "lib.so", 8);
  ck_assert_uint_ne (obj, VM_NONE);
  ck_assert_uint_eq (vm_object_find (vm, "lib.so"), obj);
  ck_assert_uint_eq (vm_object_find (vm, "nope"), VM_NONE);
  ck_assert_str_eq (vm_object_name (vm, obj), "lib.so");
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  /* a: file pages 2..5 at 0x400; b: file pages 3..6 at 0x800. */
  t_map_at (vm, a, 0x400, 4, RX | VM_MAP_FILE, obj, 2, 0);
  t_map_at (vm, b, 0x800, 4, RX | VM_MAP_FILE, obj, 3, 0);
  struct vm_region_info ri;
  ck_assert (vm_region_info (vm, a, 0, &ri));
  ck_assert_uint_eq (ri.start_vpn, 0x400);
  ck_assert_uint_eq (ri.pages, 4);
  ck_assert_uint_eq (ri.object, obj);
  ck_assert_uint_eq (ri.object_page, 2);

  /* a touches file page 3. */
  ck_assert_int_eq (t_as (vm, a, 0x401, VM_EXEC, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert (!ev.zero_fill);
  ck_assert_uint_eq (ev.swap_in_slot, VM_NONE);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (vm_stats (vm)->file_reads, 1);
  ck_assert_uint_eq (vm_stats (vm)->major_faults, 1);
  ck_assert_uint_eq (vm_stats (vm)->swap_ins, 0);
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.file);
  ck_assert_uint_eq (fi.object, obj);
  ck_assert_uint_eq (fi.object_page, 3);
  ck_assert_int_eq (t_as (vm, a, 0x401, VM_READ, &ev), VM_HIT);

  /* b's 0x800 is the same file page: minor, same frame. */
  ck_assert_int_eq (t_as (vm, b, 0x800, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert (!ev.file_read);
  ck_assert (!ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 0);
  vm_frame_info (vm, 0, &fi);
  ck_assert_uint_eq (fi.nowners, 2);
  ck_assert_uint_eq (vm_stats (vm)->file_reads, 1);
  ck_assert_uint_eq (vm_stats (vm)->minor_faults, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 1);
  struct vm_page_info pi;
  vm_page_info (vm, b, 0x800, &pi);
  ck_assert (pi.shared);
  ck_assert_uint_eq (pi.frame, 0);

  /* b's 0x801 (file page 4) is not in memory: a file read. */
  ck_assert_int_eq (t_as (vm, b, 0x801, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert_uint_eq (ev.frame, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_file_clean_dropped)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t obj = vm_object_new_file (vm, "data", 4);
  uint32_t a = vm_proc_new (vm, "a");
  t_map_at (vm, a, 0x400, 4, RO | VM_MAP_FILE, obj, 0, 0);
  t_map (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_READ, &ev), VM_MAJOR);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_WRITE, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 0x400);
  ck_assert (ev.victim_file);
  ck_assert (!ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, VM_NONE);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 0);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert_uint_eq (ev.swap_in_slot, VM_NONE);
  ck_assert_uint_eq (vm_stats (vm)->file_reads, 2);
  /* The anonymous page went to swap, not to the file. */
  ck_assert (ev.victim_dirty);
  ck_assert (!ev.victim_file);
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_file_shared_writeback)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t obj = vm_object_new_file (vm, "db", 4);
  uint32_t a = vm_proc_new (vm, "a");
  t_map_at (vm, a, 0x400, 4, RW | VM_MAP_FILE | VM_MAP_SHARED, obj, 0, 0);
  t_map (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_WRITE, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert (!ev.cow_copy);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert (ev.victim_file);
  ck_assert (ev.victim_dirty);
  ck_assert_uint_eq (ev.victim_swap_slot, VM_NONE);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 1);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.file_read);
  ck_assert_uint_eq (vm_stats (vm)->file_reads, 2);
  ck_assert_uint_eq (vm_stats (vm)->swap_ins, 0);
  /* Evicting it clean now writes nothing. */
  t_as (vm, a, 0x11, VM_READ, &ev);
  ck_assert (ev.victim_file);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_file_private_cow)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t obj = vm_object_new_file (vm, "conf", 4);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 0x400, 4, RW | VM_MAP_FILE, obj, 0, 0);
  t_map_at (vm, b, 0x800, 4, RO | VM_MAP_FILE, obj, 0, 0);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, b, 0x800, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (vm_stats (vm)->cow_faults, 1);
  ck_assert_uint_eq (vm_stats (vm)->cow_copies, 1);
  ck_assert_int_eq (t_as (vm, a, 0x400, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 1);
  /* b still sees the file's page, not a's copy. */
  ck_assert_int_eq (t_as (vm, b, 0x800, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  struct vm_frame_info fi;
  vm_frame_info (vm, 1, &fi);
  ck_assert (!fi.file);
  ck_assert_uint_eq (fi.owner_pid, a);
  ck_assert_uint_eq (fi.nowners, 1);
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.file);
  ck_assert_uint_eq (fi.owner_pid != VM_NONE, 1);
  /* a alone maps file page 2: a private write must still copy (the
   * file's page may not change). */
  ck_assert_int_eq (t_as (vm, a, 0x402, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_int_eq (t_as (vm, a, 0x402, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 3);
  /* A write to a private file page never read: also a copy. */
  t_as (vm, a, 0x401, VM_WRITE, &ev);
  ck_assert_msg (ev.result == VM_MAJOR || ev.result == VM_COW,
                 "write to an unread private file page: %s",
                 vm_result_name (ev.result));
  ck_assert (ev.cow_copy);
  vm_free (vm);
}
END_TEST

START_TEST (test_shm_shared)
{
  struct vm_event ev;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t obj = vm_object_new_shm (vm, "shm", 4);
  ck_assert_uint_ne (obj, VM_NONE);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 0x100, 4, RW | VM_MAP_SHARED, obj, 0, 0);
  t_map_at (vm, b, 0x200, 4, RW | VM_MAP_SHARED, obj, 0, 0);
  ck_assert_int_eq (t_as (vm, a, 0x101, VM_WRITE, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert (!ev.shared_hit);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, b, 0x201, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.shared_hit);
  ck_assert (!ev.zero_fill);
  ck_assert_uint_eq (ev.frame, 0);
  vm_frame_info (vm, 0, &fi);
  ck_assert_uint_eq (fi.nowners, 2);
  ck_assert_uint_eq (fi.object, obj);
  ck_assert_uint_eq (fi.object_page, 1);
  /* Writes to a shared mapping are not copy-on-write. */
  ck_assert_int_eq (t_as (vm, b, 0x201, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, a, 0x101, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->minor_faults, 2);
  ck_assert_uint_eq (st->zero_fills, 1);
  ck_assert_uint_eq (st->cow_faults, 0);
  ck_assert_uint_eq (vm_frames_used (vm), 1);
  /* b exits: the frame stays for a. */
  vm_exit (vm, b);
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.used);
  ck_assert_uint_eq (fi.nowners, 1);
  ck_assert_int_eq (t_as (vm, a, 0x101, VM_READ, &ev), VM_HIT);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* mlock.                                                              */

START_TEST (test_mlock_fifo_later)
{
  /* Page 0 locked before it is touched: fifo cycles 1..5 around it. */
  static const uint64_t refs[] = { 0, 1, 2, 3, 4, 5, 0 };
  static const uint64_t victims[] = { 0, 0, 0, 1, 2, 3, 0 };
  static const uint32_t frames[] = { 0, 1, 2, 1, 2, 1, 0 };
  struct vm_event evs[7];
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  vm_mlock (vm, pid, 0, 1, true);
  t_run_refs (vm, pid, refs, 7, evs);
  for (int i = 0; i < 7; i++)
    {
      ck_assert_uint_eq (evs[i].frame, frames[i]);
      if (i >= 3 && i < 6)
        {
          ck_assert (evs[i].evicted);
          ck_assert_uint_eq (evs[i].victim_vpn, victims[i]);
        }
    }
  ck_assert_int_eq (evs[6].result, VM_HIT);
  struct vm_frame_info fi;
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.pinned);
  struct vm_page_info pi;
  vm_page_info (vm, pid, 0, &pi);
  ck_assert (pi.bits & VM_PTE_L);
  vm_free (vm);
}
END_TEST

START_TEST (test_mlock_lru_resident_unlock)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  static const uint64_t first[] = { 0, 1, 2 };
  t_run_refs (vm, pid, first, 3, NULL);
  vm_mlock (vm, pid, 0, 1, true); /* page 0 is resident in F0 */
  static const uint64_t vict[] = { 1, 2, 3, 4 };
  for (uint64_t p = 3; p <= 6; p++)
    {
      t_acc (vm, pid, p, VM_READ, &ev);
      ck_assert (ev.evicted);
      ck_assert_uint_eq (ev.victim_vpn, vict[p - 3]);
      ck_assert_uint_ne (ev.frame, 0);
    }
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_HIT); /* step 7 */
  vm_mlock (vm, pid, 0, 1, false);
  struct vm_frame_info fi;
  vm_frame_info (vm, 0, &fi);
  ck_assert (!fi.pinned);
  ck_assert_int_eq (t_acc (vm, pid, 5, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_acc (vm, pid, 6, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_acc (vm, pid, 7, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.victim_vpn, 0); /* least recently used now */
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_map_locked_flag)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 2);
  uint32_t a = vm_proc_new (vm, "a");
  t_map_at (vm, a, 0x10, 2, RW | VM_MAP_LOCKED, VM_NONE, 0, 0);
  t_map (vm, a, 0x20, 8, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  for (uint64_t p = 0x20; p < 0x28; p++)
    {
      t_as (vm, a, p, VM_READ, &ev);
      ck_assert_uint_eq (ev.frame, 1);
      if (ev.evicted)
        ck_assert_uint_eq (ev.victim_vpn, p - 1);
    }
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_HIT);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* OOM.                                                                */

START_TEST (test_oom_self)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 2);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  vm_mlock (vm, a, 0x10, 4, true);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_READ, &ev);
  ck_assert_int_eq (t_as (vm, a, 0x12, VM_READ, &ev), VM_OOM);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 1);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert (!pi.alive);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_DEAD);
  vm_free (vm);
}
END_TEST

START_TEST (test_oom_other)
{
  /* a holds 3 locked frames, b 1; b needs a page: a is killed and b's
   * access proceeds in a's lowest freed frame. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 4);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, a, 0x10, 4, RW);
  t_map (vm, b, 0x10, 4, RW);
  vm_mlock (vm, a, 0x10, 4, true);
  vm_mlock (vm, b, 0x10, 4, true);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev);
  t_as (vm, a, 0x12, VM_WRITE, &ev);
  t_as (vm, b, 0x10, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 3);
  ck_assert_int_eq (t_as (vm, b, 0x11, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 1);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert (!pi.alive);
  ck_assert (vm_proc_info (vm, b, &pi));
  ck_assert (pi.alive);
  ck_assert_uint_eq (pi.rss_pages, 2);
  ck_assert_uint_eq (vm_frames_used (vm), 2);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.oom_killed, VM_NONE);
  vm_free (vm);
}
END_TEST

START_TEST (test_oom_no_swap_dirty)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 2;
  c.swap_slots = 0;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "a");
  t_acc (vm, pid, 0, VM_WRITE, &ev);
  t_acc (vm, pid, 1, VM_WRITE, &ev);
  ck_assert_int_eq (t_acc (vm, pid, 2, VM_READ, &ev), VM_OOM);
  ck_assert_uint_eq (ev.oom_killed, pid);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 1);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 0);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* vm_exit, vm_unmap.                                                  */

START_TEST (test_exit_frees)
{
  struct vm_event ev;
  struct vm_frame_info fi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  ck_assert_uint_eq (vm_nprocs (vm), 2);
  ck_assert_uint_eq (vm_proc_find (vm, "b"), b);
  ck_assert_uint_eq (vm_proc_find (vm, "zz"), VM_NONE);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 2);
  t_map (vm, a, 0x10, 4, RW);
  t_map (vm, b, 0x10, 4, RW);
  for (uint64_t p = 0x10; p < 0x13; p++)
    t_as (vm, a, p, VM_WRITE, &ev);
  t_as (vm, b, 0x10, VM_WRITE, &ev);
  t_as (vm, b, 0x11, VM_WRITE, &ev);
  ck_assert_uint_eq (vm_frames_used (vm), 5);
  /* Each: a root and one leaf table (index[0] = 0). */
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 4);

  vm_exit (vm, a);
  ck_assert_uint_eq (vm_frames_used (vm), 2);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 2);
  for (uint32_t f = 0; f < 3; f++)
    {
      vm_frame_info (vm, f, &fi);
      ck_assert (!fi.used);
    }
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert (!pi.alive);
  ck_assert_uint_eq (pi.rss_pages, 0);
  ck_assert_int_eq (t_as (vm, b, 0x12, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_DEAD);
  ck_assert_uint_eq (vm_fork (vm, a, "zombie"), VM_NONE);
  vm_free (vm);
}
END_TEST

START_TEST (test_unmap_frees)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev); /* 0x10 -> slot 0 */
  ck_assert_uint_eq (vm_swap_slots_used (vm), 1);
  vm_unmap (vm, a, 0x10, 4);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  struct vm_page_info pi;
  vm_page_info (vm, a, 0x11, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_UNMAPPED);
  struct vm_proc_info pr;
  ck_assert (vm_proc_info (vm, a, &pr));
  ck_assert_uint_eq (pr.nregions, 0);
  /* Map again: fresh zero-filled pages. */
  t_map (vm, a, 0x10, 2, RW);
  ck_assert_int_eq (t_as (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  vm_free (vm);
}
END_TEST

START_TEST (test_unmap_middle)
{
  /* Unmapping the middle of a region splits it. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 8, RW);
  vm_unmap (vm, a, 0x12, 2);
  struct vm_proc_info pr;
  ck_assert (vm_proc_info (vm, a, &pr));
  ck_assert_uint_eq (pr.nregions, 2);
  ck_assert_uint_eq (pr.vsz_pages, 6);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x14, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (t_as (vm, a, 0x12, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_UNMAPPED);
  vm_free (vm);
}
END_TEST

Suite *
engine_mem_suite (void)
{
  Suite *s = suite_create ("engine-mem");
  TCase *tc = tcase_create ("swap");
  tcase_add_test (tc, test_swap_dirty_clean);
  tcase_add_test (tc, test_swap_lowest_slot);
  tcase_add_test (tc, test_swap_bounded_oom);
  tcase_add_test (tc, test_no_swap_clean_ok);
  suite_add_tcase (s, tc);
  tc = tcase_create ("objects");
  tcase_add_test (tc, test_file_major_then_shared);
  tcase_add_test (tc, test_file_clean_dropped);
  tcase_add_test (tc, test_file_shared_writeback);
  tcase_add_test (tc, test_file_private_cow);
  tcase_add_test (tc, test_shm_shared);
  suite_add_tcase (s, tc);
  tc = tcase_create ("mlock-oom");
  tcase_add_test (tc, test_mlock_fifo_later);
  tcase_add_test (tc, test_mlock_lru_resident_unlock);
  tcase_add_test (tc, test_map_locked_flag);
  tcase_add_test (tc, test_oom_self);
  tcase_add_test (tc, test_oom_other);
  tcase_add_test (tc, test_oom_no_swap_dirty);
  suite_add_tcase (s, tc);
  tc = tcase_create ("exit-unmap");
  tcase_add_test (tc, test_exit_frees);
  tcase_add_test (tc, test_unmap_frees);
  tcase_add_test (tc, test_unmap_middle);
  suite_add_tcase (s, tc);
  return s;
}
