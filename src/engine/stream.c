/* stream.c: a whole quiet trace run (vm_access_stream), in a compact form
 * while it lasts.
 *
 * The commonest batch run is one trace under fifo, lru or clock: one
 * process mapping the whole address space to the run's backing store, no
 * values, no history, no huge pages.  Every miss there is the same major
 * fault (the page read from the store, the policy's victim written back
 * if dirty and dropped), and every other access a hit.  The machine's
 * general structures are too general for that: a fault puts the page in
 * the store's map and sets its page-table entry (both hash maps when
 * sparse), an eviction takes both out again, and a hit reads the entry
 * from its leaf's map.
 *
 * So, while such a run lasts, the resident pages are held in one small
 * open-addressing table, page -> frame, and the page-table entries and
 * the store's map are left as they were; everything else is the
 * machine's own state, kept exactly as vm_access would keep it: the
 * frames (owner, object page, dirty and reference bits, load and last
 * use, the policy's list, the clock's hand), the TLB (through its own
 * functions), the page-table nodes (made at the first fault under them,
 * as vm_fault makes them), the counters and the step.  When the run
 * ends, or meets an access the compact form does not take (a page beyond
 * va_bits), the resident pages are written into the page tables and the
 * store's map, and the machine is exactly what vm_access_run would have
 * made of it (the Check test stream_same compares every frame, page, TLB
 * entry and counter).  Only the memory differs: the table costs 16 bytes
 * a slot, at most four slots a frame, and the page tables keep no empty
 * entries of pages evicted during the run. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

#define EMPTY UINT64_MAX

struct slot
{
  uint64_t vpn;         /* EMPTY: none */
  uint32_t frame;
  uint32_t tlb;         /* the TLB slot it was last filled into (0 at
                           first; checked before use: it may have been
                           dropped or reused since) */
};

struct fast
{
  struct slot *t;       /* 1 << bits slots */
  unsigned bits;
  uint64_t mask;
  uint32_t n;           /* resident pages */
  uint32_t pid;
  uint32_t oid;         /* the store */
  uint64_t page0;       /* object page of vpn 0 */
  uint32_t pte_bits;    /* of a resident page */
  uint64_t fault_ns;    /* cost of a fault whose walk reads every level */
  bool lazy_tlb;        /* an lru TLB whose order lists are stale: a hit
                           sets only its entry's stamp (see tlb_fill_lazy) */
};

/* The slot where a search for VPN starts, in a table of 1 << (64 - HS)
 * slots (multiplicative hashing: the product's high bits). */
static inline uint64_t
hash_at (uint64_t vpn, unsigned hs)
{
  return (vpn * 0x9E3779B97F4A7C15ULL) >> hs;
}

static inline uint64_t
home (const struct fast *fs, uint64_t vpn)
{
  return hash_at (vpn, 64 - fs->bits);
}

static void
table_alloc (struct vm *vm, struct fast *fs, unsigned bits)
{
  size_t n = (size_t) 1 << bits;
  vm_charge (vm, (int64_t) (n * sizeof *fs->t), BUDGET_PAGE_TABLES);
  fs->t = xreallocarray (NULL, n, sizeof *fs->t);
  for (size_t i = 0; i < n; i++)
    fs->t[i].vpn = EMPTY;
  fs->bits = bits;
  fs->mask = n - 1;
}

static struct slot *
insert (struct fast *fs, uint64_t vpn, uint32_t f)
{
  uint64_t i = home (fs, vpn);
  while (fs->t[i].vpn != EMPTY)
    i = (i + 1) & fs->mask;
  fs->t[i].vpn = vpn;
  fs->t[i].frame = f;
  fs->t[i].tlb = 0;
  return &fs->t[i];
}

/* Room for one more page: the table at most a quarter full (a hit then
 * finds its page at the first probe, most of the time). */
static void
reserve (struct vm *vm, struct fast *fs)
{
  struct slot *old = fs->t;
  size_t n = (size_t) 1 << fs->bits;
  if (4 * ((size_t) fs->n + 1) <= n)
    return;
  table_alloc (vm, fs, fs->bits + 1);
  for (size_t i = 0; i < n; i++)
    if (old[i].vpn != EMPTY)
      insert (fs, old[i].vpn, old[i].frame)->tlb = old[i].tlb;
  vm_charge (vm, -(int64_t) (n * sizeof *old), BUDGET_PAGE_TABLES);
  free (old);
}

/* Take VPN out (backward-shift deletion). */
static void
remove_vpn (struct fast *fs, uint64_t vpn)
{
  uint64_t i = home (fs, vpn), j;
  while (fs->t[i].vpn != vpn)
    i = (i + 1) & fs->mask;
  fs->t[i].vpn = EMPTY;
  for (j = (i + 1) & fs->mask; fs->t[j].vpn != EMPTY; j = (j + 1) & fs->mask)
    {
      uint64_t h = home (fs, fs->t[j].vpn);
      /* move j back to i if its home is not in (i, j] cyclically */
      if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j))
        {
          fs->t[i] = fs->t[j];
          fs->t[j].vpn = EMPTY;
          i = j;
        }
    }
}

/* tlb_fill for PID's page VPN in FRAME.  With an lru TLB, hits in the
 * compact form set only their entry's stamp, not its place in its set's
 * order: each set's order holds the right entries in any order.  Only a
 * fill into a full set reads the order (its head goes): that entry is
 * made the head first, the one with the oldest stamp, as the order kept
 * at every hit would have it. */
static uint32_t
tlb_fill_lazy (struct vm *vm, const struct fast *fs, uint64_t vpn,
               uint32_t frame)
{
  if (fs->lazy_tlb)
    {
      uint32_t set = (uint32_t) (vpn % vm->tlb_sets), ways = vm->tlb_ways;
      const uint64_t *w = &vm->tlb_free[(size_t) set * vm->tlb_words];
      uint32_t i, old = NIL;
      for (i = 0; i < vm->tlb_words && !w[i]; i++)
        ;
      if (i == vm->tlb_words)
        {
          /* no invalid way: the oldest stamp goes */
          for (uint32_t s = set * ways; s < (set + 1) * ways; s++)
            if (old == NIL || vm->tlb[s].stamp < vm->tlb[old].stamp)
              old = s;
          if (vm->tlb_oldest[set] != old)
            {
              struct tlb_entry *e = &vm->tlb[old];
              order_unlink (vm, old);
              e->newer = vm->tlb_oldest[set];
              vm->tlb[e->newer].older = old;
              vm->tlb_oldest[set] = old;
            }
        }
    }
  return (uint32_t) tlb_fill (vm, fs->pid, vpn, 1, frame, fs->pte_bits,
                              false);
}

/* Each set's order by stamp again (oldest first), as tlb_used keeps it. */
static int
by_stamp (const void *a, const void *b, void *tlb)
{
  const struct tlb_entry *t = tlb;
  uint64_t x = t[*(const uint32_t *) a].stamp;
  uint64_t y = t[*(const uint32_t *) b].stamp;
  return (x > y) - (x < y);
}

static void
tlb_reorder (struct vm *vm)
{
  uint32_t ways = vm->tlb_ways, *v = xreallocarray (NULL, ways, sizeof *v);
  for (uint32_t set = 0; set < vm->tlb_sets; set++)
    {
      uint32_t n = 0;
      for (uint32_t s = set * ways; s < (set + 1) * ways; s++)
        if (vm->tlb[s].valid)
          v[n++] = s;
      qsort_r (v, n, sizeof *v, by_stamp, vm->tlb);
      vm->tlb_oldest[set] = vm->tlb_newest[set] = NIL;
      for (uint32_t k = 0; k < n; k++)
        order_append (vm, v[k]);
    }
  free (v);
}

/* May a stream of PID's accesses (with FUTURE) take the compact form? */
static bool
fast_begin (struct vm *vm, uint32_t pid, const struct vm_future *future,
            struct fast *fs)
{
  const unsigned rwx = VM_PERM_R | VM_PERM_W | VM_PERM_X;
  const struct proc *p;
  const struct region *r;

  if (!vm->quiet || vm->cfg.unpaged || future || vm->nprocs != 1
      || pid != 0 || vm->wval || vm->values.npages || !vm->evicted.off
      || vm->cfg.page_tables_in_frames || vm->have_huge
      || vm->frames_used != 0 || !vm->vpn_limit
      || (vm->cfg.policy != VM_POLICY_FIFO
          && vm->cfg.policy != VM_POLICY_LRU
          && vm->cfg.policy != VM_POLICY_CLOCK))
    return false;
  p = &vm->procs[pid];
  if (!p->alive || p->nregions != 1 || p->rss || p->swapped
      || p->root == NIL)
    return false;
  r = &p->regions[0];
  if (r->start != 0 || r->pages < vm->vpn_limit || r->huge_level
      || r->object == NIL || !vm->objects[r->object].file
      || vm->objects[r->object].map.len
      || (r->perm & rwx) != rwx
      || (r->perm & (VM_MAP_SHARED | VM_MAP_LOCKED)) != VM_MAP_SHARED)
    return false;
  memset (fs, 0, sizeof *fs);
  fs->pid = pid;
  fs->oid = r->object;
  fs->page0 = r->object_page;
  fs->pte_bits = region_pte_bits (r) | VM_PTE_P;
  fs->fault_ns = vm->hit_cost_walk + vm->cfg.costs.major_fault_ns;
  fs->lazy_tlb = vm->tlb && vm->cfg.tlb_policy == VM_TLB_LRU;
  table_alloc (vm, fs, 6);
  return true;
}

/* Back to the machine's own form: the resident pages into their page
 * tables and the store's map. */
static void
fast_end (struct vm *vm, struct fast *fs)
{
  unsigned last = vm->cfg.levels - 1;
  struct object *o = &vm->objects[fs->oid];
  for (uint32_t f = vm->list_head; f != NIL; f = vm->frames[f].next)
    {
      uint64_t vpn = vm->frames[f].owners[0].vpn, idx;
      uint32_t node;
      if (!pt_leaf (vm, fs->pid, vpn, last, false, &node, &idx))
        abort ();       /* every fault made its leaf */
      pt_set (vm, node, idx, pte_make (f, fs->pte_bits));
      hmap_put (&o->map, fs->page0 + vpn, OBJ_FRAME | f);
    }
  vm->procs[fs->pid].rss = fs->n;
  if (fs->lazy_tlb)
    tlb_reorder (vm);
  vm_charge (vm, -(int64_t) (((size_t) 1 << fs->bits) * sizeof *fs->t),
             BUDGET_PAGE_TABLES);
  free (fs->t);
  fs->t = NULL;
}

/* The fault of an access to VPN (a write if W; the trace's line LINE),
 * not resident: what access_full and vm_fault do for it. */
static void __attribute__ ((noinline))
fast_fault (struct vm *vm, struct fast *fs, uint64_t vpn, bool w,
            uint64_t line)
{
  const unsigned last = vm->cfg.levels - 1;
  const uint32_t pid = fs->pid;
  uint64_t cost = fs->fault_ns, idx;
  struct frame *fr;
  struct slot *sl;
  uint32_t f, node;

  budget_place.line = line;
  if (vm->leaf_pid != pid
      || vpn >> vm->cfg.level_bits[last] != vm->leaf_prefix)
    {
      /* The walk; it stops at the first missing level, reading one
       * entry fewer for each level below it, and vm_fault makes them. */
      uint32_t nd = vm->procs[pid].root;
      unsigned l;
      for (l = 0; l < last; l++)
        {
          uint64_t e = pt_get (vm, nd, (vpn >> vm->lvl_shift[l])
                                       & vm->lvl_mask[l]);
          if (!(e & VM_PTE_TABLE))
            break;
          nd = (uint32_t) pte_target (e);
        }
      if (l < last)
        {
          cost -= (uint64_t) (last - l) * vm->cfg.costs.mem_ns;
          if (!pt_leaf (vm, pid, vpn, last, true, &node, &idx))
            abort ();   /* no frames are taken for page tables here */
        }
      else
        {
          vm->leaf_pid = pid;
          vm->leaf_prefix = vpn >> vm->cfg.level_bits[last];
          vm->leaf_node = nd;
        }
    }
  if (vm->tlb)
    vm->st.tlb_misses++;
  if (vm->frames_used < vm->cfg.frames)
    {
      f = frame_alloc_free (vm);
      frame_take (vm, f);
      fr = &vm->frames[f];
      fr->object = fs->oid;
      frame_add_owner (vm, f, pid, vpn);
      policy_append (vm, f);
    }
  else
    {
      /* policy_victim, vm_evict, frame_release, then frame_alloc_free
       * and frame_take give the victim's frame back (the only one
       * free), loaded again: to the tail of the list.  fifo and lru's
       * victim is the head of the list; clock's hand sweeps. */
      uint64_t old;
      if (vm->cfg.policy == VM_POLICY_CLOCK)
        f = policy_victim (vm, pid);
      else
        {
          if (vm->frames_cap < vm->cfg.frames)
            frames_reserve (vm, vm->cfg.frames);
          f = vm->list_head;
        }
      fr = &vm->frames[f];
      fr->ref = true;
      old = fr->owners[0].vpn;
      if (fr->dirty)
        vm->st.file_writes++;
      if (vm->tlb)
        tlb_invalidate (vm, pid, old);
      remove_vpn (fs, old);
      fs->n--;
      vm->st.evictions++;
      list_move_tail (vm, f);
      fr->owners[0].vpn = vpn;
      fr->loaded_at = fr->last_use = vm->step;
      vm->frame_hint = f + 1;
    }
  fr->object_page = fs->page0 + vpn;
  fr->dirty = w;
  reserve (vm, fs);
  sl = insert (fs, vpn, f);
  fs->n++;
  vm->st.file_reads++;
  if (vm->tlb)
    sl->tlb = tlb_fill_lazy (vm, fs, vpn, f);
  vm->st.accesses++;
  vm->st.major_faults++;
  vm->st.faults++;
  vm->st.total_cost_ns += cost;
  vm->step++;
}

/* REFS[0 .. N) in the compact form, while they can be; the index of the
 * first that cannot (nothing done for it), or N.  A TLB is probed
 * through the slot the page's entry remembers: the entry there is
 * the page's if the TLB holds it at all (a page is filled into one
 * slot at a time, and dropped from it when evicted). */
static inline __attribute__ ((always_inline)) size_t
fast_run_with (struct vm *vm, struct fast *fs, const struct vm_ref *refs,
               size_t n, const bool tlb, const bool lazy, const bool lru)
{
  const unsigned shift = vm->shift;
  const uint64_t limit = vm->vpn_limit;
  struct tlb_entry *const tlbv = vm->tlb;
  struct frame *frames = vm->frames;
  const struct slot *t = fs->t;
  uint64_t mask = fs->mask, step = vm->step, start = step;
  unsigned hs = 64 - fs->bits;
  uint64_t tlb_hits = 0, tlb_misses = 0, faults = 0;
  size_t i;

  for (i = 0; i < n; i++)
    {
      uint64_t vpn = refs[i].va >> shift, h;
      struct frame *fr;
      uint32_t f;

      if (vpn >= limit)
        break;          /* beyond va_bits: access_full kills the process */
      for (h = hash_at (vpn, hs); t[h].vpn != vpn;
           h = (h + 1) & mask)
        if (t[h].vpn == EMPTY)
          goto fault;
      f = t[h].frame;
      if (tlb)
        {
          /* the TLB holds no other process's pages, nor huge ones */
          struct tlb_entry *te = &tlbv[t[h].tlb];
          if (te->vpn == vpn && te->valid)
            {
              tlb_hits++;
              if (lazy)
                te->stamp = ++vm->tlb_clock;
              else
                tlb_used (vm, t[h].tlb);
            }
          else
            {
              tlb_misses++;
              ((struct slot *) t)[h].tlb = tlb_fill_lazy (vm, fs, vpn, f);
            }
        }
      /* policy_touch and frame_mark */
      fr = &frames[f];
      fr->ref = true;
      if (refs[i].op == VM_WRITE)
        fr->dirty = true;
      fr->last_use = step++;
      if (lru && f != vm->list_tail)
        {
          /* list_move_tail, knowing that F is on the list and not last */
          uint32_t prev = fr->prev, next = fr->next, tail = vm->list_tail;
          frames[next].prev = prev;
          if (prev != NIL)
            frames[prev].next = next;
          else
            vm->list_head = next;
          fr->prev = tail;
          fr->next = NIL;
          frames[tail].next = f;
          vm->list_tail = f;
        }
      continue;

    fault:
      vm->step = step;
      fast_fault (vm, fs, vpn, refs[i].op == VM_WRITE, refs[i].line);
      step++;
      faults++;
      frames = vm->frames;  /* frames_reserve and reserve may move */
      t = fs->t;
      mask = fs->mask;
      hs = 64 - fs->bits;
    }
  {
    uint64_t hits = step - start - faults;
    vm->step = step;
    vm->st.hits += hits;
    vm->st.accesses += hits;
    vm->st.total_cost_ns += (hits - tlb_hits) * vm->hit_cost_walk
                            + tlb_hits * vm->hit_cost_tlb;
    vm->st.tlb_hits += tlb_hits;
    vm->st.tlb_misses += tlb_misses;
  }
  return i;
}

static size_t
fast_run (struct vm *vm, struct fast *fs, const struct vm_ref *refs, size_t n)
{
  bool lru = vm->cfg.policy == VM_POLICY_LRU;
  if (fs->lazy_tlb)
    return lru ? fast_run_with (vm, fs, refs, n, true, true, true)
               : fast_run_with (vm, fs, refs, n, true, true, false);
  if (vm->tlb)
    return lru ? fast_run_with (vm, fs, refs, n, true, false, true)
               : fast_run_with (vm, fs, refs, n, true, false, false);
  return lru ? fast_run_with (vm, fs, refs, n, false, false, true)
             : fast_run_with (vm, fs, refs, n, false, false, false);
}

long
vm_access_stream (struct vm *vm, uint32_t pid, vm_stream_read *read,
                  void *ctx, const struct vm_future *future)
{
  struct vm_ref buf[256];
  struct fast fs;
  bool fast = fast_begin (vm, pid, future, &fs);
  uint64_t first = 0;
  long n;

  while ((n = read (ctx, buf, ARRAY_SIZE (buf))) > 0)
    {
      size_t i = 0;
      if (fast && (i = fast_run (vm, &fs, buf, (size_t) n)) < (size_t) n)
        {
          fast_end (vm, &fs);
          fast = false;
        }
      if (i < (size_t) n)
        vm_access_run (vm, pid, buf + i, (size_t) n - i, future, first + i);
      first += (uint64_t) n;
    }
  if (fast)
    fast_end (vm, &fs);
  return n;
}
