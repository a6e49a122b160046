/* out.h: the batch writers that draw pictures rather than one line per
 * access: the textbook grid (--format=grid) and the faults-versus-frames
 * sweep (--sweep), with the terminal helpers they share. */
#ifndef VMTUTOR_OUT_H
#define VMTUTOR_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/vm.h"

struct options;
struct trace;

/* The width to draw in: $COLUMNS if it is a number from 20 to 1000, else
 * the width of the terminal on standard output, else 80. */
unsigned out_columns (void);
/* True when the locale's character set is UTF-8 (box drawing allowed). */
bool out_utf8 (void);
/* Display columns of the multibyte string S (its bytes if invalid). */
unsigned out_width (const char *s);
/* Print S padded with spaces to WIDTH display columns, right-aligned
 * when RIGHT. */
void out_pad (const char *s, unsigned width, bool right);

/* --format=grid of a refs or trace run: run T on VM (one process PID,
 * opt's future in F or NULL) and draw the grid and the totals.  0, or 2
 * on a trace error (reported). */
int grid_run (struct vm *vm, uint32_t pid, struct trace *t,
              const struct vm_future *f);

/* Most frames a grid draws (one row each). */
#define GRID_MAX_FRAMES 64

/* --sweep=MIN-MAX of the refs or trace run of O: the faults at every
 * frame count for every policy, printed in O's format.  Exit status. */
int sweep_main (const struct options *o);

/* Stack-distance curves over the dense page ids ID[0..N-1] (each below
 * NIDS): FAULTS[c - MIN] gets the faults of LRU (sweep_lru) or OPT
 * (sweep_opt) with c frames, for MIN <= c <= MAX. */
/* The LRU pass one reference at a time: new for distances up to MAX,
 * feed the ids (dense, from 0) in order, finish into FAULTS[c - MIN] for
 * MIN <= c <= MAX (and free). */
struct lru_sd;
struct lru_sd *lru_sd_new (uint32_t max);
void lru_sd_feed (struct lru_sd *l, uint32_t id);
void lru_sd_finish (struct lru_sd *l, uint32_t min, uint64_t *faults);
void sweep_lru (const uint32_t *id, size_t n, uint32_t nids, uint32_t min,
                uint32_t max, uint64_t *faults);
void sweep_opt (const uint32_t *id, size_t n, uint32_t nids, uint32_t min,
                uint32_t max, uint64_t *faults);

#endif
