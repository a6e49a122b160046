/* trace-internal.h: what the trace reader (trace.c) and the line parsers
 * (parse.c) share.  Not for use outside src/trace/. */
#ifndef VMTUTOR_TRACE_INTERNAL_H
#define VMTUTOR_TRACE_INTERNAL_H

#include <stddef.h>

#include "trace/trace.h"

/* Where and why a line did not parse: the offending text starts at byte
 * COL (0-based) of the line; EXPECTED is a msgid ("a page number"). */
struct trace_perr
{
  size_t col;
  const char *expected;
};

/* Parse one line S of N bytes (no newline) in format FMT (pages, addr or
 * lackey).  1: a record in *R (line and col left to the caller, col set
 * 0-based); 0: nothing on the line (blank, comment, valgrind's own);
 * -1: an error described by *E. */
int trace_parse_line (enum trace_format fmt, const char *s, size_t n,
                      struct trace_rec *r, struct trace_perr *e);

/* Parse one --refs item starting at S[*I] of the N-byte list: on success
 * 1 with *R (addr, op, col) and *I just past the item; 0 at the end of the
 * list; -1 with *E on error.  Separators (commas, blanks) before the item
 * are skipped; a comma after it is consumed. */
int trace_parse_ref (const char *s, size_t n, size_t *i, struct trace_rec *r,
                     struct trace_perr *e);

/* Guess the format of the complete lines in BUF (N bytes): see trace.h. */
enum trace_format trace_detect (const char *buf, size_t n);

#endif
