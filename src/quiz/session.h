/* session.h: one student taking one quiz: the quiz, the student's
 * variants, and the results file kept up to date after every answer.
 * Shared by the plain mode and the interface. */
#ifndef VMTUTOR_QUIZ_SESSION_H
#define VMTUTOR_QUIZ_SESSION_H

#include "quiz/quiz.h"
#include "quiz/results.h"

struct quiz_session
{
  struct quiz *q;
  char *student;
  char *path;                   /* the results file */
  struct results *r;
  struct q_variant **v;         /* Q->n variants */
  char (*print)[17];            /* their fingerprints */
  bool resumed;                 /* the results file existed */
};

/* Open a session: load QUIZFILE, check STUDENT, read the results file
 * RESULTS (NULL: the default name) or start it, generate the variants
 * and write the results file once, so a file that cannot be written is
 * an error before the first question.  NULL with *ERR (a whole message
 * without the program name) on any failure. */
struct quiz_session *quiz_session_open (const char *quizfile,
                                        const char *student,
                                        const char *results, char **err);
void quiz_session_free (struct quiz_session *s);

/* Grade GIVEN as the answer to question N (1-based), record it and
 * rewrite the results file.  OUT gets the grade (free it with
 * q_result_free).  False with *ERR when the file cannot be written (the
 * answer is then kept in memory only). */
bool quiz_session_answer (struct quiz_session *s, unsigned n,
                          const char *given, struct q_result *out,
                          char **err);

/* Mark the quiz finished (and, for a quiz that reveals at the end, the
 * answers revealed) and rewrite the results file. */
bool quiz_session_finish (struct quiz_session *s, char **err);

/* Whether answers are shown: after each answer (practice), at the end
 * (exam), never (exam with reveal: never). */
bool quiz_session_reveals_each (const struct quiz_session *s);
bool quiz_session_reveals_end (const struct quiz_session *s);

/* Whether TEXT is an acceptable answer line: valid UTF-8 without
 * control characters, at most RESULTS_MAX_GIVEN bytes. */
bool quiz_answer_ok (const char *text);

#endif
