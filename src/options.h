/* options.h: the parsed command line, shared by main.c (which fills it)
 * and the modes it dispatches to (batch, check, interface). */
#ifndef VMTUTOR_OPTIONS_H
#define VMTUTOR_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/vm.h"

enum vm_mode
{
  MODE_UI,     /* the interactive visualiser (default) */
  MODE_BATCH,  /* --batch */
  MODE_CHECK,  /* --check FILE... */
  MODE_QUIZ,   /* --quiz=FILE --student=ID: take a quiz */
  MODE_KEY,    /* --quiz=FILE --key */
  MODE_GRADE,  /* --grade --quiz=FILE RESULTS... */
  MODE_EXPORT, /* --quiz=FILE --export=FORMAT */
  MODE_LESSON  /* --lesson[=NAME] (src/lesson/lesson-main.c) */
};

enum out_format
{
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_CSV,       /* --grade */
  FORMAT_GIFT,      /* --export=gift */
  FORMAT_MOODLE_XML, /* --export=moodle-xml */
  FORMAT_GRID       /* --batch --format=grid (src/out/grid.c) */
};

enum color_mode
{
  COLOR_AUTO,
  COLOR_ALWAYS,
  COLOR_NEVER
};

/* Machine options given on the command line override the scenario's.
 * A `has_*` flag says the option was given. */
struct machine_opts
{
  bool has_policy;   enum vm_policy policy;
  bool has_frames;   uint32_t frames;
  bool has_page_size; uint64_t page_size;
  bool has_va_bits;  unsigned va_bits;
  bool has_levels;   unsigned levels; unsigned level_bits[VM_MAX_LEVELS];
  bool has_tlb;      uint32_t tlb_entries; uint32_t tlb_ways;
  bool has_tlb_policy; enum vm_tlb_policy tlb_policy;
  bool has_swap;     uint32_t swap_slots;
  bool has_seed;     uint64_t seed;
  bool has_tick;     uint32_t tick;
  bool has_tau;      uint32_t tau;
};

struct options
{
  enum vm_mode mode;
  enum out_format format;
  bool quiet;
  const char *refs;          /* --refs=LIST */
  const char *trace;         /* --trace=FILE */
  const char *trace_format;  /* auto|pages|addr|lackey */
  const char *sweep;         /* --sweep=MIN-MAX (src/out/sweep.c) */
  const char *policies;      /* --policy=P1,P2,... (a list: --sweep only) */
  long pid;                  /* --pid=PID (0: not given; src/real/) */
  bool self;                 /* --self */
  bool backing_zero;         /* --backing=zero (refs/trace: demand-zero) */
  bool explain;              /* --explain: the narration under each line */
  struct machine_opts machine;
  enum color_mode color;
  bool project;              /* --project */
  enum vm_policy compare[4]; /* --compare=P1,...: the compare view's */
  unsigned ncompare;         /* 0: fifo, lru, clock and opt */
  bool light;                /* --theme=light */
  bool has_format;           /* --format was given */
  const char *quiz;          /* --quiz=FILE */
  const char *student;       /* --student=ID */
  const char *results;       /* --results=FILE */
  bool plain;                /* --plain */
  unsigned variants;         /* --variants=N (0: not given) */
  enum out_format export_format; /* --export=FORMAT */
  bool lesson;               /* --lesson[=NAME] was given */
  const char *lesson_name;   /* its NAME or FILE, NULL if none */
  bool list;                 /* --list (with --lesson) */
  bool reset;                /* --reset (with --lesson) */
  int nfiles;                /* positional arguments */
  char **files;
};

/* Apply the machine options of O on top of CFG (levels are re-split by
 * default when va_bits or page_size change and --levels was not given). */
void machine_opts_apply (const struct machine_opts *o, struct vm_config *cfg);

/* The modes.  Each returns the process exit status. */
int batch_main (const struct options *o);
int check_main (const struct options *o);
int ui_main (const struct options *o);
/* --quiz, --key, --grade and --export (src/quiz/quiz-main.c). */
int quiz_main (const struct options *o);
/* --batch --pid=PID | --self (src/real/real-out.c). */
int real_main (const struct options *o);
/* --lesson, with --list, --plain, --key or --check (src/lesson/). */
int lesson_main (const struct options *o);

#endif
