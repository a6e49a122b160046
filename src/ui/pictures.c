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
  if (!u->sc || !u->hist || u->picture_lock)
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

