/* stackdist.c: one-pass fault curves of the stack algorithms (Mattson,
 * Gecsei, Slutz and Traiger, 1970).  LRU and OPT have the inclusion
 * property: the pages held with c frames are always among those held with
 * c + 1, so each reference has a stack distance d (its depth in the
 * policy's priority stack, infinite on a first touch) and it faults with c
 * frames exactly when d > c.  One pass fills a histogram of distances and
 * every curve point is a suffix sum of it. */
#include "system.h"

#ifdef __SSE2__
# include <emmintrin.h>
#endif

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
 * referenced since the page's previous reference.  The top of the stack,
 * the TOP_N pages used last, is a small table of pages with the time of
 * their last use: a reference to one of them (most references, in a
 * program with locality) counts the times in the table later than its
 * page's, a few vector compares with no branch, and sets its page's
 * time.  Below it, a Fenwick tree over time slots holds a 1 at the slot
 * of every other page, a page's slot being taken when it left the table
 * (the oldest there goes when a page comes in and the table is full), so
 * the pages more recent than a page in the tree are the table's and the
 * marks after its slot: a range sum, O(log n).  The tree has room for
 * about twice the pages in it, not for the whole run: when its slots run
 * out, the marks move to the first slots in the same order, which keeps
 * every count, and the tree stays small enough for the cache (it grows
 * when more than half full).  The pass takes one reference at a time
 * (lru_sd_feed), so that a sweep of LRU alone never holds the trace. */
#define TOP_N 64
#define IN_TOP 0x80000000u      /* slot_of: in the table, at the low bits */
#ifndef LRU_SD_CLOCK_MAX
# define LRU_SD_CLOCK_MAX INT32_MAX
#endif

struct lru_sd
{
  int32_t time[TOP_N];  /* the table: last use (0: an empty place) */
  uint32_t page[TOP_N];
  uint32_t ntop;        /* pages in the table */
  int32_t now;          /* the time of the last reference */
  uint32_t max;
  uint64_t *hist;       /* [1..max]: references at each distance */
  uint64_t n;           /* references fed */
  uint32_t live;        /* pages in the tree = sum of the tree */
  size_t cap, t;        /* the tree's slots; the last slot taken */
  uint32_t *tree, *page_at;
  uint32_t *slot_of;    /* by id: 0 never seen, IN_TOP | place, else a slot */
  size_t nslot_of;
};

struct lru_sd *
lru_sd_new (uint32_t max)
{
  struct lru_sd *l = xcalloc (1, sizeof *l);
  l->max = max;
  l->hist = xcalloc ((size_t) max + 1, sizeof *l->hist);
  l->cap = 64;
  l->tree = xcalloc (l->cap + 1, sizeof *l->tree);
  l->page_at = xcalloc (l->cap + 1, sizeof *l->page_at);
  return l;
}

/* The live marks, in slot order, to slots 1..live, with room for twice
   as many (the tree grows when it is more than half full). */
static void
lru_sd_compact (struct lru_sd *l)
{
  size_t m = 0, cap = l->cap;
  uint32_t *page_at = l->page_at, *slot_of = l->slot_of;
  for (size_t k = 1; k <= l->t; k++)
    if (slot_of[page_at[k]] == k)
      {
        page_at[++m] = page_at[k];
        slot_of[page_at[m]] = (uint32_t) m;
      }
  if (2 * m + 64 > cap)
    {
      cap = 2 * (2 * m + 64);
      l->tree = xreallocarray (l->tree, cap + 1, sizeof *l->tree);
      l->page_at = page_at = xreallocarray (l->page_at, cap + 1,
                                            sizeof *l->page_at);
      l->cap = cap;
    }
  uint32_t *tree = l->tree;
  memset (tree, 0, (cap + 1) * sizeof *tree);
  for (size_t k = 1; k <= cap; k++)
    {
      /* (the tree of ones at 1..m, built bottom up) */
      size_t up = k + (k & -k);
      tree[k] += k <= m;
      if (up <= cap)
        tree[up] += tree[k];
    }
  l->t = m;
}

/* How many times in the table are later than T. */
static inline uint32_t
later_than (const int32_t *time, int32_t t)
{
#ifdef __SSE2__
  const __m128i v = _mm_set1_epi32 (t);
  __m128i n = _mm_setzero_si128 (), m = n, o = n, q = n;
#define LATER(k) _mm_cmpgt_epi32 (_mm_loadu_si128 ((const __m128i *) \
                                                   (time + (k))), v)
  /* four sums, none waiting for another */
  for (unsigned k = 0; k < TOP_N; k += 16)
    {
      n = _mm_add_epi32 (n, LATER (k));
      m = _mm_add_epi32 (m, LATER (k + 4));
      o = _mm_add_epi32 (o, LATER (k + 8));
      q = _mm_add_epi32 (q, LATER (k + 12));
    }
#undef LATER
  n = _mm_add_epi32 (_mm_add_epi32 (n, m), _mm_add_epi32 (o, q));
  n = _mm_sub_epi32 (_mm_setzero_si128 (), n);      /* each true is -1 */
  n = _mm_add_epi32 (n, _mm_shuffle_epi32 (n, 0x4e));
  n = _mm_add_epi32 (n, _mm_shuffle_epi32 (n, 0xb1));
  return (uint32_t) _mm_cvtsi128_si32 (n);
#else
  uint32_t n = 0;
  for (unsigned k = 0; k < TOP_N; k++)
    n += time[k] > t;
  return n;
#endif
}

/* The clock has run out: the table's times become their ranks 1..ntop,
 * which keeps their order. */
static void
renumber (struct lru_sd *l)
{
  int32_t rank[TOP_N];
  for (uint32_t i = 0; i < l->ntop; i++)
    {
      rank[i] = 1;
      for (uint32_t k = 0; k < l->ntop; k++)
        rank[i] += l->time[k] < l->time[i];
    }
  memcpy (l->time, rank, l->ntop * sizeof *rank);
  l->now = (int32_t) l->ntop;
}

void
lru_sd_feed (struct lru_sd *l, uint32_t x)
{
  if (x >= l->nslot_of)
    {
      size_t old = l->nslot_of, want = old ? 2 * old : 1024;
      while (want <= x)
        want *= 2;
      l->slot_of = xreallocarray (l->slot_of, want, sizeof *l->slot_of);
      memset (l->slot_of + old, 0, (want - old) * sizeof *l->slot_of);
      l->nslot_of = want;
    }
  uint32_t *tree = l->tree;
  uint32_t j = l->slot_of[x], i;
  l->n++;
  if (l->now == LRU_SD_CLOCK_MAX)
    renumber (l);
  if (j & IN_TOP)
    {
      uint32_t d;
      i = j & ~IN_TOP;
      d = later_than (l->time, l->time[i]) + 1;
      if (d <= l->max)
        l->hist[d]++;
      l->time[i] = ++l->now;
      return;
    }
  /* With the table full, its oldest page Y goes to the tree at a new
     slot, more recent than any page there: first make room (X's mark, if
     it has one, moves with the others). */
  bool full = l->ntop == TOP_N;
  if (full && l->t == l->cap)
    {
      lru_sd_compact (l);
      tree = l->tree;
      j = l->slot_of[x];
    }
  size_t cap = l->cap, a = 0, b = 0;
  if (j)
    {
      /* Marks after j: live - prefix (j); the mark at j is the page
       * itself. */
      uint32_t before = 0;
      for (size_t k = j; k > 0; k &= k - 1)
        before += tree[k];
      uint32_t d = l->ntop + (l->live - before) + 1;
      if (d <= l->max)
        l->hist[d]++;
      l->live--;
      a = j;
    }
  if (full)
    {
      uint32_t y;
      size_t t = ++l->t;
      i = 0;
      for (uint32_t k = 1; k < TOP_N; k++)
        if (l->time[k] < l->time[i])
          i = k;
      y = l->page[i];
      l->slot_of[y] = (uint32_t) t;
      l->page_at[t] = y;
      l->live++;
      b = t;
    }
  else
    i = l->ntop++;
  /* X is in the table from now on, in Y's place. */
  l->slot_of[x] = IN_TOP | i;
  l->page[i] = x;
  l->time[i] = ++l->now;
  /* -1 up the tree from X's old slot, +1 from Y's new one: where the two
     paths meet, the rest cancels. */
  while (a != b)
    {
      if (a && (!b || a < b))
        {
          tree[a]--;
          a += a & -a;
          if (a > cap)
            a = 0;
        }
      else
        {
          tree[b]++;
          b += b & -b;
          if (b > cap)
            b = 0;
        }
    }
}

void
lru_sd_finish (struct lru_sd *l, uint32_t min, uint64_t *faults)
{
  curve (l->hist, l->n, min, l->max, faults);
  free (l->hist);
  free (l->page_at);
  free (l->slot_of);
  free (l->tree);
  free (l);
}

void
sweep_lru (const uint32_t *id, size_t n, uint32_t nids, uint32_t min,
           uint32_t max, uint64_t *faults)
{
  struct lru_sd *l = lru_sd_new (max);
  (void) nids;
  for (size_t i = 0; i < n; i++)
    lru_sd_feed (l, id[i]);
  lru_sd_finish (l, min, faults);
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
