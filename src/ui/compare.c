/* compare.c: the compare view: the same scenario under fifo, lru, clock
 * and opt (or the 1 to 4 policies of --compare), runs side by side that
 * step together with the main one, with each policy's counters and
 * frames (and each frame's policy figure, as in the frames pane). */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

#define NCMP 4

/* What run_new's override needs for one of the runs. */
struct cmp_ctx
{
  const struct machine_opts *machine;
  enum vm_policy policy;
};

struct compare
{
  unsigned n;                   /* policies compared */
  enum vm_policy policy[NCMP];
  struct history *h[NCMP];
  struct cmp_ctx ctx[NCMP];
  char *err;
};

static const enum vm_policy cmp_policies[NCMP] = {
  VM_POLICY_FIFO, VM_POLICY_LRU, VM_POLICY_CLOCK, VM_POLICY_OPT
};

static void
cmp_override (void *ctx, struct vm_config *cfg)
{
  const struct cmp_ctx *c = ctx;
  machine_opts_apply (c->machine, cfg);
  cfg->policy = c->policy;
}

void
compare_open (struct ui *u)
{
  if (!u->cmp)
    {
      struct compare *c = xcalloc (1, sizeof *c);
      c->n = u->opt->ncompare ? u->opt->ncompare : NCMP;
      for (unsigned i = 0; i < c->n; i++)
        c->policy[i] = u->opt->ncompare ? u->opt->compare[i]
                       : cmp_policies[i];
      for (unsigned i = 0; i < c->n; i++)
        {
          char *err = NULL;
          c->ctx[i].machine = &u->opt->machine;
          c->ctx[i].policy = c->policy[i];
          struct run *r = run_new (u->sc, cmp_override, &c->ctx[i], &err);
          if (!r)
            {
              if (!c->err)
                c->err = err ? err : xstrdup (_("cannot build the machine"));
              else
                free (err);
              continue;
            }
          c->h[i] = history_new (r);
        }
      u->cmp = c;
    }
  compare_goto (u->cmp, history_pos (u->hist));
  u->view = VIEW_COMPARE;
}

void
compare_free (struct compare *c)
{
  if (!c)
    return;
  for (unsigned i = 0; i < c->n; i++)
    history_free (c->h[i]);
  free (c->err);
  free (c);
}

void
compare_goto (struct compare *c, uint64_t pos)
{
  for (unsigned i = 0; i < c->n; i++)
    if (c->h[i] && history_pos (c->h[i]) != pos)
      {
        if (pos == history_pos (c->h[i]) + 1)
          history_step (c->h[i]);
        else
          history_goto (c->h[i], pos);
      }
}

/* One policy's column. */
static void
draw_one (struct ui *u, struct history *h, enum vm_policy p,
          const struct rect *r, bool best)
{
  draw_box (r, vm_policy_name (p), best);
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;
  if (!h)
    {
      draw_fit (y, x, w, ui_attr (C_BAD), _("not available"));
      return;
    }
  const struct vm *vm = run_vm (history_run (h));
  const struct vm_stats *st = vm_stats (vm);
  const struct tick *t = history_tick (h);
  if (y < bottom)
    draw_fitf (y++, x, w, ui_attr (best ? C_HIT : C_TEXT) | A_BOLD,
                 best ? _("faults %llu (fewest)") : _("faults %llu"),
                 (unsigned long long) st->faults);
  if (y < bottom)
    draw_fitf (y++, x, w, ui_attr (C_TEXT),
                 _("minor %llu  major %llu  cow %llu"),
                 (unsigned long long) st->minor_faults,
                 (unsigned long long) st->major_faults,
                 (unsigned long long) st->cow_faults);
  if (y < bottom)
    draw_fitf (y++, x, w, ui_attr (C_TEXT), _("hits %llu  evictions %llu"),
                 (unsigned long long) st->hits,
                 (unsigned long long) st->evictions);
  if (y < bottom)
    draw_fitf (y++, x, w, ui_attr (C_TEXT), _("hit rate %.1f%%"),
                 st->accesses ? 100.0 * (double) st->hits
                 / (double) st->accesses : 0.0);
  if (y < bottom && t && t->kind == TICK_ACCESS)
    {
      char pg[64], vic[64];
      enum ui_color rc = t->ev.result == VM_HIT ? C_HIT
        : t->ev.result == VM_MINOR ? C_MINOR
        : t->ev.result == VM_MAJOR ? C_MAJOR : C_BAD;
      /* Both labels fitted (region names shortened first), so that
         the page and its victim are never cut. */
      const char *res = ui_result_word (t->ev.result);
      bool vict = t->ev.evicted && t->ev.victim_pid != VM_NONE;
      int room = w - 1 - text_width (res)
                 - (vict ? text_width (_(" evict %s")) - 2 : 0);
      int vw = 0;
      if (vict)
        vw = label_page (vic, sizeof vic, vm, t->ev.victim_pid,
                         t->ev.victim_vpn, room / 2);
      label_page (pg, sizeof pg, vm, t->ev.pid, t->ev.vpn, room - vw);
      int cx = x + draw_fitf (y, x, w, ui_attr (C_TEXT), "%s ", pg);
      cx += draw_fit (y, cx, x + w - cx, ui_attr (rc), res);
      if (vict)
        draw_fitf (y, cx, x + w - cx, ui_attr (C_VICTIM) & ~A_REVERSE,
                     _(" evict %s"), vic);
      y++;
    }
  else if (y < bottom)
    y++;
  /* The frames, one per row or two per row. */
  uint32_t nf = vm_config (vm)->frames;
  uint32_t cur = t && t->kind == TICK_ACCESS ? t->ev.frame : VM_NONE;
  uint32_t victim = t && t->kind == TICK_ACCESS && t->ev.evicted
    ? t->ev.victim_frame : VM_NONE;
  /* Two frames a row only when the longest label fits whole.  */
  int labmax = 1;
  for (uint32_t f = 0; f < nf; f++)
    {
      struct vm_frame_info fi;
      char lab[64];
      vm_frame_info (vm, f, &fi);
      if (!fi.used || fi.owner_pid == VM_NONE)
        continue;
      narrate_page (lab, sizeof lab, vm, fi.owner_pid, fi.owner_vpn);
      if (text_width (lab) > labmax)
        labmax = text_width (lab);
    }
  /* Each frame's policy figure (frames-policy.c), as in the frames
     pane: "r1", a count, a class, a queue... */
  uint64_t fpos = vm_step (vm) ? vm_step (vm) - 1 : 0;
  int figw = p == VM_POLICY_RANDOM ? 0 : 5;
  int need = 4 + labmax + figw + 1;
  int per_row = w >= 2 * need ? 2 : 1, cw = w / per_row;
  for (uint32_t f = 0; f < nf && y < bottom; f++)
    {
      struct vm_frame_info fi;
      char lab[64];
      int cx = x + (int) (f % (uint32_t) per_row) * cw;
      vm_frame_info (vm, f, &fi);
      if (fi.used && fi.owner_pid != VM_NONE)
        label_page (lab, sizeof lab, vm, fi.owner_pid, fi.owner_vpn,
                    cw - 1 - 4 - figw);
      else
        snprintf (lab, sizeof lab, "%s", fi.used ? "*" : glyph (G_NOT_PRESENT));
      attr_t a = fi.used ? ui_attr (ui_proc_color (fi.owner_pid)) : ui_attr (C_DIM);
      if (f == victim)
        a = ui_attr (C_VICTIM);
      else if (f == cur)
        a = ui_attr (C_CURRENT);
      char fig[16] = "";
      if (fi.used && figw)
        frames_policy_figure (fig, sizeof fig, vm, &fi, fpos);
      draw_fitf (y, cx, cw - 1, a, "%3u %s%s%s", f, lab, fig[0] ? " " : "",
                   fig);
      if (f % (uint32_t) per_row == (uint32_t) per_row - 1 || f + 1 == nf)
        y++;
    }
  /* The latest accesses of this machine, newest first (a reboot
     started the counters again).  */
  if (y + 1 < bottom)
    draw_fit (y++, x, w, ui_attr (C_LABEL), _("latest"));
  uint64_t pos = history_pos (h);
  for (uint64_t i = pos; i-- > 0 && y < bottom;)
    {
      const struct hist_rec *rec = history_rec (h, i);
      char pg[64];
      if (rec && rec->kind == TICK_REBOOT)
        break;
      if (!rec || rec->kind != TICK_ACCESS)
        continue;
      /* A record's result past the engine's ones is an access that did
         nothing (a dead process's).  */
      bool none = rec->result >= VM_RESULT_COUNT;
      label_page (pg, sizeof pg, vm, rec->pid,
                  rec->va >> vm_page_shift (vm),
                  w - 7 - text_width (ui_result_word (rec->result)));
      enum ui_color rc = none ? C_DIM : rec->result == VM_HIT ? C_HIT
        : rec->result == VM_MINOR ? C_MINOR
        : rec->result == VM_MAJOR ? C_MAJOR : C_BAD;
      int cx = x + draw_fitf (y, x, w, ui_attr (C_DIM), "%5llu %s ",
                                (unsigned long long) i + 1, pg);
      draw_fit (y++, cx, x + w - cx, ui_attr (rc) & ~(A_UNDERLINE | A_REVERSE),
                 ui_result_word (rec->result));
    }
}

void
compare_draw (struct ui *u)
{
  struct compare *c = u->cmp;
  int top = 2, h = LINES - 3;
  char line[256];

  canvas_blank (0, 0, COLS);
  snprintf (line, sizeof line, _("Compare policies: %s  step %llu/%llu"),
            scenario_title (u->sc) ? scenario_title (u->sc) : "",
            (unsigned long long) history_pos (u->hist),
            (unsigned long long) history_total (u->hist));
  draw_fit (0, 0, COLS, ui_attr (C_TITLE), line);
  if (c->err)
    draw_fit (1, 0, COLS, ui_attr (C_BAD), c->err);
  else
    draw_fitf (1, 0, COLS, ui_attr (C_DIM),
                 ngettext ("The same accesses under %u policy, stepping "
                           "together. c: back to the main view.",
                           "The same accesses under %u policies, stepping "
                           "together. c: back to the main view.", c->n),
                 c->n);
  if (vm_config (run_vm (history_run (u->hist)))->unpaged)
    {
      draw_wrapped (3, 2, h - 2, COLS - 4, ui_attr (C_TEXT),
                    _("This machine has no paging: no page is ever "
                      "replaced, so there is nothing for replacement "
                      "policies to compare.  c: back to the main view."));
      return;
    }
  uint64_t best = UINT64_MAX;
  for (unsigned i = 0; i < c->n; i++)
    if (c->h[i])
      {
        uint64_t f = vm_stats (run_vm (history_run (c->h[i])))->faults;
        if (f < best)
          best = f;
      }
  int n = (int) c->n;
  int cols = n < (COLS >= 100 ? 4 : 2) ? n : COLS >= 100 ? 4 : 2;
  int rows = (n + cols - 1) / cols;
  int cw = COLS / cols, rh = h / rows;
  for (int i = 0; i < n; i++)
    {
      struct rect r = { top + (i / cols) * rh, (i % cols) * cw, rh,
                        i % cols == cols - 1 ? COLS - (i % cols) * cw : cw };
      bool is_best = c->h[i] && history_pos (u->hist) > 0
        && vm_stats (run_vm (history_run (c->h[i])))->faults == best;
      draw_one (u, c->h[i], c->policy[i], &r, is_best);
    }
}
