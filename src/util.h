/* util.h: allocation that never returns NULL, the one place vmtutor dies,
 * and the hook the interface uses to restore the terminal first. */
#ifndef VMTUTOR_UTIL_H
#define VMTUTOR_UTIL_H

#include <stdarg.h>
#include <wchar.h>
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
/* The shorter form of a title or phrase S for MAXCOLS columns: the
 * longest part before a clause break (": ", ", ", "; ", " (" or " - ",
 * and the full-width "：", "，", "；", "（", "、") that fits, newly
 * allocated; a part cut at a comma, inside a list, ends in ELLIPSIS
 * ("Replacement: FIFO, LRU…": the list goes on).  NULL when S has no
 * such part. */
char *mbs_short_form (const char *s, int maxcols, const char *ellipsis);

/* Line breaking (issue 13): the one rule every word-wrapper uses, so
 * that measuring and drawing agree.  A line may break at a space (the
 * spaces go), at a newline, and between two characters when either is
 * wide (CJK text has no spaces), but never before closing punctuation
 * such as "，" or "。" nor after opening punctuation such as "（"; never
 * inside a run of narrow letters and digits that fits on a line; and
 * never inside a character.  A word longer than a line is cut at the
 * last whole character that fits.  */
/* Decodes the next character of S (LEN bytes left): returns its bytes
 * (0 at the end), the character in *WC and its columns in *W. */
typedef size_t (*mbs_decoder) (const char *s, size_t len, void *st,
                               wchar_t *wc, int *w);
/* The first line of S wrapped to W columns (W > 0): returns its bytes
 * (trailing spaces left out) and sets *NEXT to the bytes from S to the
 * next line's start (past the break's spaces and newline; 0 only when
 * S is empty).  DECODE NULL measures as mbs_width does; a decoder
 * measures as it does (its state is an mbstate_t). */
size_t mbs_wrap (const char *s, int w, size_t *next, mbs_decoder decode);
/* Lines S takes wrapped to W columns (0 for ""). */
int mbs_wrap_rows (const char *s, int w);

/* snprintf that never leaves half a character: when the text is cut
 * to fit BUF (N bytes), the cut is at a character boundary. */
int mbs_snprintf (char *buf, size_t n, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* The decimal digits of V (1 for 0). */
unsigned dec_digits (uint64_t v);

#endif
