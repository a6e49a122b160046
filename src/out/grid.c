/* grid.c: --format=grid, the reference-string figure textbooks draw: a
 * row of references, one row per frame holding its page after each
 * reference, a row marking the faults and a row naming the victims, cut
 * into blocks of columns that fit the width, then the totals.
 *
 * Streaming: one block of columns is held at a time, so a long trace
 * costs the width of the terminal in memory, not its length. */
#include "system.h"

#include <inttypes.h>

#include "out/out.h"
#include "trace/trace.h"
#include "util.h"

/* One column: a reference and the state of every frame after it. */
struct grid_col
{
  uint64_t vpn;
  uint64_t victim;                  /* VM_NEVER: none */
  bool fault;
  uint64_t cell[GRID_MAX_FRAMES];   /* page in each frame, VM_NEVER: empty */
};

struct grid
{
  unsigned frames;      /* rows */
  unsigned width;       /* display columns available */
  unsigned label_w;     /* width of the row labels */
  bool utf8;
  struct grid_col *cols;
  unsigned ncols, maxcols;
  unsigned cell_w;      /* width of a cell in the current block */
  uint64_t now[GRID_MAX_FRAMES];   /* the frames as they are */
  bool printed;         /* a block was printed (blank line before next) */
};

/* The widest number column C shows. */
static unsigned
col_width (const struct grid *g, const struct grid_col *c)
{
  unsigned w = dec_digits (c->vpn);
  if (c->victim != VM_NEVER && dec_digits (c->victim) > w)
    w = dec_digits (c->victim);
  for (unsigned r = 0; r < g->frames; r++)
    if (c->cell[r] != VM_NEVER && dec_digits (c->cell[r]) > w)
      w = dec_digits (c->cell[r]);
  return w;
}

/* The label of frame row R. */
static char *
frame_label (unsigned r)
{
  return xasprintf (_("frame %u"), r);
}

/* Print the label column of one row, then the separator. */
static void
row_start (const struct grid *g, const char *label)
{
  out_pad (label, g->label_w, false);
  fputs (g->utf8 ? " \u2502" : " |", stdout);
}

/* A horizontal rule across the block. */
static void
rule (const struct grid *g)
{
  unsigned n = g->ncols * (g->cell_w + 1);
  const char *h = g->utf8 ? "\u2500" : "-";
  for (unsigned i = 0; i <= g->label_w; i++)
    fputs (h, stdout);
  fputs (g->utf8 ? "\u253c" : "+", stdout);
  for (unsigned i = 0; i < n; i++)
    fputs (h, stdout);
  putchar ('\n');
}

/* Print a cell: the number V right-aligned, or blank for VM_NEVER. */
static void
cell (const struct grid *g, uint64_t v)
{
  if (v == VM_NEVER)
    printf ("%*s", (int) g->cell_w + 1, "");
  else
    printf (" %*" PRIu64, (int) g->cell_w, v);
}

/* Print the columns held and forget them. */
static void
flush_block (struct grid *g)
{
  unsigned last;

  if (g->ncols == 0)
    return;
  if (g->printed)
    putchar ('\n');
  row_start (g, _("ref"));
  for (unsigned i = 0; i < g->ncols; i++)
    cell (g, g->cols[i].vpn);
  putchar ('\n');
  rule (g);
  for (unsigned r = 0; r < g->frames; r++)
    {
      char *label = frame_label (r);
      row_start (g, label);
      free (label);
      for (unsigned i = 0; i < g->ncols; i++)
        cell (g, g->cols[i].cell[r]);
      putchar ('\n');
    }
  rule (g);
  /* The fault and victim rows stop at their last mark (no trailing
   * blanks). */
  for (last = g->ncols; last > 0 && !g->cols[last - 1].fault; last--)
    ;
  row_start (g, _("fault"));
  for (unsigned i = 0; i < last; i++)
    printf (" %*s", (int) g->cell_w, g->cols[i].fault ? "*" : "");
  putchar ('\n');
  for (last = g->ncols; last > 0 && g->cols[last - 1].victim == VM_NEVER;
       last--)
    ;
  row_start (g, _("victim"));
  for (unsigned i = 0; i < last; i++)
    cell (g, g->cols[i].victim);
  putchar ('\n');
  g->ncols = 0;
  g->cell_w = 1;
  g->printed = true;
}

/* Add the column of event EV, flushing the block first if it is full. */
static void
add (struct grid *g, const struct vm_event *ev)
{
  struct grid_col c;
  unsigned w;

  if (ev->frame != VM_NONE && ev->frame < g->frames)
    g->now[ev->frame] = ev->vpn;
  c.vpn = ev->vpn;
  c.fault = ev->result != VM_HIT;
  c.victim = ev->evictions > 0 ? ev->victim_vpn : VM_NEVER;
  memcpy (c.cell, g->now, sizeof c.cell);
  w = col_width (g, &c);
  if (w < g->cell_w)
    w = g->cell_w;
  if (g->ncols > 0
      && (g->ncols == g->maxcols
          || g->label_w + 2 + (g->ncols + 1) * (w + 1) > g->width))
    {
      flush_block (g);
      w = col_width (g, &c);
    }
  g->cell_w = w;
  g->cols[g->ncols++] = c;
}

/* One line of the totals: LABEL padded, then the value. */
static void
total (unsigned w, const char *label, const char *value)
{
  out_pad (label, w, false);
  printf (" %s\n", value);
}

/* The totals under the grid. */
static void
totals (const struct vm *vm)
{
  const struct vm_stats *s = vm_stats (vm);
  const struct vm_config *cfg = vm_config (vm);
  const char *labels[] = { _("policy:"), _("frames:"), _("references:"),
                           _("faults:"), _("hits:"), _("evictions:") };
  char *v[ARRAY_SIZE (labels)];
  unsigned w = 0;

  for (size_t i = 0; i < ARRAY_SIZE (labels); i++)
    if (out_width (labels[i]) > w)
      w = out_width (labels[i]);
  v[0] = xstrdup (vm_policy_name (cfg->policy));
  v[1] = xasprintf ("%u", (unsigned) cfg->frames);
  v[2] = xasprintf ("%" PRIu64, s->accesses);
  v[3] = s->accesses
    /* TRANSLATORS: the faults of the grid's totals and their share
       ("9 (75.0%)"); Chinese may use full-width parentheses. */
    ? xasprintf (_("%llu (%.1f%%)"), (unsigned long long) s->faults,
                 100.0 * (double) s->faults / (double) s->accesses)
    : xasprintf ("%" PRIu64, s->faults);
  v[4] = xasprintf ("%" PRIu64, s->hits);
  v[5] = xasprintf ("%" PRIu64, s->evictions);
  putchar ('\n');
  for (size_t i = 0; i < ARRAY_SIZE (labels); i++)
    {
      total (w, labels[i], v[i]);
      free (v[i]);
    }
}

int
grid_run (struct vm *vm, uint32_t pid, struct trace *t,
          const struct vm_future *f)
{
  struct grid g;
  struct trace_access a;
  struct vm_event ev;
  uint64_t i = 0;
  int rc;

  memset (&g, 0, sizeof g);
  g.frames = vm_config (vm)->frames;
  g.width = out_columns ();
  g.utf8 = out_utf8 ();
  g.cell_w = 1;
  g.label_w = out_width (_("ref"));
  if (out_width (_("fault")) > g.label_w)
    g.label_w = out_width (_("fault"));
  if (out_width (_("victim")) > g.label_w)
    g.label_w = out_width (_("victim"));
  for (unsigned r = 0; r < g.frames; r++)
    {
      char *label = frame_label (r);
      if (out_width (label) > g.label_w)
        g.label_w = out_width (label);
      free (label);
    }
  for (unsigned r = 0; r < GRID_MAX_FRAMES; r++)
    g.now[r] = VM_NEVER;
  g.maxcols = g.width / 2 + 1;
  g.cols = xcalloc (g.maxcols, sizeof *g.cols);

  while ((rc = trace_next (t, &a)) > 0)
    {
      vm_access (vm, pid, a.va, a.op, f ? vm_future_next (f, i++) : VM_NEVER,
                 &ev);
      add (&g, &ev);
    }
  flush_block (&g);
  free (g.cols);
  if (rc < 0)
    {
      fflush (stdout);
      fprintf (stderr, "%s: %s\n", program_name, trace_error (t));
      return 2;
    }
  totals (vm);
  return 0;
}
