/* spec-values.c: the values of question parameters as a quiz file
 * writes them: one value, a list to choose from, an A-B range, texts,
 * wrong choices, a fixed reference string, a scenario file.  Every error
 * names FILE:LINE:COL (the scenario loader's helpers). */
#include "system.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sys/stat.h>

#include "numparse.h"
#include "util.h"
#include "question/question-internal.h"
#include "question/spec-values.h"

#ifndef PKGDATADIR
# define PKGDATADIR "/usr/local/share/vmtutor"
#endif

#define QP_MAX_LIST 64       /* items of a list to choose from */
#define QP_MAX_TEXT 4096     /* bytes of a teacher's text */
#define QP_MAX_CHOICES 25    /* wrong choices (letters a-z in all) */

/* Trim spaces of [*S, *S + *LEN). */
static void
trim (const char **s, size_t *len)
{
  while (*len && (**s == ' ' || **s == '\t'))
    (*s)++, (*len)--;
  while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
    (*len)--;
}

/* The '-' splitting "A-B" in S, or NULL; a '-' after 'e' (1e-3) is part
 * of a number. */
static const char *
range_dash (const char *s)
{
  if (!*s)
    return NULL;
  for (const char *p = s + 1; *p; p++)
    if (*p == '-' && p[-1] != 'e' && p[-1] != 'E')
      return p;
  return NULL;
}

static uint64_t
need_uint (struct sc_ctx *c, const struct ynode *n, const char *s,
           size_t len, const struct qp_def *d)
{
  uint64_t v;
  char buf[160];

  trim (&s, &len);
  if (!parse_u64n (s, len, &v))
    sc_expected (c, n, d->type == QP_PAGES
                       ? _("a range of page numbers A-B")
                       : _("a whole number, a list of them or a range A-B"));
  if (v < d->min || v > d->max)
    {
      snprintf (buf, sizeof buf, _("a whole number from %llu to %llu"),
                (unsigned long long) d->min, (unsigned long long) d->max);
      sc_expected (c, n, buf);
    }
  return v;
}

static double
need_real (struct sc_ctx *c, const struct ynode *n, const char *s,
           size_t len)
{
  char tmp[64], *end;
  double v;

  trim (&s, &len);
  if (len == 0 || len >= sizeof tmp)
    sc_expected (c, n, _("a decimal from 0 to 1"));
  memcpy (tmp, s, len);
  tmp[len] = '\0';
  errno = 0;
  v = strtod (tmp, &end);
  if (*end || errno || !isfinite (v) || v < 0 || v > 1
      || strchr (tmp, 'x') || strchr (tmp, 'X'))
    sc_expected (c, n, _("a decimal from 0 to 1"));
  return v;
}

uint64_t
qp_need_word (struct sc_ctx *c, const struct ynode *n, const struct qp_def *d)
{
  const char *near;
  size_t len = 0;
  char list[300];

  if (n->kind != YN_SCALAR)
    sc_expected (c, n, _("a name"));
  for (size_t i = 0; d->words[i]; i++)
    if (strcmp (n->str, d->words[i]) == 0)
      return i;
  list[0] = '\0';
  for (size_t i = 0; d->words[i] && len + 40 < sizeof list; i++)
    len += (size_t) snprintf (list + len, sizeof list - len, "%s%s",
                              i ? ", " : "", d->words[i]);
  near = sc_nearest (n->str, d->words);
  if (near)
    {
      char *q = ytree_quote (n->str, n->len);
      char qb[120];
      snprintf (qb, sizeof qb, "%s", q);
      free (q);
      sc_fail (c, n, _("found %s for '%s'; did you mean '%s'?"), qb, d->key,
               near);
    }
  {
    char buf[400];
    snprintf (buf, sizeof buf, _("one of: %s"), list);
    sc_expected (c, n, buf);
  }
}

/* One scalar item of a list or a single value into slot I of V. */
static void
scalar_item (struct sc_ctx *c, const struct ynode *n, const struct qp_def *d,
             struct qp_value *v, size_t i)
{
  if (n->kind != YN_SCALAR)
    sc_expected (c, n, _("a single value"));
  switch (d->type)
    {
    case QP_INT:
      v->u[i] = need_uint (c, n, n->str, n->len, d);
      break;
    case QP_SIZE:
      {
        uint64_t s;
        if (n->len > 40 || !parse_size (n->str, &s))
          sc_expected (c, n, _("a size (bytes, or with K, KiB, M, MiB, G, "
                               "GiB)"));
        if (s < d->min || s > d->max || (s & (s - 1)))
          {
            char buf[160];
            snprintf (buf, sizeof buf,
                      _("a power of two from %llu to %llu bytes"),
                      (unsigned long long) d->min,
                      (unsigned long long) d->max);
            sc_expected (c, n, buf);
          }
        v->u[i] = s;
      }
      break;
    case QP_REAL:
      v->d[i] = need_real (c, n, n->str, n->len);
      break;
    case QP_WORD:
      v->u[i] = qp_need_word (c, n, d);
      break;
    default:
      abort ();
    }
}

/* A scalar "A-B" range of an INT, REAL or PAGES parameter. */
static bool
range_of (struct sc_ctx *c, const struct ynode *n, const struct qp_def *d,
          struct qp_value *v)
{
  const char *dash;

  if (d->type == QP_PAGES && n->kind != YN_SCALAR)
    sc_expected (c, n, _("a range of page numbers A-B"));
  if (n->kind != YN_SCALAR || d->type == QP_SIZE || d->type == QP_WORD)
    return false;
  dash = range_dash (n->str);
  if (!dash)
    {
      if (d->type == QP_PAGES)
        sc_expected (c, n, _("a range of page numbers A-B"));
      return false;
    }
  v->range = true;
  if (d->type == QP_REAL)
    {
      v->dlo = need_real (c, n, n->str, (size_t) (dash - n->str));
      v->dhi = need_real (c, n, dash + 1, strlen (dash + 1));
      if (v->dlo > v->dhi)
        sc_expected (c, n, _("a range A-B with A at most B"));
      return true;
    }
  if (d->type == QP_PAGES)
    {
      struct qp_def pd = *d;
      pd.min = 0;
      pd.max = (1u << 20) - 1;
      v->lo = need_uint (c, n, n->str, (size_t) (dash - n->str), &pd);
      v->hi = need_uint (c, n, dash + 1, strlen (dash + 1), &pd);
      if (v->lo > v->hi)
        sc_expected (c, n, _("a range A-B with A at most B"));
      if (v->hi - v->lo + 1 > d->max || v->hi - v->lo + 1 < d->min)
        {
          char buf[160];
          snprintf (buf, sizeof buf, _("a range of %llu to %llu pages"),
                    (unsigned long long) d->min, (unsigned long long) d->max);
          sc_expected (c, n, buf);
        }
      return true;
    }
  v->lo = need_uint (c, n, n->str, (size_t) (dash - n->str), d);
  v->hi = need_uint (c, n, dash + 1, strlen (dash + 1), d);
  if (v->lo > v->hi)
    sc_expected (c, n, _("a range A-B with A at most B"));
  return true;
}

/* Text: human text, shown to the extraction hook as WHAT (scenario.h,
   scenario_text) but kept as written: a variant's data and fingerprint
   must not depend on the language; the kind translates what it shows. */
static char *
need_text (struct sc_ctx *c, const struct ynode *n, const char *what)
{
  if (n->kind != YN_SCALAR || n->len == 0 || n->len > QP_MAX_TEXT)
    sc_expected (c, n, _("text (1 to 4096 bytes)"));
  scenario_text_seen (c->file, n->line, what, n->str);
  return xstrdup (n->str);
}

static void
parse_choices (struct sc_ctx *c, const struct ynode *n, struct qp_value *v)
{
  static const char *const keys[] = { "text", "why", NULL };

  if (n->kind != YN_SEQ || n->n == 0 || n->n > QP_MAX_CHOICES)
    sc_expected (c, n, _("a list of 1 to 25 wrong choices"));
  v->n = n->n;
  v->s = xcalloc (n->n, sizeof *v->s);
  v->why = xcalloc (n->n, sizeof *v->why);
  for (size_t i = 0; i < n->n; i++)
    {
      const struct ynode *it = n->items[i];
      if (it->kind == YN_MAP)
        {
          const struct ynode *w;
          sc_check_map (c, it, _("a wrong choice"), keys);
          v->s[i] = need_text (c, sc_need (c, it, "text",
                                           _("a wrong choice")),
                               "quiz wrong");
          w = ynode_get (it, "why");
          if (w)
            v->why[i] = need_text (c, w, "quiz why");
        }
      else
        v->s[i] = need_text (c, it, "quiz wrong");
    }
}

/* Resolve and load a scenario file named at N (relative to the quiz's
 * directory, without ".."; a bare name not found there is looked for in
 * PKGDATADIR/scenarios). */
static void
parse_file (struct sc_ctx *c, const struct ynode *n, struct qp_value *v)
{
  const char *rel, *slash;
  char *dir, *path, *err = NULL;
  struct stat st;

  if (n->kind != YN_SCALAR || n->len == 0 || n->len > PATH_MAX / 2)
    sc_expected (c, n, _("the path of a scenario file"));
  rel = n->str;
  if (rel[0] == '/')
    sc_expected (c, n, _("a path relative to the quiz file's directory"));
  for (const char *p = rel; *p;)
    {
      size_t len = strcspn (p, "/");
      if (len == 2 && p[0] == '.' && p[1] == '.')
        sc_expected (c, n, _("a path inside the quiz file's directory "
                             "(without '..')"));
      p += len;
      while (*p == '/')
        p++;
    }
  slash = strrchr (c->file, '/');
  dir = slash ? xstrndup (c->file, (size_t) (slash - c->file + 1))
              : xstrdup ("");
  path = xasprintf ("%s%s", dir, rel);
  free (dir);
  if (stat (path, &st) != 0 && !strchr (rel, '/'))
    {
      char *alt = xasprintf ("%s/scenarios/%s", PKGDATADIR, rel);
      if (stat (alt, &st) == 0)
        {
          free (path);
          path = alt;
        }
      else
        free (alt);
    }
  v->sc = scenario_load (path, &err);
  if (!v->sc)
    {
      free (c->err);
      c->err = ytree_error (c->file, n->line, n->col, "%s", err);
      free (err);
      free (path);
      longjmp (c->fail, 1);
    }
  v->path = path;
  v->n = 1;
  v->s = xcalloc (1, sizeof *v->s);
  v->s[0] = xstrdup (rel);
}

/* A fixed reference string: a list of page numbers, or one scalar with
 * them separated by spaces or commas. */
static void
parse_refs (struct sc_ctx *c, const struct ynode *n, const struct qp_def *d,
            struct qp_value *v)
{
  struct qp_def pd = *d;

  pd.min = 0;
  pd.max = (1u << 20) - 1;
  v->u = xcalloc (d->max, sizeof *v->u);
  if (n->kind == YN_SEQ)
    {
      if (n->n < d->min || n->n > d->max)
        goto bad;
      for (size_t i = 0; i < n->n; i++)
        {
          if (n->items[i]->kind != YN_SCALAR)
            sc_expected (c, n->items[i], _("a page number"));
          v->u[v->n++] = need_uint (c, n->items[i], n->items[i]->str,
                                    n->items[i]->len, &pd);
        }
    }
  else if (n->kind == YN_SCALAR)
    {
      const char *p = n->str;
      while (*p)
        {
          size_t len;
          p += strspn (p, " ,\t");
          len = strcspn (p, " ,\t");
          if (!len)
            break;
          if (v->n == d->max)
            goto bad;
          v->u[v->n++] = need_uint (c, n, p, len, &pd);
          p += len;
        }
      if (v->n < d->min)
        goto bad;
    }
  else
    goto bad;
  return;
bad:
  {
    char buf[160];
    snprintf (buf, sizeof buf, _("a list of %llu to %llu page numbers"),
              (unsigned long long) d->min, (unsigned long long) d->max);
    sc_expected (c, n, buf);
  }
}

/* Parse the value N of parameter D into V. */
void
qp_parse_value (struct sc_ctx *c, const struct ynode *n, const struct qp_def *d,
             struct qp_value *v)
{
  v->given = true;
  v->line = n->line;
  v->col = n->col;
  switch (d->type)
    {
    case QP_TEXT:
      {
        char what[64];
        snprintf (what, sizeof what, "quiz %s", d->key);
        v->n = 1;
        v->s = xcalloc (1, sizeof *v->s);
        v->s[0] = need_text (c, n, what);
      }
      return;
    case QP_CHOICES:
      parse_choices (c, n, v);
      return;
    case QP_FILE:
      parse_file (c, n, v);
      return;
    case QP_REFS:
      parse_refs (c, n, d, v);
      return;
    default:
      break;
    }
  if (range_of (c, n, d, v))
    return;
  if (n->kind == YN_SEQ)
    {
      if (n->n == 0 || n->n > QP_MAX_LIST)
        sc_expected (c, n, _("a list of 1 to 64 values to choose from"));
      v->n = n->n;
    }
  else
    v->n = 1;
  if (d->type == QP_REAL)
    v->d = xcalloc (v->n, sizeof *v->d);
  else
    v->u = xcalloc (v->n, sizeof *v->u);
  if (n->kind == YN_SEQ)
    for (size_t i = 0; i < n->n; i++)
      scalar_item (c, n->items[i], d, v, i);
  else
    scalar_item (c, n, d, v, 0);
}

/* Parse the built-in default of D ("x" or "[x, y]") as if written at the
 * question's mark. */
void
qp_parse_default (struct sc_ctx *c, const struct ynode *q, const struct qp_def *d,
               struct qp_value *v)
{
  struct ynode node = { .kind = YN_SCALAR, .line = q->line, .col = q->col,
                        .plain = true };
  struct ynode items[QP_MAX_LIST], *ptrs[QP_MAX_LIST];
  char buf[256];

  snprintf (buf, sizeof buf, "%s", d->def);
  if (buf[0] == '[')
    {
      char *p = buf + 1, *tok;
      node.kind = YN_SEQ;
      node.items = ptrs;
      while ((tok = strtok (p, ",] ")) && node.n < QP_MAX_LIST)
        {
          p = NULL;
          items[node.n] = (struct ynode) { .kind = YN_SCALAR, .line = q->line,
                                           .col = q->col, .plain = true,
                                           .str = tok, .len = strlen (tok) };
          ptrs[node.n] = &items[node.n];
          node.n++;
        }
    }
  else
    {
      node.str = buf;
      node.len = strlen (buf);
    }
  qp_parse_value (c, &node, d, v);
}

void
qp_value_free (struct qp_value *v)
{
  for (size_t i = 0; v->s && i < v->n; i++)
    free (v->s[i]);
  for (size_t i = 0; v->why && i < v->n; i++)
    free (v->why[i]);
  free (v->s);
  free (v->why);
  free (v->u);
  free (v->d);
  free (v->path);
  scenario_free (v->sc);
}
