/* stackdist.c: one-pass fault curves of the stack algorithms (Mattson,
 * Gecsei, Slutz and Traiger, 1970).  LRU and OPT have the inclusion
 * property: the pages held with c frames are always among those held with
 * c + 1, so each reference has a stack distance d (its depth in the
 * policy's priority stack, infinite on a first touch) and it faults with c
 * frames exactly when d > c.  One pass fills a histogram of distances and
 * every curve point is a suffix sum of it. */
#include "system.h"

#include "out/out.h"
#include "util.h"

#define NEVER_AGAIN UINT32_MAX

/* FAULTS[c - MIN] = N minus the references with distance at most c, from
 * HIST[1..MAX] (distances beyond MAX and first touches are never hits). */
static void
curve (const uint64_t *hist, size_t n, uint32_t min, uint32_t max,
       uint64_t *faults)
{
  uint64_t hits = 0;
  for (uint32_t c = 1; c <= max; c++)
    {
      hits += hist[c];
      if (c >= min)
        faults[c - min] = n - hits;
    }
}

/* LRU: the distance of a reference is 1 + the number of distinct pages
 * referenced since the page's previous reference.  A Fenwick tree over
 * time slots holds a 1 at the latest reference of every page, so the
 * count is a range sum: O(log n) per reference.  The tree has room for
 * about twice the distinct pages, not for the whole run: when its slots
 * run out, the marks (one per page seen) move to the first slots in
 * the same order, which keeps every count, and the tree stays small
 * enough for the cache. */
void
sweep_lru (const uint32_t *id, size_t n, uint32_t nids, uint32_t min,
           uint32_t max, uint64_t *faults)
{
  size_t cap = 2 * (size_t) nids + 64;
  uint32_t *tree, *slot_of, *page_at;
  uint64_t *hist = xcalloc ((size_t) max + 1, sizeof *hist);
  uint32_t live = 0;  /* pages referenced so far = sum of the tree */
  size_t t = 0;       /* the last slot taken */

  if (cap > n)
    cap = n ? n : 1;
  tree = xcalloc (cap + 1, sizeof *tree);
  slot_of = xcalloc (nids ? nids : 1, sizeof *slot_of); /* 0: never */
  page_at = xcalloc (cap + 1, sizeof *page_at);
  for (size_t i = 0; i < n; i++)
    {
      uint32_t x = id[i];
      size_t j;
      if (t == cap)
        {
          /* Compact: the live marks, in slot order, to slots 1..live. */
          size_t m = 0;
          for (size_t k = 1; k <= cap; k++)
            if (slot_of[page_at[k]] == k)
              {
                page_at[++m] = page_at[k];
                slot_of[page_at[m]] = (uint32_t) m;
              }
          memset (tree, 0, (cap + 1) * sizeof *tree);
          for (size_t k = 1; k <= cap; k++)
            {
              /* (the tree of ones at 1..m, built bottom up) */
              size_t up = k + (k & -k);
              tree[k] += k <= m;
              if (up <= cap)
                tree[up] += tree[k];
            }
          t = m;
        }
      j = slot_of[x];
      if (j)
        {
          /* Marks after j: live - prefix (j); the mark at j is the page
           * itself. */
          uint32_t before = 0;
          for (size_t k = j; k > 0; k &= k - 1)
            before += tree[k];
          uint32_t d = live - before + 1;
          if (d <= max)
            hist[d]++;
          for (size_t k = j; k <= cap; k += k & -k)
            tree[k]--;
        }
      else
        live++;
      t++;
      for (size_t k = t; k <= cap; k += k & -k)
        tree[k]++;
      slot_of[x] = (uint32_t) t;
      page_at[t] = x;
    }
  curve (hist, n, min, max, faults);
  free (hist);
  free (page_at);
  free (slot_of);
  free (tree);
}

/* OPT: the stack is ordered by next use; on a reference to X at depth d
 * X goes on top and the pages above d are pushed down one by one, the one
 * used sooner staying at each level and the one used later carried on
 * (it is what OPT with that many frames evicts), the last carried taking
 * depth d.  Only the top MAX levels are kept: deeper pages fault at every
 * size asked.  O(n * MAX) at worst. */
void
sweep_opt (const uint32_t *id, size_t n, uint32_t nids, uint32_t min,
           uint32_t max, uint64_t *faults)
{
  uint32_t *next = xcalloc (n ? n : 1, sizeof *next);
  uint32_t *seen = xcalloc (nids, sizeof *seen);
  uint32_t *nxt = xcalloc (nids, sizeof *nxt);
  int32_t *pos = xcalloc (nids, sizeof *pos);
  uint32_t *stk = xcalloc (max, sizeof *stk);
  uint64_t *hist = xcalloc ((size_t) max + 1, sizeof *hist);
  uint32_t len = 0;

  for (uint32_t k = 0; k < nids; k++)
    {
      seen[k] = NEVER_AGAIN;
      pos[k] = -1;
    }
  for (size_t i = n; i-- > 0;)
    {
      next[i] = seen[id[i]];
      seen[id[i]] = (uint32_t) i;
    }
  for (size_t i = 0; i < n; i++)
    {
      uint32_t x = id[i];
      int32_t d = pos[x];
      uint32_t limit, carry;

      nxt[x] = next[i];
      if (d == 0)
        {
          hist[1]++;
          continue;
        }
      if (len == 0)
        {
          stk[0] = x;
          pos[x] = 0;
          len = 1;
          continue;
        }
      carry = stk[0];
      stk[0] = x;
      pos[x] = 0;
      limit = d > 0 ? (uint32_t) d : len;
      for (uint32_t j = 1; j < limit; j++)
        if (nxt[carry] < nxt[stk[j]])
          {
            uint32_t y = stk[j];
            stk[j] = carry;
            pos[carry] = (int32_t) j;
            carry = y;
          }
      if (d > 0)
        {
          stk[d] = carry;
          pos[carry] = d;
          hist[d + 1]++;
        }
      else if (len < max)
        {
          stk[len] = carry;
          pos[carry] = (int32_t) len++;
        }
      else
        pos[carry] = -1;
    }
  curve (hist, n, min, max, faults);
  free (hist);
  free (stk);
  free (pos);
  free (nxt);
  free (seen);
  free (next);
}
