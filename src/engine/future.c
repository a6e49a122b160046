/* future.c: next-use distances for opt, from one forward pass over the
 * run's page keys: when page p is seen at step i, the previous access to
 * p (if any) learns that its next use is i.
 *
 * Each access costs 4 bytes (its next use as a 32-bit index, FUTURE_NEVER
 * for none), charged to the budget as the array grows; a run of more
 * accesses than a 32-bit index can name stops with a message.  The last
 * use of each distinct page is kept per process in a compact map of
 * 8-byte slots (page number and index + 1, 32 bits each) for pages below
 * 2^32, in a general hash map for the others. */
#include "system.h"

#include "budget.h"
#include "engine/hmap.h"
#include "engine/vm.h"
#include "util.h"

#define FUTURE_NEVER UINT32_MAX
#define FUTURE_MAX (UINT32_MAX - 1)   /* accesses opt can look ahead at */

/* Open addressing, linear probing, grown at 3/4 load; a slot is
 * vpn << 32 | (index + 1), 0 when empty. */
struct last_map
{
  uint64_t *slots;
  uint32_t cap, len;    /* cap a power of two, or 0 */
};

struct last
{
  struct last_map small; /* vpn < 2^32 */
  struct hmap big;       /* the others: vpn -> index + 1 */
};

struct vm_future
{
  uint32_t *next;       /* next use of access i, FUTURE_NEVER if none */
  uint64_t len, cap;
  struct last *last;    /* one per pid seen, in order of appearance */
  uint32_t nlast, last_cap;
  struct hmap pids;     /* pid -> index in last + 1 (pids may be sparse) */
  uint32_t cur_pid, cur;  /* the last pid looked up and its index */
  uint64_t charged;     /* bytes charged to the budget */
};

struct vm_future *
vm_future_new (void)
{
  struct vm_future *f = xcalloc (1, sizeof (struct vm_future));
  f->charged = sizeof *f;
  f->cur_pid = UINT32_MAX;
  budget_charge ((int64_t) f->charged, BUDGET_FUTURE);
  return f;
}

static void
charge (struct vm_future *f, int64_t delta)
{
  f->charged += (uint64_t) delta;
  budget_charge (delta, BUDGET_FUTURE);
}

static inline uint32_t
slot_of (uint32_t vpn, uint32_t cap)
{
  uint64_t k = vpn * 0x9E3779B97F4A7C15ULL;
  return (uint32_t) (k >> 32) & (cap - 1);
}

static void
last_map_grow (struct vm_future *f, struct last_map *m)
{
  uint32_t cap = m->cap ? m->cap * 2 : 64;
  uint64_t *slots;
  charge (f, (int64_t) (cap - m->cap) * (int64_t) sizeof *slots);
  slots = xcalloc (cap, sizeof *slots);
  for (uint32_t i = 0; i < m->cap; i++)
    if (m->slots[i])
      {
        uint32_t j = slot_of ((uint32_t) (m->slots[i] >> 32), cap);
        while (slots[j])
          j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
      }
  free (m->slots);
  m->slots = slots;
  m->cap = cap;
}

/* Record access I (index + 1 in I1) to VPN; the previous one's index + 1,
 * or 0. */
static uint64_t
last_swap (struct vm_future *f, struct last *l, uint64_t vpn, uint64_t i1)
{
  struct last_map *m = &l->small;
  uint32_t j;
  if (vpn > UINT32_MAX)
    {
      size_t before = hmap_bytes (&l->big);
      uint64_t prev = hmap_get (&l->big, vpn);
      hmap_put (&l->big, vpn, i1);
      if (hmap_bytes (&l->big) != before)
        charge (f, (int64_t) hmap_bytes (&l->big) - (int64_t) before);
      return prev;
    }
  if ((uint64_t) (m->len + 1) * 4 > (uint64_t) m->cap * 3)
    last_map_grow (f, m);
  for (j = slot_of ((uint32_t) vpn, m->cap); m->slots[j];
       j = (j + 1) & (m->cap - 1))
    if (m->slots[j] >> 32 == vpn)
      {
        uint64_t prev = m->slots[j] & UINT32_MAX;
        m->slots[j] = vpn << 32 | i1;
        return prev;
      }
  m->slots[j] = vpn << 32 | i1;
  m->len++;
  return 0;
}

/* The last uses of PID's pages. */
static struct last *
last_of (struct vm_future *f, uint32_t pid)
{
  uint64_t i;
  size_t before;
  if (pid == f->cur_pid)
    return &f->last[f->cur];
  i = hmap_get (&f->pids, pid);
  if (!i)
    {
      if (f->nlast == f->last_cap)
        {
          uint32_t cap = f->last_cap ? f->last_cap * 2 : 4;
          charge (f, (int64_t) ((cap - f->last_cap) * sizeof *f->last));
          f->last = xreallocarray (f->last, cap, sizeof *f->last);
          f->last_cap = cap;
        }
      memset (&f->last[f->nlast], 0, sizeof *f->last);
      i = ++f->nlast;
      before = hmap_bytes (&f->pids);
      hmap_put (&f->pids, pid, i);
      charge (f, (int64_t) hmap_bytes (&f->pids) - (int64_t) before);
    }
  f->cur_pid = pid;
  f->cur = (uint32_t) (i - 1);
  return &f->last[f->cur];
}

void
vm_future_push (struct vm_future *f, uint32_t pid, uint64_t vpn)
{
  uint64_t prev;
  struct last *l = last_of (f, pid);
  if (f->len == f->cap)
    {
      uint64_t cap = f->cap ? f->cap * 2 : 1024;
      if (f->len >= FUTURE_MAX)
        {
          char *at = budget_place.file
            ? (budget_place.line
               ? xasprintf ("%s:%llu: ", budget_place.file,
                            (unsigned long long) budget_place.line)
               : xasprintf ("%s: ", budget_place.file))
            : xstrdup ("");
          die (2, _("%sopt looks ahead at most %llu accesses; use another "
                    "policy"), at, (unsigned long long) FUTURE_MAX);
        }
      if (cap > FUTURE_MAX)
        cap = FUTURE_MAX;
      charge (f, (int64_t) ((cap - f->cap) * sizeof *f->next));
      f->next = xreallocarray (f->next, cap, sizeof *f->next);
      f->cap = cap;
    }
  f->next[f->len] = FUTURE_NEVER;
  /* vpn UINT64_MAX is not a page (the key is reserved by hmap) */
  prev = last_swap (f, l, vpn, f->len + 1);
  if (prev)
    f->next[prev - 1] = (uint32_t) f->len;
  f->len++;
}

uint64_t
vm_future_next (const struct vm_future *f, uint64_t i)
{
  return i < f->len && f->next[i] != FUTURE_NEVER ? f->next[i] : VM_NEVER;
}

uint64_t
vm_future_len (const struct vm_future *f)
{
  return f->len;
}

void
vm_future_free (struct vm_future *f)
{
  if (!f)
    return;
  budget_charge (-(int64_t) f->charged, NULL);
  free (f->next);
  for (uint32_t i = 0; i < f->nlast; i++)
    {
      free (f->last[i].small.slots);
      hmap_destroy (&f->last[i].big);
    }
  free (f->last);
  hmap_destroy (&f->pids);
  free (f);
}
