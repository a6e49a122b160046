/* hmap.c: open addressing with linear probing, grown at 1/2 load; keys
 * and values share one allocation (vals = keys + cap). */
#include "system.h"

#include "engine/hmap.h"
#include "util.h"

#define EMPTY UINT64_MAX

static inline size_t
hash (uint64_t k, size_t cap)
{
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return (size_t) k & (cap - 1);
}

void
hmap_init (struct hmap *m)
{
  memset (m, 0, sizeof *m);
}

void
hmap_destroy (struct hmap *m)
{
  free (m->keys);
  hmap_init (m);
}

void
hmap_copy (struct hmap *dst, const struct hmap *src)
{
  *dst = *src;
  if (src->cap)
    {
      dst->keys = xreallocarray (NULL, src->cap, 2 * sizeof *dst->keys);
      dst->vals = dst->keys + src->cap;
      memcpy (dst->keys, src->keys, src->cap * 2 * sizeof *dst->keys);
    }
}

static void
grow (struct hmap *m)
{
  struct hmap n;
  n.cap = m->cap ? m->cap * 2 : HMAP_MIN_CAP;
  n.len = 0;
  n.keys = xreallocarray (NULL, n.cap, 2 * sizeof *n.keys);
  n.vals = n.keys + n.cap;
  for (size_t i = 0; i < n.cap; i++)
    n.keys[i] = EMPTY;
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i] != EMPTY)
      hmap_put (&n, m->keys[i], m->vals[i]);
  free (m->keys);
  *m = n;
}

void
hmap_del (struct hmap *m, uint64_t key)
{
  size_t mask = m->cap - 1, i, j;
  if (!m->cap)
    return;
  for (i = hash (key, m->cap);; i = (i + 1) & mask)
    {
      if (m->keys[i] == EMPTY)
        return;
      if (m->keys[i] == key)
        break;
    }
  /* Backward shift: move up every later key of the run whose home slot
     is not between the hole and itself, so that no lookup stops early. */
  for (j = i;;)
    {
      j = (j + 1) & mask;
      if (m->keys[j] == EMPTY)
        break;
      size_t k = hash (m->keys[j], m->cap);
      if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
        continue;
      m->keys[i] = m->keys[j];
      m->vals[i] = m->vals[j];
      i = j;
    }
  m->keys[i] = EMPTY;
  m->vals[i] = 0;
  m->len--;
}

void
hmap_put (struct hmap *m, uint64_t key, uint64_t val)
{
  if ((m->len + 1) * 2 > m->cap)
    grow (m);
  for (size_t i = hash (key, m->cap);; i = (i + 1) & (m->cap - 1))
    {
      if (m->keys[i] == key)
        {
          m->vals[i] = val;
          return;
        }
      if (m->keys[i] == EMPTY)
        {
          m->keys[i] = key;
          m->vals[i] = val;
          m->len++;
          return;
        }
    }
}

size_t
hmap_bytes (const struct hmap *m)
{
  return m->cap ? m->cap * 2 * sizeof (uint64_t) + HMAP_ALLOC_OVERHEAD : 0;
}
