/* colors.c: the one colour table (ui.h, UI_COLORS) expanded into colour
 * pairs, with its monochrome and projection columns.  Colours are the
 * Okabe-Ito palette, which colour-blind viewers can tell apart; states
 * never depend on colour alone (panes also use glyphs and attributes). */
#include "system.h"

#include "ui/ui.h"

struct color_def
{
  short dark256, light256, c8;
  attr_t color_attr, mono_attr, project_attr;
};

#define UI_COLOR_DEF(name, d, l, c8, ca, ma, pa) { d, l, c8, ca, ma, pa },
static const struct color_def color_table[C_COUNT] = {
  UI_COLORS (UI_COLOR_DEF)
};
#undef UI_COLOR_DEF

static attr_t attrs[C_COUNT];
static attr_t attrs_project[C_COUNT];
static bool use_project;

void
colors_init (struct ui *u)
{
  bool color = u->color && has_colors ();
  short bg = -1;

  if (color)
    {
      start_color ();
      if (use_default_colors () == ERR)
        bg = u->light ? COLOR_WHITE : COLOR_BLACK;
      u->color256 = COLORS >= 256 && COLOR_PAIRS > C_COUNT;
    }
  u->color = color;
  for (int i = 0; i < C_COUNT; i++)
    {
      const struct color_def *d = &color_table[i];
      attr_t a;
      if (color && COLOR_PAIRS > i + 1)
        {
          short fg = u->color256 ? (u->light ? d->light256 : d->dark256) : d->c8;
          if (!u->color256 && i == C_DIM)
            fg = -1;
          if (fg < 0 && bg >= 0)
            fg = u->light ? COLOR_BLACK : COLOR_WHITE;
          init_pair ((short) (i + 1), fg, bg);
          a = COLOR_PAIR (i + 1) | d->color_attr;
          if (!u->color256 && i == C_DIM)
            a |= A_DIM;
        }
      else
        a = d->mono_attr;
      attrs[i] = a;
      /* Projection: high contrast, so no dim text, and bold figures. */
      attrs_project[i] = (a & ~A_DIM) | d->project_attr;
    }
  use_project = u->project;
}

void
colors_project (bool on)
{
  use_project = on;
}

attr_t
ui_attr (enum ui_color c)
{
  return use_project ? attrs_project[c] : attrs[c];
}

enum ui_color
ui_proc_color (uint32_t pid)
{
  if (pid == VM_NONE)
    return C_DIM;
  return (enum ui_color) (C_PROC0 + pid % UI_PROC_COLORS);
}
