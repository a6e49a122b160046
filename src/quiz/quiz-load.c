/* quiz-load.c: read a quiz file (vmtutor-quiz(5)) under the YAML tree's
 * limits, check its top level, hand each question to the question
 * module, and hash what the variants depend on. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "numparse.h"
#include "util.h"
#include "quiz/quiz.h"
#include "scenario/scenario-internal.h"

static const char *const top_keys[] = {
  "quiz", "title", "seed", "mode", "reveal", "questions", NULL
};
static const char *const extra_keys[] = { "points", NULL };

bool
quiz_student_ok (const char *id)
{
  size_t n = strlen (id);

  if (n < 1 || n > QUIZ_MAX_STUDENT || id[0] == '.' || id[0] == '-')
    return false;
  for (size_t i = 0; i < n; i++)
    if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= 'A' && id[i] <= 'Z')
          || (id[i] >= '0' && id[i] <= '9') || id[i] == '.' || id[i] == '_'
          || id[i] == '@' || id[i] == '-'))
      return false;
  return true;
}

char *
quiz_results_path (const struct quiz *q, const char *student)
{
  return xasprintf ("%s-%s.results.json", q->id, student);
}

double
quiz_round (double x)
{
  return round (x * 100.0) / 100.0;
}

char *
quiz_format_score (double x, char buf[32])
{
  char *p;

  snprintf (buf, 32, "%.2f", quiz_round (x));
  p = buf + strlen (buf) - 1;
  while (*p == '0')
    *p-- = '\0';
  if (*p == '.')
    *p = '\0';
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return buf;
}

/* Points: a number greater than 0, at most QUIZ_MAX_POINTS, with at most
 * two decimals. */
static double
parse_points (struct sc_ctx *c, const struct ynode *n)
{
  char *end;
  double v;

  if (n->kind == YN_SCALAR && n->len > 0 && n->len < 16
      && strspn (n->str, "0123456789.") == n->len)
    {
      errno = 0;
      v = strtod (n->str, &end);
      if (!errno && *end == '\0' && v > 0 && v <= QUIZ_MAX_POINTS
          && fabs (quiz_round (v) - v) < 1e-9)
        return v;
    }
  sc_expected (c, n, _("points: a number greater than 0, at most 1000, "
                       "with at most two decimals"));
}

/* The top level of the quiz; questions are parsed into Q->items. */
static void
parse_top (struct sc_ctx *c, struct quiz *q, const struct ynode *root)
{
  const struct ynode *v, *qs;

  if (root->kind != YN_MAP)
    sc_expected (c, root, _("a quiz (a mapping with quiz, title, seed, "
                            "mode and questions)"));
  sc_check_map (c, root, _("the quiz"), top_keys);
  v = sc_need (c, root, "quiz", _("a quiz"));
  if (v->kind != YN_SCALAR || !quiz_student_ok (v->str))
    sc_expected (c, v, _("a quiz id: 1 to 64 letters, digits, '.', '_', "
                         "'@' or '-', not starting with '.' or '-'"));
  q->id = xstrdup (v->str);
  q->title = sc_text (c, sc_need (c, root, "title", _("a quiz")),
                      "quiz title");
  q->seed = sc_uint (c, sc_need (c, root, "seed", _("a quiz")), 0,
                     UINT64_MAX);
  v = sc_need (c, root, "mode", _("a quiz"));
  if (v->kind == YN_SCALAR && strcmp (v->str, "practice") == 0)
    q->mode = QUIZ_PRACTICE;
  else if (v->kind == YN_SCALAR && strcmp (v->str, "exam") == 0)
    q->mode = QUIZ_EXAM;
  else
    sc_expected (c, v, _("practice or exam"));
  if ((v = ynode_get (root, "reveal")))
    {
      if (v->kind == YN_SCALAR && strcmp (v->str, "never") == 0
          && q->mode == QUIZ_EXAM)
        q->reveal_never = true;
      else if (!(v->kind == YN_SCALAR && strcmp (v->str, "end") == 0
                 && q->mode == QUIZ_EXAM))
        sc_expected (c, v, q->mode == QUIZ_EXAM
                     ? _("end or never")
                     : _("no 'reveal' in a practice quiz (it reveals each "
                         "answer once given)"));
    }
  qs = sc_need (c, root, "questions", _("a quiz"));
  if (qs->kind == YN_SEQ && qs->n == 0)
    sc_fail (c, qs, "%s", _("found no questions; expected a list of 1 to "
                            "200 questions"));
  if (qs->kind != YN_SEQ || qs->n > QUIZ_MAX_QUESTIONS)
    sc_expected (c, qs, _("a list of 1 to 200 questions"));
  q->items = xcalloc (qs->n, sizeof *q->items);
  for (size_t i = 0; i < qs->n; i++)
    {
      const struct ynode *it = qs->items[i];
      char *err = NULL;

      if (it->kind != YN_MAP)
        sc_expected (c, it, _("a question (a mapping with kind, points and "
                              "the kind's parameters)"));
      q->items[i].points = parse_points (c, sc_need (c, it, "points",
                                                     _("a question")));
      q->items[i].spec = q_spec_parse (c->file, it, extra_keys, &err);
      if (!q->items[i].spec)
        {
          free (c->err);
          c->err = err;
          longjmp (c->fail, 1);
        }
      q->n = i + 1;
    }
}

void
quiz_free (struct quiz *q)
{
  if (!q)
    return;
  for (size_t i = 0; i < q->n; i++)
    q_spec_free (q->items[i].spec);
  free (q->items);
  free (q->file);
  free (q->id);
  free (q->title);
  free (q);
}

/* Hash DATA and the files the questions read into Q->sha256. */
static void
hash_quiz (struct quiz *q, const char *data, size_t len)
{
  struct sha256_ctx h;

  sha256_init (&h);
  sha256_update (&h, len, (const uint8_t *) data);
  for (size_t i = 0; i < q->n; i++)
    {
      const char *const *files = q_spec_files (q->items[i].spec);
      for (size_t j = 0; files && files[j]; j++)
        {
          char *err = NULL;
          size_t flen = 0;
          char *buf = read_file_max (files[j], YTREE_MAX_FILE,
                                      _("a scenario file"), &flen, &err);
          /* Its contents, not its name: the name depends on where the
             quiz was opened from.  The spec has read it already; a file
             gone since adds nothing.  */
          if (buf)
            sha256_update (&h, flen, (const uint8_t *) buf);
          free (buf);
          free (err);
        }
    }
  sha256_digest (&h, sizeof q->sha256, q->sha256);
  for (size_t i = 0; i < sizeof q->sha256; i++)
    snprintf (q->sha256_hex + 2 * i, 3, "%02x", q->sha256[i]);
}

struct quiz *
quiz_load_buffer (const char *file, const char *data, size_t len, char **err)
{
  struct sc_ctx *c;
  struct ynode *root;
  struct quiz *q;

  *err = NULL;
  root = ytree_parse (file, (const unsigned char *) data, len, err);
  if (!root)
    return NULL;
  /* On the heap: its fields change between setjmp and longjmp.  */
  c = xcalloc (1, sizeof *c);
  c->file = file;
  c->root = root;
  q = xcalloc (1, sizeof *q);
  q->file = xstrdup (file);
  if (setjmp (c->fail))
    {
      quiz_free (q);
      ytree_free (root);
      *err = c->err;
      free (c);
      return NULL;
    }
  parse_top (c, q, root);
  ytree_free (root);
  free (c);
  hash_quiz (q, data, len);
  return q;
}

struct quiz *
quiz_load (const char *file, char **err)
{
  size_t len = 0;
  char *buf = read_file_max (file, YTREE_MAX_FILE, _("a quiz file"), &len,
                              err);
  struct quiz *q;

  if (!buf)
    return NULL;
  q = quiz_load_buffer (file, buf, len, err);
  free (buf);
  return q;
}

bool
quiz_sniff (const char *file)
{
  size_t len = 0;
  char *err = NULL;
  char *buf = read_file_max (file, YTREE_MAX_FILE, "", &len, &err);
  struct ynode *root;
  bool yes;

  free (err);
  if (!buf)
    return false;
  root = ytree_parse (file, (const unsigned char *) buf, len, &err);
  free (buf);
  free (err);
  if (!root)
    return false;
  yes = root->kind == YN_MAP
    && (ynode_get (root, "quiz") || ynode_get (root, "questions"));
  ytree_free (root);
  return yes;
}

struct q_variant *
quiz_variant (const struct quiz *q, const char *student, unsigned n,
              char **err)
{
  uint64_t seed = q_rng_seed (q->sha256, sizeof q->sha256, q->seed, student,
                              n);
  *err = NULL;
  return q_generate (q->items[n - 1].spec, seed, err);
}

void
quiz_variant_print (const struct q_variant *v, char out[17])
{
  struct sha256_ctx h;
  uint8_t d[SHA256_DIGEST_SIZE];
  const char *s;

  sha256_init (&h);
  /* The data key by key, leaving out a scenario question's file name
     (it depends on where the quiz was opened from).  */
  if (json_object_is_type (v->data, json_type_object))
    {
      json_object_object_foreach (v->data, key, val)
        {
          if (v->kind == Q_SCENARIO && strcmp (key, "scenario") == 0)
            continue;
          s = json_object_to_json_string_ext (val, JSON_C_TO_STRING_PLAIN);
          sha256_update (&h, strlen (key) + 1, (const uint8_t *) key);
          sha256_update (&h, strlen (s) + 1, (const uint8_t *) s);
        }
    }
  s = json_object_to_json_string_ext (v->answer, JSON_C_TO_STRING_PLAIN);
  sha256_update (&h, strlen (s), (const uint8_t *) s);
  sha256_digest (&h, sizeof d, d);
  for (int i = 0; i < 8; i++)
    snprintf (out + 2 * i, 3, "%02x", d[i]);
}
