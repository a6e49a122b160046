/* question.h: questions the engine answers — generated from a seed,
 * checked with partial credit and named misconceptions, explained.
 *
 * No curses and no file output here: the quiz mode (src/quiz/) and the
 * lessons use this module and draw what it returns.  The life of a
 * question:
 *
 *   quiz file ──► q_spec_parse (a `questions:` item: kind + parameters)
 *   (quiz, seed, student, n) ──► q_rng_seed ──► q_generate ──► q_variant
 *   q_variant + what the student typed ──► q_check ──► score + feedback
 *   q_variant ──► q_explain (the worked answer, for practice and keys)
 *
 * A variant is a pure function of (spec, seed, QUESTION_GENERATOR_VERSION):
 * the same on every machine and in every release that keeps the version.
 * Any change to what a generator draws, or in what order, must bump
 * QUESTION_GENERATOR_VERSION.  (A `scenario` question also depends on
 * its scenario file: q_spec_files lists it so callers can hash it with
 * the quiz.)  `prompt`, `hint`, feedback and explanations are translated;
 * `data`, `answer` and `typed` never are.
 *
 * The keys of a variant's `data` and `answer` are those of DESIGN.md,
 * "Quizzes".  Parameters (vmtutor-quiz(5) documents them for teachers):
 * each takes a single value, a list to choose from ([fifo, lru]) or, for
 * whole numbers and decimals, an A-B range to draw from (3-5, 0.2-0.8;
 * decimals in steps of a hundredth of the range); `pages` is always a
 * range of page numbers.  Decimals are probabilities in [0, 1]; sizes
 * are powers of two and take K/M/G/KiB/MiB/GiB suffixes.  Defaults in
 * brackets, bounds in parentheses.
 *
 *   replacement: policy [fifo] (fifo, lru, clock, opt), frames [3] (1-8),
 *     length [12] (2-40), pages [0-7] (2-64 pages below 2^20), locality
 *     [0.3] (chance a reference repeats one of the 3 pages used last),
 *     refs (a fixed reference string of 2-40 pages, a list or "7 0 1 2";
 *     replaces length, pages and locality), ask [faults] (faults, hits,
 *     victim, frames, grid), at (1-based reference for victim/frames;
 *     default drawn among the references that evict (victim) or after
 *     the frames fill (frames)), min_evictions [0], min_faults [0].
 *   translate: va_bits [16] (8-64), page_size [256] (16 B - 1 GiB),
 *     levels [1] (1-4; the page-number bits split evenly, the top level
 *     taking the rest), pa_bits [va_bits] (5-64), entries [8] (entries
 *     shown, 1-32; a smaller space shows all its pages), min_invalid [1],
 *     fault [0.25] (chance the address asked is not mapped),
 *     ask [all] (all, vpn, offset, indices, pa).
 *   tlb: entries [4] (1-64), policy [lru] (lru, fifo), page_size [4096]
 *     (16 B - 64 KiB), length [10] (1-40), pages [0-7] (1-64 pages),
 *     locality [0.5], min_hits [0], ask [all] (all = the hits then the
 *     misses, hits, misses, ratio).
 *   eat: ask [tlb] (tlb: EAT with a TLB; fault: EAT with page faults;
 *     max_fault_rate: the largest fault rate for a slowdown; combined:
 *     the TLB path of every reference plus fault_rate x fault_ns),
 *     mem_ns [[50, 100, 200]] (1-10^6), tlb_ns [[0, 5, 10, 20]],
 *     levels [[1, 2, 4]] (1-6: memory references of a walk),
 *     hit_rate [[0.8, 0.9, 0.95, 0.98, 0.99]], fault_ns [[2, 5, 8,
 *     10 ms]] (1 ns - 10 s), fault_rate [[0.001, 0.0001, 0.00001]],
 *     slowdown [[5, 10, 20]] (1-1000 percent).
 *   sizes: ask [offset_bits] (offset_bits, vpn_bits, entries, table_size,
 *     levels, tlb_reach), va_bits [[32, 48]] (8-64), page_size [[4K, 8K,
 *     16K]], pte_size [[4, 8]] (1-64 B), tlb_entries [[16, 32, 64, 128]]
 *     (1-65536).
 *   scenario: file (required: a path relative to the quiz file's
 *     directory, without ".."; a bare name not found there is looked for
 *     among the installed scenarios), at (1-based access number among the
 *     scenario's accesses; default drawn among those the question fits),
 *     ask [result] (result, victim, frame, pa, value: what a read
 *     returns, asked only of reads that reach memory).
 *   choice: question, correct (both required), wrong (required: 1-25
 *     texts, or {text, why} so a wrong pick is explained), explain.
 *
 * Typed answers (`typed`): replacement a number, "4 2 -" (frames), or
 * "1 1 1; - 2 2; - - 3" (grid rows); translate "0x1a 0x2c 0x5a2c" (VPN,
 * offset, [indices when more than one level,] PA or "fault"); tlb "3 7"
 * (hits misses) or "0.3"; eat "130" or "1.25e-06"; sizes a number;
 * scenario "major", "2", "none", "0x110" or "fault"; choice "b". */
#ifndef VMTUTOR_QUESTION_H
#define VMTUTOR_QUESTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "scenario/yaml-tree.h"

/* Recorded in results files as "generator". */
#define QUESTION_GENERATOR_VERSION 1

/* Rejection sampling (min_evictions, min_invalid, ...) gives up after
 * this many tries and q_generate reports the knob as impossible. */
#define Q_MAX_TRIES 2000

/* ---------------------------------------------------------------- PRNG */

/* splitmix64 (Steele, Lea, Flood 2014; the generator of Java's
 * SplittableRandom), exactly:
 *   state += 0x9e3779b97f4a7c15;
 *   z = state;
 *   z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
 *   z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
 *   return z ^ (z >> 31);
 * Never rand(): the sequence is fixed by this file, not by the libc. */
struct q_rng
{
  uint64_t state;
};

/* Start RNG at SEED. */
void q_rng_init (struct q_rng *rng, uint64_t seed);
/* The next 64 random bits. */
uint64_t q_rng_next (struct q_rng *rng);
/* Uniform in [0, N) without modulo bias (rejection); 0 if N is 0. */
uint64_t q_rng_below (struct q_rng *rng, uint64_t n);
/* Uniform in [LO, HI] (LO <= HI), whole range of uint64_t allowed. */
uint64_t q_rng_range (struct q_rng *rng, uint64_t lo, uint64_t hi);
/* Uniform in [0, 1) with 53 bits. */
double q_rng_unit (struct q_rng *rng);

/* The seed of one variant, from the quiz file's SHA-256 (HASH, HASH_LEN
 * bytes, normally 32), the teacher's seed, the student id and the
 * 1-based question number.  The inputs are absorbed as 64-bit words, in
 * order, by h = mix(h ^ w) from h = 0, where mix(x) is the first output
 * of splitmix64 started at state x.  Words: HASH as little-endian 8-byte
 * words (a short last word zero-padded), HASH_LEN, TEACHER_SEED, STUDENT
 * likewise as little-endian words, strlen(STUDENT), N.  The result is h. */
uint64_t q_rng_seed (const void *hash, size_t hash_len, uint64_t teacher_seed,
                     const char *student, unsigned n);

/* --------------------------------------------------------------- kinds */

enum q_kind
{
  Q_REPLACEMENT, /* "replacement" */
  Q_TRANSLATE,   /* "translate" */
  Q_TLB,         /* "tlb" */
  Q_EAT,         /* "eat" */
  Q_SIZES,       /* "sizes" */
  Q_SCENARIO,    /* "scenario" */
  Q_CHOICE,      /* "choice" */
  Q_KIND_COUNT
};

/* "replacement"... ; parse returns -1 for an unknown name. */
const char *q_kind_name (enum q_kind k);
int q_kind_parse (const char *s);

/* How the answer is typed, for exports (GIFT, Moodle XML) and the
 * interface's field. */
enum q_form
{
  Q_FORM_NUMBER, /* one number; `tolerance` is the absolute slack */
  Q_FORM_HEX,    /* one number best typed in hex (an address) or "fault" */
  Q_FORM_WORD,   /* one word: "fault", "none", "hit", "major", ... */
  Q_FORM_CHOICE, /* one letter a, b, c... (choices in data "choices") */
  Q_FORM_LIST,   /* several values separated by spaces or commas */
  Q_FORM_GRID    /* rows separated by ';' or newlines, cells as a list */
};

/* ---------------------------------------------------------- parameters */

/* A question's kind and parameters as read from its quiz-file mapping:
 * each parameter is a single value, a list to choose from, or an A-B
 * range.  Opaque; it remembers the file and the marks for messages. */
struct q_spec;

/* Parse the mapping NODE (one item of `questions:`) of FILE.  `kind` is
 * required; every other key must be a parameter of that kind or one of
 * EXTRA_KEYS (a NULL-ended list of keys the caller reads itself, e.g.
 * "points"; may be NULL), else an error naming the nearest valid key.
 * Values are checked here (types, bounds, policy names; a `scenario`
 * file is loaded, relative to FILE's directory), so q_generate fails only
 * when a difficulty knob cannot be met.  On error return NULL and set
 * *ERR to a newly allocated "FILE:LINE:COL: message". */
struct q_spec *q_spec_parse (const char *file, const struct ynode *node,
                             const char *const *extra_keys, char **err);
void q_spec_free (struct q_spec *spec);
enum q_kind q_spec_kind (const struct q_spec *spec);
/* Line and column of the question's mapping in its file. */
unsigned q_spec_line (const struct q_spec *spec);
/* Files the spec read besides the quiz (a `scenario` kind's scenario),
 * NULL-ended, so a caller can include them in the quiz's hash. */
const char *const *q_spec_files (const struct q_spec *spec);

/* ------------------------------------------------------------ variants */

/* One generated question.  Every field is owned by the variant and
 * read-only for callers.
 *
 * - prompt: the question as a paragraph of text (translated, UTF-8; may
 *   hold newlines for a table such as a page table); the interface may
 *   draw `data` as a figure instead of the table lines.
 * - data: everything the question shows, keys as DESIGN.md, and "ask"
 *   (what is asked):
 *   replacement {"policy","frames","refs":[..],"ask","at"} (at: 1-based
 *     reference, only for victim/frames);
 *   translate {"va_bits","page_size","pa_bits","levels":[widths],
 *     "mapping":{"VPN": FRAME or null for an invalid entry},"va","ask"};
 *   tlb {"entries","policy","page_size","addresses":[..],"ask"};
 *   eat {"ask","mem_ns", then "tlb_ns","levels","hit_rate" (tlb) or
 *     "fault_ns","fault_rate" (fault) or "fault_ns","slowdown" (percent,
 *     max_fault_rate) or all five of tlb and fault (combined)};
 *   sizes {"ask","va_bits","page_size", "pte_size" (table_size, levels),
 *     "tlb_entries" (tlb_reach)};
 *   scenario {"scenario" (path),"title","at","process","op","va","ask"};
 *   choice {"question","choices":[..]}.
 * - answer: the exact answer as JSON: a number, a string ("fault",
 *   "none", a letter), a list, a list of rows (grid), or an object
 *   (translate {"vpn","offset","indices","pa"}; tlb {"hits","misses",
 *   "ratio"}).
 * - typed: exactly what a student types for full marks (q_check gives
 *   1.0 for it).
 * - form, tolerance: how the answer is typed; tolerance (absolute) is 0
 *   except for non-integer numbers. */
struct q_variant
{
  enum q_kind kind;
  uint64_t seed;
  char *prompt;
  char *hint;          /* how to type the answer, one line; translated */
  json_object *data;
  json_object *answer;
  char *typed;
  enum q_form form;
  double tolerance;
  struct q_variant_priv *priv; /* generator state for checking */
};

/* Generate the variant of SPEC for SEED (from q_rng_seed).  NULL with
 * *ERR ("FILE:LINE:COL: ...", newly allocated) only when a difficulty
 * knob cannot be met in Q_MAX_TRIES tries, or a scenario run fails. */
struct q_variant *q_generate (const struct q_spec *spec, uint64_t seed,
                              char **err);
void q_variant_free (struct q_variant *v);

/* -------------------------------------------------------------- checks */

/* The grade of one answer. */
struct q_result
{
  double score;      /* in [0, 1]; multiply by the question's points */
  bool understood;   /* false: GIVEN could not be read at all (score 0) */
  char *feedback;    /* newly allocated, translated, one or more lines:
                        what was right, what was wrong, and when a wrong
                        answer is what another policy or a known mistake
                        gives, that mistake by name ("that is what LRU
                        would evict; this is FIFO") */
};

/* Grade GIVEN (what the student typed, any bytes, any spacing) against
 * V; the same GIVEN always gets the same result, so a results file can be
 * regraded.  Numbers are decimal or 0x-hex, optionally with a size suffix
 * (4K, 4 KiB, 4M...) or a unit word ("130 ns", "12 bits", "15 faults");
 * "12.0" is 12; decimals may be fractions (3/8) or percentages (37.5%);
 * "fault" and "none" are words; choices letters ("b", "B", "b)").  Lists
 * are typed with spaces or commas, grids as rows separated by ';', '|' or
 * newlines ('-' or '.' for an empty frame; a last row of fault marks is
 * ignored).  Lists and answers with several parts earn partial credit
 * per item; grids per cell, with carry-forward: a cell is graded against
 * the state the student's own previous column implies, so one slip costs
 * one cell.  Decimals are right within `tolerance`.  An empty GIVEN
 * scores 0 and is not understood. */
void q_check (const struct q_variant *v, const char *given,
              struct q_result *out);
void q_result_free (struct q_result *r);

/* The worked answer: how the engine got it, step by step (a replacement
 * grid, the bits of a translation, the EAT sum...).  Newly allocated,
 * translated. */
char *q_explain (const struct q_variant *v);

/* The why of choice I (shown order) of choice variant V, translated, or
 * NULL when it has none or V is not a choice. */
const char *q_choice_why (const struct q_variant *v, size_t i);

#endif
