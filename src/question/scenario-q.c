/* scenario-q.c: the `scenario` kind: a scenario file and one access in
 * it; asks the result, the victim, the frame, the physical address or
 * the value a read returns (DESIGN.md "Values").
 * The scenario engine runs the scenario up to that access; the
 * narration of the access is the worked answer. */
#include "system.h"

#include "util.h"
#include "narrate/narrate.h"
#include "question/question-internal.h"
#include "question/words.h"

enum ask { ASK_RESULT, ASK_VICTIM, ASK_FRAME, ASK_PA, ASK_VALUE };
static const char *const asks[] = { "result", "victim", "frame", "pa",
                                    "value", NULL };

static const struct qp_def params[] = {
  { "file", QP_FILE, 0, 0, NULL, NULL, true },
  { "at", QP_INT, 1, 10000000, NULL, NULL, false },
  { "ask", QP_WORD, 0, 0, asks, "result", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  uint64_t at;               /* 1-based access number */
  struct vm_event ev;
  char *proc;
  char *narration;
};

/* Does access EV count for ASK (victim: it evicts; frame: it has one)? */
static bool
candidate (enum ask ask, const struct vm_event *ev)
{
  switch (ask)
    {
    case ASK_VICTIM: return ev->evicted;
    case ASK_FRAME: return ev->frame != VM_NONE;
    case ASK_VALUE: return ev->op != VM_WRITE && ev->frame != VM_NONE;
    default: return true;
    }
}

/* Run SC; stop at the K-th (1-based) access that is a candidate for ASK
 * (or, with BY_NUMBER, the K-th access) and fill P; return the number of
 * candidates seen (all of them when K is 0). */
static uint64_t
walk (const struct scenario *sc, enum ask ask, uint64_t k, bool by_number,
      struct q_variant_priv *p, char **err)
{
  struct run *r = run_new (sc, NULL, NULL, err);
  struct tick t;
  uint64_t seen = 0, accesses = 0;

  if (!r)
    return 0;
  while (run_next (r, &t))
    {
      if (t.kind != TICK_ACCESS)
        continue;
      accesses++;
      if (!by_number && !candidate (ask, &t.ev))
        continue;
      seen++;
      if (k && (by_number ? accesses : seen) == k)
        {
          p->ev = t.ev;
          p->at = accesses;
          p->proc = xstrdup (narrate_proc (run_vm (r), t.ev.pid));
          p->narration = narrate_access (run_vm (r), &t.ev, false);
          break;
        }
    }
  run_free (r);
  return by_number ? accesses : seen;
}

static bool
sq_generate (const struct q_spec *spec, struct q_rng *rng,
             struct q_variant *v, char **err, const char **reject)
{
  struct q_variant_priv *p = xcalloc (1, sizeof *p);
  const struct qp_value *file = q_param (spec, "file");
  const struct qp_value *at = q_param (spec, "at");
  const struct scenario *sc = file->sc;
  struct qbuf b = { 0 };
  uint64_t k, n;
  const char *op;

  (void) reject;
  v->priv = p;
  p->ask = (enum ask) q_draw (spec, rng, "ask");
  if (at->given)
    {
      k = q_draw (spec, rng, "at");
      n = walk (sc, p->ask, k, true, p, err);
      if (*err)
        return false;
      if (n < k)
        {
          *err = ytree_error (spec->file, at->line, at->col,
                              _("found access %llu; expected at most %llu "
                                "(the accesses of %s)"),
                              (unsigned long long) k, (unsigned long long) n,
                              file->s[0]);
          return false;
        }
    }
  else
    {
      n = walk (sc, p->ask, 0, false, p, err);
      if (*err)
        return false;
      if (n == 0)
        {
          *err = ytree_error (spec->file, file->line, file->col,
                              _("found no access in %s to ask '%s' about"),
                              file->s[0], asks[p->ask]);
          return false;
        }
      walk (sc, p->ask, 1 + q_rng_below (rng, n), false, p, err);
    }

  v->data = json_object_new_object ();
  json_object_object_add (v->data, "scenario",
                          json_object_new_string (file->s[0]));
  json_object_object_add (v->data, "title",
                          json_object_new_string
                          (scenario_title_written (sc)));
  json_object_object_add (v->data, "at", json_object_new_int64 ((int64_t) p->at));
  json_object_object_add (v->data, "process", json_object_new_string (p->proc));
  op = p->ev.op == VM_WRITE ? "write" : p->ev.op == VM_EXEC ? "exec" : "read";
  json_object_object_add (v->data, "op", json_object_new_string (op));
  json_object_object_add (v->data, "va", json_object_new_uint64 (p->ev.va));
  json_object_object_add (v->data, "ask", json_object_new_string (asks[p->ask]));

  switch (p->ask)
    {
    case ASK_RESULT:
      v->typed = xstrdup (vm_result_name (p->ev.result));
      v->answer = json_object_new_string (v->typed);
      v->form = Q_FORM_WORD;
      v->hint = xstrdup (_("one of hit, minor, major, cow, segv, oom"));
      break;
    case ASK_VICTIM:
      if (p->ev.evicted)
        {
          v->typed = xasprintf ("%llu", (unsigned long long) p->ev.victim_vpn);
          v->answer = json_object_new_uint64 (p->ev.victim_vpn);
        }
      else
        {
          v->typed = xstrdup ("none");
          v->answer = json_object_new_string ("none");
        }
      v->form = Q_FORM_NUMBER;
      v->hint = xstrdup (_("a virtual page number, or \"none\""));
      break;
    case ASK_FRAME:
      if (p->ev.frame != VM_NONE)
        {
          v->typed = xasprintf ("%u", p->ev.frame);
          v->answer = json_object_new_int64 (p->ev.frame);
        }
      else
        {
          v->typed = xstrdup ("none");
          v->answer = json_object_new_string ("none");
        }
      v->form = Q_FORM_NUMBER;
      v->hint = xstrdup (_("a frame number, or \"none\""));
      break;
    case ASK_PA:
      if (p->ev.pa != VM_NEVER)
        {
          v->typed = xasprintf ("0x%llx", (unsigned long long) p->ev.pa);
          v->answer = json_object_new_uint64 (p->ev.pa);
        }
      else
        {
          v->typed = xstrdup ("fault");
          v->answer = json_object_new_string ("fault");
        }
      v->form = Q_FORM_HEX;
      v->hint = xstrdup (_("a number, decimal or 0x-hex, or \"fault\""));
      break;
    case ASK_VALUE:
      /* memory never written reads 0; a string is answered bare */
      if (p->ev.frame == VM_NONE)
        {
          v->typed = xstrdup ("fault");
          v->answer = json_object_new_string ("fault");
        }
      else if (p->ev.has_value && p->ev.value.str)
        {
          char s[9];
          unsigned j = 0;
          for (; j < 8 && (p->ev.value.value >> (8 * j)); j++)
            s[j] = (char) (p->ev.value.value >> (8 * j));
          s[j] = 0;
          v->typed = xstrdup (s);
          v->answer = json_object_new_string (s);
        }
      else
        {
          uint64_t x = p->ev.has_value ? p->ev.value.value : 0;
          v->typed = xasprintf ("%llu", (unsigned long long) x);
          v->answer = json_object_new_uint64 (x);
        }
      v->form = Q_FORM_WORD;
      v->hint = xstrdup (_("a number, or the text that was written"));
      break;
    }

  qb_printf (&b, _("Scenario \"%s\" (%s)."), scenario_title (sc),
             file->s[0]);
  qb_printf (&b, "\n");
  qb_printf (&b, p->ev.op == VM_WRITE
                 ? _("Access %llu: process %s writes address 0x%llx.")
                 : p->ev.op == VM_EXEC
                 ? _("Access %llu: process %s executes at address 0x%llx.")
                 : _("Access %llu: process %s reads address 0x%llx."),
             (unsigned long long) p->at, p->proc,
             (unsigned long long) p->ev.va);
  qb_printf (&b, "\n%s",
             p->ask == ASK_RESULT
             ? _("What is its result: hit, minor, major, cow (copy-on-write), "
                 "segv or oom?")
             : p->ask == ASK_VICTIM
             ? _("Which virtual page does it evict (or \"none\")?")
             : p->ask == ASK_FRAME
             ? _("Which frame holds the page after it (or \"none\")?")
             : p->ask == ASK_VALUE
             ? _("What value does this read return?")
             : _("What physical address does it reach (or \"fault\")?"));
  v->prompt = qb_take (&b);
  return true;
}

static void
sq_check (const struct q_variant *v, const char *given, struct q_result *out)
{
  const struct q_variant_priv *p = v->priv;
  static struct qa_parsed a;
  struct qbuf b = { 0 };
  const struct qa_item *it = NULL;
  bool ok;

  if (p->ask == ASK_VALUE && p->ev.has_value && p->ev.value.str)
    {
      /* a string: the text, with or without quotes, exactly */
      size_t n;
      while (*given == ' ' || *given == '\t')
        given++;
      n = strlen (given);
      while (n && (given[n - 1] == ' ' || given[n - 1] == '\t'
                   || given[n - 1] == '\n'))
        n--;
      if (n >= 2 && (given[0] == '"' || given[0] == '\'')
          && given[n - 1] == given[0])
        given++, n -= 2;
      ok = n == strlen (v->typed) && memcmp (given, v->typed, n) == 0;
      goto judged;
    }
  qa_parse (given, &a);
  if (a.n != 1 || (a.items[0].type != QA_NUM && a.items[0].type != QA_WORD))
    {
      q_result_unread (out, given, v->hint);
      return;
    }
  it = &a.items[0];
  if (p->ask == ASK_RESULT)
    ok = qa_is_word (it, v->typed);
  else if (strcmp (v->typed, "none") == 0 || strcmp (v->typed, "fault") == 0)
    ok = qa_is_word (it, v->typed);
  else if (p->ask == ASK_VICTIM)
    ok = qa_is (it, p->ev.victim_vpn);
  else if (p->ask == ASK_FRAME)
    ok = qa_is (it, p->ev.frame);
  else if (p->ask == ASK_VALUE)
    ok = qa_is (it, p->ev.has_value ? p->ev.value.value : 0);
  else
    ok = qa_is (it, p->ev.pa);
judged:
  if (ok)
    {
      qb_printf (&b, _("Right: %s."), answer_word (v->typed));
      q_result_set (out, 1, &b);
      return;
    }
  qb_printf (&b, _("Not right: the answer is %s."),
              answer_word (v->typed));
  if (p->ask == ASK_RESULT)
    {
      if (qa_is_word (it, "major") && p->ev.result == VM_MINOR)
        qb_sentence (&b, _("Nothing is read from disk: the page is "
                           "zero-filled or already in memory, a minor "
                           "fault."));
      else if (qa_is_word (it, "minor") && p->ev.result == VM_MAJOR)
        qb_sentence (&b, _("The page is read from swap or from a file: "
                           "a major fault."));
      else if (qa_is_word (it, "hit") && p->ev.result != VM_SEGV)
        qb_sentence (&b, _("The page is not present in memory at that "
                           "point."));
      else if (qa_is_word (it, "minor") && p->ev.result == VM_COW)
        qb_sentence (&b, _("A write to a shared copy-on-write page is "
                           "its own kind of fault: cow."));
    }
  else if (p->ask == ASK_VICTIM && p->ev.evicted
           && qa_is (it, p->ev.vpn))
    qb_sentence (&b, _("That is the page being loaded, not the one "
                       "evicted."));
  qb_printf (&b, "\n%s", p->narration);
  q_result_set (out, 0, &b);
}

static char *
sq_explain (const struct q_variant *v)
{
  return xstrdup (v->priv->narration);
}

static void
sq_free (struct q_variant_priv *p)
{
  free (p->proc);
  free (p->narration);
  free (p);
}

const struct q_kind_ops q_scenario_ops = {
  .name = "scenario",
  .params = params,
  .generate = sq_generate,
  .check = sq_check,
  .explain = sq_explain,
  .free_priv = sq_free,
};
