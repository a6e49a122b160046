/* project.c: projection mode's key figures (current address, result,
 * fault count) in block letters that can be read from the back of a
 * room, and the 3x5 font they are drawn with. */
#include "system.h"

#include <ctype.h>

#include "ui/ui.h"

/* A 3x5 font: each row is three bits, the leftmost the highest. */
struct big_glyph
{
  char c;
  unsigned char rows[BIG_ROWS];
};

static const struct big_glyph font[] = {
  { '0', { 7, 5, 5, 5, 7 } }, { '1', { 2, 6, 2, 2, 7 } },
  { '2', { 7, 1, 7, 4, 7 } }, { '3', { 7, 1, 7, 1, 7 } },
  { '4', { 5, 5, 7, 1, 1 } }, { '5', { 7, 4, 7, 1, 7 } },
  { '6', { 7, 4, 7, 5, 7 } }, { '7', { 7, 1, 1, 1, 1 } },
  { '8', { 7, 5, 7, 5, 7 } }, { '9', { 7, 5, 7, 1, 7 } },
  { 'A', { 2, 5, 7, 5, 5 } }, { 'B', { 6, 5, 6, 5, 6 } },
  { 'C', { 3, 4, 4, 4, 3 } }, { 'D', { 6, 5, 5, 5, 6 } },
  { 'E', { 7, 4, 6, 4, 7 } }, { 'F', { 7, 4, 6, 4, 4 } },
  { 'G', { 3, 4, 5, 5, 3 } }, { 'H', { 5, 5, 7, 5, 5 } },
  { 'I', { 7, 2, 2, 2, 7 } }, { 'J', { 1, 1, 1, 5, 2 } },
  { 'K', { 5, 5, 6, 5, 5 } }, { 'L', { 4, 4, 4, 4, 7 } },
  { 'M', { 5, 7, 7, 5, 5 } }, { 'N', { 6, 5, 5, 5, 5 } },
  { 'O', { 2, 5, 5, 5, 2 } }, { 'P', { 6, 5, 6, 4, 4 } },
  { 'Q', { 2, 5, 5, 6, 3 } }, { 'R', { 6, 5, 6, 5, 5 } },
  { 'S', { 3, 4, 2, 1, 6 } }, { 'T', { 7, 2, 2, 2, 2 } },
  { 'U', { 5, 5, 5, 5, 7 } }, { 'V', { 5, 5, 5, 5, 2 } },
  { 'W', { 5, 5, 7, 7, 5 } }, { 'X', { 5, 5, 2, 5, 5 } },
  { 'Y', { 5, 5, 2, 2, 2 } }, { 'Z', { 7, 1, 2, 4, 7 } },
  { 'x', { 0, 5, 2, 5, 0 } }, { ':', { 0, 2, 0, 2, 0 } },
  { '-', { 0, 0, 7, 0, 0 } }, { ' ', { 0, 0, 0, 0, 0 } },
};

static const struct big_glyph *
font_find (char c)
{
  if (c != 'x')
    c = (char) toupper ((unsigned char) c);
  for (size_t i = 0; i < ARRAY_SIZE (font); i++)
    if (font[i].c == c)
      return &font[i];
  return &font[ARRAY_SIZE (font) - 1];
}

int
big_text (int y, int x, int maxw, attr_t attr, const char *s)
{
  int cols = 0;
  for (; *s && cols + 3 <= maxw; s++)
    {
      const struct big_glyph *g = font_find (*s);
      for (int row = 0; row < BIG_ROWS; row++)
        for (int b = 0; b < 3; b++)
          if (g->rows[row] & (4 >> b))
            draw_text (y + row, x + cols + b, 1, attr, glyph (G_BLOCK));
      cols += 4;
    }
  return cols;
}

/* The width big_text would take. */
static int
big_width (const char *s)
{
  return (int) strlen (s) * 4;
}

static void
big_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct tick *t = history_tick (u->hist);
  char addr[32], result[16], faults[24];
  enum ui_color rc = C_TEXT;

  draw_box (r, NULL, false);
  snprintf (faults, sizeof faults, "%llu",
            (unsigned long long) vm_stats (vm)->faults);
  if (t && t->kind == TICK_ACCESS)
    {
      snprintf (addr, sizeof addr, "%llx", (unsigned long long) t->ev.va);
      snprintf (result, sizeof result, "%s", vm_result_name (t->ev.result));
      switch (t->ev.result)
        {
        case VM_HIT: rc = C_HIT; break;
        case VM_MINOR: rc = C_MINOR; break;
        case VM_MAJOR: rc = C_MAJOR; break;
        default: rc = C_BAD; break;
        }
    }
  else
    {
      snprintf (addr, sizeof addr, "-");
      snprintf (result, sizeof result, "%s", t ? "-" : "");
    }
  int x = r->x + 2, y = r->y + 1, right = r->x + r->w - 1;
  int gap = 4;
  struct
  {
    const char *label, *text;
    enum ui_color color;
  } fig[3] = {
    { N_("address"), addr, C_FOCUS },
    { N_("result"), result, rc },
    { N_("faults"), faults, C_TITLE },
  };
  for (int i = 0; i < 3; i++)
    {
      int w = big_width (fig[i].text);
      int lw = text_width (_(fig[i].label));
      if (w < lw)
        w = lw;
      if (x + w > right)
        w = right - x;
      if (w <= 0)
        break;
      draw_text (y, x, w, ui_attr (C_LABEL), _(fig[i].label));
      big_text (y + 1, x, w, ui_attr (fig[i].color) & ~(A_REVERSE | A_UNDERLINE),
                fig[i].text);
      x += w + gap;
    }
}

const struct pane pane_big = {
  .title = NULL,
  .draw = big_draw,
};
