/* quiz-key.c: `--key`: the variant of a student, or of N made-up
 * students, with its answers, as text for reading and paper exams or as
 * one JSON object per question and line (keys as DESIGN.md). */
#include "system.h"

#include "util.h"
#include "quiz/quiz-modes.h"
#include "question/words.h"

char *
quiz_variant_student (unsigned i)
{
  return xasprintf ("variant-%u", i);
}

/* One question of STUDENT as a JSON line. */
static void
key_json (const struct quiz *q, const char *student, unsigned n,
          const struct q_variant *v)
{
  json_object *o = json_object_new_object ();
  char pb[32];

  json_object_object_add (o, "student", json_object_new_string (student));
  json_object_object_add (o, "n", json_object_new_int ((int) n));
  json_object_object_add (o, "kind", json_object_new_string
                          (q_kind_name (q_spec_kind (q->items[n - 1].spec))));
  quiz_format_score (q->items[n - 1].points, pb);
  json_object_object_add (o, "points", json_object_new_double_s
                          (q->items[n - 1].points, pb));
  json_object_object_add (o, "prompt", json_object_new_string (v->prompt));
  json_object_object_add (o, "data", json_object_get (v->data));
  json_object_object_add (o, "answer", json_object_get (v->answer));
  json_object_object_add (o, "typed", json_object_new_string (v->typed));
  puts (json_object_to_json_string_ext (o, JSON_C_TO_STRING_PLAIN
                                        | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (o);
}

static void
key_text (const struct quiz *q, unsigned n, const struct q_variant *v)
{
  char pb[32];
  char *ex = q_explain (v);

  quiz_format_score (q->items[n - 1].points, pb);
  printf ("\n");
  printf (ngettext ("Question %u (%s, %s point)\n",
                    "Question %u (%s, %s points)\n",
                    q->items[n - 1].points == 1 ? 1 : 2), n,
          q_kind_name (q_spec_kind (q->items[n - 1].spec)), pb);
  printf ("%s\n", v->prompt);
  printf (_("Answer: %s\n"), answer_word (v->typed));
  printf ("%s\n", ex);
  free (ex);
}

/* The key of STUDENT; false (after a message) if a variant fails. */
static bool
key_student (const struct quiz *q, const char *student, bool json)
{
  if (!json)
    {
      printf (_("Answer key of %s for quiz %s: %s\n"), student, q->id,
              q->title);
    }
  for (unsigned n = 1; n <= q->n; n++)
    {
      char *err = NULL;
      struct q_variant *v = quiz_variant (q, student, n, &err);
      if (!v)
        {
          fflush (stdout);
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          return false;
        }
      if (json)
        key_json (q, student, n, v);
      else
        key_text (q, n, v);
      q_variant_free (v);
    }
  if (!json)
    printf ("\n");
  return true;
}

int
quiz_key (const struct quiz *q, const struct options *o)
{
  bool json = o->format == FORMAT_JSON;

  if (o->student)
    return key_student (q, o->student, json) ? 0 : 2;
  for (unsigned i = 1; i <= o->variants; i++)
    {
      char *id = quiz_variant_student (i);
      bool ok = key_student (q, id, json);
      free (id);
      if (!ok)
        return 2;
    }
  return 0;
}
