/* scenario.h: scenarios — a machine, processes and a program of steps —
 * loaded from YAML (scenario-load.c) and run one tick at a time against
 * the engine (scenario-run.c).
 *
 * A "tick" is the unit the interface steps by: every memory access of an
 * expanded `touch`/`access` is one tick, and so is every other step (say,
 * switch, fork, mmap, pause, expect...).  The tick count of a scenario is
 * known after loading, before running. */
#ifndef VMTUTOR_SCENARIO_H
#define VMTUTOR_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/vm.h"

struct scenario;

/* Load and validate FILE.  On error return NULL and set *ERR to a newly
 * allocated message "FILE:LINE:COL: found ...; expected ..." (without the
 * program name). */
struct scenario *scenario_load (const char *file, char **err);
/* The same from memory: DATA (LEN bytes, not NUL-terminated) named FILE in
 * messages; traces are included relative to FILE's directory. */
struct scenario *scenario_load_buffer (const char *file, const char *data,
                                       size_t len, char **err);
/* Like scenario_load, but an error in a step does not stop the loader:
 * the next steps are checked too, up to MAX errors in all, and on
 * failure *ERR holds every error found, one per line. */
struct scenario *scenario_load_all (const char *file, size_t max,
                                    char **err);
void scenario_free (struct scenario *sc);
/* Whether SC, as far as can be seen without running it, stays within the
 * memory budget (budget.h: forks of processes with many pages); if not,
 * false and *ERR a newly allocated "FILE:LINE: the run needs more than
 * ...; see --max-memory" (without the program name). */
bool scenario_budget_check (const struct scenario *sc, char **err);

/* The title and the about, translated (see scenario_text). */
const char *scenario_title (const struct scenario *sc);
/* The title as the file has it, untranslated: for what must not depend
 * on the language (a quiz variant's fingerprint). */
const char *scenario_title_written (const struct scenario *sc);
const char *scenario_about (const struct scenario *sc);
/* The I-th pane the scenario's `project:` list names ("walk", "tlb",
 * "frames", "vspace", "swap", "log"), or NULL past its end. */
const char *scenario_project (const struct scenario *sc, size_t i);
const char *scenario_file (const struct scenario *sc);

/* The views a scenario can ask the interface for (`view:`, at the top
 * level or in a `say`). */
enum sc_view
{
  SC_VIEW_NONE = -1,  /* the scenario does not say */
  SC_VIEW_PANES,      /* the machine's panes */
  SC_VIEW_GRID,       /* the reference-string grid */
  SC_VIEW_CURVE,      /* faults versus frames */
  SC_VIEW_STRIP       /* the strip chart */
};
/* The view SC asks for once POS ticks have run: the `view:` of the
   latest `say` executed by then, else the top-level `view:`, else
   SC_VIEW_NONE. */
enum sc_view scenario_view_at (const struct scenario *sc, uint64_t pos);
/* The machine the scenario asks for (before command-line overrides). */
const struct vm_config *scenario_machine (const struct scenario *sc);
/* Total ticks (accesses and other steps) of the whole program. */
uint64_t scenario_ticks (const struct scenario *sc);

/* What one tick was. */
enum tick_kind
{
  TICK_ACCESS,   /* a memory access: `ev` is filled */
  TICK_SAY,      /* narration: `text` */
  TICK_PAUSE,    /* a teaching stop: `text` may be set */
  TICK_SWITCH,   /* context switch to `pid` */
  TICK_FORK,     /* `pid` forked `child` */
  TICK_MAP,      /* mmap / munmap / protect / mlock / munlock: `text` says what */
  TICK_EXIT,     /* `pid` exited */
  TICK_EXPECT,   /* an assertion: `ok`, and `text` says what was checked */
  TICK_ASK,      /* a question (lessons): `text`, `choices`, `answer` */
  TICK_OTHER,
  TICK_REBOOT,   /* a new machine replaced the old one: `text` says what;
                    call run_vm() again (the old pointer is freed) */
  TICK_PAGE,     /* a lesson's page of text: `text` */
  TICK_PREDICT   /* a lesson's checkpoint: `predict` (scenario-lesson.h) */
};

struct sc_predict;

struct tick
{
  uint64_t n;            /* 0-based tick number */
  enum tick_kind kind;
  unsigned line;         /* scenario line of the step this tick came from */
  const char *text;      /* narration / description, valid until next tick */
  uint32_t pid, child;
  bool ok;               /* TICK_EXPECT: the assertion held */
  uint32_t flushed;      /* TICK_SWITCH: TLB entries it invalidated */
  struct vm_event ev;    /* TICK_ACCESS */
  /* TICK_ASK: the choices, the index of the right one, an explanation
     (may be NULL); valid as long as the scenario. */
  const char *const *choices;
  size_t nchoices;
  int answer;
  const char *explain;
  const struct sc_predict *predict; /* TICK_PREDICT */
};

struct run;

/* A run of SC on a machine: the scenario's, with OVERRIDE applied when not
 * NULL (a function of the caller, e.g. machine_opts_apply).  NULL with *ERR
 * if the resulting machine is invalid. */
struct run *run_new (const struct scenario *sc,
                     void (*override) (void *ctx, struct vm_config *cfg),
                     void *ctx, char **err);
void run_free (struct run *r);
/* A deep copy (engine included): a checkpoint for stepping back. */
struct run *run_clone (const struct run *r);

/* Execute the next tick and describe it in *T.  False at the end. */
bool run_next (struct run *r, struct tick *t);
/* Ticks executed so far. */
uint64_t run_position (const struct run *r);
bool run_done (const struct run *r);
struct vm *run_vm (const struct run *r);
const struct scenario *run_scenario (const struct run *r);
/* The scenario's own words in force at the current position: the text of
 * the latest `say` (or `pause`) while the steps it introduces run, NULL
 * once they are over (see vmtutor-scenario(5), "Narration").  A function
 * of the position only.  Valid as long as the scenario. */
const char *run_say (const struct run *r);
/* Failed `expect` ticks so far. */
unsigned run_failures (const struct run *r);

/* The human text of scenario and quiz files (titles, abouts, say and
 * pause texts, ask questions, choices and explanations, quiz titles and
 * choice questions, the library's group headings) is looked up in the
 * message catalogue as it is loaded (vmtutor-scenario(5),
 * "Translations"): S translated, or S itself when the catalogue does not
 * have it or S is empty. */
const char *scenario_text (const char *s);
/* A line of a library's order file (order.txt: "= GROUP" starts a group,
 * other lines name a file, '#' starts a comment): NULL for a comment or a
 * blank line, else the group or file name, a pointer into LINE (which is
 * changed); *HEADING tells which. */
char *scenario_order_line (char *line, bool *heading);
/* Extraction of that text (extract-text.c, `make update-library-text`):
 * while a hook is set, the loaders pass every human text they read to it,
 * with the file, the line of the text and WHAT it is ("say", "title",
 * ...), and scenario_text translates nothing.  NULL removes the hook. */
typedef void scenario_text_hook (void *ctx, const char *file, unsigned line,
                                 const char *what, const char *text);
void scenario_text_set_hook (scenario_text_hook *hook, void *ctx);
/* Tell the hook, if one is set, of human text S (not empty) at
 * FILE:LINE. */
void scenario_text_seen (const char *file, unsigned line, const char *what,
                         const char *s);

#endif
