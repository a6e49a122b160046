/* trace.h: streaming readers of memory-access traces: reference strings
 * (--refs), page-number files, address files and valgrind lackey traces.
 *
 * A reader holds a fixed-size buffer whatever the length of its input:
 * lines longer than TRACE_MAX_LINE bytes are an error, not an allocation.
 * It knows nothing of the engine beyond the vm.h types: it yields raw
 * records (trace_next_record) or, once told the page size, one access per
 * page touched (trace_next).
 *
 * Formats (one record per line; blank lines and lines whose first
 * non-blank character is '#' are skipped; a '#' after a record starts a
 * comment, except in lackey traces):
 *
 *   pages   a virtual page number, decimal or 0x-hex, with an optional
 *           operation letter r, w or x (any case) before or after it,
 *           with or without a space: "7", "7w", "7 w", "w 7".  Read if none.
 *   addr    a virtual address, decimal or 0x-hex, with the same optional
 *           operation letter: "0x1234", "0x1234 W", "W 0x1234", "4660 r".
 *   lackey  valgrind --tool=lackey --trace-mem=yes output:
 *           "I  ADDR,SIZE" (instruction fetch = exec), " L ADDR,SIZE"
 *           (load), " S ADDR,SIZE" (store), " M ADDR,SIZE" (modify), with
 *           ADDR in hex without 0x and SIZE in decimal (at most
 *           TRACE_MAX_SIZE); lines starting "==" are valgrind's and skipped.
 *   refs    the --refs list: page numbers separated by commas, each with an
 *           optional operation suffix ("3w"); spaces around items allowed.
 *           "@FILE" reads the list from FILE (at most TRACE_MAX_REFS_FILE
 *           bytes), where newlines separate items too.
 *
 * Auto-detection (TRACE_FMT_AUTO) looks at the first TRACE_DETECT_LINES
 * meaningful lines without consuming them: lackey if any of them starts
 * with "==" or with a lackey kind letter I, L, S or M and a blank (valid
 * or not: a broken lackey record gets the lackey error); otherwise addr if
 * any of them holds a "0x" number; otherwise pages.  A decimal address
 * file must therefore be named with --trace-format=addr.
 *
 * Access expansion (trace_next): a pages or refs record is the one access
 * at VPN << page_shift; an addr record is one access at its address; a
 * lackey record is one access per page its bytes span, lower page first,
 * and an M record is a read of all those pages followed by a write of
 * all of them. */
#ifndef VMTUTOR_TRACE_H
#define VMTUTOR_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "engine/vm.h"

#define TRACE_MAX_LINE 4096       /* bytes per line, newline excluded */
#define TRACE_MAX_SIZE 65536      /* bytes of one lackey record */
#define TRACE_DETECT_LINES 16     /* lines auto-detection looks at */
#define TRACE_MAX_REFS_FILE (64 << 20) /* bytes of a --refs=@FILE */

enum trace_format
{
  TRACE_FMT_AUTO,
  TRACE_FMT_PAGES,
  TRACE_FMT_ADDR,
  TRACE_FMT_LACKEY,
  TRACE_FMT_REFS
};

/* One record as written in the input. */
struct trace_rec
{
  uint64_t addr;      /* page number (pages, refs) or address */
  uint64_t size;      /* bytes (lackey), else 0 */
  enum vm_op op;      /* VM_READ, VM_WRITE or VM_EXEC */
  bool modify;        /* lackey M: read then write */
  uint64_t line;      /* 1-based line (refs: 1) */
  unsigned col;       /* 1-based column of the record */
};

/* One access to one page, as the engine takes it. */
/* One access read (va, vpn, op, line): the engine's struct vm_ref, so
 * that a buffer of them goes straight to vm_access_run. */
#define trace_access vm_ref

struct trace;

/* The format named S ("auto", "pages", "addr", "lackey"), or -1. */
int trace_format_parse (const char *s);
/* The name of format F. */
const char *trace_format_name (enum trace_format f);

/* Open PATH ("-" for standard input) in format FMT.  NULL with *ERR (newly
 * allocated, without the program name) if it cannot be opened or is a
 * directory.  A FIFO without a writer is waited for; after a second a
 * line on stderr says so. */
struct trace *trace_open_file (const char *path, enum trace_format fmt,
                               char **err);
/* A reader over FP, named NAME in messages; FP is closed by trace_close
 * when OWN is true.  Never fails. */
struct trace *trace_open_stream (FILE *fp, const char *name,
                                 enum trace_format fmt, bool own);
/* A reader over the --refs LIST (not copied: it must outlive the reader).
 * "@FILE" reads the list from FILE; if that fails, the reader's first
 * record is an error (trace_error says why). */
struct trace *trace_open_refs (const char *list);
void trace_close (struct trace *t);

/* The format of T, detecting it first if it was TRACE_FMT_AUTO (this reads
 * ahead but consumes nothing).  Never TRACE_FMT_AUTO. */
enum trace_format trace_format (struct trace *t);

/* Tell T the address space: VA_BITS bits of address, pages of
 * 1 << PAGE_SHIFT bytes.  Needed before trace_next; page numbers and
 * addresses (the last byte of a lackey record) outside the space are then
 * errors. */
void trace_set_space (struct trace *t, unsigned va_bits, unsigned page_shift);

/* The next record: 1 with *R filled, 0 at the end, -1 on error
 * (trace_error says what). */
int trace_next_record (struct trace *t, struct trace_rec *r);
/* The next one-page access: 1 with *A filled, 0 at the end, -1 on error. */
int trace_next (struct trace *t, struct trace_access *a);

/* Up to N one-page accesses into A (the loop of trace_next, faster):
 * their number, 0 at the end, -1 on an error with nothing before it (an
 * error after some accesses is returned by the next call). */
long trace_read (struct trace *t, struct trace_access *a, size_t n);

/* The last error, "NAME:LINE:COL: found 'X'; expected Y" or similar
 * (translated, without the program name); NULL if none. */
const char *trace_error (const struct trace *t);
/* The name used in messages ("--refs" for a reference string). */
const char *trace_name (const struct trace *t);

/* Make T readable twice although its input may be a pipe or a device:
 * unless it is a regular file, what the first pass reads is copied to a
 * temporary file, at most MAX_BYTES (beyond that the first pass fails with
 * "NAME:LINE: ... see --max-memory").  Call before reading.  False with
 * *ERR if no temporary file can be made. */
bool trace_spool (struct trace *t, uint64_t max_bytes, char **err);

/* Start again from the beginning (for a second pass).  False if the input
 * cannot be re-read (a pipe not spooled, or a spooled first pass that did
 * not reach the end). */
bool trace_rewind (struct trace *t);

#endif
