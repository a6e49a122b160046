/* scenario-internal.h: the loaded form of a scenario, shared by the
 * loader (scenario-load.c, scenario-steps.c, expect.c, scenario-trace.c)
 * and the runner (scenario-run.c).  Nothing outside src/scenario/ sees
 * these structures. */
#ifndef VMTUTOR_SCENARIO_INTERNAL_H
#define VMTUTOR_SCENARIO_INTERNAL_H

#include <setjmp.h>

#include "scenario/scenario.h"
#include "scenario/yaml-tree.h"

#define SC_MAX_TICKS 10000000ull  /* ticks after expanding everything */
#define SC_MAX_PROCS 4096         /* processes alive in one machine */
#define SC_MAX_REBOOTS 1000
#define SC_MAX_LIST 1000000       /* entries of any list */
#define SC_MAX_FRAMES (1u << 20)  /* the engine allocates frames up front */
#define SC_MAX_SLOTS (1u << 22)   /* and swap slots */
#define SC_MAX_REGIONS 65536      /* regions of all processes of a machine */

/* A position in the scenario file (1-based). */
struct sc_mark
{
  unsigned line, col;
};

/* A value given in the scenario (DESIGN.md "Values"): an integer, or a
 * string of up to 8 bytes packed little-endian (STR). */
struct sc_value
{
  uint64_t offset;         /* files' content: bytes into the file */
  uint64_t value;
  bool str;
};

/* A memory object declared under `files:` or `shm:`. */
struct sc_object
{
  struct sc_value *content; /* files: initial values */
  size_t ncontent;
  char *name;
  uint64_t pages;          /* when given in pages */
  uint64_t size;           /* when given in bytes */
  bool by_size;
  bool shm;
  struct sc_mark mark;
};

/* A region of a process, or the region an `mmap` step creates.  START and
 * OFFSET are bytes; the size is PAGES or SIZE bytes, converted with the
 * page size of the machine that runs it. */
struct sc_region
{
  char *name;
  bool has_start;
  uint64_t start;
  bool by_size;
  uint64_t pages, size;
  unsigned perm;           /* VM_PERM_* */
  unsigned flags;          /* VM_MAP_SHARED | VM_MAP_FILE | ... */
  bool shm;                /* backed by a shared memory object */
  bool store;              /* backing: store (textbook backing store) */
  char *object;            /* object name, NULL for an implicit one */
  uint64_t offset;         /* bytes into the object */
  uint64_t static_pages;   /* pages with the scenario's page size */
  struct sc_mark mark;
};

struct sc_proc
{
  char *name;
  struct sc_region *regions;
  size_t nregions;
  bool has_base;           /* unpaged machines */
  uint64_t base, limit;
  struct sc_mark mark;
};

/* A list of page ranges, e.g. "0-15,32,40-47". */
struct sc_range
{
  uint64_t lo, hi;
};

enum sc_step_kind
{
  ST_SAY, ST_PAUSE, ST_ACCESS, ST_TOUCH, ST_TRACE, ST_SWITCH, ST_FORK,
  ST_EXIT, ST_MMAP, ST_MUNMAP, ST_PROTECT, ST_MLOCK, ST_MUNLOCK,
  ST_EXPECT, ST_ASK, ST_REBOOT,
  ST_PAGE, ST_PREDICT      /* lessons (scenario-lesson.c) */
};

/* One condition of an `expect` step (see expect.c for the keys). */
struct sc_cond
{
  int key;                 /* index in expect.c's table */
  uint64_t value;
  char *str;               /* names: result, signal, owner, ... */
  bool none;               /* `none` / no such thing */
  struct sc_mark mark;
};

struct sc_expect
{
  struct sc_cond *conds;
  size_t nconds;
  char *proc;              /* `process:` for per-process conditions */
  char *region;            /* `region:` + `page:` for `resident:` */
  bool has_page;
  uint64_t page;
  bool has_addr;
  uint64_t addr;
};

struct sc_step
{
  enum sc_step_kind kind;
  struct sc_mark mark;
  uint64_t ticks;          /* ticks this step expands to */
  char *text;              /* say, pause, ask's question, description */
  char *proc;              /* process (fork: parent) */
  char *child;             /* fork */
  char *region;
  bool has_addr;
  uint64_t addr;           /* access: address (bytes) */
  uint64_t page, offset;   /* access: page of region + byte offset */
  enum vm_op op;
  bool op_given;
  bool has_value;          /* access: value written */
  struct sc_value value;
  uint64_t repeat, stride, per_page;
  struct sc_range *ranges; /* touch; munmap/protect/mlock sub-range */
  size_t nranges;
  struct sc_region map;    /* mmap */
  unsigned perm;           /* protect */
  struct sc_expect expect;
  char **choices;          /* ask */
  size_t nchoices;
  int answer;
  char *explain;
  uint64_t *trace_va;      /* trace: the accesses, read at load time */
  unsigned char *trace_op;
  struct vm_config cfg;    /* reboot: the new machine */
  size_t say_end;          /* say, pause with text: the last step its
                              words stay on screen for (see sc_say_extent) */
  uint64_t say_steps;      /* say: { steps: N }, 0 if not given */
  int view;                /* say: { view: V }, SC_VIEW_NONE if not given */
  struct sc_predict *predict; /* predict (lessons) */
};

struct scenario
{
  char *file;
  char *dir;               /* directory of the file with its '/', or "" */
  char *title, *about;     /* translated (scenario_text) */
  char *title_written;     /* the title as the file has it */
  struct vm_config cfg;
  bool aslr;
  struct sc_object *objects;
  size_t nobjects;
  struct sc_proc *procs;
  size_t nprocs;
  struct sc_step *steps;
  size_t nsteps;
  uint64_t ticks;
  /* project: the panes projection mode shows (names of a static table). */
  const char *project[6];
  size_t nproject;
  struct sc_lesson *lesson; /* the `lesson:` block, NULL if none */
  int view;                /* top-level `view:`, SC_VIEW_NONE if none */
};

/* The loader's context: errors longjmp to the top of scenario_load. */
struct sc_ctx
{
  const char *file;
  jmp_buf fail;
  char *err;
  struct scenario *sc;
  const struct ynode *root;
  struct sc_sim *sim;      /* scenario-steps.c's name tracking */
  size_t max_errs;         /* errors to collect before giving up (>= 1) */
  char **errs;             /* errors collected so far (steps go on after
                              one), each "FILE:LINE:COL: ..." */
  size_t nerrs;
};

/* Record an error at node N ("found X; expected Y") and unwind. */
_Noreturn void sc_fail (struct sc_ctx *c, const struct ynode *n,
                        const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
/* "found DESCRIPTION-OF-N; expected EXPECTED" at N, and unwind. */
_Noreturn void sc_expected (struct sc_ctx *c, const struct ynode *n,
                            const char *expected);
/* sc_expected, adding "did you mean 'W'?" for the nearest of WORDS
 * (NULL-ended) to the text of N, if one is near enough. */
_Noreturn void sc_expected_near (struct sc_ctx *c, const struct ynode *n,
                                 const char *expected,
                                 const char *const *words);
/* Describe N for "found ...": 'text', a mapping, a list, nothing. */
char *sc_describe (const struct ynode *n);

/* Check that N is a mapping whose keys are all in KEYS (NULL-ended);
 * WHAT names it in messages.  Unknown keys get a suggestion. */
void sc_check_map (struct sc_ctx *c, const struct ynode *n,
                   const char *what, const char *const *keys);
/* The value of a required key, or an error at N. */
const struct ynode *sc_need (struct sc_ctx *c, const struct ynode *n,
                             const char *key, const char *what);
/* The nearest of CANDIDATES (NULL-ended) to WORD, or NULL if none is
 * close enough to suggest. */
const char *sc_nearest (const char *word, const char *const *candidates);
/* The view named by N (`view: grid`...), an enum sc_view. */
int sc_view (struct sc_ctx *c, const struct ynode *n);

/* Typed values; each fails with a message at N. */
const char *sc_string (struct sc_ctx *c, const struct ynode *n);
/* Human text (scenario-text.c): sc_string shown to the extraction hook as
   WHAT and looked up in the catalogue; newly allocated. */
char *sc_text (struct sc_ctx *c, const struct ynode *n, const char *what);
const char *sc_name (struct sc_ctx *c, const struct ynode *n);
uint64_t sc_uint (struct sc_ctx *c, const struct ynode *n, uint64_t min,
                  uint64_t max);
uint64_t sc_size (struct sc_ctx *c, const struct ynode *n, uint64_t min,
                  uint64_t max);
bool sc_bool (struct sc_ctx *c, const struct ynode *n);
/* A value: an integer 0 .. 2^64-1, or (quoted, or not a number) a string
 * of up to 8 bytes. */
void sc_value (struct sc_ctx *c, const struct ynode *n, struct sc_value *v);
unsigned sc_perm (struct sc_ctx *c, const struct ynode *n);
enum vm_op sc_op (struct sc_ctx *c, const struct ynode *n);
/* A page list: an integer, "0-15,32", or a list of those. */
void sc_ranges (struct sc_ctx *c, const struct ynode *n,
                struct sc_range **out, size_t *nout);
/* Whether N is `none` (or null). */
bool sc_is_none (const struct ynode *n);
struct sc_mark sc_mark_of (const struct ynode *n);

/* scenario-region.c */
unsigned sc_page_shift (uint64_t page_size);
/* Pages of the whole virtual address space of CFG (saturating). */
uint64_t sc_space_pages (const struct vm_config *cfg);
void sc_parse_objects (struct sc_ctx *c, const struct ynode *n, bool shm);

/* scenario-load.c */
void sc_parse_machine (struct sc_ctx *c, const struct ynode *n,
                       struct vm_config *cfg, bool *aslr, bool reboot);
void sc_parse_region (struct sc_ctx *c, const struct ynode *n,
                      struct sc_region *r, const char *const *extra_keys);
void sc_region_free (struct sc_region *r);
const struct sc_object *sc_find_object (const struct scenario *sc,
                                        const char *name, bool shm);

/* scenario-steps.c */
void sc_parse_steps (struct sc_ctx *c, const struct ynode *n);
void sc_sim_free (struct sc_sim *sim);
void sc_step_free (struct sc_step *s);

/* say-extent.c: set the say_end of every say and pause of SC (the extent
 * rule of vmtutor-scenario(5), "Narration"). */
void sc_say_extent (struct scenario *sc);
/* scenario-lesson.c: the lesson additions (vmtutor-scenario(5),
 * "Lessons"): the top-level `lesson:` block and the `page:` and
 * `predict:` steps. */
void sc_parse_lesson (struct sc_ctx *c, const struct ynode *n);
void sc_lesson_free (struct sc_lesson *l);
void sc_parse_page (struct sc_ctx *c, const struct ynode *n,
                    struct sc_step *s);
void sc_parse_predict (struct sc_ctx *c, const struct ynode *n,
                       struct sc_step *s);
void sc_predict_free (struct sc_predict *p);
/* After all steps: checkpoint ids are unique. */
void sc_lesson_finish (struct sc_ctx *c, const struct ynode *steps);

/* expect.c */
void sc_parse_expect (struct sc_ctx *c, const struct ynode *n,
                      struct sc_expect *e);
void sc_expect_free (struct sc_expect *e);
/* Whether E holds for VM (LAST is the last access or NULL); a
 * description of what was checked in *TEXT (newly allocated).  NAME_OF
 * maps a pid to its process name, PID_OF a name to a pid, REGION_VPN the
 * (process, region) to its first page. */
struct run;
bool sc_eval_expect (const struct sc_expect *e, struct run *r,
                     const struct vm_event *last, char **text);

/* scenario-trace.c: a trace file included by relative path N (never
 * outside the scenario's directory tree), read whole into S->trace_va and
 * S->trace_op with the trace reader of src/trace/; errors name the trace
 * file's line or N. */
void sc_trace_load (struct sc_ctx *c, const struct ynode *n, int format,
                    struct sc_step *s);

/* The runner's own view of a process: its regions by name (the engine
 * knows them by number), so steps can name them. */
struct run_reg
{
  char *name;
  uint64_t start_vpn, pages;
};

struct run_proc
{
  char *name;
  uint32_t pid;
  struct run_reg *regs;
  size_t n, cap;
};

/* Future knowledge for opt, shared (read-only) by a run and its clones. */
struct run_future
{
  struct vm_future *f;
  unsigned refs;
};

/* A run: the machine, where we are in the program, and what a tick
 * needs to describe itself.  Everything is copied by run_clone. */
struct run
{
  const struct scenario *sc;
  void (*override) (void *ctx, struct vm_config *cfg);
  void *ctx;
  bool prepass;            /* collecting (pid, vpn) for opt */
  struct vm *vm;
  struct vm_config cfg;
  struct run_proc *procs;
  size_t nprocs, cap;
  uint64_t rng;            /* ASLR */
  uint64_t pos;            /* ticks done */
  size_t step;             /* current step */
  uint64_t sub;            /* ticks done in the current step */
  uint32_t cur_pid;        /* the current step's process and region */
  uint64_t cur_vpn, cur_pages;
  bool cur_ok;
  uint64_t rep, page, k;   /* touch iterator */
  size_t range;
  struct vm_event last;
  bool has_last;
  unsigned failures;
  char *text;
  struct run_future *future;
  bool future_checked;
  struct vm_future *collect; /* prepass: where keys go */
  uint64_t naccess, seg_start;
  uint32_t seg;
  size_t say;              /* 1 + the step whose words are in force, 0 */
};

/* scenario-setup.c: a fresh machine for R with configuration CFG: the
 * objects, processes and regions of the scenario.  False with *ERR. */
bool run_setup (struct run *r, const struct vm_config *cfg, char **err);
void run_procs_free (struct run *r);
/* Map region G into process P of R; false with *WHY (a msgid). */
bool run_map (struct run *r, struct run_proc *p, const struct sc_region *g,
              const char **why);
struct run_proc *run_proc_add (struct run *r, const char *name,
                               uint32_t pid);
struct run_proc *run_proc_find (const struct run *r, const char *name);
struct run_reg *run_reg_find (const struct run_proc *p, const char *name);
void run_reg_add (struct run_proc *p, const char *name, uint64_t start_vpn,
                  uint64_t pages);

/* scenario-run.c helpers for expect.c */
uint32_t run_pid_of (const struct run *r, const char *name);
const char *run_name_of (const struct run *r, uint32_t pid);
bool run_region_vpn (const struct run *r, const char *proc,
                     const char *region, uint64_t *vpn, uint64_t *pages);

#endif
