/* hmap.h: a small open-addressing hash map from uint64_t keys to uint64_t
 * values, used for sparse page-table levels, memory-object pages and the
 * opt pre-pass.  Key UINT64_MAX is reserved; a value of 0 means absent
 * (hmap_put of 0 keeps the key; hmap_del removes it). */
#ifndef VMTUTOR_HMAP_H
#define VMTUTOR_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap
{
  uint64_t *keys;
  uint64_t *vals;
  size_t cap;   /* power of two, or 0 */
  size_t len;   /* keys stored */
};

#define HMAP_MIN_CAP 4 /* slots of a map's first table */
#define HMAP_ALLOC_OVERHEAD 16  /* what malloc adds to a block, about */

void hmap_init (struct hmap *m);
void hmap_destroy (struct hmap *m);
/* A deep copy of SRC into DST (DST uninitialised). */
void hmap_copy (struct hmap *dst, const struct hmap *src);
/* The value of KEY, 0 if absent (inline: it is on the access path). */
static inline uint64_t
hmap_get (const struct hmap *m, uint64_t key)
{
  uint64_t k = key;
  if (!m->cap)
    return 0;
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  for (size_t i = (size_t) k & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
    {
      if (m->keys[i] == key)
        return m->vals[i];
      if (m->keys[i] == UINT64_MAX)
        return 0;
    }
}
/* Where KEY's value is stored (to read or overwrite in place), or NULL
 * if KEY is not in the map. */
static inline uint64_t *
hmap_find (const struct hmap *m, uint64_t key)
{
  uint64_t k = key;
  if (!m->cap)
    return NULL;
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  for (size_t i = (size_t) k & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
    {
      if (m->keys[i] == key)
        return &m->vals[i];
      if (m->keys[i] == UINT64_MAX)
        return NULL;
    }
}
/* Set KEY to VAL (0 keeps the key with an absent value). */
void hmap_put (struct hmap *m, uint64_t key, uint64_t val);
/* Remove KEY (if present), so that a map whose keys come and go stays
 * as large as the keys present, not as all keys ever put. */
void hmap_del (struct hmap *m, uint64_t key);
/* Bytes held (with the allocator's overhead). */
size_t hmap_bytes (const struct hmap *m);

#endif
