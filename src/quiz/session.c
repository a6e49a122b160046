/* session.c: a student taking a quiz: open or resume the results file,
 * make the student's variants, grade and record each answer at once. */
#include "system.h"

#include "util.h"
#include "quiz/session.h"
#include "question/words.h"

/* Check that R, read back from PATH, belongs to Q, STUDENT and the
 * variants of S.  NULL or the reason (newly allocated). */
static char *
resume_mismatch (const struct quiz_session *s, const struct results *r)
{
  const struct quiz *q = s->q;

  if (strcmp (r->quiz, q->id) != 0)
    return xasprintf (_("%s: found the results of quiz '%s'; expected "
                        "quiz '%s' (give another --results=FILE)"),
                      s->path, r->quiz, q->id);
  if (strcmp (r->student, s->student) != 0)
    return xasprintf (_("%s: found the results of student '%s'; expected "
                        "'%s' (give another --results=FILE)"),
                      s->path, r->student, s->student);
  if (strcmp (r->sha256_hex, q->sha256_hex) != 0 || r->seed != q->seed
      || r->generator != QUESTION_GENERATOR_VERSION)
    return xasprintf (_("%s: found results of another version of quiz '%s' "
                        "(its file, seed or generator changed); expected "
                        "results of this one (ask your teacher)"),
                      s->path, q->id);
  for (size_t i = 0; i < r->n; i++)
    {
      const struct result_answer *a = &r->answers[i];
      if (a->n > q->n)
        return xasprintf (_("%s: found an answer to question %u; expected "
                            "at most %zu questions"), s->path, a->n, q->n);
      if (a->variant[0] && strcmp (a->variant, s->print[a->n - 1]) != 0)
        return xasprintf (_("%s: found an answer to question %u given to "
                            "another variant; expected this student's "
                            "variant"), s->path, a->n);
    }
  return NULL;
}

struct quiz_session *
quiz_session_open (const char *quizfile, const char *student,
                   const char *results, char **err)
{
  struct quiz_session *s;
  bool missing;

  *err = NULL;
  if (!quiz_student_ok (student))
    {
      *err = xasprintf (_("invalid --student '%s' (expected 1 to 64 "
                          "letters, digits, '.', '_', '@' or '-', not "
                          "starting with '.' or '-')"), student);
      return NULL;
    }
  s = xcalloc (1, sizeof *s);
  s->student = xstrdup (student);
  s->q = quiz_load (quizfile, err);
  if (!s->q)
    goto fail;
  s->path = results ? xstrdup (results)
                    : quiz_results_path (s->q, student);
  s->v = xcalloc (s->q->n, sizeof *s->v);
  s->print = xcalloc (s->q->n, sizeof *s->print);
  for (unsigned n = 1; n <= s->q->n; n++)
    {
      s->v[n - 1] = quiz_variant (s->q, student, n, err);
      if (!s->v[n - 1])
        goto fail;
      quiz_variant_print (s->v[n - 1], s->print[n - 1]);
    }
  s->r = results_load (s->path, &missing, err);
  if (s->r)
    {
      s->resumed = true;
      if ((*err = resume_mismatch (s, s->r)))
        goto fail;
      /* Stored scores are not trusted: regrade what was given.  */
      for (size_t i = 0; i < s->r->n; i++)
        {
          struct result_answer *a = &s->r->answers[i];
          struct q_result g;
          char *given = xstrdup (a->given);
          q_check (s->v[a->n - 1], given, &g);
          results_set (s->r, a->n, given,
                       g.score * s->q->items[a->n - 1].points,
                       s->q->items[a->n - 1].points, a->revealed,
                       s->print[a->n - 1]);
          q_result_free (&g);
          free (given);
        }
    }
  else if (missing)
    {
      free (*err);
      *err = NULL;
      s->r = results_new (s->q, student);
    }
  else
    goto fail;
  if (!results_save (s->r, s->path, err))
    goto fail;
  return s;

fail:
  quiz_session_free (s);
  return NULL;
}

void
quiz_session_free (struct quiz_session *s)
{
  if (!s)
    return;
  if (s->v)
    for (size_t i = 0; i < s->q->n; i++)
      q_variant_free (s->v[i]);
  free (s->v);
  free (s->print);
  results_free (s->r);
  quiz_free (s->q);
  free (s->path);
  free (s->student);
  free (s);
}

bool
quiz_session_reveals_each (const struct quiz_session *s)
{
  return s->q->mode == QUIZ_PRACTICE;
}

bool
quiz_session_reveals_end (const struct quiz_session *s)
{
  return s->q->mode == QUIZ_EXAM && !s->q->reveal_never;
}

bool
quiz_session_answer (struct quiz_session *s, unsigned n, const char *given,
                     struct q_result *out, char **err)
{
  double points = s->q->items[n - 1].points;
  /* Answer words typed in the user's language are kept in English: the
     results file grades the same in every language.  */
  char *canon = answer_words_english (given, s->v[n - 1]->typed);
  bool ok;

  if (!quiz_answer_ok (canon))
    {
      free (canon);
      canon = xstrdup (given);
    }
  q_check (s->v[n - 1], canon, out);
  results_set (s->r, n, canon, out->score * points, points,
               quiz_session_reveals_each (s), s->print[n - 1]);
  ok = results_save (s->r, s->path, err);
  free (canon);
  return ok;
}

bool
quiz_session_finish (struct quiz_session *s, char **err)
{
  s->r->finished = true;
  if (quiz_session_reveals_end (s))
    for (size_t i = 0; i < s->r->n; i++)
      s->r->answers[i].revealed = true;
  return results_save (s->r, s->path, err);
}

bool
quiz_answer_ok (const char *text)
{
  const unsigned char *p = (const unsigned char *) text;
  size_t len = strlen (text);

  if (len > RESULTS_MAX_GIVEN)
    return false;
  while (*p)
    {
      int extra;
      unsigned cp;
      if (*p < 0x20 || *p == 0x7f)
        return false;
      if (*p < 0x80)
        {
          p++;
          continue;
        }
      if ((*p & 0xe0) == 0xc0)
        extra = 1, cp = *p & 0x1f;
      else if ((*p & 0xf0) == 0xe0)
        extra = 2, cp = *p & 0x0f;
      else if ((*p & 0xf8) == 0xf0)
        extra = 3, cp = *p & 0x07;
      else
        return false;
      p++;
      for (int i = 0; i < extra; i++, p++)
        {
          if ((*p & 0xc0) != 0x80)
            return false;
          cp = (cp << 6) | (*p & 0x3f);
        }
      if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800)
          || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff))
          || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
        return false;
    }
  return true;
}
