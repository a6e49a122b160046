/* term.c: the terminal facts the picture writers need: width in columns,
 * whether box drawing is allowed, and display widths of labels. */
#include "system.h"

#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "out/out.h"

unsigned
out_columns (void)
{
  const char *s = getenv ("COLUMNS");
  struct winsize ws;

  if (s && *s)
    {
      char *end;
      long v = strtol (s, &end, 10);
      if (*end == '\0' && v >= 20 && v <= 1000)
        return (unsigned) v;
    }
  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
      && ws.ws_col >= 20)
    return ws.ws_col;
  return 80;
}

bool
out_utf8 (void)
{
  return strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
}

unsigned
out_width (const char *s)
{
  mbstate_t st;
  unsigned w = 0;
  size_t len = strlen (s);

  memset (&st, 0, sizeof st);
  while (len > 0)
    {
      wchar_t wc;
      size_t k = mbrtowc (&wc, s, len, &st);
      int cw;
      if (k == (size_t) -1 || k == (size_t) -2)
        return (unsigned) strlen (s);
      if (k == 0)
        break;
      cw = wcwidth (wc);
      w += cw > 0 ? (unsigned) cw : 0;
      s += k;
      len -= k;
    }
  return w;
}

void
out_pad (const char *s, unsigned width, bool right)
{
  unsigned w = out_width (s);
  if (right)
    for (; w < width; w++)
      putchar (' ');
  fputs (s, stdout);
  if (!right)
    for (; w < width; w++)
      putchar (' ');
}
