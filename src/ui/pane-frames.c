/* pane-frames.c: physical memory as a grid of frames: who owns each frame
 * (process:page, coloured per process, shortened by label.c), its flags
 * (dirty, locked, huge, shared by N), the frame the access loaded (+) or
 * used (*), the clock hand and the next to go out (-), and the policy's
 * figure per frame (frames-policy.c, which also writes the legend). */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

static int grid_cols = 1, grid_cw = 10, grid_ch = 1, grid_y, grid_x;
static uint32_t grid_first, grid_count;

/* V in decimal, right-aligned in WIDTH columns (as "%*u"), into BUF of
 * N bytes (N > 11 + WIDTH).  Cells are drawn for every frame of every
 * screen: this is cheaper than snprintf. */
static void
right_number (char *buf, size_t n, unsigned v, int width)
{
  char d[16];
  int k = (int) sizeof d, len = 0;
  d[--k] = '\0';
  do
    {
      d[--k] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v);
  while ((int) sizeof d - 1 - k < width)
    d[--k] = ' ';
  for (const char *p = d + k; *p && (size_t) len + 1 < n; p++)
    buf[len++] = *p;
  buf[len] = '\0';
}

/* The label and number widths of the frame being drawn: the layout and
   the pane both ask, and the labels take a while to measure. */
static struct
{
  const struct history *hist;
  uint64_t pos, frame;
  int labw, numw;
} widths = { NULL, 0, 0, 0, 0 };

/* The owner of block F of an unpaged machine: the live process whose
   base and limit cover it (VM_NONE for none); *K its block index. */
static uint32_t
block_owner (const struct vm *vm, uint32_t f, uint64_t *k)
{
  unsigned shift = vm_page_shift (vm);
  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    {
      struct vm_proc_info pi;
      if (!vm_proc_info (vm, p, &pi) || !pi.alive)
        continue;
      uint64_t first = pi.base >> shift;
      uint64_t end = (pi.base + (pi.limit ? pi.limit : 1) + (1ull << shift) - 1)
        >> shift;
      if (f >= first && f < end)
        {
          *k = f - first;
          return p;
        }
    }
  return VM_NONE;
}

/* The whole label of frame FI (F on an unpaged machine), fitted to MAXW
   columns. */
static void
frame_label (char *buf, size_t n, const struct vm *vm, uint32_t f,
             const struct vm_frame_info *fi, int maxw)
{
  uint64_t k;
  if (vm_config (vm)->unpaged)
    {
      uint32_t p = block_owner (vm, f, &k);
      char idx[32];
      snprintf (idx, sizeof idx, "[%llu]", (unsigned long long) k);
      if (p == VM_NONE)
        snprintf (buf, n, "%s", glyph (G_NOT_PRESENT));
      else
        label_fit (buf, n, narrate_proc (vm, p), NULL, idx, maxw, vm);
    }
  else if (!fi->used)
    snprintf (buf, n, "%s", glyph (G_NOT_PRESENT));
  else if (fi->page_table)
    snprintf (buf, n, "%s", _("ptable"));
  else if (fi->owner_pid != VM_NONE)
    label_page (buf, n, vm, fi->owner_pid, fi->owner_vpn, maxw);
  else
    label_object (buf, n, vm, fi->object, fi->object_page, maxw);
}

int
frames_cell_width (const struct ui *u, int w, int *labwp, int *numwp)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t nf = vm_config (vm)->frames;
  int labw = 3, numw = 1;
  if (widths.hist == u->hist && widths.pos == history_pos (u->hist)
      && widths.frame == ui_frames_drawn ())
    {
      labw = widths.labw;
      numw = widths.numw;
      goto done;
    }
  for (uint32_t v = nf > 0 ? nf - 1 : 0; v >= 10; v /= 10)
    numw++;
  for (uint32_t f = 0; f < nf && f < 256; f++)
    {
      struct vm_frame_info fi;
      char lab[128];
      vm_frame_info (vm, f, &fi);
      frame_label (lab, sizeof lab, vm, f, &fi, 64);
      int lw = text_width (lab);
      if (lw > labw)
        labw = lw;
    }
  /* Long labels shorten (label.c) rather than take a whole row. */
  if (labw > 20)
    labw = 20;
  widths.hist = u->hist;
  widths.pos = history_pos (u->hist);
  widths.frame = ui_frames_drawn ();
  widths.labw = labw;
  widths.numw = numw;
 done:
  /* Many frames: labels shorten (down to 12 columns) when that puts
     one more frame on each row. */
  if (w > 0 && !u->project && nf > 16)
    {
      int cols = w / (numw + labw + 12);
      int fit = w / (cols + 1) - numw - 12;
      if (fit >= 12 && fit < labw)
        labw = fit;
    }
  if (labwp)
    *labwp = labw;
  if (numwp)
    *numwp = numw;
  /* number, space, mark, label, space, flags (2), figure (4), a rule
     between two blanks */
  if (u->project)
    return labw + 10 > 14 ? labw + 10 : 14;
  return numw + labw + 12;
}

/* The values frame F holds, "offset=value ...", in W columns at (Y, X):
   as many as fit, then an ellipsis. */
static void
frames_draw_values (const struct vm *vm, uint32_t f, int y, int x, int w)
{
  struct vm_value v[8];
  size_t n = vm_frame_values (vm, f, v, ARRAY_SIZE (v)), i;
  char line[256];
  size_t len = 0;
  if (n == 0 || w < 6)
    return;
  line[0] = 0;
  for (i = 0; i < n && i < ARRAY_SIZE (v); i++)
    {
      char val[VM_VALUE_TEXT], one[64];
      int k = snprintf (one, sizeof one, "%s0x%llx=%s", i ? " " : "",
                        (unsigned long long) v[i].offset,
                        vm_value_text (v[i].value, v[i].str, val));
      if ((int) (len + (size_t) k) + (i + 1 < n ? 4 : 0) > w - 1)
        break;
      memcpy (line + len, one, (size_t) k + 1);
      len += (size_t) k;
    }
  if (i < n)
    snprintf (line + len, sizeof line - len, " ...");
  draw_text (y, x + 1, w - 1, ui_attr (C_DIM), line);
}

static void
frames_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct tick *t = history_tick (u->hist);
  uint64_t pos = vm_step (vm) ? vm_step (vm) - 1 : 0; /* latest access */
  uint32_t nf = cfg->frames, cur = VM_NONE;
  bool clock = cfg->policy == VM_POLICY_CLOCK || cfg->policy == VM_POLICY_SC_DIRTY
               || cfg->policy == VM_POLICY_WSCLOCK;
  uint32_t hand = clock && !cfg->unpaged ? vm_clock_hand (vm) : VM_NONE;
  bool loaded = false;
  char title[96];

  if (t && t->kind == TICK_ACCESS)
    {
      cur = t->ev.frame;
      loaded = t->ev.result != VM_HIT && !t->ev.shared_hit;
      if (cfg->unpaged && t->ev.pa != VM_NEVER)
        cur = (uint32_t) (t->ev.pa >> vm_page_shift (vm));
    }
  if (cfg->unpaged)
    snprintf (title, sizeof title, _("Physical memory (%llu KiB)"),
              (unsigned long long) (((uint64_t) nf * cfg->page_size) >> 10));
  else
    snprintf (title, sizeof title, _("Physical frames (%u/%u used)"),
              vm_frames_used (vm), nf);
  draw_box (r, title, u->focus == PANE_FRAMES);
  int x = r->x + 1, w = r->w - 2, y = r->y + 1;
  if (r->h < 4)
    return;
  uint32_t nextv = frames_next_victim (vm);
  {
    int cw = frames_cell_width (u, w, NULL, NULL), ch = u->project ? 2 : 1;
    int gc = w / cw > 0 ? w / cw : 1;
    int need = (int) ((nf + (uint32_t) gc - 1) / (uint32_t) gc) * ch;
    y += frames_legend (u, vm, t, nextv, hand, y, x, w,
                        r->h - 2 - need >= 2 ? 2 : 1);
  }
  int labw, numw;
  grid_cw = frames_cell_width (u, w, &labw, &numw);
  grid_ch = u->project ? 2 : 1;
  grid_cols = w / grid_cw > 0 ? w / grid_cw : 1;
  int rows = (r->y + r->h - 1 - y) / grid_ch;
  if (rows < 1)
    return;
  uint32_t cap = (uint32_t) (rows * grid_cols);
  /* Keep the current (or selected) frame in view: the page of ROWS rows
     that holds it (the last page full), so that the screen depends only
     on the step, never on the way there. */
  uint32_t focus = u->sel == SEL_FRAME ? u->sel_frame : cur;
  if (focus == VM_NONE && nf > cap && nf <= 4096 && !cfg->unpaged)
    {
      /* A step that is not an access: the frame used last stays in
         view. */
      uint64_t best = 0;
      for (uint32_t f = 0; f < nf; f++)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, f, &fi);
          if (fi.used && fi.owner_pid != VM_NONE
              && (focus == VM_NONE || fi.last_use > best))
            {
              focus = f;
              best = fi.last_use;
            }
        }
    }
  uint32_t frames_top = 0;
  if (focus != VM_NONE && focus < nf && nf > cap)
    {
      uint32_t gc = (uint32_t) grid_cols, nrows = (nf + gc - 1) / gc;
      uint32_t row = focus / gc, top = row / (uint32_t) rows * (uint32_t) rows;
      if (top + (uint32_t) rows > nrows)
        top = nrows - (uint32_t) rows;
      frames_top = top * gc;
    }
  grid_y = y;
  grid_x = x;
  grid_first = frames_top;
  grid_count = 0;
  for (uint32_t i = 0; i < cap && frames_top + i < nf; i++)
    {
      uint32_t f = frames_top + i;
      struct vm_frame_info fi;
      char lab[128], fig[16], flags[8];
      int cy = y + (int) (i / (uint32_t) grid_cols) * grid_ch;
      int cx = x + (int) (i % (uint32_t) grid_cols) * grid_cw;
      attr_t a;
      uint64_t k;

      vm_frame_info (vm, f, &fi);
      grid_count++;
      fig[0] = '\0';
      uint32_t owner = fi.owner_pid;
      if (cfg->unpaged)
        {
          owner = block_owner (vm, f, &k);
          fi.used = owner != VM_NONE;
        }
      frame_label (lab, sizeof lab, vm, f, &fi,
                   grid_ch == 1 ? labw : grid_cw - 10);
      a = fi.used ? ui_attr (ui_proc_color (owner)) : ui_attr (C_DIM);
      if (fi.used && !cfg->unpaged)
        frames_policy_figure (fig, sizeof fig, vm, &fi, pos);
      /* The mark before the label: the clock hand, the page this access
         loaded (+) or used (*), the next to go out (-). */
      const char *mark = " ";
      attr_t ma = ui_attr (C_TEXT);
      if (f == cur)
        {
          /* On an unpaged machine, another program's memory: "!". */
          bool foreign = cfg->unpaged && t->ev.phys_owner != t->ev.pid;
          a = ui_attr (foreign ? C_VICTIM : C_CURRENT);
          mark = foreign ? "!" : loaded ? "+" : "*";
        }
      else if (f == nextv)
        {
          mark = "-";
          ma = ui_attr (C_MAJOR) & ~A_UNDERLINE;
        }
      if (u->sel == SEL_FRAME && f == u->sel_frame)
        a = ui_attr (C_SELECT);
      if (hand == f)
        {
          mark = glyph (G_HAND);
          ma = ui_attr (C_FOCUS);
        }
      /* Flags: dirty, locked or huge; the number of mappings when the
         frame is shared. */
      flags[0] = ' ';
      flags[1] = ' ';
      flags[2] = '\0';
      if (fi.used && !cfg->unpaged)
        {
          struct vm_page_info pg;
          bool huge = false;
          if (fi.owner_pid != VM_NONE)
            {
              vm_page_info (vm, fi.owner_pid, fi.owner_vpn, &pg);
              huge = (pg.bits & VM_PTE_H) != 0;
            }
          flags[0] = huge ? 'H' : fi.pinned ? 'L' : fi.dirty ? 'D' : ' ';
          if (fi.nowners > 1)
            flags[1] = fi.nowners > 9 ? '+' : (char) ('0' + fi.nowners);
        }
      if (grid_ch == 1)
        {
          char num[32];
          right_number (num, sizeof num - 1, f, numw);
          strcat (num, " ");
          int cx2 = cx + draw_text (cy, cx, numw + 1, ui_attr (C_DIM), num);
          cx2 += draw_text (cy, cx2, 1, ma, mark);
          canvas_blank (cy, cx2, labw + 7);
          draw_text (cy, cx2, labw, a, lab);
          draw_text (cy, cx2 + labw + 1, 2, ui_attr (C_TEXT), flags);
          /* "%4s": padded to 4 bytes. */
          char padded[24] = "    ";
          size_t fl = strlen (fig);
          memcpy (padded + (fl < 4 ? 4 - fl : 0), fig, fl + 1);
          draw_text (cy, cx2 + labw + 3, 4, f == nextv
                     ? ui_attr (C_MAJOR) & ~A_UNDERLINE : ui_attr (C_DIM),
                     padded);
          /* A rule before the next cell, so that a figure never reads as
             part of the next frame's number. */
          if ((i + 1) % (uint32_t) grid_cols != 0 && frames_top + i + 1 < nf)
            draw_text (cy, cx2 + labw + 8, 1, ui_attr (C_BORDER),
                       glyph (G_VLINE));
          /* One column: the frame's values where they fit. */
          else if (grid_cols == 1)
            frames_draw_values (vm, f, cy, cx2 + labw + 8,
                                r->x + r->w - 1 - (cx2 + labw + 8));
        }
      else
        {
          /* Row 1: the frame's number; row 2: the mark, the label, the
             flags and the policy's figure, as in a one-row cell. */
          int lw2 = grid_cw - 10;
          draw_printf (cy, cx, grid_cw - 2, ui_attr (C_DIM), "%u", f);
          canvas_blank (cy + 1, cx, grid_cw - 1);
          draw_text (cy + 1, cx, 1, ma, mark);
          draw_text (cy + 1, cx + 1, lw2, a | A_BOLD, lab);
          draw_text (cy + 1, cx + 2 + lw2, 2, a | A_BOLD, flags);
          draw_printf (cy + 1, cx + 4 + lw2, 4,
                       f == nextv ? ui_attr (C_MAJOR) : ui_attr (C_TEXT),
                       "%4s", fig);
        }
    }
  /* Frames the pane has no room for: the bottom border says which are
     shown, so that a hidden frame is never taken for a missing one. */
  if (nf > cap && grid_count > 0)
    {
      /* an unpaged machine's pane shows blocks of memory, not frames */
      char *m = xasprintf (vm_config (vm)->unpaged
                           ? _(" blocks %u-%u of %u ")
                           : _(" frames %u-%u of %u "), frames_top,
                           frames_top + grid_count - 1, nf);
      int mw = text_width (m);
      if (mw <= r->w - 4)
        draw_text (r->y + r->h - 1, r->x + r->w - 2 - mw, mw,
                   ui_attr (C_BORDER), m);
      free (m);
    }
}

static bool
frames_key (struct ui *u, int key)
{
  enum ui_action a = key_action (key);
  uint32_t nf = vm_config (run_vm (history_run (u->hist)))->frames;
  if (a != ACT_UP && a != ACT_DOWN)
    return false;
  if (u->sel != SEL_FRAME)
    {
      u->sel = SEL_FRAME;
      u->sel_frame = 0;
      return true;
    }
  if (a == ACT_DOWN)
    u->sel_frame = (u->sel_frame + 1) % nf;
  else
    u->sel_frame = (u->sel_frame + nf - 1) % nf;
  return true;
}

static bool
frames_click (struct ui *u, const struct rect *r, int y, int x)
{
  if (y < grid_y || x < grid_x)
    return false;
  int row = (y - grid_y) / grid_ch, col = (x - grid_x) / grid_cw;
  if (col >= grid_cols)
    return false;
  uint32_t i = (uint32_t) (row * grid_cols + col);
  if (i >= grid_count)
    return false;
  u->sel = SEL_FRAME;
  u->sel_frame = grid_first + i;
  (void) r;
  return true;
}

const struct pane pane_frames = {
  .title = N_("Physical frames"),
  .draw = frames_draw,
  .key = frames_key,
  .click = frames_click,
};
