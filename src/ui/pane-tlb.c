/* pane-tlb.c: the TLB's entries (slot, ASID, process, page, frame, and the
 * age or fill order its replacement policy uses), with the entry the
 * current access hit or filled highlighted. */
#include "system.h"

#include "util.h"
#include "narrate/narrate.h"
#include "ui/ui.h"

/* Heading S in the WIDTH columns at X (right-aligned when RIGHT): a
   heading wider than its column is abbreviated to it ("Rahm."), never
   run into the next one; cut with an ellipsis at END, the pane's edge. */
static void
head_cell (int y, int x, int width, int end, attr_t a, const char *s,
           bool right)
{
  /* TRANSLATORS: the mark of a column heading abbreviated to its
     column ("Rahm."): one column. */
  char *cut = text_width (s) > width ? mbs_fit (s, width, C_ ("abbreviation",
                                                               "."))
                                     : xstrdup (s);
  int sw = text_width (cut);
  if (right && sw < width)
    x += width - sw;
  draw_fit (y, x, end - x, a, cut);
  free (cut);
}

static int
max_int (int a, int b)
{
  return a > b ? a : b;
}

static void
tlb_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  uint32_t n = vm_tlb_size (vm);
  const struct tick *t = history_tick (u->hist);
  int hl = -1, hit = 0;
  char title[96];

  if (t && t->kind == TICK_ACCESS && t->ev.tlb >= 0)
    {
      hl = t->ev.tlb_slot;
      hit = t->ev.tlb;
    }
  snprintf (title, sizeof title, ngettext ("TLB (%u entry, %s)",
                                          "TLB (%u entries, %s)", n), n,
            vm_tlb_policy_name (cfg->tlb_policy));
  draw_box (r, title, u->focus == PANE_TLB);
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, rows = r->h - 3;
  if (n == 0)
    {
      draw_text (y, x, w, ui_attr (C_DIM), _("no TLB on this machine"));
      return;
    }
  /* Columns: slot, asid, page (as wide as the labels need, at least 4
     and at most 20 columns), frame, the policy's figure, the mark.  The
     figure column goes when the row has no room for it whole. */
  uint32_t maxslot = n - 1, maxframe = 0;
  uint64_t maxstamp = 0;
  int pagew = 4;
  for (uint32_t s = 0; s < n && s < 4096; s++)
    {
      struct vm_tlb_info ti;
      char page[64];
      vm_tlb_info (vm, s, &ti);
      if (!ti.valid)
        continue;
      if (ti.frame > maxframe)
        maxframe = ti.frame;
      if (ti.stamp > maxstamp)
        maxstamp = ti.stamp;
      int lw = label_page (page, sizeof page, vm, ti.pid, ti.vpn, 20);
      if (lw > pagew)
        pagew = lw;
    }
  char tmp[32];
  int slotd = snprintf (tmp, sizeof tmp, "%u", maxslot);
  int framed = snprintf (tmp, sizeof tmp, "%u", maxframe);
  int stampw = snprintf (tmp, sizeof tmp, "%llu", (unsigned long long) maxstamp);
  const char *fig = cfg->tlb_policy == VM_TLB_FIFO ? _("filled") : _("used");
  const char *h_slot = _("slot"), *h_asid = _("asid"), *h_frame = _("frame");
  /* TRANSLATORS: a column heading of the TLB pane (a short form). */
  const char *h_page = C_ ("column", "page");
  int hp = text_width (h_page);
  if (pagew < hp)
    pagew = hp < 20 ? hp : 20;
  if (stampw < text_width (fig))
    stampw = text_width (fig);
  int markw = 4;
  /* Columns as wide as their headings (in display columns) when the
     row still has room for a page column of 4; otherwise as wide as
     their figures, the headings abbreviated. */
  int slotw = max_int (max_int (slotd, 4), text_width (h_slot));
  int asidw = max_int (4, text_width (h_asid));
  int framew = max_int (framed, text_width (h_frame));
  /* slot, space, asid, two spaces, (page), space, frame, space, mark */
  int fixed = slotw + 1 + asidw + 2 + 1 + framew + 1 + markw;
  if (w - fixed < 4)
    {
      slotw = max_int (slotd, 4);
      asidw = 4;
      framew = max_int (framed, 4);
      fixed = slotw + 1 + asidw + 2 + 1 + framew + 1 + markw;
    }
  bool show_fig = fixed + (pagew < 8 ? pagew : 8) + 1 + stampw <= w;
  if (!show_fig && fixed + pagew > w)
    pagew = w - fixed > 4 ? w - fixed : 4;
  else if (show_fig && w - fixed - stampw - 1 < pagew)
    pagew = w - fixed - stampw - 1;
  /* The headings placed in columns (not padded in bytes), over the
     fields of the rows: "%*u %*u  %-*s %*u %*llu %s". */
  {
    attr_t la = ui_attr (C_LABEL);
    int cx = x, end = x + w;
    head_cell (y, cx, slotw, end, la, h_slot, true);
    cx += slotw + 1;
    head_cell (y, cx, asidw, end, la, h_asid, true);
    cx += asidw + 2;
    head_cell (y, cx, pagew, end, la, h_page, false);
    cx += pagew + 1;
    head_cell (y, cx, framew, end, la, h_frame, true);
    cx += framew + 1;
    if (show_fig)
      head_cell (y, cx, stampw, end, la, fig, true);
    y++;
  }
  if (rows < 1)
    return;
  /* The page of ROWS entries that holds the highlighted one (the last
     page full): the screen depends only on the step. */
  uint32_t tlb_top = 0;
  int focus = hl;
  if (focus < 0 && n > (uint32_t) rows && n <= 4096)
    {
      /* A step that is not an access: the entry stamped last. */
      uint64_t best = 0;
      for (uint32_t s = 0; s < n; s++)
        {
          struct vm_tlb_info ti;
          vm_tlb_info (vm, s, &ti);
          if (ti.valid && (focus < 0 || ti.stamp > best))
            {
              focus = (int) s;
              best = ti.stamp;
            }
        }
    }
  if (focus >= 0 && n > (uint32_t) rows)
    {
      tlb_top = (uint32_t) focus / (uint32_t) rows * (uint32_t) rows;
      if (tlb_top + (uint32_t) rows > n)
        tlb_top = n - (uint32_t) rows;
    }
  for (uint32_t s = tlb_top; s < n && y < r->y + r->h - 1; s++, y++)
    {
      struct vm_tlb_info ti;
      char page[64];
      vm_tlb_info (vm, s, &ti);
      attr_t a = ui_attr (C_TEXT);
      const char *mark = "  ";
      if ((int) s == hl)
        {
          a = ui_attr (hit ? C_HIT : C_MINOR) | A_REVERSE;
          /* TRANSLATORS: the short mark at the end of the TLB entry
             that this access hit or filled (4 columns or fewer). */
          mark = hit ? C_ ("TLB mark", "hit") : C_ ("TLB mark", "fill");
        }
      if (!ti.valid)
        {
          draw_printf (y, x, w, (int) s == hl ? a : ui_attr (C_DIM),
                       "%*u %*s  %s", slotw, s, asidw, "-", _("(empty)"));
          continue;
        }
      label_page (page, sizeof page, vm, ti.pid, ti.vpn, pagew);
      if (show_fig)
        draw_printf (y, x, w, a, "%*u %*u  %-*s %*u %*llu %s", slotw, s,
                     asidw, ti.asid, pagew, page, framew, ti.frame, stampw,
                     (unsigned long long) ti.stamp, mark);
      else
        draw_printf (y, x, w, a, "%*u %*u  %-*s %*u %s", slotw, s, asidw,
                     ti.asid, pagew, page, framew, ti.frame, mark);
    }
}

const struct pane pane_tlb = {
  .title = N_("TLB"),
  .draw = tlb_draw,
};
