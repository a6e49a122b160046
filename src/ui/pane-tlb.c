/* pane-tlb.c: the TLB's entries (slot, ASID, process, page, frame, and the
 * age or fill order its replacement policy uses), with the entry the
 * current access hit or filled highlighted. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"

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
  snprintf (title, sizeof title, _("TLB (%u entries, %s)"), n,
            vm_tlb_policy_name (cfg->tlb_policy));
  draw_box (r, title, u->focus == PANE_TLB);
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, rows = r->h - 3;
  if (n == 0)
    {
      draw_text (y, x, w, ui_attr (C_DIM), _("no TLB on this machine"));
      return;
    }
  draw_text (y++, x, w, ui_attr (C_LABEL),
             cfg->tlb_policy == VM_TLB_FIFO
             ? _("slot asid page          frame filled")
             : _("slot asid page          frame used"));
  if (rows < 1)
    return;
  /* The page of ROWS entries that holds the highlighted one (the last
     page full): the screen depends only on the step. */
  uint32_t tlb_top = 0;
  if (hl >= 0 && n > (uint32_t) rows)
    {
      tlb_top = (uint32_t) hl / (uint32_t) rows * (uint32_t) rows;
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
          mark = hit ? _("hit") : _("fill");
        }
      if (!ti.valid)
        {
          draw_printf (y, x, w, (int) s == hl ? a : ui_attr (C_DIM),
                       "%4u  -   (empty)", s);
          continue;
        }
      narrate_page (page, sizeof page, vm, ti.pid, ti.vpn);
      draw_printf (y, x, w, a, "%4u %4u  %-13s %5u %6llu %s", s, ti.asid, page,
                   ti.frame, (unsigned long long) ti.stamp, mark);
    }
}

const struct pane pane_tlb = {
  .title = N_("TLB"),
  .draw = tlb_draw,
};
