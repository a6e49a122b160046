/* replacement.c: the `replacement` kind: a reference string, a policy
 * and a frame count; asks the faults, the hits, the victim at access k,
 * the frames after access k, or the whole textbook grid.  Answers come
 * from the engine (repl-sim.c); repl-check.c grades them. */
#include "system.h"

#include "util.h"
#include "question/replacement.h"

const char *const repl_policies[NPOL + 1] = {
  "fifo", "lru", "clock", "opt", "second-chance", "mru", "lfu", "mfu", "nfu",
  "aging", "nru", "2q", "wsclock", "ws", NULL
};
const enum vm_policy repl_policy_of[] = {
  VM_POLICY_FIFO, VM_POLICY_LRU, VM_POLICY_CLOCK, VM_POLICY_OPT,
  VM_POLICY_SECOND_CHANCE, VM_POLICY_MRU, VM_POLICY_LFU, VM_POLICY_MFU,
  VM_POLICY_NFU, VM_POLICY_AGING, VM_POLICY_NRU, VM_POLICY_2Q,
  VM_POLICY_WSCLOCK, VM_POLICY_WS
};
const char *const repl_asks[] = { "faults", "hits", "victim", "frames",
                                  "grid", NULL };

static const struct qp_def params[] = {
  { "policy", QP_WORD, 0, 0, repl_policies, "fifo", false },
  { "frames", QP_INT, 1, RS_MAX_FRAMES, NULL, "3", false },
  { "length", QP_INT, 2, RS_MAX_REFS, NULL, "12", false },
  { "pages", QP_PAGES, 2, 64, NULL, "0-7", false },
  { "locality", QP_REAL, 0, 0, NULL, "0.3", false },
  { "ask", QP_WORD, 0, 0, repl_asks, "faults", false },
  { "at", QP_INT, 1, RS_MAX_REFS, NULL, NULL, false },
  { "min_evictions", QP_INT, 0, RS_MAX_REFS, NULL, "0", false },
  { "min_faults", QP_INT, 0, RS_MAX_REFS, NULL, "0", false },
  { "refs", QP_REFS, 2, RS_MAX_REFS, NULL, NULL, false },
  { "tick", QP_INT, 1, RS_MAX_REFS, NULL, "4", false },
  { "tau", QP_INT, 0, RS_MAX_REFS, NULL, "4", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

/* The rule of policy P, as a sentence or two, into B (TICK and TAU
 * where the rule has them). */
static void
rule_text (struct qbuf *b, enum vm_policy p, unsigned tick, unsigned tau)
{
  switch (p)
    {
    case VM_POLICY_FIFO:
      qb_printf (b, "%s", _("FIFO evicts the page that was loaded earliest."));
      break;
    case VM_POLICY_LRU:
      qb_printf (b, "%s", _("LRU evicts the page used least recently (every "
                            "reference counts as a use)."));
      break;
    case VM_POLICY_OPT:
      qb_printf (b, "%s", _("OPT evicts the page whose next use is farthest "
                            "in the future (a page never used again is "
                            "farthest); ties go to the lowest frame "
                            "number."));
      break;
    case VM_POLICY_CLOCK:
      qb_printf (b, "%s", _("Clock keeps one reference bit per frame, set "
                            "when a page is loaded and on every use of it; "
                            "the hand starts at frame 0.  On a fault with "
                            "no free frame, while the bit under the hand "
                            "is set, clear it and advance; then evict the "
                            "page under the hand, load the new page there "
                            "and advance the hand."));
      break;
    case VM_POLICY_SECOND_CHANCE:
      qb_printf (b, "%s", _("Second chance keeps the pages in a FIFO list "
                            "with a reference bit each, set on loading and "
                            "on every use.  On a fault with no free frame, "
                            "while the page at the head of the list (the "
                            "oldest) has its bit set, clear it and move the "
                            "page to the tail; then evict the head."));
      break;
    case VM_POLICY_MRU:
      qb_printf (b, "%s", _("MRU evicts the page used most recently."));
      break;
    case VM_POLICY_LFU:
      qb_printf (b, "%s", _("LFU evicts the page used the fewest times since "
                            "it was loaded (the reference that loaded it "
                            "counts); ties go to the page loaded "
                            "earliest."));
      break;
    case VM_POLICY_MFU:
      qb_printf (b, "%s", _("MFU evicts the page used the most times since "
                            "it was loaded (the reference that loaded it "
                            "counts); ties go to the page loaded "
                            "earliest."));
      break;
    case VM_POLICY_NFU:
      qb_printf (b, ngettext ("NFU keeps a counter per page, 0 when it is "
                              "loaded, and a reference bit, set on loading "
                              "and on every use.  After every %u reference "
                              "a clock tick (before the next reference) "
                              "adds each page's "
                              "bit to its counter and clears the bit.  The "
                              "smallest counter is evicted; ties go to the "
                              "page loaded earliest.",
                              "NFU keeps a counter per page, 0 when it is "
                              "loaded, and a reference bit, set on loading "
                              "and on every use.  After every %u references "
                              "a clock tick (before the next reference) "
                              "adds each page's "
                              "bit to its counter and clears the bit.  The "
                              "smallest counter is evicted; ties go to the "
                              "page loaded earliest.", tick), tick);
      break;
    case VM_POLICY_AGING:
      qb_printf (b, ngettext ("Aging keeps an 8-bit counter per page, 0 when "
                              "it is loaded, and a reference bit, set on "
                              "loading and on every use.  After every %u "
                              "reference a clock tick (before the next "
                              "reference) shifts each counter right one "
                              "bit, puts the "
                              "page's bit in its top bit and clears the "
                              "bit.  The smallest counter is evicted; ties "
                              "go to the page loaded earliest.",
                              "Aging keeps an 8-bit counter per page, 0 when "
                              "it is loaded, and a reference bit, set on "
                              "loading and on every use.  After every %u "
                              "references a clock tick (before the next "
                              "reference) shifts each counter right one "
                              "bit, puts the "
                              "page's bit in its top bit and clears the "
                              "bit.  The smallest counter is evicted; ties "
                              "go to the page loaded earliest.", tick),
                 tick);
      break;
    case VM_POLICY_NRU:
      qb_printf (b, ngettext ("NRU keeps a reference bit per page, set on "
                              "loading and on every use, and cleared by a "
                              "clock tick after every %u reference.  Every "
                              "reference here is a read, so a "
                              "page is of class 0 (bit clear) or 2 (bit "
                              "set); the lowest class is evicted, ties to "
                              "the lowest frame number.",
                              "NRU keeps a reference bit per page, set on "
                              "loading and on every use, and cleared by a "
                              "clock tick after every %u references.  Every "
                              "reference here is a read, so a "
                              "page is of class 0 (bit clear) or 2 (bit "
                              "set); the lowest class is evicted, ties to "
                              "the lowest frame number.", tick), tick);
      break;
    case VM_POLICY_2Q:
      qb_printf (b, "%s", _("2Q: a page loaded for the first time joins "
                            "A1in, a FIFO queue; a page loaded again while "
                            "its number is remembered in A1out joins Am, an "
                            "LRU list.  The victim is the oldest page of "
                            "A1in while A1in holds more than Kin = max(1, "
                            "frames/4) pages or Am is empty (its number then "
                            "joins A1out, a FIFO of at most max(1, "
                            "frames/2) numbers), else the least recently "
                            "used page of Am."));
      break;
    case VM_POLICY_WSCLOCK:
      qb_printf (b, _("WSClock keeps a reference bit (set on loading and on "
                      "every use) and a time stamp (the reference that "
                      "loaded the page) per frame; the hand starts at frame "
                      "0.  On a fault with no free frame the hand goes once "
                      "round: a set bit is cleared, the page stamped with "
                      "the current reference number, and the hand "
                      "advances; a page with its bit clear and stamped more "
                      "than tau = %u references ago is evicted.  After a "
                      "round without one, the first page with its bit "
                      "clear is evicted, else the page where the hand "
                      "started.  The hand stops just past the victim."),
                 tau);
      break;
    case VM_POLICY_WS:
      qb_printf (b, _("Working set with window tau = %u: before each "
                      "reference, every page last used more than %u "
                      "references earlier leaves its frame (on a hit "
                      "too).  A fault takes the lowest free frame; if "
                      "there is none, the least recently used page is "
                      "evicted."), tau, tau);
      break;
    default:
      break;
    }
}

static json_object *
page_json (int64_t p)
{
  return p == RS_EMPTY ? NULL : json_object_new_int64 (p);
}

void
repl_print_page (struct qbuf *b, int64_t p)
{
  if (p == RS_EMPTY)
    qb_printf (b, "-");
  else
    qb_printf (b, "%lld", (long long) p);
}

static bool
repl_generate (const struct q_spec *spec, struct q_rng *rng,
               struct q_variant *v, char **err, const char **reject)
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
  pv->tick = (unsigned) q_draw (spec, rng, "tick");
  pv->tau = (unsigned) q_draw (spec, rng, "tau");
  for (unsigned p = 0; p < NPOL; p++)
    rs_engine_run (repl_policy_of[p], nf, pv->tick, pv->tau, pv->refs, len,
                   &pv->run[p]);
  run = &pv->run[pv->pol];
  *reject = "min_evictions";
  if (run->evictions < q_draw (spec, rng, "min_evictions"))
    return false;
  *reject = "min_faults";
  if (run->faults < q_draw (spec, rng, "min_faults"))
    return false;
  *reject = "at";
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
            if (pv->ask == ASK_VICTIM ? run->nvict[i] == 1
                                      : run->grid[i][nf - 1] != RS_EMPTY)
              cand[nc++] = i;
          if (nc == 0 && pv->ask == ASK_FRAMES)
            cand[nc++] = len - 1;
          if (nc == 0)
            {
              *reject = "ask";
              return false;
            }
          pv->at = cand[q_rng_below (rng, nc)];
        }
      /* (ws: a reference after which two pages left has no one
         victim to ask about) */
      if (pv->ask == ASK_VICTIM && run->nvict[pv->at] != 1)
        return false;
    }

  /* data */
  v->data = json_object_new_object ();
  json_object_object_add (v->data, "policy",
                          json_object_new_string (repl_policies[pv->pol]));
  json_object_object_add (v->data, "frames", json_object_new_int (nf));
  switch (repl_policy_of[pv->pol])
    {
    case VM_POLICY_NFU: case VM_POLICY_AGING: case VM_POLICY_NRU:
      json_object_object_add (v->data, "tick", json_object_new_int
                              ((int) pv->tick));
      break;
    case VM_POLICY_WSCLOCK: case VM_POLICY_WS:
      json_object_object_add (v->data, "tau", json_object_new_int
                              ((int) pv->tau));
      break;
    default:
      break;
    }
  refs = json_object_new_array ();
  for (size_t i = 0; i < len; i++)
    json_object_array_add (refs, json_object_new_int64 (pv->refs[i]));
  json_object_object_add (v->data, "refs", refs);
  json_object_object_add (v->data, "ask",
                          json_object_new_string (repl_asks[pv->ask]));
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
          repl_print_page (&b, run->grid[pv->at][f]);
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
              repl_print_page (&b, run->grid[i][f]);
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
             nf, q_policy_title (repl_policy_of[pv->pol]));
  qb_sentence (&b, _("Frames start empty; a page that needs a frame "
                     "takes the lowest-numbered free frame."));
  qb_printf (&b, "\n");
  rule_text (&b, repl_policy_of[pv->pol], pv->tick, pv->tau);
  qb_printf (&b, "\n");
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

static char *
repl_explain (const struct q_variant *v)
{
  const struct q_variant_priv *pv = v->priv;
  const struct rs_run *run = &pv->run[pv->pol];
  struct qbuf b = { 0 };
  const char *lab_ref = _("ref"), *lab_fault = _("fault"),
             *lab_victim = _("evicts");
  int w = 3, lw = 8;
  char lab0[64];

  /* The labels' column: 8, or the widest label in the user's language. */
  snprintf (lab0, sizeof lab0, _("frame %u"), run->nf ? run->nf - 1 : 0);
  if (mbs_width (lab_ref) > lw)
    lw = mbs_width (lab_ref);
  if (mbs_width (lab_fault) > lw)
    lw = mbs_width (lab_fault);
  if (mbs_width (lab_victim) > lw)
    lw = mbs_width (lab_victim);
  if (mbs_width (lab0) > lw)
    lw = mbs_width (lab0);
  /* Columns as wide as the widest page number (at least 3). */
  for (size_t i = 0; i < run->n; i++)
    {
      int d = snprintf (NULL, 0, "%llu", (unsigned long long) pv->refs[i]);
      if (d > w)
        w = d;
    }
  qb_pad (&b, lab_ref, lw);
  for (size_t i = 0; i < run->n; i++)
    qb_printf (&b, " %*llu", w, (unsigned long long) pv->refs[i]);
  qb_printf (&b, "\n");
  for (unsigned f = 0; f < run->nf; f++)
    {
      char lab[64];
      snprintf (lab, sizeof lab, _("frame %u"), f);
      qb_pad (&b, lab, lw);
      for (size_t i = 0; i < run->n; i++)
        {
          if (run->grid[i][f] == RS_EMPTY)
            qb_printf (&b, " %*s", w, "-");
          else
            qb_printf (&b, " %*lld", w, (long long) run->grid[i][f]);
        }
      qb_printf (&b, "\n");
    }
  qb_pad (&b, lab_fault, lw);
  for (size_t i = 0; i < run->n; i++)
    qb_printf (&b, " %*s", w, run->fault[i] ? "*" : "");
  qb_printf (&b, "\n");
  qb_pad (&b, lab_victim, lw);
  for (size_t i = 0; i < run->n; i++)
    if (run->victim[i] != RS_EMPTY)
      qb_printf (&b, " %*lld", w, (long long) run->victim[i]);
    else
      qb_printf (&b, " %*s", w, "");
  qb_printf (&b, "\n");
  qb_printf (&b, ngettext ("%u fault (%u of them evictions), %u hits, "
                           "with %s.",
                           "%u faults (%u of them evictions), %u hits, "
                           "with %s.", run->faults),
             run->faults, run->evictions,
             (unsigned) run->n - run->faults,
             q_policy_title (run->policy));
  if (pv->ask == ASK_VICTIM)
    {
      size_t k = pv->at;
      qb_printf (&b, "\n");
      if (run->policy == VM_POLICY_WS && k - run->since[k] > pv->tau)
        qb_printf (&b, _("Before reference %zu (page %llu), "),
                   k + 1, (unsigned long long) pv->refs[k]);
      else
        qb_printf (&b, _("Reference %zu (page %llu) finds every frame "
                         "full; "),
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
        case VM_POLICY_CLOCK:
          qb_printf (&b, _("the hand clears the set reference bits it "
                           "passes and stops at page %lld, whose bit is "
                           "clear."),
                     (long long) run->victim[k]);
          break;
        case VM_POLICY_LFU:
        case VM_POLICY_MFU:
          qb_printf (&b, ngettext ("page %lld was used %llu time since it "
                                   "was loaded.",
                                   "page %lld was used %llu times since it "
                                   "was loaded.", run->count[k]),
                     (long long) run->victim[k],
                     (unsigned long long) run->count[k]);
          break;
        case VM_POLICY_NFU:
          qb_printf (&b, _("page %lld had the smallest counter (%llu)."),
                     (long long) run->victim[k],
                     (unsigned long long) run->count[k]);
          break;
        case VM_POLICY_AGING:
          {
            char bits[9];
            for (int i = 0; i < 8; i++)
              bits[i] = (run->count[k] >> (7 - i)) & 1 ? '1' : '0';
            bits[8] = '\0';
            qb_printf (&b, _("page %lld had the smallest counter (%s)."),
                       (long long) run->victim[k], bits);
          }
          break;
        case VM_POLICY_NRU:
          qb_printf (&b, _("page %lld was in the lowest class (%llu)."),
                     (long long) run->victim[k],
                     (unsigned long long) run->count[k]);
          break;
        case VM_POLICY_2Q:
          if (run->count[k])
            qb_printf (&b, _("page %lld was the least recently used page "
                             "of Am."), (long long) run->victim[k]);
          else
            qb_printf (&b, _("page %lld was the oldest page of A1in."),
                       (long long) run->victim[k]);
          break;
        case VM_POLICY_WS:
          if (k - run->since[k] > pv->tau)
            qb_printf (&b, _("page %lld, last used at reference %llu, left "
                             "the working set."),
                       (long long) run->victim[k],
                       (unsigned long long) run->since[k] + 1);
          else
            qb_printf (&b, _("page %lld was used least recently (reference "
                             "%llu)."),
                       (long long) run->victim[k],
                       (unsigned long long) run->since[k] + 1);
          break;
        default:
          qb_printf (&b, _("by the rule above, page %lld is evicted."),
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
};
