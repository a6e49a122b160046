/* label.c: page labels that fit.  Every pane names pages the same way as
 * the narration ("database:heap[12]"); when a label has fewer columns
 * than it needs, the parts that carry least are shortened first: the
 * region's name, then the process's name (keeping names of different
 * processes different), never the page's index.  A label that cannot
 * keep its index whole is not shown at all. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "question/words.h"

/* The first K columns of S (ASCII-safe: cut on a character boundary). */
static void
put_prefix (char *buf, size_t n, size_t *len, const char *s, int k)
{
  int cols = 0;
  for (const unsigned char *p = (const unsigned char *) s; *p && *len + 1 < n;
       p++)
    {
      if ((*p & 0xc0) != 0x80)
        {
          if (cols == k)
            break;
          cols++;
        }
      buf[(*len)++] = (char) *p;
    }
  buf[*len] = '\0';
}

static void
put (char *buf, size_t n, size_t *len, const char *s)
{
  put_prefix (buf, n, len, s, 1 << 20);
}

/* Columns of NAME's short form of K columns: a prefix, or when process
   names would collide on it, the prefix with NAME's last character. */
void
label_name (char *buf, size_t n, const struct vm *vm, const char *name,
            int k)
{
  size_t len = 0;
  int w = text_width (name);
  buf[0] = '\0';
  if (k <= 0)
    return;
  if (w <= k)
    {
      put (buf, n, &len, name);
      return;
    }
  /* Does another process share the first K columns? */
  bool clash = false;
  size_t nl = strlen (name);
  for (size_t p = 0; p < vm_nprocs (vm) && !clash; p++)
    {
      struct vm_proc_info pi;
      if (!vm_proc_info (vm, (uint32_t) p, &pi) || !pi.name
          || strcmp (pi.name, name) == 0)
        continue;
      char a[64], b[64];
      size_t la = 0, lb = 0;
      put_prefix (a, sizeof a, &la, name, k);
      put_prefix (b, sizeof b, &lb, pi.name, k);
      clash = strcmp (a, b) == 0;
    }
  if (!clash || k < 2 || nl == 0 || (name[nl - 1] & 0x80))
    {
      put_prefix (buf, n, &len, name, k);
      return;
    }
  put_prefix (buf, n, &len, name, k - 1);
  if (len + 1 < n)
    {
      buf[len++] = name[nl - 1];
      buf[len] = '\0';
    }
}

/* The parts of page (PID, VPN)'s label: process name, region name (or
   NULL) and index text. */
static void
label_parts (const struct vm *vm, uint32_t pid, uint64_t vpn,
             const char **proc, const char **region, char *idx, size_t n)
{
  struct vm_proc_info pi;
  bool have = pid != VM_NONE && vm_proc_info (vm, pid, &pi);
  *proc = have && pi.name && *pi.name ? pi.name : "?";
  *region = NULL;
  if (have)
    for (size_t i = 0; i < pi.nregions; i++)
      {
        struct vm_region_info ri;
        if (!vm_region_info (vm, pid, i, &ri) || vpn < ri.start_vpn
            || vpn - ri.start_vpn >= ri.pages)
          continue;
        if (ri.start_vpn == 0 || !ri.name || !*ri.name)
          break;
        /* A region split by protect or munmap keeps its first page's
           numbering (as narrate_page does): back to the first
           contiguous piece of that name. */
        uint64_t start = ri.start_vpn;
        for (size_t j = i; j-- > 0;)
          {
            struct vm_region_info pj;
            if (!vm_region_info (vm, pid, j, &pj) || !pj.name
                || strcmp (pj.name, ri.name) != 0
                || pj.start_vpn + pj.pages != start)
              break;
            start = pj.start_vpn;
          }
        *region = ri.name;
        snprintf (idx, n, "[%llu]", (unsigned long long) (vpn - start));
        return;
      }
  if (vpn < 1024)
    snprintf (idx, n, "%llu", (unsigned long long) vpn);
  else
    snprintf (idx, n, "0x%llx", (unsigned long long) vpn);
}

int
label_fit (char *buf, size_t n, const char *proc, const char *region,
           const char *idx, int maxw, const struct vm *vm)
{
  int pw = text_width (proc), rw = region ? text_width (region) : 0;
  int iw = text_width (idx);
  char p[64];
  size_t len = 0;
  buf[0] = '\0';
  /* Full, then the region shortened down to one column, then the
     process's name down to one column, then without the process. */
  int colon = region || idx[0] != '[' ? 1 : 0;
  int room = maxw - iw - colon;   /* for PROC + REGION */
  if (room < 1)
    {
      if (iw <= maxw)
        put (buf, n, &len, idx);
      return (int) len ? text_width (buf) : 0;
    }
  int pk = pw, rk = rw;
  if (pk + rk > room)
    {
      rk = room - pk;
      if (rk < (region ? 1 : 0))
        rk = region ? 1 : 0;
    }
  if (pk + rk > room)
    pk = room - rk;
  if (pk < 1)
    {
      /* Only the index and the region's first letter fit, or not even
         that: keep the index. */
      if (region && iw + 1 <= maxw)
        put_prefix (buf, n, &len, region, maxw - iw > rw ? rw : maxw - iw);
      put (buf, n, &len, idx);
      return text_width (buf);
    }
  label_name (p, sizeof p, vm, proc, pk);
  put (buf, n, &len, p);
  /* "P:heap[3]", "P:5", but "file[3]" for a page of an object. */
  if (colon)
    put (buf, n, &len, ":");
  if (region)
    put_prefix (buf, n, &len, region, rk);
  put (buf, n, &len, idx);
  return text_width (buf);
}

int
label_page (char *buf, size_t n, const struct vm *vm, uint32_t pid,
            uint64_t vpn, int maxw)
{
  const char *proc, *region;
  char idx[32];
  label_parts (vm, pid, vpn, &proc, &region, idx, sizeof idx);
  return label_fit (buf, n, proc, region, idx, maxw, vm);
}

int
label_object (char *buf, size_t n, const struct vm *vm, uint32_t object,
              uint64_t page, int maxw)
{
  char idx[32];
  const char *name = vm_object_name (vm, object);
  snprintf (idx, sizeof idx, "[%llu]", (unsigned long long) page);
  return label_fit (buf, n, name ? name : "?", NULL, idx, maxw, vm);
}

const char *
ui_result_word (int result)
{
  return answer_word (result < 0 || result >= VM_RESULT_COUNT ? "none"
                      : vm_result_name ((enum vm_result) result));
}
