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
                    fi.locked ? _(", locked") : fi.huge
                    ? _(", part of a huge page") : "",
                    !fi.file ? "" : vm_object_is_store (vm, fi.object)
                    ? _(", a backing-store page") : _(", a file page"),
                    fi.nowners,
                    fi.ref ? 1 : 0, loaded, used, next);
}

/* What backs PID's page VPN. */
enum backing { B_ANON, B_FILE, B_STORE, B_SHM };

static enum backing
page_backing (const struct vm *vm, uint32_t pid, uint64_t vpn)
{
  struct vm_proc_info pi;
  if (!vm_proc_info (vm, pid, &pi))
    return B_ANON;
  for (size_t i = 0; i < pi.nregions; i++)
    {
      struct vm_region_info ri;
      if (!vm_region_info (vm, pid, i, &ri) || vpn < ri.start_vpn
          || vpn - ri.start_vpn >= ri.pages)
        continue;
      if (ri.object == VM_NONE)
        return B_ANON;
      if (vm_object_is_store (vm, ri.object))
        return B_STORE;
      return (ri.perm & VM_MAP_FILE) ? B_FILE : B_SHM;
    }
  return B_ANON;
}

/* A page mapped but not in memory: never loaded, or evicted (when). */
static char *
inspect_absent (const struct vm *vm, const char *lab,
                const struct vm_page_info *pi, enum backing b)
{
  char at[64];
  if (pi->evicted_at == VM_NEVER)
    switch (b)
      {
      case B_FILE:
        return xasprintf (_("Page %s is mapped but was never loaded: the "
                            "first access reads it from its file (a major "
                            "fault), or maps it (a minor fault) if it is "
                            "already in memory."), lab);
      case B_STORE:
        return xasprintf (_("Page %s is mapped but was never loaded: the "
                            "first access reads it from the backing store "
                            "(a major fault)."), lab);
      case B_SHM:
        return xasprintf (_("Page %s is mapped but was never loaded: the "
                            "first access is a minor fault (zero-filled, "
                            "or mapped if already in memory)."), lab);
      case B_ANON:
      default:
        return xasprintf (_("Page %s is mapped but was never loaded: the "
                            "first access is a minor fault (a zero-filled "
                            "page)."), lab);
      }
  (void) vm;
  narrate_at (at, sizeof at, pi->evicted_at);
  switch (b)
    {
    case B_FILE:
      return xasprintf (_("Page %s was evicted %s: the next access reads it "
                          "back from its file (a major fault), or maps it "
                          "(a minor fault) if it is in memory again."),
                        lab, at);
    case B_STORE:
      return xasprintf (_("Page %s was evicted %s: the next access reads it "
                          "back from the backing store (a major fault)."),
                        lab, at);
    case B_SHM:
      return xasprintf (_("Page %s was evicted %s: the next access brings it "
                          "back (from swap if it had been written, else "
                          "zero-filled)."), lab, at);
    case B_ANON:
    default:
      return xasprintf (_("Page %s was evicted %s, clean, so nothing was "
                          "kept: the next access zero-fills it again (a "
                          "minor fault)."), lab, at);
    }
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
      return inspect_absent (vm, lab, &pi, page_backing (vm, u->sel_pid,
                                                          u->sel_vpn));
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
