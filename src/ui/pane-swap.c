/* pane-swap.c: the swap device's slots and the page each one holds. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"

static void
swap_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t slots = vm_config (vm)->swap_slots;
  uint32_t used = vm_swap_slots_used (vm);
  const struct tick *t = history_tick (u->hist);
  uint32_t in = VM_NONE, out = VM_NONE;
  char title[96];

  if (t && t->kind == TICK_ACCESS)
    {
      in = t->ev.swap_in_slot;
      out = t->ev.evicted ? t->ev.victim_swap_slot : VM_NONE;
    }
  if (slots == VM_NONE)
    snprintf (title, sizeof title, _("Swap (%u used)"), used);
  else
    snprintf (title, sizeof title, _("Swap (%u/%u used)"), used, slots);
  draw_box (r, title, u->focus == PANE_SWAP);
  int x = r->x + 1, w = r->w - 2, cellw = w >= 4 * 18 ? 18 : 14;
  int cols = w / cellw > 0 ? w / cellw : 1, rows = r->h - 2;
  if (slots == 0)
    {
      draw_text (r->y + 1, x, w, ui_attr (C_DIM), _("no swap device"));
      return;
    }
  /* A bounded device shows its slots; an unbounded one only the slots
     up to the highest used one (slots are taken lowest first). */
  uint32_t show = slots;
  if (slots == VM_NONE)
    {
      show = 0;
      for (uint32_t s = 0, seen = 0; seen < used && s < (1u << 24); s++)
        {
          uint32_t pid;
          uint64_t vpn;
          if (vm_swap_info (vm, s, &pid, &vpn))
            {
              seen++;
              show = s + 1;
            }
        }
      if (show == 0)
        {
          const char *msg = _("empty (the device grows as pages are "
                              "swapped out)");
          if (text_width (msg) > w)
            msg = _("empty (grows as needed)");
          if (text_width (msg) > w)
            msg = _("empty");
          draw_text (r->y + 1, x, w, ui_attr (C_DIM), msg);
          return;
        }
    }
  uint32_t cap = (uint32_t) (cols * rows);
  uint32_t first = 0;
  if (show > cap)
    {
      uint32_t focus = out != VM_NONE ? out : in != VM_NONE ? in : 0;
      first = focus >= cap / 2 ? focus - cap / 2 : 0;
      first -= first % (uint32_t) cols;
    }
  for (uint32_t i = 0; i < cap && first + i < show; i++)
    {
      uint32_t s = first + i, pid;
      uint64_t vpn;
      int y = r->y + 1 + (int) i / cols, cx = x + (int) (i % (uint32_t) cols) * cellw;
      char lab[64], cell[80];
      attr_t a;
      if (vm_swap_info (vm, s, &pid, &vpn))
        {
          char num[16];
          int nw = snprintf (num, sizeof num, "%u:", s);
          label_page (lab, sizeof lab, vm, pid, vpn, cellw - 1 - nw);
          a = ui_attr (ui_proc_color (pid));
        }
      else
        {
          snprintf (lab, sizeof lab, "%s", glyph (G_NOT_PRESENT));
          a = ui_attr (C_DIM);
        }
      canvas_blank (y, cx, cellw - 1);
      if (s == out)
        a = ui_attr (C_MAJOR) | A_REVERSE;
      else if (s == in)
        a = ui_attr (C_MINOR) | A_REVERSE;
      snprintf (cell, sizeof cell, "%u:%s", s, lab);
      draw_text (y, cx, cellw - 1, a, cell);
    }
}

const struct pane pane_swap = {
  .title = N_("Swap"),
  .draw = swap_draw,
};
