/* project.c: projection mode's key figures (current address, the page's
 * result and the TLB's, the fault count, the TLB hit rate and effective
 * access time on a machine with a TLB) in block letters that can be read from the back of a
 * room, and the 3x5 font they are drawn with. */
#include "system.h"

#include <ctype.h>

#include "narrate/narrate.h"
#include "question/words.h"
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
  { '-', { 0, 0, 7, 0, 0 } }, { '.', { 0, 0, 0, 0, 2 } },
  { '%', { 5, 1, 2, 4, 5 } }, { ' ', { 0, 0, 0, 0, 0 } },
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

/* Whether the font draws every character of S (a word of the user's
 * language may have others: it is then shown small, not misdrawn). */
static bool
big_can (const char *s)
{
  for (; *s; s++)
    {
      char c = *s == 'x' ? 'x' : (char) toupper ((unsigned char) *s);
      size_t i;
      if ((unsigned char) *s >= 0x80)
        return false;
      for (i = 0; i < ARRAY_SIZE (font) && font[i].c != c; i++)
        ;
      if (i == ARRAY_SIZE (font))
        return false;
    }
  return true;
}

/* One key figure: a small label over a big text, or over a small one
   when the big one would not fit. */
struct figure
{
  const char *label;       /* msgid */
  char text[40];
  enum ui_color color;
  int prio;                /* the lowest go first when the row is full */
  bool small;
  bool shown;
};

static int
figure_width (const struct figure *f)
{
  int w = f->small ? text_width (f->text) : big_width (f->text);
  int lw = text_width (_(f->label));
  return w > lw ? w : lw;
}

/* The figures of the current step into F; returns how many. */
static size_t
big_figures (const struct ui *u, struct figure *f)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  const struct tick *t = history_tick (u->hist);
  bool access = t && t->kind == TICK_ACCESS;
  size_t n = 0;

  f[n] = (struct figure) { N_("address"), "", C_FOCUS, 5, false, true };
  if (access)
    snprintf (f[n].text, sizeof f[n].text, "%llx",
              (unsigned long long) t->ev.va);
  else
    snprintf (f[n].text, sizeof f[n].text, "-");
  n++;

  /* The page's result; on an unpaged machine whose memory was used. */
  f[n] = (struct figure) { N_("page"), "", C_TEXT, 10, false, true };
  if (!access)
    snprintf (f[n].text, sizeof f[n].text, "%s", t ? "-" : "");
  else if (cfg->unpaged)
    {
      f[n].label = N_("memory");
      bool own = t->ev.phys_owner == t->ev.pid;
      /* TRANSLATORS: whose memory an access on a machine without
         paging used (a word shown in big letters in projection). */
      snprintf (f[n].text, sizeof f[n].text, "%s",
                t->ev.result != VM_HIT ? ui_result_word (t->ev.result)
                : own ? C_ ("memory", "own")
                : t->ev.phys_owner == VM_NONE ? C_ ("memory", "nobody's")
                : C_ ("memory", "others'"));
      f[n].color = t->ev.result == VM_HIT && own ? C_HIT : C_BAD;
    }
  else
    {
      snprintf (f[n].text, sizeof f[n].text, "%s",
                ui_result_word (t->ev.result));
      switch (t->ev.result)
        {
        case VM_HIT: f[n].color = C_HIT; break;
        case VM_MINOR: f[n].color = C_MINOR; break;
        case VM_MAJOR: f[n].color = C_MAJOR; break;
        default: f[n].color = C_BAD; break;
        }
    }
  n++;
  /* The TLB's own result. */
  if (cfg->tlb_entries && !cfg->unpaged)
    {
      f[n] = (struct figure) { N_("TLB"), "-", C_TEXT, 8, false, true };
      if (access && t->ev.tlb >= 0)
        {
          snprintf (f[n].text, sizeof f[n].text, "%s",
                    answer_word (t->ev.tlb ? "hit" : "miss"));
          f[n].color = t->ev.tlb ? C_HIT : C_MAJOR;
        }
      n++;
    }
  /* The value written or read (DESIGN.md "Values"); a string without
     its quotes. */
  if (access && t->ev.has_value)
    {
      char v[VM_VALUE_TEXT];
      f[n] = (struct figure) { t->ev.op == VM_WRITE ? N_("wrote") : N_("read"),
                               "", C_FOCUS, 8, false, true };
      vm_value_text (t->ev.value.value, t->ev.value.str, v);
      if (t->ev.value.str && strlen (v) >= 2)
        {
          v[strlen (v) - 1] = 0;
          memmove (v, v + 1, strlen (v));
        }
      snprintf (f[n].text, sizeof f[n].text, "%s", v);
      n++;
    }
  /* The OOM killer's victim. */
  if (access && t->ev.oom_killed != VM_NONE)
    {
      f[n] = (struct figure) { N_("OOM killer ended"), "", C_BAD, 9, false,
                               true };
      snprintf (f[n].text, sizeof f[n].text, "%s",
                narrate_proc (vm, t->ev.oom_killed));
      n++;
    }
  if (!cfg->unpaged)
    {
      f[n] = (struct figure) { N_("faults"), "", C_TITLE, 9, false, true };
      snprintf (f[n].text, sizeof f[n].text, "%llu",
                (unsigned long long) st->faults);
      n++;
    }
  if (cfg->tlb_entries && !cfg->unpaged)
    {
      f[n] = (struct figure) { N_("TLB hit rate"), "", C_TITLE, 7, false,
                               true };
      uint64_t all = st->tlb_hits + st->tlb_misses;
      snprintf (f[n].text, sizeof f[n].text, "%.0f%%",
                all ? 100.0 * (double) st->tlb_hits / (double) all : 0.0);
      n++;
      double eat = vm_eat_ns (vm);
      f[n] = (struct figure) { eat < 1e4 ? N_("EAT (ns)") : N_("EAT (us)"),
                               "", C_TITLE, 6, false, true };
      snprintf (f[n].text, sizeof f[n].text, "%.0f",
                eat < 1e4 ? eat : eat / 1e3);
      n++;
    }
  for (size_t i = 0; i < n; i++)
    f[i].small |= !big_can (f[i].text);
  return n;
}

static void
big_draw (struct ui *u, const struct rect *r)
{
  struct figure f[9];
  size_t n = big_figures (u, f);
  int gap = 3, room = r->w - 4;

  draw_box (r, NULL, false);
  /* Fit: the address goes small first, then the least important figures
     go, whole. */
  for (;;)
    {
      int total = 0, k = 0;
      for (size_t i = 0; i < n; i++)
        if (f[i].shown)
          total += figure_width (&f[i]) + (k++ ? gap : 0);
      if (total <= room)
        break;
      if (!f[0].small && f[0].shown)
        {
          f[0].small = true;
          continue;
        }
      size_t worst = n;
      for (size_t i = 0; i < n; i++)
        if (f[i].shown && (worst == n || f[i].prio < f[worst].prio))
          worst = i;
      if (worst == n)
        break;
      f[worst].shown = false;
    }
  int x = r->x + 2, y = r->y + 1;
  for (size_t i = 0; i < n; i++)
    {
      if (!f[i].shown)
        continue;
      int w = figure_width (&f[i]);
      attr_t a = ui_attr (f[i].color) & ~(A_REVERSE | A_UNDERLINE);
      draw_text (y, x, w, ui_attr (C_LABEL), _(f[i].label));
      if (f[i].small)
        draw_text (y + 1 + BIG_ROWS / 2, x, w, a | A_BOLD, f[i].text);
      else
        big_text (y + 1, x, w, a, f[i].text);
      x += w + gap;
    }
}

const struct pane pane_big = {
  .title = NULL,
  .draw = big_draw,
};
