/* pane-narrate.c: the narration: the scenario's own words (its latest
 * `say`), then why the current tick did what it did, or what the selected
 * frame or page holds. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

static char *
inspect_frame (const struct ui *u, const struct vm *vm)
{
  struct vm_frame_info fi;
  char lab[64];
  if (u->sel_frame >= vm_config (vm)->frames)
    return xstrdup (_("No such frame."));
  vm_frame_info (vm, u->sel_frame, &fi);
  if (!fi.used)
    return xasprintf (_("Frame %u is free."), u->sel_frame);
  if (fi.page_table)
    return xasprintf (_("Frame %u holds a page-table node (pinned)."),
                      u->sel_frame);
  narrate_page (lab, sizeof lab, vm, fi.owner_pid, fi.owner_vpn);
  char next[96], loaded[96], used[96];
  uint64_t now = vm_step (vm) ? vm_step (vm) - 1 : 0;
  if (fi.next_use == VM_NEVER)
    snprintf (next, sizeof next, "%s", _("never again"));
  else
    narrate_when (next, sizeof next, fi.next_use, now);
  narrate_when (loaded, sizeof loaded, fi.loaded_at, now);
  narrate_when (used, sizeof used, fi.last_use, now);
  return xasprintf (_("Frame %u holds %s%s%s%s, mappings: %u; "
                      "reference bit %d; loaded %s; last used %s; next "
                      "used %s."),
                    u->sel_frame, lab, fi.dirty ? _(", dirty") : _(", clean"),
                    fi.pinned ? _(", locked") : "",
                    fi.file ? _(", a file page") : "", fi.nowners,
                    fi.ref ? 1 : 0, loaded, used, next);
}

static char *
inspect_page (const struct ui *u, const struct vm *vm)
{
  struct vm_page_info pi;
  char lab[64];
  narrate_page (lab, sizeof lab, vm, u->sel_pid, u->sel_vpn);
  vm_page_info (vm, u->sel_pid, u->sel_vpn, &pi);
  switch (pi.state)
    {
    case VM_PAGE_UNMAPPED:
      return xasprintf (_("Page %s is not mapped: an access would be a "
                          "segmentation fault."), lab);
    case VM_PAGE_NOT_PRESENT:
      return xasprintf (_("Page %s is mapped but not in memory yet: the first "
                          "access is a minor fault (or a major one for a file "
                          "page)."), lab);
    case VM_PAGE_SWAPPED:
      return xasprintf (_("Page %s is in swap slot %u: an access is a major "
                          "fault."), lab, pi.slot);
    case VM_PAGE_RESIDENT:
    default:
      return xasprintf (_("Page %s is in frame %u%s%s%s%s."), lab, pi.frame,
                        (pi.bits & VM_PTE_D) ? _(", dirty") : _(", clean"),
                        pi.shared ? _(", shared") : "",
                        (pi.bits & VM_PTE_COW) ? _(", copy-on-write") : "",
                        (pi.bits & VM_PTE_L) ? _(", locked") : "");
    }
}

static void
narrate_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct tick *t = history_tick (u->hist);
  const char *say = history_say (u->hist);
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;
  char *why = NULL;

  draw_box (r, _("What happened"), u->focus == PANE_NARRATE);
  if (u->sel == SEL_FRAME)
    why = inspect_frame (u, vm);
  else if (u->sel == SEL_PAGE)
    why = inspect_page (u, vm);
  else if (t)
    why = narrate_tick (vm, t, u->utf8);
  if (!t && !say)
    say = scenario_about (u->sc);
  if (t && t->kind == TICK_PAUSE && t->text)
    say = t->text;

  if (say && *say)
    {
      int h = bottom - y;
      if (why)
        h = (h + 1) / 2;
      y += draw_wrapped (y, x, h, w, ui_attr (C_TITLE), say);
    }
  if (why)
    {
      draw_wrapped (y, x, bottom - y, w,
                    u->project ? ui_attr (C_TEXT) | A_BOLD : ui_attr (C_TEXT),
                    why);
      free (why);
    }
  else if (!t && y < bottom)
    draw_text (y, x, w, ui_attr (C_DIM),
               _("Press Right, PageDown or Enter to step; ? for help."));
}

const struct pane pane_narrate = {
  .title = N_("What happened"),
  .draw = narrate_draw,
};
