/* pane-header.c: the top rows: the scenario's title, the step, the
 * policy, frames in use and the counters (faults by kind, TLB hit rate,
 * effective access time).  A figure is shown whole or not at all: when
 * the row is too narrow, the fields that carry least are left out. */
#include "system.h"

#include "ui/ui.h"

/* One field of the counters row: its text and how much it matters (the
   lowest go first when the row is too narrow). */
struct field
{
  char text[128];
  int prio;
};

/* A time in ns with a unit that keeps it short: "812.0 ns", "4.2 µs",
   "1.25 ms". */
static void
format_time (char *buf, size_t n, double ns, bool utf8)
{
  if (ns < 1000.0)
    snprintf (buf, n, _("%.1f ns"), ns);
  else if (ns < 1e6)
    snprintf (buf, n, utf8 ? _("%.2f µs") : _("%.2f us"), ns / 1e3);
  else
    snprintf (buf, n, _("%.2f ms"), ns / 1e6);
}

static void
counters_row (struct ui *u, const struct rect *r, int y)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  struct field f[16];
  size_t n = 0;
  char t[32];

#define FIELD(p, ...)                                                   \
  do                                                                    \
    {                                                                   \
      snprintf (f[n].text, sizeof f[n].text, __VA_ARGS__);              \
      f[n++].prio = (p);                                                \
    }                                                                   \
  while (0)
  if (!cfg->unpaged)
    {
      FIELD (2, "%s", vm_policy_name (cfg->policy));
      FIELD (9, _("frames %u/%u"), vm_frames_used (vm), cfg->frames);
    }
  FIELD (3, _("accesses %llu"), (unsigned long long) st->accesses);
  if (!cfg->unpaged)
    {
      FIELD (10, _("faults %llu"), (unsigned long long) st->faults);
      FIELD (5, _("minor %llu"), (unsigned long long) st->minor_faults);
      FIELD (6, _("major %llu"), (unsigned long long) st->major_faults);
      FIELD (st->cow_faults ? 4 : 1, _("cow %llu"),
             (unsigned long long) st->cow_faults);
      FIELD (cfg->levels > 2 ? 4 : 2, _("ptables %llu"),
             (unsigned long long) st->page_table_pages);
    }
  FIELD (st->segfaults ? 7 : 1, _("segv %llu"),
         (unsigned long long) st->segfaults);
  if (st->oom_kills)
    FIELD (7, _("oom %llu"), (unsigned long long) st->oom_kills);
  if (cfg->tlb_entries)
    {
      double rate = st->tlb_hits + st->tlb_misses
        ? 100.0 * (double) st->tlb_hits
          / (double) (st->tlb_hits + st->tlb_misses) : 0.0;
      FIELD (8, _("TLB %.1f%%"), rate);
    }
  if (!cfg->unpaged)
    {
      format_time (t, sizeof t, vm_eat_ns (vm), u->utf8);
      FIELD (cfg->tlb_entries ? 8 : 6, _("EAT %s"), t);
    }
#undef FIELD

  /* Leave out the least important fields until the rest fits. */
  bool keep[16];
  int gap = 2, total = 0;
  for (size_t i = 0; i < n; i++)
    {
      keep[i] = true;
      total += text_width (f[i].text) + (i ? gap : 0);
    }
  while (total > r->w)
    {
      size_t worst = n;
      for (size_t i = 0; i < n; i++)
        if (keep[i] && (worst == n || f[i].prio < f[worst].prio))
          worst = i;
      if (worst == n)
        break;
      keep[worst] = false;
      total = 0;
      for (size_t i = 0, k = 0; i < n; i++)
        if (keep[i])
          total += text_width (f[i].text) + (k++ ? gap : 0);
    }
  int x = r->x;
  for (size_t i = 0, k = 0; i < n; i++)
    if (keep[i])
      {
        if (k++)
          x += gap;
        x += draw_text (y, x, r->x + r->w - x, ui_attr (C_TEXT), f[i].text);
      }
}

static void
header_draw (struct ui *u, const struct rect *r)
{
  char right[128];
  int x = 0;

  canvas_blank (r->y, r->x, r->w);
  snprintf (right, sizeof right, _("step %llu/%llu  %s %s"),
            (unsigned long long) history_pos (u->hist),
            (unsigned long long) history_total (u->hist),
            u->running ? _("running") : _("paused"), ui_speed_label (u));
  int rw = text_width (right);
  if (rw > r->w)
    {
      /* Whole figures only: the step counter without the speed. */
      snprintf (right, sizeof right, _("step %llu/%llu"),
                (unsigned long long) history_pos (u->hist),
                (unsigned long long) history_total (u->hist));
      rw = text_width (right);
    }
  x += draw_text (r->y, r->x, r->w - rw - 1, ui_attr (C_TITLE), "vmtutor ");
  /* A title too long for the row: its shorter form (the part before
     its colon), or cut with "…", never without a mark. */
  x += draw_short (r->y, r->x + x, r->w - rw - 1 - x, ui_attr (C_TITLE),
                 scenario_title (u->sc) ? scenario_title (u->sc) : "");
  draw_text (r->y, r->x + r->w - rw, rw,
             ui_attr (u->running ? C_FOCUS : C_TEXT), right);
  if (r->h < 2)
    return;
  canvas_blank (r->y + 1, r->x, r->w);
  counters_row (u, r, r->y + 1);
}

const struct pane pane_header = {
  .title = NULL,
  .draw = header_draw,
};
