/* check_engine_budget.c: memory follows the work (issue 8): sparse
 * page-table nodes at every width, frame metadata made as frames are
 * used, the budget's charges, opt's future, and quiet mode giving the
 * very same run as the full path. */
#include <config.h>

#include <string.h>

#include "budget.h"
#include "check_engine.h"
#include "engine/hmap.h"

#define N_OF(a) (sizeof (a) / sizeof ((a)[0]))

/* A 64-bit machine with levels 4,16,16,16 and FRAMES frames. */
static struct vm *
wide_machine (uint32_t frames)
{
  struct vm_config cfg;
  vm_config_default (&cfg);
  cfg.va_bits = 64;
  cfg.levels = 4;
  cfg.level_bits[0] = 4;
  cfg.level_bits[1] = cfg.level_bits[2] = cfg.level_bits[3] = 16;
  cfg.frames = frames;
  return t_new (&cfg);
}

START_TEST (test_sparse_wide_levels)
{
  /* 5,000 pages 2^16 apart: each in its own 16-bit leaf table.  Dense
   * nodes took 512 KiB each (2.5 GB); now a few hundred bytes. */
  struct vm *vm = wide_machine (1);
  uint32_t pid = t_refs_proc (vm, "refs");
  struct vm_event ev;
  for (uint64_t i = 0; i < 5000; i++)
    t_acc (vm, pid, i * 65536, VM_READ, &ev);
  ck_assert_uint_eq (vm_stats (vm)->page_table_pages, 5003);
  ck_assert_uint_lt (vm_memory_bytes (vm), 2u << 20);
  /* and every page still translates */
  ck_assert_int_ne (t_acc (vm, pid, 0, VM_READ, &ev), VM_SEGV);
  ck_assert_int_eq (t_acc (vm, pid, 0, VM_READ, &ev), VM_HIT);
  vm_free (vm);
}
END_TEST

START_TEST (test_dense_when_full)
{
  /* A 10-bit leaf table filled: an array of 8 KiB, not a map of 32. */
  struct vm *vm = t_new_policy (VM_POLICY_FIFO, 2048);
  uint32_t pid = t_refs_proc (vm, "refs");
  struct vm_event ev;
  size_t before, after;
  t_acc (vm, pid, 0, VM_READ, &ev);
  before = vm_memory_bytes (vm);
  for (uint64_t v = 1; v < 1024; v++)
    t_acc (vm, pid, v, VM_READ, &ev);
  after = vm_memory_bytes (vm);
  /* the leaf table's share: at most its array and the map it replaced */
  ck_assert_uint_lt (after - before, 1024 * 8 + 4096 + 1024 * 88 + 64 * 1024);
  for (uint64_t v = 0; v < 1024; v++)
    ck_assert_int_eq (t_acc (vm, pid, v, VM_READ, &ev), VM_HIT);
  vm_free (vm);
}
END_TEST

START_TEST (test_lazy_frames)
{
  /* 1,048,576 frames cost nothing until they are used. */
  struct vm *vm = t_new_policy (VM_POLICY_OPT, 1048576);
  uint32_t pid = t_refs_proc (vm, "refs");
  struct vm_frame_info fi;
  struct vm_event ev;
  ck_assert_uint_lt (vm_memory_bytes (vm), 64 * 1024);
  for (uint64_t v = 0; v < 100; v++)
    ck_assert_int_eq (t_acc (vm, pid, v * 7, VM_WRITE, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.frame, 99);      /* still the lowest free frame */
  ck_assert_uint_lt (vm_memory_bytes (vm), 64 * 1024);
  vm_frame_info (vm, 1048575, &fi);
  ck_assert (!fi.used);
  vm_frame_info (vm, 99, &fi);
  ck_assert (fi.used && fi.dirty);
  vm_free (vm);
}
END_TEST

START_TEST (test_lazy_frames_full)
{
  /* Filling every frame of a machine and evicting still works when the
   * metadata grew frame by frame (clock sweeps all frames). */
  struct vm *vm = t_new_policy (VM_POLICY_CLOCK, 200);
  uint32_t pid = t_refs_proc (vm, "refs");
  struct vm_event ev;
  for (uint64_t v = 0; v < 200; v++)
    t_acc (vm, pid, v, VM_READ, &ev);
  ck_assert_uint_eq (ev.frame, 199);
  ck_assert_int_eq (t_acc (vm, pid, 500, VM_READ, &ev), VM_MINOR);
  ck_assert (ev.evicted);
  ck_assert_uint_eq (ev.victim_frame, 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_budget_charges)
{
  uint64_t b0 = budget_used ();
  struct vm *vm = t_new_policy (VM_POLICY_LRU, 64);
  uint32_t pid = t_refs_proc (vm, "refs");
  struct vm_event ev;
  struct vm *c;
  uint64_t b1;
  for (uint64_t v = 0; v < 1000; v++)
    t_acc (vm, pid, v * 3, VM_WRITE, &ev);
  b1 = budget_used ();
  ck_assert_uint_gt (b1, b0 + 1000 * 8);
  c = vm_clone (vm);
  ck_assert_uint_ge (budget_used (), b1 + (b1 - b0));
  vm_free (c);
  ck_assert_uint_eq (budget_used (), b1);
  vm_free (vm);
  ck_assert_uint_eq (budget_used (), b0);
}
END_TEST

/* The eviction history grows with the pages evicted and is charged:
   with it on, evicting 1000 distinct pages costs more than with it off,
   and freeing the machine gives every byte back. */
START_TEST (test_budget_evicted_history)
{
  uint64_t used[2];
  for (int on = 0; on < 2; on++)
    {
      uint64_t b0 = budget_used ();
      struct vm *vm = t_new_policy (VM_POLICY_FIFO, 4);
      uint32_t pid = t_refs_proc (vm, "refs");
      struct vm_event ev;
      vm_keep_history (vm, on);
      for (uint64_t v = 0; v < 1000; v++)
        t_acc (vm, pid, v, VM_READ, &ev);
      used[on] = budget_used () - b0;
      vm_free (vm);
      ck_assert_uint_eq (budget_used (), b0);
    }
  ck_assert_uint_ge (used[1], used[0] + 996 * 8);
}
END_TEST

/* hmap_del against a reference array: random puts and deletes of keys
   that collide a lot (a 256-key range in small tables), every key looked
   up after every operation. */
START_TEST (test_hmap_del)
{
  static uint64_t ref[256];
  struct hmap m;
  uint64_t x = 12345;
  size_t live = 0;
  memset (ref, 0, sizeof ref);
  hmap_init (&m);
  for (int op = 0; op < 20000; op++)
    {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      uint64_t k = (x >> 33) % 256, v = (x >> 20) % 1000;
      if ((x >> 60) < 7)
        {
          if (!ref[k] && v)
            live++;
          if (ref[k] && !v)
            live--;
          if (v)
            hmap_put (&m, k, v);
          else
            hmap_del (&m, k);
          ref[k] = v;
        }
      else
        {
          if (ref[k])
            live--;
          hmap_del (&m, k);
          ref[k] = 0;
        }
      ck_assert_uint_eq (m.len, live);
      int wrong = 0;
      for (uint64_t q = 0; q < 256; q++)
        wrong += hmap_get (&m, q) != ref[q];
      ck_assert_int_eq (wrong, 0);
    }
  hmap_destroy (&m);
}
END_TEST

/* A file-backed page dropped on eviction leaves nothing in its object's
   map: memory follows the pages held, not every page ever read.  The
   same reads of 100000 distinct pages on the backing store and on
   anonymous memory (clean pages dropped both ways) cost the same but
   for the store's map of the 4 resident pages. */
START_TEST (test_store_map_shrinks)
{
  size_t bytes[2];
  for (int store = 0; store < 2; store++)
    {
      uint64_t b0 = budget_used ();
      struct vm *vm = t_new_policy (VM_POLICY_FIFO, 4);
      uint32_t pid = vm_proc_new (vm, "refs");
      const char *why = NULL;
      struct vm_event ev;
      uint64_t pages = 1ULL << 20;
      vm_keep_history (vm, false);
      ck_assert_int_eq (vm_map (vm, pid, 0, pages,
                                VM_PERM_R | VM_PERM_W | VM_PERM_U
                                | (store ? VM_MAP_FILE | VM_MAP_SHARED : 0),
                                store ? vm_object_new_store (vm, pages)
                                : VM_NONE, 0, 0, "all", &why), 0);
      for (uint64_t v = 0; v < 100000; v++)
        t_acc (vm, pid, v, VM_READ, &ev);
      bytes[store] = vm_memory_bytes (vm);
      vm_free (vm);
      ck_assert_uint_eq (budget_used (), b0);
    }
  ck_assert_uint_lt (bytes[1], bytes[0] + 64 * 1024);
}
END_TEST

START_TEST (test_budget_exceeded)
{
  /* Past the limit the run stops with exit status 2 (here: page tables
   * for sparse pages under 1 MiB). */
  struct vm *vm;
  uint32_t pid;
  struct vm_event ev;
  budget_set_limit (1u << 20);
  vm = wide_machine (1);
  pid = t_refs_proc (vm, "refs");
  for (uint64_t i = 0; i < 100000; i++)
    t_acc (vm, pid, i * 65536, VM_READ, &ev);
  vm_free (vm);
}
END_TEST

START_TEST (test_future_sparse_pids)
{
  /* pids far apart (the scenario runner's segments) cost nothing extra. */
  uint64_t b0 = budget_used ();
  struct vm_future *f = vm_future_new ();
  vm_future_push (f, 0, 5);
  vm_future_push (f, 4096 * 999 + 1, 5);
  vm_future_push (f, 0, 5);
  vm_future_push (f, 4096 * 999 + 1, 7);
  vm_future_push (f, 4096 * 999 + 1, 5);
  vm_future_push (f, 3, 1ULL << 40);     /* a page above 2^32 */
  vm_future_push (f, 3, 1ULL << 40);
  ck_assert_uint_eq (vm_future_len (f), 7);
  ck_assert_uint_eq (vm_future_next (f, 0), 2);
  ck_assert_uint_eq (vm_future_next (f, 1), 4);
  ck_assert_uint_eq (vm_future_next (f, 2), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 3), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 4), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 5), 6);
  ck_assert_uint_eq (vm_future_next (f, 6), VM_NEVER);
  ck_assert_uint_eq (vm_future_next (f, 7), VM_NEVER);
  ck_assert_uint_lt (budget_used () - b0, 64 * 1024);
  vm_future_free (f);
  ck_assert_uint_eq (budget_used (), b0);
}
END_TEST

/* Two machines *A and *B of 16 frames, POLICY, a TLB of TLB entries,
 * WAYS and TP, and SEED; *B quiet.  Their configuration. */
static const struct vm_config *
twins (enum vm_policy policy, uint32_t tlb, uint32_t ways,
       enum vm_tlb_policy tp, uint64_t seed, struct vm **a, struct vm **b)
{
  struct vm_config cfg;
  vm_config_default (&cfg);
  cfg.frames = 16;
  cfg.policy = policy;
  cfg.tlb_entries = tlb;
  cfg.tlb_ways = ways;
  cfg.tlb_policy = tp;
  cfg.seed = seed;
  *a = t_new (&cfg);
  *b = t_new (&cfg);
  vm_set_quiet (*b, true);
  return vm_config (*a);
}

/* Run the same random stream on a normal and a quiet machine: every
 * access's result, frame, address and TLB outcome, and the counters,
 * must be the same. */
static void
quiet_same (enum vm_policy p, uint32_t tlb, uint32_t ways,
            enum vm_tlb_policy tp)
{
  struct vm *a, *b;
  struct vm_future *f = vm_future_new ();
  uint32_t pa, pb;
  uint64_t x = 12345, refs[20000];
  struct vm_event ea, eb;

  twins (p, tlb, ways, tp, 7, &a, &b);
  pa = t_refs_proc (a, "refs");
  pb = t_refs_proc (b, "refs");
  for (size_t i = 0; i < N_OF (refs); i++)
    {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      refs[i] = (x % 4 ? x % 24 : x % 4096) << 1 | (x >> 40 & 1);
      vm_future_push (f, pa, refs[i] >> 1);
    }
  for (size_t i = 0; i < N_OF (refs); i++)
    {
      uint64_t va = (refs[i] >> 1) << 12 | (i & 0xfff);
      enum vm_op op = refs[i] & 1 ? VM_WRITE : VM_READ;
      enum vm_result ra = vm_access (a, pa, va, op, vm_future_next (f, i), &ea);
      enum vm_result rb = vm_access (b, pb, va, op, vm_future_next (f, i), &eb);
      /* (one assertion at the end: each ck_assert costs a system call) */
      if (ra != rb || ea.frame != eb.frame || ea.pa != eb.pa
          || ea.tlb != eb.tlb || ea.tlb_slot != eb.tlb_slot
          || ea.cost_ns != eb.cost_ns || ea.step != eb.step
          || (ra != VM_HIT && (ea.swap_in_slot != eb.swap_in_slot
                               || ea.victim_swap_slot != eb.victim_swap_slot))
          || vm_swap_slots_used (a) != vm_swap_slots_used (b)
          || eb.walk_len != 0)
        ck_abort_msg ("policy %d, TLB %u/%u/%d: access %zu differs when quiet "
                      "(result %d/%d, frame %u/%u, tlb %d/%d)", (int) p, tlb,
                      ways, (int) tp, i, (int) ra, (int) rb, ea.frame,
                      eb.frame, ea.tlb, eb.tlb);
    }
  ck_assert_mem_eq (vm_stats (a), vm_stats (b), sizeof (struct vm_stats));
  vm_future_free (f);
  vm_free (a);
  vm_free (b);
}

START_TEST (test_quiet_same)
{
  static const enum vm_policy pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
    VM_POLICY_CLOCK, VM_POLICY_OPT, VM_POLICY_RANDOM, VM_POLICY_SC_DIRTY };
  for (size_t i = 0; i < N_OF (pols); i++)
    {
      quiet_same (pols[i], 0, 0, VM_TLB_LRU);
      quiet_same (pols[i], 8, 0, VM_TLB_LRU);
      quiet_same (pols[i], 8, 2, VM_TLB_FIFO);
      quiet_same (pols[i], 16, 4, VM_TLB_RANDOM);
    }
}
END_TEST

/* A whole-space mapping for PID's accesses: anonymous, or the backing
 * store of a refs run (as batch maps it). */
static uint32_t
run_proc (struct vm *vm, bool store)
{
  uint64_t pages = 1ull << (vm_config (vm)->va_bits - vm_page_shift (vm));
  const char *why = NULL;
  uint32_t pid;
  if (!store)
    return t_refs_proc (vm, "refs");
  pid = vm_proc_new (vm, "refs");
  ck_assert_int_eq (vm_map (vm, pid, 0, pages,
                            RWX | VM_MAP_FILE | VM_MAP_SHARED,
                            vm_object_new_store (vm, pages), 0, 0, "all",
                            &why), 0);
  return pid;
}

/* vm_access_run on a quiet machine, in chunks of uneven sizes, does what
 * vm_access does one access at a time on a normal one: the counters
 * after every chunk, each frame's state at the end. */
static void
run_same (enum vm_policy p, uint32_t tlb, uint32_t ways,
          enum vm_tlb_policy tp, bool store, bool with_future)
{
  struct vm_config cfg;
  struct vm *a, *b;
  struct vm_future *f = vm_future_new ();
  static struct vm_ref refs[20000];
  uint64_t x = 987654321;
  uint32_t pa, pb;
  struct vm_event ea;
  size_t i = 0, k = 1;

  cfg = *twins (p, tlb, ways, tp, 3, &a, &b);
  vm_keep_history (b, false);
  pa = run_proc (a, store);
  pb = run_proc (b, store);
  for (size_t j = 0; j < N_OF (refs); j++)
    {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      refs[j].vpn = x % 4 ? x % 24 : x % 4096;
      refs[j].va = refs[j].vpn << 12 | (j & 0xfff);
      refs[j].op = x >> 40 & 1 ? VM_WRITE : x >> 41 & 1 ? VM_EXEC : VM_READ;
      refs[j].line = j + 1;
      vm_future_push (f, pa, refs[j].vpn);
    }
  while (i < N_OF (refs))
    {
      size_t n = N_OF (refs) - i < k ? N_OF (refs) - i : k;
      for (size_t j = i; j < i + n; j++)
        vm_access (a, pa, refs[j].va, refs[j].op,
                   with_future ? vm_future_next (f, j) : VM_NEVER, &ea);
      vm_access_run (b, pb, refs + i, n, with_future ? f : NULL, i);
      i += n;
      k = k * 7 % 301 + 1;
      if (memcmp (vm_stats (a), vm_stats (b), sizeof (struct vm_stats)))
        ck_abort_msg ("policy %d, TLB %u, store %d: the counters differ "
                      "after access %zu", (int) p, tlb, (int) store, i);
    }
  for (uint32_t fr = 0; fr < cfg.frames; fr++)
    {
      struct vm_frame_info fa, fb;
      vm_frame_info (a, fr, &fa);
      vm_frame_info (b, fr, &fb);
      ck_assert_int_eq (fa.used, fb.used);
      ck_assert_int_eq (fa.dirty, fb.dirty);
      ck_assert_int_eq (fa.ref, fb.ref);
      ck_assert_uint_eq (fa.owner_vpn, fb.owner_vpn);
      ck_assert_uint_eq (fa.swap_slot, fb.swap_slot);
      ck_assert_uint_eq (fa.loaded_at, fb.loaded_at);
      ck_assert_uint_eq (fa.last_use, fb.last_use);
      ck_assert_uint_eq (fa.next_use, fb.next_use);
    }
  vm_future_free (f);
  vm_free (a);
  vm_free (b);
}

START_TEST (test_run_same)
{
  static const enum vm_policy pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
    VM_POLICY_CLOCK, VM_POLICY_OPT, VM_POLICY_RANDOM, VM_POLICY_SC_DIRTY,
    VM_POLICY_MRU, VM_POLICY_2Q };
  for (size_t i = 0; i < N_OF (pols); i++)
    {
      bool fut = pols[i] == VM_POLICY_OPT;
      run_same (pols[i], 0, 0, VM_TLB_LRU, false, fut);
      run_same (pols[i], 0, 0, VM_TLB_LRU, true, fut);
      run_same (pols[i], 8, 0, VM_TLB_LRU, true, fut);
      run_same (pols[i], 8, 2, VM_TLB_FIFO, false, fut);
      run_same (pols[i], 16, 4, VM_TLB_RANDOM, true, fut);
    }
  run_same (VM_POLICY_LRU, 0, 0, VM_TLB_LRU, true, true);
}
END_TEST

/* A stream of refs read in buffers of uneven sizes (vm_stream_read). */
struct stream_src
{
  const struct vm_ref *refs;
  size_t n, pos, k;
};

static long
stream_read (void *ctx, struct vm_ref *buf, size_t max)
{
  struct stream_src *s = ctx;
  size_t n = s->n - s->pos;
  s->k = s->k * 7 % 301 + 1;
  if (n > s->k)
    n = s->k;
  if (n > max)
    n = max;
  memcpy (buf, s->refs + s->pos, n * sizeof *buf);
  s->pos += n;
  return (long) n;
}

/* Machines A and B the same in everything vm.h shows: counters, step,
 * every frame, the policy's list, every TLB entry, the process, and the
 * page of each ref. */
static void
same_machine (struct vm *a, struct vm *b, const struct vm_ref *refs,
              size_t n, unsigned seed, const char *when)
{
  uint32_t la[128], lb[128], na, nb;
  struct vm_proc_info pa, pb;
  if (memcmp (vm_stats (a), vm_stats (b), sizeof (struct vm_stats))
      || vm_step (a) != vm_step (b))
    ck_abort_msg ("seed %u, %s: the counters differ (faults %llu/%llu, "
                  "cost %llu/%llu, tlb hits %llu/%llu, pt %llu/%llu)", seed,
                  when, (unsigned long long) vm_stats (a)->faults,
                  (unsigned long long) vm_stats (b)->faults,
                  (unsigned long long) vm_stats (a)->total_cost_ns,
                  (unsigned long long) vm_stats (b)->total_cost_ns,
                  (unsigned long long) vm_stats (a)->tlb_hits,
                  (unsigned long long) vm_stats (b)->tlb_hits,
                  (unsigned long long) vm_stats (a)->page_table_pages,
                  (unsigned long long) vm_stats (b)->page_table_pages);
  for (uint32_t f = 0; f < vm_config (a)->frames; f++)
    {
      struct vm_frame_info fa, fb;
      memset (&fa, 0, sizeof fa);
      memset (&fb, 0, sizeof fb);
      vm_frame_info (a, f, &fa);
      vm_frame_info (b, f, &fb);
      if (memcmp (&fa, &fb, sizeof fa))
        ck_abort_msg ("seed %u, %s: frame %u differs (vpn %llu/%llu, dirty "
                      "%d/%d, loaded %llu/%llu, used %llu/%llu)", seed, when,
                      f, (unsigned long long) fa.owner_vpn,
                      (unsigned long long) fb.owner_vpn, fa.dirty, fb.dirty,
                      (unsigned long long) fa.loaded_at,
                      (unsigned long long) fb.loaded_at,
                      (unsigned long long) fa.last_use,
                      (unsigned long long) fb.last_use);
    }
  if (vm_clock_hand (a) != vm_clock_hand (b))
    ck_abort_msg ("seed %u, %s: the clock's hands differ", seed, when);
  na = vm_policy_list (a, la, 128);
  nb = vm_policy_list (b, lb, 128);
  if (na != nb || memcmp (la, lb, (na < 128 ? na : 128) * sizeof *la))
    ck_abort_msg ("seed %u, %s: the policy's lists differ", seed, when);
  for (uint32_t i = 0; i < vm_tlb_size (a); i++)
    {
      struct vm_tlb_info ta, tb;
      memset (&ta, 0, sizeof ta);
      memset (&tb, 0, sizeof tb);
      vm_tlb_info (a, i, &ta);
      vm_tlb_info (b, i, &tb);
      if (memcmp (&ta, &tb, sizeof ta))
        ck_abort_msg ("seed %u, %s: TLB slot %u differs", seed, when, i);
    }
  ck_assert (vm_proc_info (a, 0, &pa) && vm_proc_info (b, 0, &pb));
  if (pa.rss_pages != pb.rss_pages || pa.alive != pb.alive
      || pa.pt_pages != pb.pt_pages || pa.end != pb.end)
    ck_abort_msg ("seed %u, %s: the process differs", seed, when);
  for (size_t i = 0; i < n; i++)
    {
      struct vm_page_info ia, ib;
      memset (&ia, 0, sizeof ia);
      memset (&ib, 0, sizeof ib);
      vm_page_info (a, 0, refs[i].vpn, &ia);
      vm_page_info (b, 0, refs[i].vpn, &ib);
      if (memcmp (&ia, &ib, sizeof ia))
        ck_abort_msg ("seed %u, %s: page %llu differs (state %d/%d, frame "
                      "%u/%u)", seed, when, (unsigned long long) refs[i].vpn,
                      (int) ia.state, (int) ib.state, ia.frame, ib.frame);
    }
}

/* vm_access_stream (the compact form of stream.c when it applies) leaves
 * the machine exactly as vm_access leaves it one access at a time, over
 * 3000 random machines and traces; and the two go on the same after it.
 * The machines: fifo, lru and clock (the compact form), opt (not),
 * 1 to 70 frames, no TLB or TLBs of every shape and policy, two and
 * three levels, 32 and 20-bit addresses; the traces: a few hot pages,
 * pages spread wide, writes, and sometimes an address beyond va_bits. */
START_TEST (test_stream_same)
{
  static struct vm_ref refs[3000];
  static const unsigned tlbs[][2] = { { 0, 0 }, { 1, 0 }, { 4, 0 },
    { 8, 2 }, { 16, 4 }, { 64, 0 }, { 64, 1 } };
  for (unsigned seed = 1; seed <= 3000; seed++)
    {
      uint64_t x = seed * 0x9E3779B97F4A7C15ULL | 1;
      struct vm_config cfg;
      struct vm *a, *b;
      struct vm_event ev;
      struct vm_future *fu = NULL;
      struct stream_src src;
      uint64_t spread, hot;
      size_t n, more;
      uint32_t pa, pb;
#define RND() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
      vm_config_default (&cfg);
      if (RND () % 3 == 0)
        {
          cfg.va_bits = 20;
          cfg.levels = 3;
          cfg.level_bits[0] = 2;
          cfg.level_bits[1] = 3;
          cfg.level_bits[2] = 3;
        }
      cfg.frames = (uint32_t) (1 + RND () % 70);
      cfg.policy = RND () % 8 == 0 ? VM_POLICY_CLOCK
                   : RND () % 8 == 0 ? VM_POLICY_OPT
                   : RND () % 2 ? VM_POLICY_LRU : VM_POLICY_FIFO;
      {
        unsigned k = (unsigned) (RND () % NELEM (tlbs));
        cfg.tlb_entries = tlbs[k][0];
        cfg.tlb_ways = tlbs[k][1];
        cfg.tlb_policy = (enum vm_tlb_policy) (RND () % 3);
      }
      cfg.seed = seed;
      a = t_new (&cfg);
      b = t_new (&cfg);
      vm_keep_history (a, false);
      vm_keep_history (b, false);
      vm_set_quiet (b, true);
      pa = run_proc (a, true);
      pb = run_proc (b, true);
      n = 1 + RND () % NELEM (refs);
      hot = 1 + RND () % 100;
      spread = 1 + RND () % (1ull << (cfg.va_bits - 12));
      for (size_t j = 0; j < n; j++)
        {
          uint64_t r = RND ();
          refs[j].vpn = r % 10 < 8 ? r / 16 % hot : r / 16 % spread;
          refs[j].va = refs[j].vpn << 12 | (j & 0xfff);
          if (seed % 17 == 0 && j == n / 2)
            refs[j].va = 1ull << cfg.va_bits;   /* beyond va_bits */
          refs[j].op = r >> 50 & 1 ? VM_WRITE : r >> 51 & 1 ? VM_EXEC
                       : VM_READ;
          refs[j].line = j + 1;
        }
      if (cfg.policy == VM_POLICY_OPT)
        {
          fu = vm_future_new ();
          for (size_t j = 0; j < n; j++)
            vm_future_push (fu, pa, refs[j].vpn);
        }
      more = n / 3;
      for (size_t j = 0; j < n - more; j++)
        vm_access (a, pa, refs[j].va, refs[j].op,
                   fu ? vm_future_next (fu, j) : VM_NEVER, &ev);
      src.refs = refs;
      src.n = n - more;
      src.pos = 0;
      src.k = seed;
      ck_assert_int_eq (vm_access_stream (b, pb, stream_read, &src, fu), 0);
      ck_assert_uint_eq (src.pos, n - more);
      same_machine (a, b, refs, n, seed, "after the stream");
      /* the rest one access at a time on both */
      for (size_t j = n - more; j < n; j++)
        {
          uint64_t nu = fu ? vm_future_next (fu, j) : VM_NEVER;
          vm_access (a, pa, refs[j].va, refs[j].op, nu, &ev);
          vm_access (b, pb, refs[j].va, refs[j].op, nu, &ev);
        }
      same_machine (a, b, refs, n, seed, "after the rest");
      vm_future_free (fu);
      vm_free (a);
      vm_free (b);
#undef RND
    }
}
END_TEST

Suite *
engine_budget_suite (void)
{
  Suite *s = suite_create ("engine-budget");
  TCase *tc = tcase_create ("memory");
  tcase_add_test (tc, test_sparse_wide_levels);
  tcase_add_test (tc, test_dense_when_full);
  tcase_add_test (tc, test_lazy_frames);
  tcase_add_test (tc, test_lazy_frames_full);
  tcase_add_test (tc, test_budget_charges);
  tcase_add_test (tc, test_budget_evicted_history);
  tcase_add_test (tc, test_hmap_del);
  tcase_add_test (tc, test_store_map_shrinks);
  tcase_add_exit_test (tc, test_budget_exceeded, 2);
  tcase_add_test (tc, test_future_sparse_pids);
  suite_add_tcase (s, tc);
  tc = tcase_create ("quiet");
  tcase_set_timeout (tc, 300);  /* test_stream_same: 2 s when the machine
                                   is quiet, more when it is not */
  tcase_add_test (tc, test_quiet_same);
  tcase_add_test (tc, test_run_same);
  tcase_add_test (tc, test_stream_same);
  suite_add_tcase (s, tc);
  return s;
}
