/* scenario-lesson.c: the loader's part of lessons: the top-level
 * `lesson:` block and the `page:` and `predict:` steps (see
 * scenario-lesson.h and vmtutor-scenario(5), "Lessons"). */
#include "system.h"

#include <ctype.h>

#include "util.h"
#include "scenario/scenario-internal.h"
#include "scenario/scenario-lesson.h"

#define SC_MAX_ID 64

static const char *const what_names[PREDICT_COUNT + 1] = {
  "result", "tlb", "victim", "frame", "paddr", "indices", "faults",
  "choice", NULL
};

static const char *const lesson_keys[] = { "name", "minutes", NULL };
static const char *const predict_keys[] = {
  "id", "what", "accesses", "question", "hint", "why", "choices", "answer",
  NULL
};

const char *
sc_predict_name (enum sc_predict_what what)
{
  return what < PREDICT_COUNT ? what_names[what] : "?";
}

const struct sc_lesson *
scenario_lesson (const struct scenario *sc)
{
  return sc->lesson;
}

const struct sc_predict **
scenario_checkpoints (const struct scenario *sc, size_t *n)
{
  const struct sc_predict **v;
  size_t k = 0;

  v = xcalloc (sc->nsteps + 1, sizeof *v);
  for (size_t i = 0; i < sc->nsteps; i++)
    if (sc->steps[i].kind == ST_PREDICT)
      v[k++] = sc->steps[i].predict;
  *n = k;
  return v;
}

void
sc_parse_lesson (struct sc_ctx *c, const struct ynode *n)
{
  struct sc_lesson *l;
  const struct ynode *v;

  sc_check_map (c, n, "lesson", lesson_keys);
  l = xcalloc (1, sizeof *l);
  c->sc->lesson = l;
  if ((v = ynode_get (n, "name")))
    l->name = xstrdup (sc_name (c, v));
  l->minutes = (unsigned) sc_uint (c, sc_need (c, n, "minutes", "lesson"),
                                   1, 600);
}

void
sc_lesson_free (struct sc_lesson *l)
{
  if (!l)
    return;
  free (l->name);
  free (l);
}

void
sc_parse_page (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  s->text = xstrdup (sc_string (c, n));
  if (!s->text[0])
    sc_expected (c, n, _("a page of text"));
}

/* An id: letters, digits, '-' and '_', at most SC_MAX_ID bytes. */
static char *
parse_id (struct sc_ctx *c, const struct ynode *n)
{
  const char *s = sc_string (c, n);
  size_t len = strlen (s);

  if (len == 0 || len > SC_MAX_ID)
    sc_expected (c, n, _("an id of 1 to 64 letters, digits, '-' or '_'"));
  for (size_t i = 0; i < len; i++)
    if (!(isalnum ((unsigned char) s[i]) || s[i] == '-' || s[i] == '_'))
      sc_expected (c, n, _("an id of 1 to 64 letters, digits, '-' or '_'"));
  return xstrdup (s);
}

void
sc_parse_predict (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  struct sc_predict *p;
  const struct ynode *v;
  const char *w;
  size_t k;

  sc_check_map (c, n, "predict", predict_keys);
  p = xcalloc (1, sizeof *p);
  s->predict = p;
  p->line = s->mark.line;
  p->answer = -1;
  p->id = parse_id (c, sc_need (c, n, "id", "predict"));
  v = sc_need (c, n, "what", "predict");
  w = sc_string (c, v);
  for (k = 0; what_names[k]; k++)
    if (strcmp (w, what_names[k]) == 0)
      break;
  if (!what_names[k])
    {
      const char *near = sc_nearest (w, what_names);
      if (near)
        sc_fail (c, v, _("found '%s'; expected result, tlb, victim, frame, "
                         "paddr, indices, faults or choice (did you mean "
                         "'%s'?)"), w, near);
      sc_expected (c, v, _("result, tlb, victim, frame, paddr, indices, "
                           "faults or choice"));
    }
  p->what = (enum sc_predict_what) k;
  if ((v = ynode_get (n, "accesses")))
    {
      if (p->what != PREDICT_FAULTS)
        sc_expected (c, v, _("'accesses' only with 'what: faults'"));
      p->accesses = sc_uint (c, v, 1, 1000000);
    }
  else if (p->what == PREDICT_FAULTS)
    sc_need (c, n, "accesses", "predict");
  if ((v = ynode_get (n, "question")))
    p->question = xstrdup (sc_string (c, v));
  if ((v = ynode_get (n, "hint")))
    p->hint = xstrdup (sc_string (c, v));
  if ((v = ynode_get (n, "why")))
    p->why = xstrdup (sc_string (c, v));
  if (p->what == PREDICT_CHOICE)
    {
      const struct ynode *ch;
      if (!p->question)
        sc_need (c, n, "question", "predict");
      ch = sc_need (c, n, "choices", "predict");
      if (ch->kind != YN_SEQ || ch->n < 2 || ch->n > 26)
        sc_expected (c, ch, _("a list of 2 to 26 choices"));
      p->choices = xcalloc (ch->n, sizeof *p->choices);
      for (size_t i = 0; i < ch->n; i++)
        {
          p->choices[i] = xstrdup (sc_string (c, ch->items[i]));
          p->nchoices = i + 1;
        }
      v = sc_need (c, n, "answer", "predict");
      if (v->kind == YN_SCALAR)
        for (size_t i = 0; i < p->nchoices; i++)
          if (strcmp (v->str, p->choices[i]) == 0)
            p->answer = (int) i;
      if (p->answer < 0)
        p->answer = (int) sc_uint (c, v, 1, p->nchoices) - 1;
    }
  else
    {
      if ((v = ynode_get (n, "choices")))
        sc_expected (c, v, _("no choices (the engine computes the answer; "
                             "choices go with 'what: choice')"));
      if ((v = ynode_get (n, "answer")))
        sc_expected (c, v, _("no answer (the engine computes it by running "
                             "ahead; answers go with 'what: choice')"));
    }
}

void
sc_predict_free (struct sc_predict *p)
{
  if (!p)
    return;
  free (p->id);
  free (p->question);
  free (p->hint);
  free (p->why);
  for (size_t i = 0; i < p->nchoices; i++)
    free (p->choices[i]);
  free (p->choices);
  free (p);
}

void
sc_lesson_finish (struct sc_ctx *c, const struct ynode *steps)
{
  struct scenario *sc = c->sc;

  for (size_t i = 0; i < sc->nsteps; i++)
    {
      if (sc->steps[i].kind != ST_PREDICT)
        continue;
      for (size_t j = 0; j < i; j++)
        if (sc->steps[j].kind == ST_PREDICT
            && strcmp (sc->steps[j].predict->id,
                       sc->steps[i].predict->id) == 0)
          sc_fail (c, steps->items[i],
                   _("found checkpoint id '%s' a second time (first at "
                     "line %u); expected ids that differ"),
                   sc->steps[i].predict->id, sc->steps[j].mark.line);
    }
}
