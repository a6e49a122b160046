/* check_stackdist.c: the LRU stack-distance pass of src/out/stackdist.c
 * (lru_sd_*, sweep_lru) against the definition, on strings over many
 * more pages than its table of recent pages holds, so that pages go
 * through its tree and back, the tree is compacted, and (the pass is
 * compiled here with a clock of 100 ticks) the table's times are
 * renumbered again and again.  The reference is the plain stack: a list
 * in order of use, a page's distance its depth there. */
#include "system.h"

#include <check.h>

#define LRU_SD_CLOCK_MAX 100
#include "../src/out/stackdist.c"

static uint64_t
rnd (uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* FAULTS[c - 1] for c = 1..MAX from the plain stack over REFS[0..N). */
static void
plain_lru (const uint32_t *refs, size_t n, uint32_t max, uint64_t *faults)
{
  uint32_t *stack = xcalloc (n + 1, sizeof *stack);
  uint64_t *hist = xcalloc ((size_t) max + 2, sizeof *hist);
  size_t depth = 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t d;
      for (d = 0; d < depth && stack[d] != refs[i]; d++)
        ;
      if (d < depth)
        {
          if (d + 1 <= max)
            hist[d + 1]++;
        }
      else
        depth++;
      memmove (stack + 1, stack, d * sizeof *stack);
      stack[0] = refs[i];
    }
  for (uint32_t c = 1, hits = 0; c <= max; c++)
    {
      hits += (uint32_t) hist[c];
      faults[c - 1] = n - hits;
    }
  free (stack);
  free (hist);
}

/* 3000 strings of up to 3000 references over up to 400 pages (ids), with
 * locality of every degree: the same faults at every size 1..MAX, fed
 * at once (sweep_lru) and one at a time (lru_sd_feed). */
START_TEST (against_the_stack)
{
  static uint32_t refs[3000];
  static uint64_t want[450], got[450], fed[450];
  uint64_t seed = 42;
  for (unsigned trial = 0; trial < 3000; trial++)
    {
      size_t n = 1 + rnd (&seed) % ARRAY_SIZE (refs);
      uint32_t pages = 1 + (uint32_t) (rnd (&seed) % 400);
      uint32_t hot = 1 + (uint32_t) (rnd (&seed) % 100);
      uint32_t max = 1 + (uint32_t) (rnd (&seed) % 449), nids = 0;
      unsigned local = (unsigned) (rnd (&seed) % 100);
      struct lru_sd *l;
      static uint32_t id_of[400];
      memset (id_of, 0xff, sizeof id_of);
      for (size_t i = 0; i < n; i++)
        {
          uint32_t p = rnd (&seed) % 100 < local
                       ? (uint32_t) (rnd (&seed) % hot)
                       : (uint32_t) (rnd (&seed) % pages);
          if (p >= pages)
            p %= pages;
          if (id_of[p] == UINT32_MAX)
            id_of[p] = nids++;
          refs[i] = id_of[p];
        }
      plain_lru (refs, n, max, want);
      sweep_lru (refs, n, nids, 1, max, got);
      l = lru_sd_new (max);
      for (size_t i = 0; i < n; i++)
        lru_sd_feed (l, refs[i]);
      lru_sd_finish (l, 1, fed);
      for (uint32_t c = 1; c <= max; c++)
        if (got[c - 1] != want[c - 1] || fed[c - 1] != want[c - 1])
          ck_abort_msg ("trial %u (%zu refs, %u pages), %u frames: sweep "
                        "%llu, fed %llu, stack %llu", trial, n, pages, c,
                        (unsigned long long) got[c - 1],
                        (unsigned long long) fed[c - 1],
                        (unsigned long long) want[c - 1]);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("stackdist");
  TCase *tc = tcase_create ("lru");
  SRunner *sr;
  int failed;
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, against_the_stack);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
