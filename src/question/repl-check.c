/* repl-check.c: grading `replacement` answers: counts, the victim, the
 * frames after an access, and the grid per cell with carry-forward (a
 * cell is graded against the state the student's own previous column
 * implies).  A wrong answer that another policy gives is named. */
#include "system.h"

#include "util.h"
#include "question/replacement.h"

/* What another policy's answer was. */
enum verb { GIVE, EVICT, HOLD };

/* Name the first other policy whose run gives the same as GIVEN does
 * (SAME says whether policy P's run does). */
static void
name_policies (struct qbuf *b, const struct q_variant_priv *pv,
               bool (*same) (const struct q_variant_priv *, unsigned,
                             const void *),
               const void *given, enum verb verb)
{
  for (unsigned p = 0; p < NPOL; p++)
    if (p != pv->pol && same (pv, p, given))
      {
        const char *other = q_policy_title (repl_policy_of[p]);
        const char *this = q_policy_title (repl_policy_of[pv->pol]);
        /* TRANSLATORS: the first %s is another policy, the second this
           question's ("That is what LRU would evict; this is FIFO."). */
        if (verb == EVICT)
          qb_printf (b, _(" That is what %s would evict; this is %s."),
                     other, this);
        else if (verb == HOLD)
          qb_printf (b, _(" That is what %s would hold; this is %s."),
                     other, this);
        else
          qb_printf (b, _(" That is what %s would give; this is %s."),
                     other, this);
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

  if (pv->pol >= NPOL_MODEL || p >= NPOL_MODEL)
    {
      /* No one-step model: P's run, if it reached the same frames and
         the same fault, evicts from the same state. */
      const struct rs_run *o = &pv->run[p];
      for (size_t j = 0; j < pv->at; j++)
        for (unsigned f = 0; f < run->nf; f++)
          if (o->grid[j][f] != run->grid[j][f])
            return false;
      return o->nvict[pv->at] == 1 && o->victim[pv->at] == *(const int64_t *) g;
    }
  rs_state_init (&s, run->nf);
  for (size_t j = 0; j < pv->at; j++)
    rs_step (&s, repl_policy_of[pv->pol], pv->refs, run->n, j, &fault);
  if (repl_policy_of[p] == VM_POLICY_CLOCK && repl_policy_of[pv->pol] != VM_POLICY_CLOCK)
    return false; /* no reference bits to speak of */
  return s.page[rs_victim (&s, repl_policy_of[p], pv->refs, run->n, pv->at)]
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
  name_policies (&b, pv, same_count, &x, GIVE);
  if (x == run->n - right)
    qb_sentence (&b, pv->ask == ASK_FAULTS
                     ? _("That is the number of hits, not faults.")
                     : _("That is the number of faults, not hits."));
  else if (pv->ask == ASK_FAULTS && x == run->evictions)
    qb_sentence (&b, _("That counts only the evictions: loads into "
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
    name_policies (&b, pv, same_victim, &x, EVICT);
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
  qb_printf (&b, ngettext ("%u of %u frame right.", "%u of %u frames right.",
                           run->nf), right, run->nf);
  for (unsigned f = 0; f < run->nf; f++)
    if (cells[f] != run->grid[pv->at][f])
      {
        struct qbuf pg = { 0 };
        repl_print_page (&pg, run->grid[pv->at][f]);
        char *page = qb_take (&pg);
        /* TRANSLATORS: %2$s is a page number, or "-" for an empty
           frame. */
        qb_printf (&b, _(" Frame %u holds %s."), f, page);
        free (page);
      }
  if (a->n != run->nf)
    qb_printf (&b, ngettext (" Give %u page, one per frame.",
                             " Give %u pages, one per frame.", run->nf),
               run->nf);
  name_policies (&b, pv, same_frames, cells, HOLD);
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
  enum vm_policy pol = repl_policy_of[pv->pol];
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
      struct rs_state prev = st;
      rs_step (&st, pol, pv->refs, run->n, i, &fault);
      if (pv->pol >= NPOL_MODEL)
        {
          /* The policies of policy-more.c carry counters, lists and
             queues a column does not show: each cell is graded against
             the engine's grid. */
          for (unsigned f = 0; f < run->nf; f++)
            st.page[f] = run->grid[i][f];
          prev = st;
        }
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
              struct qbuf pg = { 0 };
              repl_print_page (&pg, st.page[f]);
              char *page = qb_take (&pg);
              /* TRANSLATORS: %4$s is a page number, or "-" for an
                 empty frame. */
              qb_printf (&wrong, _(" Frame %u after reference %zu (page "
                                   "%llu): expected %s."),
                         f, i + 1, (unsigned long long) pv->refs[i], page);
              free (page);
            }
          if (c == -2)
            continue;
          /* Carry the student's cell forward: a page they kept keeps its
             load time (its clock bit was clear, or it would not have
             been the victim); any other page was loaded now. */
          st.page[f] = c;
          if (c == prev.page[f])
            {
              st.loaded[f] = prev.loaded[f];
              st.ref[f] = false;
            }
          else
            {
              st.loaded[f] = i;
              st.ref[f] = true;
              if (pol == VM_POLICY_CLOCK && c == (int64_t) pv->refs[i])
                st.hand = (f + 1) % st.nf;
            }
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
    qb_sentence (&b, _("Cells after a mistake were graded from your "
                       "own earlier columns."));
  /* A last row of fault marks, as textbooks draw, is allowed. */
  if (a->nrows != run->nf && a->nrows != run->nf + 1)
    qb_printf (&b, ngettext (" Give %u row, one per frame.",
                             " Give %u rows, one per frame.", run->nf),
               run->nf);
  name_policies (&b, pv, same_grid, cells, GIVE);
  free (wrong.s);
  q_result_set (out, (double) right / total, &b);
}

void
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
