/* pane-vspace.c: the virtual address spaces, one row per process, each
 * region a bar of pages.  A page's state is a glyph (readable without
 * colour): not present, resident, dirty, swapped, shared, copy-on-write,
 * locked; the current page is drawn reversed with a caret under it.
 * Regions longer than their share of the row show a window of pages
 * around the current (or selected) page. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

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
      /* Copy-on-write only while another page shares the frame: once
         the other side has its own copy, the page is this process's. */
      if ((pi->bits & VM_PTE_COW) && pi->shared)
        return G_COW;
      if (pi->bits & VM_PTE_H)
        return G_HUGE;
      if (pi->shared)
        return G_SHARED;
      if (pi->bits & VM_PTE_D)
        return G_DIRTY;
      return G_RESIDENT;
    }
}

/* The page to keep in view: the selection, else the current access, else
   the page used last. */
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
  /* A step that is not an access: the page used last stays in view. */
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t nf = vm_config (vm)->frames;
  uint64_t best = 0;
  bool found = false;
  for (uint32_t f = 0; f < nf && nf <= 4096 && !vm_config (vm)->unpaged; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      if (fi.used && fi.owner_pid != VM_NONE && (!found || fi.last_use > best))
        {
          *pid = fi.owner_pid;
          *vpn = fi.owner_vpn;
          best = fi.last_use;
          found = true;
        }
    }
  return found;
}

/* How a process that is no more ended. */
static const char *
proc_end_words (const struct vm_proc_info *pi)
{
  return pi->end == VM_END_SEGV ? _("killed (SIGSEGV)")
         : pi->end == VM_END_OOM ? _("killed (out of memory)")
         : _("(exited)");
}

/* Draw one process on row Y from column X, W columns; returns the column
 * of the focus page or -1. */
static int
draw_proc (struct ui *u, const struct vm *vm, uint32_t pid, int y, int x,
           int w, int namew, uint32_t cur_pid, uint64_t cur_vpn,
           bool have_cur, uint32_t fpid, uint64_t fvpn, bool have_focus)
{
  struct vm_proc_info pi;
  int caret = -1;
  char name[64];
  if (!vm_proc_info (vm, pid, &pi))
    return -1;
  attr_t pa = ui_attr (ui_proc_color (pid)) | A_BOLD;
  if (!pi.alive)
    {
      /* Nothing else on the row: the whole name. */
      const char *gone = proc_end_words (&pi);
      int nw = w - text_width (gone) - 1;
      label_name (name, sizeof name, vm, pi.name ? pi.name : "?", nw);
      int used = draw_text (y, x, nw, pa, name);
      used = used + 1 > namew ? used + 1 : namew;
      draw_text (y, x + used, w - used, ui_attr (C_DIM), gone);
      return -1;
    }
  label_name (name, sizeof name, vm, pi.name ? pi.name : "?", namew - 1);
  draw_text (y, x, namew - 1, pa, name);
  size_t nr = pi.nregions;
  if (vm_config (vm)->unpaged)
    {
      char base[64], limit[64];
      snprintf (base, sizeof base, _("base register 0x%llx"),
                (unsigned long long) pi.base);
      /* The size the program was loaded with: no limit register checks
         it (an address past it reaches whoever is there). */
      snprintf (limit, sizeof limit, _(", 0x%llx bytes, no limit check"),
                (unsigned long long) pi.limit);
      /* Whole figures only: the size goes when it does not fit. */
      int bw = draw_text (y, x + namew, w - namew, ui_attr (C_TEXT), base);
      if (namew + bw + text_width (limit) <= w)
        draw_text (y, x + namew + bw, w - namew - bw, ui_attr (C_TEXT), limit);
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
  /* Region names whole when they fit beside a few pages each, else all
     shortened alike (never below one column). */
  int cw = u->project ? 2 : 1;
  int maxlab = 0;
  for (size_t i = 0; i < nr; i++)
    {
      vm_region_info (vm, pid, i, &ri[i]);
      labelw[i] = ri[i].name ? text_width (ri[i].name) : 0;
      if (labelw[i] > maxlab)
        maxlab = labelw[i];
      labels += labelw[i] + 2;
    }
  for (int cap = maxlab; cap >= 1; cap--)
    {
      labels = 0;
      for (size_t i = 0; i < nr; i++)
        labels += (labelw[i] < cap ? labelw[i] : cap) + (labelw[i] ? 2 : 1);
      if (avail - labels >= (int) nr * 4 * cw || cap == 1)
        {
          for (size_t i = 0; i < nr; i++)
            if (labelw[i] > cap)
              labelw[i] = cap;
          break;
        }
    }
  /* Projection mode: two columns a page, to be seen from afar. */
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

/* BYTES in the largest unit that keeps it short: "512B", "144K",
   "1G", "1.5M". */
static void
format_size (char *buf, size_t n, uint64_t bytes)
{
  static const char units[] = "BKMGTPE";
  int u = 0;
  uint64_t v = bytes, rem = 0, div = 1;
  while (v >= 1024 && units[u + 1])
    {
      div *= 1024;
      u++;
      v = bytes / div;
      rem = bytes % div;
    }
  if (v < 10 && rem)
    snprintf (buf, n, "%.1f%c", (double) bytes / (double) div, units[u]);
  else
    snprintf (buf, n, "%llu%c", (unsigned long long) v, units[u]);
}

/* Row Y under process PID: where its regions start, then its memory
   (VSZ, RSS, swapped), as much as fits whole in W columns from X. */
static void
draw_info (const struct vm *vm, uint32_t pid, int y, int x, int w)
{
  struct vm_proc_info pi;
  if (!vm_proc_info (vm, pid, &pi) || !pi.alive || vm_config (vm)->unpaged)
    return;
  char buf[96];
  int cx = x;
  for (size_t i = 0; i < pi.nregions; i++)
    {
      struct vm_region_info ri;
      if (!vm_region_info (vm, pid, i, &ri))
        continue;
      snprintf (buf, sizeof buf, "%s%s@0x%llx", cx > x ? "  " : "",
                ri.name ? ri.name : "?",
                (unsigned long long) (ri.start_vpn << vm_page_shift (vm)));
      int bw = text_width (buf);
      if (cx + bw > x + w)
        break;
      cx += draw_text (y, cx, bw, ui_attr (C_DIM), buf);
    }
  uint64_t ps = vm_config (vm)->page_size;
  char vsz[24], rss[24], swp[24];
  format_size (vsz, sizeof vsz, pi.vsz_pages * ps);
  format_size (rss, sizeof rss, pi.rss_pages * ps);
  format_size (swp, sizeof swp, pi.swap_pages * ps);
  snprintf (buf, sizeof buf, _("%sVSZ %s RSS %s swap %s ptables %llu"),
            cx > x ? "  " : "", vsz, rss, swp,
            (unsigned long long) pi.pt_pages);
  if (cx + text_width (buf) <= x + w)
    draw_text (y, cx, w - (cx - x), ui_attr (C_TEXT), buf);
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
  if (vm_config (vm)->unpaged)
    legend_rows = 0;
  int rows = inner - legend_rows;
  int per = 3;

  draw_box (r, _("Virtual address spaces"), u->focus == PANE_VSPACE);
  ncells = 0;
  /* The name column: the longest name, up to a quarter of the row. */
  int namew = 4;
  for (size_t p = 0; p < np; p++)
    {
      struct vm_proc_info pi;
      if (vm_proc_info (vm, (uint32_t) p, &pi) && pi.name
          && text_width (pi.name) + 1 > namew)
        namew = text_width (pi.name) + 1;
    }
  if (namew > (r->w - 2) / 4)
    namew = (r->w - 2) / 4 > 4 ? (r->w - 2) / 4 : 4;
  /* The processes shown: all when they fit; else the live ones first
     (a dead one only says so), and those from the focus page's on. */
  uint32_t show[64];
  size_t nshow = 0, nlive = 0;
  for (size_t p = 0; p < np; p++)
    {
      struct vm_proc_info pi;
      if (vm_proc_info (vm, (uint32_t) p, &pi) && pi.alive)
        nlive++;
    }
  bool skip_dead = (int) np > rows && nlive > 0;
  for (size_t p = 0; p < np && nshow < ARRAY_SIZE (show); p++)
    {
      struct vm_proc_info pi;
      if (skip_dead && vm_proc_info (vm, (uint32_t) p, &pi) && !pi.alive)
        continue;
      show[nshow++] = (uint32_t) p;
    }
  /* Every process's row of pages, and the caret under the page of this
     step's access, come before the legend (which the help screen
     repeats): a short pane drops the legend first. */
  if (rows < (int) nshow + (have_cur ? 1 : 0) && legend_rows > 0)
    {
      legend_rows = 0;
      rows = inner;
    }
  /* A row of pages, the caret's row, the memory row: as many as fit. */
  if (rows < (int) nshow * 3 || vm_config (vm)->unpaged)
    per = 2;
  if (rows < (int) nshow * 2)
    per = 1;
  size_t fit = (size_t) (rows / per > 0 ? rows / per : 1);
  size_t first = 0;
  for (size_t k = 0; k < nshow; k++)
    if (have_focus && show[k] == fpid && k >= fit)
      first = k - fit + 1;
  int y = r->y + 1;
  int left = r->x + 1, right = r->x + r->w - 1;
  size_t k;
  for (k = first; k < nshow && y + per - 1 < r->y + 1 + rows; k++)
    {
      size_t p = show[k];
      int caret = draw_proc (u, vm, (uint32_t) p, y, left, r->w - 2, namew,
                             cur_pid, cur_vpn, have_cur, fpid, fvpn,
                             have_focus);
      if (per >= 2 && caret >= 0)
        {
          /* The caret under the page, its label beside it: to the right
             if it fits there, else to the left; never over the caret. */
          char lab[128];
          int room_r = right - (caret + 2), room_l = caret - 1 - left;
          int room = room_r >= room_l ? room_r : room_l;
          int lw = label_page (lab, sizeof lab, vm, cur_pid, cur_vpn, room);
          draw_text (y + 1, caret, 1, ui_attr (C_CURRENT), "^");
          if (lw <= room_r)
            draw_text (y + 1, caret + 2, lw, ui_attr (C_FOCUS), lab);
          else
            draw_text (y + 1, caret - 1 - lw, lw, ui_attr (C_FOCUS), lab);
        }
      if (per == 3)
        draw_info (vm, (uint32_t) p, y + 2, left + namew, r->w - 2 - namew);
      y += per;
    }
  /* Processes the pane has no room for: the bottom border says which are
     shown (early-computers at 80x24 showed two of its three programs,
     and nothing said a shell was loaded at 0x6000). */
  if (first > 0 || k < nshow)
    {
      char *m = xasprintf (_(" processes %zu-%zu of %zu "), first + 1, k,
                           nshow);
      int mw = text_width (m);
      if (mw <= r->w - 4)
        draw_text (r->y + r->h - 1, r->x + r->w - 2 - mw, mw,
                   ui_attr (C_BORDER), m);
      free (m);
    }
  /* Legend. */
  if (legend_rows > 0 && inner > legend_rows && !vm_config (vm)->unpaged)
    {
      char legend[256];
      snprintf (legend, sizeof legend,
                _("%s absent %s resident %s dirty %s swapped %s shared "
                  "%s cow %s locked %s huge"),
                glyph (G_NOT_PRESENT), glyph (G_RESIDENT), glyph (G_DIRTY),
                glyph (G_SWAPPED), glyph (G_SHARED), glyph (G_COW),
                glyph (G_LOCKED), glyph (G_HUGE));
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
