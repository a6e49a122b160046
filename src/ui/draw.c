/* draw.c: the drawing helpers every pane uses: glyphs with a UTF-8 and an
 * ASCII form, borders, and text that is sanitised (control characters
 * replaced, widths measured with wcwidth) before it reaches the screen. */
#include "system.h"

#include <stdarg.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/ui.h"
#include "util.h"

static bool draw_utf8;

/* Each glyph: UTF-8, ASCII. */
static const char *const glyphs[G_COUNT][2] = {
  [G_HLINE] = { "\u2500", "-" },
  [G_VLINE] = { "\u2502", "|" },
  [G_ULCORNER] = { "\u250c", "+" },
  [G_URCORNER] = { "\u2510", "+" },
  [G_LLCORNER] = { "\u2514", "+" },
  [G_LRCORNER] = { "\u2518", "+" },
  [G_ARROW] = { "\u2192", ">" },
  [G_TIMES] = { "\u00d7", "x" },
  [G_NOT_PRESENT] = { "\u00b7", "." },
  [G_RESIDENT] = { "\u25a0", "#" },
  [G_DIRTY] = { "\u25c6", "D" },
  [G_SWAPPED] = { "\u25cb", "o" },
  [G_SHARED] = { "\u2261", "=" },
  [G_COW] = { "c", "c" },
  [G_LOCKED] = { "L", "L" },
  [G_UNMAPPED] = { " ", " " },
  [G_HAND] = { "\u25b6", ">" },
  [G_BLOCK] = { "\u2588", "#" },
  [G_ELLIPSIS] = { "\u2026", "~" },
  [G_UP] = { "\u25b2", "^" },
  [G_DOWN] = { "\u25bc", "v" },
  [G_HUGE] = { "H", "H" },
};

void
draw_set_utf8 (bool utf8)
{
  draw_utf8 = utf8;
}

const char *
glyph (enum glyph g)
{
  return glyphs[g][draw_utf8 ? 0 : 1];
}

/* Decode the next character of S (any bytes) into a printable wide
 * character and its width.  Returns the bytes consumed (0 at the end). */
static size_t
next_char (const char *s, size_t len, mbstate_t *st, wchar_t *wc, int *width)
{
  if (len == 0)
    return 0;
  unsigned char c = (unsigned char) *s;
  if (c < 0x80 && mbsinit (st))
    {
      /* ASCII: printable as is, controls (tab included) shown as '?' or
         a blank. */
      if (c == 0)
        return 0;
      *wc = c == '\t' ? L' ' : (c < 0x20 || c == 0x7f) ? L'?' : (wchar_t) c;
      *width = 1;
      return 1;
    }
  size_t n = mbrtowc (wc, s, len, st);
  if (n == (size_t) -1 || n == (size_t) -2)
    {
      memset (st, 0, sizeof *st);
      *wc = L'?';
      *width = 1;
      return 1;
    }
  if (n == 0)
    return 0;
  if (*wc == L'\t')
    *wc = L' ';
  int w = wcwidth (*wc);
  if (iswcntrl ((wint_t) *wc) || w < 0 || (*wc >= 0xd800 && *wc < 0xe000)
      || *wc == 0x202e || *wc == 0x202d || *wc == 0x2066 || *wc == 0x2067
      || *wc == 0x2068 || *wc == 0x202a || *wc == 0x202b)
    {
      *wc = L'?';
      w = 1;
    }
  *width = w;
  return n;
}

/* A printable ASCII byte, which next_char would take as it is, one
 * column wide, when the shift state is the initial one. */
static inline bool
plain_ascii (unsigned char c)
{
  return c >= 0x20 && c < 0x7f;
}

int
text_width (const char *s)
{
  mbstate_t st;
  size_t len;
  int cols = 0;

  /* Most text is printable ASCII: a column a byte. */
  while (plain_ascii ((unsigned char) *s))
    {
      s++;
      cols++;
    }
  if (!*s)
    return cols;
  len = strlen (s);
  memset (&st, 0, sizeof st);
  for (;;)
    {
      wchar_t wc;
      int w;
      size_t n = next_char (s, len, &st, &wc, &w);
      if (n == 0)
        break;
      cols += w;
      s += n;
      len -= n;
    }
  return cols;
}

/* Put up to LEN bytes of S, at most MAXW columns; combining characters
 * stay with the character before them and are dropped at the start. */
static int
put_text (int y, int x, int maxw, attr_t attr, const char *s, size_t len)
{
  mbstate_t st;
  cchar_t cells[512], blank;
  wchar_t chars[CCHARW_MAX + 1];
  int cols = 0, nc = 0;
  size_t nb = 0;
  bool initial = true;       /* the shift state is the initial one */
  bool plain = true;         /* every cell one character, one column */
  attr_t a = attr & ~A_COLOR;
  short pair = (short) PAIR_NUMBER (attr);

  if (maxw <= 0 || y < 0 || y >= LINES || x >= COLS)
    return 0;
  if (x + maxw > COLS)
    maxw = COLS - x;
  memset (&st, 0, sizeof st);
  /* A cell of one character is what setcchar makes of it: the blank with
     these attributes, its character replaced. */
  setcchar (&blank, L" ", a, pair, NULL);
  /* Cells are written with add_wchnstr (canvas.c), which copies them
     without moving the cursor or interpreting them (the text is
     sanitised already). */
  for (;;)
    {
      wchar_t wc;
      int w;
      size_t n;
      if (len > 0 && initial && plain_ascii ((unsigned char) *s))
        {
          wc = (wchar_t) (unsigned char) *s;
          w = 1;
          n = 1;
        }
      else
        {
          n = next_char (s, len, &st, &wc, &w);
          if (n == 0)
            break;
          initial = mbsinit (&st) != 0;
        }
      s += n;
      len -= n;
      if (w == 0)
        {
          /* A combining character joins the cell before it. */
          if (nc > 0 && nb < CCHARW_MAX - 1)
            {
              plain = false;
              chars[nb++] = wc;
              chars[nb] = L'\0';
              setcchar (&cells[nc - 1], chars, a, pair, NULL);
            }
          continue;
        }
      if (cols + w > maxw || nc == (int) ARRAY_SIZE (cells))
        break;
      chars[0] = wc;
      chars[1] = L'\0';
      nb = 1;
      cells[nc] = blank;
      cells[nc].chars[0] = wc;
      nc++;
      cols += w;
      if (w != 1)
        plain = false;
    }
  if (nc > 0)
    canvas_cells (y, x, cells, nc, plain);
  return cols;
}

int
draw_text (int y, int x, int maxw, attr_t attr, const char *s)
{
  return put_text (y, x, maxw, attr, s, strlen (s));
}

int
draw_fit (int y, int x, int maxw, attr_t attr, const char *s)
{
  if (maxw <= 0)
    return 0;
  if (text_width (s) <= maxw)
    return draw_text (y, x, maxw, attr, s);
  char *cut = mbs_fit (s, maxw, glyph (G_ELLIPSIS));
  int n = draw_text (y, x, maxw, attr, cut);
  free (cut);
  return n;
}

int
draw_short (int y, int x, int maxw, attr_t attr, const char *s)
{
  if (maxw <= 0)
    return 0;
  if (text_width (s) <= maxw)
    return draw_text (y, x, maxw, attr, s);
  char *shorter = mbs_short_form (s, maxw, glyph (G_ELLIPSIS));
  int n = shorter ? draw_text (y, x, maxw, attr, shorter)
                  : draw_fit (y, x, maxw, attr, s);
  free (shorter);
  return n;
}

int
draw_fitf (int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = xvasprintf (fmt, ap);
  va_end (ap);
  int n = draw_fit (y, x, maxw, attr, s);
  free (s);
  return n;
}

int
draw_printf (int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start (ap, fmt);
  int len = vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  if (len < 0)
    return 0;
  if ((size_t) len < sizeof buf)
    return put_text (y, x, maxw, attr, buf, (size_t) len);
  va_start (ap, fmt);
  char *s = xvasprintf (fmt, ap);
  va_end (ap);
  int n = draw_text (y, x, maxw, attr, s);
  free (s);
  return n;
}

/* next_char as a line breaker's decoder: wrapping measures as drawing
   does. */
static size_t
wrap_decode (const char *s, size_t len, void *st, wchar_t *wc, int *w)
{
  return next_char (s, len, st, wc, w);
}

int
wrap_lines (const char *s, int w, struct wrap_line *out, int max)
{
  int row = 0;
  if (w <= 0)
    return 0;
  while (*s)
    {
      size_t next, len = mbs_wrap (s, w, &next, wrap_decode);
      if (row < max)
        out[row] = (struct wrap_line) { s, len };
      row++;
      s += next;
    }
  return row;
}

void
draw_line (int y, int x, int w, attr_t attr, const struct wrap_line *l)
{
  put_text (y, x, w, attr, l->s, l->len);
}

int
draw_wrapped (int y, int x, int h, int w, attr_t attr, const char *s)
{
  struct wrap_line lines[256];
  int n = wrap_lines (s, w, lines, (int) ARRAY_SIZE (lines));
  int row;
  for (row = 0; row < n && row < h && row < (int) ARRAY_SIZE (lines); row++)
    put_text (y + row, x, w, attr, lines[row].s, lines[row].len);
  /* Text left over: the last row says so with "…", never cut without a
     mark (early-computers' walk pane at 80x24 lost "nothing checks"). */
  if (n > row && row > 0)
    {
      char *rest = xstrdup (lines[row - 1].s);
      for (char *p = rest; *p; p++)
        if (*p == '\n')
          *p = ' ';
      canvas_blank (y + row - 1, x, w);
      draw_fit (y + row - 1, x, w, attr, rest);
      free (rest);
    }
  return row;
}

void
draw_clear (const struct rect *r)
{
  for (int i = 0; i < r->h; i++)
    canvas_blank (r->y + i, r->x, r->w);
}

/* A glyph as a complex character with attributes A. */
static void
glyph_cchar (cchar_t *cc, enum glyph g, attr_t a)
{
  wchar_t w[2] = { L'?', L'\0' };
  mbstate_t st;
  memset (&st, 0, sizeof st);
  mbrtowc (&w[0], glyph (g), strlen (glyph (g)), &st);
  setcchar (cc, w, a & ~A_COLOR, (short) PAIR_NUMBER (a), NULL);
}

void
draw_box (const struct rect *r, const char *title, bool focused)
{
  if (r->h < 2 || r->w < 2)
    return;
  attr_t a = ui_attr (focused ? C_FOCUS : C_BORDER);
  int right = r->x + r->w - 1, bottom = r->y + r->h - 1;
  cchar_t hl, vl, c;
  glyph_cchar (&hl, G_HLINE, a);
  glyph_cchar (&vl, G_VLINE, a);
  canvas_hline (r->y, r->x + 1, &hl, r->w - 2);
  canvas_hline (bottom, r->x + 1, &hl, r->w - 2);
  canvas_vline (r->y + 1, r->x, &vl, r->h - 2);
  canvas_vline (r->y + 1, right, &vl, r->h - 2);
  glyph_cchar (&c, G_ULCORNER, a);
  canvas_add (r->y, r->x, &c);
  glyph_cchar (&c, G_URCORNER, a);
  canvas_add (r->y, right, &c);
  glyph_cchar (&c, G_LLCORNER, a);
  canvas_add (bottom, r->x, &c);
  glyph_cchar (&c, G_LRCORNER, a);
  /* The bottom-right cell of the screen cannot be written without
     scrolling; ins_wch puts it there. */
  if (bottom == LINES - 1 && right == COLS - 1)
    canvas_ins (bottom, right, &c);
  else
    canvas_add (bottom, right, &c);
  if (title && r->w > 6)
    {
      int n = draw_text (r->y, r->x + 2, 1, a, " ");
      /* A title too wide: its shorter form ("Physical frames" for
         "Physical frames (3/8 used)"), or cut with a mark. */
      n += draw_short (r->y, r->x + 3, r->w - 6,
                       ui_attr (focused ? C_FOCUS : C_TITLE), title);
      draw_text (r->y, r->x + 2 + n, 1, a, " ");
    }
}
