/* numparse.c: strict integer and size parsing. */
#include "system.h"

#include "numparse.h"

bool
parse_u64n (const char *s, size_t len, uint64_t *out)
{
  uint64_t v = 0;
  unsigned base = 10;
  size_t i = 0;

  if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    {
      base = 16;
      i = 2;
    }
  if (i == len)
    return false;
  for (; i < len; i++)
    {
      unsigned d;
      char c = s[i];
      if (c >= '0' && c <= '9')
        d = (unsigned) (c - '0');
      else if (base == 16 && c >= 'a' && c <= 'f')
        d = (unsigned) (c - 'a' + 10);
      else if (base == 16 && c >= 'A' && c <= 'F')
        d = (unsigned) (c - 'A' + 10);
      else
        return false;
      if (v > (UINT64_MAX - d) / base)
        return false;
      v = v * base + d;
    }
  *out = v;
  return true;
}

bool
parse_u64 (const char *s, uint64_t *out)
{
  return parse_u64n (s, strlen (s), out);
}

bool
parse_size (const char *s, uint64_t *out)
{
  static const struct { const char *suffix; unsigned shift; } units[] = {
    { "", 0 }, { "B", 0 },
    { "K", 10 }, { "KiB", 10 }, { "KB", 10 },
    { "M", 20 }, { "MiB", 20 }, { "MB", 20 },
    { "G", 30 }, { "GiB", 30 }, { "GB", 30 },
    { "T", 40 }, { "TiB", 40 }, { "TB", 40 },
  };
  size_t len = strlen (s);
  size_t n = 0;
  uint64_t v;

  if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    return parse_u64 (s, out);
  while (n < len && s[n] >= '0' && s[n] <= '9')
    n++;
  if (!parse_u64n (s, n, &v))
    return false;
  for (size_t i = 0; i < ARRAY_SIZE (units); i++)
    if (strcmp (s + n, units[i].suffix) == 0)
      {
        if (units[i].shift && v > (UINT64_MAX >> units[i].shift))
          return false;
        *out = v << units[i].shift;
        return true;
      }
  return false;
}
