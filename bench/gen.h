/* gen.h: the deterministic access stream of the benchmarks: phases of a
 * working set with some random jumps, as a program with locality does.
 *
 * Each phase picks a working set of 8 to 56 pages at a random place in
 * the first GiB (2^18 pages of 4 KiB: the program's footprint) and lasts 20000 to 200000 accesses;
 * 98% of its accesses go to the working set, 2% jump anywhere in the
 * 65536-page region around it; 25% are writes.  Same seed, same stream.
 * With 64 frames this faults on about 2-4% of the accesses. */
#ifndef VMTUTOR_BENCH_GEN_H
#define VMTUTOR_BENCH_GEN_H

#include <stdbool.h>
#include <stdint.h>

struct gen
{
  uint64_t x;          /* xorshift64 state */
  uint64_t ws_base, ws_size, left;
};

static inline uint64_t
gen_rand (struct gen *g)
{
  g->x ^= g->x << 13;
  g->x ^= g->x >> 7;
  g->x ^= g->x << 17;
  return g->x;
}

static inline void
gen_init (struct gen *g, uint64_t seed)
{
  g->x = seed ? seed : 88172645463325252ull;
  g->left = 0;
}

/* The next access: its page number, and whether it is a write. */
static inline uint64_t
gen_next (struct gen *g, bool *write)
{
  uint64_t r;
  if (g->left == 0)
    {
      g->ws_size = 8 + gen_rand (g) % 49;
      g->ws_base = gen_rand (g) % ((1u << 18) - g->ws_size);
      g->left = 20000 + gen_rand (g) % 180001;
    }
  g->left--;
  r = gen_rand (g);
  *write = (r >> 40) % 4 == 0;
  if (r % 100 < 98)
    return g->ws_base + (r >> 8) % g->ws_size;
  return (g->ws_base & ~0xffffull) + (r >> 8) % 65536;
}

#endif
