/* term.c: the terminal facts the picture writers need: width in columns,
 * whether box drawing is allowed, and display widths of labels. */
#include "system.h"

#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "util.h"
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
  return (unsigned) mbs_width (s);
}

void
out_pad (const char *s, unsigned width, bool right)
{
  mbs_pad (stdout, s, (int) width, right);
}
