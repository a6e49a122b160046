/* pane-header.c: the top rows: the scenario's title, the step, the
 * policy, frames in use and the counters (faults by kind, TLB hit rate,
 * effective access time). */
#include "system.h"

#include "ui/ui.h"

static void
header_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  char right[128];
  int x = 0;

  canvas_blank (r->y, r->x, r->w);
  snprintf (right, sizeof right, _("step %llu/%llu  %s %s"),
            (unsigned long long) history_pos (u->hist),
            (unsigned long long) history_total (u->hist),
            u->running ? _("running") : _("paused"), ui_speed_label (u));
  int rw = text_width (right);
  x += draw_text (r->y, r->x, r->w - rw - 1, ui_attr (C_TITLE), "vmtutor ");
  x += draw_text (r->y, r->x + x, r->w - rw - 1 - x, ui_attr (C_TITLE),
                  scenario_title (u->sc) ? scenario_title (u->sc) : "");
  draw_text (r->y, r->x + r->w - rw, rw,
             ui_attr (u->running ? C_FOCUS : C_TEXT), right);
  if (r->h < 2)
    return;

  canvas_blank (r->y + 1, r->x, r->w);
  double tlb_rate = st->tlb_hits + st->tlb_misses
    ? 100.0 * (double) st->tlb_hits / (double) (st->tlb_hits + st->tlb_misses)
    : 0.0;
  char line[512];
  int n = snprintf (line, sizeof line,
                    _("%s  frames %u/%u  accesses %llu  faults %llu "
                      "(minor %llu, major %llu, cow %llu)  segv %llu"),
                    vm_policy_name (cfg->policy), vm_frames_used (vm),
                    cfg->frames, (unsigned long long) st->accesses,
                    (unsigned long long) st->faults,
                    (unsigned long long) st->minor_faults,
                    (unsigned long long) st->major_faults,
                    (unsigned long long) st->cow_faults,
                    (unsigned long long) st->segfaults);
  if (n > 0 && (size_t) n < sizeof line && cfg->tlb_entries)
    n += snprintf (line + n, sizeof line - (size_t) n, _("  TLB %.1f%%"),
                   tlb_rate);
  if (n > 0 && (size_t) n < sizeof line)
    snprintf (line + n, sizeof line - (size_t) n, _("  EAT %.1f ns"),
              vm_eat_ns (vm));
  draw_text (r->y + 1, r->x, r->w, ui_attr (C_TEXT), line);
}

const struct pane pane_header = {
  .title = NULL,
  .draw = header_draw,
};
