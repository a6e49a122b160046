/* eat.c: the `eat` kind: effective access time with a TLB (the engine's
 * cost model: a TLB lookup, then on a miss one memory reference per
 * page-table level, then the data reference), with page faults
 * ((1 - p) x memory + p x fault time), or the largest fault rate that
 * keeps the slowdown under a percentage, or TLB and faults together
 * (every reference pays the TLB path; a fraction p also pays a fault).  Answers are computed from the
 * question's own numbers. */
#include "system.h"

#include <math.h>

#include "util.h"
#include "question/numeric.h"

enum ask { ASK_TLB, ASK_FAULT, ASK_MAX_RATE, ASK_COMBINED };
static const char *const asks[] = { "tlb", "fault", "max_fault_rate",
                                    "combined", NULL };

static const struct qp_def params[] = {
  { "ask", QP_WORD, 0, 0, asks, "tlb", false },
  { "mem_ns", QP_INT, 1, 1000000, NULL, "[50, 100, 200]", false },
  { "tlb_ns", QP_INT, 0, 1000000, NULL, "[0, 5, 10, 20]", false },
  { "levels", QP_INT, 1, 6, NULL, "[1, 2, 4]", false },
  { "hit_rate", QP_REAL, 0, 0, NULL, "[0.8, 0.9, 0.95, 0.98, 0.99]", false },
  { "fault_ns", QP_INT, 1, 10000000000ull, NULL,
    "[2000000, 5000000, 8000000, 10000000]", false },
  { "fault_rate", QP_REAL, 0, 0, NULL, "[0.001, 0.0001, 0.00001]", false },
  { "slowdown", QP_INT, 1, 1000, NULL, "[5, 10, 20]", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  uint64_t mem, tlb, levels, fault, slowdown;
  double hit, rate;
  double right;
  char *right_text;
};

static double
eat_tlb (const struct q_variant_priv *p)
{
  return (double) p->tlb + p->hit * (double) p->mem
         + (1 - p->hit) * (double) ((p->levels + 1) * p->mem);
}

static double
eat_fault (const struct q_variant_priv *p)
{
  return (1 - p->rate) * (double) p->mem + p->rate * (double) p->fault;
}

static double
eat_combined (const struct q_variant_priv *p)
{
  return eat_tlb (p) + p->rate * (double) p->fault;
}

static double
max_rate (const struct q_variant_priv *p)
{
  return (double) p->mem * (double) p->slowdown / 100.0
         / (double) (p->fault - p->mem);
}

/* "8 ms (8000000 ns)" or "250 ns". */
static char *
time_text (uint64_t ns)
{
  if (ns >= 1000000 && ns % 1000000 == 0)
    return xasprintf (_("%llu ms (%llu ns)"),
                      (unsigned long long) (ns / 1000000),
                      (unsigned long long) ns);
  if (ns >= 1000 && ns % 1000 == 0)
    return xasprintf (_("%llu µs (%llu ns)"),
                      (unsigned long long) (ns / 1000),
                      (unsigned long long) ns);
  return xasprintf (_("%llu ns"), (unsigned long long) ns);
}

static void
add_int (json_object *o, const char *k, uint64_t x)
{
  json_object_object_add (o, k, json_object_new_int64 ((int64_t) x));
}

static bool
eat_generate (const struct q_spec *spec, struct q_rng *rng,
              struct q_variant *v, char **err, const char **reject)
{
  struct q_variant_priv *p = xcalloc (1, sizeof *p);
  struct qbuf b = { 0 };
  char *ft;

  (void) err;
  v->priv = p;
  p->ask = (enum ask) q_draw (spec, rng, "ask");
  p->mem = q_draw (spec, rng, "mem_ns");
  p->tlb = q_draw (spec, rng, "tlb_ns");
  p->levels = q_draw (spec, rng, "levels");
  p->hit = q_draw_real (spec, rng, "hit_rate");
  p->fault = q_draw (spec, rng, "fault_ns");
  p->rate = q_draw_real (spec, rng, "fault_rate");
  p->slowdown = q_draw (spec, rng, "slowdown");
  *reject = "fault_ns";
  if ((p->ask == ASK_FAULT || p->ask == ASK_MAX_RATE)
      && p->fault <= p->mem)
    return false;

  v->data = json_object_new_object ();
  json_object_object_add (v->data, "ask", json_object_new_string (asks[p->ask]));
  add_int (v->data, "mem_ns", p->mem);
  v->form = Q_FORM_NUMBER;
  switch (p->ask)
    {
    case ASK_COMBINED:
    case ASK_TLB:
      add_int (v->data, "tlb_ns", p->tlb);
      add_int (v->data, "levels", p->levels);
      json_object_object_add (v->data, "hit_rate",
                              q_json_real (p->hit));
      p->right = eat_tlb (p);
      qb_printf (&b, _("A memory reference takes %llu ns and a TLB lookup "
                       "%llu ns."),
                 (unsigned long long) p->mem, (unsigned long long) p->tlb);
      qb_printf (&b, ngettext ("  The page table has %llu level: a TLB miss "
                               "reads its entry from memory before the data "
                               "is read.",
                               "  The page table has %llu levels: a TLB miss "
                               "reads one entry per level from memory before "
                               "the data is read.", p->levels),
                 (unsigned long long) p->levels);
      qb_printf (&b, _("  The TLB hit rate is %g%%."), p->hit * 100);
      if (p->ask == ASK_COMBINED)
        {
          add_int (v->data, "fault_ns", p->fault);
          json_object_object_add (v->data, "fault_rate",
                                  q_json_real (p->rate));
          p->right = eat_combined (p);
          ft = time_text (p->fault);
          qb_printf (&b, _("  Besides, a fraction %g of the references "
                           "page-faults, which adds %s to them."),
                     p->rate, ft);
          free (ft);
        }
      qb_printf (&b, "\n%s", _("What is the effective access time in ns?"));
      v->hint = xstrdup (_("a number of ns, e.g. 120.5"));
      break;
    case ASK_FAULT:
      add_int (v->data, "fault_ns", p->fault);
      json_object_object_add (v->data, "fault_rate",
                              q_json_real (p->rate));
      p->right = eat_fault (p);
      ft = time_text (p->fault);
      qb_printf (&b, _("A memory reference takes %llu ns; servicing a page "
                       "fault takes %s.  A fraction %g of the references "
                       "fault (ignore the TLB)."),
                 (unsigned long long) p->mem, ft, p->rate);
      free (ft);
      qb_printf (&b, "\n%s", _("What is the effective access time in ns?"));
      v->hint = xstrdup (_("a number of ns, e.g. 120.5"));
      break;
    case ASK_MAX_RATE:
      add_int (v->data, "fault_ns", p->fault);
      add_int (v->data, "slowdown", p->slowdown);
      p->right = max_rate (p);
      ft = time_text (p->fault);
      qb_printf (&b, _("A memory reference takes %llu ns; servicing a page "
                       "fault takes %s (ignore the TLB).  The effective "
                       "access time may be at most %llu%% more than a memory "
                       "reference."),
                 (unsigned long long) p->mem, ft,
                 (unsigned long long) p->slowdown);
      free (ft);
      qb_printf (&b, "\n%s", _("What is the largest page-fault rate "
                               "(faults per reference) that allows?"));
      v->hint = xstrdup (_("a rate, e.g. 0.0000025 or 2.5e-6"));
      break;
    }
  v->prompt = qb_take (&b);
  p->right_text = q_format_real (p->right);
  v->answer = q_json_real (p->right);
  v->typed = xstrdup (p->right_text);
  /* 0.5% of the answer: rounding to 2 decimals or 3 digits stays inside,
     a forgotten term (the TLB lookup, a level of the walk) does not. */
  v->tolerance = fabs (p->right) * 0.005;
  return true;
}

static void
eat_check (const struct q_variant *v, const char *given, struct q_result *out)
{
  const struct q_variant_priv *p = v->priv;
  struct q_mistake m[4];
  size_t nm = 0;
  double mem = (double) p->mem;

  switch (p->ask)
    {
    case ASK_COMBINED:
      m[nm++] = (struct q_mistake) { eat_tlb (p),
        _("That leaves out the page faults.") };
      m[nm++] = (struct q_mistake) { p->right - (double) p->tlb,
        _("That leaves out the TLB lookup, paid on every reference.") };
      m[nm++] = (struct q_mistake) {
        eat_tlb (p) + p->rate * (double) p->fault / 1e6,
        _("The fault time must be in ns, like the memory time.") };
      break;
    case ASK_TLB:
      m[nm++] = (struct q_mistake) { p->right - (double) p->tlb,
        _("That leaves out the TLB lookup, paid on every reference.") };
      m[nm++] = (struct q_mistake) { p->right - (1 - p->hit) * mem,
        _("That leaves out the data reference after the page-table walk.") };
      m[nm++] = (struct q_mistake) {
        (double) p->tlb + p->hit * mem + (1 - p->hit) * 2 * mem,
        _("That counts the walk as one memory reference; it is one per "
          "level.") };
      m[nm++] = (struct q_mistake) { (double) p->tlb + p->hit * mem,
        _("That leaves out the misses.") };
      break;
    case ASK_FAULT:
      m[nm++] = (struct q_mistake) { p->rate * (double) p->fault,
        _("That leaves out the references that do not fault.") };
      m[nm++] = (struct q_mistake) {
        (1 - p->rate) * mem + p->rate * (double) p->fault / 1e6,
        _("The fault time must be in ns, like the memory time.") };
      m[nm++] = (struct q_mistake) {
        (1 - p->rate) * mem + p->rate * (double) p->fault / 1e3,
        _("The fault time must be in ns, like the memory time.") };
      break;
    case ASK_MAX_RATE:
      m[nm++] = (struct q_mistake) {
        mem * (1 + (double) p->slowdown / 100.0) / (double) (p->fault - p->mem),
        _("That allows the whole access time, not only the slowdown.") };
      m[nm++] = (struct q_mistake) { p->right * 100,
        _("That is a percentage; give the rate (faults per reference).") };
      break;
    }
  q_check_number (v, given, p->right, p->right_text, m, nm, out);
}

static char *
eat_explain (const struct q_variant *v)
{
  const struct q_variant_priv *p = v->priv;
  struct qbuf b = { 0 };

  switch (p->ask)
    {
    case ASK_COMBINED:
      qb_printf (&b, _("EAT = TLB + h x mem + (1 - h) x (levels + 1) x mem "
                       "+ p x fault\n"
                       "    = %llu + %g x %llu + %g x %llu x %llu + %g x %llu "
                       "= %s ns"),
                 (unsigned long long) p->tlb, p->hit,
                 (unsigned long long) p->mem, 1 - p->hit,
                 (unsigned long long) (p->levels + 1),
                 (unsigned long long) p->mem, p->rate,
                 (unsigned long long) p->fault, p->right_text);
      break;
    case ASK_TLB:
      qb_printf (&b, _("EAT = TLB + h x mem + (1 - h) x (levels + 1) x mem\n"
                       "    = %llu + %g x %llu + %g x %llu x %llu = %s ns"),
                 (unsigned long long) p->tlb, p->hit,
                 (unsigned long long) p->mem, 1 - p->hit,
                 (unsigned long long) (p->levels + 1),
                 (unsigned long long) p->mem, p->right_text);
      break;
    case ASK_FAULT:
      qb_printf (&b, _("EAT = (1 - p) x mem + p x fault\n"
                       "    = %g x %llu + %g x %llu = %s ns"),
                 1 - p->rate, (unsigned long long) p->mem, p->rate,
                 (unsigned long long) p->fault, p->right_text);
      break;
    case ASK_MAX_RATE:
      qb_printf (&b, _("(1 - p) x mem + p x fault <= mem x (1 + s), so\n"
                       "p <= mem x s / (fault - mem) = %llu x %g / %llu "
                       "= %s"),
                 (unsigned long long) p->mem,
                 (double) p->slowdown / 100.0,
                 (unsigned long long) (p->fault - p->mem), p->right_text);
      break;
    }
  return qb_take (&b);
}

static void
eat_free (struct q_variant_priv *p)
{
  free (p->right_text);
  free (p);
}

const struct q_kind_ops q_eat_ops = {
  .name = "eat",
  .params = params,
  .generate = eat_generate,
  .check = eat_check,
  .explain = eat_explain,
  .free_priv = eat_free,
};
