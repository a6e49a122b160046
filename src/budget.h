/* budget.h: the memory budget (--max-memory): one process-wide count of
 * the bytes held by the engine's own data (page tables, frame metadata,
 * OPT's future, history checkpoints, spooled input), and the place of
 * the run (FILE:LINE of the step or trace line) that messages name.
 *
 * Whoever allocates such data calls budget_charge with the bytes it adds
 * (and a negative count when it frees them); going over the limit stops
 * the run with "vmtutor: FILE:LINE: the run needs more than 1 GiB (WHAT);
 * see --max-memory" and exit status 2.  Callers that can see the cost
 * before paying it (--check, a spooler) ask budget_fits first. */
#ifndef VMTUTOR_BUDGET_H
#define VMTUTOR_BUDGET_H

#include <stdbool.h>
#include <stdint.h>

#define BUDGET_DEFAULT (1ULL << 30)

/* What the bytes are for: the WHAT of the message (translated when
 * printed; these are the msgids). */
#define BUDGET_PAGE_TABLES N_("page tables")
#define BUDGET_FRAMES N_("frame metadata")
#define BUDGET_SWAP N_("the swap map")
#define BUDGET_PROCESSES N_("processes and regions")
#define BUDGET_OBJECTS N_("memory objects")
#define BUDGET_FUTURE N_("opt's future")
#define BUDGET_HISTORY N_("history checkpoints")
#define BUDGET_EVICTED N_("the eviction history")
#define BUDGET_SPOOL N_("spooled input")
#define BUDGET_VALUES N_("values in memory")

struct budget_place
{
  const char *file;     /* NULL: no place known */
  uint64_t line;        /* 0: the file only */
};

/* The place messages name; set by the runners (cheap: two stores). */
extern struct budget_place budget_place;
/* What the last charge was for, until the next allocation succeeds: an
 * allocation that fails right after a charge names it. */
extern const char *budget_pending;

static inline void
budget_at (const char *file, uint64_t line)
{
  budget_place.file = file;
  budget_place.line = line;
}

/* Set the limit in bytes (0: the default, 1 GiB). */
void budget_set_limit (uint64_t bytes);
uint64_t budget_limit (void);
/* Bytes charged now. */
uint64_t budget_used (void);
/* Add DELTA bytes (negative: given back) held for WHAT; past the limit,
 * budget_exceeded (WHAT). */
void budget_charge (int64_t delta, const char *what);
/* Would BYTES more fit under the limit? */
bool budget_fits (uint64_t bytes);
/* Stop the run: "PROGRAM: PLACE: the run needs more than LIMIT (WHAT);
 * see --max-memory", exit status 2. */
void budget_exceeded (const char *what) __attribute__ ((noreturn));
/* The same message as a string (for --check and callers that report
 * errors themselves), without the program name; free it. */
char *budget_message (const char *what);
/* N bytes for people: "1 GiB", "512 MiB", "1536 KiB", "100 bytes". */
char *budget_size_text (uint64_t n);

#endif
