/* evicted.c: the eviction history: for every page ever evicted, when
 * (access number) and by whose access.  A page faulted in again is then
 * told truly ("evicted at step 9 by P's access to 5; read back ..."),
 * and "first touch" is said only of a page never in memory before.
 * Memory is proportional to the pages ever evicted: one hash map per
 * process from vpn to a record index (+1), and one array of records. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

/* The map of PID, grown to exist. */
static struct hmap *
hist_map (struct vm *vm, uint32_t pid)
{
  struct evict_hist *h = &vm->evicted;
  if (pid >= h->nmaps)
    {
      size_t n = (size_t) pid + 1 > h->nmaps * 2 ? (size_t) pid + 1
                 : h->nmaps * 2;
      h->maps = xreallocarray (h->maps, n, sizeof *h->maps);
      for (size_t i = h->nmaps; i < n; i++)
        hmap_init (&h->maps[i]);
      h->nmaps = n;
    }
  return &h->maps[pid];
}

void
evicted_note (struct vm *vm, uint32_t pid, uint64_t vpn)
{
  struct evict_hist *h = &vm->evicted;
  struct evict_rec *rec;
  struct hmap *m;
  uint64_t i;

  if (h->off)
    return;
  size_t before = h->cap * sizeof *h->recs + h->nmaps * sizeof *h->maps
                  + (pid < h->nmaps ? hmap_bytes (&h->maps[pid]) : 0);
  m = hist_map (vm, pid);
  i = hmap_get (m, vpn);
  if (i == 0)
    {
      if (h->nrecs == h->cap)
        {
          h->cap = h->cap ? h->cap * 2 : 16;
          h->recs = xreallocarray (h->recs, h->cap, sizeof *h->recs);
        }
      i = ++h->nrecs;
      hmap_put (m, vpn, i);
    }
  size_t after = h->cap * sizeof *h->recs + h->nmaps * sizeof *h->maps
                 + hmap_bytes (m);
  if (after != before)
    vm_charge (vm, (int64_t) after - (int64_t) before, BUDGET_EVICTED);
  rec = &h->recs[i - 1];
  rec->step = vm->step;
  rec->by_pid = vm->ev ? vm->ev->pid : NIL;
  rec->by_vpn = vm->ev ? vm->ev->vpn : 0;
}

bool
evicted_get (const struct vm *vm, uint32_t pid, uint64_t vpn,
             struct evict_rec *out)
{
  const struct evict_hist *h = &vm->evicted;
  uint64_t i;
  if (pid >= h->nmaps || h->off)
    return false;
  i = hmap_get (&h->maps[pid], vpn);
  if (i == 0)
    return false;
  *out = h->recs[i - 1];
  return true;
}

void
vm_keep_history (struct vm *vm, bool on)
{
  vm->evicted.off = !on;
}

void
evicted_forget (struct vm *vm, uint32_t pid, uint64_t start, uint64_t end)
{
  struct hmap *m;
  if (pid >= vm->evicted.nmaps)
    return;
  m = &vm->evicted.maps[pid];
  for (size_t k = 0; k < m->cap; k++)
    if (m->keys[k] != UINT64_MAX && m->vals[k] && m->keys[k] >= start
        && m->keys[k] < end)
      m->vals[k] = 0; /* the record stays unused; the key reads absent */
}

/* Copy one map's records for CHILD (a fork). */
void
evicted_fork (struct vm *vm, uint32_t parent, uint32_t child)
{
  struct evict_hist *h = &vm->evicted;
  struct hmap *pm, *cm;
  if (parent >= h->nmaps || h->maps[parent].len == 0)
    return;
  size_t before = evicted_bytes (h);
  cm = hist_map (vm, child);
  pm = &h->maps[parent]; /* after hist_map: it may have moved the maps */
  for (size_t k = 0; k < pm->cap; k++)
    if (pm->keys[k] != UINT64_MAX && pm->vals[k])
      {
        struct evict_rec r = h->recs[pm->vals[k] - 1];
        uint64_t i = hmap_get (cm, pm->keys[k]);
        if (i == 0)
          {
            if (h->nrecs == h->cap)
              {
                h->cap = h->cap ? h->cap * 2 : 16;
                h->recs = xreallocarray (h->recs, h->cap, sizeof *h->recs);
              }
            i = ++h->nrecs;
            hmap_put (cm, pm->keys[k], i);
          }
        h->recs[i - 1] = r;
      }
  vm_charge (vm, (int64_t) evicted_bytes (h) - (int64_t) before,
             BUDGET_EVICTED);
}

void
evicted_event (const struct vm *vm, uint32_t pid, uint64_t vpn,
               struct vm_event *ev)
{
  struct evict_rec r;
  if (evicted_get (vm, pid, vpn, &r))
    {
      ev->evicted_at = r.step;
      ev->evicted_by = r.by_pid;
      ev->evicted_by_vpn = r.by_vpn;
    }
}

void
evicted_copy (struct evict_hist *dst, const struct evict_hist *src)
{
  dst->maps = NULL;
  if (src->nmaps)
    {
      dst->maps = xreallocarray (NULL, src->nmaps, sizeof *dst->maps);
      for (size_t i = 0; i < src->nmaps; i++)
        hmap_copy (&dst->maps[i], &src->maps[i]);
    }
  dst->nmaps = src->nmaps;
  dst->recs = dup_array (src->recs, src->nrecs, sizeof *src->recs);
  dst->nrecs = dst->cap = dst->recs ? src->nrecs : 0;
  dst->off = src->off;
}

void
evicted_free (struct evict_hist *h)
{
  for (size_t i = 0; i < h->nmaps; i++)
    hmap_destroy (&h->maps[i]);
  free (h->maps);
  free (h->recs);
  memset (h, 0, sizeof *h);
}

size_t
evicted_bytes (const struct evict_hist *h)
{
  size_t n = h->cap * sizeof *h->recs + h->nmaps * sizeof *h->maps;
  for (size_t i = 0; i < h->nmaps; i++)
    n += hmap_bytes (&h->maps[i]);
  return n;
}
