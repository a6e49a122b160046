/* pane-vspace.c: the virtual address spaces, one row per process, each
 * region a bar of pages.  A page's state is a glyph (readable without
 * colour): not present, resident, dirty, swapped, shared, copy-on-write,
 * locked; the current page is drawn reversed with a caret under it.
 * Regions longer than their share of the row show a window of pages
 * around the current (or selected) page. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"

/* Cells drawn in the last frame, for clicks and Up/Down selection. */
struct cell
{
  int y, x;
  uint32_t pid;
  uint64_t vpn;
};
static struct cell cells[4096];
static size_t ncells;

/* The glyph and colour of page PI; *ATTR gets its attributes. */
static enum glyph
page_glyph (const struct vm_page_info *pi, uint32_t pid, attr_t *attr)
{
  *attr = ui_attr (ui_proc_color (pid));
  switch (pi->state)
    {
    case VM_PAGE_UNMAPPED:
      return G_UNMAPPED;
    case VM_PAGE_NOT_PRESENT:
      *attr = ui_attr (C_DIM);
      return G_NOT_PRESENT;
    case VM_PAGE_SWAPPED:
      *attr = ui_attr (C_MAJOR) & ~A_UNDERLINE;
      return G_SWAPPED;
    case VM_PAGE_RESIDENT:
    default:
      if (pi->bits & VM_PTE_L)
        return G_LOCKED;
      if (pi->bits & VM_PTE_COW)
        return G_COW;
      if (pi->shared)
        return G_SHARED;
      if (pi->bits & VM_PTE_D)
        return G_DIRTY;
      return G_RESIDENT;
    }
}

/* The page to keep in view: the selection, else the current access. */
static bool
focus_page (const struct ui *u, uint32_t *pid, uint64_t *vpn)
{
  if (u->sel == SEL_PAGE)
    {
      *pid = u->sel_pid;
      *vpn = u->sel_vpn;
      return true;
    }
  const struct tick *t = history_tick (u->hist);
  if (t && t->kind == TICK_ACCESS)
    {
      *pid = t->ev.pid;
      *vpn = t->ev.vpn;
      return true;
    }
  return false;
}

/* Draw one process on row Y from column X, W columns; returns the column
 * of the focus page or -1. */
static int
draw_proc (struct ui *u, const struct vm *vm, uint32_t pid, int y, int x,
           int w, uint32_t cur_pid, uint64_t cur_vpn, bool have_cur,
           uint32_t fpid, uint64_t fvpn, bool have_focus)
{
  struct vm_proc_info pi;
  int caret = -1;
  if (!vm_proc_info (vm, pid, &pi))
    return -1;
  int namew = 8;
  attr_t pa = ui_attr (ui_proc_color (pid)) | A_BOLD;
  draw_text (y, x, namew - 1, pa, pi.name ? pi.name : "?");
  if (!pi.alive)
    {
      draw_text (y, x + namew, w - namew, ui_attr (C_DIM),
                 pi.end == VM_END_SEGV ? _("killed (SIGSEGV)")
                 : pi.end == VM_END_OOM ? _("killed (out of memory)")
                 : _("(exited)"));
      return -1;
    }
  size_t nr = pi.nregions;
  if (vm_config (vm)->unpaged)
    {
      draw_printf (y, x + namew, w - namew, ui_attr (C_TEXT),
                   _("base register 0x%llx"), (unsigned long long) pi.base);
      return -1;
    }
  if (nr == 0)
    {
      draw_text (y, x + namew, w - namew, ui_attr (C_DIM), _("(no regions)"));
      return -1;
    }
  if (nr > 16)
    nr = 16;
  struct vm_region_info ri[16];
  int labelw[16], ncell[16];
  int avail = w - namew, labels = 0;
  for (size_t i = 0; i < nr; i++)
    {
      vm_region_info (vm, pid, i, &ri[i]);
      labelw[i] = ri[i].name ? text_width (ri[i].name) : 0;
      if (labelw[i] > 8)
        labelw[i] = 8;
      labels += labelw[i] + 2;
    }
  /* Projection mode: two columns a page, to be seen from afar. */
  int cw = u->project ? 2 : 1;
  int room = (avail - labels) / cw;
  if (room < (int) nr)
    room = (int) nr;
  /* An equal share each, then what is left to those that want more. */
  int share = room / (int) nr, used = 0;
  for (size_t i = 0; i < nr; i++)
    {
      ncell[i] = ri[i].pages < (uint64_t) share ? (int) ri[i].pages : share;
      used += ncell[i];
    }
  for (size_t i = 0; i < nr && used < room; i++)
    if ((uint64_t) ncell[i] < ri[i].pages)
      {
        uint64_t more = ri[i].pages - (uint64_t) ncell[i];
        int add = more < (uint64_t) (room - used) ? (int) more : room - used;
        ncell[i] += add;
        used += add;
      }

  int cx = x + namew;
  for (size_t i = 0; i < nr && cx < x + w; i++)
    {
      if (labelw[i])
        {
          cx += draw_text (y, cx, labelw[i], ui_attr (C_LABEL), ri[i].name);
          cx += draw_text (y, cx, 1, ui_attr (C_BORDER), ":");
        }
      uint64_t first = ri[i].start_vpn, n = (uint64_t) ncell[i];
      bool clip_left = false, clip_right = false;
      if (n < ri[i].pages)
        {
          /* A window: around the focus page when it is here. */
          uint64_t c = first;
          if (have_focus && fpid == pid && fvpn >= ri[i].start_vpn
              && fvpn < ri[i].start_vpn + ri[i].pages)
            c = fvpn;
          uint64_t start = c > first + n / 2 ? c - n / 2 : first;
          if (start + n > first + ri[i].pages)
            start = first + ri[i].pages - n;
          clip_left = start > first;
          clip_right = start + n < first + ri[i].pages;
          first = start;
        }
      for (uint64_t k = 0; k < n && cx + cw <= x + w; k++)
        {
          uint64_t vpn = first + k;
          struct vm_page_info pg;
          attr_t a;
          enum glyph g;
          if ((k == 0 && clip_left) || (k == n - 1 && clip_right))
            {
              g = G_ELLIPSIS;
              a = ui_attr (C_DIM);
            }
          else
            {
              vm_page_info (vm, pid, vpn, &pg);
              g = page_glyph (&pg, pid, &a);
            }
          if (have_cur && pid == cur_pid && vpn == cur_vpn)
            {
              a = ui_attr (C_CURRENT);
              caret = cx;
            }
          else if (u->sel == SEL_PAGE && pid == u->sel_pid
                   && vpn == u->sel_vpn)
            a = ui_attr (C_SELECT);
          draw_text (y, cx, 1, a, glyph (g));
          if (cw == 2)
            draw_text (y, cx + 1, 1, a, g == G_ELLIPSIS ? " " : glyph (g));
          for (int k2 = 0; k2 < cw && ncells < ARRAY_SIZE (cells); k2++)
            cells[ncells++] = (struct cell) { y, cx + k2, pid, vpn };
          cx += cw;
        }
      cx++;
    }
  return caret;
}

static void
vspace_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  size_t np = vm_nprocs (vm);
  const struct tick *t = history_tick (u->hist);
  bool have_cur = t && t->kind == TICK_ACCESS;
  uint32_t cur_pid = have_cur ? t->ev.pid : VM_NONE;
  uint64_t cur_vpn = have_cur ? t->ev.vpn : 0;
  uint32_t fpid = VM_NONE;
  uint64_t fvpn = 0;
  bool have_focus = focus_page (u, &fpid, &fvpn);
  int inner = r->h - 2, legend_rows = r->w < 70 && !u->compact ? 2 : 1;
  int rows = inner - legend_rows;
  int per = 2;

  draw_box (r, _("Virtual address spaces"), u->focus == PANE_VSPACE);
  ncells = 0;
  if (rows < (int) np * 2)
    per = 1;
  /* Scroll so the process of the focus page is in view. */
  size_t first = 0, fit = (size_t) (rows / per > 0 ? rows / per : 1);
  if (have_focus && fpid != VM_NONE && fpid >= fit && fpid < np)
    first = fpid - fit + 1;
  int y = r->y + 1;
  for (size_t p = first; p < np && y + per - 1 < r->y + 1 + rows; p++)
    {
      int caret = draw_proc (u, vm, (uint32_t) p, y, r->x + 1, r->w - 2,
                             cur_pid, cur_vpn, have_cur, fpid, fvpn,
                             have_focus);
      if (per == 2 && caret >= 0)
        {
          char lab[64];
          narrate_page (lab, sizeof lab, vm, cur_pid, cur_vpn);
          int lx = caret;
          int lw = text_width (lab) + 2;
          if (lx + lw > r->x + r->w - 1)
            lx = r->x + r->w - 1 - lw;
          if (lx < r->x + 1)
            lx = r->x + 1;
          if (lx == caret)
            {
              draw_text (y + 1, caret, 1, ui_attr (C_CURRENT), "^");
              draw_text (y + 1, caret + 2, lw, ui_attr (C_FOCUS), lab);
            }
          else
            {
              draw_text (y + 1, lx, lw, ui_attr (C_FOCUS), lab);
              draw_text (y + 1, caret, 1, ui_attr (C_CURRENT), "^");
            }
        }
      y += per;
    }
  /* Legend. */
  if (inner > legend_rows && !vm_config (vm)->unpaged)
    {
      char legend[256];
      snprintf (legend, sizeof legend,
                _("%s absent %s resident %s dirty %s swapped %s shared "
                  "%s cow %s locked"),
                glyph (G_NOT_PRESENT), glyph (G_RESIDENT), glyph (G_DIRTY),
                glyph (G_SWAPPED), glyph (G_SHARED), glyph (G_COW),
                glyph (G_LOCKED));
      draw_wrapped (r->y + r->h - 1 - legend_rows, r->x + 1, legend_rows,
                    r->w - 2, ui_attr (C_DIM), legend);
    }
}

static void
select_cell (struct ui *u, size_t i)
{
  u->sel = SEL_PAGE;
  u->sel_pid = cells[i].pid;
  u->sel_vpn = cells[i].vpn;
}

static bool
vspace_key (struct ui *u, int key)
{
  enum ui_action a = key_action (key);
  if ((a != ACT_UP && a != ACT_DOWN) || ncells == 0)
    return false;
  size_t i = 0;
  if (u->sel == SEL_PAGE)
    for (size_t k = 0; k < ncells; k++)
      if (cells[k].pid == u->sel_pid && cells[k].vpn == u->sel_vpn)
        {
          i = a == ACT_DOWN ? (k + 1) % ncells : (k + ncells - 1) % ncells;
          break;
        }
  select_cell (u, i);
  return true;
}

static bool
vspace_click (struct ui *u, const struct rect *r, int y, int x)
{
  for (size_t k = 0; k < ncells; k++)
    if (cells[k].y == y && cells[k].x == x)
      {
        select_cell (u, k);
        return true;
      }
  (void) r;
  return false;
}

const struct pane pane_vspace = {
  .title = N_("Virtual address spaces"),
  .draw = vspace_draw,
  .key = vspace_key,
  .click = vspace_click,
};
