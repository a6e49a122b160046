/* results-read.c: reading a results file back, with json-c, under
 * limits (1 MiB, nesting depth 8, 200 answers of 4096 bytes), every key
 * checked for its type and range, keys json-c would merge refused, and
 * errors at FILE:LINE:COL (json-c gives byte offsets; keys are found in
 * the text for their marks). */
#include "system.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "util.h"
#include "quiz/results.h"

struct rd
{
  const char *file, *data;
  size_t len;
  size_t answers_at;          /* offset of "answers", for item errors */
  json_object *root;          /* the parsed text, freed on errors */
  jmp_buf fail;
  char *err;
};

/* Line and column (1-based) of byte offset OFF of the data. */
static void
line_col (const struct rd *c, size_t off, unsigned *line, unsigned *col)
{
  *line = 1;
  *col = 1;
  for (size_t i = 0; i < off && i < c->len; i++)
    {
      if (c->data[i] == '\n')
        {
          ++*line;
          *col = 1;
        }
      else if (((unsigned char) c->data[i] & 0xc0) != 0x80)
        ++*col;
    }
}

/* The offset of the INDEX-th (0-based) occurrence of "KEY" used as a key
 * at or after FROM, or SIZE_MAX.  Inside a string a quote is escaped, so
 * a quote after a backslash does not start a key. */
static size_t
find_key (const struct rd *c, const char *key, size_t from, size_t index)
{
  char *pat = xasprintf ("\"%s\"", key);
  size_t plen = strlen (pat), at = SIZE_MAX;

  for (size_t i = from; i + plen <= c->len; i++)
    if (memcmp (c->data + i, pat, plen) == 0
        && (i == 0 || c->data[i - 1] != '\\'))
      {
        size_t j = i + plen;
        while (j < c->len && strchr (" \t\r\n", c->data[j]))
          j++;
        if (j < c->len && c->data[j] == ':' && index-- == 0)
          {
            at = i;
            break;
          }
      }
  free (pat);
  return at;
}

/* find_key, or FROM when there is no such key (for error marks). */
static size_t
key_offset (const struct rd *c, const char *key, size_t from, size_t index)
{
  size_t at = find_key (c, key, from, index);
  return at == SIZE_MAX ? from : at;
}

static _Noreturn void rd_fail (struct rd *c, size_t off, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
rd_fail (struct rd *c, size_t off, const char *fmt, ...)
{
  va_list ap;
  unsigned line, col;
  char *msg;

  va_start (ap, fmt);
  msg = xvasprintf (fmt, ap);
  va_end (ap);
  line_col (c, off, &line, &col);
  c->err = xasprintf ("%s:%u:%u: %s", c->file, line, col, msg);
  free (msg);
  longjmp (c->fail, 1);
}

/* The value of KEY in O with type TYPE (json_type_double accepts any
 * number).  ITEM is -1 at the top level, else the index of the answer.
 * Missing and mistyped values fail with WHAT as the expectation. */
static json_object *
need (struct rd *c, json_object *o, const char *key, json_type type,
      long item, const char *what)
{
  json_object *v;
  size_t off = item < 0 ? key_offset (c, key, 0, 0)
                        : key_offset (c, key, c->answers_at, (size_t) item);

  if (!json_object_object_get_ex (o, key, &v))
    {
      size_t at = item < 0 ? 0 : c->answers_at;
      if (item < 0)
        rd_fail (c, at, _("found no '%s'; expected %s"), key, what);
      rd_fail (c, at, _("found answer %ld without '%s'; expected %s"),
               item + 1, key, what);
    }
  if (!(json_object_is_type (v, type)
        || (type == json_type_double && json_object_is_type (v, json_type_int))))
    rd_fail (c, off, _("found a wrong type for '%s'; expected %s"), key, what);
  return v;
}

static uint64_t
need_uint (struct rd *c, json_object *o, const char *key, long item,
           uint64_t max, const char *what)
{
  json_object *v = need (c, o, key, json_type_int, item, what);
  size_t off = item < 0 ? key_offset (c, key, 0, 0)
                        : key_offset (c, key, c->answers_at, (size_t) item);
  const char *s = json_object_get_string (v);
  uint64_t x;

  if (s[0] == '-')
    rd_fail (c, off, _("found %s for '%s'; expected %s"), s, key, what);
  errno = 0;
  x = json_object_get_uint64 (v);
  if (errno || x > max)
    rd_fail (c, off, _("found %s for '%s'; expected %s"), s, key, what);
  return x;
}

static double
need_score (struct rd *c, json_object *o, const char *key, long item)
{
  json_object *v = need (c, o, key, json_type_double, item,
                         _("a number from 0 to 1000000"));
  double x = json_object_get_double (v);
  if (!(x >= 0 && x <= 1e6))
    rd_fail (c, item < 0 ? key_offset (c, key, 0, 0)
             : key_offset (c, key, c->answers_at, (size_t) item),
             _("found %s for '%s'; expected a number from 0 to 1000000"),
             json_object_get_string (v), key);
  return x;
}

/* Fail at the second use of any key that json-c would silently have
 * merged: each top-level key once, each answer key once per answer. */
static void
check_duplicates (struct rd *c, size_t answers)
{
  static const char *const once[] = {
    "format", "version", "quiz", "quiz_sha256", "seed", "generator",
    "student", "finished", "answers", NULL
  };
  static const char *const per_answer[] = {
    "n", "given", "revealed", "variant", NULL
  };
  size_t at;

  for (size_t i = 0; once[i]; i++)
    if ((at = find_key (c, once[i], 0, 1)) != SIZE_MAX)
      rd_fail (c, at, _("found the key '%s' a second time; expected each "
                        "key once"), once[i]);
  for (size_t i = 0; per_answer[i]; i++)
    if ((at = find_key (c, per_answer[i], 0, answers)) != SIZE_MAX)
      rd_fail (c, at, _("found the key '%s' a second time in an answer; "
                        "expected each key once"), per_answer[i]);
  /* score and max: once per answer and once at the top level.  */
  if ((at = find_key (c, "score", 0, answers + 1)) != SIZE_MAX
      || (at = find_key (c, "max", 0, answers + 1)) != SIZE_MAX)
    rd_fail (c, at, "%s", _("found 'score' or 'max' a second time; "
                            "expected each key once"));
}

static bool
is_hex (const char *s, size_t n)
{
  if (strlen (s) != n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!strchr ("0123456789abcdef", s[i]))
      return false;
  return true;
}

static void
read_answers (struct rd *c, struct results *r, json_object *arr)
{
  size_t n = json_object_array_length (arr);

  if (n > QUIZ_MAX_QUESTIONS)
    rd_fail (c, c->answers_at, _("found %zu answers; expected at most %d"),
             n, QUIZ_MAX_QUESTIONS);
  for (size_t i = 0; i < n; i++)
    {
      json_object *a = json_object_array_get_idx (arr, i), *v;
      const char *given, *variant = "";
      unsigned qn;
      double score, max;
      bool revealed;

      if (!json_object_is_type (a, json_type_object))
        rd_fail (c, c->answers_at, _("found answer %zu that is not an "
                                     "object; expected {\"n\": ..., "
                                     "\"given\": ...}"), i + 1);
      qn = (unsigned) need_uint (c, a, "n", (long) i, QUIZ_MAX_QUESTIONS,
                                 _("a question number from 1 to 200"));
      if (qn == 0)
        rd_fail (c, key_offset (c, "n", c->answers_at, i),
                 _("found question number 0; expected a number from 1 "
                   "to 200"));
      if (results_get (r, qn))
        rd_fail (c, key_offset (c, "n", c->answers_at, i),
                 _("found a second answer to question %u; expected one "
                   "answer per question"), qn);
      given = json_object_get_string (need (c, a, "given", json_type_string,
                                            (long) i, _("a string")));
      if (strlen (given) > RESULTS_MAX_GIVEN
          || strlen (given) != (size_t) json_object_get_string_len
             (json_object_object_get (a, "given")))
        rd_fail (c, key_offset (c, "given", c->answers_at, i),
                 _("found an answer of more than %d bytes or with a NUL "
                   "byte; expected a shorter one"), RESULTS_MAX_GIVEN);
      score = need_score (c, a, "score", (long) i);
      max = need_score (c, a, "max", (long) i);
      revealed = json_object_get_boolean
        (need (c, a, "revealed", json_type_boolean, (long) i,
               _("true or false")));
      if (json_object_object_get_ex (a, "variant", &v))
        {
          variant = json_object_get_string (v);
          if (!json_object_is_type (v, json_type_string) || !is_hex (variant, 16))
            rd_fail (c, key_offset (c, "variant", c->answers_at, i),
                     _("found a wrong 'variant'; expected 16 lowercase hex "
                       "digits"));
        }
      results_set (r, qn, given, score, max, revealed, variant);
    }
}

struct results *
results_parse (const char *file, const char *data, size_t len, char **err)
{
  struct rd *c = xcalloc (1, sizeof *c);
  struct json_tokener *tok;
  json_object *o, *v;
  struct results *r = xcalloc (1, sizeof *r);
  double score;

  *err = NULL;
  c->file = file;
  c->data = data;
  c->len = len;
  if (setjmp (c->fail))
    {
      if (c->root)
        json_object_put (c->root);
      results_free (r);
      *err = c->err;
      free (c);
      return NULL;
    }
  if (len > RESULTS_MAX_FILE)
    rd_fail (c, 0, _("found %zu bytes; expected at most %u"), len,
             RESULTS_MAX_FILE);
  {
    const char *nul = memchr (data, '\0', len);
    if (nul)
      rd_fail (c, (size_t) (nul - data), "%s",
               _("found a NUL byte; expected a results file (JSON text)"));
  }
  tok = json_tokener_new_ex (8);
  json_tokener_set_flags (tok, JSON_TOKENER_STRICT);
  o = c->root = json_tokener_parse_ex (tok, data, (int) len);
  if (!o || json_tokener_get_error (tok) != json_tokener_success)
    {
      enum json_tokener_error e = json_tokener_get_error (tok);
      size_t off = json_tokener_get_parse_end (tok);
      json_tokener_free (tok);
      if (e == json_tokener_continue)
        rd_fail (c, len, "%s", _("found the end of the file; expected the "
                                 "rest of the JSON text"));
      rd_fail (c, off ? off - 1 : 0, _("found bad JSON (%s); expected a "
                                        "results file"),
               json_tokener_error_desc (e));
    }
  {
    size_t end = json_tokener_get_parse_end (tok);
    json_tokener_free (tok);
    while (end < len && strchr (" \t\r\n", data[end]))
      end++;
    if (end < len)
      rd_fail (c, end, "%s", _("found more text after the JSON object; "
                               "expected the end of the file"));
  }
  if (!json_object_is_type (o, json_type_object))
    rd_fail (c, 0, "%s", _("found JSON that is not an object; expected a "
                           "results file ({\"format\": "
                           "\"vmtutor-results\", ...})"));
  v = need (c, o, "format", json_type_string, -1, _("\"vmtutor-results\""));
  if (strcmp (json_object_get_string (v), "vmtutor-results") != 0)
    rd_fail (c, key_offset (c, "format", 0, 0), "%s",
             _("found another format; expected \"vmtutor-results\""));
  if (need_uint (c, o, "version", -1, UINT64_MAX, _("version 1")) != 1)
    rd_fail (c, key_offset (c, "version", 0, 0), "%s",
             _("found another version; expected version 1"));
  v = need (c, o, "quiz", json_type_string, -1, _("a quiz id"));
  if (!quiz_student_ok (json_object_get_string (v)))
    rd_fail (c, key_offset (c, "quiz", 0, 0), "%s",
             _("found a bad quiz id; expected 1 to 64 letters, digits, "
               "'.', '_', '@' or '-'"));
  r->quiz = xstrdup (json_object_get_string (v));
  v = need (c, o, "quiz_sha256", json_type_string, -1,
            _("64 lowercase hex digits"));
  if (!is_hex (json_object_get_string (v), 64))
    rd_fail (c, key_offset (c, "quiz_sha256", 0, 0), "%s",
             _("found a bad 'quiz_sha256'; expected 64 lowercase hex digits"));
  memcpy (r->sha256_hex, json_object_get_string (v), 65);
  r->seed = need_uint (c, o, "seed", -1, UINT64_MAX,
                       _("a number from 0 to 2^64-1"));
  r->generator = need_uint (c, o, "generator", -1, UINT32_MAX,
                            _("a generator version"));
  v = need (c, o, "student", json_type_string, -1, _("a student id"));
  if (!quiz_student_ok (json_object_get_string (v)))
    rd_fail (c, key_offset (c, "student", 0, 0), "%s",
             _("found a bad student id; expected 1 to 64 letters, digits, "
               "'.', '_', '@' or '-', not starting with '.' or '-'"));
  r->student = xstrdup (json_object_get_string (v));
  r->finished = json_object_get_boolean
    (need (c, o, "finished", json_type_boolean, -1, _("true or false")));
  c->answers_at = key_offset (c, "answers", 0, 0);
  {
    json_object *arr;
    if (json_object_object_get_ex (o, "answers", &arr)
        && json_object_is_type (arr, json_type_array))
      check_duplicates (c, json_object_array_length (arr));
  }
  read_answers (c, r, need (c, o, "answers", json_type_array, -1,
                            _("a list of answers")));
  score = need_score (c, o, "score", -1);
  r->max = need_score (c, o, "max", -1);
  /* Keep the stored total: --grade compares it with the answers'.  */
  r->score = quiz_round (score);
  json_object_put (o);
  free (c);
  return r;
}

struct results *
results_load (const char *file, bool *missing, char **err)
{
  size_t len = 0;
  char *buf;
  struct results *r;

  struct stat st;

  *missing = stat (file, &st) != 0 && errno == ENOENT;
  buf = read_file_max (file, RESULTS_MAX_FILE, _("a results file"), &len,
                        err);
  if (!buf)
    return NULL;
  r = results_parse (file, buf, len, err);
  free (buf);
  return r;
}
