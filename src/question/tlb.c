/* tlb.c: the `tlb` kind: a short sequence of addresses and a fully
 * associative TLB (entries, lru or fifo); asks the hits, the misses or
 * the hit ratio.  The engine runs the addresses with enough frames that
 * nothing is evicted, so only the TLB decides. */
#include "system.h"

#include <math.h>

#include "util.h"
#include "question/numeric.h"
#include "question/repl-sim.h"

#define TLB_MAX_LEN 40

static const char *const tlb_policies[] = { "lru", "fifo", NULL };
static const enum vm_tlb_policy tlb_policy_of[] = { VM_TLB_LRU, VM_TLB_FIFO };

enum ask { ASK_ALL, ASK_HITS, ASK_MISSES, ASK_RATIO };
static const char *const asks[] = { "all", "hits", "misses", "ratio", NULL };

static const struct qp_def params[] = {
  { "entries", QP_INT, 1, 64, NULL, "4", false },
  { "policy", QP_WORD, 0, 0, tlb_policies, "lru", false },
  { "page_size", QP_SIZE, 16, 65536, NULL, "4096", false },
  { "length", QP_INT, 1, TLB_MAX_LEN, NULL, "10", false },
  { "pages", QP_PAGES, 1, 64, NULL, "0-7", false },
  { "locality", QP_REAL, 0, 0, NULL, "0.5", false },
  { "min_hits", QP_INT, 0, TLB_MAX_LEN, NULL, "0", false },
  { "ask", QP_WORD, 0, 0, asks, "all", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  unsigned pol, entries;
  size_t n;
  uint64_t page;
  uint64_t va[TLB_MAX_LEN];
  unsigned hits, other_hits, distinct;
  unsigned same_address;  /* repeats of an exact address */
  double ratio;
  char *ratio_text;
  char *trace;          /* the worked run, for q_explain */
};

/* Run the addresses through a TLB of ENTRIES with POLICY; the hits.  With
 * TRACE, describe each access into it. */
static unsigned
run (const struct q_variant_priv *p, unsigned pol, struct qbuf *trace)
{
  struct vm_config cfg;
  struct vm *vm;
  const char *why;
  uint32_t pid;
  unsigned hits = 0, shift;

  vm_config_default (&cfg);
  cfg.page_size = p->page;
  vm_config_default_levels (&cfg);
  cfg.frames = 128;
  cfg.tlb_entries = p->entries;
  cfg.tlb_policy = tlb_policy_of[pol];
  vm = vm_new (&cfg, &why);
  if (!vm)
    die (2, "question: %s", why);
  shift = vm_page_shift (vm);
  pid = vm_proc_new (vm, "p");
  if (vm_map (vm, pid, 0, 1ull << (32 - shift),
              VM_PERM_R | VM_PERM_W | VM_PERM_U, VM_NONE, 0, 0, "all",
              &why) != 0)
    die (2, "question: %s", why);
  for (size_t i = 0; i < p->n; i++)
    {
      struct vm_event ev;
      vm_access (vm, pid, p->va[i], VM_READ, VM_NEVER, &ev);
      hits += ev.tlb == 1;
      if (trace)
        {
          qb_printf (trace, "0x%08llx  %s %-6llu ",
                     (unsigned long long) p->va[i], _("page"),
                     (unsigned long long) ev.vpn);
          int hw = mbs_width (_("hit")), mw = mbs_width (_("miss"));
          qb_pad (trace, ev.tlb == 1 ? _("hit") : _("miss"),
                  hw > mw ? (hw > 5 ? hw : 5) : (mw > 5 ? mw : 5));
          qb_printf (trace, " %s", _("TLB:"));
          for (uint32_t s = 0; s < vm_tlb_size (vm); s++)
            {
              struct vm_tlb_info ti;
              vm_tlb_info (vm, s, &ti);
              if (ti.valid)
                qb_printf (trace, " %llu", (unsigned long long) ti.vpn);
            }
          qb_printf (trace, "\n");
        }
    }
  vm_free (vm);
  return hits;
}

static bool
tlb_generate (const struct q_spec *spec, struct q_rng *rng,
              struct q_variant *v, char **err, const char **reject)
{
  struct q_variant_priv *p = xcalloc (1, sizeof *p);
  const struct qp_value *pages = q_param (spec, "pages");
  uint64_t vpns[TLB_MAX_LEN];
  double loc;
  struct qbuf b = { 0 }, t = { 0 };
  json_object *o;
  unsigned shift = 0;

  (void) err;
  v->priv = p;
  p->entries = (unsigned) q_draw (spec, rng, "entries");
  p->pol = (unsigned) q_draw (spec, rng, "policy");
  p->page = q_draw (spec, rng, "page_size");
  p->n = (size_t) q_draw (spec, rng, "length");
  loc = q_draw_real (spec, rng, "locality");
  p->ask = (enum ask) q_draw (spec, rng, "ask");
  while ((1ull << shift) < p->page)
    shift++;
  *reject = "pages";
  if (pages->hi >> (32 - shift))
    return false;
  rs_make_refs (rng, vpns, p->n, pages->lo, pages->hi, loc);
  for (size_t i = 0; i < p->n; i++)
    p->va[i] = (vpns[i] << shift) | q_rng_below (rng, p->page);
  for (size_t i = 0; i < p->n; i++)
    {
      size_t k;
      for (k = 0; k < i && vpns[k] != vpns[i]; k++)
        ;
      p->distinct += k == i;
      for (k = 0; k < i && p->va[k] != p->va[i]; k++)
        ;
      p->same_address += k < i;
    }
  p->hits = run (p, p->pol, &t);
  p->trace = qb_take (&t);
  p->other_hits = run (p, 1 - p->pol, NULL);
  *reject = "min_hits";
  if (p->hits < q_draw (spec, rng, "min_hits"))
    return false;
  p->ratio = (double) p->hits / (double) p->n;

  v->data = json_object_new_object ();
  json_object_object_add (v->data, "entries", json_object_new_int ((int) p->entries));
  json_object_object_add (v->data, "policy",
                          json_object_new_string (tlb_policies[p->pol]));
  json_object_object_add (v->data, "page_size",
                          json_object_new_int64 ((int64_t) p->page));
  o = json_object_new_array ();
  for (size_t i = 0; i < p->n; i++)
    json_object_array_add (o, json_object_new_int64 ((int64_t) p->va[i]));
  json_object_object_add (v->data, "addresses", o);
  json_object_object_add (v->data, "ask", json_object_new_string (asks[p->ask]));

  v->answer = json_object_new_object ();
  json_object_object_add (v->answer, "hits", json_object_new_int ((int) p->hits));
  json_object_object_add (v->answer, "misses",
                          json_object_new_int ((int) (p->n - p->hits)));
  json_object_object_add (v->answer, "ratio", q_json_real (p->ratio));
  p->ratio_text = q_format_real (p->ratio);
  switch (p->ask)
    {
    case ASK_ALL:
      v->typed = xasprintf ("%u %u", p->hits, (unsigned) p->n - p->hits);
      v->form = Q_FORM_LIST;
      v->hint = xstrdup (_("two numbers: the hits, then the misses"));
      break;
    case ASK_HITS:
      v->typed = xasprintf ("%u", p->hits);
      v->hint = xstrdup (_("a number"));
      break;
    case ASK_MISSES:
      v->typed = xasprintf ("%u", (unsigned) p->n - p->hits);
      v->hint = xstrdup (_("a number"));
      break;
    case ASK_RATIO:
      v->typed = xstrdup (p->ratio_text);
      v->tolerance = 0.005;
      v->hint = xstrdup (_("a decimal, a fraction such as 3/8, or a "
                           "percentage"));
      break;
    }

  {
    char *ps = q_size_text (p->page);
    qb_printf (&b, ngettext ("A TLB of %u entry (fully associative, %s "
                             "replacement) starts empty; pages are %s.",
                             "A TLB of %u entries (fully associative, %s "
                             "replacement) starts empty; pages are %s.",
                             p->entries),
               p->entries, tlb_policies[p->pol][0] == 'l' ? "LRU" : "FIFO",
               ps);
    free (ps);
  }
  qb_printf (&b, "\n%s", _("Addresses:"));
  for (size_t i = 0; i < p->n; i++)
    qb_printf (&b, " 0x%llx", (unsigned long long) p->va[i]);
  qb_printf (&b, "\n%s",
             p->ask == ASK_ALL ? _("How many TLB hits and how many misses?")
             : p->ask == ASK_HITS ? _("How many TLB hits?")
             : p->ask == ASK_MISSES ? _("How many TLB misses?")
             : _("What is the TLB hit ratio?"));
  v->prompt = qb_take (&b);
  return true;
}

/* "3 hits" and "5 misses" into H and M (N bytes each). */
static void
hits_misses (char *h, char *m, size_t n, unsigned hits, unsigned misses)
{
  snprintf (h, n, ngettext ("%u hit", "%u hits", hits), hits);
  snprintf (m, n, ngettext ("%u miss", "%u misses", misses), misses);
}

/* Why X hits (or misses, MISSES) is wrong, into B. */
static void
count_why (const struct q_variant_priv *p, uint64_t x, bool misses,
           struct qbuf *b)
{
  unsigned n = (unsigned) p->n;
  uint64_t right = misses ? n - p->hits : p->hits;
  uint64_t other = misses ? n - p->other_hits : p->other_hits;
  uint64_t big = misses ? p->distinct : n - p->distinct;

  if (x == n - right)
    qb_sentence (b, misses ? _("That counts the hits, not the misses.")
                           : _("That counts the misses, not the hits."));
  else if (x == other && other != right)
    qb_printf (b, _(" That is what a %s TLB would give; this one is %s."),
               p->pol ? "LRU" : "FIFO", p->pol ? "FIFO" : "LRU");
  else if (x == big)
    qb_sentence (b, _("That would need a TLB with room for every "
                      "page."));
  else if (x == (misses ? n - p->same_address : p->same_address))
    qb_sentence (b, _("A TLB entry maps a whole page: another address "
                      "in the same page hits too."));
}

static void
tlb_check (const struct q_variant *v, const char *given, struct q_result *out)
{
  const struct q_variant_priv *p = v->priv;
  static struct qa_parsed a;
  struct qbuf b = { 0 };
  unsigned misses = (unsigned) p->n - p->hits;

  qa_parse (given, &a);
  if (a.n == 0 || (a.items[0].type != QA_NUM && a.items[0].type != QA_REAL))
    {
      q_result_unread (out, given, p->ask == ASK_ALL ? _("two numbers")
                                                     : _("a number"));
      return;
    }
  switch (p->ask)
    {
    case ASK_ALL:
      {
        bool h = qa_is (&a.items[0], p->hits);
        bool m = a.n > 1 && qa_is (&a.items[1], misses);
        if (h && m)
          {
            char hc[64], mc[64];
            hits_misses (hc, mc, sizeof hc, p->hits, misses);
            /* TRANSLATORS: the counts "3 hits", "5 misses". */
            qb_printf (&b, _("Right: %s, %s."), hc, mc);
          }
        else
          {
            char hc[64], mc[64];
            hits_misses (hc, mc, sizeof hc, p->hits, misses);
            /* TRANSLATORS: the counts "3 hits", "5 misses". */
            qb_printf (&b, _("%d of 2 right: %s, %s."), h + m, hc, mc);
            if (!h && a.items[0].type == QA_NUM)
              count_why (p, a.items[0].u, false, &b);
            if (a.n < 2)
              qb_sentence (&b, _("Give the hits, then the misses."));
          }
        q_result_set (out, (h + m) / 2.0, &b);
      }
      return;
    case ASK_HITS:
    case ASK_MISSES:
      {
        unsigned right = p->ask == ASK_HITS ? p->hits : misses;
        if (a.n == 1 && qa_is (&a.items[0], right))
          {
            qb_printf (&b, _("Right: %u."), right);
            q_result_set (out, 1, &b);
            return;
          }
        qb_printf (&b, _("Not right: the answer is %u."), right);
        if (a.items[0].type == QA_NUM)
          count_why (p, a.items[0].u, p->ask == ASK_MISSES, &b);
        q_result_set (out, 0, &b);
      }
      return;
    case ASK_RATIO:
      {
        struct q_mistake m[2] = {
          { 1 - p->ratio, _("That is the miss ratio.") },
          { (double) p->other_hits / (double) p->n,
            p->pol ? _("That is what an LRU TLB would give; this one is "
                       "FIFO.")
                   : _("That is what a FIFO TLB would give; this one is "
                       "LRU.") },
        };
        q_check_number (v, given, p->ratio, p->ratio_text, m, 2, out);
      }
      return;
    }
}

static char *
tlb_explain (const struct q_variant *v)
{
  const struct q_variant_priv *p = v->priv;
  struct qbuf b = { 0 };

  qb_printf (&b, "%s", p->trace);
  {
    char hc[64], mc[64];
    hits_misses (hc, mc, sizeof hc, p->hits, (unsigned) p->n - p->hits);
    /* TRANSLATORS: the counts "3 hits", "5 misses", then the ratio. */
    qb_printf (&b, _("\n%s, %s; hit ratio %u/%zu = %s."), hc, mc, p->hits,
               p->n, p->ratio_text);
  }
  return qb_take (&b);
}

static void
tlb_free (struct q_variant_priv *p)
{
  free (p->ratio_text);
  free (p->trace);
  free (p);
}

const struct q_kind_ops q_tlb_ops = {
  .name = "tlb",
  .params = params,
  .generate = tlb_generate,
  .check = tlb_check,
  .explain = tlb_explain,
  .free_priv = tlb_free,
};
