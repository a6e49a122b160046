/* check_engine_model.c: the engine against a small reference model of
 * DESIGN.md's rules, on long random reference strings of one process:
 * every access's result, frame, victim, dirtiness and swap slots must
 * match.  The model knows fifo, lru, clock, opt and sc-dirty (as the man
 * page words it), lowest free frame and slot first, zero-fill of pages
 * never written, and the swap cache (a page read back from swap keeps its
 * slot while clean; a write makes the swap copy stale and frees the slot,
 * as Linux does, so a later eviction takes the lowest free slot). */
#include <config.h>

#include <string.h>

#include "check_engine.h"

#define MPAGES 256
#define MFRAMES 128
#define MSTEPS 4000

enum mstate
{
  M_NONE,     /* never loaded, or dropped (zeros) */
  M_RES,
  M_SWAP
};

struct mpage
{
  enum mstate st;
  uint32_t frame;
  uint32_t slot;  /* swap slot (M_SWAP) or swap cache slot (M_RES), or VM_NONE */
};

struct mframe
{
  int page;       /* -1 if free */
  bool dirty, ref;
  uint64_t loaded, used, next;
};

struct model
{
  enum vm_policy pol;
  uint32_t nframes;
  struct mpage pages[MPAGES];
  struct mframe frames[MFRAMES];
  bool slot_used[MSTEPS];
  uint32_t hand;
};

/* What the model expects of one access. */
struct mexp
{
  enum vm_result result;
  uint32_t frame;
  bool evicted;
  int victim;
  bool victim_dirty;
  uint32_t victim_slot, swap_in;
};

static uint32_t
m_victim (struct model *m)
{
  uint32_t n = m->nframes, best = 0;
  switch (m->pol)
    {
    case VM_POLICY_FIFO:
      for (uint32_t f = 1; f < n; f++)
        if (m->frames[f].loaded < m->frames[best].loaded)
          best = f;
      return best;
    case VM_POLICY_LRU:
      for (uint32_t f = 1; f < n; f++)
        if (m->frames[f].used < m->frames[best].used)
          best = f;
      return best;
    case VM_POLICY_OPT:
      for (uint32_t f = 1; f < n; f++)
        if (m->frames[f].next > m->frames[best].next)
          best = f;
      return best;
    case VM_POLICY_CLOCK:
      while (m->frames[m->hand].ref)
        {
          m->frames[m->hand].ref = false;
          m->hand = (m->hand + 1) % n;
        }
      best = m->hand;
      m->hand = (m->hand + 1) % n;
      return best;
    case VM_POLICY_SC_DIRTY:
      for (int round = 0; round < 2; round++)
        {
          for (uint32_t i = 0; i < n; i++)
            {
              uint32_t f = (m->hand + i) % n;
              if (!m->frames[f].ref && !m->frames[f].dirty)
                {
                  m->hand = (f + 1) % n;
                  return f;
                }
            }
          for (uint32_t i = 0; i < n; i++)
            {
              uint32_t f = (m->hand + i) % n;
              if (!m->frames[f].ref)
                {
                  m->hand = (f + 1) % n;
                  return f;
                }
              m->frames[f].ref = false;
            }
        }
      ck_abort_msg ("model: no victim");
    default:
      ck_abort_msg ("model: policy");
    }
  return 0;
}

static void
m_access (struct model *m, uint64_t step, int page, bool write,
          uint64_t next, struct mexp *x)
{
  struct mpage *p = &m->pages[page];
  memset (x, 0, sizeof *x);
  x->victim = -1;
  x->victim_slot = VM_NONE;
  x->swap_in = VM_NONE;
  if (p->st == M_RES)
    {
      struct mframe *fr = &m->frames[p->frame];
      x->result = VM_HIT;
      x->frame = p->frame;
      fr->used = step;
      fr->ref = true;
      fr->next = next;
      fr->dirty |= write;
      if (write && p->slot != VM_NONE)
        {
          m->slot_used[p->slot] = false;
          p->slot = VM_NONE;
        }
      return;
    }
  uint32_t f;
  for (f = 0; f < m->nframes && m->frames[f].page >= 0; f++)
    ;
  if (f == m->nframes)
    {
      f = m_victim (m);
      struct mframe *vf = &m->frames[f];
      struct mpage *vp = &m->pages[vf->page];
      x->evicted = true;
      x->victim = vf->page;
      x->victim_dirty = vf->dirty;
      if (vf->dirty)
        {
          if (vp->slot == VM_NONE)
            {
              uint32_t s = 0;
              while (m->slot_used[s])
                s++;
              m->slot_used[s] = true;
              vp->slot = s;
            }
          x->victim_slot = vp->slot;
        }
      vp->st = vp->slot == VM_NONE ? M_NONE : M_SWAP;
      vp->frame = VM_NONE;
    }
  if (p->st == M_SWAP)
    {
      x->result = VM_MAJOR;
      x->swap_in = p->slot;
    }
  else
    x->result = VM_MINOR;
  p->st = M_RES;
  p->frame = f;
  if (write && p->slot != VM_NONE)
    {
      m->slot_used[p->slot] = false;
      p->slot = VM_NONE;
    }
  m->frames[f] = (struct mframe) { .page = page, .dirty = write, .ref = true,
                                   .loaded = step, .used = step,
                                   .next = next };
  x->frame = f;
}

static void
model_run (enum vm_policy pol, uint32_t nframes, uint32_t npages,
           bool tlb, uint64_t seed)
{
  static uint64_t refs[MSTEPS];
  static char ops[MSTEPS];
  static struct vm_event evs[MSTEPS];
  struct model m;
  uint64_t r = seed;

  ck_assert_uint_le (nframes, MFRAMES);
  ck_assert_uint_le (npages, MPAGES);
  /* A reference string with locality: mostly a drifting window. */
  for (size_t i = 0; i < MSTEPS; i++)
    {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      uint32_t x = (uint32_t) (r >> 33);
      uint32_t base = (uint32_t) (i / 50) % npages;
      refs[i] = (x % 4) ? (base + (x >> 8) % (nframes + 2)) % npages
                        : (x >> 8) % npages;
      ops[i] = ((x >> 4) % 10) < 3 ? 'w' : 'r';
    }

  struct vm_config c;
  vm_config_default (&c);
  c.policy = pol;
  c.frames = nframes;
  c.tlb_entries = tlb ? 4 : 0;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_ops (vm, pid, refs, ops, MSTEPS, evs);

  /* The model, with opt's next uses from a plain scan. */
  memset (&m, 0, sizeof m);
  m.pol = pol;
  m.nframes = nframes;
  for (uint32_t i = 0; i < MPAGES; i++)
    m.pages[i] = (struct mpage) { M_NONE, VM_NONE, VM_NONE };
  for (uint32_t f = 0; f < MFRAMES; f++)
    m.frames[f].page = -1;
  uint64_t nextpos[MPAGES];
  static uint64_t next[MSTEPS];
  for (uint32_t i = 0; i < MPAGES; i++)
    nextpos[i] = VM_NEVER;
  for (size_t i = MSTEPS; i-- > 0;)
    {
      next[i] = nextpos[refs[i]];
      nextpos[refs[i]] = i;
    }
  unsigned evictions = 0, majors = 0, dirty = 0;
  for (size_t i = 0; i < MSTEPS; i++)
    {
      struct mexp x;
      const struct vm_event *e = &evs[i];
      m_access (&m, i, (int) refs[i], ops[i] == 'w', next[i], &x);
      ck_assert_msg (e->result == x.result && e->frame == x.frame,
                     "%s/%u frames step %zu (%c %llu): engine %s in %u, "
                     "model %s in %u", vm_policy_name (pol), nframes, i,
                     ops[i], (unsigned long long) refs[i],
                     vm_result_name (e->result), e->frame,
                     vm_result_name (x.result), x.frame);
      ck_assert_msg (e->evicted == x.evicted
                     && (!x.evicted || (e->victim_vpn == (uint64_t) x.victim
                                        && e->victim_dirty == x.victim_dirty
                                        && e->victim_swap_slot
                                           == x.victim_slot)),
                     "%s/%u frames step %zu (%c %llu): engine evicted %d "
                     "page %llu dirty %d slot %u, model %d page %d dirty %d "
                     "slot %u", vm_policy_name (pol), nframes, i, ops[i],
                     (unsigned long long) refs[i], e->evicted,
                     (unsigned long long) e->victim_vpn, e->victim_dirty,
                     e->victim_swap_slot, x.evicted, x.victim, x.victim_dirty,
                     x.victim_slot);
      ck_assert_uint_eq (e->evictions, (uint32_t) x.evicted);
      ck_assert_msg (e->swap_in_slot == x.swap_in,
                     "%s step %zu: swap-in slot %u, model %u",
                     vm_policy_name (pol), i, e->swap_in_slot, x.swap_in);
      ck_assert_int_eq (e->zero_fill, x.result == VM_MINOR);
      evictions += x.evicted;
      majors += x.result == VM_MAJOR;
      dirty += x.evicted && x.victim_dirty;
    }
  /* The run did exercise replacement and the swap device. */
  ck_assert_uint_gt (evictions, 100);
  ck_assert_uint_gt (majors, 50);
  ck_assert_uint_gt (dirty, 50);
  if (pol == VM_POLICY_CLOCK || pol == VM_POLICY_SC_DIRTY)
    ck_assert_uint_eq (vm_clock_hand (vm), m.hand);
  vm_free (vm);
}

/* ------------------------------------------------------------------ */
/* The TLB: N entries in N/W sets of W ways (W = N when fully
 * associative), set = vpn % sets; a miss fills an invalid way of the set
 * if there is one, else replaces the way used least recently (lru) or
 * filled first (fifo); an evicted page's entry is invalidated. */

struct mtlb
{
  uint32_t n, ways;
  bool lru;
  bool valid[64];
  uint64_t vpn[64], filled[64], used[64];
};

static bool
mtlb_access (struct mtlb *t, uint64_t vpn, uint64_t step)
{
  uint32_t sets = t->n / t->ways, set = (uint32_t) (vpn % sets);
  uint32_t base = set * t->ways, pick = VM_NONE;
  for (uint32_t w = base; w < base + t->ways; w++)
    if (t->valid[w] && t->vpn[w] == vpn)
      {
        t->used[w] = step;
        return true;
      }
  for (uint32_t w = base; w < base + t->ways && pick == VM_NONE; w++)
    if (!t->valid[w])
      pick = w;
  if (pick == VM_NONE)
    {
      pick = base;
      for (uint32_t w = base + 1; w < base + t->ways; w++)
        if (t->lru ? t->used[w] < t->used[pick]
                   : t->filled[w] < t->filled[pick])
          pick = w;
    }
  t->valid[pick] = true;
  t->vpn[pick] = vpn;
  t->filled[pick] = t->used[pick] = step;
  return false;
}

static void
mtlb_drop (struct mtlb *t, uint64_t vpn)
{
  for (uint32_t w = 0; w < t->n; w++)
    if (t->valid[w] && t->vpn[w] == vpn)
      t->valid[w] = false;
}

static void
model_tlb_run (uint32_t entries, uint32_t ways, enum vm_tlb_policy tp,
               uint32_t frames, uint64_t seed)
{
  static uint64_t refs[MSTEPS];
  static struct vm_event evs[MSTEPS];
  struct mtlb t;
  uint64_t r = seed;
  const uint32_t npages = 40;
  for (size_t i = 0; i < MSTEPS; i++)
    {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      uint32_t x = (uint32_t) (r >> 33);
      uint32_t base = (uint32_t) (i / 40) % npages;
      refs[i] = (x % 5) ? (base + (x >> 8) % (entries + 3)) % npages
                        : (x >> 8) % npages;
    }
  struct vm_config c;
  vm_config_default (&c);
  c.frames = frames;
  c.tlb_entries = entries;
  c.tlb_ways = ways;
  c.tlb_policy = tp;
  struct vm *vm = t_new (&c);
  uint32_t pid = t_refs_proc (vm, "refs");
  t_run_refs (vm, pid, refs, MSTEPS, evs);

  memset (&t, 0, sizeof t);
  ck_assert_uint_le (entries, 64);
  t.n = entries;
  t.ways = ways ? ways : entries;
  t.lru = tp == VM_TLB_LRU;
  unsigned hits = 0;
  for (size_t i = 0; i < MSTEPS; i++)
    {
      const struct vm_event *e = &evs[i];
      if (e->evicted)
        mtlb_drop (&t, e->victim_vpn);
      bool hit = mtlb_access (&t, refs[i], i);
      ck_assert_msg (e->tlb == (hit ? 1 : 0),
                     "TLB %u entries %u ways %s, %u frames, step %zu (page "
                     "%llu): engine %s, model %s", entries, t.ways,
                     vm_tlb_policy_name (tp), frames, i,
                     (unsigned long long) refs[i],
                     e->tlb == 1 ? "hit" : "miss", hit ? "hit" : "miss");
      hits += hit;
    }
  ck_assert_uint_gt (hits, MSTEPS / 10);
  ck_assert_uint_lt (hits, MSTEPS - MSTEPS / 10);
  vm_free (vm);
}

START_TEST (test_model_tlb)
{
  /* _i: (entries, ways) x policy x frames. */
  static const uint32_t shape[][2] = { { 4, 0 }, { 8, 0 }, { 8, 2 },
                                       { 8, 1 }, { 16, 4 }, { 8, 8 } };
  uint32_t k = (uint32_t) _i / 4;
  enum vm_tlb_policy tp = (_i % 2) ? VM_TLB_FIFO : VM_TLB_LRU;
  uint32_t frames = (_i / 2) % 2 ? 6 : 64;
  model_tlb_run (shape[k][0], shape[k][1], tp, frames, 77 + (uint64_t) _i);
}
END_TEST

static const enum vm_policy model_pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
                                             VM_POLICY_CLOCK, VM_POLICY_OPT,
                                             VM_POLICY_SC_DIRTY };

START_TEST (test_model)
{
  /* _i: policy x (frames, TLB). */
  enum vm_policy pol = model_pols[_i / 6];
  static const uint32_t nf[] = { 3, 4, 7, 16, 70, 100 };
  uint32_t frames = nf[_i % 6];
  model_run (pol, frames, frames > 16 ? 2 * frames : frames == 16 ? 24 : 12,
             _i % 2, 1000 + (uint64_t) _i);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Several processes: global replacement over (pid, page), context
 * switches flushing the TLB unless ASIDs are on. */

static void
model_multi_run (enum vm_policy pol, bool asid, uint64_t seed)
{
  enum { NP = 3, PP = 8, N = 3000 };
  static uint32_t pids[N];
  static uint64_t vpns[N], next[N];
  static char ops[N];
  struct model m;
  struct mtlb t;
  uint64_t r = seed;
  uint32_t cur = 0;
  int left = 0;
  for (size_t i = 0; i < N; i++)
    {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      uint32_t x = (uint32_t) (r >> 33);
      if (left-- <= 0)
        {
          cur = x % NP;
          left = 1 + (int) ((x >> 4) % 30);
        }
      pids[i] = cur;
      vpns[i] = (x >> 10) % PP;
      ops[i] = ((x >> 20) % 10) < 3 ? 'w' : 'r';
    }
  struct vm_config c;
  vm_config_default (&c);
  c.policy = pol;
  c.frames = 7;
  c.tlb_entries = 8;
  c.tlb_ways = 2;
  c.asid = asid;
  struct vm *vm = t_new (&c);
  for (uint32_t p = 0; p < NP; p++)
    ck_assert_uint_eq (t_refs_proc (vm, "p"), p);
  struct vm_future *fut = vm_future_new ();
  for (size_t i = 0; i < N; i++)
    vm_future_push (fut, pids[i], vpns[i]);

  /* Model pages are pid * PP + vpn; its TLB keys are the same (with
   * ASIDs) and it is emptied on every switch without. */
  memset (&m, 0, sizeof m);
  m.pol = pol;
  m.nframes = 7;
  for (uint32_t i = 0; i < MPAGES; i++)
    m.pages[i] = (struct mpage) { M_NONE, VM_NONE, VM_NONE };
  for (uint32_t f = 0; f < MFRAMES; f++)
    m.frames[f].page = -1;
  memset (&t, 0, sizeof t);
  t.n = 8;
  t.ways = 2;
  t.lru = true;
  uint64_t nextpos[NP * PP];
  for (uint32_t i = 0; i < NP * PP; i++)
    nextpos[i] = VM_NEVER;
  for (size_t i = N; i-- > 0;)
    {
      uint32_t key = pids[i] * PP + (uint32_t) vpns[i];
      next[i] = nextpos[key];
      nextpos[key] = i;
    }
  uint32_t running = VM_NONE;
  for (size_t i = 0; i < N; i++)
    {
      struct vm_event e;
      struct mexp x;
      if (pids[i] != running)
        {
          vm_switch (vm, pids[i]);
          if (!asid)
            memset (t.valid, 0, sizeof t.valid);
          running = pids[i];
        }
      ck_assert_uint_eq (vm_future_next (fut, i), next[i]);
      vm_access (vm, pids[i], vpns[i] << 12, (enum vm_op) ops[i], next[i], &e);
      int page = (int) (pids[i] * PP + vpns[i]);
      m_access (&m, i, page, ops[i] == 'w', next[i], &x);
      ck_assert_msg (e.result == x.result && e.frame == x.frame,
                     "%s asid %d step %zu (pid %u %c %llu): engine %s in %u, "
                     "model %s in %u", vm_policy_name (pol), asid, i, pids[i],
                     ops[i], (unsigned long long) vpns[i],
                     vm_result_name (e.result), e.frame,
                     vm_result_name (x.result), x.frame);
      ck_assert_int_eq (e.evicted, x.evicted);
      ck_assert_uint_eq (e.evictions, (uint32_t) x.evicted);
      if (x.evicted)
        {
          ck_assert_uint_eq (e.victim_pid, (uint32_t) x.victim / PP);
          ck_assert_uint_eq (e.victim_vpn, (uint64_t) x.victim % PP);
          ck_assert_int_eq (e.victim_dirty, x.victim_dirty);
          ck_assert_uint_eq (e.victim_swap_slot, x.victim_slot);
          /* The model's TLB keys are pages; vpn % sets is the same set as
           * page % sets only if PP is a multiple of the sets (8 / 2 = 4). */
          mtlb_drop (&t, (uint64_t) x.victim);
        }
      ck_assert_uint_eq (e.swap_in_slot, x.swap_in);
      bool hit = mtlb_access (&t, (uint64_t) page, i);
      ck_assert_msg (e.tlb == (hit ? 1 : 0),
                     "%s asid %d step %zu (pid %u page %llu): TLB engine %s, "
                     "model %s", vm_policy_name (pol), asid, i, pids[i],
                     (unsigned long long) vpns[i],
                     e.tlb == 1 ? "hit" : "miss", hit ? "hit" : "miss");
    }
  vm_future_free (fut);
  vm_free (vm);
}

START_TEST (test_model_multi)
{
  model_multi_run (model_pols[_i / 2], _i % 2, 4242 + (uint64_t) _i);
}
END_TEST

Suite *
engine_model_suite (void)
{
  Suite *s = suite_create ("engine-model");
  TCase *tc = tcase_create ("model");
  tcase_set_timeout (tc, 300);
  tcase_add_loop_test (tc, test_model, 0, (int) NELEM (model_pols) * 6);
  tcase_add_loop_test (tc, test_model_tlb, 0, 6 * 4);
  tcase_add_loop_test (tc, test_model_multi, 0, (int) NELEM (model_pols) * 2);
  suite_add_tcase (s, tc);
  return s;
}
