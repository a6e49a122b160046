/* future.c: next-use distances for opt, from one forward pass over the
 * run's page keys: when page p is seen at step i, the previous access to
 * p (if any) learns that its next use is i.
 *
 * Each access costs 4 bytes (its next use as a 32-bit index, FUTURE_NEVER
 * for none), charged to the budget as the array grows; a run of more
 * accesses than a 32-bit index can name stops with a message.  The last
 * use of each distinct page is kept in a hash map per process. */
#include "system.h"

#include "budget.h"
#include "engine/hmap.h"
#include "engine/vm.h"
#include "util.h"

#define FUTURE_NEVER UINT32_MAX
#define FUTURE_MAX (UINT32_MAX - 1)   /* accesses opt can look ahead at */

struct vm_future
{
  uint32_t *next;       /* next use of access i, FUTURE_NEVER if none */
  uint64_t len, cap;
  struct hmap *last;    /* per pid: vpn -> last access index + 1 */
  uint32_t npids;
  uint64_t charged;     /* bytes charged to the budget */
};

struct vm_future *
vm_future_new (void)
{
  struct vm_future *f = xcalloc (1, sizeof (struct vm_future));
  f->charged = sizeof *f;
  budget_charge ((int64_t) f->charged, BUDGET_FUTURE);
  return f;
}

static void
charge (struct vm_future *f, int64_t delta)
{
  f->charged += (uint64_t) delta;
  budget_charge (delta, BUDGET_FUTURE);
}

void
vm_future_push (struct vm_future *f, uint32_t pid, uint64_t vpn)
{
  uint64_t prev;
  struct hmap *m;
  size_t before;
  if (pid >= f->npids)
    {
      uint32_t n = pid + 1;
      charge (f, (int64_t) ((n - f->npids) * sizeof *f->last));
      f->last = xreallocarray (f->last, n, sizeof *f->last);
      for (uint32_t i = f->npids; i < n; i++)
        hmap_init (&f->last[i]);
      f->npids = n;
    }
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
  m = &f->last[pid];
  before = hmap_bytes (m);
  /* vpn UINT64_MAX is not a page (the key is reserved by hmap) */
  prev = hmap_get (m, vpn);
  if (prev)
    f->next[prev - 1] = (uint32_t) f->len;
  hmap_put (m, vpn, f->len + 1);
  if (hmap_bytes (m) != before)
    charge (f, (int64_t) hmap_bytes (m) - (int64_t) before);
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
  for (uint32_t i = 0; i < f->npids; i++)
    hmap_destroy (&f->last[i]);
  free (f->last);
  free (f);
}
