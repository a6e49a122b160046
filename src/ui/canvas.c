/* canvas.c: the frame being drawn, between the drawing helpers and
 * curses.  Every drawing call of the interface is recorded here as the
 * curses call it stands for (cells at a place, a line of one cell, one
 * cell added or inserted); canvas_flush() then hands curses only the
 * cells that differ from the last frame, instead of erasing the screen
 * and writing every cell again.  When a frame holds a cell that is not
 * one plain column wide (wide or combining characters), or the last
 * frame is not known, the recorded calls are made as they are, so the
 * screen is always what those calls make of it. */
#include "system.h"

#include <wchar.h>

#include "ui/ui.h"
#include "util.h"

/* One recorded curses call. */
enum op_kind
{
  OP_CELLS,   /* mvadd_wchnstr (y, x, cells, n) */
  OP_BLANK,   /* mvhline (y, x, ' ', n) */
  OP_HLINE,   /* mvhline_set (y, x, &cell, n) */
  OP_VLINE,   /* mvvline_set (y, x, &cell, n) */
  OP_ADD,     /* mvadd_wch (y, x, &cell) */
  OP_INS,     /* mvins_wch (y, x, &cell) */
  OP_MOVE     /* move (y, x) */
};

struct op
{
  enum op_kind kind;
  int y, x, n;
  size_t cells;    /* OP_CELLS: index of the first cell in the arena */
  cchar_t cell;    /* the other kinds */
};

/* The calls since the last flush, and the cells they write. */
static struct op *ops;
static size_t nops, ops_cap;
static cchar_t *arena;
static size_t narena, arena_cap;
static bool erased;       /* the calls start with erase () */
static bool odd;          /* a cell that is not one plain column */

/* The frame being built (cur) and the one curses holds (prev), LINES rows
   of COLS cells; prev_ok is false when curses may hold something else. */
static cchar_t *cur, *prev;
static int rows, cols;
static bool prev_ok;
static cchar_t blank;
static cchar_t *blank_row;     /* COLS blank cells */
/* Where the calls leave the cursor of stdscr. */
static int cur_y, cur_x;

/* A cell one column wide with a single character. */
static bool
plain_cell (const cchar_t *c)
{
  if (c->chars[0] == L'\0' || (CCHARW_MAX > 1 && c->chars[1] != L'\0'))
    return false;
  return (c->chars[0] >= 0x20 && c->chars[0] < 0x7f)
    || wcwidth (c->chars[0]) == 1;
}

static struct op *
new_op (enum op_kind kind, int y, int x, int n)
{
  if (nops == ops_cap)
    {
      ops_cap = ops_cap ? ops_cap * 2 : 256;
      ops = xrealloc (ops, ops_cap * sizeof *ops);
    }
  struct op *o = &ops[nops++];
  o->kind = kind;
  o->y = y;
  o->x = x;
  o->n = n;
  o->cells = 0;
  return o;
}

void
canvas_erase (void)
{
  nops = 0;
  narena = 0;
  erased = true;
  odd = false;
}

void
canvas_cells (int y, int x, const cchar_t *c, int n, bool plain)
{
  if (n <= 0)
    return;
  if (narena + (size_t) n > arena_cap)
    {
      arena_cap = (narena + (size_t) n) * 2;
      arena = xrealloc (arena, arena_cap * sizeof *arena);
    }
  /* add_wchnstr stops at a cell without a character. */
  for (int i = 0; i < n; i++)
    if (c[i].chars[0] == L'\0')
      {
        n = i;
        break;
      }
  memcpy (arena + narena, c, (size_t) n * sizeof *c);
  struct op *o = new_op (OP_CELLS, y, x, n);
  o->cells = narena;
  narena += (size_t) n;
  if (!plain)
    odd = true;
}

void
canvas_blank (int y, int x, int n)
{
  new_op (OP_BLANK, y, x, n);
}

static void
cell_op (enum op_kind kind, int y, int x, int n, const cchar_t *c)
{
  new_op (kind, y, x, n)->cell = *c;
  if (!plain_cell (c))
    odd = true;
}

void
canvas_hline (int y, int x, const cchar_t *c, int n)
{
  cell_op (OP_HLINE, y, x, n, c);
}

void
canvas_vline (int y, int x, const cchar_t *c, int n)
{
  cell_op (OP_VLINE, y, x, n, c);
}

void
canvas_add (int y, int x, const cchar_t *c)
{
  cell_op (OP_ADD, y, x, 1, c);
}

void
canvas_ins (int y, int x, const cchar_t *c)
{
  cell_op (OP_INS, y, x, 1, c);
}

void
canvas_move (int y, int x)
{
  new_op (OP_MOVE, y, x, 0);
}

/* Make the recorded calls as they are. */
static void
replay (void)
{
  if (erased)
    erase ();
  for (size_t i = 0; i < nops; i++)
    {
      const struct op *o = &ops[i];
      switch (o->kind)
        {
        case OP_CELLS:
          mvadd_wchnstr (o->y, o->x, arena + o->cells, o->n);
          break;
        case OP_BLANK:
          mvhline (o->y, o->x, ' ', o->n);
          break;
        case OP_HLINE:
          mvhline_set (o->y, o->x, &o->cell, o->n);
          break;
        case OP_VLINE:
          mvvline_set (o->y, o->x, &o->cell, o->n);
          break;
        case OP_ADD:
          mvadd_wch (o->y, o->x, &o->cell);
          break;
        case OP_INS:
          mvins_wch (o->y, o->x, &o->cell);
          break;
        case OP_MOVE:
          move (o->y, o->x);
          break;
        }
    }
}

/* Fill N cells from P with C. */
static void
fill (cchar_t *p, const cchar_t *c, int n)
{
  for (int i = 0; i < n; i++)
    p[i] = *c;
}

/* Blank every cell of the grid G. */
static void
fill_blank (cchar_t *g)
{
  for (int y = 0; y < rows; y++)
    memcpy (g + (size_t) y * (size_t) cols, blank_row,
            (size_t) cols * sizeof *g);
}

/* What call O does to the cells of CUR, and to the cursor, as curses
   does it for cells one column wide: a call whose place is off the
   screen does nothing; lines and cells stop at the right edge. */
static void
apply (const struct op *o)
{
  if (o->y < 0 || o->y >= rows || o->x < 0 || o->x >= cols)
    return;
  cchar_t *row = cur + (size_t) o->y * (size_t) cols;
  int room = cols - o->x, n = o->n < room ? o->n : room;
  cur_y = o->y;
  cur_x = o->x;
  switch (o->kind)
    {
    case OP_CELLS:
      memcpy (row + o->x, arena + o->cells, (size_t) n * sizeof *row);
      break;
    case OP_BLANK:
      if (n > 0)
        memcpy (row + o->x, blank_row, (size_t) n * sizeof *row);
      break;
    case OP_HLINE:
      if (n > 0)
        fill (row + o->x, &o->cell, n);
      break;
    case OP_VLINE:
      for (int i = 0; i < o->n && o->y + i < rows; i++)
        cur[(size_t) (o->y + i) * (size_t) cols + (size_t) o->x] = o->cell;
      break;
    case OP_ADD:
      row[o->x] = o->cell;
      /* The cursor moves on, to the next row at the right edge (it
         stays at the edge on the last row: no scrolling). */
      if (o->x + 1 < cols)
        cur_x = o->x + 1;
      else if (o->y + 1 < rows)
        {
          cur_y = o->y + 1;
          cur_x = 0;
        }
      break;
    case OP_INS:
      memmove (row + o->x + 1, row + o->x,
               (size_t) (cols - o->x - 1) * sizeof *row);
      row[o->x] = o->cell;
      break;
    case OP_MOVE:
      break;
    }
}

static inline bool
same_cell (const cchar_t *a, const cchar_t *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

/* The first cell from X on where C and P differ, or COLS. */
#define CHUNK 8
static int
next_change (const cchar_t *c, const cchar_t *p, int x)
{
  while (x + CHUNK <= cols && memcmp (c + x, p + x, CHUNK * sizeof *c) == 0)
    x += CHUNK;
  while (x < cols && same_cell (&c[x], &p[x]))
    x++;
  return x;
}

/* Hand curses the cells of row Y that differ from the last frame; runs
   of equal cells shorter than GAP are sent along with their
   neighbours. */
#define GAP 4
static void
push_row (int y)
{
  const cchar_t *c = cur + (size_t) y * (size_t) cols;
  const cchar_t *p = prev + (size_t) y * (size_t) cols;
  if (memcmp (c, p, (size_t) cols * sizeof *c) == 0)
    return;
  int x = 0;
  while (x < cols)
    {
      x = next_change (c, p, x);
      if (x == cols)
        break;
      int start = x, end = x + 1, same = 0;
      for (x++; x < cols && same < GAP; x++)
        if (same_cell (&c[x], &p[x]))
          same++;
        else
          {
            same = 0;
            end = x + 1;
          }
      mvadd_wchnstr (y, start, c + start, end - start);
      x = end;
    }
}

void
canvas_flush (void)
{
  if (rows != LINES || cols != COLS)
    {
      rows = LINES;
      cols = COLS;
      size_t n = (size_t) rows * (size_t) cols;
      cur = xrealloc (cur, (n ? n : 1) * sizeof *cur);
      prev = xrealloc (prev, (n ? n : 1) * sizeof *prev);
      blank_row = xrealloc (blank_row, (cols ? (size_t) cols : 1)
                            * sizeof *blank_row);
      prev_ok = false;
      setcchar (&blank, L" ", A_NORMAL, 0, NULL);
      fill (blank_row, &blank, cols);
    }
  if (odd || (!prev_ok && !erased))
    {
      replay ();
      prev_ok = false;
    }
  else
    {
      size_t n = (size_t) rows * (size_t) cols;
      if (!prev_ok)
        {
          /* Start from a blank screen that curses knows about. */
          erase ();
          fill_blank (prev);
          prev_ok = true;
        }
      if (erased)
        {
          fill_blank (cur);
          cur_y = cur_x = 0;
        }
      else
        memcpy (cur, prev, n * sizeof *cur);
      for (size_t i = 0; i < nops; i++)
        apply (&ops[i]);
      for (int y = 0; y < rows; y++)
        push_row (y);
      move (cur_y, cur_x);
      cchar_t *t = prev;
      prev = cur;
      cur = t;
    }
  nops = 0;
  narena = 0;
  erased = false;
  odd = false;
}

void
canvas_refresh (void)
{
  canvas_flush ();
  refresh ();
}
