/* narrate.h: events in words.  Turns what an access or a tick did into the
 * sentence the narration pane shows ("TLB miss; walk L1[0] -> L2[3]: not
 * present; major fault: ...").  Curses-free, so it can be unit-tested. */
#ifndef VMTUTOR_NARRATE_H
#define VMTUTOR_NARRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario/scenario.h"

/* Why access EV did what it did, on machine VM (after the access), as a
 * newly allocated sentence.  UTF8 chooses the arrow glyph. */
char *narrate_access (const struct vm *vm, const struct vm_event *ev, bool utf8);
/* What tick T was (any kind), newly allocated; NULL if there is nothing
 * to say beyond the scenario's own text. */
char *narrate_tick (const struct vm *vm, const struct tick *t, bool utf8);
/* A page's label: "NAME:REGION[I]" for page I of a named region that does
 * not start at page 0, else "NAME:VPN" (decimal below 1024, else hex). */
void narrate_page (char *buf, size_t n, const struct vm *vm, uint32_t pid,
                   uint64_t vpn);
/* Map the engine's access numbers to the interface's steps: FN returns
 * the 0-based tick of access number STEP of the current machine, or
 * UINT64_MAX if unknown.  Without it, sentences count accesses only. */
void narrate_set_steps (uint64_t (*fn) (const void *arg, uint64_t step),
                        const void *arg);
/* When access number WHEN was, seen from access number NOW: "at step 12,
 * 7 accesses ago", "in 3 accesses" (a future step is never named: it is
 * known only once the run has been there), "by this access". */
void narrate_when (char *buf, size_t n, uint64_t when, uint64_t now);
/* When access number WHEN was, short: "at step 12" ("at access 12"
 * without a step map). */
void narrate_at (char *buf, size_t n, uint64_t when);
/* The name of process PID ("?" if unknown). */
const char *narrate_proc (const struct vm *vm, uint32_t pid);

#endif
