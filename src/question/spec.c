/* spec.c: a question's kind and parameters, read from its quiz-file
 * mapping (the values themselves: spec-values.c), and drawn from when a
 * variant is made. */
#include "system.h"

#include "util.h"
#include "question/question-internal.h"
#include "question/spec-values.h"

static const struct q_kind_ops *const kinds[Q_KIND_COUNT] = {
  [Q_REPLACEMENT] = &q_replacement_ops,
  [Q_TRANSLATE] = &q_translate_ops,
  [Q_TLB] = &q_tlb_ops,
  [Q_EAT] = &q_eat_ops,
  [Q_SIZES] = &q_sizes_ops,
  [Q_SCENARIO] = &q_scenario_ops,
  [Q_CHOICE] = &q_choice_ops,
};

static const char *const kind_names[] = {
  "replacement", "translate", "tlb", "eat", "sizes", "scenario", "choice",
  NULL
};

const char *
q_kind_name (enum q_kind k)
{
  return k < Q_KIND_COUNT ? kind_names[k] : "?";
}

int
q_kind_parse (const char *s)
{
  for (int i = 0; i < Q_KIND_COUNT; i++)
    if (strcmp (s, kind_names[i]) == 0)
      return i;
  return -1;
}

const struct q_kind_ops *
q_kind_ops_of (enum q_kind k)
{
  return kinds[k];
}

void
q_spec_free (struct q_spec *spec)
{
  if (!spec)
    return;
  for (size_t i = 0; spec->vals && spec->ops->params[i].key; i++)
    qp_value_free (&spec->vals[i]);
  free (spec->vals);
  free (spec->files);
  free (spec->file);
  free (spec);
}

/* What q_spec_parse has allocated, kept on the heap so that it is still
 * known after an error unwinds (longjmp) to q_spec_parse. */
struct parse
{
  struct q_spec *spec;
  const char **keys;
};

/* The work of q_spec_parse; errors unwind through C. */
static void
parse (struct sc_ctx *c, const struct ynode *node,
       const char *const *extra_keys, struct parse *st)
{
  const struct ynode *kn;
  const struct q_kind_ops *ops;
  size_t np, nk, ne = 0;
  int k = -1;

  if (node->kind != YN_MAP)
    sc_expected (c, node, _("a question (a mapping with 'kind')"));
  kn = sc_need (c, node, "kind", _("a question"));
  if (kn->kind != YN_SCALAR || (k = q_kind_parse (kn->str)) < 0)
    {
      struct qp_def d = { .key = "kind", .type = QP_WORD, .words = kind_names };
      qp_need_word (c, kn, &d);
    }
  ops = kinds[k];
  for (np = 0; ops->params[np].key; np++)
    ;
  while (extra_keys && extra_keys[ne])
    ne++;
  st->keys = xcalloc (np + ne + 2, sizeof *st->keys);
  nk = 0;
  st->keys[nk++] = "kind";
  for (size_t i = 0; i < np; i++)
    st->keys[nk++] = ops->params[i].key;
  for (size_t i = 0; i < ne; i++)
    st->keys[nk++] = extra_keys[i];
  {
    char what[80];
    snprintf (what, sizeof what, _("a %s question"), ops->name);
    sc_check_map (c, node, what, st->keys);
  }

  st->spec = xcalloc (1, sizeof *st->spec);
  st->spec->kind = (enum q_kind) k;
  st->spec->ops = ops;
  st->spec->file = xstrdup (c->file);
  st->spec->line = node->line;
  st->spec->col = node->col;
  st->spec->vals = xcalloc (np, sizeof *st->spec->vals);
  st->spec->files = xcalloc (np + 1, sizeof *st->spec->files);
  for (size_t i = 0, nf = 0; i < np; i++)
    {
      const struct qp_def *d = &ops->params[i];
      const struct ynode *v = ynode_get (node, d->key);
      struct qp_value *val = &st->spec->vals[i];
      if (v)
        qp_parse_value (c, v, d, val);
      else if (d->def)
        qp_parse_default (c, node, d, val);
      else if (d->required)
        sc_need (c, node, d->key, _("a question"));
      if (d->type == QP_FILE && val->path)
        st->spec->files[nf++] = val->path;
    }
}

struct q_spec *
q_spec_parse (const char *file, const struct ynode *node,
              const char *const *extra_keys, char **err)
{
  struct sc_ctx c = { .file = file };
  struct parse *st = xcalloc (1, sizeof *st);
  struct q_spec *spec;

  *err = NULL;
  if (setjmp (c.fail))
    {
      q_spec_free (st->spec);
      free (st->keys);
      free (st);
      *err = c.err;
      return NULL;
    }
  parse (&c, node, extra_keys, st);
  spec = st->spec;
  free (st->keys);
  free (st);
  return spec;
}

enum q_kind
q_spec_kind (const struct q_spec *spec)
{
  return spec->kind;
}

unsigned
q_spec_line (const struct q_spec *spec)
{
  return spec->line;
}

const char *const *
q_spec_files (const struct q_spec *spec)
{
  return spec->files;
}

const struct qp_value *
q_param (const struct q_spec *spec, const char *key)
{
  for (size_t i = 0; spec->ops->params[i].key; i++)
    if (strcmp (spec->ops->params[i].key, key) == 0)
      return &spec->vals[i];
  abort ();
}

uint64_t
q_draw (const struct q_spec *spec, struct q_rng *rng, const char *key)
{
  const struct qp_value *v = q_param (spec, key);

  if (v->range)
    return q_rng_range (rng, v->lo, v->hi);
  if (v->n == 0)
    return 0;
  return v->u[v->n == 1 ? 0 : q_rng_below (rng, v->n)];
}

double
q_draw_real (const struct q_spec *spec, struct q_rng *rng, const char *key)
{
  const struct qp_value *v = q_param (spec, key);

  if (v->range)
    {
      /* Steps of 1/100 of the range, so values stay short to type. */
      uint64_t k = q_rng_below (rng, 101);
      return v->dlo + (v->dhi - v->dlo) * (double) k / 100.0;
    }
  if (v->n == 0)
    return 0;
  return v->d[v->n == 1 ? 0 : q_rng_below (rng, v->n)];
}
