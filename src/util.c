/* util.c: allocation wrappers and the single fatal-error path. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "budget.h"
#include "util.h"

const char *program_name = "vmtutor";
void (*die_hook) (void) = NULL;

/* Out of memory: exit status 2 (bad input, never "expect failed"),
 * naming the place of the run and what the memory was for when known. */
static void __attribute__ ((noreturn))
out_of_memory (size_t n)
{
  static char place[4096];     /* no allocation here: memory is short */
  const char *what = budget_pending;
  budget_pending = NULL;
  place[0] = '\0';
  if (budget_place.file && budget_place.line)
    snprintf (place, sizeof place, "%s:%llu: ", budget_place.file,
              (unsigned long long) budget_place.line);
  else if (budget_place.file)
    snprintf (place, sizeof place, "%s: ", budget_place.file);
  if (what)
    die (2, _("%sout of memory (%zu bytes more for %s); see --max-memory"),
         place, n, _(what));
  die (2, _("%sout of memory (%zu bytes more); see --max-memory"), place, n);
}

void *
xmalloc (size_t n)
{
  void *p = malloc (n ? n : 1);
  if (!p)
    out_of_memory (n);
  budget_pending = NULL;
  return p;
}

void *
xcalloc (size_t n, size_t size)
{
  void *p = calloc (n ? n : 1, size ? size : 1);
  if (!p)
    out_of_memory (size && n > SIZE_MAX / size ? SIZE_MAX : n * size);
  budget_pending = NULL;
  return p;
}

void *
xrealloc (void *p, size_t n)
{
  p = realloc (p, n ? n : 1);
  if (!p)
    out_of_memory (n);
  budget_pending = NULL;
  return p;
}

void *
xreallocarray (void *p, size_t n, size_t size)
{
  if (size && n > SIZE_MAX / size)
    out_of_memory (SIZE_MAX);
  return xrealloc (p, n * size);
}

char *
xstrdup (const char *s)
{
  return xstrndup (s, strlen (s));
}

char *
xstrndup (const char *s, size_t n)
{
  size_t len = strnlen (s, n);
  char *d = xmalloc (len + 1);
  memcpy (d, s, len);
  d[len] = '\0';
  return d;
}

char *
xvasprintf (const char *fmt, va_list ap)
{
  va_list aq;
  va_copy (aq, ap);
  int n = vsnprintf (NULL, 0, fmt, aq);
  va_end (aq);
  if (n < 0)
    die (EXIT_FAILURE, "%s", _("cannot format a message"));
  char *s = xmalloc ((size_t) n + 1);
  vsnprintf (s, (size_t) n + 1, fmt, ap);
  return s;
}

char *
xasprintf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = xvasprintf (fmt, ap);
  va_end (ap);
  return s;
}

void
die (int status, const char *fmt, ...)
{
  va_list ap;
  if (die_hook)
    {
      void (*hook) (void) = die_hook;
      die_hook = NULL;
      hook ();
    }
  fflush (stdout);
  fprintf (stderr, "%s: ", program_name);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (status);
}

void
warn_msg (const char *fmt, ...)
{
  va_list ap;
  fflush (stdout);
  fprintf (stderr, "%s: ", program_name);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
}

char *
read_file_max (const char *file, size_t max, const char *what, size_t *lenp,
               char **err)
{
  struct stat st;
  char *buf;
  size_t len = 0;
  int fd;

  *err = NULL;
  fd = open (file, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      *err = xasprintf ("%s: %s", file, strerror (errno));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      *err = S_ISDIR (st.st_mode)
        ? xasprintf (_("%s: found a directory; expected %s"), file, what)
        : xasprintf (_("%s: found a special file (device, FIFO or socket); "
                       "expected a regular file"), file);
      close (fd);
      return NULL;
    }
  if ((uintmax_t) st.st_size > max)
    {
      char *size = budget_size_text (max);
      *err = xasprintf (_("%s: found %jd bytes; expected at most %zu (%s)"),
                        file, (intmax_t) st.st_size, max, size);
      free (size);
      close (fd);
      return NULL;
    }
  buf = xmalloc (max + 2);
  for (;;)
    {
      ssize_t got = read (fd, buf + len, max + 1 - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          *err = xasprintf ("%s: %s", file, strerror (errno));
          free (buf);
          close (fd);
          return NULL;
        }
      if (got == 0 || (len += (size_t) got) > max)
        break;
    }
  close (fd);
  if (len > max)
    {
      char *size = budget_size_text (max);
      *err = xasprintf (_("%s: found more than %zu bytes; expected at most "
                          "%zu (%s)"), file, max, max, size);
      free (size);
      free (buf);
      return NULL;
    }
  buf[len] = '\0';
  *lenp = len;
  return buf;
}

/* The next character of S (LEN bytes left): its bytes (0 at the end)
   and its columns in *W. */
static size_t
mbs_next (const char *s, size_t len, mbstate_t *st, int *w)
{
  wchar_t wc;
  size_t n;

  if (len == 0 || *s == '\0')
    return 0;
  if ((unsigned char) *s < 0x80)
    {
      *w = (unsigned char) *s >= 0x20 && *s != 0x7f;
      return 1;
    }
  n = mbrtowc (&wc, s, len, st);
  if (n == (size_t) -1 || n == (size_t) -2 || n == 0)
    {
      memset (st, 0, sizeof *st);
      *w = 1;
      return 1;
    }
  *w = wcwidth (wc);
  if (*w < 0)
    *w = 0;
  return n;
}

int
mbs_width (const char *s)
{
  mbstate_t st;
  size_t len = strlen (s), n;
  int cols = 0, w;

  memset (&st, 0, sizeof st);
  while ((n = mbs_next (s, len, &st, &w)) > 0)
    {
      cols += w;
      s += n;
      len -= n;
    }
  return cols;
}

size_t
mbs_prefix (const char *s, int maxcols, int *colsp)
{
  mbstate_t st;
  size_t len = strlen (s), n, used = 0;
  int cols = 0, w;

  memset (&st, 0, sizeof st);
  while ((n = mbs_next (s + used, len - used, &st, &w)) > 0
         && cols + w <= maxcols)
    {
      cols += w;
      used += n;
    }
  if (colsp)
    *colsp = cols;
  return used;
}

void
mbs_pad (FILE *fp, const char *s, int width, bool right)
{
  int w = mbs_width (s);
  if (right)
    for (; w < width; w++)
      fputc (' ', fp);
  fputs (s, fp);
  if (!right)
    for (; w < width; w++)
      fputc (' ', fp);
}

char *
mbs_fit (const char *s, int maxcols, const char *ellipsis)
{
  int ew = mbs_width (ellipsis);
  size_t n;

  if (mbs_width (s) <= maxcols)
    return xstrdup (s);
  if (maxcols < ew)
    return xstrndup (s, mbs_prefix (s, maxcols, NULL));
  n = mbs_prefix (s, maxcols - ew, NULL);
  return xasprintf ("%.*s%s", (int) n, s, ellipsis);
}

char *
mbs_short_form (const char *s, int maxcols, const char *ellipsis)
{
  static const char *const breaks[] = {
    ": ", ", ", "; ", " (", " - ", " \u2014 ", "\uff1a", "\uff0c", "\uff1b",
    "\uff08", "\u3001"
  };
  /* breaks within a list: what is cut there is marked */
  static const char *const list_breaks[] = { ", ", "\uff0c", "\u3001" };
  size_t best = 0;
  bool best_list = false;
  int depth = 0, ew = mbs_width (ellipsis);

  for (size_t i = 1; s[i]; i++)
    {
      /* Never inside parentheses: "TLB (16 entries, lru)" is "TLB". */
      if (depth > 0)
        {
          if (s[i] == ')' || strncmp (s + i, "\uff09", 3) == 0)
            depth--;
          else if (s[i] == '(' || strncmp (s + i, "\uff08", 3) == 0)
            depth++;
          continue;
        }
      for (size_t k = 0; k < sizeof breaks / sizeof *breaks; k++)
        if (strncmp (s + i, breaks[k], strlen (breaks[k])) == 0)
          {
            bool list = false;
            size_t n = i;
            for (size_t j = 0; j < sizeof list_breaks / sizeof *list_breaks;
                 j++)
              list |= strcmp (breaks[k], list_breaks[j]) == 0;
            while (n > 0 && s[n - 1] == ' ')
              n--;
            if (n > best)
              {
                char *p = xstrndup (s, n);
                if (mbs_width (p) + (list ? ew : 0) <= maxcols)
                  {
                    best = n;
                    best_list = list;
                  }
                free (p);
              }
            break;
          }
      if (s[i] == '(' || strncmp (s + i, "\uff08", 3) == 0)
        depth++;
    }
  if (!best)
    return NULL;
  return xasprintf ("%.*s%s", (int) best, s, best_list ? ellipsis : "");
}

/* mbs_next as a decoder, with the character. */
static size_t
mbs_decode (const char *s, size_t len, void *stp, wchar_t *wc, int *w)
{
  mbstate_t *st = stp;
  if (len > 0 && (unsigned char) *s < 0x80)
    *wc = (unsigned char) *s;
  else if (len == 0 || *s == '\0')
    return 0;
  else
    {
      mbstate_t copy = *st;
      size_t n = mbrtowc (wc, s, len, &copy);
      if (n == (size_t) -1 || n == (size_t) -2 || n == 0)
        *wc = L'?';
    }
  return mbs_next (s, len, st, w);
}

/* No line may start with WC (closing punctuation). */
static bool
no_break_before (wchar_t wc)
{
  static const wchar_t closing[] = L"\uff0c\u3002\u3001\uff1b\uff1a\uff01"
    L"\uff1f\uff09\u300d\u300f\u3011\u3009\u300b\u201d\u2019\u2026\uff0e"
    L"\u30fb\uff3d\uff5d,.;:!?)]}";
  return wc && wcschr (closing, wc) != NULL;
}

/* No line may end with WC (opening punctuation). */
static bool
no_break_after (wchar_t wc)
{
  static const wchar_t opening[] = L"\uff08\u300c\u300e\u3010\u3008\u300a"
    L"\u201c\u2018\uff3b\uff5b([{";
  return wc && wcschr (opening, wc) != NULL;
}

size_t
mbs_wrap (const char *s, int w, size_t *next, mbs_decoder decode)
{
  mbstate_t st;
  size_t len = strlen (s), at = 0, n;
  size_t brk_end = 0, brk_next = 0;     /* the last break that fits */
  wchar_t wc, prev = 0;
  int cols = 0, cw, prev_w = 0;

  if (!decode)
    decode = mbs_decode;
  memset (&st, 0, sizeof st);
  while ((n = decode (s + at, len - at, &st, &wc, &cw)) > 0)
    {
      if (s[at] == '\n')
        {
          *next = at + 1;
          while (at > 0 && s[at - 1] == ' ')
            at--;
          return at;
        }
      if (s[at] == ' ')
        {
          /* The text before the space fits: a break here. */
          size_t end = at;
          while (end > 0 && s[end - 1] == ' ')
            end--;
          if (end > 0)
            {
              size_t after = at;
              while (s[after] == ' ')
                after++;
              brk_end = end;
              brk_next = s[after] == '\n' ? after + 1 : after;
            }
          if (cols + cw > w && end > 0)
            break;
        }
      else
        {
          if (at > 0 && prev != L' ' && (cw > 1 || prev_w > 1)
              && !no_break_before (wc) && !no_break_after (prev))
            brk_end = brk_next = at;
          if (cols + cw > w)
            break;
        }
      cols += cw;
      prev = wc;
      prev_w = cw;
      at += n;
    }
  if (n == 0)
    {
      /* The end of S: all of it fits. */
      *next = at;
      while (at > 0 && s[at - 1] == ' ')
        at--;
      return at;
    }
  if (brk_end > 0)
    {
      *next = brk_next;
      return brk_end;
    }
  /* No break fits: cut after the last whole character that fits (at
     least one, for progress). */
  if (at == 0)
    at = n;
  *next = at;
  while (s[*next] == ' ')
    (*next)++;
  if (s[*next] == '\n')
    (*next)++;
  return at;
}

int
mbs_wrap_rows (const char *s, int w)
{
  int rows = 0;
  size_t next;
  if (w <= 0)
    return 0;
  while (*s)
    {
      mbs_wrap (s, w, &next, NULL);
      s += next;
      rows++;
    }
  return rows;
}

int
mbs_snprintf (char *buf, size_t n, const char *fmt, ...)
{
  va_list ap;
  int len;

  va_start (ap, fmt);
  len = vsnprintf (buf, n, fmt, ap);
  va_end (ap);
  if (len >= 0 && n > 0 && (size_t) len >= n)
    {
      /* Cut: keep the whole characters only.  */
      mbstate_t st;
      size_t at = 0, end = strlen (buf);
      memset (&st, 0, sizeof st);
      while (at < end)
        {
          size_t k = mbrlen (buf + at, end - at, &st);
          if (k == (size_t) -2)
            break;
          if (k == (size_t) -1 || k == 0)
            {
              memset (&st, 0, sizeof st);
              k = 1;
            }
          at += k;
        }
      buf[at] = '\0';
    }
  return len;
}

unsigned
dec_digits (uint64_t v)
{
  unsigned d = 1;
  for (; v >= 10; v /= 10)
    d++;
  return d;
}
