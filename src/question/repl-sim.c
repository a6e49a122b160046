/* repl-sim.c: the engine's run of a reference string, and the one-step
 * model of the four textbook policies used to grade from a student's own
 * state (see repl-sim.h). */
#include "system.h"

#include "util.h"
#include "question/repl-sim.h"

void
rs_engine_run (enum vm_policy policy, unsigned nf, unsigned tick,
               unsigned tau, const uint64_t *refs, size_t n,
               struct rs_run *out)
{
  struct vm_config cfg;
  struct vm *vm;
  struct vm_future *fut = vm_future_new ();
  const char *why;
  uint32_t pid;

  vm_config_default (&cfg);
  cfg.frames = nf;
  cfg.policy = policy;
  cfg.tick = tick;
  cfg.tau = tau;
  vm = vm_new (&cfg, &why);
  if (!vm)
    die (2, "question: %s", why);
  pid = vm_proc_new (vm, "refs");
  if (vm_map (vm, pid, 0, 1u << 20, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "refs", &why) != 0)
    die (2, "question: %s", why);
  for (size_t i = 0; i < n; i++)
    vm_future_push (fut, pid, refs[i]);
  memset (out, 0, sizeof *out);
  out->policy = policy;
  out->nf = nf;
  out->n = n;
  for (size_t i = 0; i < n; i++)
    {
      struct vm_event ev;
      vm_access (vm, pid, refs[i] << vm_page_shift (vm), VM_READ,
                 vm_future_next (fut, i), &ev);
      out->fault[i] = ev.result != VM_HIT;
      out->faults += out->fault[i];
      out->victim[i] = ev.evicted ? (int64_t) ev.victim_vpn : RS_EMPTY;
      out->since[i] = ev.victim_since;
      out->count[i] = ev.victim_count;
      out->nvict[i] = ev.evictions;
      out->evictions += ev.evictions;
      for (unsigned f = 0; f < nf; f++)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, f, &fi);
          out->grid[i][f] = fi.used ? (int64_t) fi.owner_vpn : RS_EMPTY;
        }
    }
  vm_future_free (fut);
  vm_free (vm);
}

void
rs_state_init (struct rs_state *s, unsigned nf)
{
  memset (s, 0, sizeof *s);
  s->nf = nf;
  for (unsigned f = 0; f < RS_MAX_FRAMES; f++)
    s->page[f] = RS_EMPTY;
}

/* Index of the last use of PAGE before J, or -1. */
static long
last_use (const uint64_t *refs, size_t j, int64_t page)
{
  for (size_t i = j; i-- > 0;)
    if ((int64_t) refs[i] == page)
      return (long) i;
  return -1;
}

/* Index of the next use of PAGE after J, or N (never). */
static size_t
next_use (const uint64_t *refs, size_t n, size_t j, int64_t page)
{
  for (size_t i = j + 1; i < n; i++)
    if ((int64_t) refs[i] == page)
      return i;
  return n;
}

unsigned
rs_victim (const struct rs_state *s, enum vm_policy policy,
           const uint64_t *refs, size_t n, size_t j)
{
  unsigned best = 0;

  switch (policy)
    {
    case VM_POLICY_LRU:
      for (unsigned f = 1; f < s->nf; f++)
        if (last_use (refs, j, s->page[f]) < last_use (refs, j, s->page[best]))
          best = f;
      return best;
    case VM_POLICY_OPT:
      for (unsigned f = 1; f < s->nf; f++)
        if (next_use (refs, n, j, s->page[f])
            > next_use (refs, n, j, s->page[best]))
          best = f;
      return best;
    case VM_POLICY_CLOCK:
      {
        bool bits[RS_MAX_FRAMES];
        unsigned h = s->hand % s->nf;
        memcpy (bits, s->ref, sizeof bits);
        while (bits[h])
          {
            bits[h] = false;
            h = (h + 1) % s->nf;
          }
        return h;
      }
    default: /* fifo */
      for (unsigned f = 1; f < s->nf; f++)
        if (s->loaded[f] < s->loaded[best])
          best = f;
      return best;
    }
}

int
rs_step (struct rs_state *s, enum vm_policy policy, const uint64_t *refs,
         size_t n, size_t j, bool *fault)
{
  int64_t p = (int64_t) refs[j];
  unsigned f;
  int evicted = -1;

  for (f = 0; f < s->nf; f++)
    if (s->page[f] == p)
      {
        s->ref[f] = true;
        *fault = false;
        return -1;
      }
  *fault = true;
  for (f = 0; f < s->nf; f++)
    if (s->page[f] == RS_EMPTY)
      break;
  if (f == s->nf)
    {
      if (policy == VM_POLICY_CLOCK)
        {
          /* Clear the bits the hand passes. */
          s->hand %= s->nf;
          while (s->ref[s->hand])
            {
              s->ref[s->hand] = false;
              s->hand = (s->hand + 1) % s->nf;
            }
          f = s->hand;
          s->hand = (f + 1) % s->nf;
        }
      else
        f = rs_victim (s, policy, refs, n, j);
      evicted = (int) f;
    }
  s->page[f] = p;
  s->loaded[f] = j;
  s->ref[f] = true;
  return evicted;
}

void
rs_make_refs (struct q_rng *rng, uint64_t *refs, size_t len, uint64_t lo,
              uint64_t hi, double loc)
{
  uint64_t recent[3];
  size_t nrecent = 0;

  for (size_t i = 0; i < len; i++)
    {
      uint64_t p;
      if (nrecent && q_rng_unit (rng) < loc)
        p = recent[q_rng_below (rng, nrecent)];
      else
        p = q_rng_range (rng, lo, hi);
      refs[i] = p;
      /* Move P to the front of the recent list. */
      {
        size_t k;
        for (k = 0; k < nrecent && recent[k] != p; k++)
          ;
        if (k == nrecent && nrecent < 3)
          nrecent++;
        if (k == nrecent)
          k--;
        memmove (recent + 1, recent, k * sizeof *recent);
        recent[0] = p;
      }
    }
}

