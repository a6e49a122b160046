/* lesson-plain.c: `vmtutor --lesson=NAME --plain`: a lesson as plain
 * lines for screen readers, serial consoles and tests.  Pages and
 * questions are printed as lines; a checkpoint reads answers from
 * "answer> " lines (`?` asks the hint, `!` reveals the answer); a page or
 * a pause reads one line.  Progress is saved after every checkpoint and
 * at the end of input, which exits 0; the next run resumes there. */
#include "system.h"

#include "util.h"
#include "narrate/narrate.h"
#include "scenario/scenario-lesson.h"
#include "lesson/checkpoint.h"
#include "lesson/lesson.h"
#include "question/words.h"

#define LINE_MAX_LESSON 1024

/* One line of input into BUF without its newline; false at the end. */
static bool
read_line (char *buf, size_t n)
{
  size_t len = 0;
  int ch;

  fflush (stdout);
  while ((ch = getchar ()) != EOF && ch != '\n')
    if (len + 1 < n)
      buf[len++] = (char) ch;
  if (ch == EOF && len == 0)
    return false;
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  buf[len] = '\0';
  return true;
}

static void
print_block (const char *text)
{
  size_t n = strlen (text);
  fputs (text, stdout);
  if (n == 0 || text[n - 1] != '\n')
    putchar ('\n');
}

/* Wait for one line at a page or a pause; false at the end of input. */
static bool
wait_line (void)
{
  char buf[LINE_MAX_LESSON];
  fputs (_("[Enter] "), stdout);
  if (!read_line (buf, sizeof buf))
    {
      putchar ('\n');
      return false;
    }
  return true;
}

static void
print_answer (const struct sc_predict *p, const struct cp_answer *a)
{
  if (p->what == PREDICT_CHOICE)
    printf (_("The answer: %s) %s\n"), a->text, p->choices[p->answer]);
  else
    printf (_("The answer: %s\n"), answer_word (a->text));
  if (p->why)
    print_block (p->why);
}

/* Ask checkpoint P (R just past its tick).  CP_NONE at the end of input. */
static enum cp_status
ask_checkpoint (struct run *r, const struct sc_predict *p)
{
  struct cp_answer a;
  char *err = NULL;
  char buf[LINE_MAX_LESSON];
  unsigned wrong = 0;
  enum cp_status st = CP_NONE;

  if (!checkpoint_compute (r, p, &a, &err))
    {
      warn_msg ("%s", err);
      free (err);
      return CP_REVEALED;
    }
  printf ("\n");
  printf (_("Predict (%s): %s\n"), p->id, checkpoint_question (p));
  for (size_t i = 0; i < p->nchoices; i++)
    printf ("  %c) %s\n", (int) ('a' + i), p->choices[i]);
  printf (_("(Answer with %s; ? for a hint, ! to see the answer.)\n"),
          checkpoint_form (p));
  while (st == CP_NONE)
    {
      char *mistake = NULL;
      int k;
      /* TRANSLATORS: the prompt for an answer in plain mode. */
      fputs (_("answer> "), stdout);
      if (!read_line (buf, sizeof buf))
        {
          putchar ('\n');
          break;
        }
      if (strcmp (buf, "?") == 0)
        {
          if (p->hint)
            printf (_("Hint: %s\n"), p->hint);
          else
            printf ("%s\n", _("No hint for this one."));
          continue;
        }
      if (strcmp (buf, "!") == 0)
        {
          print_answer (p, &a);
          st = CP_REVEALED;
          break;
        }
      if (buf[0] == '\0')
        continue;
      k = checkpoint_check (p, &a, buf, &mistake);
      if (k < 0)
        printf ("%s\n", mistake);
      else if (k > 0)
        {
          printf ("%s\n", _("Right."));
          if (p->why)
            print_block (p->why);
          st = CP_SOLVED;
        }
      else
        {
          printf ("%s\n", _("Not quite."));
          if (mistake)
            printf ("%s\n", mistake);
          if (++wrong >= 2)
            {
              print_answer (p, &a);
              st = CP_WRONG;
            }
          else
            printf ("%s\n", _("Try once more (? for a hint, ! to see the "
                              "answer)."));
        }
      free (mistake);
    }
  checkpoint_answer_free (&a);
  return st;
}

/* A teacher's `ask:` in a lesson: answered once, not recorded.  False at
 * the end of input. */
static bool
ask_question (const struct tick *t)
{
  char buf[LINE_MAX_LESSON];

  printf ("\n%s\n", t->text);
  for (size_t i = 0; i < t->nchoices; i++)
    printf ("  %c) %s\n", (int) ('a' + i), t->choices[i]);
  for (;;)
    {
      int k = -1;
      /* TRANSLATORS: the prompt for an answer in plain mode. */
      fputs (_("answer> "), stdout);
      if (!read_line (buf, sizeof buf))
        {
          putchar ('\n');
          return false;
        }
      if (strcmp (buf, "?") == 0)
        {
          printf ("%s\n", _("No hint for this one."));
          continue;
        }
      if (strlen (buf) == 1 && (buf[0] | 0x20) >= 'a'
          && (buf[0] | 0x20) < 'a' + (int) t->nchoices)
        k = (buf[0] | 0x20) - 'a';
      if (k < 0 && strcmp (buf, "!") != 0)
        {
          printf (_("Answer with a letter from a to %c.\n"),
                  (int) ('a' + t->nchoices - 1));
          continue;
        }
      if (k == t->answer)
        printf ("%s\n", _("Right."));
      else
        printf (_("The answer: %c) %s\n"), 'a' + t->answer,
                t->choices[t->answer]);
      if (t->explain)
        print_block (t->explain);
      return true;
    }
}

int
lesson_plain (const char *file)
{
  char *err = NULL;
  struct scenario *sc = scenario_load (file, &err);
  struct progress *pg;
  struct progress_lesson *pl;
  struct run *r;
  struct tick t;
  char *name;
  size_t ncps, solved = 0;
  const struct sc_predict **cps;
  bool eof = false;

  if (!sc)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  r = run_new (sc, NULL, NULL, &err);
  if (!r)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      scenario_free (sc);
      return 2;
    }
  name = lesson_name_of (file);
  pg = progress_load ();
  pl = progress_lesson (pg, name, true);
  printf (_("Lesson: %s\n"), scenario_title (sc));
  {
    char *notice = lesson_notice (file);
    if (notice)
      printf ("%s\n", notice);
    free (notice);
  }
  if (pl->done || pl->pos >= scenario_ticks (sc))
    pl->pos = 0;
  if (pl->pos > 0)
    {
      printf ("%s\n", _("(Resuming where you stopped.)"));
      while (run_position (r) < pl->pos && run_next (r, &t))
        ;
    }
  else if (scenario_about (sc))
    print_block (scenario_about (sc));
  while (!eof && run_next (r, &t))
    {
      struct vm *vm = run_vm (r);
      char *s;
      switch (t.kind)
        {
        case TICK_PAGE:
          printf ("\n");
          print_block (t.text);
          eof = !wait_line ();
          break;
        case TICK_PAUSE:
          if (t.text)
            print_block (t.text);
          eof = !wait_line ();
          break;
        case TICK_SAY:
          print_block (t.text);
          break;
        case TICK_PREDICT:
          {
            enum cp_status st = ask_checkpoint (r, t.predict);
            if (st == CP_NONE)
              eof = true;
            else
              {
                enum cp_status old = progress_cp (pg, name, t.predict->id);
                /* A checkpoint solved once stays solved.  */
                if (old != CP_SOLVED)
                  progress_cp_set (pg, name, t.predict->id, st);
                pl = progress_lesson (pg, name, true);
                pl->pos = run_position (r);
                progress_save (pg);
              }
          }
          break;
        case TICK_ASK:
          eof = !ask_question (&t);
          break;
        case TICK_EXPECT:
          break;
        case TICK_ACCESS:
          s = narrate_access (vm, &t.ev, false);
          printf ("  %s\n", s);
          free (s);
          break;
        default:
          s = narrate_tick (vm, &t, false);
          if (s || t.text)
            printf ("  %s\n", s ? s : t.text);
          free (s);
          break;
        }
      if (eof)
        {
          /* Show this stop again on resuming.  */
          pl = progress_lesson (pg, name, true);
          pl->pos = run_position (r) - 1;
        }
    }
  pl = progress_lesson (pg, name, true);
  if (!eof)
    {
      cps = scenario_checkpoints (sc, &ncps);
      for (size_t i = 0; i < ncps; i++)
        if (progress_cp (pg, name, cps[i]->id) == CP_SOLVED)
          solved++;
      free (cps);
      pl->done = true;
      pl->pos = 0;
      printf ("\n");
      printf (ngettext ("Lesson complete: %zu of %zu checkpoint solved.\n",
                        "Lesson complete: %zu of %zu checkpoints solved.\n",
                        ncps), solved, ncps);
    }
  progress_save (pg);
  progress_free (pg);
  free (name);
  run_free (r);
  scenario_free (sc);
  return 0;
}
