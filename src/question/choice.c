/* choice.c: the `choice` kind: a teacher-written multiple-choice
 * question whose choices are shuffled per variant (Fisher-Yates with the
 * variant's PRNG).  A wrong pick is explained by its `why` when given. */
#include "system.h"

#include <ctype.h>

#include "util.h"
#include "question/question-internal.h"
#include "scenario/scenario.h"

static const struct qp_def params[] = {
  { "question", QP_TEXT, 0, 0, NULL, NULL, true },
  { "correct", QP_TEXT, 0, 0, NULL, NULL, true },
  { "wrong", QP_CHOICES, 0, 0, NULL, NULL, true },
  { "explain", QP_TEXT, 0, 0, NULL, NULL, false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  size_t n;               /* choices */
  size_t right;           /* index of the correct one */
  const char **text;      /* shown order; copies, so a variant outlives
                             its spec */
  const char **why;       /* NULL for none */
  const char *explain;
};

static bool
choice_generate (const struct q_spec *spec, struct q_rng *rng,
                 struct q_variant *v, char **err, const char **reject)
{
  const struct qp_value *q = q_param (spec, "question");
  const struct qp_value *c = q_param (spec, "correct");
  const struct qp_value *w = q_param (spec, "wrong");
  const struct qp_value *e = q_param (spec, "explain");
  struct q_variant_priv *pv = xcalloc (1, sizeof *pv);
  size_t order[26];
  struct qbuf b = { 0 };
  json_object *choices;

  (void) reject;
  v->priv = pv;
  for (size_t i = 0; i < w->n; i++)
    if (strcmp (w->s[i], c->s[0]) == 0)
      {
        *err = ytree_error (spec->file, w->line, w->col,
                            _("found the correct choice among the wrong "
                              "ones; expected different texts"));
        return false;
      }
  pv->n = w->n + 1;
  pv->text = xcalloc (pv->n, sizeof *pv->text);
  pv->why = xcalloc (pv->n, sizeof *pv->why);
  /* Item 0 is the correct text, items 1.. the wrong ones.  What is shown
     is translated (scenario_text); the data keep the file's words, so
     that the fingerprint is the same in every language. */
  for (size_t i = 0; i < pv->n; i++)
    order[i] = i;
  for (size_t i = pv->n - 1; i > 0; i--)
    {
      size_t j = (size_t) q_rng_below (rng, i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (size_t i = 0; i < pv->n; i++)
    {
      size_t k = order[i];
      pv->text[i] = xstrdup (scenario_text (k == 0 ? c->s[0]
                                           : w->s[k - 1]));
      pv->why[i] = k == 0 || !w->why[k - 1] ? NULL
                   : xstrdup (scenario_text (w->why[k - 1]));
      if (k == 0)
        pv->right = i;
    }
  pv->explain = e->given ? xstrdup (scenario_text (e->s[0])) : NULL;

  v->data = json_object_new_object ();
  json_object_object_add (v->data, "question",
                          json_object_new_string (q->s[0]));
  choices = json_object_new_array ();
  for (size_t i = 0; i < pv->n; i++)
    json_object_array_add (choices, json_object_new_string
                           (order[i] == 0 ? c->s[0] : w->s[order[i] - 1]));
  json_object_object_add (v->data, "choices", choices);
  v->answer = json_object_new_string ((char[]) { (char) ('a' + pv->right),
                                                 '\0' });
  v->typed = xasprintf ("%c", (char) ('a' + pv->right));
  v->form = Q_FORM_CHOICE;
  qb_printf (&b, "%s", scenario_text (q->s[0]));
  for (size_t i = 0; i < pv->n; i++)
    qb_printf (&b, "\n%c) %s", (char) ('a' + i), pv->text[i]);
  v->prompt = qb_take (&b);
  v->hint = xasprintf (_("one letter, a to %c"), (char) ('a' + pv->n - 1));
  return true;
}

/* Choice text S without its final full stop, newly allocated: the
   sentences that quote a choice end with their own ("...victim.." was
   printed). */
static char *
unstopped (const char *s)
{
  size_t n = strlen (s);
  if (n && s[n - 1] == '.')
    n--;
  return xstrndup (s, n);
}

static void
choice_check (const struct q_variant *v, const char *given,
              struct q_result *out)
{
  const struct q_variant_priv *pv = v->priv;
  struct qbuf b = { 0 };
  size_t len = strcspn (given, " \t\r\n");
  int c = tolower ((unsigned char) given[0]);
  size_t k;

  /* "b", "B", "b)", "b." */
  if (len > 2 || (len == 2 && !strchr (").", given[1])) || c < 'a'
      || (size_t) (c - 'a') >= pv->n || given[len + strspn (given + len,
                                                             " \t\r\n")])
    {
      char exp[64];
      snprintf (exp, sizeof exp, _("one letter, a to %c"),
                (char) ('a' + pv->n - 1));
      q_result_unread (out, given, exp);
      return;
    }
  k = (size_t) (c - 'a');
  if (k == pv->right)
    {
      qb_printf (&b, _("Right: %c."), c);
      q_result_set (out, 1, &b);
      return;
    }
  char *right = unstopped (pv->text[pv->right]);
  qb_printf (&b, _("Not %c: the answer is %c) %s."), c,
             (char) ('a' + pv->right), right);
  free (right);
  if (pv->why[k])
    qb_sentence (&b, pv->why[k]);
  q_result_set (out, 0, &b);
}

static char *
choice_explain (const struct q_variant *v)
{
  const struct q_variant_priv *pv = v->priv;
  struct qbuf b = { 0 };

  char *right = unstopped (pv->text[pv->right]);
  qb_printf (&b, _("The answer is %c) %s."), (char) ('a' + pv->right),
             right);
  free (right);
  if (pv->explain)
    qb_printf (&b, "\n%s", pv->explain);
  for (size_t i = 0; i < pv->n; i++)
    if (pv->why[i])
      qb_printf (&b, "\n%c) %s", (char) ('a' + i), pv->why[i]);
  return qb_take (&b);
}

static void
choice_free (struct q_variant_priv *p)
{
  for (size_t i = 0; i < p->n; i++)
    {
      free ((char *) p->text[i]);
      free ((char *) p->why[i]);
    }
  free (p->text);
  free (p->why);
  free ((char *) p->explain);
  free (p);
}

const char *
q_choice_why (const struct q_variant *v, size_t i)
{
  const struct q_variant_priv *pv = v->priv;
  return v->kind == Q_CHOICE && pv && i < pv->n ? pv->why[i] : NULL;
}

const struct q_kind_ops q_choice_ops = {
  .name = "choice",
  .params = params,
  .generate = choice_generate,
  .check = choice_check,
  .explain = choice_explain,
  .free_priv = choice_free,
};
