/* scenario-values.c: typed values of the scenario format and the one way
 * the loader reports errors ("FILE:LINE:COL: found X; expected Y"). */
#include "system.h"

#include <stdarg.h>
#include <strings.h>

#include "numparse.h"
#include "util.h"
#include "scenario/scenario-internal.h"

void
sc_fail (struct sc_ctx *c, const struct ynode *n, const char *fmt, ...)
{
  va_list ap;
  char *msg;

  va_start (ap, fmt);
  msg = xvasprintf (fmt, ap);
  va_end (ap);
  free (c->err);
  c->err = ytree_error (c->file, n ? n->line : 1, n ? n->col : 1, "%s", msg);
  free (msg);
  longjmp (c->fail, 1);
}

char *
sc_describe (const struct ynode *n)
{
  if (n->kind == YN_MAP)
    return xstrdup (_("a mapping"));
  if (n->kind == YN_SEQ)
    return xstrdup (_("a list"));
  if (n->len == 0)
    return xstrdup (_("nothing"));
  return ytree_quote (n->str, n->len);
}

void
sc_expected (struct sc_ctx *c, const struct ynode *n, const char *expected)
{
  char *d = sc_describe (n);
  char buf[200];

  /* Copy D so it can be freed before unwinding.  */
  snprintf (buf, sizeof buf, "%s", d);
  free (d);
  sc_fail (c, n, _("found %s; expected %s"), buf, expected);
}

void
sc_expected_near (struct sc_ctx *c, const struct ynode *n,
                  const char *expected, const char *const *words)
{
  const char *near = n->kind == YN_SCALAR && n->len > 0 && n->len <= 64
    ? sc_nearest (n->str, words) : NULL;
  char *d;
  char buf[200];

  if (!near || strcmp (near, n->str) == 0)
    sc_expected (c, n, expected);
  d = sc_describe (n);
  snprintf (buf, sizeof buf, "%s", d);
  free (d);
  sc_fail (c, n, _("found %s; expected %s; did you mean '%s'?"), buf,
           expected, near);
}

struct sc_mark
sc_mark_of (const struct ynode *n)
{
  struct sc_mark m = { n->line, n->col };
  return m;
}

/* Edit distance of A and B, both at most 64 bytes, with a swap of two
 * neighbouring letters counted as one edit ("mjaor" is one from
 * "major"). */
static size_t
levenshtein (const char *a, const char *b)
{
  size_t la = strlen (a), lb = strlen (b);
  size_t d[65][65];

  if (la > 64 || lb > 64)
    return SIZE_MAX;
  for (size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++)
      {
        size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
        if (d[i - 1][j] + 1 < best)
          best = d[i - 1][j] + 1;
        if (d[i][j - 1] + 1 < best)
          best = d[i][j - 1] + 1;
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
            && d[i - 2][j - 2] + 1 < best)
          best = d[i - 2][j - 2] + 1;
        d[i][j] = best;
      }
  return d[la][lb];
}

const char *
sc_nearest (const char *word, const char *const *candidates)
{
  const char *best = NULL;
  size_t best_d = SIZE_MAX;
  size_t limit = strlen (word) / 3 + 1;

  if (limit < 2)
    limit = 2;
  for (size_t i = 0; candidates[i]; i++)
    {
      size_t d = levenshtein (word, candidates[i]);
      if (strcasecmp (word, candidates[i]) == 0)
        d = 0;
      else if (d >= strlen (word))
        continue;               /* nothing in common */
      if (d < best_d)
        {
          best_d = d;
          best = candidates[i];
        }
    }
  return best_d <= limit ? best : NULL;
}

void
sc_check_map (struct sc_ctx *c, const struct ynode *n, const char *what,
              const char *const *keys)
{
  if (n->kind != YN_MAP)
    {
      char buf[200];
      snprintf (buf, sizeof buf, _("%s (a mapping)"), what);
      sc_expected (c, n, buf);
    }
  for (size_t i = 0; i < n->n; i += 2)
    {
      const struct ynode *k = n->items[i];
      const char *near;
      size_t j, len = 0;
      char *list, *q;
      char qbuf[200];

      for (j = 0; keys[j]; j++)
        if (strcmp (k->str, keys[j]) == 0)
          break;
      if (keys[j])
        continue;
      q = ytree_quote (k->str, k->len);
      snprintf (qbuf, sizeof qbuf, "%s", q);
      free (q);
      near = sc_nearest (k->str, keys);
      if (near)
        sc_fail (c, k, _("found unknown key %s in %s; did you mean '%s'?"),
                 qbuf, what, near);
      for (j = 0; keys[j]; j++)
        len += strlen (keys[j]) + 2;
      list = xmalloc (len + 1);
      list[0] = '\0';
      for (j = 0; keys[j]; j++)
        {
          if (j)
            strcat (list, ", ");
          strcat (list, keys[j]);
        }
      {
        char lbuf[600];
        snprintf (lbuf, sizeof lbuf, "%s", list);
        free (list);
        sc_fail (c, k, _("found unknown key %s in %s; expected one of: %s"),
                 qbuf, what, lbuf);
      }
    }
}

const struct ynode *
sc_need (struct sc_ctx *c, const struct ynode *n, const char *key,
         const char *what)
{
  const struct ynode *v = ynode_get (n, key);
  if (!v)
    sc_fail (c, n, _("found %s without '%s'; expected a '%s' key"), what,
             key, key);
  return v;
}

bool
sc_is_none (const struct ynode *n)
{
  return n->kind == YN_SCALAR
         && ((n->plain && n->len == 0) || strcmp (n->str, "none") == 0
             || (n->plain && strcmp (n->str, "null") == 0)
             || (n->plain && strcmp (n->str, "~") == 0));
}

const char *
sc_string (struct sc_ctx *c, const struct ynode *n)
{
  if (n->kind != YN_SCALAR)
    sc_expected (c, n, _("text"));
  return n->str;
}

const char *
sc_name (struct sc_ctx *c, const struct ynode *n)
{
  if (n->kind != YN_SCALAR || n->len == 0 || n->len > 64)
    sc_expected (c, n, _("a name (1 to 64 characters)"));
  for (size_t i = 0; i < n->len; i++)
    if ((unsigned char) n->str[i] <= ' ')
      sc_expected (c, n, _("a name without spaces"));
  return n->str;
}

uint64_t
sc_uint (struct sc_ctx *c, const struct ynode *n, uint64_t min, uint64_t max)
{
  uint64_t v;
  char buf[160];

  if (n->kind != YN_SCALAR || !parse_u64n (n->str, n->len, &v))
    {
      if (n->kind == YN_SCALAR && n->len > 0 && n->len < 40
          && strspn (n->str, "0123456789") == n->len)
        sc_expected (c, n, _("an integer that fits in 64 bits"));
      sc_expected (c, n, _("an integer (decimal or 0x hex)"));
    }
  if (v < min || v > max)
    {
      snprintf (buf, sizeof buf, _("an integer from %llu to %llu"),
                (unsigned long long) min, (unsigned long long) max);
      sc_expected (c, n, buf);
    }
  return v;
}

uint64_t
sc_size (struct sc_ctx *c, const struct ynode *n, uint64_t min, uint64_t max)
{
  uint64_t v;
  char buf[160];

  if (n->kind != YN_SCALAR || n->len > 40 || !parse_size (n->str, &v))
    sc_expected (c, n, _("a size (bytes, or with KiB, MiB, GiB, TiB)"));
  if (v < min || v > max)
    {
      snprintf (buf, sizeof buf, _("a size from %llu to %llu bytes"),
                (unsigned long long) min, (unsigned long long) max);
      sc_expected (c, n, buf);
    }
  return v;
}

bool
sc_bool (struct sc_ctx *c, const struct ynode *n)
{
  if (n->kind == YN_SCALAR && strcmp (n->str, "true") == 0)
    return true;
  if (n->kind == YN_SCALAR && strcmp (n->str, "false") == 0)
    return false;
  sc_expected (c, n, _("true or false"));
}

unsigned
sc_perm (struct sc_ctx *c, const struct ynode *n)
{
  unsigned perm = VM_PERM_U;

  if (n->kind != YN_SCALAR || n->len != 3
      || (n->str[0] != 'r' && n->str[0] != '-')
      || (n->str[1] != 'w' && n->str[1] != '-')
      || (n->str[2] != 'x' && n->str[2] != '-'))
    sc_expected (c, n, _("permissions like rwx, r-x, rw- or r--"));
  if (n->str[0] == 'r')
    perm |= VM_PERM_R;
  if (n->str[1] == 'w')
    perm |= VM_PERM_W;
  if (n->str[2] == 'x')
    perm |= VM_PERM_X;
  return perm;
}

enum vm_op
sc_op (struct sc_ctx *c, const struct ynode *n)
{
  static const struct { const char *name; enum vm_op op; } ops[] = {
    { "r", VM_READ }, { "read", VM_READ },
    { "w", VM_WRITE }, { "write", VM_WRITE },
    { "x", VM_EXEC }, { "exec", VM_EXEC }, { "execute", VM_EXEC },
  };
  if (n->kind == YN_SCALAR)
    for (size_t i = 0; i < ARRAY_SIZE (ops); i++)
      if (strcmp (n->str, ops[i].name) == 0)
        return ops[i].op;
  static const char *const words[] = { "read", "write", "exec", NULL };
  sc_expected_near (c, n, _("an operation: read, write or exec (r, w, x)"),
                    words);
}

/* Append the ranges of the text S (e.g. "0-15, 32") to *OUT. */
static void
ranges_text (struct sc_ctx *c, const struct ynode *n, const char *s,
             struct sc_range **out, size_t *nout, size_t *cap)
{
  const char *p = s;

  for (;;)
    {
      const char *end = p + strcspn (p, ",");
      const char *dash;
      const char *a = p, *b;
      uint64_t lo, hi;

      while (a < end && *a == ' ')
        a++;
      b = end;
      while (b > a && b[-1] == ' ')
        b--;
      dash = memchr (a, '-', (size_t) (b - a));
      if (!dash)
        {
          if (!parse_u64n (a, (size_t) (b - a), &lo))
            sc_expected (c, n, _("page numbers like 0-15,32,40-47"));
          hi = lo;
        }
      else if (!parse_u64n (a, (size_t) (dash - a), &lo)
               || !parse_u64n (dash + 1, (size_t) (b - dash - 1), &hi))
        sc_expected (c, n, _("page numbers like 0-15,32,40-47"));
      if (lo > hi)
        sc_expected (c, n, _("ranges LOW-HIGH with LOW <= HIGH"));
      if (*nout >= SC_MAX_LIST)
        sc_expected (c, n, _("at most 1000000 page ranges"));
      if (*nout == *cap)
        {
          *cap = *cap ? *cap * 2 : 8;
          *out = xreallocarray (*out, *cap, sizeof **out);
        }
      (*out)[*nout].lo = lo;
      (*out)[*nout].hi = hi;
      (*nout)++;
      if (!*end)
        break;
      p = end + 1;
    }
}

void
sc_ranges (struct sc_ctx *c, const struct ynode *n, struct sc_range **out,
           size_t *nout)
{
  size_t cap = 0;

  /* The list is owned by the caller's step from the start, so an error
     half-way leaves nothing to leak.  */
  *out = NULL;
  *nout = 0;
  if (n->kind == YN_SCALAR)
    {
      if (n->len == 0)
        sc_expected (c, n, _("page numbers like 0-15,32,40-47"));
      ranges_text (c, n, n->str, out, nout, &cap);
      return;
    }
  if (n->kind != YN_SEQ || n->n == 0)
    sc_expected (c, n, _("page numbers like 0-15,32,40-47"));
  for (size_t i = 0; i < n->n; i++)
    {
      const struct ynode *it = n->items[i];
      if (it->kind != YN_SCALAR || it->len == 0)
        sc_expected (c, it, _("a page number or a range like 0-15"));
      ranges_text (c, it, it->str, out, nout, &cap);
    }
}
