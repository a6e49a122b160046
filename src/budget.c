/* budget.c: the memory budget behind --max-memory (see budget.h). */
#include "system.h"

#include "budget.h"
#include "util.h"

#if !ENABLE_NLS
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif

struct budget_place budget_place;
const char *budget_pending;
static uint64_t limit = BUDGET_DEFAULT;
static uint64_t used;

void
budget_set_limit (uint64_t bytes)
{
  limit = bytes ? bytes : BUDGET_DEFAULT;
}

uint64_t
budget_limit (void)
{
  return limit;
}

uint64_t
budget_used (void)
{
  return used;
}

bool
budget_fits (uint64_t bytes)
{
  return used <= limit && bytes <= limit - used;
}

void
budget_charge (int64_t delta, const char *what)
{
  if (delta < 0)
    {
      uint64_t d = (uint64_t) -delta;
      used = d > used ? 0 : used - d;
      return;
    }
  if (!budget_fits ((uint64_t) delta))
    budget_exceeded (what);
  used += (uint64_t) delta;
  budget_pending = what;
}

char *
budget_size_text (uint64_t n)
{
  static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
  unsigned u = 0;
  if (n < 1024 || n % 1024)
    return xasprintf (ngettext ("%llu byte", "%llu bytes", n),
                      (unsigned long long) n);
  n /= 1024;
  while (u + 1 < ARRAY_SIZE (units) && n % 1024 == 0 && n >= 1024)
    {
      n /= 1024;
      u++;
    }
  return xasprintf ("%llu %s", (unsigned long long) n, units[u]);
}

char *
budget_message (const char *what)
{
  char *size = budget_size_text (limit), *msg, *place;
  if (budget_place.file && budget_place.line)
    place = xasprintf ("%s:%llu: ", budget_place.file,
                       (unsigned long long) budget_place.line);
  else if (budget_place.file)
    place = xasprintf ("%s: ", budget_place.file);
  else
    place = xstrdup ("");
  /* TRANSLATORS: PLACE, the limit (e.g. "1 GiB"), what the memory is for. */
  msg = xasprintf (_("%sthe run needs more than %s (%s); see --max-memory"),
                   place, size, _(what));
  free (place);
  free (size);
  return msg;
}

void
budget_exceeded (const char *what)
{
  char *msg = budget_message (what);
  die (2, "%s", msg);
}
