/* pane-narrate.c: the narration: the scenario's own words (its latest
 * `say`), then why the current tick did what it did, or what the selected
 * frame or page holds. */
#include "system.h"

#include <wchar.h>

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

/* The narration pane's scroll position, and the screen it belongs to: a
   new step, selection, terminal size or mode starts again at the top, so a screen
   depends only on the step, never on the path. */
static struct
{
  uint64_t pos;
  enum ui_select sel;
  uint32_t frame, pid;
  uint64_t vpn;
  int lines, cols;
  bool project;
  enum ui_picture picture;  /* the layout changes with the picture */
  int top;
} nscroll;

/* Up to two paragraphs: the scenario's words and why the tick did what it
   did (or what the selection holds). */
struct narration
{
  char *say;
  char *why;
};

/* Whether the character of S that starts at P (or ends before P when
   BEFORE) is wide (CJK), so that a hard line break next to it joins
   with no space. */
static bool
wide_at (const char *s, const char *p, bool before)
{
  wchar_t wc;
  mbstate_t st;
  if (before)
    {
      if (p == s)
        return false;
      do
        p--;
      while (p > s && ((unsigned char) *p & 0xc0) == 0x80);
    }
  if ((unsigned char) *p < 0x80)
    return false;
  memset (&st, 0, sizeof st);
  size_t n = mbrtowc (&wc, p, strlen (p), &st);
  return n != (size_t) -1 && n != (size_t) -2 && n > 0 && wcwidth (wc) > 1;
}

/* S reflowed: the line breaks of a hard-wrapped text become spaces (or
   nothing between CJK characters); an empty line (a new paragraph) and
   a line that starts a list item or is indented stay.  Newly
   allocated. */
static char *
reflow (const char *s)
{
  size_t len = strlen (s);
  char *out = xmalloc (len + 1), *o = out;
  while (len > 0 && s[len - 1] == '\n')
    len--;
  for (const char *p = s; p < s + len; p++)
    if (*p == '\n' && p > s && p[-1] != '\n' && p[1] != '\n'
        && p[1] != ' ' && p[1] != '-' && p[1] != '*')
      {
        if (!wide_at (s, p, true) && !wide_at (s, p + 1, false))
          *o++ = ' ';
      }
    else
      *o++ = *p;
  *o = '\0';
  return out;
}

static void
narration_make (const struct ui *u, struct narration *n)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct tick *t = history_tick (u->hist);
  const char *say = history_say (u->hist);
  n->why = NULL;
  if (u->sel == SEL_FRAME)
    n->why = inspect_frame (u, vm);
  else if (u->sel == SEL_PAGE)
    n->why = inspect_page (u, vm);
  else if (t)
    n->why = narrate_tick (vm, t, u->utf8);
  if (!t && !say)
    say = scenario_about (u->sc);
  if (t && (t->kind == TICK_PAUSE || t->kind == TICK_PAGE) && t->text)
    say = t->text;
  n->say = say && *say ? reflow (say) : NULL;
  if (!n->why && !t)
    n->why = xstrdup (_("Press Right, PageDown or Enter to step; ? for help."));
}

/* The narration of the frame being drawn: the layout and the pane both
   ask, and it takes a while to write. */
static struct
{
  uint64_t frame;
  bool valid;
  struct narration n;
} cache;

static void
narration_get (const struct ui *u, struct narration *n)
{
  if (!cache.valid || cache.frame != ui_frames_drawn ())
    {
      free (cache.n.say);
      free (cache.n.why);
      narration_make (u, &cache.n);
      cache.frame = ui_frames_drawn ();
      cache.valid = true;
    }
  n->say = cache.n.say ? xstrdup (cache.n.say) : NULL;
  n->why = cache.n.why ? xstrdup (cache.n.why) : NULL;
}

/* The wrapped lines of N at width W, each with its attributes; returns
   the number of lines (at most MAX are stored). */
static int
narration_lines (const struct ui *u, const struct narration *n, int w,
                 struct wrap_line *out, attr_t *attr, int max)
{
  const struct tick *t = history_tick (u->hist);
  int k = 0;
  if (n->say)
    {
      int m = wrap_lines (n->say, w, out, max);
      for (int i = 0; i < m && i < max; i++)
        attr[i] = ui_attr (C_TITLE);
      k = m;
    }
  if (n->why)
    {
      int room = k < max ? max - k : 0;
      int m = wrap_lines (n->why, w, out + (k < max ? k : max), room);
      attr_t a = !t ? ui_attr (C_DIM)
        : u->project ? ui_attr (C_TEXT) | A_BOLD : ui_attr (C_TEXT);
      for (int i = 0; i < m && k + i < max; i++)
        attr[k + i] = a;
      k += m;
    }
  return k;
}

int
narrate_rows (const struct ui *u, int w)
{
  struct narration n;
  struct wrap_line lines[256];
  attr_t attr[256];
  narration_get (u, &n);
  int k = narration_lines (u, &n, w, lines, attr, (int) ARRAY_SIZE (lines));
  free (n.say);
  free (n.why);
  return k;
}

char *
narrate_text (const struct ui *u)
{
  struct narration n;
  narration_get (u, &n);
  char *s = xasprintf ("%s%s%s", n.say ? n.say : "", n.say && n.why ? "\n" : "",
                       n.why ? n.why : "");
  free (n.say);
  free (n.why);
  return s;
}

/* Keep the scroll position only while the screen stays the same. */
static void
scroll_sync (const struct ui *u)
{
  uint64_t pos = history_pos (u->hist);
  if (nscroll.pos != pos || nscroll.sel != u->sel
      || nscroll.frame != u->sel_frame || nscroll.pid != u->sel_pid
      || nscroll.vpn != u->sel_vpn || nscroll.lines != LINES
      || nscroll.cols != COLS || nscroll.project != u->project
      || nscroll.picture != u->picture)
    {
      nscroll.project = u->project;
      nscroll.picture = u->picture;
      nscroll.lines = LINES;
      nscroll.cols = COLS;
      nscroll.pos = pos;
      nscroll.sel = u->sel;
      nscroll.frame = u->sel_frame;
      nscroll.pid = u->sel_pid;
      nscroll.vpn = u->sel_vpn;
      nscroll.top = 0;
    }
}

static void
narrate_draw (struct ui *u, const struct rect *r)
{
  struct narration n;
  struct wrap_line lines[256];
  attr_t attr[256];
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, rows = r->h - 2;
  bool focused = u->focus == PANE_NARRATE;

  draw_box (r, _("What happened"), focused);
  if (rows < 1 || w < 1)
    return;
  scroll_sync (u);
  narration_get (u, &n);
  int k = narration_lines (u, &n, w, lines, attr, (int) ARRAY_SIZE (lines));
  if (k > (int) ARRAY_SIZE (lines))
    k = (int) ARRAY_SIZE (lines);
  if (nscroll.top > k - rows)
    nscroll.top = k - rows > 0 ? k - rows : 0;
  for (int i = 0; i < rows && nscroll.top + i < k; i++)
    draw_line (y + i, x, w, attr[nscroll.top + i], &lines[nscroll.top + i]);
  free (n.say);
  free (n.why);
  /* Marks on the border: what is above and what is below. */
  char mark[96];
  attr_t ma = ui_attr (C_FOCUS);
  if (nscroll.top + rows < k)
    {
      snprintf (mark, sizeof mark, focused ? _(" %s more: Down ")
                : _(" %s more: Tab, Down "), glyph (G_DOWN));
      int mw = text_width (mark);
      if (mw > w - 2)
        {
          snprintf (mark, sizeof mark, _(" %s more "), glyph (G_DOWN));
          mw = text_width (mark);
        }
      draw_text (r->y + r->h - 1, r->x + r->w - 2 - mw, mw, ma, mark);
    }
  if (nscroll.top > 0)
    {
      snprintf (mark, sizeof mark, _(" %s Up "), glyph (G_UP));
      int mw = text_width (mark);
      draw_text (r->y, r->x + r->w - 2 - mw, mw, ma, mark);
    }
}

static bool
narrate_key (struct ui *u, int key)
{
  enum ui_action a = key_action (key);
  if (a != ACT_UP && a != ACT_DOWN)
    return false;
  scroll_sync (u);
  if (a == ACT_UP && nscroll.top > 0)
    nscroll.top--;
  else if (a == ACT_DOWN)
    nscroll.top++;         /* the draw keeps it in range */
  return true;
}

const struct pane pane_narrate = {
  .title = N_("What happened"),
  .draw = narrate_draw,
  .key = narrate_key,
};
