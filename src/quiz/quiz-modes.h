/* quiz-modes.h: the quiz modes main.c dispatches to (through
 * quiz_main) and what they share for printing questions. */
#ifndef VMTUTOR_QUIZ_MODES_H
#define VMTUTOR_QUIZ_MODES_H

#include "options.h"
#include "quiz/session.h"

/* The modes; each returns the exit status. */
int quiz_plain (struct quiz_session *s);
int quiz_tui (struct quiz_session *s, const struct options *o);
int quiz_key (const struct quiz *q, const struct options *o);
int quiz_grade (const struct quiz *q, const struct options *o);
int quiz_export (const struct quiz *q, const struct options *o);

/* `--check QUIZ.yaml`: load FILE and make a few variants of every
 * question; print "FILE: ok" or the error.  True if it is valid. */
bool quiz_check_file (const char *file);

/* Print question N of S (heading, prompt, hint) as plain lines. */
void quiz_print_question (const struct quiz_session *s, unsigned n);
/* Print the correct answer of question N of S and its explanation. */
void quiz_print_reveal (const struct quiz_session *s, unsigned n);

/* The student id of variant I (1-based) for --variants: "variant-I". */
char *quiz_variant_student (unsigned i);

#endif
