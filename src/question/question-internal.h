/* question-internal.h: what the question module's files share: the
 * parameter tables and parsed values (spec.c), the per-kind operations
 * (one file per kind), answer reading (answer.c) and a text buffer.
 * Nothing outside src/question/ includes it. */
#ifndef VMTUTOR_QUESTION_INTERNAL_H
#define VMTUTOR_QUESTION_INTERNAL_H

#include "engine/vm.h"
#include "question/question.h"

struct scenario;

/* Types of parameter values. */
enum qp_type
{
  QP_INT,    /* whole number: one, a list, or an A-B range */
  QP_SIZE,   /* bytes with an optional suffix: one or a list */
  QP_REAL,   /* decimal: one, a list, or an A-B range (steps of 1/100) */
  QP_WORD,   /* one of WORDS: one or a list; values are indices */
  QP_PAGES,  /* a range A-B of page numbers (always a range) */
  QP_REFS,   /* a fixed list of page numbers (a list, or "1 2 3") */
  QP_TEXT,   /* text (one) */
  QP_CHOICES,/* choice's `wrong`: a list of texts or {text, why} */
  QP_FILE    /* a scenario file, loaded at parse time */
};

/* One parameter of a kind.  DEF is the default written as in a quiz file
 * (parsed by the same code), or NULL: absent unless given (REQUIRED says
 * whether that is an error). */
struct qp_def
{
  const char *key;
  enum qp_type type;
  uint64_t min, max;          /* INT, SIZE, PAGES: bounds; REAL: x1000 */
  const char *const *words;   /* WORD: NULL-ended names */
  const char *def;
  bool required;
};

/* A parsed value: ONE is a list of one. */
struct qp_value
{
  bool given;                 /* present (from the file or the default) */
  bool range;                 /* INT, REAL, PAGES: LO-HI */
  uint64_t lo, hi;            /* INT/PAGES range */
  double dlo, dhi;            /* REAL range */
  size_t n;                   /* list items */
  uint64_t *u;                /* INT, SIZE, WORD */
  double *d;                  /* REAL */
  char **s;                   /* TEXT (n = 1), CHOICES texts, FILE: the
                                 path as written (n = 1) */
  char **why;                 /* CHOICES: explanation of each, or NULL */
  struct scenario *sc;        /* FILE */
  char *path;                 /* FILE: as resolved */
  unsigned line, col;         /* where it was written (or the question) */
};

/* A kind: its parameter table and operations. */
struct q_kind_ops
{
  const char *name;
  const struct qp_def *params; /* ended by a NULL key */
  /* Fill V (kind, seed, priv set to NULL) from SPEC drawing from RNG;
   * return false when the variant must be drawn again (rejection; set
   * *REJECT to the parameter key to blame) or, with *ERR set, when it
   * cannot be made at all. */
  bool (*generate) (const struct q_spec *spec, struct q_rng *rng,
                    struct q_variant *v, char **err, const char **reject);
  void (*check) (const struct q_variant *v, const char *given,
                 struct q_result *out);
  char *(*explain) (const struct q_variant *v);
  void (*free_priv) (struct q_variant_priv *p);
};

extern const struct q_kind_ops q_replacement_ops, q_translate_ops,
  q_tlb_ops, q_eat_ops, q_sizes_ops, q_scenario_ops, q_choice_ops;

const struct q_kind_ops *q_kind_ops_of (enum q_kind k);

struct q_spec
{
  enum q_kind kind;
  const struct q_kind_ops *ops;
  char *file;
  unsigned line, col;
  struct qp_value *vals;      /* parallel to ops->params */
  const char **files;         /* NULL-ended */
};

/* The value of parameter KEY (must exist in the kind's table). */
const struct qp_value *q_param (const struct q_spec *spec, const char *key);
/* Draw one value of an INT or SIZE or WORD parameter. */
uint64_t q_draw (const struct q_spec *spec, struct q_rng *rng,
                 const char *key);
/* Draw one value of a REAL parameter. */
double q_draw_real (const struct q_spec *spec, struct q_rng *rng,
                    const char *key);

/* Answer reading (answer.c). */

/* One item of a typed answer. */
enum qa_type
{
  QA_NUM,    /* a number: `u` (and `d` exact as a double) */
  QA_REAL,   /* a decimal, fraction or percentage: `d` */
  QA_WORD,   /* a word: lower-cased in `w` */
  QA_EMPTY,  /* '-' or '.': an empty frame */
  QA_BAD     /* anything else, kept in `w` */
};

struct qa_item
{
  enum qa_type type;
  uint64_t u;
  double d;
  char w[64];
};

/* Split GIVEN into rows (';', '|' or newline) of items (spaces or commas)
 * and classify every item.  Empty rows are dropped.  At most QA_MAX items
 * are read; *NROWS rows; row I has LENS[I] items starting at ITEMS[
 * STARTS[I]].  Returns the number of items.  Everything is allocated by
 * the caller-provided arrays of QA_MAX entries. */
#define QA_MAX 1024
struct qa_parsed
{
  size_t n, nrows;
  struct qa_item items[QA_MAX];
  size_t starts[QA_MAX], lens[QA_MAX];
};
void qa_parse (const char *given, struct qa_parsed *p);
/* Parse one item (TEXT, LEN bytes) into IT. */
void qa_item (const char *text, size_t len, struct qa_item *it);
/* True if IT is the number N (a number item, or a real equal to it). */
bool qa_is (const struct qa_item *it, uint64_t n);
/* True if IT is the word W (case-insensitive). */
bool qa_is_word (const struct qa_item *it, const char *w);
/* IT as a real number (NUM or REAL); false otherwise. */
bool qa_real (const struct qa_item *it, double *d);

/* A growing text buffer. */
struct qbuf
{
  char *s;
  size_t len, cap;
};
void qb_printf (struct qbuf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
/* The sentence S after the sentences in B, with the language's space
   between sentences (none in Chinese). */
void qb_sentence (struct qbuf *b, const char *s);
/* S followed by spaces up to WIDTH display columns. */
void qb_pad (struct qbuf *b, const char *s, int width);
/* The text (never NULL), handed over to the caller. */
char *qb_take (struct qbuf *b);

/* Results: fill OUT with SCORE and the text of B. */
void q_result_set (struct q_result *out, double score, struct qbuf *b);
/* A result for an answer that could not be read at all. */
void q_result_unread (struct q_result *out, const char *given,
                      const char *expected);

/* BYTES for a sentence: "256 bytes", "4 KiB", "1 GiB".  Newly
 * allocated. */
char *q_size_text (uint64_t bytes);

/* "fifo" -> "FIFO", for sentences. */
const char *q_policy_title (enum vm_policy p);

#endif
