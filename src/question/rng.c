/* rng.c: the project's PRNG (splitmix64) and the seed of a variant.
 * The sequences are part of QUESTION_GENERATOR_VERSION: never change
 * them without bumping it. */
#include "system.h"

#include "question/question.h"

void
q_rng_init (struct q_rng *rng, uint64_t seed)
{
  rng->state = seed;
}

uint64_t
q_rng_next (struct q_rng *rng)
{
  uint64_t z = (rng->state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t
q_rng_below (struct q_rng *rng, uint64_t n)
{
  uint64_t limit, x;

  if (n == 0)
    return 0;
  /* The largest multiple of N that fits, so every residue is equally
     likely. */
  limit = UINT64_MAX - UINT64_MAX % n;
  do
    x = q_rng_next (rng);
  while (x >= limit);
  return x % n;
}

uint64_t
q_rng_range (struct q_rng *rng, uint64_t lo, uint64_t hi)
{
  if (lo == 0 && hi == UINT64_MAX)
    return q_rng_next (rng);
  return lo + q_rng_below (rng, hi - lo + 1);
}

double
q_rng_unit (struct q_rng *rng)
{
  return (double) (q_rng_next (rng) >> 11) * 0x1.0p-53;
}

static uint64_t
mix (uint64_t h, uint64_t w)
{
  struct q_rng r = { h ^ w };
  return q_rng_next (&r);
}

/* Absorb LEN bytes of P as little-endian words. */
static uint64_t
absorb (uint64_t h, const unsigned char *p, size_t len)
{
  for (size_t i = 0; i < len; i += 8)
    {
      uint64_t w = 0;
      for (size_t j = 0; j < 8 && i + j < len; j++)
        w |= (uint64_t) p[i + j] << (8 * j);
      h = mix (h, w);
    }
  return mix (h, (uint64_t) len);
}

uint64_t
q_rng_seed (const void *hash, size_t hash_len, uint64_t teacher_seed,
            const char *student, unsigned n)
{
  uint64_t h = 0;

  h = absorb (h, hash, hash_len);
  h = mix (h, teacher_seed);
  h = absorb (h, (const unsigned char *) student, strlen (student));
  return mix (h, n);
}
