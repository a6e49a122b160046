/* pane-log.c: the fault log, one line per tick up to the current one,
 * scrollable, and searchable with a PCRE2 pattern (`/`, `n`, `N`) over
 * each tick's log line and whole narration (ticks are replayed from a
 * checkpoint to get it): a match moves the run to that tick, running
 * ahead if needed. */
#include "system.h"

#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

/* Process names by pid, kept from every machine seen, so that lines of
 * ticks run ahead of the current position still name their process. */
static char *names[256];

static void
names_update (const struct vm *vm)
{
  size_t n = vm_nprocs (vm);
  for (size_t i = 0; i < n && i < ARRAY_SIZE (names); i++)
    if (!names[i])
      {
        struct vm_proc_info pi;
        if (vm_proc_info (vm, (uint32_t) i, &pi) && pi.name)
          names[i] = xstrdup (pi.name);
      }
}

static const char *
name_of (uint32_t pid)
{
  if (pid < ARRAY_SIZE (names) && names[pid])
    return names[pid];
  return "?";
}

static void
page_of (const struct ui *u, char *buf, size_t n, uint32_t pid, uint64_t vpn)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  if (pid < vm_nprocs (vm))
    narrate_page (buf, n, vm, pid, vpn);
  else if (vpn < 1024)
    snprintf (buf, n, "%s:%llu", name_of (pid), (unsigned long long) vpn);
  else
    snprintf (buf, n, "%s:0x%llx", name_of (pid), (unsigned long long) vpn);
}

/* A line being built by hand (log lines are formatted for every visible
 * row of every screen; snprintf is most of the cost). */
struct line
{
  char *s;
  size_t n, len;
};

static void
line_pad (struct line *l, const char *s, size_t width, bool right)
{
  size_t k = (size_t) mbs_width (s);   /* columns, not bytes */
  for (size_t i = k; right && i < width; i++)
    if (l->len + 1 < l->n)
      l->s[l->len++] = ' ';
  for (; *s && l->len + 1 < l->n; s++)
    l->s[l->len++] = *s;
  for (size_t i = k; !right && i < width; i++)
    if (l->len + 1 < l->n)
      l->s[l->len++] = ' ';
  l->s[l->len] = '\0';
}

static void
line_str (struct line *l, const char *s)
{
  line_pad (l, s, 0, false);
}

static void
line_num (struct line *l, uint64_t v, bool hex, size_t width)
{
  char d[24];
  size_t k = sizeof d;
  d[--k] = '\0';
  do
    {
      d[--k] = "0123456789abcdef"[hex ? v % 16 : v % 10];
      v = hex ? v / 16 : v / 10;
    }
  while (v);
  line_pad (l, d + k, width, true);
}

/* The translation of MSGID (one message only), looked up once: a log
 * line with an eviction asks for it on every row of every screen. */
static const char *out_format (const char *msgid)
  __attribute__ ((format_arg (1)));

static const char *
out_format (const char *msgid)
{
  static const char *translated;
  if (!translated)
    translated = _(msgid);
  return translated;
}

/* How short log_draw wants an access's line: 0 whole, 1 without the
   address, 2 also without the padding of the columns, 3 also without
   the frame (the frames pane shows it; a narrow pane or a long result
   word cuts nothing else that matters: the page, the result, the
   victim). */
static int log_compact;

/* An access: "%6llu %c %-10s %s%-5s f%u%s  0x%llx", the " f%u" only when
   a frame was used. */
static void
format_access (const struct ui *u, const struct hist_rec *r,
               unsigned long long step, char *buf, size_t n)
{
  char page[64], victim[80], op[2] = { r->op, '\0' };
  struct line l = { buf, n, 0 };

  page_of (u, page, sizeof page, r->pid,
           r->va >> vm_page_shift (run_vm (history_run (u->hist))));
  victim[0] = '\0';
  if (r->victim_pid != VM_NONE)
    {
      char vp[64];
      page_of (u, vp, sizeof vp, r->victim_pid, r->victim_vpn);
      snprintf (victim, sizeof victim, out_format (N_(" out %s")), vp);
    }
  if (n == 0)
    return;
  line_num (&l, step, false, log_compact >= 2 ? 0 : 6);
  line_str (&l, " ");
  if (!r->op)
    {
      /* "%c" of a NUL ends the string there. */
      if (l.len + 1 < l.n)
        l.len++;
      l.s[l.len] = '\0';
    }
  else
    line_str (&l, op);
  line_str (&l, " ");
  line_pad (&l, page, log_compact >= 2 ? 0 : 10, false);
  line_str (&l, " ");
  /* TRANSLATORS: the short mark of a TLB hit in the log pane (3
     columns or fewer). */
  static const char *tlb;
  static size_t tlb_w;
  if (!tlb)
    {
      tlb = C_ ("log", "tlb");
      tlb_w = (size_t) mbs_width (tlb);
    }
  if (r->tlb > 0)
    {
      line_str (&l, tlb);
      line_str (&l, " ");
    }
  else if (r->tlb == 0 && log_compact < 2)
    line_pad (&l, "", tlb_w + 1, false);
  line_pad (&l, ui_result_word (r->result),
            log_compact >= 2 ? 0 : 5, false);
  if (r->frame != VM_NONE && log_compact < 3)
    {
      line_str (&l, " f");
      line_num (&l, r->frame, false, 0);
    }
  line_str (&l, victim);
  if (log_compact == 0)
    {
      line_str (&l, "  0x");
      line_num (&l, r->va, true, 0);
    }
}

void
log_format (const struct ui *u, uint64_t i, char *buf, size_t n)
{
  const struct hist_rec *r = history_rec (u->hist, i);
  unsigned long long step = (unsigned long long) i + 1;
  if (!r)
    {
      snprintf (buf, n, "%6llu", step);
      return;
    }
  switch (r->kind)
    {
    case TICK_ACCESS:
      format_access (u, r, step, buf, n);
      break;
    case TICK_SAY:
      snprintf (buf, n, "%6llu %s", step, _("say"));
      break;
    case TICK_PAUSE:
      snprintf (buf, n, "%6llu %s", step, _("pause"));
      break;
    case TICK_PAGE:
      snprintf (buf, n, "%6llu %s", step, _("page"));
      break;
    case TICK_PREDICT:
      snprintf (buf, n, "%6llu %s", step, _("predict"));
      break;
    case TICK_SWITCH:
      snprintf (buf, n, _("%6llu switch to %s"), step, name_of (r->pid));
      break;
    case TICK_FORK:
      snprintf (buf, n, _("%6llu fork %s -> %s"), step, name_of (r->pid),
                name_of (r->frame));
      break;
    case TICK_EXIT:
      snprintf (buf, n, _("%6llu exit %s"), step, name_of (r->pid));
      break;
    case TICK_MAP:
      snprintf (buf, n, _("%6llu map change"), step);
      break;
    case TICK_ASK:
      {
        int pick = ask_pick (u, i);
        snprintf (buf, n, "%6llu %s", step,
                  pick == ASK_NONE ? _("question")
                  : pick == ASK_REVEALED ? _("question: answer shown")
                  : pick == (int) r->result ? _("question: right")
                  : _("question: wrong"));
      }
      break;
    case TICK_EXPECT:
      snprintf (buf, n, "%6llu %s", step,
                r->result ? _("expect ok") : _("expect FAILED"));
      break;
    default:
      snprintf (buf, n, "%6llu %s", step, _("step"));
      break;
    }
}

/* Whether tick T, just executed by R, matches the search: its log line,
 * its whole narration (narrate_tick) or the scenario's words it brings
 * (a say, a pause, a question and its choices). */
static bool
tick_matches (const struct ui *u, const struct run *r, const struct tick *t,
              pcre2_match_data *md)
{
  char line[256];
  const pcre2_code *re = u->re;
  log_format (u, t->n, line, sizeof line);
  if (pcre2_match (re, (PCRE2_SPTR) line, PCRE2_ZERO_TERMINATED, 0, 0, md,
                   NULL) >= 0)
    return true;
  if ((t->kind == TICK_SAY || t->kind == TICK_PAUSE) && t->text
      && pcre2_match (re, (PCRE2_SPTR) t->text, PCRE2_ZERO_TERMINATED, 0, 0,
                      md, NULL) >= 0)
    return true;
  char *why = narrate_tick (run_vm (r), t, u->utf8);
  bool m = why && pcre2_match (re, (PCRE2_SPTR) why, PCRE2_ZERO_TERMINATED,
                               0, 0, md, NULL) >= 0;
  free (why);
  return m;
}

static double now_seconds (void);

/* Replay ticks FROM .. TO - 1 (recorded) on a copy of the run and return
 * the first (LAST: the last) that matches, UINT64_MAX if none.  Stops
 * early, with *LATE set, after the time DEADLINE. */
static uint64_t
scan (const struct ui *u, uint64_t from, uint64_t to, bool last,
      pcre2_match_data *md, double deadline, bool *late)
{
  struct run *r = history_run_before (u->hist, from);
  struct tick t;
  uint64_t found = UINT64_MAX;
  while (run_position (r) < to && run_next (r, &t))
    {
      if ((t.n & 255) == 0 && now_seconds () > deadline)
        {
          *late = true;
          break;
        }
      if (t.n < from || !tick_matches (u, r, &t, md))
        continue;
      found = t.n;
      if (!last)
        break;
    }
  run_free (r);
  return found;
}

/* Which of the visible rows TOP .. TOP + N - 1 match, kept while the same
 * search looks at the same rows. */
static struct
{
  const void *re;
  char pattern[128];
  uint64_t top, n;
  const struct history *h;
  unsigned char hit[256];
} vis;

static bool
row_matches (const struct ui *u, uint64_t top, uint64_t n, uint64_t i,
             pcre2_match_data *md)
{
  if (n > sizeof vis.hit)
    n = sizeof vis.hit;
  if (i - top >= n)
    return false;
  if (vis.re != u->re || vis.h != u->hist || vis.top != top || vis.n != n
      || strcmp (vis.pattern, u->pattern) != 0)
    {
      struct run *r = history_run_before (u->hist, top);
      struct tick t;
      vis.re = u->re;
      vis.h = u->hist;
      vis.top = top;
      vis.n = n;
      snprintf (vis.pattern, sizeof vis.pattern, "%s", u->pattern);
      memset (vis.hit, 0, sizeof vis.hit);
      while (run_position (r) < top + n && run_next (r, &t))
        if (t.n >= top)
          vis.hit[t.n - top] = tick_matches (u, r, &t, md);
      run_free (r);
    }
  return vis.hit[i - top];
}

static void
log_draw (struct ui *u, const struct rect *r)
{
  uint64_t pos = history_pos (u->hist);
  int rows = r->h - 2;
  char title[192];

  names_update (run_vm (history_run (u->hist)));
  if (u->re)
    snprintf (title, sizeof title, _("Log  /%s"), u->pattern);
  else
    snprintf (title, sizeof title, "%s", _("Log"));
  draw_box (r, title, u->focus == PANE_LOG);
  if (rows < 1)
    return;
  uint64_t top;
  if (u->log_follow || u->log_top >= pos)
    top = pos > (uint64_t) rows ? pos - (uint64_t) rows : 0;
  else
    top = u->log_top;
  pcre2_match_data *md = u->re
    ? pcre2_match_data_create_from_pattern ((pcre2_code *) u->re, NULL) : NULL;
  for (int k = 0; k < rows && top + (uint64_t) k < pos; k++)
    {
      uint64_t i = top + (uint64_t) k;
      const struct hist_rec *rec = history_rec (u->hist, i);
      char line[256];
      log_format (u, i, line, sizeof line);
      for (log_compact = 1; log_compact <= 3 && text_width (line) > r->w - 2;
           log_compact++)
        log_format (u, i, line, sizeof line);
      log_compact = 0;
      attr_t a = ui_attr (C_TEXT);
      if (rec && rec->kind == TICK_ACCESS)
        switch (rec->result)
          {
          case VM_HIT: a = ui_attr (C_TEXT); break;
          case VM_MINOR: a = ui_attr (C_MINOR) & ~A_UNDERLINE; break;
          case VM_MAJOR: a = ui_attr (C_MAJOR) & ~A_UNDERLINE; break;
          case VM_RESULT_COUNT: a = ui_attr (C_DIM); break; /* dead */
          default: a = ui_attr (C_BAD) & ~A_REVERSE; break;
          }
      else
        a = ui_attr (C_DIM);
      if (md && row_matches (u, top, pos - top < (uint64_t) rows
                                      ? pos - top : (uint64_t) rows, i, md))
        a = ui_attr (C_MATCH);
      if (i + 1 == pos)
        a = ui_attr (C_CURRENT);
      draw_text (r->y + 1 + k, r->x + 1, r->w - 2, a, line);
    }
  if (md)
    pcre2_match_data_free (md);
}

static bool
log_key (struct ui *u, int key)
{
  enum ui_action a = key_action (key);
  uint64_t pos = history_pos (u->hist);
  int rows = u->rect[PANE_LOG].h - 2;
  if (a != ACT_UP && a != ACT_DOWN)
    return false;
  if (rows < 1)
    rows = 1;
  if (u->log_follow)
    u->log_top = pos > (uint64_t) rows ? pos - (uint64_t) rows : 0;
  u->log_follow = false;
  if (a == ACT_UP && u->log_top > 0)
    u->log_top--;
  else if (a == ACT_DOWN)
    {
      u->log_top++;
      if (u->log_top + (uint64_t) rows >= pos)
        u->log_follow = true;
    }
  return true;
}

static bool
log_click (struct ui *u, const struct rect *r, int y, int x)
{
  /* A click on a line goes to that tick. */
  uint64_t pos = history_pos (u->hist);
  int rows = r->h - 2, k = y - r->y - 1;
  if (k < 0 || k >= rows)
    return false;
  uint64_t top = (u->log_follow || u->log_top >= pos)
    ? (pos > (uint64_t) rows ? pos - (uint64_t) rows : 0) : u->log_top;
  if (top + (uint64_t) k < pos)
    {
      bool follow = u->log_follow;
      u->log_top = top;
      ui_goto (u, top + (uint64_t) k + 1);
      u->log_follow = follow;
    }
  (void) x;
  return true;
}

const struct pane pane_log = {
  .title = N_("Log"),
  .draw = log_draw,
  .key = log_key,
  .click = log_click,
};

void
log_search_free (struct ui *u)
{
  if (u->re)
    pcre2_code_free ((pcre2_code *) u->re);
  u->re = NULL;
  for (size_t i = 0; i < ARRAY_SIZE (names); i++)
    {
      free (names[i]);
      names[i] = NULL;
    }
}

bool
log_search_set (struct ui *u, const char *pattern)
{
  int err;
  PCRE2_SIZE off;
  uint32_t flags = PCRE2_CASELESS;
  if (u->utf8)
    flags |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  pcre2_code *re = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED,
                                  flags, &err, &off, NULL);
  if (!re)
    {
      PCRE2_UCHAR msg[256];
      pcre2_get_error_message (err, msg, sizeof msg);
      ui_message (u, true, _("bad pattern at offset %zu: %s"), (size_t) off,
                  (const char *) msg);
      return false;
    }
  if (u->re)
    pcre2_code_free ((pcre2_code *) u->re);
  u->re = re;
  snprintf (u->pattern, sizeof u->pattern, "%s", pattern);
  return true;
}

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

void
log_search_next (struct ui *u, int dir)
{
  if (!u->re)
    {
      ui_message (u, true, "%s", _("no search yet: press / to search"));
      return;
    }
  pcre2_match_data *md
    = pcre2_match_data_create_from_pattern ((pcre2_code *) u->re, NULL);
  uint64_t pos = history_pos (u->hist), cur = pos ? pos - 1 : 0;
  uint64_t found = UINT64_MAX;
  double deadline = now_seconds () + 2.0;
  bool late = false;

  names_update (run_vm (history_run (u->hist)));
  if (dir > 0)
    {
      uint64_t i = pos ? cur + 1 : 0;
      for (;;)
        {
          uint64_t end = history_recorded (u->hist);
          if (i < end)
            found = scan (u, i, end, false, md, deadline, &late);
          if (found != UINT64_MAX || late
              || end >= history_total (u->hist)
              || now_seconds () > deadline)
            break;
          i = end > i ? end : i;
          /* Run ahead to record more of the log. */
          history_goto (u->hist, end + 65536);
          names_update (run_vm (history_run (u->hist)));
          if (history_recorded (u->hist) == end)
            break;
        }
    }
  else
    {
      /* Backwards a checkpoint's stretch at a time: the last match in
         each.  */
      uint64_t end = cur;
      while (end > 0 && found == UINT64_MAX && !late)
        {
          struct run *r = history_run_before (u->hist, end - 1);
          uint64_t from = run_position (r);
          run_free (r);
          found = scan (u, from, end, true, md, deadline, &late);
          end = from;
          if (now_seconds () > deadline)
            break;
        }
    }
  pcre2_match_data_free (md);
  if (found == UINT64_MAX)
    {
      if (history_pos (u->hist) != pos)
        history_goto (u->hist, pos);
      ui_message (u, true, _("no %s match for /%s"),
                  dir > 0 ? _("later") : _("earlier"), u->pattern);
      return;
    }
  u->log_follow = true;
  ui_goto (u, found + 1);
  ui_message (u, false, _("match at step %llu"),
              (unsigned long long) found + 1);
}
