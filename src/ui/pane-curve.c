/* pane-curve.c: faults versus frames for the references this machine has
 * run so far (every process's pages, since the machine started), one bar
 * per policy for each frame count, computed as --sweep does
 * (src/out/sweep.c: LRU and OPT in one pass, the others one engine run
 * per size), with the current frame count marked and a table of the
 * figures.  A policy that faults more with one more frame is named:
 * Belady's anomaly. */
#include "system.h"

#include "engine/hmap.h"
#include "out/out.h"
#include "out/sweep.h"
#include "ui/ui.h"
#include "util.h"

#define CURVE_MAX_REFS 20000    /* references the curve is drawn for (the
                                   latest; about 0.1 s a step) */
#define CURVE_MAX_COUNTS 64     /* frame counts at most */
#define MAX_POLICIES VM_POLICY_COUNT

struct cmodel
{
  const struct history *h;
  uint64_t pos;
  uint32_t lo, hi;             /* the frame counts asked for */
  uint64_t boot;               /* the tick the machine started at */
  uint64_t refs;               /* references counted */
  bool cut;                    /* only the latest CURVE_MAX_REFS */
  uint32_t pages;              /* distinct pages */
  struct sweep s;
};

static struct cmodel cm;

/* Compute the curve of U's references for counts LO..HI (cached). */
static void
build (struct ui *u, uint32_t lo, uint32_t hi)
{
  struct history *h = u->hist;
  uint64_t pos = history_pos (h);
  if (cm.h == h && cm.pos == pos && cm.lo == lo && cm.hi == hi)
    return;
  sweep_free (&cm.s);
  memset (&cm, 0, sizeof cm);
  cm.h = h;
  cm.pos = pos;
  cm.lo = lo;
  cm.hi = hi;
  uint64_t first = pos;
  for (uint64_t i = pos; i-- > 0;)
    {
      const struct hist_rec *r = history_rec (h, i);
      if (!r)
        continue;
      if (r->kind == TICK_REBOOT)
        {
          cm.boot = i + 1;
          break;
        }
      if (r->kind != TICK_ACCESS || r->result >= VM_RESULT_COUNT)
        continue;
      if (cm.refs == CURVE_MAX_REFS)
        {
          cm.cut = true;
          break;
        }
      cm.refs++;
      first = i;
    }
  const struct vm *vm = run_vm (history_run (h));
  unsigned shift = vm_page_shift (vm);
  struct sweep *s = &cm.s;
  struct hmap ids;
  hmap_init (&ids);
  s->id = xcalloc (cm.refs ? cm.refs : 1, sizeof *s->id);
  s->op = xcalloc (cm.refs ? cm.refs : 1, sizeof *s->op);
  s->vpn = xcalloc (cm.refs ? cm.refs : 1, sizeof *s->vpn);
  for (uint64_t i = first; i < pos && s->n < cm.refs; i++)
    {
      const struct hist_rec *r = history_rec (h, i);
      if (!r || r->kind != TICK_ACCESS || r->result >= VM_RESULT_COUNT)
        continue;
      uint64_t key = ((uint64_t) r->pid << 48) ^ (r->va >> shift);
      uint64_t v = hmap_get (&ids, key);
      if (v == 0)
        {
          s->vpn[s->nids] = s->nids;
          v = ++s->nids;
          hmap_put (&ids, key, v);
        }
      s->id[s->n] = (uint32_t) (v - 1);
      s->op[s->n++] = r->op;
    }
  hmap_destroy (&ids);
  cm.pages = s->nids;
  if (s->n == 0)
    return;
  /* The textbook policies, and the machine's own if it is another
     (random is left out: its curve is one draw of many). */
  static const enum vm_policy base[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
                                         VM_POLICY_CLOCK, VM_POLICY_OPT };
  for (size_t i = 0; i < ARRAY_SIZE (base); i++)
    s->policy[s->npolicies++] = base[i];
  enum vm_policy own = vm_config (vm)->policy;
  bool have = false;
  for (unsigned i = 0; i < s->npolicies; i++)
    have |= s->policy[i] == own;
  if (!have && own != VM_POLICY_RANDOM)
    s->policy[s->npolicies++] = own;
  s->min = lo;
  s->max = hi;
  s->store = true;
  /* A plain machine big enough for every page id; the policies'
     parameters are the machine's. */
  struct vm_config cfg;
  vm_config_default (&cfg);
  cfg.tick = vm_config (vm)->tick;
  cfg.tau = vm_config (vm)->tau;
  cfg.seed = vm_config (vm)->seed;
  sweep_compute (s, &cfg);
}

/* The colour of policy I of the curve. */
static enum ui_color
pol_color (unsigned i)
{
  static const enum ui_color c[] = { C_PROC0, C_PROC1, C_PROC2, C_PROC3,
                                     C_PROC4 };
  return c[i % ARRAY_SIZE (c)];
}

static void
curve_draw (struct ui *u, const struct rect *r)
{
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t now = vm_config (vm)->frames;
  char buf[200];

  if (vm_config (vm)->unpaged)
    {
      draw_box (r, _("Faults vs frames"), false);
      draw_wrapped (y, x, bottom - y, w, ui_attr (C_DIM),
                    _("This machine has no paging: no page is ever "
                      "replaced, so there is no curve to draw."));
      return;
    }
  /* First the pages, to know how many frame counts matter: from 1 to
     one more than the distinct pages (every policy faults only on first
     use from there), and the current count. */
  build (u, 1, 1);
  uint32_t hi = cm.pages + 1;
  if (now + 1 > hi)
    hi = now + 1;
  /* Each count takes a group of bars (one per policy) and a blank; the
     table below puts each figure under its group. */
  int npol = cm.s.npolicies ? (int) cm.s.npolicies : 4;
  int labw = 8, per = npol + 1;
  int fitc = (w - labw - 1) / per;
  if (fitc > CURVE_MAX_COUNTS)
    fitc = CURVE_MAX_COUNTS;
  if (fitc < 2)
    fitc = 2;
  uint32_t lo = 1;
  if (hi - lo + 1 > (uint32_t) fitc)
    {
      /* The counts around the current one. */
      lo = now > (uint32_t) fitc / 2 ? now - (uint32_t) fitc / 2 : 1;
      hi = lo + (uint32_t) fitc - 1;
    }
  build (u, lo, hi);
  const struct sweep *s = &cm.s;

  char refs[96];
  snprintf (refs, sizeof refs,
            ngettext ("%llu reference", "%llu references",
                      (unsigned long) cm.refs),
            (unsigned long long) cm.refs);
  /* The title says which references, in fewer words when narrow. */
  if (cm.boot == 0)
    snprintf (buf, sizeof buf,
              cm.cut ? _("Faults vs frames: the latest %s so far")
              : _("Faults vs frames: the %s so far"), refs);
  else
    snprintf (buf, sizeof buf,
              cm.cut ? _("Faults vs frames: the latest %s since the reboot "
                         "at step %llu")
              : _("Faults vs frames: the %s since the reboot at step %llu"),
              refs, (unsigned long long) cm.boot);
  if (text_width (buf) > w - 4 && cm.boot)
    snprintf (buf, sizeof buf,
              cm.cut ? _("Faults vs frames: latest %s since step %llu")
              : _("Faults vs frames: %s since step %llu"), refs,
              (unsigned long long) cm.boot);
  if (text_width (buf) > w - 4)
    snprintf (buf, sizeof buf, cm.cut ? _("Faults vs frames: latest %s")
              : _("Faults vs frames: %s"), refs);
  if (text_width (buf) > w - 4)
    snprintf (buf, sizeof buf, "%s", _("Faults vs frames"));
  draw_box (r, buf, u->focus == PANE_CURVE);
  if (s->n == 0)
    {
      draw_wrapped (y, x, bottom - y, w, ui_attr (C_DIM),
                    _("No reference on this machine yet: the curve counts "
                      "the faults its references so far would take with "
                      "each number of frames."));
      return;
    }
  uint32_t ncount = hi - lo + 1;
  uint64_t maxf = 1;
  for (unsigned p = 0; p < s->npolicies; p++)
    for (uint32_t c = 0; c < ncount; c++)
      if (s->faults[p][c] > maxf)
        maxf = s->faults[p][c];
  int cellw = dec_digits (maxf) > dec_digits (hi) ? dec_digits (maxf) : dec_digits (hi);
  if (cellw + 1 > per)
    per = cellw + 1;
  /* The rows: the chart, the axis, a row a policy (the legend and the
     figures), the notes; the chart gets what the others leave. */
  int table = (int) s->npolicies;
  int anomalies = 0;
  for (unsigned p = 0; p < s->npolicies; p++)
    for (uint32_t c = 1; c < ncount; c++)
      if (s->faults[p][c] > s->faults[p][c - 1])
        {
          anomalies++;
          break;
        }
  int notes = anomalies ? anomalies : 1;
  int plot = bottom - y - 1 - table - notes;
  if (plot > 16)
    plot = 16;
  if (plot < 3)
    {
      /* Too short for the bars: the figures and the notes only. */
      notes += plot + 1;
      plot = 0;
    }
  int cx0 = x + labw + 1;
  char fill[MAX_POLICIES][8];
  for (unsigned p = 0; p < s->npolicies; p++)
    {
      /* Without colours, each policy's bars are drawn with its initial
         (the table's rows say which). */
      if (u->color)
        snprintf (fill[p], sizeof fill[p], "%s", glyph (G_BLOCK));
      else
        snprintf (fill[p], sizeof fill[p], "%c",
                  vm_policy_name (s->policy[p])[0]);
    }
  if (plot >= 3)
    {
      /* The y axis: the top and zero. */
      snprintf (buf, sizeof buf, "%*llu", labw - 1,
                (unsigned long long) maxf);
      draw_text (y, x, labw, ui_attr (C_DIM), buf);
      snprintf (buf, sizeof buf, "%*d", labw - 1, 0);
      draw_text (y + plot - 1, x, labw, ui_attr (C_DIM), buf);
      for (int i = 0; i < plot; i++)
        draw_text (y + i, x + labw, 1, ui_attr (C_BORDER), glyph (G_VLINE));
      static const char *const eighths[] = {
        "", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
        "\u2587"
      };
      for (uint32_t c = 0; c < ncount; c++)
        for (unsigned p = 0; p < s->npolicies; p++)
          {
            uint64_t f = s->faults[p][c];
            /* Eighths of a row, rounded. */
            uint64_t e = (f * (uint64_t) plot * 8 + maxf / 2) / maxf;
            if (f > 0 && e == 0)
              e = 1;
            int bx = cx0 + (int) c * per + (int) p;
            attr_t a = ui_attr (pol_color (p));
            for (int row = 0; row < plot; row++)
              {
                uint64_t base = (uint64_t) row * 8;
                int yy = y + plot - 1 - row;
                if (e >= base + 8)
                  draw_text (yy, bx, 1, a, fill[p]);
                else if (e > base)
                  {
                    if (u->utf8 && u->color)
                      draw_text (yy, bx, 1, a, eighths[e - base]);
                    else if (e - base >= 4)
                      draw_text (yy, bx, 1, a, fill[p]);
                  }
              }
          }
      y += plot;
    }
  /* The frame counts, the current one marked. */
  if (y < bottom)
    {
      draw_text (y, x, labw, ui_attr (C_LABEL), _("frames"));
      for (uint32_t c = 0; c < ncount; c++)
        draw_printf (y, cx0 + (int) c * per, per, lo + c == now
                     ? ui_attr (C_CURRENT) : ui_attr (C_LABEL), "%*u",
                     per - 1, lo + c);
      snprintf (buf, sizeof buf, _("(now %u, %s)"), now,
                vm_policy_name (vm_config (vm)->policy));
      int cx = cx0 + (int) ncount * per;
      if (cx + text_width (buf) <= x + w)
        draw_text (y, cx, x + w - cx, ui_attr (C_DIM), buf);
      y++;
    }
  /* A row a policy: its bar, its name, its faults at each count. */
  for (unsigned p = 0; p < s->npolicies && y < bottom; p++, y++)
    {
      int cx = x + draw_text (y, x, 2, ui_attr (pol_color (p)), fill[p]);
      cx += draw_text (y, cx + 1, labw - 2, ui_attr (C_TEXT),
                       vm_policy_name (s->policy[p])) + 1;
      for (uint32_t c = 0; c < ncount; c++)
        {
          bool bump = c > 0 && s->faults[p][c] > s->faults[p][c - 1];
          attr_t a = bump ? ui_attr (C_BAD) : ui_attr (C_TEXT);
          if (lo + c == now && s->policy[p] == vm_config (vm)->policy)
            a |= A_BOLD | A_UNDERLINE;
          draw_printf (y, cx0 + (int) c * per, per, a, "%*llu", per - 1,
                       (unsigned long long) s->faults[p][c]);
        }
    }
  /* The notes: each policy that faults more with one more frame, in
     fewer words when narrow, whole or not at all. */
  int said = 0;
  for (unsigned p = 0; p < s->npolicies && y < bottom; p++)
    for (uint32_t c = 1; c < ncount && y < bottom; c++)
      if (s->faults[p][c] > s->faults[p][c - 1])
        {
          snprintf (buf, sizeof buf,
                    _("%s: %u frames fault more than %u (%llu > %llu): "
                      "Belady's anomaly"), vm_policy_name (s->policy[p]),
                    lo + c, lo + c - 1,
                    (unsigned long long) s->faults[p][c],
                    (unsigned long long) s->faults[p][c - 1]);
          if (text_width (buf) > w)
            snprintf (buf, sizeof buf,
                      _("%s: more faults with %u frames than %u (%llu > "
                        "%llu)"), vm_policy_name (s->policy[p]),
                      lo + c, lo + c - 1,
                      (unsigned long long) s->faults[p][c],
                      (unsigned long long) s->faults[p][c - 1]);
          if (text_width (buf) <= w)
            draw_text (y++, x, w, ui_attr (C_BAD), buf);
          said++;
          break;
        }
  const char *none = _("No policy here faults more with more frames.");
  if (!said && y < bottom && text_width (none) <= w)
    draw_text (y++, x, w, ui_attr (C_DIM), none);
  const char *how = _("Each policy on a fresh machine with these references "
                      "(pages start on disk).");
  if (text_width (how) > w)
    how = _("Each policy on a fresh machine.");
  if (y < bottom && text_width (how) <= w)
    draw_text (y, x, w, ui_attr (C_DIM), how);
}

const struct pane pane_curve = {
  N_("Faults vs frames"), curve_draw, NULL, NULL
};
