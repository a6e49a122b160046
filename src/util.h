/* util.h: allocation that never returns NULL, the one place vmtutor dies,
 * and the hook the interface uses to restore the terminal first. */
#ifndef VMTUTOR_UTIL_H
#define VMTUTOR_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The program name used as the prefix of every message ("vmtutor"). */
extern const char *program_name;

/* Called by die() before it prints; the interface sets it to restore the
 * terminal. NULL when nothing needs restoring. */
extern void (*die_hook) (void);

/* Allocation wrappers: they return memory or die ("out of memory", exit
 * status 2, naming budget_place when set). */
void *xmalloc (size_t n);
void *xcalloc (size_t n, size_t size);
void *xrealloc (void *p, size_t n);
/* xreallocarray: like xrealloc (p, n * size) but dies on overflow. */
void *xreallocarray (void *p, size_t n, size_t size);
char *xstrdup (const char *s);
char *xstrndup (const char *s, size_t n);
/* xasprintf: a newly allocated formatted string. */
char *xasprintf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
char *xvasprintf (const char *fmt, va_list ap);

/* die: print "PROGRAM: MESSAGE" on stderr, run die_hook, exit with STATUS. */
void die (int status, const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 2, 3)));
/* warnx_: print "PROGRAM: MESSAGE" on stderr and carry on. */
void warn_msg (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Read the whole regular file FILE, at most MAX bytes, into a newly
 * allocated NUL-terminated buffer (its length in *LENP).  The file is
 * opened without blocking: a FIFO or a device is refused, never waited
 * for.  NULL with *ERR ("FILE: message") for a missing, special, too
 * big or unreadable file; WHAT names what was expected ("a quiz file"). */
char *read_file_max (const char *file, size_t max, const char *what,
                     size_t *lenp, char **err);

/* Display width (issue 13): text is measured in terminal columns, never
 * in bytes or characters.  Invalid bytes count one column each; control
 * and zero-width characters count none. */
/* Display columns of the multibyte string S. */
int mbs_width (const char *s);
/* Bytes of the longest prefix of S that fits in MAXCOLS columns without
 * splitting a character; its columns in *COLS when COLS is not NULL. */
size_t mbs_prefix (const char *s, int maxcols, int *cols);
/* Print S to FP padded with spaces to WIDTH columns (on the left when
 * RIGHT); S wider than WIDTH is printed whole. */
void mbs_pad (FILE *fp, const char *s, int width, bool right);
/* A newly allocated copy of S cut to at most MAXCOLS columns, ending in
 * ELLIPSIS (e.g. "~", counted in MAXCOLS) when it had to be cut. */
char *mbs_fit (const char *s, int maxcols, const char *ellipsis);

/* snprintf that never leaves half a character: when the text is cut
 * to fit BUF (N bytes), the cut is at a character boundary. */
int mbs_snprintf (char *buf, size_t n, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

#endif
