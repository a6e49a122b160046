/* quiz-main.c: the quiz modes' entry point: check the option
 * combinations, then take the quiz (screen or plain lines), print a key,
 * grade or export. */
#include "system.h"

#include "util.h"
#include "quiz/quiz-modes.h"

static int
usage (const char *msg)
{
  fprintf (stderr, "%s: %s\n", program_name, msg);
  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           program_name);
  return 2;
}

/* Take the quiz: open the session, then the screen or plain lines. */
static int
take (const struct options *o)
{
  char *err = NULL;
  struct quiz_session *s;
  int status;

  if (!o->student)
    return usage (_("--quiz needs --student=ID (or --key, --export or "
                    "--grade)"));
  if (o->nfiles > 0 || o->has_format || o->variants)
    return usage (_("taking a quiz takes no files, --format or --variants"));
  s = quiz_session_open (o->quiz, o->student, o->results, &err);
  if (!s)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  status = o->plain ? quiz_plain (s) : quiz_tui (s, o);
  quiz_session_free (s);
  fflush (stdout);
  return status;
}

int
quiz_main (const struct options *o)
{
  struct quiz *q;
  char *err = NULL;
  int status;

  if (!o->quiz)
    return usage (_("--key, --grade and --export need --quiz=FILE"));
  if (o->mode == MODE_QUIZ)
    return take (o);
  if (o->plain || o->results)
    return usage (_("--plain and --results are only for taking a quiz"));
  switch (o->mode)
    {
    case MODE_KEY:
      if (!o->student == !o->variants)
        return usage (_("--key needs either --student=ID or --variants=N"));
      if (o->student && !quiz_student_ok (o->student))
        return usage (_("invalid --student (expected 1 to 64 letters, "
                        "digits, '.', '_', '@' or '-', not starting with "
                        "'.' or '-')"));
      if (o->format != FORMAT_TEXT && o->format != FORMAT_JSON)
        return usage (_("--key --format is text or json"));
      if (o->nfiles > 0)
        return usage (_("--key takes no files"));
      break;
    case MODE_GRADE:
      if (o->has_format && o->format != FORMAT_CSV && o->format != FORMAT_JSON)
        return usage (_("--grade --format is csv or json"));
      if (o->nfiles == 0)
        return usage (_("--grade needs at least one results file"));
      if (o->student || o->variants)
        return usage (_("--grade takes no --student or --variants"));
      break;
    case MODE_EXPORT:
      if (o->nfiles > 0 || o->student || o->has_format)
        return usage (_("--export takes no files, --student or --format"));
      break;
    default:
      break;
    }
  q = quiz_load (o->quiz, &err);
  if (!q)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  switch (o->mode)
    {
    case MODE_KEY: status = quiz_key (q, o); break;
    case MODE_GRADE: status = quiz_grade (q, o); break;
    default: status = quiz_export (q, o); break;
    }
  quiz_free (q);
  return status;
}
