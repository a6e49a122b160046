/* batch-out.h: the output of batch mode — one line per access in text or
 * JSON, narration lines, and the summary — through one large buffer with
 * hand-rolled number formatting (millions of lines a second). */
#ifndef VMTUTOR_BATCH_OUT_H
#define VMTUTOR_BATCH_OUT_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/vm.h"
#include "options.h"

/* Extra facts for the summary that the machine does not hold. */
struct batch_summary_extra
{
  const char *source;      /* scenario file, trace name or "--refs" */
  const char *format;      /* trace format name, or NULL for a scenario */
  bool scenario;
  unsigned expect_failures;
};

/* Set up the column widths for machine CFG and the output FORMAT. */
void batch_out_setup (const struct vm_config *cfg, enum out_format format);
/* The text header line (column names). */
void batch_out_header (void);
/* One access; WHY is its narration (narrate_access), or NULL: JSON
 * `why` (null without), text a line under the access (none without).
 * STEP is the interface's step of the access (from 1, as the narration
 * counts): the text `step` column; JSON keeps `step`, the access number. */
void batch_out_access (const struct vm_event *ev, uint64_t step,
                       const char *why);
/* A narration line of a scenario (text format only): LABEL then TEXT. */
void batch_out_note (const char *label, const char *text);
/* The summary of VM (text block or one JSON line). */
void batch_out_summary (const struct vm *vm,
                        const struct batch_summary_extra *x);
/* The output format set by batch_out_setup. */
enum out_format batch_out_format (void);
/* Write out what is buffered (before a message on stderr, and at exit). */
void batch_out_flush (void);

#endif
