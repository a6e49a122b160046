/* future.c: next-use distances for opt, from one forward pass over the
 * run's page keys: when page p is seen at step i, the previous access to
 * p (if any) learns that its next use is i. */
#include "system.h"

#include "engine/hmap.h"
#include "engine/vm.h"
#include "util.h"

struct vm_future
{
  uint64_t *next;       /* next use of access i, VM_NEVER if none */
  uint64_t len, cap;
  struct hmap *last;    /* per pid: vpn -> last access index + 1 */
  uint32_t npids;
};

struct vm_future *
vm_future_new (void)
{
  return xcalloc (1, sizeof (struct vm_future));
}

void
vm_future_push (struct vm_future *f, uint32_t pid, uint64_t vpn)
{
  uint64_t prev;
  if (pid >= f->npids)
    {
      uint32_t n = pid + 1;
      f->last = xreallocarray (f->last, n, sizeof *f->last);
      for (uint32_t i = f->npids; i < n; i++)
        hmap_init (&f->last[i]);
      f->npids = n;
    }
  if (f->len == f->cap)
    {
      f->cap = f->cap ? f->cap * 2 : 1024;
      f->next = xreallocarray (f->next, f->cap, sizeof *f->next);
    }
  f->next[f->len] = VM_NEVER;
  /* vpn UINT64_MAX is not a page (the key is reserved by hmap) */
  prev = hmap_get (&f->last[pid], vpn);
  if (prev)
    f->next[prev - 1] = f->len;
  hmap_put (&f->last[pid], vpn, f->len + 1);
  f->len++;
}

uint64_t
vm_future_next (const struct vm_future *f, uint64_t i)
{
  return i < f->len ? f->next[i] : VM_NEVER;
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
  free (f->next);
  for (uint32_t i = 0; i < f->npids; i++)
    hmap_destroy (&f->last[i]);
  free (f->last);
  free (f);
}
