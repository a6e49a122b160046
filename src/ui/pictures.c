/* pictures.c: the three pictures a class draws, shown in place of the
 * machine's panes: the reference-string grid (pane-grid.c), the
 * faults-versus-frames curve (pane-curve.c) and the strip chart
 * (pane-strip.c).  A key toggles each; a scenario's `view:` keys switch
 * to one at the point its lesson is made. */
#include "system.h"

#include "ui/ui.h"

enum pane_id
picture_pane (enum ui_picture p)
{
  switch (p)
    {
    case PIC_GRID: return PANE_GRID;
    case PIC_CURVE: return PANE_CURVE;
    case PIC_STRIP: return PANE_STRIP;
    case PIC_NONE:
    default: return PANE_COUNT;
    }
}

void
picture_toggle (struct ui *u, enum ui_picture p)
{
  u->picture = u->picture == p ? PIC_NONE : p;
  u->view = VIEW_MAIN;
}

void
picture_follow (struct ui *u)
{
  if (!u->sc || !u->hist)
    return;
  int v = (int) scenario_view_at (u->sc, history_pos (u->hist));
  if (v == u->sc_picture)
    return;
  u->sc_picture = v;
  switch ((enum sc_view) v)
    {
    case SC_VIEW_NONE:   /* before the scenario's first `view:` */
    case SC_VIEW_PANES: u->picture = PIC_NONE; break;
    case SC_VIEW_GRID: u->picture = PIC_GRID; break;
    case SC_VIEW_CURVE: u->picture = PIC_CURVE; break;
    case SC_VIEW_STRIP: u->picture = PIC_STRIP; break;
    default: break;
    }
}

int
picture_rows (const struct ui *u, int w)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  size_t np = vm_nprocs (vm);
  uint32_t nf = vm_config (vm)->frames;
  (void) w;
  switch (u->picture)
    {
    case PIC_GRID:
      /* The border, the references, two rules, a row a frame, the
         faults, the victims, the totals and the legend. */
      return (int) (nf < 16 ? nf : 16) + 10;
    case PIC_CURVE:
      /* The border, the bars, the axis, a row a policy, the notes. */
      return 2 + 6 + 1 + 5 + 2;
    case PIC_STRIP:
      /* The border, the fault rate, two rows a process, the marks, the
         figures, the legend, a line a process. */
      return 2 + 6 + (int) (np < 6 ? np : 6) * 2 + 3 + (int) (np < 6 ? np
                                                               : 6);
    case PIC_NONE:
    default:
      return 0;
    }
}
