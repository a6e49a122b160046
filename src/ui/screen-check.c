/* screen-check.c: the screen tests' headless path (tests/screens.sh).
 * With VMTUTOR_BENCH=check, the real drawing code draws every step of the
 * scenario, at each size of VMTUTOR_CHECK_SIZES ("80x24,60x20", a "p"
 * before a size for projection mode, and before that "r", "f" or "s" to
 * show the grid, the curve or the strip chart at every step, whatever
 * the scenario's `view:` says), forwards and then backwards, and
 * each screen is read back from curses and held to three rules:
 *   - every figure of the header is whole: the step counter, each
 *     counter's number is the machine's, and no word is cut;
 *   - the whole narration of the step is on screen, or reachable by
 *     scrolling the narration pane (which then shows a "more" mark);
 *   - stepping back to a step gives the screen stepping forward gave;
 *   - different pages in the frames never read the same (labels fitted
 *     to the pane's width stay distinct).
 * Failures (with the screen) go to the report; VMTUTOR_CHECK_DUMP=FILE
 * also writes every screen there, for reading; VMTUTOR_CHECK_WARM runs
 * to the end before the forward pass. */
#include "system.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <wchar.h>

#include "ui/ui.h"
#include "util.h"

struct check
{
  struct ui *u;
  char size[32];
  FILE *dump;
  char *report;
  size_t nreport, cap;
  unsigned fails;
};

static void
report (struct check *c, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
report (struct check *c, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = xvasprintf (fmt, ap);
  va_end (ap);
  size_t n = strlen (s);
  if (c->nreport + n + 1 > c->cap)
    {
      c->cap = (c->nreport + n + 1) * 2;
      c->report = xrealloc (c->report, c->cap);
    }
  memcpy (c->report + c->nreport, s, n + 1);
  c->nreport += n;
  free (s);
}

/* Row Y of the screen from column X, W columns, as UTF-8. */
static char *
screen_row (int y, int x, int w)
{
  cchar_t cells[1024];
  if (w > (int) ARRAY_SIZE (cells) - 1)
    w = (int) ARRAY_SIZE (cells) - 1;
  if (w < 0)
    w = 0;
  int n = mvin_wchnstr (y, x, cells, w) == ERR ? 0 : w;
  char *out = xmalloc ((size_t) w * 8 + 2);
  size_t len = 0;
  mbstate_t st;
  memset (&st, 0, sizeof st);
  /* in_wchnstr gives characters, not columns (a wide character is one
     cell of the array): stop after W columns.  */
  int col = 0;
  for (int i = 0; i < n && col < w; i++)
    {
      const wchar_t *wc = cells[i].chars;
      if (!wc[0])
        {
          /* The second cell of a wide character. */
          continue;
        }
      int cw = wcwidth (wc[0]);
      col += cw > 1 ? cw : 1;
      for (size_t k = 0; k < CCHARW_MAX && wc[k]; k++)
        {
          if (wc[k] < 0x80)
            out[len++] = (char) wc[k];
          else
            {
              size_t m = wcrtomb (out + len, wc[k], &st);
              if (m != (size_t) -1)
                len += m;
            }
        }
    }
  out[len] = '\0';
  return out;
}

/* The whole screen, a row a line, trailing blanks dropped. */
static char *
screen_text (void)
{
  size_t cap = 4096, len = 0;
  char *s = xmalloc (cap);
  for (int y = 0; y < LINES; y++)
    {
      char *row = screen_row (y, 0, COLS);
      size_t n = strlen (row);
      while (n > 0 && row[n - 1] == ' ')
        n--;
      if (len + n + 2 > cap)
        {
          cap = (len + n + 2) * 2;
          s = xrealloc (s, cap);
        }
      memcpy (s + len, row, n);
      len += n;
      s[len++] = '\n';
      free (row);
    }
  s[len] = '\0';
  return xrealloc (s, len + 1);
}

/* S without any white space. */
static char *
squeeze (const char *s)
{
  char *out = xmalloc (strlen (s) + 1), *p = out;
  for (; *s; s++)
    if (!isspace ((unsigned char) *s))
      *p++ = *s;
  *p = '\0';
  return out;
}

/* Add to E (N so far, at most MAX) the text the header field FMT should
   show, formatted in the user's language as pane-header.c does. */
static void
expect_field (char e[][128], size_t *n, size_t max, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static void
expect_field (char e[][128], size_t *n, size_t max, const char *fmt, ...)
{
  va_list ap;
  if (*n >= max)
    return;
  va_start (ap, fmt);
  vsnprintf (e[*n], sizeof e[*n], fmt, ap);
  va_end (ap);
  ++*n;
}

/* Row 2 of the header: fields two columns apart, each one whole and
   showing the machine's figure (computed here from the statistics, in
   the user's language: the check holds in every translation); anything
   else is a cut or wrong field. */
static void
check_header (struct check *c, const char *row, uint64_t pos, bool *bad)
{
  const struct vm *vm = run_vm (history_run (c->u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  char e[16][128], t[32];
  size_t n = 0;
  double ns = vm_eat_ns (vm);

  expect_field (e, &n, 16, "%s", vm_policy_name (cfg->policy));
  expect_field (e, &n, 16, _("frames %u/%u"), vm_frames_used (vm),
                cfg->frames);
  expect_field (e, &n, 16, _("accesses %llu"),
                (unsigned long long) st->accesses);
  expect_field (e, &n, 16, _("faults %llu"), (unsigned long long) st->faults);
  expect_field (e, &n, 16, _("minor %llu"),
                (unsigned long long) st->minor_faults);
  expect_field (e, &n, 16, _("major %llu"),
                (unsigned long long) st->major_faults);
  expect_field (e, &n, 16, _("cow %llu"), (unsigned long long) st->cow_faults);
  expect_field (e, &n, 16, _("ptables %llu"),
                (unsigned long long) st->page_table_pages);
  expect_field (e, &n, 16, _("segv %llu"), (unsigned long long) st->segfaults);
  expect_field (e, &n, 16, _("oom %llu"), (unsigned long long) st->oom_kills);
  expect_field (e, &n, 16, _("TLB %.1f%%"),
                st->tlb_hits + st->tlb_misses
                ? 100.0 * (double) st->tlb_hits
                  / (double) (st->tlb_hits + st->tlb_misses) : 0.0);
  if (ns < 1000.0)
    snprintf (t, sizeof t, _("%.1f ns"), ns);
  else if (ns < 1e6)
    snprintf (t, sizeof t, c->u->utf8 ? _("%.2f µs") : _("%.2f us"),
              ns / 1e3);
  else
    snprintf (t, sizeof t, _("%.2f ms"), ns / 1e6);
  expect_field (e, &n, 16, _("EAT %s"), t);

  /* The fields: runs of text separated by two spaces or more.  */
  const char *p = row;
  for (;;)
    {
      while (*p == ' ')
        p++;
      if (!*p)
        break;
      const char *q = p;
      while (*q && !(q[0] == ' ' && (q[1] == ' ' || q[1] == '\0')))
        q++;
      bool known = false;
      for (size_t i = 0; i < n && !known; i++)
        known = strlen (e[i]) == (size_t) (q - p)
                && memcmp (e[i], p, (size_t) (q - p)) == 0;
      if (!known)
        {
          report (c, "%s step %llu: header: a cut, unknown or wrong field "
                  "\"%.*s\"\n", c->size, (unsigned long long) pos,
                  (int) (q - p), p);
          *bad = true;
        }
      p = q;
    }
}

/* The narration must be whole on screen, or reachable: scroll the
   narration pane down to its end and collect what it shows. */
static void
check_narration (struct check *c, uint64_t pos, bool *bad)
{
  struct ui *u = c->u;
  const struct rect r = u->rect[PANE_NARRATE];
  if (r.h < 3)
    {
      report (c, "%s step %llu: no narration pane\n", c->size,
              (unsigned long long) pos);
      *bad = true;
      return;
    }
  /* A question box over the pane shows the question itself: the
     narration under it is the same words. */
  if (ask_covers (u, r))
    return;
  char *want_text = narrate_text (u);
  char *want = squeeze (want_text);
  free (want_text);
  size_t cap = strlen (want) + 4096, len = 0;
  char *got = xmalloc (cap);
  got[0] = '\0';
  enum pane_id focus = u->focus;
  int rows = r.h - 2;
  bool more = false;
  int downs = 0;
  for (int k = 0; k < 300; k++)
    {
      /* The first screen: every row; after each Down: the new last row. */
      for (int i = k ? rows - 1 : 0; i < rows; i++)
        {
          char *row = screen_row (r.y + 1 + i, r.x + 1, r.w - 2);
          char *sq = squeeze (row);
          size_t n = strlen (sq);
          if (len + n + 1 > cap)
            {
              cap = (len + n + 1) * 2;
              got = xrealloc (got, cap);
            }
          memcpy (got + len, sq, n + 1);
          len += n;
          free (sq);
          free (row);
        }
      char *border = screen_row (r.y + r.h - 1, r.x, r.w);
      {
        char m1[128], m2[128], m3[128];
        snprintf (m1, sizeof m1, _(" %s more: Down "), glyph (G_DOWN));
        snprintf (m2, sizeof m2, _(" %s more: Tab, Down "), glyph (G_DOWN));
        snprintf (m3, sizeof m3, _(" %s more "), glyph (G_DOWN));
        more = strstr (border, "more") || strstr (border, m1)
               || strstr (border, m2) || strstr (border, m3);
      }
      free (border);
      if (!more)
        break;
      if (k == 0 && u->focus != PANE_NARRATE)
        u->focus = PANE_NARRATE;
      pane_ops (PANE_NARRATE)->key (u, KEY_DOWN);
      downs++;
      ui_draw (u);
    }
  /* Back to the top, as the step was drawn (a later pass over the same
     step must find the same screen).  */
  if (downs)
    {
      if (u->focus != PANE_NARRATE)
        u->focus = PANE_NARRATE;
      while (downs-- > 0)
        pane_ops (PANE_NARRATE)->key (u, KEY_UP);
      ui_draw (u);
    }
  if (strcmp (got, want) != 0)
    {
      report (c, "%s step %llu: narration not all reachable:\n"
              "  want: %s\n  got:  %s\n", c->size, (unsigned long long) pos,
              want, got);
      *bad = true;
    }
  free (got);
  free (want);
  if (u->focus != focus)
    {
      u->focus = focus;
      ui_draw (u);
    }
}

/* A frame's label, for sorting. */
struct flabel
{
  char lab[64];
  uint32_t frame, pid;
  uint64_t vpn;
};

static int
flabel_cmp (const void *a, const void *b)
{
  return strcmp (((const struct flabel *) a)->lab,
                 ((const struct flabel *) b)->lab);
}

/* Different pages must not look the same: the labels of the frames'
   pages, fitted to the frames pane's label width, are all different. */
static void
check_labels (struct check *c, uint64_t pos, bool *bad)
{
  const struct vm *vm = run_vm (history_run (c->u->hist));
  uint32_t nf = vm_config (vm)->frames;
  if (vm_config (vm)->unpaged)
    return;
  if (nf > 256)
    nf = 256;
  int labw;
  frames_cell_width (c->u, c->u->rect[PANE_FRAMES].w - 2, &labw, NULL);
  struct flabel *fl = xcalloc (nf ? nf : 1, sizeof *fl);
  size_t k = 0;
  for (uint32_t f = 0; f < nf; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      if (!fi.used || fi.page_table || fi.owner_pid == VM_NONE)
        continue;
      fl[k].frame = f;
      fl[k].pid = fi.owner_pid;
      fl[k].vpn = fi.owner_vpn;
      label_page (fl[k].lab, sizeof fl[k].lab, vm, fi.owner_pid,
                  fi.owner_vpn, labw);
      k++;
    }
  qsort (fl, k, sizeof *fl, flabel_cmp);
  for (size_t i = 1; i < k; i++)
    if (strcmp (fl[i].lab, fl[i - 1].lab) == 0
        && (fl[i].pid != fl[i - 1].pid || fl[i].vpn != fl[i - 1].vpn))
      {
        report (c, "%s step %llu: frames %u and %u both read \"%s\"\n",
                c->size, (unsigned long long) pos, fl[i - 1].frame,
                fl[i].frame, fl[i].lab);
        *bad = true;
      }
  free (fl);
}

/* Draw step POS and read it back; the screen, newly allocated. */
static char *
check_step (struct check *c, uint64_t pos, const char *dir)
{
  struct ui *u = c->u;
  ui_goto (u, pos);
  u->log_follow = true;
  ui_draw (u);
  char *scr = screen_text ();
  bool bad = false;
  /* Row 1: the step counter, whole. */
  char *top = screen_row (0, 0, COLS), want[128];
  snprintf (want, sizeof want, _("step %llu/%llu"), (unsigned long long) pos,
            (unsigned long long) history_total (u->hist));
  char want2[256];
  snprintf (want2, sizeof want2, _("step %llu/%llu  %s %s"),
            (unsigned long long) pos,
            (unsigned long long) history_total (u->hist),
            u->running ? _("running") : _("paused"), ui_speed_label (u));
  if (!strstr (top, want) && !strstr (top, want2))
    {
      report (c, "%s step %llu: header: no \"%s\"\n", c->size,
              (unsigned long long) pos, want);
      bad = true;
    }
  free (top);
  if (!u->project)
    {
      char *row = screen_row (1, 0, COLS);
      check_header (c, row, pos, &bad);
      free (row);
    }
  if (c->dump)
    fprintf (c->dump, "=== %s %s step %llu\n%s", c->size, dir,
             (unsigned long long) pos, scr);
  check_narration (c, pos, &bad);
  check_labels (c, pos, &bad);
  if (bad)
    {
      c->fails++;
      if (c->fails < 20)
        report (c, "%s", scr);
    }
  return scr;
}

static void
check_size (struct check *c, int w, int h, bool project, char pic)
{
  struct ui *u = c->u;
  uint64_t total = history_total (u->hist);
  snprintf (c->size, sizeof c->size, "%s%s%dx%d", pic ? (char[2]) { pic, 0 }
            : "", project ? "p" : "", w, h);
  resizeterm (h, w);
  /* A picture letter shows that picture at every step, whatever the
     scenario's `view:` says (r grid, f curve, s strip). */
  u->picture_lock = pic != 0;
  u->picture = pic == 'r' ? PIC_GRID : pic == 'f' ? PIC_CURVE
    : pic == 's' ? PIC_STRIP : PIC_NONE;
  u->sc_picture = SC_VIEW_NONE - 1;
  u->project = project;
  colors_project (project);
  char **fwd = xcalloc (total + 1, sizeof *fwd);
  for (uint64_t p = 0; p <= total; p++)
    fwd[p] = check_step (c, p, "forward");
  for (uint64_t p = total + 1; p-- > 0;)
    {
      char *scr = check_step (c, p, "back");
      if (strcmp (scr, fwd[p]) != 0)
        {
          c->fails++;
          report (c, "%s step %llu: stepping back gives another screen\n"
                  "--- forward\n%s--- back\n%s", c->size,
                  (unsigned long long) p, fwd[p], scr);
        }
      free (scr);
    }
  for (uint64_t p = 0; p <= total; p++)
    free (fwd[p]);
  free (fwd);
}

char *
screen_check (struct ui *u)
{
  struct check c;
  memset (&c, 0, sizeof c);
  c.u = u;
  const char *sizes = getenv ("VMTUTOR_CHECK_SIZES");
  const char *dump = getenv ("VMTUTOR_CHECK_DUMP");
  if (!sizes || !*sizes)
    sizes = "80x24,60x20";
  /* VMTUTOR_CHECK_WARM: go to the end first, so that the forward pass
     knows the future as the backward one does. */
  const char *warm = getenv ("VMTUTOR_CHECK_WARM");
  if (warm && *warm)
    history_goto (u->hist, history_total (u->hist));
  if (dump && *dump && !(c.dump = fopen (dump, "w")))
    return xasprintf ("check: cannot write %s\n", dump);
  char *list = xstrdup (sizes), *save = NULL;
  unsigned nsizes = 0;
  for (char *s = strtok_r (list, ",", &save); s;
       s = strtok_r (NULL, ",", &save))
    {
      char pic = 0;
      if (*s == 'r' || *s == 'f' || *s == 's')
        pic = *s++;
      bool project = *s == 'p';
      int w, h;
      if (sscanf (s + project, "%dx%d", &w, &h) != 2 || w < 1 || h < 1)
        {
          report (&c, "check: bad size \"%s\"\n", s);
          c.fails++;
          continue;
        }
      check_size (&c, w, h, project, pic);
      nsizes++;
    }
  free (list);
  if (c.dump)
    fclose (c.dump);
  report (&c, "check: %llu steps at %u sizes, %u failures\n",
          (unsigned long long) history_total (u->hist) + 1, nsizes, c.fails);
  return c.report;
}
