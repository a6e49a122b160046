/* pane-strip.c: the strip chart: over the run so far, one column per
 * window of accesses, the fault rate of the window and each process's
 * resident set at its end, with marks where a process exited or the
 * machine rebooted; under it, each process's memory now (VSZ, RSS,
 * swapped pages, page-table pages).
 *
 * The windows that are over are measured once, by a run of our own that
 * only goes forwards (so stepping back costs nothing); the window the
 * position is in is measured from the history's records and the
 * machine as it is. */
#include "system.h"

#include "ui/ui.h"
#include "util.h"

#define STRIP_PROCS 6     /* processes charted */

struct swin
{
  uint32_t accesses, faults;
  uint32_t rss[STRIP_PROCS];
  uint32_t frames;
  uint64_t end;            /* the tick after the window's last access */
  bool reboot, exit;
};

struct strip
{
  const struct history *h;
  struct run *run;         /* ours: it only goes forwards */
  uint64_t win;            /* accesses a window */
  struct swin *w;          /* the windows over */
  size_t nw, cap;
  struct swin cur;         /* the window being filled by our run */
};

static struct strip sd;

void
strip_free (void)
{
  run_free (sd.run);
  free (sd.w);
  memset (&sd, 0, sizeof sd);
}

/* Resident pages and frames of VM into W. */
static void
sample (struct swin *w, const struct vm *vm)
{
  size_t np = vm_nprocs (vm);
  for (size_t i = 0; i < STRIP_PROCS; i++)
    {
      struct vm_proc_info pi;
      w->rss[i] = i < np && vm_proc_info (vm, (uint32_t) i, &pi) && pi.alive
        ? (uint32_t) pi.rss_pages : 0;
    }
  w->frames = vm_config (vm)->frames;
}

/* Count tick T into W. */
static void
count (struct swin *w, enum tick_kind kind, uint8_t result)
{
  if (kind == TICK_ACCESS && result < VM_RESULT_COUNT)
    {
      w->accesses++;
      if (result != VM_HIT)
        w->faults++;
    }
  else if (kind == TICK_REBOOT)
    w->reboot = true;
  else if (kind == TICK_EXIT)
    w->exit = true;
}

/* Bring our run up to tick POS of U's history. */
static void
follow (struct ui *u, uint64_t pos)
{
  if (sd.h != u->hist)
    {
      strip_free ();
      sd.h = u->hist;
      sd.run = history_run_before (u->hist, 0);
      /* A window size that shows the whole scenario in about 48 columns,
         a power of two from 4 up. */
      uint64_t ticks = history_total (u->hist);
      sd.win = 4;
      while (sd.win * 48 < ticks && sd.win < 65536)
        sd.win *= 2;
    }
  struct tick t;
  while (run_position (sd.run) < pos && run_next (sd.run, &t))
    {
      count (&sd.cur, t.kind,
             t.kind == TICK_ACCESS ? (uint8_t) t.ev.result : 0);
      if (sd.cur.accesses == sd.win)
        {
          sample (&sd.cur, run_vm (sd.run));
          sd.cur.end = run_position (sd.run);
          if (sd.nw == sd.cap)
            {
              sd.cap = sd.cap ? 2 * sd.cap : 64;
              sd.w = xreallocarray (sd.w, sd.cap, sizeof *sd.w);
            }
          sd.w[sd.nw++] = sd.cur;
          memset (&sd.cur, 0, sizeof sd.cur);
        }
    }
}

/* BYTES in the largest unit that keeps a whole number ("64 KiB",
   "4 GiB"); a static buffer. */
static const char *
size_text (uint64_t bytes)
{
  static char buf[32];
  static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB",
                                       "PiB", "EiB" };
  size_t u = 0;
  while (u + 1 < ARRAY_SIZE (units) && bytes >= 1024 && bytes % 1024 == 0)
    {
      bytes /= 1024;
      u++;
    }
  snprintf (buf, sizeof buf, "%llu %s", (unsigned long long) bytes,
            units[u]);
  return buf;
}

static const char *const eighths[] = {
  " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
  "\u2587", "\u2588"
};

/* A bar of V out of MAX in ROWS rows at column X, bottom row Y. */
static void
bar (const struct ui *u, int y, int x, int rows, uint64_t v, uint64_t max,
     attr_t a)
{
  if (max == 0)
    return;
  uint64_t e = (v * (uint64_t) rows * 8 + max / 2) / max;
  if (v > 0 && e == 0)
    e = 1;
  for (int row = 0; row < rows; row++)
    {
      uint64_t base = (uint64_t) row * 8;
      if (e <= base)
        break;
      uint64_t part = e - base >= 8 ? 8 : e - base;
      if (u->utf8)
        draw_text (y - row, x, 1, a, eighths[part]);
      else if (part >= 4)
        draw_text (y - row, x, 1, a, "#");
      else
        draw_text (y - row, x, 1, a, "_");
    }
}

static void
strip_draw (struct ui *u, const struct rect *r)
{
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;
  uint64_t pos = history_pos (u->hist);
  const struct vm *vm = run_vm (history_run (u->hist));
  char buf[200];

  follow (u, pos);
  /* The windows over at POS, then the one POS is in. */
  size_t done = 0;
  {
    size_t lo = 0, hi = sd.nw;
    while (lo < hi)
      {
        size_t mid = (lo + hi) / 2;
        if (sd.w[mid].end <= pos)
          lo = mid + 1;
        else
          hi = mid;
      }
    done = lo;
  }
  struct swin part;
  memset (&part, 0, sizeof part);
  for (uint64_t i = done ? sd.w[done - 1].end : 0; i < pos; i++)
    {
      const struct hist_rec *rec = history_rec (u->hist, i);
      if (rec)
        count (&part, (enum tick_kind) rec->kind, rec->result);
    }
  sample (&part, vm);
  uint64_t total_acc = (uint64_t) done * sd.win + part.accesses;
  uint64_t total_faults = part.faults;
  for (size_t i = 0; i < done; i++)
    total_faults += sd.w[i].faults;

  char title[160];
  snprintf (title, sizeof title,
            ngettext ("Strip chart: %llu access a column",
                      "Strip chart: %llu accesses a column",
                      (unsigned long) sd.win),
            (unsigned long long) sd.win);
  draw_box (r, title, u->focus == PANE_STRIP);

  size_t np = vm_nprocs (vm);
  size_t nproc = np < STRIP_PROCS ? np : STRIP_PROCS;
  /* Rows: the fault rate (3 to 6), a row for each process's resident set
     (two when there is room), the marks, the figures now, a line a
     process. */
  int inner = bottom - y;
  int fixed = 1 + 2 + (int) np;
  int per = 2;
  int rate = inner - fixed - (int) nproc * per;
  if (rate < 4)
    {
      per = 1;
      rate = inner - fixed - (int) nproc;
    }
  if (rate > 6)
    rate = 6;
  if (rate < 2)
    rate = 2;
  int labw = 0;
  const char *ratel = _("faults");
  labw = text_width (ratel);
  for (size_t i = 0; i < nproc; i++)
    {
      struct vm_proc_info pi;
      if (vm_proc_info (vm, (uint32_t) i, &pi) && pi.name
          && text_width (pi.name) + 4 > labw)
        labw = text_width (pi.name) + 4;
    }
  if (labw > w / 3)
    labw = w / 3;
  int cx0 = x + labw + 1;
  int cols = x + w - cx0;
  if (cols < 1)
    cols = 1;
  /* The windows shown: the latest that fit, the one POS is in last. */
  size_t nshow = done + 1;
  size_t first = nshow > (size_t) cols ? nshow - (size_t) cols : 0;
  const struct swin *cur = &part;

  /* The fault rate. */
  if (y + rate <= bottom)
    {
      draw_text (y, x, labw, ui_attr (C_DIM), "100%");
      draw_text (y + rate / 2, x, labw, ui_attr (C_LABEL), ratel);
      draw_text (y + rate - 1, x, labw, ui_attr (C_DIM), "0%");
      for (int i = 0; i < rate; i++)
        draw_text (y + i, x + labw, 1, ui_attr (C_BORDER),
                   first > 0 && i == 0 ? glyph (G_ELLIPSIS)
                   : glyph (G_VLINE));
      for (size_t k = first; k < nshow; k++)
        {
          const struct swin *s = k < done ? &sd.w[k] : cur;
          if (s->accesses)
            bar (u, y + rate - 1, cx0 + (int) (k - first), rate, s->faults,
                 s->accesses, k == done ? ui_attr (C_CURRENT) & ~A_REVERSE
                 : ui_attr (C_MAJOR));
        }
      y += rate;
    }
  /* The resident sets, each out of the most frames shown. */
  uint64_t maxfr = cur->frames;
  for (size_t k = first; k < done; k++)
    if (sd.w[k].frames > maxfr)
      maxfr = sd.w[k].frames;
  for (size_t i = 0; i < nproc && y + per <= bottom; i++)
    {
      struct vm_proc_info pi;
      const char *name = vm_proc_info (vm, (uint32_t) i, &pi) && pi.name
        ? pi.name : "?";
      snprintf (buf, sizeof buf, _("%s RSS"), name);
      draw_text (y, x, labw, ui_attr (ui_proc_color ((uint32_t) i)), buf);
      for (int j = 0; j < per; j++)
        draw_text (y + j, x + labw, 1, ui_attr (C_BORDER), glyph (G_VLINE));
      for (size_t k = first; k < nshow; k++)
        {
          const struct swin *s = k < done ? &sd.w[k] : cur;
          bar (u, y + per - 1, cx0 + (int) (k - first), per, s->rss[i], maxfr,
               ui_attr (ui_proc_color ((uint32_t) i)));
        }
      y += per;
    }
  /* The marks: where a process exited, where the machine rebooted. */
  if (y < bottom)
    {
      bool any = false;
      for (size_t k = first; k < nshow; k++)
        {
          const struct swin *s = k < done ? &sd.w[k] : cur;
          const char *mk = s->reboot ? "R" : s->exit ? "X" : NULL;
          if (k == done)
            mk = glyph (G_UP);
          if (mk)
            draw_text (y, cx0 + (int) (k - first), 1,
                       k == done ? ui_attr (C_CURRENT) & ~A_REVERSE
                       : ui_attr (C_BAD), mk);
          any |= s->reboot || s->exit;
        }
      (void) any;
      y++;
    }
  /* The figures: this window, and the whole run, each whole or not at
     all. */
  if (y < bottom)
    {
      char all[96];
      int cx = x;
      snprintf (all, sizeof all, _("all: %llu faults in %llu accesses"),
                (unsigned long long) total_faults,
                (unsigned long long) total_acc);
      if (part.accesses)
        {
          snprintf (buf, sizeof buf,
                    _("%s this window: %u of %u accesses faulted (%u%%)"),
                    glyph (G_UP), part.faults, part.accesses,
                    part.faults * 100 / part.accesses);
          if (text_width (buf) <= w)
            cx += draw_text (y, cx, w, ui_attr (C_TEXT) | A_BOLD, buf) + 2;
        }
      if (cx + text_width (all) <= x + w)
        draw_text (y, cx, x + w - cx, ui_attr (C_TEXT) | A_BOLD, all);
      y++;
    }
  if (y < bottom)
    {
      /* Each part whole or not at all. */
      snprintf (buf, sizeof buf, _("RSS: resident pages of %llu frames"),
                (unsigned long long) maxfr);
      int cx = x;
      if (text_width (buf) <= w)
        cx += draw_text (y, cx, w, ui_attr (C_DIM), buf) + 2;
      const char *marks = _("R reboot  X a process exited");
      if (cx + text_width (marks) <= x + w)
        draw_text (y, cx, x + w - cx, ui_attr (C_DIM), marks);
      y++;
    }
  /* Each process now. */
  uint64_t ps = vm_config (vm)->page_size;
  for (size_t i = 0; i < np && y < bottom; i++)
    {
      struct vm_proc_info pi;
      if (!vm_proc_info (vm, (uint32_t) i, &pi))
        continue;
      if (!pi.alive)
        snprintf (buf, sizeof buf, _("%s: exited"), pi.name ? pi.name : "?");
      else
        {
          char pages[64];
          snprintf (pages, sizeof pages,
                    ngettext ("%llu page", "%llu pages",
                              (unsigned long) pi.vsz_pages),
                    (unsigned long long) pi.vsz_pages);
          snprintf (buf, sizeof buf,
                    _("%s: VSZ %s (%s)  RSS %llu  swapped %llu  "
                      "page tables %llu"),
                    pi.name ? pi.name : "?", pages,
                    size_text (pi.vsz_pages * ps),
                    (unsigned long long) pi.rss_pages,
                    (unsigned long long) pi.swap_pages,
                    (unsigned long long) pi.pt_pages);
          /* Narrow: without the size in bytes. */
          if (text_width (buf) > w)
            snprintf (buf, sizeof buf,
                      _("%s: VSZ %s  RSS %llu  swapped %llu  page tables "
                        "%llu"), pi.name ? pi.name : "?", pages,
                      (unsigned long long) pi.rss_pages,
                      (unsigned long long) pi.swap_pages,
                      (unsigned long long) pi.pt_pages);
        }
      /* Whole or not at all. */
      if (text_width (buf) <= w)
        draw_text (y, x, w, ui_attr (ui_proc_color ((uint32_t) i)), buf);
      y++;
    }
}

const struct pane pane_strip = {
  N_("Strip chart"), strip_draw, NULL, NULL
};
