/* check_engine_stress.c: long random runs over every policy (accesses,
 * fork, exit, mlock, unmap/remap, new processes, shared and file
 * mappings) checking the engine's invariants after every operation, that
 * a clone continues identically, and a throughput floor. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_engine.h"


/* Check's own assertions record every check that passes (a write to the
 * runner); the invariant loops make millions of checks, so they test
 * first and call Check only to fail. */
#define REQ(c) \
  do { if (!(c)) ck_assert_msg (0, "%s", #c); } while (0)
#define REQ_MSG(c, ...) \
  do { if (!(c)) ck_assert_msg (0, __VA_ARGS__); } while (0)
#define REQ_OP(x, op, y) \
  do { unsigned long long x_ = (unsigned long long) (x); \
       unsigned long long y_ = (unsigned long long) (y); \
       if (!(x_ op y_)) \
         ck_assert_msg (0, "%s %s %s: %llu, %llu", #x, #op, #y, x_, y_); \
  } while (0)
#define REQ_EQ(x, y) REQ_OP (x, ==, y)
#define REQ_NE(x, y) REQ_OP (x, !=, y)
#define REQ_LT(x, y) REQ_OP (x, <, y)
#define REQ_LE(x, y) REQ_OP (x, <=, y)
#define REQ_GE(x, y) REQ_OP (x, >=, y)

#define MAXP 16
#define MAXSLOTS 256

/* The layout every process gets (children inherit it). */
enum
{
  ANON = 0x10, ANON_N = 16,   /* rw private anonymous */
  RDO = 0x40, RDO_N = 4,      /* r-- private anonymous */
  SHM = 0x80, SHM_N = 8,      /* rw shared anonymous */
  FPRIV = 0xc0, FPRIV_N = 8,  /* rw private file */
  FSHR = 0x100, FSHR_N = 4,   /* rw shared file */
  HUGE = 0x400, HUGE_N = 1024 /* rw huge pages (variant 4 only) */
};

struct ctx
{
  uint64_t rng;
  uint32_t shm, file;
  bool huge;
  uint64_t n_hit, n_fault, n_segv, n_oom;
  uint64_t cost;  /* sum of the events' cost_ns */
};

static uint32_t
rnd (struct ctx *c, uint32_t n)
{
  /* xorshift64* */
  c->rng ^= c->rng >> 12;
  c->rng ^= c->rng << 25;
  c->rng ^= c->rng >> 27;
  return (uint32_t) (((c->rng * 2685821657736338717ull) >> 33) % n);
}

static void
setup_proc (struct vm *vm, struct ctx *c, uint32_t pid)
{
  const char *why;
  t_map (vm, pid, ANON, ANON_N, RW);
  t_map (vm, pid, RDO, RDO_N, RO);
  REQ_EQ (vm_map (vm, pid, SHM, SHM_N, RW | VM_MAP_SHARED, c->shm,
                            0, 0, "shm", &why), 0);
  REQ_EQ (vm_map (vm, pid, FPRIV, FPRIV_N, RW | VM_MAP_FILE,
                            c->file, 0, 0, "fpriv", &why), 0);
  REQ_EQ (vm_map (vm, pid, FSHR, FSHR_N,
                            RW | VM_MAP_FILE | VM_MAP_SHARED, c->file,
                            FPRIV_N, 0, "fshr", &why), 0);
  if (c->huge)
    REQ_EQ (vm_map (vm, pid, HUGE, HUGE_N, RW | VM_MAP_HUGE,
                              VM_NONE, 0, 1, "huge", &why), 0);
}

static bool
alive (const struct vm *vm, uint32_t pid)
{
  struct vm_proc_info pi;
  return vm_proc_info (vm, pid, &pi) && pi.alive;
}

static uint32_t
pick_alive (struct vm *vm, struct ctx *c)
{
  uint32_t n = (uint32_t) vm_nprocs (vm), k = 0;
  uint32_t live[MAXP * 4];
  for (uint32_t p = 0; p < n; p++)
    if (alive (vm, p))
      live[k++] = p;
  return k ? live[rnd (c, k)] : VM_NONE;
}

static uint32_t
nalive (struct vm *vm)
{
  uint32_t k = 0;
  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    k += alive (vm, p);
  return k;
}

/* One random operation; an access fills EV and returns true. */
static bool
one_op (struct vm *vm, struct ctx *c, struct vm_event *ev)
{
  uint32_t r = rnd (c, 100);
  uint32_t pid = pick_alive (vm, c);
  if (pid == VM_NONE || (r >= 90 && vm_nprocs (vm) < MAXP))
    {
      uint32_t np = vm_proc_new (vm, "p");
      setup_proc (vm, c, np);
      return false;
    }
  if (r < 75)
    {
      uint64_t vpn;
      enum vm_op op = rnd (c, 3) ? VM_READ : VM_WRITE;
      switch (rnd (c, c->huge ? 6 : 5))
        {
        case 5: vpn = HUGE + rnd (c, HUGE_N); break;
        case 0: case 1: vpn = ANON + rnd (c, ANON_N); break;
        case 2: vpn = RDO + rnd (c, RDO_N); op = VM_READ; break;
        case 3: vpn = SHM + rnd (c, SHM_N); break;
        default:
          vpn = rnd (c, 2) ? FPRIV + rnd (c, FPRIV_N) : FSHR + rnd (c, FSHR_N);
          break;
        }
      if (vm_current (vm) != pid)
        vm_switch (vm, pid);
      uint64_t va = (vpn << 12) | rnd (c, 4096);
      enum vm_result res = vm_access (vm, pid, va, op, VM_NEVER, ev);
      REQ_EQ (res, ev->result);
      REQ_MSG (res != VM_SEGV, "step %llu: pid %u %c vpn %#llx: segv %d",
                     (unsigned long long) ev->step, pid, op,
                     (unsigned long long) vpn, ev->segv);
      if (res == VM_HIT)
        c->n_hit++;
      else if (res == VM_OOM)
        c->n_oom++;
      else
        c->n_fault++;
      c->cost += ev->cost_ns;
      return true;
    }
  if (r < 80)
    {
      if (nalive (vm) < 6)
        REQ_NE (vm_fork (vm, pid, "child"), VM_NONE);
    }
  else if (r < 84)
    {
      if (nalive (vm) > 1)
        vm_exit (vm, pid);
    }
  else if (r < 87)
    {
      /* Two statements: the order of the draws is fixed. */
      uint64_t s = ANON + rnd (c, ANON_N - 1);
      bool lock = rnd (c, 3) == 0;
      vm_mlock (vm, pid, s, 2, lock);
    }
  else if (r < 90)
    {
      /* Permission changes that keep every access legal: r-- <-> r-x on
       * the read-only region, rw- again on the anonymous one. */
      if (rnd (c, 2))
        {
          uint64_t s = RDO + rnd (c, RDO_N - 1);
          unsigned perm = rnd (c, 2) ? RO : RX;
          vm_protect (vm, pid, s, 2, perm);
        }
      else
        vm_protect (vm, pid, ANON + rnd (c, ANON_N - 1), 2, RW);
    }
  else
    {
      uint64_t s = ANON + rnd (c, ANON_N - 2);
      vm_unmap (vm, pid, s, 2);
      t_map (vm, pid, s, 2, RW);
    }
  return false;
}

/* Every invariant we can see from outside. */
static void
check_invariants (struct vm *vm, const struct ctx *c, const char *what)
{
  const struct vm_config *cfg = vm_config (vm);
  static uint32_t maps[4096];
  uint32_t used = 0;
  uint64_t pt = 0;
  memset (maps, 0, sizeof maps);
  REQ_LE (cfg->frames, 4096);

  /* Every page-table page belongs to one live process's tree. */
  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    {
      struct vm_proc_info pi;
      REQ (vm_proc_info (vm, p, &pi));
      pt += pi.pt_pages;
      if (!pi.alive)
        REQ_EQ (pi.pt_pages, 0);
    }
  REQ_EQ (pt, vm_stats (vm)->page_table_pages);

  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    {
      struct vm_proc_info pi;
      REQ (vm_proc_info (vm, p, &pi));
      if (!pi.alive)
        {
          REQ_EQ (pi.rss_pages, 0);
          continue;
        }
      uint64_t rss = 0, sw = 0, vsz = 0;
      for (size_t i = 0; i < pi.nregions; i++)
        {
          struct vm_region_info ri;
          REQ (vm_region_info (vm, p, i, &ri));
          vsz += ri.pages;
          for (uint64_t v = ri.start_vpn; v < ri.start_vpn + ri.pages; v++)
            {
              struct vm_page_info pg;
              vm_page_info (vm, p, v, &pg);
              REQ_NE (pg.state, VM_PAGE_UNMAPPED);
              if (pg.state == VM_PAGE_RESIDENT)
                {
                  struct vm_frame_info fi;
                  rss++;
                  REQ_LT (pg.frame, cfg->frames);
                  vm_frame_info (vm, pg.frame, &fi);
                  REQ_MSG (fi.used, "%s: pid %u vpn %#llx in free "
                                 "frame %u", what, p, (unsigned long long) v,
                                 pg.frame);
                  REQ_MSG (!fi.page_table, "%s: pid %u vpn %#llx "
                                 "resident in page-table frame %u", what, p,
                                 (unsigned long long) v, pg.frame);
                  maps[pg.frame]++;
                }
              else if (pg.state == VM_PAGE_SWAPPED)
                {
                  uint32_t sp;
                  uint64_t sv;
                  sw++;
                  REQ_LT (pg.slot, MAXSLOTS);
                  REQ_MSG (vm_swap_info (vm, pg.slot, &sp, &sv),
                                 "%s: pid %u vpn %#llx in free slot %u", what,
                                 p, (unsigned long long) v, pg.slot);
                }
            }
        }
      REQ_EQ (pi.vsz_pages, vsz);
      REQ_MSG (pi.rss_pages == rss, "%s: pid %u rss %llu, counted %llu",
                     what, p, (unsigned long long) pi.rss_pages,
                     (unsigned long long) rss);
      REQ_MSG (pi.swap_pages == sw, "%s: pid %u swap %llu, counted %llu",
                     what, p, (unsigned long long) pi.swap_pages,
                     (unsigned long long) sw);
    }
  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      if (!fi.used)
        {
          REQ_MSG (maps[f] == 0, "%s: free frame %u mapped", what, f);
          continue;
        }
      used++;
      if (!fi.page_table)
        REQ_MSG (fi.nowners == maps[f],
                       "%s: frame %u nowners %u, mapped by %u pages", what, f,
                       fi.nowners, maps[f]);
    }
  REQ_EQ (vm_frames_used (vm), used);

  uint32_t slots = 0;
  for (uint32_t s = 0; s < MAXSLOTS; s++)
    {
      uint32_t sp;
      uint64_t sv;
      slots += vm_swap_info (vm, s, &sp, &sv);
    }
  REQ_EQ (vm_swap_slots_used (vm), slots);

  /* Every valid TLB entry agrees with the page table. */
  for (uint32_t i = 0; i < vm_tlb_size (vm); i++)
    {
      struct vm_tlb_info ti;
      struct vm_page_info pg;
      vm_tlb_info (vm, i, &ti);
      if (!ti.valid)
        continue;
      REQ_MSG (alive (vm, ti.pid), "%s: TLB entry of dead pid %u", what,
                     ti.pid);
      if (!cfg->asid)
        REQ_EQ (ti.pid, vm_current (vm));
      vm_page_info (vm, ti.pid, ti.vpn, &pg);
      REQ_MSG (pg.state == VM_PAGE_RESIDENT && pg.frame == ti.frame,
                     "%s: TLB entry pid %u vpn %#llx frame %u, page state %d "
                     "frame %u", what, ti.pid, (unsigned long long) ti.vpn,
                     ti.frame, pg.state, pg.frame);
      if (ti.bits & VM_PTE_W)
        REQ_MSG (!(pg.bits & VM_PTE_COW), "%s: writable TLB entry for "
                       "a COW page (pid %u vpn %#llx)", what, ti.pid,
                       (unsigned long long) ti.vpn);
    }

  const struct vm_stats *st = vm_stats (vm);
  REQ_EQ (st->accesses, vm_step (vm));
  REQ_MSG (st->faults
                 == st->minor_faults + st->major_faults + st->cow_faults,
                 "%s: faults %llu != minor %llu + major %llu + cow %llu", what,
                 (unsigned long long) st->faults,
                 (unsigned long long) st->minor_faults,
                 (unsigned long long) st->major_faults,
                 (unsigned long long) st->cow_faults);
  REQ_EQ (st->hits, c->n_hit);
  REQ_EQ (st->total_cost_ns, c->cost);
  REQ_EQ (st->faults, c->n_fault);
  REQ_EQ (st->accesses, c->n_hit + c->n_fault + c->n_oom);
  REQ_EQ (st->oom_kills >= c->n_oom, 1);
  if (vm_tlb_size (vm))
    {
      REQ_LE (st->tlb_hits + st->tlb_misses, st->accesses);
      REQ_GE (st->tlb_hits + st->tlb_misses,
                         st->accesses - c->n_oom);
    }
}

static void
check_event (struct vm *vm, const struct vm_event *ev)
{
  const struct vm_config *cfg = vm_config (vm);
  if (ev->result == VM_OOM)
    return;
  /* The cost model: TLB lookup, the walk on a miss (or without a TLB),
   * the data reference, the fault. */
  const struct vm_costs *k = &cfg->costs;
  uint64_t want = (ev->tlb >= 0 ? k->tlb_ns : 0)
                  + (ev->tlb != 1 ? ev->walk_len * k->mem_ns : 0) + k->mem_ns
                  + (ev->result == VM_MAJOR ? k->major_fault_ns
                     : ev->result == VM_HIT ? 0 : k->minor_fault_ns);
  REQ_MSG (ev->cost_ns == want, "step %llu (%s, tlb %d, walk %u): cost %llu, "
           "want %llu", (unsigned long long) ev->step,
           vm_result_name (ev->result), ev->tlb, ev->walk_len,
           (unsigned long long) ev->cost_ns, (unsigned long long) want);
  REQ_LT (ev->frame, cfg->frames);
  REQ_EQ (ev->pa, ((uint64_t) ev->frame << 12) | ev->offset);
  /* The address split and the walk agree with the TLB outcome. */
  REQ_EQ (ev->levels, cfg->levels);
  REQ_EQ ((ev->index[0] << 10) | ev->index[1], ev->vpn);
  REQ_EQ ((ev->vpn << 12) | ev->offset, ev->va);
  if (ev->tlb == 1)
    REQ_EQ (ev->walk_len, 0);
  else
    REQ_GE (ev->walk_len, 1);
  if (ev->result == VM_MINOR)
    REQ_MSG (ev->zero_fill != ev->shared_hit, "step %llu: minor with "
             "zero_fill %d shared_hit %d", (unsigned long long) ev->step,
             ev->zero_fill, ev->shared_hit);
  if (ev->result == VM_MAJOR)
    REQ_MSG (ev->file_read != (ev->swap_in_slot != VM_NONE), "step %llu: "
             "major with file_read %d swap_in_slot %u",
             (unsigned long long) ev->step, ev->file_read, ev->swap_in_slot);
  /* (ws evicts the pages that left the working set before the access,
   * on hits too, and the fault takes the lowest free frame.) */
  if (ev->evicted && ev->oom_killed == VM_NONE && !ev->huge_level
      && !cfg->page_tables_in_frames && cfg->policy != VM_POLICY_WS)
    REQ_MSG (ev->victim_frame == ev->frame, "step %llu: pid %u %c vpn %#llx "
             "%s into frame %u, evicting pid %u vpn %#llx from frame %u",
             (unsigned long long) ev->step, ev->pid, ev->op,
             (unsigned long long) ev->vpn, vm_result_name (ev->result),
             ev->frame, ev->victim_pid, (unsigned long long) ev->victim_vpn,
             ev->victim_frame);
  struct vm_page_info pg;
  vm_page_info (vm, ev->pid, ev->vpn, &pg);
  if (alive (vm, ev->pid))
    {
      REQ_EQ (pg.state, VM_PAGE_RESIDENT);
      REQ_EQ (pg.frame, ev->frame);
      if (ev->op == VM_WRITE)
        {
          REQ (!(pg.bits & VM_PTE_COW));
          REQ (pg.bits & VM_PTE_D);
          /* (Frames of huge pages: see test_huge_frames_mapped.) */
          struct vm_frame_info fi;
          vm_frame_info (vm, ev->frame, &fi);
          REQ (fi.dirty || ev->huge_level);
        }
    }
  if (ev->evicted)
    {
      REQ_LT (ev->victim_frame, cfg->frames);
      REQ (!(ev->victim_dirty && ev->victim_file)
                 || ev->victim_swap_slot == VM_NONE);
    }
  if (ev->result == VM_MAJOR)
    REQ (ev->file_read || ev->swap_in_slot != VM_NONE);
  if (ev->result == VM_HIT)
    REQ (!ev->zero_fill && !ev->cow_copy && !ev->file_read);
}

static void
stress (enum vm_policy policy, int variant, unsigned nops)
{
  struct vm_config cfg;
  struct ctx c, c2;
  struct vm_event ev, ev2;
  vm_config_default (&cfg);
  cfg.policy = policy;
  /* 0: bounded swap, 2-way TLB; 1: ASIDs, fully associative fifo TLB;
   * 2: local scope; 3: page tables in frames, random TLB; 4: a region of
   * 4 MiB huge pages (level 1 of 10,10) in every process. */
  cfg.frames = variant == 1 ? 24 : variant == 3 ? 32 : variant == 4 ? 2100
               : 12;
  cfg.swap_slots = variant == 1 ? VM_NONE : 200;
  cfg.tlb_entries = 8;
  cfg.tlb_ways = variant == 0 ? 2 : 0;
  cfg.tlb_policy = variant == 1 ? VM_TLB_FIFO
                   : variant == 3 ? VM_TLB_RANDOM : VM_TLB_LRU;
  cfg.asid = variant == 1;
  cfg.local_scope = variant == 2;
  cfg.page_tables_in_frames = variant == 3;
  cfg.seed = 42 + policy;
  struct vm *vm = t_new (&cfg);
  memset (&c, 0, sizeof c);
  c.rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t) policy << 8)
          ^ (uint64_t) variant;
  c.huge = variant == 4;
  c.shm = vm_object_new_shm (vm, "shm", SHM_N);
  c.file = vm_object_new_file (vm, "file", FPRIV_N + FSHR_N);
  for (int i = 0; i < 2; i++)
    setup_proc (vm, &c, vm_proc_new (vm, "init"));

  char what[64];
  struct vm *cl = NULL;
  for (unsigned i = 0; i < nops; i++)
    {
      snprintf (what, sizeof what, "%s/%d op %u", vm_policy_name (policy),
                variant, i);
      if (i == nops / 2)
        {
          cl = vm_clone (vm);
          REQ (cl != NULL);
          c2 = c;
        }
      /* Pinned frames before the op: never victims. */
      /* (Not with the 2100 frames of the huge variant: too slow, and its
       * locks are on small pages all the same.) */
      static bool pinned[4096];
      REQ_LE (cfg.frames, 4096);
      memset (pinned, 0, sizeof pinned);
      for (uint32_t f = 0; f < cfg.frames && cfg.frames <= 64; f++)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, f, &fi);
          pinned[f] = fi.used && fi.pinned;
        }
      uint64_t evictions = vm_stats (vm)->evictions;
      bool acc = one_op (vm, &c, &ev);
      /* Every eviction is counted in the access's event, and the first
       * is described (evicted and the victim_* fields). */
      uint64_t more = vm_stats (vm)->evictions - evictions;
      if (!acc)
        {
          /* (With page tables in frames, the tables of a fork or of a new
           * process may evict.) */
          if (!cfg.page_tables_in_frames)
            REQ_MSG (more == 0, "%s: %llu evictions outside an access",
                     what, (unsigned long long) more);
        }
      else
        {
          REQ_MSG (more == ev.evictions, "%s: step %llu (pid %u %c vpn %#llx, "
                   "%s): %llu evictions, the event counts %u", what,
                   (unsigned long long) ev.step, ev.pid, ev.op,
                   (unsigned long long) ev.vpn, vm_result_name (ev.result),
                   (unsigned long long) more, ev.evictions);
          REQ_MSG (ev.evicted == (ev.evictions > 0), "%s: evicted %d but "
                   "%u evictions", what, ev.evicted, ev.evictions);
        }
      if (acc)
        {
          check_event (vm, &ev);
          /* An OOM kill in the op may unpin frames (the killed process's
           * locks go with it); only then may a frame pinned before be
           * evicted. */
          if (ev.evicted && ev.oom_killed == VM_NONE)
            REQ_MSG (!pinned[ev.victim_frame],
                           "%s: pinned frame %u evicted", what,
                           ev.victim_frame);
        }
      if (i < 600 || i % 5 == 0)
        check_invariants (vm, &c, what);
      if (cl)
        {
          bool acc2 = one_op (cl, &c2, &ev2);
          REQ_EQ (acc, acc2);
          if (acc)
            {
              REQ_MSG (ev.result == ev2.result && ev.frame == ev2.frame
                             && ev.evicted == ev2.evicted
                             && ev.victim_vpn == ev2.victim_vpn
                             && ev.tlb == ev2.tlb,
                             "%s: clone diverged", what);
            }
        }
    }
  REQ (c.n_fault > 100);
  REQ_EQ (memcmp (vm_stats (vm), vm_stats (cl),
                            sizeof (struct vm_stats)), 0);
  check_invariants (cl, &c2, "clone");
  vm_free (cl);
  vm_free (vm);
}

START_TEST (test_stress)
{
  /* _i runs over policy x variant. */
  enum vm_policy p = (enum vm_policy) (_i / 5);
  int variant = _i % 5;
  stress (p, variant, variant == 4 ? 1000 : 3000);
}
END_TEST

Suite *
engine_stress_suite (void)
{
  Suite *s = suite_create ("engine-stress");
  TCase *tc = tcase_create ("stress");
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_stress, 0, 5 * VM_POLICY_COUNT);
  suite_add_tcase (s, tc);
  return s;
}
