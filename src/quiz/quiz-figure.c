/* quiz-figure.c: the figure a question needs on the quiz screen, drawn
 * from its `data`: a blank replacement worksheet (one column per
 * reference, one row per frame) and the bits of a virtual address split
 * into its page-table indices and offset. */
#include "system.h"

#include <inttypes.h>

#include "ui/ui.h"
#include "quiz/quiz-tui.h"

static int64_t
get_int (json_object *o, const char *key, int64_t def)
{
  json_object *v;
  if (!o || !json_object_object_get_ex (o, key, &v))
    return def;
  return json_object_get_int64 (v);
}

static const char *
get_str (json_object *o, const char *key)
{
  json_object *v;
  if (!o || !json_object_object_get_ex (o, key, &v)
      || !json_object_is_type (v, json_type_string))
    return NULL;
  return json_object_get_string (v);
}

/* The replacement worksheet: the references in columns, empty frame
 * rows under them, the access asked about highlighted; wrapped into
 * blocks when it is wider than W. */
static int
figure_replacement (json_object *d, int y, int x, int w, int h)
{
  json_object *refs;
  int64_t frames = get_int (d, "frames", 0), at = get_int (d, "at", 0);
  const char *policy = get_str (d, "policy");
  size_t n, start = 0;
  int cell = 2, label, row = 0;
  char buf[64];

  if (!json_object_object_get_ex (d, "refs", &refs)
      || !json_object_is_type (refs, json_type_array) || frames < 1
      || frames > 64)
    return 0;
  n = json_object_array_length (refs);
  for (size_t i = 0; i < n; i++)
    {
      int len = snprintf (buf, sizeof buf, "%" PRId64,
                          json_object_get_int64
                          (json_object_array_get_idx (refs, i)));
      if (len + 1 > cell)
        cell = len + 1;
    }
  /* All of it or nothing: a worksheet missing a frame row would show
     the wrong number of frames. */
  label = text_width (_("reference")) + 1;
  if (text_width (_("frame")) + 4 > label)
    label = text_width (_("frame")) + 4;
  if (w - label < cell)
    return 0;
  size_t fit = (size_t) ((w - label) / cell);
  int blocks = (int) ((n + fit - 1) / fit);
  if ((policy ? 1 : 0) + blocks * (1 + (int) frames) + blocks - 1 > h)
    return 0;
  if (policy)
    {
      char up[16];
      size_t k;
      for (k = 0; policy[k] && k + 1 < sizeof up; k++)
        up[k] = (char) (policy[k] >= 'a' && policy[k] <= 'z'
                        ? policy[k] - 32 : policy[k]);
      up[k] = '\0';
      draw_printf (y + row++, x, w, ui_attr (C_TITLE),
                   ngettext ("%s, %" PRId64 " frame", "%s, %" PRId64 " frames",
                             frames == 1 ? 1 : 2), up, frames);
    }
  while (start < n && row < h)
    {
      size_t per = (size_t) ((w - label) / cell), end;
      if (per < 1)
        return row;
      end = start + per < n ? start + per : n;
      draw_text (y + row, x, label, ui_attr (C_LABEL), _("reference"));
      for (size_t i = start; i < end; i++)
        {
          snprintf (buf, sizeof buf, "%*" PRId64, cell,
                    json_object_get_int64 (json_object_array_get_idx (refs, i)));
          draw_text (y + row, x + label + (int) (i - start) * cell, cell,
                     (int64_t) i + 1 == at ? ui_attr (C_CURRENT)
                                           : ui_attr (C_TEXT), buf);
        }
      row++;
      for (int64_t f = 0; f < frames && row < h; f++, row++)
        {
          draw_printf (y + row, x, label, ui_attr (C_DIM), "%s %" PRId64,
                       _("frame"), f);
          for (size_t i = start; i < end; i++)
            draw_text (y + row, x + label + (int) (i - start) * cell + cell - 1,
                       1, ui_attr (C_DIM), ".");
        }
      start = end;
      if (start < n && row < h)
        row++;
    }
  return row;
}

/* The virtual address in binary, split into the level indices and the
 * offset (the page table is in the prompt). */
static int
figure_translate (json_object *d, int y, int x, int w, int h)
{
  json_object *levels;
  int64_t va_bits = get_int (d, "va_bits", 0);
  int64_t page = get_int (d, "page_size", 0);
  uint64_t va;
  json_object *vao;
  int off_bits = 0, row = 0, col;
  int widths[8], nf = 0;

  if (!json_object_object_get_ex (d, "levels", &levels)
      || !json_object_is_type (levels, json_type_array)
      || !json_object_object_get_ex (d, "va", &vao) || va_bits < 1
      || va_bits > 64 || page < 1)
    return 0;
  va = json_object_get_uint64 (vao);
  while (((int64_t) 1 << off_bits) < page && off_bits < 62)
    off_bits++;
  for (size_t i = 0; i < json_object_array_length (levels) && nf < 7; i++)
    widths[nf++] = (int) json_object_get_int
      (json_object_array_get_idx (levels, i));
  widths[nf++] = off_bits;
  if (1 + (va_bits + 3 * nf < w ? 2 : 0) > h)
    return 0;     /* all of it or nothing */
  draw_printf (y + row++, x, w, ui_attr (C_TITLE),
               _("virtual address 0x%" PRIx64 " (%" PRId64 " bits)"), va,
               va_bits);
  if (row < h && va_bits + 3 * nf < w)
    {
      int bit = (int) va_bits - 1;
      col = x;
      for (int f = 0; f < nf; f++)
        {
          char label[32];
          int start = col;
          for (int b = 0; b < widths[f] && bit >= 0; b++, bit--)
            draw_text (y + row, col++, 1,
                       ui_attr (f == nf - 1 ? C_DIM : C_TEXT),
                       (va >> bit) & 1 ? "1" : "0");
          if (f + 1 < nf)
            {
              draw_text (y + row, col, 3, ui_attr (C_BORDER), " | ");
              col += 3;
            }
          if (f == nf - 1)
            snprintf (label, sizeof label, "%s", _("offset"));
          else if (nf == 2)
            snprintf (label, sizeof label, "%s", _("VPN"));
          else
            snprintf (label, sizeof label, _("index %d"), f + 1);
          if (row + 1 < h)
            draw_text (y + row + 1, start, col - start, ui_attr (C_LABEL),
                       label);
        }
      row += 2;
    }
  return row;
}

int
quiz_figure_draw (const struct q_variant *v, int y, int x, int w, int h)
{
  if (h <= 0 || w <= 10)
    return 0;
  switch (v->kind)
    {
    case Q_REPLACEMENT: return figure_replacement (v->data, y, x, w, h);
    case Q_TRANSLATE: return figure_translate (v->data, y, x, w, h);
    default: return 0;
    }
}
