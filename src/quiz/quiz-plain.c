/* quiz-plain.c: `--quiz --plain`: the quiz as plain lines for screen
 * readers, serial consoles and scripts.  Each question is printed, then
 * "answer> "; one line is read per answer (empty: skip); end of input
 * saves (every answer is saved as it is given) and exits 0. */
#include "system.h"

#include <unistd.h>

#include "util.h"
#include "quiz/quiz-modes.h"
#include "question/words.h"

/* Read one line of at most RESULTS_MAX_GIVEN bytes into BUF (size
 * RESULTS_MAX_GIVEN + 2), without its newline.  A longer line is read
 * to its end and reported by *TOO_LONG.  False at end of input. */
static bool
read_line (char *buf, bool *too_long)
{
  size_t len = 0;
  int ch;

  *too_long = false;
  while ((ch = getchar ()) != EOF && ch != '\n')
    {
      if (len < RESULTS_MAX_GIVEN + 1)
        buf[len++] = (char) ch;
      else
        *too_long = true;
    }
  if (ch == EOF && len == 0)
    return false;
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  buf[len] = '\0';
  if (len > RESULTS_MAX_GIVEN)
    *too_long = true;
  return true;
}

/* Print TEXT with every line indented by two spaces. */
static void
print_indented (const char *text)
{
  const char *p = text;
  while (*p)
    {
      const char *nl = strchr (p, '\n');
      size_t len = nl ? (size_t) (nl - p) : strlen (p);
      printf ("  %.*s\n", (int) len, p);
      p += len + (nl != NULL);
    }
}

void
quiz_print_reveal (const struct quiz_session *s, unsigned n)
{
  const struct q_variant *v = s->v[n - 1];
  char *ex = q_explain (v);

  printf (_("Correct answer: %s\n"), answer_word (v->typed));
  print_indented (ex);
  free (ex);
}

void
quiz_print_question (const struct quiz_session *s, unsigned n)
{
  const struct q_variant *v = s->v[n - 1];
  double points = s->q->items[n - 1].points;
  char pb[32];

  quiz_format_score (points, pb);
  printf ("\n");
  /* TRANSLATORS: "Question 2 of 5 (3 points)". */
  printf (ngettext ("Question %u of %zu (%s point)\n",
                    "Question %u of %zu (%s points)\n",
                    points == 1 ? 1 : 2), n, s->q->n, pb);
  printf ("%s\n", v->prompt);
  if (v->hint && v->hint[0])
    /* TRANSLATORS: the hint under a quiz question (plain mode);
       Chinese may use full-width parentheses. */
    printf (C_ ("hint", "(%s)\n"), v->hint);
}

/* The summary at the end: the score when answers are shown, else only
 * how many questions were answered. */
static void
print_summary (const struct quiz_session *s)
{
  char sb[32], mb[32];

  printf ("\n");
  printf (ngettext ("Quiz finished: %zu of %zu question answered.\n",
                    "Quiz finished: %zu of %zu questions answered.\n",
                    s->q->n), s->r->n, s->q->n);
  if (quiz_session_reveals_each (s) || quiz_session_reveals_end (s))
    {
      printf (_("Score: %s of %s\n"), quiz_format_score (s->r->score, sb),
              quiz_format_score (s->r->max, mb));
      if (quiz_session_reveals_end (s))
        for (unsigned n = 1; n <= s->q->n; n++)
          {
            struct result_answer *a = results_get (s->r, n);
            printf ("\n");
            printf (_("Question %u: %s of %s\n"), n,
                    quiz_format_score (a ? a->score : 0, sb),
                    quiz_format_score (s->q->items[n - 1].points, mb));
            printf (_("Your answer: %s\n"), a ? a->given : _("(none)"));
            quiz_print_reveal (s, n);
          }
    }
  else
    printf ("%s\n", _("The answers are not shown for this quiz."));
  printf (_("Answers saved in %s\n"), s->path);
}

int
quiz_plain (struct quiz_session *s)
{
  char *buf = xmalloc (RESULTS_MAX_GIVEN + 2);
  bool tty = isatty (STDIN_FILENO);
  char *err = NULL;
  char sb[32], mb[32];

  printf (_("Quiz: %s\n"), s->q->title);
  printf (_("Student: %s\n"), s->student);
  if (s->r->finished)
    {
      printf ("%s\n", _("This quiz is already finished."));
      print_summary (s);
      free (buf);
      return 0;
    }
  if (s->resumed && s->r->n > 0)
    printf (ngettext ("Resuming: %zu of %zu question answered.\n",
                      "Resuming: %zu of %zu questions answered.\n",
                      s->q->n), s->r->n, s->q->n);
  for (unsigned n = 1; n <= s->q->n; n++)
    {
      struct q_result g;
      bool too_long;

      if (results_get (s->r, n))
        continue;
      quiz_print_question (s, n);
      for (;;)
        {
          /* TRANSLATORS: the prompt for an answer in plain mode. */
          fputs (_("answer> "), stdout);
          fflush (stdout);
          if (!read_line (buf, &too_long))
            {
              if (!tty)
                putchar ('\n');
              printf (_("Answers saved in %s\n"), s->path);
              free (buf);
              return 0;
            }
          if (!tty)
            putchar ('\n');
          if (too_long || !quiz_answer_ok (buf))
            {
              printf (_("That answer cannot be kept (at most %d bytes of "
                        "text); try again, or an empty line to skip.\n"),
                      RESULTS_MAX_GIVEN);
              continue;
            }
          if (buf[0] != '\0')
            {
              q_check (s->v[n - 1], buf, &g);
              if (!g.understood)
                {
                  if (g.feedback && g.feedback[0])
                    print_indented (g.feedback);
                  printf ("%s\n", _("That answer cannot be read; try "
                                     "again, or an empty line to skip."));
                  q_result_free (&g);
                  continue;
                }
              q_result_free (&g);
            }
          break;
        }
      if (buf[0] == '\0')
        {
          printf ("%s\n", _("Skipped."));
          continue;
        }
      if (!quiz_session_answer (s, n, buf, &g, &err))
        {
          fprintf (stderr, "%s: %s\n", program_name, err);
          free (err);
          q_result_free (&g);
          free (buf);
          return 2;
        }
      if (quiz_session_reveals_each (s))
        {
          printf (_("Score: %s of %s\n"),
                  quiz_format_score (results_get (s->r, n)->score, sb),
                  quiz_format_score (s->q->items[n - 1].points, mb));
          if (g.feedback && g.feedback[0])
            print_indented (g.feedback);
          quiz_print_reveal (s, n);
        }
      else
        printf ("%s\n", _("Saved."));
      q_result_free (&g);
    }
  free (buf);
  if (!quiz_session_finish (s, &err))
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  print_summary (s);
  return 0;
}
