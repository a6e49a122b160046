/* pane-grid.c: the reference-string grid of the current process, as
 * textbooks draw it and as --format=grid prints it (src/out/grid.c): a
 * row of references, one row per frame holding its page after each
 * reference, a row marking the faults and a row naming the victims.  One
 * column per reference of the process since the machine started, up to
 * the current step; the most recent columns that fit are shown, with a
 * mark when earlier ones exist.  The frames' contents are the engine's
 * own (a replay from the history's checkpoint), so other processes'
 * pages, exits and reboots are shown as they were. */
#include "system.h"

#include "narrate/narrate.h"
#include "out/out.h"
#include "ui/ui.h"
#include "util.h"

#define GRID_COLS 256     /* columns at most */

/* One column: a reference and its frames after it. */
struct gcol
{
  uint64_t tick;
  uint64_t vpn;
  uint64_t victim_vpn;
  uint32_t victim_pid;   /* VM_NONE: no victim */
  uint32_t frame;
  uint8_t result;
  /* The page in each shown frame after the reference. */
  uint32_t cpid[GRID_MAX_FRAMES];
  uint64_t cvpn[GRID_MAX_FRAMES];
};

/* The model for one position (cached: stepping redraws often). */
struct gmodel
{
  const struct history *h;
  uint64_t pos;
  int maxcols;
  bool any;              /* an access of this machine so far */
  uint32_t pid;
  uint64_t refs, faults, evictions;   /* the process since boot */
  uint64_t boot;         /* the tick the machine started at */
  struct gcol col[GRID_COLS];
  int ncols;
  uint32_t frame[GRID_MAX_FRAMES];    /* the rows */
  int nrows;
  bool more_rows;        /* frames the process used that have no row */
};

static struct gmodel model;

/* The index of page VPN in its region of PID, or VPN itself outside any
   region; the region's name in *NAME. */
static uint64_t
page_index (const struct vm *vm, uint32_t pid, uint64_t vpn,
            const char **name)
{
  struct vm_proc_info pi;
  *name = NULL;
  if (pid == VM_NONE || !vm_proc_info (vm, pid, &pi))
    return vpn;
  for (size_t i = 0; i < pi.nregions; i++)
    {
      struct vm_region_info ri;
      if (vm_region_info (vm, pid, i, &ri) && vpn >= ri.start_vpn
          && vpn - ri.start_vpn < ri.pages)
        {
          *name = ri.name;
          return vpn - ri.start_vpn;
        }
    }
  return vpn;
}

/* The cell of page VPN of PID: with ONE (every page of the grid is in one
   region, named in the title) its index in that region, else the page as
   the other panes name it without the process ("stack[0]", "code[3]", or
   the page number outside a named region), so that distinct pages never
   share a label. */
static void
cell_label (char *buf, size_t n, const struct vm *vm, uint32_t pid,
            uint64_t vpn, bool one)
{
  const char *name;
  if (one)
    {
      snprintf (buf, n, "%llu",
                (unsigned long long) page_index (vm, pid, vpn, &name));
      return;
    }
  char full[96];
  struct vm_proc_info pi;
  size_t skip = 0;
  narrate_page (full, sizeof full, vm, pid, vpn);
  if (vm_proc_info (vm, pid, &pi) && pi.name)
    {
      size_t k = strlen (pi.name);
      if (strncmp (full, pi.name, k) == 0 && full[k] == ':')
        skip = k + 1;
    }
  snprintf (buf, n, "%s", full + skip);
}

/* Draw TEXT right-aligned in a cell of CW columns at Y, X. */
static void
draw_cell (int y, int x, int cw, attr_t a, const char *text)
{
  int tw = text_width (text);
  if (tw < cw)
    x += cw - tw;
  draw_text (y, x, cw < tw ? cw : tw, a, text);
}

static int
cmp_u32 (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return x < y ? -1 : x > y;
}

/* Build the model of U's position with at most MAXCOLS columns. */
static void
build (struct ui *u, int maxcols)
{
  struct history *h = u->hist;
  uint64_t pos = history_pos (h);
  struct gmodel *m = &model;
  if (m->h == h && m->pos == pos && m->maxcols == maxcols)
    return;
  memset (m, 0, sizeof *m);
  m->h = h;
  m->pos = pos;
  m->maxcols = maxcols;
  m->pid = VM_NONE;
  if (maxcols > GRID_COLS)
    maxcols = GRID_COLS;
  /* Newest first, back to the machine's start: the process of the
     latest access, its references and the columns to show. */
  uint64_t ticks[GRID_COLS];
  int n = 0;
  for (uint64_t i = pos; i-- > 0;)
    {
      const struct hist_rec *r = history_rec (h, i);
      if (!r)
        continue;
      if (r->kind == TICK_REBOOT)
        {
          m->boot = i + 1;
          break;
        }
      if (r->kind != TICK_ACCESS || r->result >= VM_RESULT_COUNT)
        continue;
      if (m->pid == VM_NONE)
        m->pid = r->pid;
      if (r->pid != m->pid)
        continue;
      m->refs++;
      if (r->result != VM_HIT)
        m->faults++;
      if (r->victim_pid != VM_NONE)
        m->evictions++;
      if (n < maxcols)
        ticks[n++] = i;
    }
  if (m->pid == VM_NONE)
    return;
  m->any = true;
  /* The columns, oldest first, and the frames they used (the rows). */
  m->ncols = n;
  for (int k = 0; k < n; k++)
    {
      const struct hist_rec *r = history_rec (h, ticks[n - 1 - k]);
      struct gcol *c = &m->col[k];
      c->tick = ticks[n - 1 - k];
      c->frame = r->frame;
      c->result = r->result;
      c->victim_pid = r->victim_pid;
      c->victim_vpn = r->victim_vpn;
      bool seen = r->frame == VM_NONE;
      for (int j = 0; j < m->nrows && !seen; j++)
        seen = m->frame[j] == r->frame;
      if (!seen)
        {
          if (m->nrows < GRID_MAX_FRAMES)
            m->frame[m->nrows++] = r->frame;
          else
            m->more_rows = true;
        }
    }
  qsort (m->frame, (size_t) m->nrows, sizeof *m->frame, cmp_u32);
  /* Replay from the checkpoint before the first column, reading the
     frames after each column's reference. */
  struct run *run = history_run_before (h, m->col[0].tick);
  struct tick t;
  int k = 0;
  while (k < n && run_position (run) < pos && run_next (run, &t))
    {
      if (t.n != m->col[k].tick)
        continue;
      const struct vm *vm = run_vm (run);
      struct gcol *c = &m->col[k++];
      c->vpn = t.kind == TICK_ACCESS ? t.ev.vpn : 0;
      for (int j = 0; j < m->nrows; j++)
        {
          struct vm_frame_info fi;
          c->cpid[j] = VM_NONE;
          vm_frame_info (vm, m->frame[j], &fi);
          if (fi.used)
            {
              c->cpid[j] = fi.owner_pid;
              c->cvpn[j] = fi.owner_vpn;
            }
        }
    }
  run_free (run);
}

/* The rows of the columns of M from FIRST on: the frames they used. */
static void
suffix_rows (const struct gmodel *m, int first, bool *row)
{
  for (int j = 0; j < m->nrows; j++)
    {
      row[j] = false;
      for (int k = first; k < m->ncols && !row[j]; k++)
        row[j] = m->col[k].frame == m->frame[j];
    }
}

/* Whether every page of M's process in the columns from FIRST on (their
   references, the frames of their rows and their victims) is in one
   region; its name in *REGION. */
static bool
one_region (const struct vm *vm, const struct gmodel *m, int first,
            const char **region)
{
  const char *name;
  bool row[GRID_MAX_FRAMES], any = false;
  *region = NULL;
  suffix_rows (m, first, row);
#define SAME(vpn) \
  do \
    { \
      page_index (vm, m->pid, (vpn), &name); \
      if (!name || (any && strcmp (name, *region) != 0)) \
        return false; \
      *region = name, any = true; \
    } \
  while (0)
  for (int k = first; k < m->ncols; k++)
    {
      const struct gcol *c = &m->col[k];
      SAME (c->vpn);
      for (int j = 0; j < m->nrows; j++)
        if (row[j] && c->cpid[j] == m->pid)
          SAME (c->cvpn[j]);
      if (c->victim_pid == m->pid)
        SAME (c->victim_vpn);
    }
#undef SAME
  return any;
}

/* The widest cell of the columns of M from FIRST on, labelled as
   cell_label does with ONE. */
static int
cells_width (const struct vm *vm, const struct gmodel *m, int first,
             bool one)
{
  char cell[96];
  bool row[GRID_MAX_FRAMES];
  int need = 1;
  suffix_rows (m, first, row);
#define WIDEN(vpn) \
  do \
    { \
      cell_label (cell, sizeof cell, vm, m->pid, (vpn), one); \
      if (text_width (cell) > need) \
        need = text_width (cell); \
    } \
  while (0)
  for (int k = first; k < m->ncols; k++)
    {
      const struct gcol *c = &m->col[k];
      WIDEN (c->vpn);
      for (int j = 0; j < m->nrows; j++)
        if (row[j] && c->cpid[j] == m->pid)
          WIDEN (c->cvpn[j]);
      if (c->victim_pid == m->pid)
        WIDEN (c->victim_vpn);
    }
#undef WIDEN
  return need;
}

/* Columns of the label column. */
static int
label_width (const struct gmodel *m)
{
  int w = text_width (_("ref"));
  const char *more[] = { _("fault"), _("victim") };
  for (size_t i = 0; i < ARRAY_SIZE (more); i++)
    if (text_width (more[i]) > w)
      w = text_width (more[i]);
  for (int j = 0; j < m->nrows; j++)
    {
      char *lab = xasprintf (_("frame %u"), m->frame[j]);
      if (text_width (lab) > w)
        w = text_width (lab);
      free (lab);
    }
  return w;
}

static void
grid_draw (struct ui *u, const struct rect *r)
{
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;
  const struct vm *vm = run_vm (history_run (u->hist));
  char title[160], buf[160];

  /* The columns that fit: the label, a separator, then cells of the
     widest page label plus a blank.  The labels depend on the columns
     shown (one region: its indices; more: region and index), and the
     columns on the cell width: build the most columns once, then take
     the narrowest width whose columns, the most recent ones, fit their
     own labels. */
  int cw = 1, labw = 8;
  bool one = true;
  const char *region = NULL;
  char cell[96];
  build (u, (w - 3) / 2 > 1 ? (w - 3) / 2 : 1);
  labw = label_width (&model);
  for (;; cw++)
    {
      int fit = (w - labw - 3) / (cw + 1);
      if (fit < 1)
        fit = 1;
      int first = model.ncols > fit ? model.ncols - fit : 0;
      one = one_region (vm, &model, first, &region);
      if (cells_width (vm, &model, first, one) <= cw || cw >= w)
        break;
    }
  {
    int fit = (w - labw - 3) / (cw + 1);
    build (u, fit < 1 ? 1 : fit);
    one = one_region (vm, &model, 0, &region);
  }
  const struct gmodel *m = &model;

  if (!m->any)
    {
      draw_box (r, _("Reference grid"), u->focus == PANE_GRID);
      draw_wrapped (y, x, bottom - y, w, ui_attr (C_DIM),
                    _("No reference on this machine yet: the grid gets a "
                      "column for each reference of the process."));
      return;
    }
  /* The title names the process and, when every page shown is in one
     region, the region the numbers count pages of (else each cell names
     its page's region). */
  struct vm_proc_info pi;
  const char *pname = vm_proc_info (vm, m->pid, &pi) && pi.name ? pi.name
    : "?";
  if (one)
    snprintf (title, sizeof title, _("Reference grid: %s, pages of %s"),
              pname, region);
  else
    snprintf (title, sizeof title, _("Reference grid: %s"), pname);
  /* In fewer words when narrow, never cut. */
  if (text_width (title) > r->w - 6)
    snprintf (title, sizeof title, _("Reference grid: %s"), pname);
  if (text_width (title) > r->w - 6)
    snprintf (title, sizeof title, "%s", _("Reference grid"));
  draw_box (r, title, u->focus == PANE_GRID);

  /* The references, two rules, the faults and the victims come first;
     the totals and the legend only where there is room. */
  int rows_room = bottom - y - 5;
  int nrows = m->nrows < rows_room ? m->nrows : rows_room;
  if (nrows < 1)
    nrows = m->nrows > 0 ? 1 : 0;
  int cx0 = x + labw + 3;   /* as --format=grid: a blank first */
  bool earlier = m->refs > (uint64_t) m->ncols;
  uint64_t pos = history_pos (u->hist);
  /* The column of the current tick, if it is a reference. */
  int cur = m->ncols > 0 && m->col[m->ncols - 1].tick + 1 == pos
    ? m->ncols - 1 : -1;
  const char *vl = glyph (G_VLINE);

  /* The references. */
  draw_text (y, x, labw, ui_attr (C_LABEL), _("ref"));
  draw_text (y, x + labw + 1, 1, ui_attr (C_BORDER),
             earlier ? glyph (G_ELLIPSIS) : vl);
  for (int k = 0; k < m->ncols; k++)
    {
      cell_label (cell, sizeof cell, vm, m->pid, m->col[k].vpn, one);
      draw_cell (y, cx0 + k * (cw + 1), cw,
                 k == cur ? ui_attr (C_CURRENT) : ui_attr (C_TEXT) | A_BOLD,
                 cell);
    }
  y++;
  /* A rule. */
  for (int i = 0; i < w && y < bottom; i++)
    draw_text (y, x + i, 1, ui_attr (C_BORDER),
               i == labw + 1 ? (u->utf8 ? "\u253c" : "+") : glyph (G_HLINE));
  y++;
  /* The frames. */
  for (int j = 0; j < nrows && y < bottom; j++, y++)
    {
      snprintf (buf, sizeof buf, _("frame %u"), m->frame[j]);
      draw_text (y, x, labw, ui_attr (C_LABEL), buf);
      draw_text (y, x + labw + 1, 1, ui_attr (C_BORDER), vl);
      for (int k = 0; k < m->ncols; k++)
        {
          const struct gcol *c = &m->col[k];
          int cx = cx0 + k * (cw + 1);
          if (c->cpid[j] == VM_NONE)
            continue;
          attr_t a = ui_attr (C_TEXT);
          if (c->cpid[j] != m->pid)
            {
              /* Another process's page. */
              snprintf (buf, sizeof buf, "%*s", cw, "-");
              draw_text (y, cx, cw, ui_attr (C_DIM), buf);
              continue;
            }
          cell_label (cell, sizeof cell, vm, m->pid, c->cvpn[j], one);
          if (c->frame == m->frame[j])
            a = c->result == VM_HIT ? ui_attr (C_HIT)
              : c->result == VM_MINOR ? ui_attr (C_MINOR)
              : c->result == VM_MAJOR ? ui_attr (C_MAJOR) : ui_attr (C_BAD);
          if (k == cur)
            a |= A_BOLD;
          draw_cell (y, cx, cw, a, cell);
        }
    }
  if (nrows < m->nrows && y < bottom)
    {
      snprintf (buf, sizeof buf,
                ngettext ("%s %d more frame", "%s %d more frames",
                          (unsigned long) (m->nrows - nrows)),
                glyph (G_ELLIPSIS), m->nrows - nrows);
      draw_text (y++, x, w, ui_attr (C_DIM), buf);
    }
  if (y < bottom)
    {
      for (int i = 0; i < w; i++)
        draw_text (y, x + i, 1, ui_attr (C_BORDER),
                   i == labw + 1 ? (u->utf8 ? "\u253c" : "+")
                   : glyph (G_HLINE));
      y++;
    }
  /* The faults and the victims. */
  if (y < bottom)
    {
      draw_text (y, x, labw, ui_attr (C_LABEL), _("fault"));
      draw_text (y, x + labw + 1, 1, ui_attr (C_BORDER), vl);
      for (int k = 0; k < m->ncols; k++)
        if (m->col[k].result != VM_HIT)
          {
            snprintf (buf, sizeof buf, "%*s", cw, "*");
            draw_text (y, cx0 + k * (cw + 1), cw, ui_attr (C_MAJOR), buf);
          }
      y++;
    }
  if (y < bottom)
    {
      draw_text (y, x, labw, ui_attr (C_LABEL), _("victim"));
      draw_text (y, x + labw + 1, 1, ui_attr (C_BORDER), vl);
      for (int k = 0; k < m->ncols; k++)
        {
          const struct gcol *c = &m->col[k];
          if (c->victim_pid == VM_NONE)
            continue;
          if (c->victim_pid != m->pid)
            snprintf (cell, sizeof cell, "-");
          else
            cell_label (cell, sizeof cell, vm, m->pid, c->victim_vpn, one);
          draw_cell (y, cx0 + k * (cw + 1), cw,
                     ui_attr (C_VICTIM) & ~A_REVERSE, cell);
        }
      y++;
    }
  /* The totals, and which references are shown. */
  if (y < bottom)
    {
      char refs[64], faults[64];
      snprintf (refs, sizeof refs,
                ngettext ("%llu reference", "%llu references",
                          (unsigned long) m->refs),
                (unsigned long long) m->refs);
      snprintf (faults, sizeof faults,
                ngettext ("%llu fault", "%llu faults",
                          (unsigned long) m->faults),
                (unsigned long long) m->faults);
      char evictions[64];
      snprintf (evictions, sizeof evictions,
                ngettext ("%llu eviction", "%llu evictions",
                          (unsigned long) m->evictions),
                (unsigned long long) m->evictions);
      snprintf (buf, sizeof buf, _("%s: %s, %s, %s"), pname, refs, faults,
                evictions);
      int used = draw_text (y, x, w, ui_attr (C_TEXT) | A_BOLD, buf);
      if (earlier)
        {
          snprintf (buf, sizeof buf, _("  (%s the last %d shown)"),
                    glyph (G_ELLIPSIS), m->ncols);
          if (used + text_width (buf) <= w)
            draw_text (y, x + used, w - used, ui_attr (C_DIM), buf);
        }
      y++;
    }
  /* The legend: the marks drawn, each whole or not at all. */
  bool others = false;
  for (int k = 0; k < m->ncols; k++)
    for (int j = 0; j < nrows; j++)
      others |= m->col[k].cpid[j] != VM_NONE && m->col[k].cpid[j] != m->pid;
  if (y < bottom)
    {
      const char *parts[] = { _("* a fault"),
                              _("victim: the page evicted"),
                              others ? _("- another process's page") : NULL };
      int cx = x;
      for (size_t i = 0; i < ARRAY_SIZE (parts); i++)
        if (parts[i] && cx + text_width (parts[i]) <= x + w)
          cx += draw_text (y, cx, w, ui_attr (C_DIM), parts[i]) + 2;
    }
}

const struct pane pane_grid = {
  N_("Reference grid"), grid_draw, NULL, NULL
};
