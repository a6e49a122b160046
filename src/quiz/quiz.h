/* quiz.h: a quiz file (vmtutor-quiz(5)) loaded and ready to make the
 * variant of any student, the student ids and the file reading shared
 * by the quiz modes.  No curses: the interface and the plain mode,
 * the key, the gradebook and the exports all build on this. */
#ifndef VMTUTOR_QUIZ_H
#define VMTUTOR_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "question/question.h"

#if !ENABLE_NLS && !defined ngettext
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif

#define QUIZ_MAX_QUESTIONS 200   /* questions in one quiz */
#define QUIZ_MAX_POINTS 1000     /* points of one question */
#define QUIZ_MAX_STUDENT 64      /* bytes of a student id */
#define QUIZ_MAX_VARIANTS 10000  /* --variants=N */

enum quiz_mode
{
  QUIZ_PRACTICE,   /* reveal each answer with its explanation at once */
  QUIZ_EXAM        /* reveal at the end, or never */
};

/* One item of `questions:`: its points and the question module's spec. */
struct quiz_item
{
  double points;
  struct q_spec *spec;
};

/* A loaded quiz.  SHA256 is the hash of the quiz file's bytes followed
 * by those of the files its questions read (a `scenario` question's
 * scenario), so editing any of them changes every variant. */
struct quiz
{
  char *file;
  char *id;                 /* `quiz:` */
  char *title;
  uint64_t seed;
  enum quiz_mode mode;
  bool reveal_never;        /* exam with `reveal: never` */
  unsigned char sha256[32];
  char sha256_hex[65];
  size_t n;
  struct quiz_item *items;
};

/* Load and check FILE.  NULL with *ERR ("FILE:LINE:COL: ...", newly
 * allocated) when it cannot be read or is not a valid quiz. */
struct quiz *quiz_load (const char *file, char **err);
/* Load a quiz from memory (the fuzzer's entry); DIR-relative files are
 * read relative to FILE's directory. */
struct quiz *quiz_load_buffer (const char *file, const char *data,
                               size_t len, char **err);
void quiz_free (struct quiz *q);

/* Whether FILE looks like a quiz rather than a scenario (a YAML mapping
 * with a `quiz` or `questions` key); false when it cannot be parsed. */
bool quiz_sniff (const char *file);

/* The variant of question N (1-based) for STUDENT.  NULL with *ERR when
 * a difficulty knob cannot be met. */
struct q_variant *quiz_variant (const struct quiz *q, const char *student,
                                unsigned n, char **err);

/* A short fingerprint of variant V (16 hex digits of a SHA-256 of its
 * data and answer), stored with each answer so --grade can tell an
 * answer given to another variant.  Writes 17 bytes to OUT. */
void quiz_variant_print (const struct q_variant *v, char out[17]);

/* Whether ID is a valid student id: 1-64 bytes of A-Za-z0-9._@-, not
 * starting with '.' or '-' (so it never names "..", a hidden file or an
 * option). */
bool quiz_student_ok (const char *id);

/* The default results file of STUDENT for Q: "QUIZID-STUDENT.results.json"
 * (newly allocated). */
char *quiz_results_path (const struct quiz *q, const char *student);

/* Round a score to hundredths (scores are stored and printed so). */
double quiz_round (double x);
/* Print X (rounded to hundredths) without trailing zeros: "3", "2.5",
 * "0.33".  Writes at most 32 bytes to BUF and returns it. */
char *quiz_format_score (double x, char buf[32]);

#endif
