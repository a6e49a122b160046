/* replacement.c: the `replacement` kind: a reference string, a policy
 * and a frame count; asks the faults, the hits, the victim at access k,
 * the frames after access k, or the whole textbook grid.  Answers come
 * from the engine (repl-sim.c); the grid is graded per cell with
 * carry-forward; wrong answers that another policy gives are named. */
#include "system.h"

#include "util.h"
#include "question/repl-sim.h"

static const char *const policies[] = { "fifo", "lru", "clock", "opt", NULL };
static const enum vm_policy policy_of[] = {
  VM_POLICY_FIFO, VM_POLICY_LRU, VM_POLICY_CLOCK, VM_POLICY_OPT
};
#define NPOL 4

enum ask { ASK_FAULTS, ASK_HITS, ASK_VICTIM, ASK_FRAMES, ASK_GRID };
static const char *const asks[] = { "faults", "hits", "victim", "frames",
                                    "grid", NULL };

static const struct qp_def params[] = {
  { "policy", QP_WORD, 0, 0, policies, "fifo", false },
  { "frames", QP_INT, 1, RS_MAX_FRAMES, NULL, "3", false },
  { "length", QP_INT, 2, RS_MAX_REFS, NULL, "12", false },
  { "pages", QP_PAGES, 2, 64, NULL, "0-7", false },
  { "locality", QP_REAL, 0, 0, NULL, "0.3", false },
  { "ask", QP_WORD, 0, 0, asks, "faults", false },
  { "at", QP_INT, 1, RS_MAX_REFS, NULL, NULL, false },
  { "min_evictions", QP_INT, 0, RS_MAX_REFS, NULL, "0", false },
  { "min_faults", QP_INT, 0, RS_MAX_REFS, NULL, "0", false },
  { "refs", QP_REFS, 2, RS_MAX_REFS, NULL, NULL, false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  unsigned pol;                  /* index in policies[] */
  size_t at;                     /* 0-based access (victim, frames) */
  uint64_t refs[RS_MAX_REFS];
  struct rs_run run[NPOL];       /* every policy, for misconceptions */
};

static const char *
rule_text (enum vm_policy p)
{
  switch (p)
    {
    case VM_POLICY_FIFO:
      return _("FIFO evicts the page that was loaded earliest.");
    case VM_POLICY_LRU:
      return _("LRU evicts the page used least recently (every reference "
               "counts as a use).");
    case VM_POLICY_OPT:
      return _("OPT evicts the page whose next use is farthest in the "
               "future (a page never used again is farthest); ties go to "
               "the lowest frame number.");
    default:
      return _("Clock keeps one reference bit per frame, set when a page "
               "is loaded and on every use of it; the hand starts at frame "
               "0.  On a fault with no free frame, while the bit under the "
               "hand is set, clear it and advance; then evict the page "
               "under the hand, load the new page there and advance the "
               "hand.");
    }
}

static json_object *
page_json (int64_t p)
{
  return p == RS_EMPTY ? NULL : json_object_new_int64 (p);
}

static void
print_page (struct qbuf *b, int64_t p)
{
  if (p == RS_EMPTY)
    qb_printf (b, "-");
  else
    qb_printf (b, "%lld", (long long) p);
}

static bool
repl_generate (const struct q_spec *spec, struct q_rng *rng,
               struct q_variant *v, char **err)
{
  struct q_variant_priv *pv = xcalloc (1, sizeof *pv);
  const struct qp_value *pages = q_param (spec, "pages");
  const struct qp_value *at = q_param (spec, "at");
  const struct qp_value *fixed = q_param (spec, "refs");
  unsigned nf;
  size_t len;
  double loc;
  const struct rs_run *run;
  struct qbuf b = { 0 };
  json_object *refs;

  (void) err;
  v->priv = pv;
  pv->pol = (unsigned) q_draw (spec, rng, "policy");
  nf = (unsigned) q_draw (spec, rng, "frames");
  len = (size_t) q_draw (spec, rng, "length");
  loc = q_draw_real (spec, rng, "locality");
  pv->ask = (enum ask) q_draw (spec, rng, "ask");
  if (fixed->given)
    {
      len = fixed->n;
      memcpy (pv->refs, fixed->u, len * sizeof *pv->refs);
    }
  else
    rs_make_refs (rng, pv->refs, len, pages->lo, pages->hi, loc);
  for (unsigned p = 0; p < NPOL; p++)
    rs_engine_run (policy_of[p], nf, pv->refs, len, &pv->run[p]);
  run = &pv->run[pv->pol];
  if (run->evictions < q_draw (spec, rng, "min_evictions")
      || run->faults < q_draw (spec, rng, "min_faults"))
    return false;
  if (pv->ask == ASK_VICTIM || pv->ask == ASK_FRAMES)
    {
      if (at->given)
        {
          pv->at = (size_t) q_draw (spec, rng, "at") - 1;
          if (pv->at >= len)
            return false;
        }
      else
        {
          /* victim: an access that evicts; frames: any access after the
             frames are full, else the last. */
          size_t cand[RS_MAX_REFS], nc = 0;
          for (size_t i = 0; i < len; i++)
            if (pv->ask == ASK_VICTIM ? run->victim[i] != RS_EMPTY
                                      : run->grid[i][nf - 1] != RS_EMPTY)
              cand[nc++] = i;
          if (nc == 0 && pv->ask == ASK_FRAMES)
            cand[nc++] = len - 1;
          if (nc == 0)
            return false;
          pv->at = cand[q_rng_below (rng, nc)];
        }
      if (pv->ask == ASK_VICTIM && run->victim[pv->at] == RS_EMPTY)
        return false;
    }

  /* data */
  v->data = json_object_new_object ();
  json_object_object_add (v->data, "policy",
                          json_object_new_string (policies[pv->pol]));
  json_object_object_add (v->data, "frames", json_object_new_int (nf));
  refs = json_object_new_array ();
  for (size_t i = 0; i < len; i++)
    json_object_array_add (refs, json_object_new_int64 (pv->refs[i]));
  json_object_object_add (v->data, "refs", refs);
  json_object_object_add (v->data, "ask",
                          json_object_new_string (asks[pv->ask]));
  if (pv->ask == ASK_VICTIM || pv->ask == ASK_FRAMES)
    json_object_object_add (v->data, "at",
                            json_object_new_int ((int) pv->at + 1));

  /* answer and typed */
  switch (pv->ask)
    {
    case ASK_FAULTS:
    case ASK_HITS:
      {
        unsigned x = pv->ask == ASK_FAULTS ? run->faults
                                           : (unsigned) len - run->faults;
        v->answer = json_object_new_int ((int) x);
        v->typed = xasprintf ("%u", x);
        v->form = Q_FORM_NUMBER;
      }
      break;
    case ASK_VICTIM:
      v->answer = json_object_new_int64 (run->victim[pv->at]);
      v->typed = xasprintf ("%lld", (long long) run->victim[pv->at]);
      v->form = Q_FORM_NUMBER;
      break;
    case ASK_FRAMES:
      v->answer = json_object_new_array ();
      for (unsigned f = 0; f < nf; f++)
        {
          json_object_array_add (v->answer, page_json (run->grid[pv->at][f]));
          if (f)
            qb_printf (&b, " ");
          print_page (&b, run->grid[pv->at][f]);
        }
      v->typed = qb_take (&b);
      v->form = nf > 1 ? Q_FORM_LIST : Q_FORM_NUMBER;
      break;
    case ASK_GRID:
      v->answer = json_object_new_array ();
      for (unsigned f = 0; f < nf; f++)
        {
          json_object *row = json_object_new_array ();
          if (f)
            qb_printf (&b, "; ");
          for (size_t i = 0; i < len; i++)
            {
              json_object_array_add (row, page_json (run->grid[i][f]));
              if (i)
                qb_printf (&b, " ");
              print_page (&b, run->grid[i][f]);
            }
          json_object_array_add (v->answer, row);
        }
      v->typed = qb_take (&b);
      v->form = Q_FORM_GRID;
      break;
    }

  /* prompt */
  qb_printf (&b, _("Reference string:"));
  for (size_t i = 0; i < len; i++)
    qb_printf (&b, " %llu", (unsigned long long) pv->refs[i]);
  qb_printf (&b, "\n");
  qb_printf (&b, ngettext ("%u frame, %s replacement.",
                           "%u frames, %s replacement.", nf),
             nf, q_policy_title (policy_of[pv->pol]));
  qb_printf (&b, " %s\n", _("Frames start empty; a page that needs a frame "
                            "takes the lowest-numbered free frame."));
  qb_printf (&b, "%s\n", rule_text (policy_of[pv->pol]));
  switch (pv->ask)
    {
    case ASK_FAULTS:
      qb_printf (&b, "%s", _("How many page faults occur (loads into empty "
                             "frames included)?"));
      v->hint = xstrdup (_("a number"));
      break;
    case ASK_HITS:
      qb_printf (&b, "%s", _("How many references are hits?"));
      v->hint = xstrdup (_("a number"));
      break;
    case ASK_VICTIM:
      qb_printf (&b, _("Which page is evicted by reference %zu (page %llu)?"),
                 pv->at + 1, (unsigned long long) pv->refs[pv->at]);
      v->hint = xstrdup (_("a page number"));
      break;
    case ASK_FRAMES:
      qb_printf (&b, _("What do the frames hold after reference %zu (page "
                       "%llu)?"),
                 pv->at + 1, (unsigned long long) pv->refs[pv->at]);
      v->hint = xstrdup (_("one page per frame, frame 0 first, '-' for an "
                           "empty frame"));
      break;
    case ASK_GRID:
      qb_printf (&b, "%s", _("Fill in the grid: what each frame holds after "
                             "each reference."));
      v->hint = xstrdup (_("one row per frame (frame 0 first) separated by "
                           "';', one page per reference, '-' for empty"));
      break;
    }
  v->prompt = qb_take (&b);
  return true;
}

/* Name the other policies whose run gives the same as GIVEN does (SAME
 * says whether policy P's run does). */
static void
name_policies (struct qbuf *b, const struct q_variant_priv *pv,
               bool (*same) (const struct q_variant_priv *, unsigned,
                             const void *),
               const void *given, const char *what)
{
  for (unsigned p = 0; p < NPOL; p++)
    if (p != pv->pol && same (pv, p, given))
      {
        /* TRANSLATORS: "that is what LRU would give; this is FIFO." */
        qb_printf (b, _(" That is what %s would %s; this is %s."),
                   q_policy_title (policy_of[p]), what,
                   q_policy_title (policy_of[pv->pol]));
        return;
      }
}

static bool
same_count (const struct q_variant_priv *pv, unsigned p, const void *g)
{
  uint64_t x = *(const uint64_t *) g;
  unsigned n = (unsigned) pv->run[p].n;
  return pv->ask == ASK_FAULTS ? pv->run[p].faults == x
                               : n - pv->run[p].faults == x;
}

static bool
same_victim (const struct q_variant_priv *pv, unsigned p, const void *g)
{
  /* What P's rule would evict from this policy's own state. */
  const struct rs_run *run = &pv->run[pv->pol];
  struct rs_state s;
  bool fault;

  rs_state_init (&s, run->nf);
  for (size_t j = 0; j < pv->at; j++)
    rs_step (&s, policy_of[pv->pol], pv->refs, run->n, j, &fault);
  if (policy_of[p] == VM_POLICY_CLOCK && policy_of[pv->pol] != VM_POLICY_CLOCK)
    return false; /* no reference bits to speak of */
  return s.page[rs_victim (&s, policy_of[p], pv->refs, run->n, pv->at)]
         == *(const int64_t *) g;
}

static bool
same_frames (const struct q_variant_priv *pv, unsigned p, const void *g)
{
  const int64_t *cells = g;
  for (unsigned f = 0; f < pv->run[p].nf; f++)
    if (pv->run[p].grid[pv->at][f] != cells[f])
      return false;
  return true;
}

static bool
same_grid (const struct q_variant_priv *pv, unsigned p, const void *g)
{
  const int64_t *cells = g;
  const struct rs_run *r = &pv->run[p];
  for (unsigned f = 0; f < r->nf; f++)
    for (size_t i = 0; i < r->n; i++)
      if (r->grid[i][f] != cells[f * RS_MAX_REFS + i])
        return false;
  return true;
}

/* A cell: a page, RS_EMPTY, or -2 for unreadable. */
static int64_t
cell_of (const struct qa_item *it)
{
  if (it->type == QA_EMPTY)
    return RS_EMPTY;
  if (it->type == QA_NUM && it->u < (1u << 20))
    return (int64_t) it->u;
  return -2;
}

static void
check_count (const struct q_variant *v, const struct qa_parsed *a,
             struct q_result *out)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  uint64_t right = (uint64_t) json_object_get_int (v->answer), x;
  struct qbuf b = { 0 };

  if (a->n != 1 || a->items[0].type != QA_NUM)
    {
      q_result_unread (out, a->n ? a->items[0].w : "", _("a number"));
      return;
    }
  x = a->items[0].u;
  if (x == right)
    {
      qb_printf (&b, _("Right: %llu."), (unsigned long long) right);
      q_result_set (out, 1, &b);
      return;
    }
  qb_printf (&b, _("Not %llu: the answer is %llu."), (unsigned long long) x,
             (unsigned long long) right);
  name_policies (&b, pv, same_count, &x, _("give"));
  if (x == run->n - right)
    qb_printf (&b, " %s", pv->ask == ASK_FAULTS
                          ? _("That is the number of hits, not faults.")
                          : _("That is the number of faults, not hits."));
  else if (pv->ask == ASK_FAULTS && x == run->evictions)
    qb_printf (&b, " %s", _("That counts only the evictions: loads into "
                            "empty frames are faults too."));
  q_result_set (out, 0, &b);
}

static void
check_victim (const struct q_variant *v, const struct qa_parsed *a,
              struct q_result *out)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  int64_t right = run->victim[pv->at], x;
  struct qbuf b = { 0 };
  bool resident = false;

  if (a->n != 1 || (x = cell_of (&a->items[0])) < 0)
    {
      q_result_unread (out, a->n ? a->items[0].w : "", _("a page number"));
      return;
    }
  if (x == right)
    {
      qb_printf (&b, _("Right: page %lld."), (long long) right);
      q_result_set (out, 1, &b);
      return;
    }
  qb_printf (&b, _("Not page %lld: page %lld is evicted."), (long long) x,
             (long long) right);
  if (pv->at > 0)
    for (unsigned f = 0; f < run->nf; f++)
      resident |= run->grid[pv->at - 1][f] == x;
  if (!resident)
    qb_printf (&b, _(" Page %lld is not in memory before reference %zu."),
               (long long) x, pv->at + 1);
  else
    name_policies (&b, pv, same_victim, &x, _("evict"));
  q_result_set (out, 0, &b);
}

static void
check_frames (const struct q_variant *v, const struct qa_parsed *a,
              struct q_result *out)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  int64_t cells[RS_MAX_FRAMES];
  unsigned right = 0;
  struct qbuf b = { 0 };

  if (a->n == 0)
    {
      q_result_unread (out, "", _("one page per frame"));
      return;
    }
  for (unsigned f = 0; f < run->nf; f++)
    {
      cells[f] = f < a->n ? cell_of (&a->items[f]) : -2;
      right += cells[f] == run->grid[pv->at][f];
    }
  if (right == run->nf && a->n == run->nf)
    {
      qb_printf (&b, "%s", _("Right: every frame."));
      q_result_set (out, 1, &b);
      return;
    }
  qb_printf (&b, _("%u of %u frames right."), right, run->nf);
  for (unsigned f = 0; f < run->nf; f++)
    if (cells[f] != run->grid[pv->at][f])
      {
        qb_printf (&b, _(" Frame %u holds "), f);
        print_page (&b, run->grid[pv->at][f]);
        qb_printf (&b, ".");
      }
  if (a->n != run->nf)
    qb_printf (&b, ngettext (" Give %u page, one per frame.",
                             " Give %u pages, one per frame.", run->nf),
               run->nf);
  name_policies (&b, pv, same_frames, cells, _("hold"));
  q_result_set (out, (double) right / run->nf, &b);
}

/* The grid: one row per frame, graded per cell, each column against the
 * state the student's previous column implies (carry-forward). */
static void
check_grid (const struct q_variant *v, const struct qa_parsed *a,
            struct q_result *out)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  enum vm_policy pol = policy_of[pv->pol];
  static int64_t cells[RS_MAX_FRAMES * RS_MAX_REFS];
  struct rs_state st;
  unsigned right = 0, total = run->nf * (unsigned) run->n, shown = 0;
  bool carried = false;
  struct qbuf b = { 0 }, wrong = { 0 };

  if (a->nrows == 0)
    {
      q_result_unread (out, "", _("one row per frame"));
      return;
    }
  for (unsigned f = 0; f < run->nf; f++)
    for (size_t i = 0; i < run->n; i++)
      cells[f * RS_MAX_REFS + i]
        = f < a->nrows && i < a->lens[f]
          ? cell_of (&a->items[a->starts[f] + i]) : -2;

  rs_state_init (&st, run->nf);
  for (size_t i = 0; i < run->n; i++)
    {
      bool fault;
      rs_step (&st, pol, pv->refs, run->n, i, &fault);
      for (unsigned f = 0; f < run->nf; f++)
        carried |= st.page[f] != run->grid[i][f];
      for (unsigned f = 0; f < run->nf; f++)
        {
          int64_t c = cells[f * RS_MAX_REFS + i];
          if (c == st.page[f])
            {
              right++;
              continue;
            }
          if (shown++ < 4)
            {
              qb_printf (&wrong, _(" Frame %u after reference %zu (page "
                                   "%llu): expected "),
                         f, i + 1, (unsigned long long) pv->refs[i]);
              print_page (&wrong, st.page[f]);
              qb_printf (&wrong, ".");
            }
          if (c == -2)
            continue;
          /* Carry the student's cell forward. */
          st.page[f] = c;
          st.loaded[f] = i;
          st.ref[f] = true;
          if (pol == VM_POLICY_CLOCK && c == (int64_t) pv->refs[i])
            st.hand = (f + 1) % st.nf;
        }
    }
  if (right == total)
    {
      qb_printf (&b, "%s", _("Right: every cell of the grid."));
      free (wrong.s);
      q_result_set (out, 1, &b);
      return;
    }
  qb_printf (&b, _("%u of %u cells right."), right, total);
  if (wrong.s)
    qb_printf (&b, "%s", wrong.s);
  if (shown > 4)
    qb_printf (&b, ngettext (" (and %u more cell)", " (and %u more cells)",
                             shown - 4), shown - 4);
  if (carried)
    qb_printf (&b, " %s", _("Cells after a mistake were graded from your "
                            "own earlier columns."));
  /* A last row of fault marks, as textbooks draw, is allowed. */
  if (a->nrows != run->nf && a->nrows != run->nf + 1)
    qb_printf (&b, ngettext (" Give %u row, one per frame.",
                             " Give %u rows, one per frame.", run->nf),
               run->nf);
  name_policies (&b, pv, same_grid, cells, _("give"));
  free (wrong.s);
  q_result_set (out, (double) right / total, &b);
}

static void
repl_check (const struct q_variant *v, const char *given,
            struct q_result *out)
{
  static struct qa_parsed a;

  qa_parse (given, &a);
  switch (v->priv->ask)
    {
    case ASK_FAULTS:
    case ASK_HITS:
      check_count (v, &a, out);
      break;
    case ASK_VICTIM:
      check_victim (v, &a, out);
      break;
    case ASK_FRAMES:
      /* "1 2 3" and "1; 2; 3" are both a list. */
      if (a.nrows > 1)
        a.nrows = 1;
      check_frames (v, &a, out);
      break;
    case ASK_GRID:
      check_grid (v, &a, out);
      break;
    }
}

static char *
repl_explain (const struct q_variant *v)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  struct qbuf b = { 0 };
  const char *lab_ref = _("ref"), *lab_fault = _("fault"),
             *lab_victim = _("evicts");
  int w = 3;

  /* Columns as wide as the widest page number (at least 3). */
  for (size_t i = 0; i < run->n; i++)
    {
      int d = snprintf (NULL, 0, "%llu", (unsigned long long) pv->refs[i]);
      if (d > w)
        w = d;
    }
  qb_pad (&b, lab_ref, 8);
  for (size_t i = 0; i < run->n; i++)
    qb_printf (&b, " %*llu", w, (unsigned long long) pv->refs[i]);
  qb_printf (&b, "\n");
  for (unsigned f = 0; f < run->nf; f++)
    {
      char lab[32];
      snprintf (lab, sizeof lab, _("frame %u"), f);
      qb_pad (&b, lab, 8);
      for (size_t i = 0; i < run->n; i++)
        {
          if (run->grid[i][f] == RS_EMPTY)
            qb_printf (&b, " %*s", w, "-");
          else
            qb_printf (&b, " %*lld", w, (long long) run->grid[i][f]);
        }
      qb_printf (&b, "\n");
    }
  qb_pad (&b, lab_fault, 8);
  for (size_t i = 0; i < run->n; i++)
    qb_printf (&b, " %*s", w, run->fault[i] ? "*" : "");
  qb_printf (&b, "\n");
  qb_pad (&b, lab_victim, 8);
  for (size_t i = 0; i < run->n; i++)
    if (run->victim[i] != RS_EMPTY)
      qb_printf (&b, " %*lld", w, (long long) run->victim[i]);
    else
      qb_printf (&b, " %*s", w, "");
  qb_printf (&b, "\n");
  qb_printf (&b, _("%u faults (%u of them evictions), %u hits, with %s."),
             run->faults, run->evictions,
             (unsigned) run->n - run->faults,
             q_policy_title (run->policy));
  if (pv->ask == ASK_VICTIM)
    {
      size_t k = pv->at;
      qb_printf (&b, "\n");
      qb_printf (&b, _("Reference %zu (page %llu) finds every frame full; "),
                 k + 1, (unsigned long long) pv->refs[k]);
      switch (run->policy)
        {
        case VM_POLICY_FIFO:
          qb_printf (&b, _("page %lld was loaded earliest (reference %llu)."),
                     (long long) run->victim[k],
                     (unsigned long long) run->since[k] + 1);
          break;
        case VM_POLICY_LRU:
          qb_printf (&b, _("page %lld was used least recently (reference "
                           "%llu)."),
                     (long long) run->victim[k],
                     (unsigned long long) run->since[k] + 1);
          break;
        case VM_POLICY_OPT:
          if (run->since[k] == VM_NEVER)
            qb_printf (&b, _("page %lld is never used again."),
                       (long long) run->victim[k]);
          else
            qb_printf (&b, _("page %lld is next used farthest ahead "
                             "(reference %llu)."),
                       (long long) run->victim[k],
                       (unsigned long long) run->since[k] + 1);
          break;
        default:
          qb_printf (&b, _("the hand clears the set reference bits it "
                           "passes and stops at page %lld, whose bit is "
                           "clear."),
                     (long long) run->victim[k]);
          break;
        }
    }
  return qb_take (&b);
}

static void
repl_free (struct q_variant_priv *p)
{
  free (p);
}

const struct q_kind_ops q_replacement_ops = {
  .name = "replacement",
  .params = params,
  .generate = repl_generate,
  .check = repl_check,
  .explain = repl_explain,
  .free_priv = repl_free,
  .knob = "min_evictions, min_faults or at",
};
