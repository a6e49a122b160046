/* quiz-grade.c: `--grade`: regrade results files from the quiz file
 * alone (stored scores are ignored) into a gradebook: CSV (RFC 4180:
 * CRLF line ends, quoted fields where needed) or one JSON object per
 * line.  A file that is not plainly this quiz's, for this student, is
 * flagged, never silently graded. */
#include "system.h"

#include <math.h>

#include "util.h"
#include "quiz/quiz-modes.h"

/* Flags, fixed words so that scripts can match them (vmtutor-quiz(5)). */
#define FLAG_OTHER_QUIZ "other quiz"
#define FLAG_QUIZ_CHANGED "quiz file changed"
#define FLAG_OTHER_SEED "other seed"
#define FLAG_OTHER_GENERATOR "other generator"
#define FLAG_EDITED_VARIANT "edited variant"
#define FLAG_UNKNOWN_QUESTION "unknown question"
#define FLAG_SCORE_EDITED "score edited"
#define FLAG_DUPLICATE "duplicate student"

/* One graded file. */
struct graded
{
  const char *student;
  double score, max;
  double *q;            /* per question; NAN when unanswered */
  char flag[256];
};

static void
add_flag (struct graded *g, const char *flag)
{
  size_t len = strlen (g->flag);
  if (strstr (g->flag, flag))
    return;
  snprintf (g->flag + len, sizeof g->flag - len, "%s%s", len ? "; " : "",
            flag);
}

static bool
differs (double a, double b)
{
  return fabs (quiz_round (a) - quiz_round (b)) > 0.004;
}

/* Regrade R against Q into G. */
static bool
grade_one (const struct quiz *q, const struct results *r, struct graded *g)
{
  g->student = r->student;
  g->max = 0;
  for (size_t i = 0; i < q->n; i++)
    {
      g->q[i] = NAN;
      g->max += q->items[i].points;
    }
  g->max = quiz_round (g->max);
  if (strcmp (r->quiz, q->id) != 0)
    add_flag (g, FLAG_OTHER_QUIZ);
  else if (strcmp (r->sha256_hex, q->sha256_hex) != 0)
    add_flag (g, FLAG_QUIZ_CHANGED);
  if (r->seed != q->seed)
    add_flag (g, FLAG_OTHER_SEED);
  if (r->generator != QUESTION_GENERATOR_VERSION)
    add_flag (g, FLAG_OTHER_GENERATOR);
  if (differs (r->max, g->max))
    add_flag (g, FLAG_SCORE_EDITED);
  for (size_t i = 0; i < r->n; i++)
    {
      const struct result_answer *a = &r->answers[i];
      struct q_variant *v;
      struct q_result res;
      char *err = NULL, print[17];
      double pts;

      if (a->n > q->n)
        {
          add_flag (g, FLAG_UNKNOWN_QUESTION);
          continue;
        }
      pts = q->items[a->n - 1].points;
      v = quiz_variant (q, r->student, a->n, &err);
      if (!v)
        {
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          return false;
        }
      quiz_variant_print (v, print);
      if (a->variant[0] && strcmp (a->variant, print) != 0)
        add_flag (g, FLAG_EDITED_VARIANT);
      q_check (v, a->given, &res);
      g->q[a->n - 1] = quiz_round (res.score * pts);
      g->score += g->q[a->n - 1];
      if (differs (a->score, g->q[a->n - 1]) || differs (a->max, pts))
        add_flag (g, FLAG_SCORE_EDITED);
      q_result_free (&res);
      q_variant_free (v);
    }
  g->score = quiz_round (g->score);
  if (differs (r->score, g->score))
    add_flag (g, FLAG_SCORE_EDITED);
  return true;
}

/* Print S as an RFC 4180 field (quoted when it needs to be). */
static void
csv_field (const char *s)
{
  if (!strpbrk (s, ",\"\r\n"))
    {
      fputs (s, stdout);
      return;
    }
  putchar ('"');
  for (; *s; s++)
    {
      if (*s == '"')
        putchar ('"');
      putchar (*s);
    }
  putchar ('"');
}

static void
print_csv_header (const struct quiz *q)
{
  fputs ("student,score,max", stdout);
  for (size_t i = 1; i <= q->n; i++)
    printf (",q%zu", i);
  fputs (",flag\r\n", stdout);
}

static void
print_csv (const struct quiz *q, const struct graded *g)
{
  char b[32];

  csv_field (g->student);
  printf (",%s", quiz_format_score (g->score, b));
  printf (",%s", quiz_format_score (g->max, b));
  for (size_t i = 0; i < q->n; i++)
    printf (",%s", isnan (g->q[i]) ? "" : quiz_format_score (g->q[i], b));
  putchar (',');
  csv_field (g->flag);
  fputs ("\r\n", stdout);
}

static void
print_json (const struct quiz *q, const char *file, const struct graded *g)
{
  json_object *o = json_object_new_object ();
  json_object *qs = json_object_new_array ();
  json_object *flags = json_object_new_array ();
  char b[32];

  json_object_object_add (o, "file", json_object_new_string (file));
  json_object_object_add (o, "student", json_object_new_string (g->student));
  json_object_object_add (o, "score", json_object_new_double_s
                          (g->score, quiz_format_score (g->score, b)));
  json_object_object_add (o, "max", json_object_new_double_s
                          (g->max, quiz_format_score (g->max, b)));
  for (size_t i = 0; i < q->n; i++)
    json_object_array_add (qs, isnan (g->q[i]) ? NULL
                           : json_object_new_double_s
                             (g->q[i], quiz_format_score (g->q[i], b)));
  json_object_object_add (o, "questions", qs);
  for (const char *p = g->flag; *p;)
    {
      const char *semi = strstr (p, "; ");
      size_t len = semi ? (size_t) (semi - p) : strlen (p);
      json_object_array_add (flags, json_object_new_string_len (p, (int) len));
      p += len + (semi ? 2 : 0);
    }
  json_object_object_add (o, "flags", flags);
  puts (json_object_to_json_string_ext (o, JSON_C_TO_STRING_PLAIN
                                        | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (o);
}

int
quiz_grade (const struct quiz *q, const struct options *o)
{
  bool json = o->format == FORMAT_JSON;
  int status = 0;
  struct results **all = xcalloc ((size_t) o->nfiles, sizeof *all);
  struct graded g;

  g.q = xcalloc (q->n, sizeof *g.q);
  if (!json)
    print_csv_header (q);
  for (int i = 0; i < o->nfiles; i++)
    {
      bool missing;
      char *err = NULL;

      all[i] = results_load (o->files[i], &missing, &err);
      if (!all[i])
        {
          fflush (stdout);
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          status = 2;
          continue;
        }
      memset (g.flag, 0, sizeof g.flag);
      g.score = 0;
      if (!grade_one (q, all[i], &g))
        {
          status = 2;
          continue;
        }
      for (int j = 0; j < i; j++)
        if (all[j] && strcmp (all[j]->student, all[i]->student) == 0)
          add_flag (&g, FLAG_DUPLICATE);
      if (json)
        print_json (q, o->files[i], &g);
      else
        print_csv (q, &g);
    }
  for (int i = 0; i < o->nfiles; i++)
    results_free (all[i]);
  free (all);
  free (g.q);
  fflush (stdout);
  return status;
}
