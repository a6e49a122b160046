/* sweep-out.c: the writers of --sweep: csv (a header "frames,P1,P2,..."
 * and a row per frame count), json (one line per frame count,
 * {"frames": N, "faults": {"P1": F, ...}}) and text (a table, then one
 * bar chart per policy on a common scale, drawn with the Unicode eighth
 * blocks, or ASCII when the locale is not UTF-8). */
#include "system.h"

#include <inttypes.h>

#include "out/out.h"
#include "out/sweep.h"
#include "util.h"

#define CHART_ROWS 8

static void
print_csv (const struct sweep *s)
{
  fputs ("frames", stdout);
  for (unsigned p = 0; p < s->npolicies; p++)
    printf (",%s", vm_policy_name (s->policy[p]));
  putchar ('\n');
  for (uint32_t c = s->min; c <= s->max; c++)
    {
      printf ("%" PRIu32, c);
      for (unsigned p = 0; p < s->npolicies; p++)
        printf (",%" PRIu64, s->faults[p][c - s->min]);
      putchar ('\n');
    }
}

static void
print_json (const struct sweep *s)
{
  for (uint32_t c = s->min; c <= s->max; c++)
    {
      printf ("{\"frames\": %" PRIu32 ", \"faults\": {", c);
      for (unsigned p = 0; p < s->npolicies; p++)
        printf ("%s\"%s\": %" PRIu64, p ? ", " : "",
                vm_policy_name (s->policy[p]), s->faults[p][c - s->min]);
      fputs ("}}\n", stdout);
    }
}

/* The table: a column of frame counts and one per policy. */
static void
print_table (const struct sweep *s, uint64_t top)
{
  const char *head = _("frames");
  unsigned w0 = out_width (head), w = dec_digits (top);

  if (dec_digits (s->max) > w0)
    w0 = dec_digits (s->max);
  for (unsigned p = 0; p < s->npolicies; p++)
    if (strlen (vm_policy_name (s->policy[p])) > w)
      w = (unsigned) strlen (vm_policy_name (s->policy[p]));
  out_pad (head, w0, true);
  for (unsigned p = 0; p < s->npolicies; p++)
    {
      fputs ("  ", stdout);
      out_pad (vm_policy_name (s->policy[p]), w, true);
    }
  putchar ('\n');
  for (uint32_t c = s->min; c <= s->max; c++)
    {
      printf ("%*" PRIu32, (int) w0, c);
      for (unsigned p = 0; p < s->npolicies; p++)
        printf ("  %*" PRIu64, (int) w, s->faults[p][c - s->min]);
      putchar ('\n');
    }
}

/* The cell of a bar of EIGHTHS (its height in eighths of a row) at ROW. */
static const char *
bar_cell (unsigned long eighths, unsigned row, bool utf8)
{
  static const char *const blocks[] = {
    " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
    "\u2587", "\u2588"
  };
  unsigned long base = (unsigned long) row * 8;
  unsigned rem;

  if (eighths >= base + 8)
    return utf8 ? blocks[8] : "#";
  if (eighths <= base)
    return " ";
  rem = (unsigned) (eighths - base);
  if (utf8)
    return blocks[rem];
  return rem < 4 ? "." : ":";
}

/* A bar chart of policy P: one bar per frame count (or per group of
 * counts, showing the group's largest value, when they do not fit),
 * heights on the scale 0..TOP. */
static void
print_chart (const struct sweep *s, unsigned p, uint64_t top, bool utf8)
{
  uint64_t sizes = (uint64_t) s->max - s->min + 1;
  unsigned lw = dec_digits (top), width = out_columns ();
  unsigned avail = width > lw + 3 ? width - lw - 3 : 1;
  uint64_t group = (sizes + avail - 1) / avail;
  unsigned ncols = (unsigned) ((sizes + group - 1) / group);
  unsigned cw = group == 1 && ncols * 2 <= avail ? (avail / ncols > 4 ? 4
                                                    : avail / ncols) : 1;
  unsigned long *h = xcalloc (ncols, sizeof *h);
  char *title;

  for (unsigned k = 0; k < ncols; k++)
    {
      uint64_t v = 0;
      for (uint64_t c = k * group; c < (k + 1) * group && c < sizes; c++)
        if (s->faults[p][c] > v)
          v = s->faults[p][c];
      h[k] = top ? (unsigned long) ((v * CHART_ROWS * 8 + top / 2) / top) : 0;
    }
  putchar ('\n');
  title = group > 1
    ? xasprintf (_("%s: page faults by number of frames (%" PRIu64
                   " counts per bar, the largest shown)"),
                 vm_policy_name (s->policy[p]), group)
    : xasprintf (_("%s: page faults by number of frames"),
                 vm_policy_name (s->policy[p]));
  puts (title);
  free (title);
  for (unsigned row = CHART_ROWS; row-- > 0;)
    {
      if (row == CHART_ROWS - 1)
        printf ("%*" PRIu64 " ", (int) lw, top);
      else
        printf ("%*s ", (int) lw, "");
      fputs (utf8 ? "\u2502" : "|", stdout);
      for (unsigned k = 0; k < ncols; k++)
        for (unsigned i = 0; i < cw; i++)
          fputs (bar_cell (h[k], row, utf8), stdout);
      putchar ('\n');
    }
  printf ("%*u ", (int) lw, 0u);
  fputs (utf8 ? "\u2514" : "+", stdout);
  for (unsigned k = 0; k < ncols * cw; k++)
    fputs (utf8 ? "\u2500" : "-", stdout);
  putchar ('\n');
  /* The frame counts at both ends of the axis. */
  {
    char lo[16], hi[16];
    unsigned span = ncols * cw;
    snprintf (lo, sizeof lo, "%" PRIu32, s->min);
    snprintf (hi, sizeof hi, "%" PRIu32, s->max);
    printf ("%*s %s", (int) lw + 1, "", lo);
    if (s->max != s->min && span >= strlen (lo) + strlen (hi) + 1)
      printf ("%*s", (int) (span - strlen (lo)), hi);
    putchar ('\n');
  }
  free (h);
}

void
sweep_print (const struct sweep *s, enum out_format format)
{
  uint64_t top = 0;
  bool utf8;

  if (format == FORMAT_CSV)
    {
      print_csv (s);
      return;
    }
  if (format == FORMAT_JSON)
    {
      print_json (s);
      return;
    }
  for (unsigned p = 0; p < s->npolicies; p++)
    for (uint32_t c = s->min; c <= s->max; c++)
      if (s->faults[p][c - s->min] > top)
        top = s->faults[p][c - s->min];
  print_table (s, top);
  utf8 = out_utf8 ();
  for (unsigned p = 0; p < s->npolicies; p++)
    print_chart (s, p, top, utf8);
}
