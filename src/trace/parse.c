/* parse.c: the line grammars of the trace formats (pages, addr, lackey),
 * the --refs item grammar and format auto-detection.  Pure functions over
 * byte ranges: no I/O, no allocation. */
#include "system.h"

#include "trace/trace-internal.h"

static bool
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static size_t
skip_blank (const char *s, size_t n, size_t i)
{
  while (i < n && is_blank (s[i]))
    i++;
  return i;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The operation an r/w/x letter (any case) names, or 0. */
static enum vm_op
op_letter (char c)
{
  switch (c)
    {
    case 'r': case 'R': return VM_READ;
    case 'w': case 'W': return VM_WRITE;
    case 'x': case 'X': return VM_EXEC;
    default: return (enum vm_op) 0;
    }
}

/* Scan a number at S[*I]: 0x-hex, bare hex when BARE_HEX, else decimal.
 * False (leaving *I) if there are no digits or it overflows 64 bits. */
static bool
scan_number (const char *s, size_t n, size_t *i, bool bare_hex, uint64_t *v)
{
  size_t j = *i, start;
  uint64_t x = 0;
  bool hex = bare_hex;

  if (j + 1 < n && s[j] == '0' && (s[j + 1] == 'x' || s[j + 1] == 'X'))
    {
      hex = true;
      j += 2;
    }
  start = j;
  if (hex)
    for (int d; j < n && (d = hex_value (s[j])) >= 0; j++)
      {
        if (x >> 60)
          return false;
        x = x << 4 | (uint64_t) d;
      }
  else
    for (; j < n && s[j] >= '0' && s[j] <= '9'; j++)
      {
        uint64_t d = (uint64_t) (s[j] - '0');
        if (x > (UINT64_MAX - d) / 10)
          return false;
        x = x * 10 + d;
      }
  if (j == start)
    return false;
  *i = j;
  *v = x;
  return true;
}

static int
fail (struct trace_perr *e, size_t col, const char *expected)
{
  e->col = col;
  e->expected = expected;
  return -1;
}

/* pages and addr: [OP] NUMBER [OP] [# comment] */
static int
parse_number_line (bool pages, const char *s, size_t n, struct trace_rec *r,
                   struct trace_perr *e)
{
  size_t i = skip_blank (s, n, 0), j;
  bool have_op = false;

  if (i == n || s[i] == '#')
    return 0;
  r->op = VM_READ;
  r->size = 0;
  r->modify = false;
  if (op_letter (s[i]) && i + 1 < n && is_blank (s[i + 1]))
    {
      r->op = op_letter (s[i]);
      have_op = true;
      i = skip_blank (s, n, i + 1);
    }
  r->col = (unsigned) i;
  if (i == n || s[i] < '0' || s[i] > '9')
    return fail (e, i, pages ? N_("a page number") : N_("an address"));
  if (!scan_number (s, n, &i, false, &r->addr))
    return fail (e, i, N_("a decimal or 0x-hex number below 2^64"));
  j = skip_blank (s, n, i);
  if (!have_op && j < n && op_letter (s[j])
      && (j + 1 == n || is_blank (s[j + 1]) || s[j + 1] == '#'))
    {
      r->op = op_letter (s[j]);
      have_op = true;
      j = skip_blank (s, n, j + 1);
    }
  if (j < n && s[j] != '#')
    return fail (e, j, have_op ? N_("the end of the line")
                 : N_("an operation letter (r, w or x) or the end of the line"));
  return 1;
}

/* lackey: "I  ADDR,SIZE", " L ADDR,SIZE", " S ...", " M ...", "==..." */
static int
parse_lackey_line (const char *s, size_t n, struct trace_rec *r,
                   struct trace_perr *e)
{
  size_t i, acol;

  if (n >= 2 && s[0] == '=' && s[1] == '=')
    return 0;
  i = skip_blank (s, n, 0);
  if (i == n)
    return 0;
  r->modify = false;
  switch (s[i])
    {
    case 'I': r->op = VM_EXEC; break;
    case 'L': r->op = VM_READ; break;
    case 'S': r->op = VM_WRITE; break;
    case 'M': r->op = VM_READ; r->modify = true; break;
    default:
      return fail (e, i, N_("a lackey record: I, L, S or M, then ADDRESS,SIZE"));
    }
  r->col = (unsigned) i;
  i++;
  if (i == n || !is_blank (s[i]))
    return fail (e, i, N_("a blank after the record kind"));
  i = skip_blank (s, n, i);
  acol = i;
  if (!scan_number (s, n, &i, true, &r->addr))
    return fail (e, i, N_("a hexadecimal address below 2^64"));
  if (i == n || s[i] != ',')
    return fail (e, i, N_("',' and a size in bytes"));
  i++;
  if (i == n || s[i] < '0' || s[i] > '9')
    return fail (e, i, N_("a size in bytes"));
  {
    size_t scol = i;
    if (!scan_number (s, n, &i, false, &r->size) || r->size > TRACE_MAX_SIZE)
      return fail (e, scol, N_("a size of at most 65536 bytes"));
  }
  i = skip_blank (s, n, i);
  if (i < n)
    return fail (e, i, N_("the end of the line"));
  if (r->size > 1 && r->addr > UINT64_MAX - (r->size - 1))
    return fail (e, acol, N_("a record that ends below 2^64"));
  return 1;
}

int
trace_parse_line (enum trace_format fmt, const char *s, size_t n,
                  struct trace_rec *r, struct trace_perr *e)
{
  switch (fmt)
    {
    case TRACE_FMT_LACKEY:
      return parse_lackey_line (s, n, r, e);
    case TRACE_FMT_ADDR:
      return parse_number_line (false, s, n, r, e);
    case TRACE_FMT_PAGES:
    case TRACE_FMT_REFS:
    case TRACE_FMT_AUTO:
    default:
      return parse_number_line (true, s, n, r, e);
    }
}

/* Blanks and newlines (a --refs=@FILE may span lines). */
static size_t
skip_space (const char *s, size_t n, size_t i)
{
  while (i < n && (is_blank (s[i]) || s[i] == '\n'))
    i++;
  return i;
}

int
trace_parse_ref (const char *s, size_t n, size_t *i, struct trace_rec *r,
                 struct trace_perr *e)
{
  size_t j = skip_space (s, n, *i);

  if (j == n)
    return 0;
  r->col = (unsigned) j;
  r->size = 0;
  r->modify = false;
  r->op = VM_READ;
  if (s[j] < '0' || s[j] > '9')
    return fail (e, j, N_("a page number"));
  if (!scan_number (s, n, &j, false, &r->addr))
    return fail (e, j, N_("a decimal or 0x-hex number below 2^64"));
  if (j < n && op_letter (s[j]))
    r->op = op_letter (s[j++]);
  j = skip_space (s, n, j);
  if (j < n && s[j] == ',')
    j++;
  else if (j < n && !(s[j] >= '0' && s[j] <= '9'))
    return fail (e, j, N_("an operation letter (r, w or x), ',' or the end "
                          "of the list"));
  *i = j;
  return 1;
}

enum trace_format
trace_detect (const char *buf, size_t n)
{
  unsigned meaningful = 0;
  bool hex = false;
  size_t p = 0;

  while (p < n && meaningful < TRACE_DETECT_LINES)
    {
      const char *line = buf + p;
      const char *nl = memchr (line, '\n', n - p);
      size_t len = nl ? (size_t) (nl - line) : n - p;
      size_t i = skip_blank (line, len, 0);
      struct trace_rec r;
      struct trace_perr e;

      p += len + 1;
      if (len >= 2 && line[0] == '=' && line[1] == '=')
        return TRACE_FMT_LACKEY;
      if (i == len || line[i] == '#')
        continue;
      /* A record kind letter and a blank cannot start a page or address
         line: an invalid lackey record is still a lackey record (its
         error is the one to report). */
      if (parse_lackey_line (line, len, &r, &e) == 1
          || (memchr ("ILSM", line[i], 4) && i + 1 < len
              && (line[i + 1] == ' ' || line[i + 1] == '\t')))
        return TRACE_FMT_LACKEY;
      for (size_t k = i; k + 1 < len && !hex; k++)
        if (line[k] == '0' && (line[k + 1] == 'x' || line[k + 1] == 'X'))
          hex = true;
      meaningful++;
    }
  return hex ? TRACE_FMT_ADDR : TRACE_FMT_PAGES;
}
