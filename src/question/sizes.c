/* sizes.c: the `sizes` kind: offset bits, page-number bits, entries of a
 * linear page table, its size, the levels needed when every table fits
 * in one page, and TLB reach, from the question's own numbers. */
#include "system.h"

#include "util.h"
#include "question/numeric.h"

enum ask { ASK_OFFSET, ASK_VPN, ASK_ENTRIES, ASK_TABLE, ASK_LEVELS,
           ASK_REACH };
static const char *const asks[] = { "offset_bits", "vpn_bits", "entries",
                                    "table_size", "levels", "tlb_reach",
                                    NULL };

static const struct qp_def params[] = {
  { "ask", QP_WORD, 0, 0, asks, "offset_bits", false },
  { "va_bits", QP_INT, 8, 64, NULL, "[32, 48]", false },
  { "page_size", QP_SIZE, 16, 1ull << 30, NULL, "[4K, 8K, 16K]", false },
  { "pte_size", QP_SIZE, 1, 64, NULL, "[4, 8]", false },
  { "tlb_entries", QP_INT, 1, 65536, NULL, "[16, 32, 64, 128]", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  unsigned va_bits, off, vpn_bits, levels;
  uint64_t page, pte, tlb;
  uint64_t right;
  char *right_text;
};

static unsigned
log2u (uint64_t x)
{
  unsigned n = 0;
  while (x > 1)
    x >>= 1, n++;
  return n;
}

static bool
sizes_generate (const struct q_spec *spec, struct q_rng *rng,
                struct q_variant *v, char **err, const char **reject)
{
  struct q_variant_priv *p = xcalloc (1, sizeof *p);
  struct qbuf b = { 0 };
  unsigned per;

  (void) err;
  v->priv = p;
  p->ask = (enum ask) q_draw (spec, rng, "ask");
  p->va_bits = (unsigned) q_draw (spec, rng, "va_bits");
  p->page = q_draw (spec, rng, "page_size");
  p->pte = q_draw (spec, rng, "pte_size");
  p->tlb = q_draw (spec, rng, "tlb_entries");
  p->off = log2u (p->page);
  *reject = p->pte >= p->page ? "pte_size" : "page_size";
  if (p->va_bits <= p->off || p->pte >= p->page)
    return false;
  p->vpn_bits = p->va_bits - p->off;
  per = p->off - log2u (p->pte);        /* index bits per one-page table */
  p->levels = (p->vpn_bits + per - 1) / per;
  switch (p->ask)
    {
    case ASK_OFFSET: p->right = p->off; break;
    case ASK_VPN: p->right = p->vpn_bits; break;
    case ASK_ENTRIES:
      *reject = "va_bits";
      if (p->vpn_bits > 62)
        return false;
      p->right = 1ull << p->vpn_bits;
      break;
    case ASK_TABLE:
      *reject = "va_bits";
      if (p->vpn_bits + log2u (p->pte) > 62)
        return false;
      p->right = (1ull << p->vpn_bits) * p->pte;
      break;
    case ASK_LEVELS: p->right = p->levels; break;
    case ASK_REACH: p->right = p->tlb * p->page; break;
    }

  v->data = json_object_new_object ();
  json_object_object_add (v->data, "ask", json_object_new_string (asks[p->ask]));
  json_object_object_add (v->data, "va_bits", json_object_new_int ((int) p->va_bits));
  json_object_object_add (v->data, "page_size",
                          json_object_new_int64 ((int64_t) p->page));
  if (p->ask == ASK_TABLE || p->ask == ASK_LEVELS)
    json_object_object_add (v->data, "pte_size",
                            json_object_new_int64 ((int64_t) p->pte));
  if (p->ask == ASK_REACH)
    json_object_object_add (v->data, "tlb_entries",
                            json_object_new_int64 ((int64_t) p->tlb));
  v->answer = json_object_new_int64 ((int64_t) p->right);
  p->right_text = xasprintf ("%llu", (unsigned long long) p->right);
  v->typed = xstrdup (p->right_text);
  v->form = Q_FORM_NUMBER;

  {
    char *ps = q_size_text (p->page), *es = q_size_text (p->pte);
    if (p->ask == ASK_REACH)
      qb_printf (&b, ngettext ("Pages are %s and the TLB has %llu entry.",
                               "Pages are %s and the TLB has %llu entries.",
                               p->tlb), ps, (unsigned long long) p->tlb);
    else
      qb_printf (&b, _("Virtual addresses have %u bits and pages are %s."),
                 p->va_bits, ps);
    if (p->ask == ASK_TABLE || p->ask == ASK_LEVELS)
      qb_printf (&b, _("  A page-table entry takes %s."), es);
    free (ps);
    free (es);
  }
  qb_printf (&b, "\n");
  switch (p->ask)
    {
    case ASK_OFFSET:
      qb_printf (&b, "%s", _("How many bits of an address are the offset "
                             "in the page?"));
      break;
    case ASK_VPN:
      qb_printf (&b, "%s", _("How many bits are the virtual page number?"));
      break;
    case ASK_ENTRIES:
      qb_printf (&b, "%s", _("How many entries does a linear (one-level) "
                             "page table have?"));
      break;
    case ASK_TABLE:
      qb_printf (&b, "%s", _("How many bytes does a linear (one-level) page "
                             "table take?"));
      break;
    case ASK_LEVELS:
      qb_printf (&b, "%s", _("How many levels does the page table need if "
                             "every table must fit in one page?"));
      break;
    case ASK_REACH:
      qb_printf (&b, "%s", _("What is the TLB reach in bytes (the memory "
                             "its entries map)?"));
      break;
    }
  v->prompt = qb_take (&b);
  v->hint = xstrdup (p->ask == ASK_TABLE || p->ask == ASK_REACH
                     ? _("a number of bytes (K, M, G, KiB... allowed)")
                     : _("a number"));
  return true;
}

static void
sizes_check (const struct q_variant *v, const char *given,
             struct q_result *out)
{
  const struct q_variant_priv *p = v->priv;
  struct q_mistake m[4];
  size_t nm = 0;

  switch (p->ask)
    {
    case ASK_OFFSET:
      m[nm++] = (struct q_mistake) { (double) p->page,
        _("That is the page size; the offset needs log2 of it in bits.") };
      m[nm++] = (struct q_mistake) { (double) p->vpn_bits,
        _("Those are the page-number bits; the offset is the rest.") };
      break;
    case ASK_VPN:
      m[nm++] = (struct q_mistake) { (double) p->off,
        _("Those are the offset bits; the page number is the rest.") };
      m[nm++] = (struct q_mistake) { (double) p->va_bits,
        _("That is the whole address; take away the offset bits.") };
      break;
    case ASK_ENTRIES:
      m[nm++] = (struct q_mistake) { (double) p->vpn_bits,
        _("That is the number of page-number bits; the entries are 2 to "
          "that power.") };
      if (p->va_bits < 63)
        m[nm++] = (struct q_mistake) { (double) (1ull << p->va_bits),
          _("That counts bytes, not pages: one entry per page.") };
      break;
    case ASK_TABLE:
      m[nm++] = (struct q_mistake) { (double) (1ull << p->vpn_bits),
        _("That is the number of entries; multiply by the entry size.") };
      m[nm++] = (struct q_mistake) {
        (double) (1ull << p->vpn_bits) * (double) p->pte * 8,
        _("That is in bits; the question asks for bytes.") };
      break;
    case ASK_LEVELS:
      m[nm++] = (struct q_mistake) { (double) p->vpn_bits,
        _("That is the number of page-number bits, not levels.") };
      break;
    case ASK_REACH:
      m[nm++] = (struct q_mistake) { (double) p->tlb,
        _("That is the number of entries; each maps one page.") };
      m[nm++] = (struct q_mistake) { (double) (p->tlb * p->page) / 1024,
        _("That is in KiB; the question asks for bytes.") };
      break;
    }
  q_check_number (v, given, (double) p->right, p->right_text, m, nm, out);
}

static char *
sizes_explain (const struct q_variant *v)
{
  const struct q_variant_priv *p = v->priv;
  struct qbuf b = { 0 };
  unsigned per = p->off - log2u (p->pte);

  /* A TLB-reach question gives no address size: its worked answer is
     the product alone (it began with "page-number bits = 48 - 12", of
     addresses the question never named). */
  if (p->ask == ASK_REACH)
    {
      char *s;
      qb_printf (&b, _("\nreach = %llu entries x %llu bytes = %s bytes"),
                 (unsigned long long) p->tlb, (unsigned long long) p->page,
                 p->right_text);
      s = qb_take (&b);
      if (s[0] == '\n')
        memmove (s, s + 1, strlen (s));
      return s;
    }
  qb_printf (&b, _("offset bits = log2(%llu) = %u; page-number bits = %u - "
                   "%u = %u"),
             (unsigned long long) p->page, p->off, p->va_bits, p->off,
             p->vpn_bits);
  switch (p->ask)
    {
    case ASK_ENTRIES:
      qb_printf (&b, _("\nentries = 2^%u = %s"), p->vpn_bits, p->right_text);
      break;
    case ASK_TABLE:
      qb_printf (&b, _("\nsize = 2^%u entries x %llu bytes = %s bytes"),
                 p->vpn_bits, (unsigned long long) p->pte, p->right_text);
      break;
    case ASK_LEVELS:
      qb_printf (&b, _("\none page holds %llu / %llu = 2^%u entries, so each "
                       "level resolves %u bits; levels = ceil(%u / %u) = %u"),
                 (unsigned long long) p->page, (unsigned long long) p->pte,
                 per, per, p->vpn_bits, per, p->levels);
      break;
    case ASK_REACH:
      qb_printf (&b, _("\nreach = %llu entries x %llu bytes = %s bytes"),
                 (unsigned long long) p->tlb, (unsigned long long) p->page,
                 p->right_text);
      break;
    default:
      break;
    }
  return qb_take (&b);
}

static void
sizes_free (struct q_variant_priv *p)
{
  free (p->right_text);
  free (p);
}

const struct q_kind_ops q_sizes_ops = {
  .name = "sizes",
  .params = params,
  .generate = sizes_generate,
  .check = sizes_check,
  .explain = sizes_explain,
  .free_priv = sizes_free,
};
