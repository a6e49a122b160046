/* results.c: the results file in memory and on disk: answers set and
 * totalled, the JSON built with json-c and written atomically (temporary
 * file, fsync, rename, fsync of the directory).  Reading it back is
 * results-read.c's. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "util.h"
#include "quiz/results.h"

struct results *
results_new (const struct quiz *q, const char *student)
{
  struct results *r = xcalloc (1, sizeof *r);

  r->quiz = xstrdup (q->id);
  memcpy (r->sha256_hex, q->sha256_hex, sizeof r->sha256_hex);
  r->seed = q->seed;
  r->generator = QUESTION_GENERATOR_VERSION;
  r->student = xstrdup (student);
  for (size_t i = 0; i < q->n; i++)
    r->max += q->items[i].points;
  r->max = quiz_round (r->max);
  return r;
}

void
results_free (struct results *r)
{
  if (!r)
    return;
  for (size_t i = 0; i < r->n; i++)
    free (r->answers[i].given);
  free (r->answers);
  free (r->quiz);
  free (r->student);
  free (r);
}

struct result_answer *
results_get (struct results *r, unsigned n)
{
  for (size_t i = 0; i < r->n; i++)
    if (r->answers[i].n == n)
      return &r->answers[i];
  return NULL;
}

void
results_set (struct results *r, unsigned n, const char *given, double score,
             double max, bool revealed, const char *variant)
{
  struct result_answer *a = results_get (r, n);
  size_t i;

  if (!a)
    {
      r->answers = xreallocarray (r->answers, r->n + 1, sizeof *r->answers);
      for (i = r->n; i > 0 && r->answers[i - 1].n > n; i--)
        r->answers[i] = r->answers[i - 1];
      a = &r->answers[i];
      memset (a, 0, sizeof *a);
      r->n++;
    }
  free (a->given);
  a->n = n;
  a->given = xstrdup (given);
  a->score = quiz_round (score);
  a->max = max;
  a->revealed = revealed;
  snprintf (a->variant, sizeof a->variant, "%s", variant ? variant : "");
  r->score = 0;
  for (i = 0; i < r->n; i++)
    r->score += r->answers[i].score;
  r->score = quiz_round (r->score);
}

/* A number as json-c prints it from our own text: "2.5", never
 * "2.5000000000000004". */
static json_object *
score_json (double x)
{
  char buf[32];
  quiz_format_score (x, buf);
  return json_object_new_double_s (quiz_round (x), buf);
}

static json_object *
results_json (const struct results *r)
{
  json_object *o = json_object_new_object (), *arr = json_object_new_array ();

  json_object_object_add (o, "format", json_object_new_string ("vmtutor-results"));
  json_object_object_add (o, "version", json_object_new_int (1));
  json_object_object_add (o, "quiz", json_object_new_string (r->quiz));
  json_object_object_add (o, "quiz_sha256", json_object_new_string (r->sha256_hex));
  json_object_object_add (o, "seed", json_object_new_uint64 (r->seed));
  json_object_object_add (o, "generator", json_object_new_uint64 (r->generator));
  json_object_object_add (o, "student", json_object_new_string (r->student));
  json_object_object_add (o, "finished", json_object_new_boolean (r->finished));
  for (size_t i = 0; i < r->n; i++)
    {
      const struct result_answer *a = &r->answers[i];
      json_object *ao = json_object_new_object ();
      json_object_object_add (ao, "n", json_object_new_int ((int) a->n));
      json_object_object_add (ao, "given", json_object_new_string (a->given));
      json_object_object_add (ao, "score", score_json (a->score));
      json_object_object_add (ao, "max", score_json (a->max));
      json_object_object_add (ao, "revealed", json_object_new_boolean (a->revealed));
      if (a->variant[0])
        json_object_object_add (ao, "variant", json_object_new_string (a->variant));
      json_object_array_add (arr, ao);
    }
  json_object_object_add (o, "answers", arr);
  json_object_object_add (o, "score", score_json (r->score));
  json_object_object_add (o, "max", score_json (r->max));
  return o;
}

/* Write all of BUF (LEN bytes) to FD. */
static bool
write_all (int fd, const char *buf, size_t len)
{
  while (len > 0)
    {
      ssize_t w = write (fd, buf, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return false;
      buf += w;
      len -= (size_t) w;
    }
  return true;
}

bool
results_save (const struct results *r, const char *file, char **err)
{
  json_object *o = results_json (r);
  const char *text = json_object_to_json_string_ext
    (o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
     | JSON_C_TO_STRING_NOSLASHESCAPE);
  const char *slash = strrchr (file, '/');
  char *dir = slash ? xstrndup (file, (size_t) (slash - file) + 1)
                    : xstrdup (".");
  char *tmp = xasprintf ("%s.tmpXXXXXX", file);
  int fd, dfd, e = 0;
  bool ok = false;

  *err = NULL;
  fd = mkstemp (tmp);
  if (fd < 0)
    e = errno;
  else
    {
      if (!write_all (fd, text, strlen (text)) || !write_all (fd, "\n", 1)
          || fsync (fd) != 0)
        e = errno ? errno : EIO;
      if (close (fd) != 0 && !e)
        e = errno;
      if (!e && rename (tmp, file) != 0)
        e = errno;
      if (e)
        unlink (tmp);
      else
        {
          dfd = open (dir, O_RDONLY | O_DIRECTORY);
          if (dfd >= 0)
            {
              fsync (dfd);
              close (dfd);
            }
          ok = true;
        }
    }
  if (!ok)
    *err = xasprintf (_("%s: cannot write the results file: %s"), file,
                      strerror (e));
  free (tmp);
  free (dir);
  json_object_put (o);
  return ok;
}
