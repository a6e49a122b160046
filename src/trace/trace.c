/* trace.c: the streaming trace reader: a fixed buffer over a stream (or
 * the --refs string), line splitting with a length cap, auto-detection by
 * lookahead, error messages naming NAME:LINE:COL, and the expansion of
 * records into one-page accesses.  The grammars are in parse.c. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace/trace-internal.h"
#include "util.h"

#if !ENABLE_NLS
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif

#define BUF_SIZE (64 * 1024)
#define PATH_MAX_MSG 4200   /* a file name and a place in it */

/* A reader.  Input bytes live in BUF[POS..END); lines are cut in place.
 * The current record being expanded into page accesses is CUR, with the
 * pages FIRST..LAST, NEXT the next page to yield and WRITE_PHASE set
 * while yielding the write half of a lackey M record. */
struct trace
{
  enum trace_format fmt;
  char *name;
  FILE *fp;
  bool own;
  const char *refs;
  char *refs_own;             /* the list read from --refs=@FILE */
  bool refs_file;             /* messages name NAME:LINE:COL */
  size_t refs_len, refs_pos;
  uint64_t refs_item;
  FILE *spool;                /* a copy of the input for trace_rewind */
  uint64_t spooled, spool_max;
  off_t start;                /* where a seekable input started */
  char *buf;
  size_t pos, end;
  bool eof;
  uint64_t line;
  bool space;
  unsigned va_bits, page_shift;
  bool pending, write_phase;
  struct trace_rec cur;
  uint64_t first, last, next;
  char *err;
};

static const char *const format_names[] = {
  [TRACE_FMT_AUTO] = "auto",
  [TRACE_FMT_PAGES] = "pages",
  [TRACE_FMT_ADDR] = "addr",
  [TRACE_FMT_LACKEY] = "lackey",
  [TRACE_FMT_REFS] = "refs"
};

int
trace_format_parse (const char *s)
{
  for (size_t i = 0; i < ARRAY_SIZE (format_names); i++)
    if (i != TRACE_FMT_REFS && strcmp (s, format_names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
trace_format_name (enum trace_format f)
{
  return (unsigned) f < ARRAY_SIZE (format_names) ? format_names[f] : "?";
}

static struct trace *
trace_alloc (const char *name, enum trace_format fmt)
{
  struct trace *t = xcalloc (1, sizeof *t);
  t->fmt = fmt;
  t->name = xstrdup (name);
  return t;
}

struct trace *
trace_open_stream (FILE *fp, const char *name, enum trace_format fmt, bool own)
{
  struct trace *t = trace_alloc (name, fmt == TRACE_FMT_REFS ? TRACE_FMT_AUTO
                                 : fmt);
  t->fp = fp;
  t->own = own;
  t->buf = xmalloc (BUF_SIZE);
  return t;
}

/* Open PATH for reading without blocking on a FIFO that has no writer:
 * after a second of waiting, say on stderr what we wait for, then keep
 * waiting (as cat would).  A directory is refused (it is not WHAT, a
 * msgid).  The descriptor, or -1 with *ERR. */
static int
open_input (const char *path, const char *what, char **err)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  struct stat st;
  int flags;

  if (fd < 0)
    {
      *err = xasprintf ("%s: %s", path, strerror (errno));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      *err = xasprintf ("%s: %s", path, strerror (errno));
      close (fd);
      return -1;
    }
  if (S_ISDIR (st.st_mode))
    {
      *err = xasprintf (_("%s: found a directory; expected %s"), path,
                        _(what));
      close (fd);
      return -1;
    }
  if (S_ISFIFO (st.st_mode))
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      int rc;
      while ((rc = poll (&pfd, 1, 1000)) < 0 && errno == EINTR)
        ;
      if (rc == 0)
        {
          fprintf (stderr, _("%s: %s: waiting for a program to write to this "
                             "FIFO\n"), program_name, path);
          while (poll (&pfd, 1, -1) < 0 && errno == EINTR)
            ;
        }
    }
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

struct trace *
trace_open_file (const char *path, enum trace_format fmt, char **err)
{
  FILE *fp;
  int fd;

  if (strcmp (path, "-") == 0)
    return trace_open_stream (stdin, _("(standard input)"), fmt, false);
  fd = open_input (path, N_("a trace file"), err);
  if (fd < 0)
    return NULL;
  fp = fdopen (fd, "rb");
  if (!fp)
    {
      *err = xasprintf ("%s: %s", path, strerror (errno));
      close (fd);
      return NULL;
    }
  return trace_open_stream (fp, path, fmt, true);
}

/* Read all of PATH (at most TRACE_MAX_REFS_FILE bytes) into *BUF, *LEN
 * (NUL-terminated).  False with *ERR. */
static bool
slurp (const char *path, char **buf, size_t *len, char **err)
{
  int fd = open_input (path, N_("a file of page numbers"), err);
  size_t n = 0, cap = 0;
  char *b = NULL;

  if (fd < 0)
    return false;
  for (;;)
    {
      ssize_t got;
      if (n == cap)
        {
          if (n > TRACE_MAX_REFS_FILE)
            {
              *err = xasprintf (_("%s: found more than %d MiB; expected a "
                                  "shorter list (use --trace=FILE for a long "
                                  "trace)"), path, TRACE_MAX_REFS_FILE >> 20);
              break;
            }
          cap = cap ? cap * 2 : 64 * 1024;
          if (cap > TRACE_MAX_REFS_FILE + 1)
            cap = TRACE_MAX_REFS_FILE + 1;
          b = xrealloc (b, cap + 1);
        }
      got = read (fd, b + n, cap - n);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          *err = xasprintf (_("%s: read error: %s"), path, strerror (errno));
          break;
        }
      if (got == 0)
        {
          close (fd);
          b[n] = '\0';
          *buf = b;
          *len = n;
          return true;
        }
      n += (size_t) got;
    }
  close (fd);
  free (b);
  return false;
}

struct trace *
trace_open_refs (const char *list)
{
  struct trace *t;
  char *err = NULL;

  if (list[0] != '@')
    {
      t = trace_alloc ("--refs", TRACE_FMT_REFS);
      t->refs = list;
      t->refs_len = strlen (list);
      return t;
    }
  t = trace_alloc (list + 1, TRACE_FMT_REFS);
  t->refs_file = true;
  t->refs = "";
  if (slurp (list + 1, &t->refs_own, &t->refs_len, &err))
    t->refs = t->refs_own;
  else
    t->err = err;
  return t;
}

bool
trace_spool (struct trace *t, uint64_t max_bytes, char **err)
{
  struct stat st;

  if (t->refs || t->spool)
    return true;
  if (fstat (fileno (t->fp), &st) == 0 && S_ISREG (st.st_mode)
      && (t->start = ftello (t->fp)) >= 0)
    {
      /* Read from here again (standard input may start mid-file). */
      t->start -= (off_t) (t->end - t->pos);
      return true;
    }
  t->start = 0;
  t->spool = tmpfile ();
  if (!t->spool)
    {
      *err = xasprintf (_("cannot create a temporary file: %s"),
                        strerror (errno));
      return false;
    }
  t->spool_max = max_bytes;
  return true;
}

void
trace_close (struct trace *t)
{
  if (!t)
    return;
  if (t->own && t->fp)
    fclose (t->fp);
  if (t->spool)
    fclose (t->spool);
  free (t->refs_own);
  free (t->buf);
  free (t->name);
  free (t->err);
  free (t);
}

const char *
trace_error (const struct trace *t)
{
  return t->err;
}

const char *
trace_name (const struct trace *t)
{
  return t->name;
}

void
trace_set_space (struct trace *t, unsigned va_bits, unsigned page_shift)
{
  t->space = true;
  t->va_bits = va_bits;
  t->page_shift = page_shift;
}

/* Record the error message FMT (already translated) and return -1. */
static int set_error (struct trace *t, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static int
set_error (struct trace *t, const char *fmt, ...)
{
  va_list ap;
  free (t->err);
  va_start (ap, fmt);
  t->err = xvasprintf (fmt, ap);
  va_end (ap);
  return -1;
}

/* Quote the token at S[0..N) for a message: up to 24 bytes of it, stopping
 * at a blank, with unprintable bytes as \xHH. */
static void
quote_token (char *out, size_t size, const char *s, size_t n)
{
  size_t o = 0, i;
  for (i = 0; i < n && i < 24 && o + 5 < size; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (i > 0 && (c == ' ' || c == '\t' || c == ',' || c == '\n'
                    || s[0] == ','))
        break;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
        out[o++] = (char) c;
      else
        o += (size_t) snprintf (out + o, size - o, "\\x%02x", c);
    }
  if (i < n && i == 24 && o + 4 < size)
    o += (size_t) snprintf (out + o, size - o, "...");
  out[o] = '\0';
}

/* Where byte OFF of the --refs list is, for a message: "--refs: item N
 * (column C)" on the command line, "FILE:LINE:COL" in a --refs=@FILE. */
static void
refs_where (const struct trace *t, size_t off, char *buf, size_t size)
{
  if (t->refs_file)
    {
      uint64_t line = 1;
      size_t bol = 0;
      for (size_t i = 0; i < off && i < t->refs_len; i++)
        if (t->refs[i] == '\n')
          line++, bol = i + 1;
      snprintf (buf, size, "%s:%llu:%zu", t->name, (unsigned long long) line,
                off - bol + 1);
    }
  else
    snprintf (buf, size, _("%s: item %llu (column %zu)"), t->name,
              (unsigned long long) t->refs_item, off + 1);
}

/* The "found X; expected Y" error of a line (or the refs list) S[0..N). */
static int
syntax_error (struct trace *t, const char *s, size_t n,
              const struct trace_perr *e)
{
  char tok[128], where[PATH_MAX_MSG];
  if (t->refs)
    refs_where (t, e->col, where, sizeof where);
  if (e->col >= n)
    {
      if (t->refs)
        return set_error (t, _("%s: found the end of the list; expected %s"),
                          where, _(e->expected));
      return set_error (t, _("%s:%llu:%zu: found the end of the line; "
                             "expected %s"), t->name,
                        (unsigned long long) t->line, e->col + 1,
                        _(e->expected));
    }
  quote_token (tok, sizeof tok, s + e->col, n - e->col);
  if (t->refs && !t->refs_file)
    return set_error (t, _("%s: found '%s'; expected %s (a list in a file is "
                           "read with --refs=@FILE)"), where, tok,
                      _(e->expected));
  if (t->refs)
    return set_error (t, _("%s: found '%s'; expected %s"), where, tok,
                      _(e->expected));
  return set_error (t, _("%s:%llu:%zu: found '%s'; expected %s"), t->name,
                    (unsigned long long) t->line, e->col + 1, tok,
                    _(e->expected));
}

/* SIZE as "1 GiB", "512 MiB", "64 KiB" or "1000 bytes" in BUF. */
static const char *
size_text (char *buf, size_t n, uint64_t size)
{
  static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
  int u = -1;
  while (u < 3 && size >= 1024 && size % 1024 == 0)
    size /= 1024, u++;
  if (u < 0)
    snprintf (buf, n, ngettext ("%llu byte", "%llu bytes",
                                (unsigned long) size),
              (unsigned long long) size);
  else
    snprintf (buf, n, "%llu %s", (unsigned long long) size, units[u]);
  return buf;
}

/* Append the N bytes at P, just read, to the spool.  -1 when the spool
 * would pass its bound or cannot be written. */
static int
spool_write (struct trace *t, const char *p, size_t n)
{
  char max[64];
  t->spooled += n;
  if (t->spooled > t->spool_max)
    return set_error (t, _("%s:%llu: the run needs more than %s (%s); see "
                           "--max-memory"),
                      t->name, (unsigned long long) t->line + 1,
                      size_text (max, sizeof max, t->spool_max),
                      _("spooled input"));
  if (fwrite (p, 1, n, t->spool) != n)
    return set_error (t, _("cannot write a temporary file: %s"),
                      strerror (errno));
  return 0;
}

/* Read more input after the unread bytes.  -1 on a read error. */
static int
fill (struct trace *t)
{
  if (t->pos > 0)
    {
      memmove (t->buf, t->buf + t->pos, t->end - t->pos);
      t->end -= t->pos;
      t->pos = 0;
    }
  while (!t->eof && t->end < BUF_SIZE)
    {
      size_t got = fread (t->buf + t->end, 1, BUF_SIZE - t->end, t->fp);
      if (t->spool && got > 0 && spool_write (t, t->buf + t->end, got) < 0)
        return -1;
      t->end += got;
      if (got == 0)
        {
          if (ferror (t->fp))
            return set_error (t, _("%s: read error: %s"), t->name,
                              strerror (errno));
          t->eof = true;
        }
    }
  return 0;
}

/* The next line in *S, *N (without newline or CR): 1, 0 at the end, -1. */
static int
next_line (struct trace *t, const char **s, size_t *n)
{
  for (;;)
    {
      char *start = t->buf + t->pos;
      size_t avail = t->end - t->pos;
      char *nl = memchr (start, '\n', avail);
      size_t len;

      if (nl)
        len = (size_t) (nl - start);
      else if (avail > TRACE_MAX_LINE || (t->eof && avail > 0))
        len = avail;
      else if (t->eof)
        return 0;
      else
        {
          if (fill (t) < 0)
            return -1;
          continue;
        }
      t->line++;
      if (len > 0 && start[len - 1] == '\r')
        len--;
      if (len > TRACE_MAX_LINE)
        return set_error (t, _("%s:%llu:%d: line longer than %d bytes"),
                          t->name, (unsigned long long) t->line,
                          TRACE_MAX_LINE + 1, TRACE_MAX_LINE);
      t->pos += nl ? (size_t) (nl - start) + 1 : avail;
      *s = start;
      *n = len;
      return 1;
    }
}

enum trace_format
trace_format (struct trace *t)
{
  if (t->fmt == TRACE_FMT_AUTO)
    {
      size_t n = 0;
      if (t->pos == t->end && !t->eof)
        fill (t);   /* an error shows on the first read */
      n = t->end - t->pos;
      if (!t->eof)
        {
          /* Only complete lines. */
          const char *p = t->buf + t->end;
          while (n > 0 && p[-1] != '\n')
            p--, n--;
        }
      t->fmt = trace_detect (t->buf + t->pos, n);
    }
  return t->fmt;
}

/* Check a page number or address against the address space. */
static int
check_space (struct trace *t, const struct trace_rec *r)
{
  unsigned bits;
  if (!t->space)
    return 0;
  if (t->fmt == TRACE_FMT_LACKEY)
    {
      uint64_t end = r->addr + (r->size ? r->size - 1 : 0);
      if (t->va_bits >= 64 || end >> t->va_bits == 0)
        return 0;
      return set_error (t, _("%s:%llu:%u: address 0x%llx is outside the "
                             "%u-bit address space (--va-bits=64 takes any "
                             "address)"), t->name,
                        (unsigned long long) r->line, r->col,
                        (unsigned long long) (r->addr >> t->va_bits
                                              ? r->addr : end), t->va_bits);
    }
  bits = t->fmt == TRACE_FMT_ADDR ? t->va_bits : t->va_bits - t->page_shift;
  if (bits >= 64 || r->addr >> bits == 0)
    return 0;
  if (t->refs)
    {
      char where[PATH_MAX_MSG];
      refs_where (t, r->col - 1, where, sizeof where);
      return set_error (t, _("%s: page %llu is outside the address space (at "
                             "most %llu)"), where,
                        (unsigned long long) r->addr,
                        (unsigned long long) ((1ull << bits) - 1));
    }
  if (t->fmt == TRACE_FMT_ADDR)
    return set_error (t, _("%s:%llu:%u: address 0x%llx is outside the "
                           "%u-bit address space"), t->name,
                      (unsigned long long) r->line, r->col,
                      (unsigned long long) r->addr, t->va_bits);
  return set_error (t, _("%s:%llu:%u: page %llu is outside the address "
                         "space (at most %llu)"), t->name,
                    (unsigned long long) r->line, r->col,
                    (unsigned long long) r->addr,
                    (unsigned long long) ((1ull << bits) - 1));
}

int
trace_next_record (struct trace *t, struct trace_rec *r)
{
  struct trace_perr e;
  int rc;

  if (t->err)
    return -1;
  if (t->refs)
    {
      t->refs_item++;
      rc = trace_parse_ref (t->refs, t->refs_len, &t->refs_pos, r, &e);
      if (rc < 0)
        return syntax_error (t, t->refs, t->refs_len, &e);
      if (rc == 0)
        return 0;
      r->line = 1;
      r->col++;
      return check_space (t, r) < 0 ? -1 : 1;
    }
  trace_format (t);
  if (t->err)   /* a read or spool error while detecting */
    return -1;
  for (;;)
    {
      const char *s = NULL;
      size_t n = 0;
      rc = next_line (t, &s, &n);
      if (rc <= 0)
        return rc;
      rc = trace_parse_line (t->fmt, s, n, r, &e);
      if (rc < 0)
        return syntax_error (t, s, n, &e);
      if (rc > 0)
        {
          r->line = t->line;
          r->col++;
          return check_space (t, r) < 0 ? -1 : 1;
        }
    }
}

/* The fast path of page-number files: a line of digits, an optional
 * r/w/x and a newline, wholly in the buffer and inside the space.  0 when
 * the line is anything else: the general parser then takes it, errors
 * included. */
static inline int
fast_page (struct trace *t, struct trace_access *a)
{
  const char *p = t->buf + t->pos, *e = t->buf + t->end;
  unsigned bits = t->va_bits - t->page_shift;
  uint64_t v = 0;
  int nd = 0;
  enum vm_op op = VM_READ;

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (e - p >= 8)
    {
      /* Up to 7 digits at once (SWAR): find the first byte that is not a
       * digit, shift the digits to the top, combine pairs, quads, octets. */
      uint64_t c, nondigit;
      memcpy (&c, p, 8);
      nondigit = ((c & 0xF0F0F0F0F0F0F0F0ull) ^ 0x3030303030303030ull)
                 | (((c & 0x0F0F0F0F0F0F0F0Full) + 0x0606060606060606ull)
                    & 0xF0F0F0F0F0F0F0F0ull);
      if (nondigit)
        {
          nd = __builtin_ctzll (nondigit) >> 3;
          if (nd == 0)
            return 0;
          c <<= 8 * (8 - nd);
          c = ((c & 0x0F0F0F0F0F0F0F0Full) * 2561) >> 8;
          c = ((c & 0x00FF00FF00FF00FFull) * 6553601) >> 16;
          v = ((c & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32;
          p += nd;
        }
    }
#endif
  if (nd == 0)
    while (p < e && (unsigned) (*p - '0') < 10 && nd < 19)
      v = v * 10 + (uint64_t) (*p++ - '0'), nd++;
  if (nd == 0 || p >= e)
    return 0;
  if (*p == 'w')
    op = VM_WRITE, p++;
  else if (*p == 'r')
    p++;
  else if (*p == 'x' && !(nd == 1 && v == 0))
    op = VM_EXEC, p++;
  if (p >= e || *p != '\n' || (bits < 64 && v >> bits))
    return 0;
  t->pos = (size_t) (p + 1 - t->buf);
  t->line++;
  a->vpn = v;
  a->va = v << t->page_shift;
  a->op = op;
  a->line = t->line;
  return 1;
}

/* Hex digit values, -1 for other bytes. */
static const signed char hex_digit[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
  ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12,
  ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12,
  ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16
};  /* value + 1, so that 0 means "not a hex digit" */

/* The fast path of lackey traces: "I  HEX,DEC\n" or " K HEX,DEC\n" (K
 * one of L, S, M), wholly in the buffer, at most 16 hex digits and a size
 * of at most 5 digits within TRACE_MAX_SIZE.  Fills *R; 0 when the line is
 * anything else (the general parser then takes it). */
static inline int
fast_lackey (struct trace *t, struct trace_rec *r)
{
  const unsigned char *p = (const unsigned char *) t->buf + t->pos;
  const unsigned char *e = (const unsigned char *) t->buf + t->end;
  const unsigned char *q;
  uint64_t addr = 0, size = 0;
  int d, nd;

  if (e - p < 48)
    return 0;
  if (p[0] == 'I' && p[1] == ' ' && p[2] == ' ')
    r->op = VM_EXEC, r->modify = false;
  else if (p[0] == ' ' && p[2] == ' ' && p[1] == 'L')
    r->op = VM_READ, r->modify = false;
  else if (p[0] == ' ' && p[2] == ' ' && p[1] == 'S')
    r->op = VM_WRITE, r->modify = false;
  else if (p[0] == ' ' && p[2] == ' ' && p[1] == 'M')
    r->op = VM_READ, r->modify = true;
  else
    return 0;
  q = p + 3;
  for (nd = 0; nd < 16 && (d = hex_digit[*q]) != 0; nd++, q++)
    addr = addr << 4 | (uint64_t) (d - 1);
  if (nd == 0 || *q++ != ',')
    return 0;
  for (nd = 0; nd < 5 && (unsigned) (*q - '0') < 10; nd++, q++)
    size = size * 10 + (uint64_t) (*q - '0');
  if (nd == 0 || *q != '\n' || size > TRACE_MAX_SIZE
      || (size > 1 && addr > UINT64_MAX - (size - 1))
      || (t->space && t->va_bits < 64
          && (addr + (size ? size - 1 : 0)) >> t->va_bits))
    return 0;
  r->addr = addr;
  r->size = size;
  r->line = ++t->line;
  r->col = p[0] == 'I' ? 1 : 2;
  t->pos = (size_t) ((const char *) q + 1 - t->buf);
  return 1;
}

int
trace_next (struct trace *t, struct trace_access *a)
{
  unsigned shift = t->page_shift;

  if (t->fmt == TRACE_FMT_PAGES && t->space && !t->err && fast_page (t, a))
    return 1;
  if (!t->pending)
    {
      int rc = t->fmt == TRACE_FMT_LACKEY && !t->err
               && fast_lackey (t, &t->cur) ? 1 : trace_next_record (t, &t->cur);
      if (rc <= 0)
        return rc;
      if (t->fmt == TRACE_FMT_PAGES || t->fmt == TRACE_FMT_REFS)
        {
          a->vpn = t->cur.addr;
          a->va = shift < 64 ? t->cur.addr << shift : 0;
          a->op = t->cur.op;
          a->line = t->cur.line;
          return 1;
        }
      t->first = t->next = t->cur.addr >> shift;
      t->last = (t->cur.addr + (t->cur.size > 1 ? t->cur.size - 1 : 0))
                >> shift;
      t->write_phase = false;
      t->pending = true;
    }
  a->vpn = t->next;
  a->va = t->next == t->first ? t->cur.addr : t->next << shift;
  a->op = t->write_phase ? VM_WRITE : t->cur.op;
  a->line = t->cur.line;
  if (t->next++ == t->last)
    {
      if (t->cur.modify && !t->write_phase)
        {
          t->write_phase = true;
          t->next = t->first;
        }
      else
        t->pending = false;
    }
  return 1;
}

long
trace_read (struct trace *t, struct trace_access *a, size_t n)
{
  size_t k = 0;
  int rc;

  if (t->fmt == TRACE_FMT_PAGES && t->space)
    while (k < n && !t->err && fast_page (t, &a[k]))
      k++;
  while (k < n && (rc = trace_next (t, &a[k])) == 1)
    k++;
  if (k == 0 && t->err)
    return -1;
  return (long) k;
}

bool
trace_rewind (struct trace *t)
{
  if (t->refs)
    t->refs_pos = 0, t->refs_item = 0;
  else
    {
      if (t->spool)
        {
          if (!t->eof || fflush (t->spool) != 0)
            return false;
          if (t->own)
            fclose (t->fp);
          t->fp = t->spool;
          t->own = true;
          t->spool = NULL;
        }
      if (fseeko (t->fp, t->start, SEEK_SET) != 0)
        return false;
      clearerr (t->fp);
      t->pos = t->end = 0;
      t->eof = false;
      t->line = 0;
    }
  t->pending = false;
  free (t->err);
  t->err = NULL;
  return true;
}
