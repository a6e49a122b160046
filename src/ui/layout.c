/* layout.c: where each pane goes.  Three arrangements: the normal one
 * (80x24 and up, a third column on wide terminals), a compact one down to
 * 60x20 in which Tab chooses what the shared slot shows, and projection
 * mode (few, large panes).  Below 60x20 nothing is laid out and the
 * interface asks for a larger terminal. */
#include "system.h"

#include "ui/ui.h"

#define MIN_COLS 60
#define MIN_LINES 20

static const struct pane *const panes[PANE_COUNT] = {
  [PANE_HEADER] = &pane_header,
  [PANE_VSPACE] = &pane_vspace,
  [PANE_WALK] = &pane_walk,
  [PANE_TLB] = &pane_tlb,
  [PANE_FRAMES] = &pane_frames,
  [PANE_SWAP] = &pane_swap,
  [PANE_LOG] = &pane_log,
  [PANE_NARRATE] = &pane_narrate,
  [PANE_BIG] = &pane_big,
  [PANE_MEMORY] = &pane_memory,
  [PANE_GRID] = &pane_grid,
  [PANE_CURVE] = &pane_curve,
  [PANE_STRIP] = &pane_strip,
};

const struct pane *
pane_ops (enum pane_id id)
{
  return panes[id];
}

/* A pane to stack in a column: the rows it would like, the fewest it can
 * live with; want < 0 takes what is left. */
struct stack_item
{
  enum pane_id id;
  int want, min;
};

static void
stack_panes (struct ui *u, const struct stack_item *it, size_t n, int y, int x,
       int w, int h)
{
  int fixed = 0;
  for (size_t i = 0; i < n; i++)
    if (it[i].want >= 0)
      fixed += it[i].want;
  int left = h;
  for (size_t i = 0; i < n; i++)
    {
      struct rect *r = &u->rect[it[i].id];
      int rows;
      if (it[i].want < 0)
        rows = h - fixed > 0 ? h - fixed : 0;
      else
        rows = it[i].want;
      if (rows > left)
        rows = left;
      if (rows < it[i].min)
        {
          r->h = 0;
          continue;
        }
      r->y = y;
      r->x = x;
      r->w = w;
      r->h = rows;
      y += rows;
      left -= rows;
    }
}

/* Stack the panes IT in a column of H rows, sharing by need: when every
 * pane's wish fits, each gets it and the last one the rows left over;
 * otherwise each gets its minimum and the rest is shared in proportion
 * to what each still wants.  A pane whose minimum does not fit is not
 * shown. */
static void
share_panes (struct ui *u, const struct stack_item *it, size_t n, int y,
             int x, int w, int h)
{
  int rows[8], want = 0, mins = 0;
  size_t shown = 0;
  for (size_t i = 0; i < n && i < 8; i++)
    {
      rows[i] = 0;
      if (it[i].want <= 0 || mins + it[i].min > h)
        continue;
      rows[i] = it[i].min;
      mins += it[i].min;
      want += it[i].want > it[i].min ? it[i].want - it[i].min : 0;
      shown++;
    }
  int extra = h - mins, given = 0;
  for (size_t i = 0; i < n && i < 8 && want > 0; i++)
    if (rows[i] && it[i].want > it[i].min)
      {
        int more = extra >= want ? it[i].want - it[i].min
          : (int) ((long) extra * (it[i].want - it[i].min) / want);
        rows[i] += more;
        given += more;
      }
  /* Rounding and the rows nobody wanted: to the last pane shown (or the
     first that still wants more). */
  int left = extra - given;
  for (size_t i = 0; i < n && i < 8 && left > 0; i++)
    if (rows[i] && rows[i] < it[i].want)
      {
        int more = it[i].want - rows[i] < left ? it[i].want - rows[i] : left;
        rows[i] += more;
        left -= more;
      }
  for (size_t i = n; i-- > 0 && left > 0;)
    if (i < 8 && rows[i])
      {
        rows[i] += left;
        left = 0;
      }
  for (size_t i = 0; i < n && i < 8; i++)
    {
      struct rect *r = &u->rect[it[i].id];
      if (!rows[i])
        {
          r->h = 0;
          continue;
        }
      *r = (struct rect) { y, x, rows[i], w };
      y += rows[i];
    }
  (void) shown;
}

/* The pane of IT that the scenario's `project:` list names first gets
   the rows it wants, as far as the others' minimums leave room: what the
   scenario is about comes whole. */
static void
favour_first (const struct ui *u, struct stack_item *it, size_t n, int h)
{
  static const struct
  {
    const char *name;
    enum pane_id id;
  } names[] = {
    { "walk", PANE_WALK }, { "tlb", PANE_TLB }, { "frames", PANE_FRAMES },
    { "vspace", PANE_VSPACE }, { "swap", PANE_SWAP }, { "log", PANE_LOG },
  };
  const char *name;
  for (size_t i = 0; (name = scenario_project (u->sc, i)); i++)
    for (size_t k = 0; k < ARRAY_SIZE (names); k++)
      if (strcmp (name, names[k].name) == 0)
        for (size_t j = 0; j < n; j++)
          if (it[j].id == names[k].id && it[j].want > 0)
            {
              int others = 0;
              for (size_t m = 0; m < n; m++)
                if (m != j && it[m].want > 0)
                  others += it[m].min;
              int can = h - others;
              it[j].min = it[j].want < can ? it[j].want
                : can > it[j].min ? can : it[j].min;
              return;
            }
}

/* Rows each pane would like, from the machine and the run. */
static int
want_vspace (const struct ui *u)
{
  size_t n = vm_nprocs (run_vm (history_run (u->hist)));
  /* A row of pages and a row for the caret each; on a tall screen a row
     for the process's memory and addresses too. */
  return (int) (n > 8 ? 8 : n) * (LINES >= 30 ? 3 : 2) + 4;
}

static int
want_walk (const struct ui *u, int w)
{
  /* The address and its split take two rows in a narrow pane. */
  int split = w < 64 ? 1 : 0;
  /* The address, its bits, the heading, a row a level, the physical
     address, the border. */
  return (int) vm_config (run_vm (history_run (u->hist)))->levels + 6
    + split;
}

static int
want_tlb (const struct ui *u)
{
  uint32_t n = vm_tlb_size (run_vm (history_run (u->hist)));
  if (n == 0)
    return 0;
  return (int) (n > 16 ? 16 : n) + 3;
}

static int
want_frames (const struct ui *u, int w, int cellh)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t nf = vm_config (vm)->frames, n = 0;
  int cellw = frames_cell_width (u, w - 2, NULL, NULL);
  int cols = (w - 2) / cellw;
  if (cols < 1)
    cols = 1;
  /* Frames are taken lowest first: the need is the frames up to the
     highest one in use, and a row of free ones. */
  static const struct history *hist;
  static uint64_t pos = UINT64_MAX, high;
  if (hist != u->hist || pos != history_pos (u->hist))
    {
      /* Once a step: the scan can be long on a big, empty machine. */
      hist = u->hist;
      pos = history_pos (u->hist);
      high = 0;
      for (uint32_t f = nf; f-- > 0 && nf <= 4096;)
        {
          struct vm_frame_info fi;
          vm_frame_info (vm, f, &fi);
          if (fi.used)
            {
              high = f + 1;
              break;
            }
        }
    }
  n = (uint32_t) high;
  if (vm_config (vm)->unpaged || nf > 4096)
    n = nf;
  n += (uint32_t) cols;
  if (n > nf)
    n = nf;
  /* The cells, two legend rows, the border. */
  return (int) ((n + (uint32_t) cols - 1) / (uint32_t) cols) * cellh + 4;
}

static int
want_swap (const struct ui *u, int w)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  uint32_t slots = vm_config (vm)->swap_slots;
  if (slots == 0 || vm_config (vm)->unpaged)
    return 0;
  uint32_t used = vm_swap_slots_used (vm);
  uint32_t show = slots == VM_NONE ? used : slots;
  int cols = (w - 2) / 14;
  if (cols < 1)
    cols = 1;
  int rows = (int) ((show + (uint32_t) cols - 1) / (uint32_t) cols);
  return (rows > 6 ? 6 : rows < 1 ? 1 : rows) + 2;
}

/* Rows for the narration: what it needs (its border included), at least
   MIN, at most two fifths of H; a longer one scrolls behind a mark. */
static int
want_narrate (const struct ui *u, int w, int min, int h)
{
  int want = narrate_rows (u, w - 2) + 2, max = h * 2 / 5;
  if (want > max)
    want = max;
  return want < min ? min : want;
}

/* Projection mode: the header row, the key figures, the panes the
   scenario names (`project:`; by default the frames, the TLB if there is
   one, and the virtual address spaces), the narration. */
static void
layout_project (struct ui *u, int top, int bottom)
{
  static const struct
  {
    const char *name;
    enum pane_id id;
    int min;
  } names[] = {
    { "walk", PANE_WALK, 5 }, { "tlb", PANE_TLB, 4 },
    { "frames", PANE_FRAMES, 5 }, { "vspace", PANE_VSPACE, 4 },
    { "swap", PANE_SWAP, 3 }, { "log", PANE_LOG, 3 },
  };
  const struct vm *vm = run_vm (history_run (u->hist));
  struct stack_item items[ARRAY_SIZE (names)];
  size_t n = 0;
  const char *name;
  for (size_t i = 0; (name = scenario_project (u->sc, i)); i++)
    for (size_t k = 0; k < ARRAY_SIZE (names); k++)
      if (strcmp (name, names[k].name) == 0 && n < ARRAY_SIZE (items))
        items[n++] = (struct stack_item) { names[k].id, 0, names[k].min };
  if (n == 0)
    {
      items[n++] = (struct stack_item) { PANE_FRAMES, 0, 5 };
      if (vm_tlb_size (vm))
        items[n++] = (struct stack_item) { PANE_TLB, 0, 4 };
      items[n++] = (struct stack_item) { PANE_VSPACE, 0, 4 };
    }
  for (size_t i = 0; i < n; i++)
    switch (items[i].id)
      {
      case PANE_WALK: items[i].want = want_walk (u, COLS); break;
      case PANE_TLB: items[i].want = want_tlb (u); break;
      case PANE_FRAMES: items[i].want = want_frames (u, COLS, 2); break;
      case PANE_VSPACE: items[i].want = want_vspace (u); break;
      case PANE_SWAP: items[i].want = want_swap (u, COLS); break;
      default: items[i].want = 8; break;
      }
  int h = bottom - top;
  int narr = want_narrate (u, COLS, LINES >= 30 ? 7 : 5, h);
  u->rect[PANE_HEADER] = (struct rect) { 0, 0, 1, COLS };
  u->rect[PANE_BIG] = (struct rect) { top, 0, BIG_ROWS + 3, COLS };
  int rest = h - (BIG_ROWS + 3) - narr;
  int want = 0;
  for (size_t i = 0; i < n; i++)
    want += items[i].want;
  /* Rows the panes do not want go to the narration. */
  if (want < rest)
    {
      narr += rest - want;
      rest = want;
    }
  /* The first pane named is what the lesson is about: it comes whole
     if it can, before the others. */
  if (scenario_project (u->sc, 0) && n > 0 && items[0].want > items[0].min)
    items[0].min = items[0].want < rest ? items[0].want : rest;
  share_panes (u, items, n, top + BIG_ROWS + 3, 0, COLS, rest);
  /* Rows no pane could use go to the narration. */
  int end = top + BIG_ROWS + 3;
  for (size_t i = 0; i < n; i++)
    {
      const struct rect *r = &u->rect[items[i].id];
      if (r->h && r->y + r->h > end)
        end = r->y + r->h;
    }
  narr = bottom - end;
  u->rect[PANE_NARRATE] = (struct rect) { bottom - narr, 0, narr, COLS };
}

static void
layout_compact (struct ui *u, int top, int bottom)
{
  int h = bottom - top;
  int narr = want_narrate (u, COLS, 4, h);
  static const enum pane_id slot[] = { PANE_WALK, PANE_TLB, PANE_SWAP,
                                       PANE_LOG };
  enum pane_id shown = PANE_LOG;
  for (size_t i = 0; i < ARRAY_SIZE (slot); i++)
    if (u->focus == slot[i])
      shown = slot[i];
  int fr = want_frames (u, COLS, 1);
  size_t np = vm_nprocs (run_vm (history_run (u->hist)));
  int vs = (int) (np > 3 ? 3 : np) + 3;
  int room = h - narr - vs - 3;
  struct stack_item items[] = {
    { PANE_VSPACE, vs, vs },
    { PANE_FRAMES, fr > room ? (room > 4 ? room : 4) : fr, 4 },
    { shown, 8, 3 },
  };
  share_panes (u, items, ARRAY_SIZE (items), top, 0, COLS, h - narr);
  u->rect[PANE_NARRATE] = (struct rect) { bottom - narr, 0, narr, COLS };
}

static void
layout_normal (struct ui *u, int top, int bottom)
{
  int h = bottom - top;
  int lw, rw, logw = 0;

  if (COLS >= 150)
    {
      logw = COLS * 28 / 100;
      lw = (COLS - logw) * 55 / 100;
    }
  else
    lw = COLS * 53 / 100;
  rw = COLS - lw - logw;
  int narr = want_narrate (u, logw ? lw + rw : COLS,
                           LINES >= 40 ? 7 : LINES >= 30 ? 6 : 5, h);
  int mid = h - narr;

  int tlb = want_tlb (u), swap = want_swap (u, rw);
  int fr = want_frames (u, rw, 1);
  /* An empty swap device gives its rows up when the column is short
     (Tab still shows it in the walk's place). */
  if (swap && vm_swap_slots_used (run_vm (history_run (u->hist))) == 0
      && fr + tlb + swap > h - narr)
    swap = 0;
  if (logw)
    {
      struct stack_item left[] = {
        { PANE_VSPACE, want_vspace (u), 4 },
        { PANE_MEMORY, memory_rows (u), 4 },
        { PANE_WALK, want_walk (u, lw), 5 },
      };
      stack_panes (u, left, ARRAY_SIZE (left), top, 0, lw, mid);
      /* The walk takes what the virtual spaces leave. */
      struct rect *w = &u->rect[PANE_WALK];
      if (w->h)
        w->h = top + mid - w->y;
      struct stack_item right[] = {
        { PANE_FRAMES, fr, 5 },
        { PANE_TLB, tlb, 4 },
        { PANE_SWAP, swap, 3 },
      };
      favour_first (u, right, ARRAY_SIZE (right), mid);
      share_panes (u, right, ARRAY_SIZE (right), top, lw, rw, mid);
      u->rect[PANE_LOG] = (struct rect) { top, lw + rw, h, logw };
      u->rect[PANE_NARRATE] = (struct rect) { top + mid, 0, narr, lw + rw };
      return;
    }
  struct stack_item left[] = {
    { PANE_VSPACE, want_vspace (u), 4 },
    { PANE_MEMORY, memory_rows (u), 4 },
    { PANE_WALK, want_walk (u, lw), 5 },
    { PANE_LOG, LINES < 30 ? 3 : 6, 3 },
  };
  share_panes (u, left, ARRAY_SIZE (left), top, 0, lw, mid);
  struct stack_item right[] = {
    { PANE_FRAMES, fr, 5 },
    { PANE_TLB, tlb, 4 },
    { PANE_SWAP, swap, 3 },
  };
  favour_first (u, right, ARRAY_SIZE (right), mid);
  share_panes (u, right, ARRAY_SIZE (right), top, lw, rw, mid);
  struct rect *last = NULL;
  last = NULL;
  for (size_t i = 0; i < ARRAY_SIZE (left); i++)
    if (u->rect[left[i].id].h)
      last = &u->rect[left[i].id];
  if (last)
    last->h = top + mid - last->y;
  /* A pane that got no room but has the focus (Tab) takes the place of
     the walk, or of the log. */
  enum pane_id f = u->focus;
  if ((f == PANE_LOG || f == PANE_TLB || f == PANE_SWAP)
      && u->rect[f].h == 0)
    {
      enum pane_id victim = u->rect[PANE_LOG].h >= u->rect[PANE_WALK].h
        ? PANE_LOG : PANE_WALK;
      if (u->rect[victim].h == 0)
        victim = PANE_WALK;
      u->rect[f] = u->rect[victim];
      u->rect[victim].h = 0;
    }
  u->rect[PANE_NARRATE] = (struct rect) { top + mid, 0, narr, COLS };
}

/* A picture (the grid, the curve, the strip chart) in place of the
   machine's panes: the header, the picture, the narration.  The
   narration gets the rows it needs (at most two fifths, as always), so
   that its words and a question's box stay clear; the picture the
   rest. */
static void
layout_picture (struct ui *u, int top, int bottom)
{
  int h = bottom - top;
  int narr = want_narrate (u, COLS, u->project ? 5 : 4, h);
  u->rect[picture_pane (u->picture)] = (struct rect) { top, 0, h - narr,
                                                       COLS };
  u->rect[PANE_NARRATE] = (struct rect) { bottom - narr, 0, narr, COLS };
}

void
layout (struct ui *u)
{
  memset (u->rect, 0, sizeof u->rect);
  u->too_small = COLS < MIN_COLS || LINES < MIN_LINES;
  if (u->too_small)
    return;
  u->compact = !u->project && (COLS < 80 || LINES < 24);
  int top = u->project ? 1 : 2, bottom = LINES - 1;
  u->rect[PANE_HEADER] = (struct rect) { 0, 0, top, COLS };
  if (u->picture != PIC_NONE)
    layout_picture (u, top, bottom);
  else if (u->project)
    layout_project (u, top, bottom);
  else if (u->compact)
    layout_compact (u, top, bottom);
  else
    layout_normal (u, top, bottom);
}

enum pane_id
layout_hit (const struct ui *u, int y, int x)
{
  for (int i = 0; i < PANE_COUNT; i++)
    {
      const struct rect *r = &u->rect[i];
      if (r->h && y >= r->y && y < r->y + r->h && x >= r->x
          && x < r->x + r->w)
        return (enum pane_id) i;
    }
  return PANE_COUNT;
}
