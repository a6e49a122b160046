/* history.h: stepping backwards through a run.  A history owns a run and
 * keeps checkpoints (run_clone) every K ticks, K doubling when there are
 * too many, so going back one tick is a clone plus at most K ticks of
 * replay.  It also keeps a compact record of every tick executed so far,
 * which the fault log draws and searches.  Curses-free. */
#ifndef VMTUTOR_UI_HISTORY_H
#define VMTUTOR_UI_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario/scenario.h"

/* One tick as the log shows it (32 bytes; the page number is the address
 * shifted by the page size). */
struct hist_rec
{
  uint64_t va;
  uint64_t victim_vpn;
  uint32_t pid;          /* access: pid; switch/fork/exit: pid */
  uint32_t frame;        /* access: frame; fork: child */
  uint32_t victim_pid;   /* VM_NONE if no eviction */
  uint8_t kind;          /* enum tick_kind */
  uint8_t op;            /* enum vm_op */
  uint8_t result;        /* enum vm_result; expect: ok; ask: the answer */
  int8_t tlb;            /* -1, 0, 1 */
};

struct history;

/* A history of R, which must be at position 0; the history owns R. */
struct history *history_new (struct run *r);
void history_free (struct history *h);

/* Ticks executed at the current position, and in the whole scenario. */
uint64_t history_pos (const struct history *h);
uint64_t history_total (const struct history *h);
/* Execute one tick; false at the end. */
bool history_step (struct history *h);
/* Move to POS (clamped to the end) forwards or backwards. */
void history_goto (struct history *h, uint64_t pos);
/* The last tick executed (position - 1), NULL at position 0. */
const struct tick *history_tick (const struct history *h);
/* The latest access at or before the position (its tick), NULL if none. */
const struct tick *history_last_access (const struct history *h);
/* The scenario's words in force at the position (run_say), NULL if
 * none. */
const char *history_say (const struct history *h);
/* A copy of the run at the latest checkpoint at or before POS, for the
 * caller to step and free (to replay ticks without moving H). */
struct run *history_run_before (const struct history *h, uint64_t pos);
/* The run at the current position (do not step it yourself). */
struct run *history_run (const struct history *h);
/* Records of ticks 0 .. history_recorded () - 1 (a prefix of the run). */
uint64_t history_recorded (const struct history *h);
const struct hist_rec *history_rec (const struct history *h, uint64_t i);
/* The tick (0-based) of the engine's access number STEP on the current
 * machine, UINT64_MAX if that access has not been recorded yet. */
uint64_t history_tick_of_access (const struct history *h, uint64_t step);
/* Checkpoints held and bytes they take (approximately). */
size_t history_checkpoints (const struct history *h);
size_t history_memory (const struct history *h);

#endif
