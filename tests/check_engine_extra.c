/* check_engine_extra.c: rules from the man page's ENGINE RULES and
 * POLICIES sections: sc-dirty, local scope, page tables in frames, huge
 * pages never victims, the OOM killer's choice, and TLB coherence after
 * copy-on-write and shared evictions. */
#include <config.h>

#include <string.h>

#include "check_engine.h"

/* ------------------------------------------------------------------ */
/* sc-dirty (enhanced second chance).                                  */

START_TEST (test_sc_dirty)
{
  /* 3 frames.  w1 r2 r3 fill F0 (dirty), F1, F2, all referenced, hand 0.
   * r4: no (0,0); the dirty sweep clears all bits and finds none; again:
   *     F0 is (0,1), F1 (0,0): victim page 2 (F1), hand 2.
   * r5: F2 is (0,0): victim 3, hand 0.
   * r6: F0 (0,1), F1 (1,0), F2 (1,0): no (0,0); dirty sweep: F0 at once:
   *     victim 1, dirty -> swap slot 0, hand 1.
   * r7: all (1,0): none; sweep clears F1, F2, F0; again F1 (0,0): victim 4
   *     (F1), hand 2. */
  static const uint64_t refs[] = { 1, 2, 3, 4, 5, 6, 7 };
  static const char ops[] = "wrrrrrr";
  struct vm_event evs[7];
  struct vm *vm = t_new_policy (VM_POLICY_SC_DIRTY, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_ops (vm, pid, refs, ops, 3, evs);
  ck_assert_uint_eq (vm_clock_hand (vm), 0);

  t_run_ops (vm, pid, refs + 3, ops + 3, 1, &evs[3]);
  ck_assert (evs[3].evicted);
  ck_assert_uint_eq (evs[3].victim_vpn, 2);
  ck_assert_uint_eq (evs[3].frame, 1);
  ck_assert_uint_eq (vm_clock_hand (vm), 2);

  t_run_ops (vm, pid, refs + 4, ops + 4, 1, &evs[4]);
  ck_assert_uint_eq (evs[4].victim_vpn, 3);
  ck_assert_uint_eq (evs[4].frame, 2);
  ck_assert_uint_eq (vm_clock_hand (vm), 0);

  t_run_ops (vm, pid, refs + 5, ops + 5, 1, &evs[5]);
  ck_assert_uint_eq (evs[5].victim_vpn, 1);
  ck_assert_uint_eq (evs[5].frame, 0);
  ck_assert (evs[5].victim_dirty);
  ck_assert_uint_eq (evs[5].victim_swap_slot, 0);
  ck_assert_uint_eq (vm_clock_hand (vm), 1);

  t_run_ops (vm, pid, refs + 6, ops + 6, 1, &evs[6]);
  ck_assert_uint_eq (evs[6].victim_vpn, 4);
  ck_assert_uint_eq (evs[6].frame, 1);
  ck_assert_uint_eq (vm_clock_hand (vm), 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_sc_dirty_prefers_clean)
{
  /* w0 w1 r2 (3 frames): r3 evicts the clean page 2 although the hand
   * is at F0; then r4 finds F0 (0,1) and F1 (0,1) and F2 (1,0) - the
   * first sweep has none; the dirty sweep takes F0 (page 0). */
  static const uint64_t refs[] = { 0, 1, 2, 3, 4 };
  static const char ops[] = "wwrrr";
  struct vm_event evs[5];
  struct vm *vm = t_new_policy (VM_POLICY_SC_DIRTY, 3);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_ops (vm, pid, refs, ops, 5, evs);
  ck_assert_uint_eq (evs[3].victim_vpn, 2);
  ck_assert_uint_eq (evs[3].frame, 2);
  ck_assert_uint_eq (evs[4].victim_vpn, 0);
  ck_assert_uint_eq (evs[4].frame, 0);
  ck_assert (evs[4].victim_dirty);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Scope, page tables in frames, huge pages.                           */

START_TEST (test_local_scope)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 3;
  c.local_scope = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  t_as (vm, a, 0, VM_READ, &ev); /* F0 */
  t_as (vm, a, 1, VM_READ, &ev); /* F1 */
  t_as (vm, b, 0, VM_READ, &ev); /* F2 */
  /* Global fifo would take a's page 0; local takes b's own. */
  ck_assert_int_eq (t_as (vm, b, 1, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_pid, b);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_int_eq (t_as (vm, a, 2, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.victim_pid, a);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_global_scope)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 3);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  t_as (vm, a, 0, VM_READ, &ev);
  t_as (vm, a, 1, VM_READ, &ev);
  t_as (vm, b, 0, VM_READ, &ev);
  t_as (vm, b, 1, VM_READ, &ev);
  ck_assert_uint_eq (ev.victim_pid, a);
  ck_assert_uint_eq (ev.victim_vpn, 0);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

static unsigned
pt_frames (struct vm *vm)
{
  unsigned pt = 0;
  for (uint32_t f = 0; f < vm_config (vm)->frames; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      if (fi.page_table)
        {
          pt++;
          ck_assert (fi.used);
          ck_assert (fi.pinned);
        }
    }
  return pt;
}

START_TEST (test_ptif_root_in_frame)
{
  /* A process's root table is a page-table page like the others: with
   * page_tables_in_frames it takes a frame (the lowest free) too. */
  struct vm_config c;
  vm_config_default (&c);
  c.page_tables_in_frames = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  (void) a;
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 1);
  ck_assert_uint_eq (pt_frames (vm), 1);
  ck_assert_uint_eq (vm_frames_used (vm), 1);
  struct vm_frame_info fi;
  vm_frame_info (vm, 0, &fi);
  ck_assert (fi.page_table);
  vm_free (vm);
}
END_TEST

START_TEST (test_page_tables_in_frames)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.frames = 8;
  c.page_tables_in_frames = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  unsigned pt0 = pt_frames (vm); /* the root: see test_ptif_root_in_frame */
  for (uint64_t p = 0; p < 4; p++)
    ck_assert_int_eq (t_acc (vm, a, p, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 2);
  /* The leaf table took a frame. */
  ck_assert_uint_eq (pt_frames (vm), pt0 + 1);
  ck_assert_uint_eq (vm_frames_used (vm), pt0 + 1 + 4);
  /* Page tables are never victims. */
  for (uint64_t p = 4; p < 40; p++)
    {
      t_acc (vm, a, p, VM_READ, &ev);
      if (ev.evicted)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, ev.victim_frame, &fi);
          ck_assert (!fi.page_table);
        }
    }
  ck_assert_uint_eq (pt_frames (vm), pt0 + 1);
  /* A page in another leaf table needs a new table frame. */
  t_acc (vm, a, 1u << 10, VM_READ, &ev);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 3);
  ck_assert_uint_eq (pt_frames (vm), pt0 + 2);
  ck_assert_uint_eq (vm_frames_used (vm), 8);
  vm_free (vm);
}
END_TEST

static struct vm_config
cfg48 (void)
{
  struct vm_config c;
  vm_config_default (&c);
  c.va_bits = 48;
  c.levels = 4;
  for (int i = 0; i < 4; i++)
    c.level_bits[i] = 9;
  return c;
}

START_TEST (test_huge_never_victim)
{
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 514;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map_at (vm, a, 0, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_map (vm, a, 0x10000, 8, RW);
  ck_assert_int_eq (t_acc (vm, a, 0, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 0);
  t_acc (vm, a, 0x10000, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 512);
  t_acc (vm, a, 0x10001, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 513);
  for (uint64_t p = 0x10002; p < 0x10008; p++)
    {
      t_acc (vm, a, p, VM_WRITE, &ev);
      ck_assert (ev.evicted);
      ck_assert_uint_eq (ev.victim_vpn, p - 2);
      ck_assert_uint_ge (ev.frame, 512);
    }
  ck_assert_int_eq (t_acc (vm, a, 100, VM_READ, &ev), VM_HIT);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_rss)
{
  /* rss_pages counts pages like vsz_pages: a resident 2 MiB page is 512
   * resident small pages (512 frames in use, 512 pages RESIDENT). */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 1024;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_acc (vm, a, 600, VM_WRITE, &ev);
  ck_assert_uint_eq (vm_frames_used (vm), 512);
  uint64_t resident = 0;
  for (uint64_t v = 512; v < 1024; v++)
    {
      struct vm_page_info pg;
      vm_page_info (vm, a, v, &pg);
      resident += pg.state == VM_PAGE_RESIDENT;
    }
  ck_assert_uint_eq (resident, 512);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.vsz_pages, 512);
  ck_assert_msg (pi.rss_pages == 512, "rss_pages %llu for one resident huge "
                 "page (512 small pages, vsz_pages %llu)",
                 (unsigned long long) pi.rss_pages,
                 (unsigned long long) pi.vsz_pages);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_frames_mapped)
{
  /* Every frame of a resident huge page is used and mapped once. */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 1024;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_acc (vm, a, 600, VM_WRITE, &ev);
  for (uint32_t f = 0; f < 512; f += 73)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      ck_assert (fi.used);
      ck_assert_uint_eq (fi.owner_pid, a);
      ck_assert_uint_eq (fi.owner_vpn, 512 + f);
      ck_assert_msg (fi.nowners == 1, "frame %u of a huge page: nowners %u",
                     f, fi.nowners);
      /* The huge page was written: all its frames hold dirty data. */
      ck_assert_msg (fi.dirty, "frame %u of a written huge page is clean", f);
    }
  vm_free (vm);
}
END_TEST

START_TEST (test_oom_counts_huge)
{
  /* a: one resident huge page (512 pages); b: 10 locked pages.  b needs
   * a frame, none can be freed: a has the most pages and is killed. */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 522;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_map (vm, b, 0x10000, 16, RW);
  vm_mlock (vm, b, 0x10000, 16, true);
  t_as (vm, a, 512, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 0);
  for (uint64_t p = 0; p < 10; p++)
    {
      t_as (vm, b, 0x10000 + p, VM_WRITE, &ev);
      ck_assert_uint_eq (ev.frame, 512 + p);
    }
  ck_assert_int_eq (t_as (vm, b, 0x1000a, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_displaces_small)
{
  /* 1024 frames all holding dirty small pages; a huge page needs 512
   * aligned frames: 512 evictions, all counted in the one event, all
   * written to swap. */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 1024;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map (vm, a, 0x100000, 1024, RW);
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  for (uint64_t p = 0; p < 1024; p++)
    t_acc (vm, a, 0x100000 + p, VM_WRITE, &ev);
  ck_assert_uint_eq (vm_frames_used (vm), 1024);
  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->evictions, 0);
  ck_assert_int_eq (t_acc (vm, a, 700, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.huge_level, 3);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.evictions, 512);
  ck_assert_uint_eq (st->evictions, 512);
  ck_assert_uint_eq (st->swap_outs, 512);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 512);
  ck_assert_uint_eq (vm_frames_used (vm), 1024);
  ck_assert_uint_eq (ev.frame % 512, 700 - 512);
  uint64_t swapped = 0;
  for (uint64_t p = 0; p < 1024; p++)
    {
      struct vm_page_info pg;
      vm_page_info (vm, a, 0x100000 + p, &pg);
      swapped += pg.state == VM_PAGE_SWAPPED;
    }
  ck_assert_uint_eq (swapped, 512);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.rss_pages, 1024);
  ck_assert_uint_eq (pi.swap_pages, 512);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* OOM choice.                                                         */

START_TEST (test_oom_tie_lowest_pid)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 4);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  uint32_t c = vm_proc_new (vm, "c");
  t_map (vm, a, 0x10, 2, RW);
  t_map (vm, b, 0x10, 2, RW);
  t_map (vm, c, 0x10, 2, RW);
  vm_mlock (vm, a, 0x10, 2, true);
  vm_mlock (vm, b, 0x10, 2, true);
  t_as (vm, b, 0x10, VM_WRITE, &ev); /* F0 */
  t_as (vm, b, 0x11, VM_WRITE, &ev); /* F1 */
  t_as (vm, a, 0x10, VM_WRITE, &ev); /* F2 */
  t_as (vm, a, 0x11, VM_WRITE, &ev); /* F3 */
  ck_assert_int_eq (t_as (vm, c, 0x10, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert_uint_eq (ev.frame, 2);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, b, &pi));
  ck_assert (pi.alive);
  vm_free (vm);
}
END_TEST

START_TEST (test_oom_counts_swapped)
{
  /* a: 1 resident (locked) + 3 swapped = 4; b: 2 resident (locked).
   * b needs a frame: a is the bigger one. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 3);
  uint32_t a = vm_proc_new (vm, "a");
  uint32_t b = vm_proc_new (vm, "b");
  t_map (vm, a, 0x10, 8, RW);
  t_map (vm, b, 0x10, 8, RW);
  for (uint64_t p = 0x10; p < 0x16; p++)
    t_as (vm, a, p, VM_WRITE, &ev);
  /* a: 0x13 F0, 0x14 F1, 0x15 F2; 0x10..0x12 in slots 0..2. */
  ck_assert_uint_eq (vm_swap_slots_used (vm), 3);
  vm_unmap (vm, a, 0x14, 2);
  vm_mlock (vm, a, 0x13, 1, true);
  vm_mlock (vm, b, 0x10, 8, true);
  t_as (vm, b, 0x10, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 1);
  t_as (vm, b, 0x11, VM_WRITE, &ev);
  ck_assert_uint_eq (ev.frame, 2);
  struct vm_proc_info pi;
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert_uint_eq (pi.rss_pages, 1);
  ck_assert_uint_eq (pi.swap_pages, 3);
  ck_assert_int_eq (t_as (vm, b, 0x12, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* TLB coherence.                                                      */

START_TEST (test_tlb_after_cow)
{
  /* The child's read fills a TLB entry for the shared frame; its write
   * copies; the next read must see the copy, not the stale entry. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev); /* F0 */
  uint32_t b = vm_fork (vm, a, "b");
  vm_switch (vm, b);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_WRITE, &ev), VM_COW);
  ck_assert (ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 1);
  ck_assert_uint_eq (ev.pa, 1u << 12);
  ck_assert_int_eq (t_acc (vm, b, 0x10, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_shared_eviction_asid)
{
  /* With ASIDs both processes hold entries for a COW-shared frame; its
   * eviction must invalidate both. */
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.asid = true;
  c.frames = 2;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 4, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev); /* F0 */
  uint32_t b = vm_fork (vm, a, "b");
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_int_eq (t_as (vm, a, 0x11, VM_WRITE, &ev), VM_MINOR); /* F1 */
  ck_assert_int_eq (t_as (vm, a, 0x12, VM_WRITE, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_vpn, 0x10); /* loaded first */
  ck_assert_uint_eq (ev.frame, 0);
  /* b's entry for 0x10 must be gone: now F0 holds a's 0x12. */
  t_as (vm, b, 0x10, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_int_eq (ev.result, VM_MAJOR);
  vm_free (vm);
}
END_TEST

START_TEST (test_fork_swapped_page)
{
  /* a's page is in swap when a forks: the child reads it from the same
   * slot, and no new slot is used. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 1);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev); /* 0x10 -> slot 0 */
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  uint32_t b = vm_fork (vm, a, "b");
  struct vm_page_info pi;
  vm_page_info (vm, b, 0x10, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_SWAPPED);
  ck_assert_uint_eq (pi.slot, 0);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 0);
  /* 0x11 (dirty, shared with b) went to slot 1. */
  ck_assert_uint_eq (ev.victim_swap_slot, 1);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_exit_keeps_shared_cow)
{
  /* The parent exits; the child still has its COW-shared pages. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = vm_proc_new (vm, "a");
  t_map (vm, a, 0x10, 2, RW);
  t_as (vm, a, 0x10, VM_WRITE, &ev);
  t_as (vm, a, 0x11, VM_WRITE, &ev);
  uint32_t b = vm_fork (vm, a, "b");
  vm_exit (vm, a);
  ck_assert_uint_eq (vm_frames_used (vm), 2);
  ck_assert_int_eq (t_as (vm, b, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_as (vm, b, 0x11, VM_WRITE, &ev), VM_COW);
  ck_assert (!ev.cow_copy);
  ck_assert_uint_eq (ev.frame, 1);
  vm_exit (vm, b);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_out_of_space_va)
{
  /* A 32-bit machine: va 2^32 is outside the address space. */
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t a = t_refs_proc (vm, "a");
  ck_assert_int_eq (vm_access (vm, a, 1ull << 32, VM_READ, VM_NEVER, &ev),
                    VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_UNMAPPED);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  vm_free (vm);
}
END_TEST

Suite *
engine_extra_suite (void)
{
  Suite *s = suite_create ("engine-extra");
  TCase *tc = tcase_create ("policies");
  tcase_add_test (tc, test_sc_dirty);
  tcase_add_test (tc, test_sc_dirty_prefers_clean);
  tcase_add_test (tc, test_local_scope);
  tcase_add_test (tc, test_global_scope);
  tcase_add_test (tc, test_ptif_root_in_frame);
  tcase_add_test (tc, test_page_tables_in_frames);
  tcase_add_test (tc, test_huge_never_victim);
  tcase_add_test (tc, test_huge_rss);
  tcase_add_test (tc, test_huge_frames_mapped);
  tcase_add_test (tc, test_oom_counts_huge);
  tcase_add_test (tc, test_huge_displaces_small);
  suite_add_tcase (s, tc);
  tc = tcase_create ("oom");
  tcase_add_test (tc, test_oom_tie_lowest_pid);
  tcase_add_test (tc, test_oom_counts_swapped);
  suite_add_tcase (s, tc);
  tc = tcase_create ("coherence");
  tcase_add_test (tc, test_tlb_after_cow);
  tcase_add_test (tc, test_tlb_shared_eviction_asid);
  tcase_add_test (tc, test_fork_swapped_page);
  tcase_add_test (tc, test_exit_keeps_shared_cow);
  tcase_add_test (tc, test_out_of_space_va);
  suite_add_tcase (s, tc);
  return s;
}
