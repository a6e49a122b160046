/* check_engine_tlb.c: the TLB, page-table walks, sparse tables and huge
 * pages. */
#include <config.h>

#include <string.h>

#include "check_engine.h"

static struct vm *
tlb_vm (uint32_t entries, uint32_t ways, enum vm_tlb_policy pol,
        uint32_t frames)
{
  struct vm_config c;
  vm_config_default (&c);
  c.tlb_entries = entries;
  c.tlb_ways = ways;
  c.tlb_policy = pol;
  c.frames = frames;
  return t_new (&c);
}

/* Run REFS (reads) and check the TLB outcome of each: 'h' or 'm'. */
static void
tlb_seq (struct vm *vm, uint32_t pid, const uint64_t *refs, const char *want,
         size_t n, const char *what)
{
  for (size_t i = 0; i < n; i++)
    {
      struct vm_event ev;
      t_acc (vm, pid, refs[i], VM_READ, &ev);
      int w = want[i] == 'h' ? 1 : 0;
      ck_assert_msg (ev.tlb == w, "%s: access %zu (page %llu): tlb %d, want %d",
                     what, i, (unsigned long long) refs[i], ev.tlb, w);
      if (w)
        ck_assert_uint_eq (ev.walk_len, 0);
    }
}

START_TEST (test_tlb_none)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_acc (vm, pid, 3, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, -1);
  ck_assert_int_eq (ev.tlb_slot, -1);
  t_acc (vm, pid, 3, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, -1);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (vm_stats (vm)->tlb_hits, 0);
  ck_assert_uint_eq (vm_stats (vm)->tlb_misses, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_basic)
{
  struct vm_event ev;
  struct vm_tlb_info ti;
  struct vm *vm = tlb_vm (4, 0, VM_TLB_LRU, 8);
  ck_assert_uint_eq (vm_tlb_size (vm), 4);
  uint32_t pid = t_refs_proc (vm, "refs");
  /* Fault: miss, and the entry is filled after the fault. */
  ck_assert_int_eq (t_acc (vm, pid, 7, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_int_ge (ev.tlb_slot, 0);
  ck_assert_int_lt (ev.tlb_slot, 4);
  int slot = ev.tlb_slot;
  vm_tlb_info (vm, (uint32_t) slot, &ti);
  ck_assert (ti.valid);
  ck_assert_uint_eq (ti.pid, pid);
  ck_assert_uint_eq (ti.vpn, 7);
  ck_assert_uint_eq (ti.pages, 1);
  ck_assert_uint_eq (ti.frame, 0);
  ck_assert_int_eq (t_acc (vm, pid, 7, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_int_eq (ev.tlb_slot, slot);
  ck_assert_uint_eq (ev.walk_len, 0);
  ck_assert_uint_eq (ev.frame, 0);
  /* Same leaf table: a miss walks both levels. */
  ck_assert_int_eq (t_acc (vm, pid, 8, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_int_ne (ev.tlb_slot, slot);
  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->tlb_hits, 1);
  ck_assert_uint_eq (st->tlb_misses, 2);
  /* Only the two entries are valid. */
  unsigned valid = 0;
  for (uint32_t i = 0; i < 4; i++)
    {
      vm_tlb_info (vm, i, &ti);
      valid += ti.valid;
    }
  ck_assert_uint_eq (valid, 2);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_lru)
{
  static const uint64_t refs[] = { 0, 1, 0, 2, 0, 1 };
  struct vm *vm = tlb_vm (2, 0, VM_TLB_LRU, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  tlb_seq (vm, pid, refs, "mmhmhm", 6, "tlb lru");
  ck_assert_uint_eq (vm_stats (vm)->tlb_hits, 2);
  ck_assert_uint_eq (vm_stats (vm)->tlb_misses, 4);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_fifo)
{
  static const uint64_t refs[] = { 0, 1, 0, 2, 1, 0 };
  struct vm *vm = tlb_vm (2, 0, VM_TLB_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  tlb_seq (vm, pid, refs, "mmhmhm", 6, "tlb fifo");
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_set_assoc)
{
  /* 4 entries, 2 ways: 2 sets, set = vpn % 2, lru within a set. */
  static const uint64_t refs[] = { 0, 2, 4, 1, 3, 2, 4, 0, 1, 3, 5, 3, 1 };
  static const char want[] = "mmmmmhhmhhmhm";
  struct vm *vm = tlb_vm (4, 2, VM_TLB_LRU, 16);
  uint32_t pid = t_refs_proc (vm, "refs");
  tlb_seq (vm, pid, refs, want, NELEM (refs), "2-way");
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_direct_mapped)
{
  /* 4 entries, 1 way: vpn 0 and 4 collide, 1 does not. */
  static const uint64_t refs[] = { 0, 4, 1, 0, 1, 4, 4 };
  struct vm *vm = tlb_vm (4, 1, VM_TLB_LRU, 16);
  uint32_t pid = t_refs_proc (vm, "refs");
  tlb_seq (vm, pid, refs, "mmmmhmh", NELEM (refs), "direct");
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_evicted_page)
{
  /* 1 frame: loading page 1 evicts page 0, whose entry must go. */
  struct vm_event ev;
  struct vm *vm = tlb_vm (4, 0, VM_TLB_LRU, 1);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_acc (vm, pid, 0, VM_WRITE, &ev);
  t_acc (vm, pid, 1, VM_READ, &ev);
  ck_assert (ev.evicted);
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_MAJOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_int_eq (t_acc (vm, pid, 1, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  unsigned valid = 0;
  for (uint32_t i = 0; i < 4; i++)
    {
      struct vm_tlb_info ti;
      vm_tlb_info (vm, i, &ti);
      if (ti.valid)
        {
          valid++;
          ck_assert_uint_eq (ti.vpn, 1);
        }
    }
  ck_assert_uint_eq (valid, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_switch_flush)
{
  struct vm_event ev;
  struct vm *vm = tlb_vm (8, 0, VM_TLB_LRU, 8);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  vm_switch (vm, a);
  ck_assert_uint_eq (vm_current (vm), a);
  t_acc (vm, a, 0, VM_READ, &ev);
  t_acc (vm, a, 1, VM_READ, &ev);
  ck_assert_uint_eq (vm_switch (vm, b), 2);
  ck_assert_uint_eq (vm_current (vm), b);
  ck_assert_int_eq (t_acc (vm, b, 0, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_uint_eq (vm_switch (vm, a), 1);
  ck_assert_int_eq (t_acc (vm, a, 0, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_asid)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.tlb_entries = 8;
  c.asid = true;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  uint32_t b = t_refs_proc (vm, "b");
  vm_switch (vm, a);
  t_acc (vm, a, 0, VM_READ, &ev);
  t_acc (vm, a, 1, VM_READ, &ev);
  ck_assert_uint_eq (vm_switch (vm, b), 0);
  /* b's page 0 is not a's page 0. */
  ck_assert_int_eq (t_acc (vm, b, 0, VM_READ, &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_int_eq (t_acc (vm, b, 0, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_uint_eq (ev.frame, 2);
  ck_assert_uint_eq (vm_switch (vm, a), 0);
  ck_assert_int_eq (t_acc (vm, a, 0, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_int_eq (t_acc (vm, a, 1, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  ck_assert_uint_eq (ev.frame, 1);
  /* Entries for vpn 0 of both processes, with different ASIDs. */
  uint32_t asids[2], n = 0;
  for (uint32_t i = 0; i < 8; i++)
    {
      struct vm_tlb_info ti;
      vm_tlb_info (vm, i, &ti);
      if (ti.valid && ti.vpn == 0)
        {
          ck_assert_uint_lt (n, 2);
          asids[n++] = ti.asid;
        }
    }
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_ne (asids[0], asids[1]);
  vm_free (vm);
}
END_TEST

START_TEST (test_tlb_unmap)
{
  struct vm_event ev;
  struct vm *vm = tlb_vm (4, 0, VM_TLB_LRU, 8);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map (vm, a, 0x10, 2, RW);
  t_acc (vm, a, 0x10, VM_WRITE, &ev);
  ck_assert_int_eq (t_acc (vm, a, 0x10, VM_READ, &ev), VM_HIT);
  ck_assert_int_eq (ev.tlb, 1);
  vm_unmap (vm, a, 0x10, 1);
  ck_assert_uint_eq (vm_frames_used (vm), 0);
  t_map (vm, a, 0x10, 1, RW);
  ck_assert_int_eq (t_acc (vm, a, 0x10, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.zero_fill);
  ck_assert_int_eq (ev.tlb, 0);
  /* And without remapping, the stale entry must not let it through. */
  vm_unmap (vm, a, 0x10, 1);
  ck_assert_int_eq (t_acc (vm, a, 0x10, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (ev.segv, VM_SEGV_UNMAPPED);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Walks.                                                              */

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

START_TEST (test_walk_steps)
{
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.tlb_entries = 4;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  uint64_t vpn = (3ull << 27) | (5ull << 18) | (7ull << 9) | 11;
  t_acc (vm, pid, vpn, VM_WRITE, &ev);
  ck_assert_int_eq (ev.result, VM_MINOR);
  t_acc (vm, pid, vpn + 1, VM_READ, &ev); /* fills the TLB for vpn + 1 */
  /* A third page of the same leaf table: a miss with a complete walk. */
  t_acc (vm, pid, vpn + 2, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.walk_len, 4);
  ck_assert_uint_eq (ev.index[0], 3);
  ck_assert_uint_eq (ev.index[1], 5);
  ck_assert_uint_eq (ev.index[2], 7);
  ck_assert_uint_eq (ev.index[3], 13);
  for (unsigned i = 0; i < 4; i++)
    ck_assert_uint_eq (ev.walk[i].index, ev.index[i]);
  for (unsigned i = 0; i < 3; i++)
    {
      ck_assert (ev.walk[i].bits & VM_PTE_TABLE);
      ck_assert (ev.walk[i].bits & VM_PTE_P);
      ck_assert_uint_eq (ev.walk[i].target, ev.walk[i + 1].table);
    }

  /* vm_walk_peek of a resident page: reaches the leaf, changes nothing. */
  struct vm_walk_step w[VM_MAX_LEVELS];
  uint64_t acc = vm_stats (vm)->accesses;
  uint64_t step = vm_step (vm);
  ck_assert_uint_eq (vm_walk_peek (vm, pid, vpn, w), 4);
  ck_assert (w[3].bits & VM_PTE_P);
  ck_assert (!(w[3].bits & VM_PTE_TABLE));
  ck_assert_uint_eq (w[3].target, 0); /* frame 0 */
  ck_assert_uint_eq (w[3].index, 11);
  ck_assert_uint_eq (w[0].index, 3);
  ck_assert_uint_eq (vm_stats (vm)->accesses, acc);
  ck_assert_uint_eq (vm_step (vm), step);
  /* A page in an untouched top-level slot: the walk stops at the root. */
  ck_assert_uint_eq (vm_walk_peek (vm, pid, 9ull << 27, w), 1);
  ck_assert (!(w[0].bits & VM_PTE_P));
  vm_free (vm);
}
END_TEST

START_TEST (test_walk_leaf_on_hit_no_tlb)
{
  struct vm_event ev;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_acc (vm, pid, 0x403, VM_READ, &ev);
  t_acc (vm, pid, 0x403, VM_READ, &ev);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert_uint_eq (ev.walk[0].index, 1);
  ck_assert_uint_eq (ev.walk[1].index, 3);
  ck_assert (ev.walk[1].bits & VM_PTE_P);
  ck_assert (ev.walk[1].bits & VM_PTE_R);
  ck_assert (ev.walk[1].bits & VM_PTE_U);
  ck_assert_uint_eq (ev.walk[1].target, ev.frame);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Sparse page tables.                                                 */

START_TEST (test_sparse_1gib)
{
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 64;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 1);
  t_map (vm, a, 0, 262144, RW); /* 1 GiB */
  for (uint64_t p = 0; p < 64; p++)
    ck_assert_int_eq (t_as (vm, a, p, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 4);
  ck_assert_uint_lt (vm_memory_bytes (vm), MiB);
  ck_assert_uint_eq (vm_frames_used (vm), 64);
  uint32_t b = vm_proc_new (vm, "b");
  (void) b;
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 5);
  vm_exit (vm, a);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_sparse_scattered)
{
  /* The whole 2^36-page space mapped; 10 pages 2^27 apart each need a
   * new table at levels 2, 3 and 4: 1 + 30 nodes. */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 64;
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  for (uint64_t i = 0; i < 10; i++)
    ck_assert_int_eq (t_acc (vm, a, i << 27, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 31);
  ck_assert_uint_lt (vm_memory_bytes (vm), MiB);
  vm_free (vm);
}
END_TEST

START_TEST (test_sparse_64bit)
{
  struct vm_config c;
  struct vm_event ev;
  vm_config_default (&c);
  c.va_bits = 64;
  vm_config_default_levels (&c);
  struct vm *vm = t_new (&c);
  uint32_t a = t_refs_proc (vm, "a");
  ck_assert_int_eq (vm_access (vm, a, UINT64_MAX, VM_WRITE, VM_NEVER, &ev),
                    VM_MINOR);
  ck_assert_uint_eq (ev.vpn, UINT64_MAX >> 12);
  ck_assert_uint_eq (ev.offset, 4095);
  ck_assert_uint_eq (ev.levels, 6);
  ck_assert_uint_eq (ev.index[0], 3);
  ck_assert_uint_eq (ev.index[5], 1023);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 6);
  ck_assert_uint_lt (vm_memory_bytes (vm), MiB);
  vm_free (vm);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Huge pages.                                                         */

START_TEST (test_huge_tlb)
{
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  const char *why = NULL;
  c.frames = 2048;
  c.tlb_entries = 16;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map (vm, a, 0x10000, 4, RW);
  ck_assert_msg (vm_map (vm, a, 512, 1024, RW | VM_MAP_HUGE, VM_NONE, 0, 3,
                         "huge", &why) == 0,
                 "huge map: %s", why ? why : "?");
  /* A small page first takes frame 0. */
  ck_assert_int_eq (t_acc (vm, a, 0x10000, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 0);
  ck_assert_uint_eq (ev.huge_level, 0);
  /* The huge page needs 512 aligned frames: 512..1023. */
  ck_assert_int_eq (vm_access (vm, a, (512ull << 12) + 8, VM_WRITE, VM_NEVER,
                               &ev), VM_MINOR);
  ck_assert_int_eq (ev.tlb, 0);
  ck_assert_uint_eq (ev.huge_level, 3);
  ck_assert_uint_eq (ev.frame, 512);
  ck_assert_uint_eq (ev.pa, (512ull << 12) + 8);
  ck_assert_uint_eq (vm_frames_used (vm), 513);
  for (uint64_t p = 513; p < 1024; p++)
    {
      uint64_t va = (p << 12) + 0x10;
      ck_assert_int_eq (vm_access (vm, a, va, VM_READ, VM_NEVER, &ev), VM_HIT);
      ck_assert_int_eq (ev.tlb, 1);
      ck_assert_uint_eq (ev.huge_level, 3);
      ck_assert_uint_eq (ev.pa, va); /* frames 512.. map vpns 512.. */
    }
  const struct vm_stats *st = vm_stats (vm);
  ck_assert_uint_eq (st->tlb_misses, 2);
  ck_assert_uint_eq (st->tlb_hits, 511);
  ck_assert_uint_eq (st->faults, 2);
  ck_assert_uint_eq (vm_frames_used (vm), 513);

  struct vm_page_info pi;
  vm_page_info (vm, a, 700, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_RESIDENT);
  ck_assert (pi.bits & VM_PTE_H);

  /* The TLB entry covers 512 pages. */
  unsigned found = 0;
  for (uint32_t i = 0; i < 16; i++)
    {
      struct vm_tlb_info ti;
      vm_tlb_info (vm, i, &ti);
      if (ti.valid && ti.pages == 512)
        {
          found++;
          ck_assert_uint_eq (ti.vpn, 512);
          ck_assert_uint_eq (ti.frame, 512);
        }
    }
  ck_assert_uint_eq (found, 1);

  /* Second huge page: next aligned free block 1024..1535. */
  ck_assert_int_eq (vm_access (vm, a, (1030ull << 12), VM_READ, VM_NEVER, &ev),
                    VM_MINOR);
  ck_assert_uint_eq (ev.huge_level, 3);
  ck_assert_uint_eq (ev.pa, 1030ull << 12);
  ck_assert_uint_eq (vm_frames_used (vm), 1025);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_walk)
{
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 1024;
  c.costs.tlb_ns = 1;
  c.costs.mem_ns = 100;
  c.costs.minor_fault_ns = 1000;
  c.costs.major_fault_ns = 100000;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map_at (vm, a, 0, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_acc (vm, a, 5, VM_READ, &ev);
  ck_assert_uint_eq (ev.cost_ns, ev.walk_len * 100 + 100 + 1000);
  ck_assert_uint_eq (ev.huge_level, 3);
  ck_assert_uint_eq (ev.pa, 5ull << 12);
  t_acc (vm, a, 6, VM_READ, &ev);
  ck_assert_int_eq (ev.result, VM_HIT);
  ck_assert_uint_eq (ev.walk_len, 3);
  ck_assert (ev.walk[2].bits & VM_PTE_H);
  ck_assert (ev.walk[2].bits & VM_PTE_P);
  ck_assert_uint_eq (ev.pa, 6ull << 12);
  ck_assert_uint_eq (ev.cost_ns, 3 * 100 + 100); /* no TLB: 3 levels + data */
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_tlb_set_assoc)
{
  /* One entry covers the huge page in a set-associative TLB too: after
   * the first miss, every small page of it hits, odd or even. */
  struct vm_config c = cfg48 ();
  struct vm_event ev;
  c.frames = 1024;
  c.tlb_entries = 4;
  c.tlb_ways = 2;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  vm_switch (vm, a);
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  t_acc (vm, a, 512, VM_READ, &ev);
  ck_assert_int_eq (ev.tlb, 0);
  for (uint64_t p = 513; p < 1024; p += 3)
    {
      t_acc (vm, a, p, VM_READ, &ev);
      ck_assert_msg (ev.tlb == 1, "page %llu of the huge page: TLB miss",
                     (unsigned long long) p);
    }
  ck_assert_uint_eq (vm_stats (vm)->tlb_misses, 1);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_map_errors)
{
  struct vm_config c = cfg48 ();
  const char *why;
  c.frames = 1024;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  why = NULL;
  ck_assert_int_eq (vm_map (vm, a, 100, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3,
                            "h", &why), -1);
  ck_assert_ptr_nonnull (why);
  why = NULL;
  ck_assert_int_eq (vm_map (vm, a, 512, 100, RW | VM_MAP_HUGE, VM_NONE, 0, 3,
                            "h", &why), -1);
  ck_assert_ptr_nonnull (why);
  why = NULL;
  ck_assert_int_eq (vm_map (vm, a, 0, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 4,
                            "h", &why), -1);
  ck_assert_ptr_nonnull (why);
  /* Aligned and whole: fine. */
  t_map_at (vm, a, 512, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 3);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_level0_rejected)
{
  /* VM_MAP_HUGE with huge_level 0: 0 is not a 1-based depth. */
  struct vm_config c = cfg48 ();
  const char *why = NULL;
  c.frames = 1024;
  struct vm *vm = t_new (&c);
  uint32_t a = vm_proc_new (vm, "a");
  ck_assert_int_eq (vm_map (vm, a, 0, 512, RW | VM_MAP_HUGE, VM_NONE, 0, 0,
                            "h", &why), -1);
  ck_assert_ptr_nonnull (why);
  vm_free (vm);
}
END_TEST

START_TEST (test_walk_leaf_ad_bits)
{
  /* The leaf entry of a written page, as the walk shows it, has A and D,
   * as vm_page_info says. */
  struct vm_event ev;
  struct vm_walk_step w[VM_MAX_LEVELS];
  struct vm_page_info pi;
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 8);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_acc (vm, pid, 0x403, VM_WRITE, &ev);
  vm_page_info (vm, pid, 0x403, &pi);
  ck_assert (pi.bits & VM_PTE_D);
  ck_assert (pi.bits & VM_PTE_A);
  ck_assert_uint_eq (vm_walk_peek (vm, pid, 0x403, w), 2);
  ck_assert_uint_eq (w[1].bits & (VM_PTE_A | VM_PTE_D),
                     pi.bits & (VM_PTE_A | VM_PTE_D));
  t_acc (vm, pid, 0x403, VM_READ, &ev); /* no TLB: full walk */
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert (ev.walk[1].bits & VM_PTE_D);
  vm_free (vm);
}
END_TEST

Suite *
engine_tlb_suite (void)
{
  Suite *s = suite_create ("engine-tlb");
  TCase *tc = tcase_create ("tlb");
  tcase_add_test (tc, test_tlb_none);
  tcase_add_test (tc, test_tlb_basic);
  tcase_add_test (tc, test_tlb_lru);
  tcase_add_test (tc, test_tlb_fifo);
  tcase_add_test (tc, test_tlb_set_assoc);
  tcase_add_test (tc, test_tlb_direct_mapped);
  tcase_add_test (tc, test_tlb_evicted_page);
  tcase_add_test (tc, test_tlb_switch_flush);
  tcase_add_test (tc, test_tlb_asid);
  tcase_add_test (tc, test_tlb_unmap);
  suite_add_tcase (s, tc);
  tc = tcase_create ("walk");
  tcase_add_test (tc, test_walk_steps);
  tcase_add_test (tc, test_walk_leaf_on_hit_no_tlb);
  tcase_add_test (tc, test_sparse_1gib);
  tcase_add_test (tc, test_sparse_scattered);
  tcase_add_test (tc, test_sparse_64bit);
  suite_add_tcase (s, tc);
  tc = tcase_create ("huge");
  tcase_add_test (tc, test_huge_tlb);
  tcase_add_test (tc, test_huge_walk);
  tcase_add_test (tc, test_huge_tlb_set_assoc);
  tcase_add_test (tc, test_huge_map_errors);
  tcase_add_test (tc, test_huge_level0_rejected);
  tcase_add_test (tc, test_walk_leaf_ad_bits);
  suite_add_tcase (s, tc);
  return s;
}
