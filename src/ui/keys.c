/* keys.c: the one key table.  It binds keys to actions and the help
 * screen is generated from it, so the two never disagree.  Presenter
 * remotes send PageDown/PageUp, so those step. */
#include "system.h"

#include "ui/ui.h"
#include "util.h"

#define MAX_KEYS 6

/* One row: an action, the keys bound to it, how the help names them and
 * what the help says it does. */
struct key_row
{
  enum ui_action action;
  int keys[MAX_KEYS];
  const char *names;   /* msgid */
  const char *help;    /* msgid */
};

static const struct key_row key_table[] = {
  { ACT_STEP, { KEY_RIGHT, KEY_NPAGE, '\n', '\r', KEY_ENTER, 'l' },
    N_("Right PgDn Enter l"), N_("step forward one tick") },
  { ACT_BACK, { KEY_LEFT, KEY_PPAGE, 'h', KEY_BACKSPACE },
    N_("Left PgUp h"), N_("step back one tick") },
  { ACT_RUN, { ' ' }, N_("Space"),
    N_("run / pause (stops at pauses and questions)") },
  { ACT_FASTER, { '+', '=' }, N_("+"), N_("run faster / slower") },
  { ACT_SLOWER, { '-', '_' }, N_("-"), N_("run faster / slower") },
  { ACT_GOTO, { 'g', 'G' }, N_("g"),
    N_("go to a step / the start / the end") },
  { ACT_HOME, { KEY_HOME, KEY_BEG }, N_("Home"),
    N_("go to a step / the start / the end") },
  { ACT_END, { KEY_END }, N_("End"),
    N_("go to a step / the start / the end") },
  { ACT_SEARCH, { '/' }, N_("/"), N_("search the log and narration (PCRE2)") },
  { ACT_NEXT, { 'n' }, N_("n"), N_("go to the next / previous match") },
  { ACT_PREV, { 'N' }, N_("N"), N_("go to the next / previous match") },
  { ACT_NEXT_PANE, { '\t' }, N_("Tab"), N_("focus the next pane") },
  { ACT_UP, { KEY_UP, 'k' }, N_("Up k"),
    N_("select / scroll in the focused pane") },
  { ACT_DOWN, { KEY_DOWN, 'j' }, N_("Down j"),
    N_("select / scroll in the focused pane") },
  { ACT_INSPECT_CLEAR, { 27 }, N_("Esc"), N_("clear the selection") },
  { ACT_PROJECT, { 'p' }, N_("p"), N_("projection mode on / off") },
  { ACT_COMPARE, { 'c' }, N_("c"), N_("compare fifo, lru, clock, opt") },
  /* The pictures (one line of the help: each key in the order the help
     names its picture). */
  { ACT_GRID, { 'r' }, N_("r"),
    N_("grid, fault curve, strip chart") },
  { ACT_CURVE, { 'f' }, N_("f"),
    N_("grid, fault curve, strip chart") },
  { ACT_STRIP, { 's' }, N_("s"),
    N_("grid, fault curve, strip chart") },
  { ACT_HELP, { '?', KEY_F (1) }, N_("?"), N_("this help") },
  { ACT_QUIT, { 'q', 'Q' }, N_("q"), N_("quit") },
};

enum ui_action
key_action (int key)
{
  for (size_t i = 0; i < ARRAY_SIZE (key_table); i++)
    for (int k = 0; k < MAX_KEYS && key_table[i].keys[k]; k++)
      if (key_table[i].keys[k] == key)
        return key_table[i].action;
  return ACT_NONE;
}

/* The lines of the help's key list: rows with the same help text
   share one. */
static int
help_lines (void)
{
  int n = 0;
  for (size_t i = 0; i < ARRAY_SIZE (key_table); i++)
    n += i == 0 || strcmp (key_table[i].help, key_table[i - 1].help) != 0;
  return n;
}

/* The help's notes, in the key list's two columns (translated names
   and help). */
static const struct { const char *names, *help; } help_notes[] = {
  /* TRANSLATORS: the help's note on the mouse: its name, then what it
     does (the part before a comma or parenthesis is what a narrow
     screen shows). */
  { N_("Mouse"), N_("click a frame or page to inspect it") },
  /* TRANSLATORS: the keys that answer a question, then what they do. */
  { N_("a b c  1 2 3  !"), N_("answer a question (! shows the answer)") },
};

int
keys_help_rows (void)
{
  /* the keys, a blank line, the notes, "press any key" and the box */
  return help_lines () + (int) ARRAY_SIZE (help_notes) + 4;
}

/* One line of the help at Y: NAMES in the names' column (NAMEW), HELP
   beside it, in its shorter form (the part before its parenthesis or
   comma) when it is too wide, cut with a mark only when it has none. */
static void
help_row (int y, const struct rect *r, int namew, const char *names,
          const char *help)
{
  int hw = r->w - namew - 4;
  char *shorter = text_width (help) > hw
                  ? mbs_short_form (help, hw, glyph (G_ELLIPSIS)) : NULL;
  draw_text (y, r->x + 2, namew - 1, ui_attr (C_LABEL), names);
  draw_fit (y, r->x + 2 + namew, hw, ui_attr (C_TEXT),
            shorter ? shorter : help);
  free (shorter);
}

void
keys_draw_help (struct ui *u)
{
  int rows = keys_help_rows ();
  /* A screen too short for the whole box: no blank line, and "press any
     key" on the bottom border. */
  bool tight = rows > LINES - 1;
  if (tight)
    rows -= 2;
  int w = COLS < 70 ? COLS : 70, h = rows < LINES - 1 ? rows : LINES - 1;
  struct rect r = { (LINES - h) / 2, (COLS - w) / 2, h, w };
  int y = r.y + 1, namew = 20;

  /* The names' column: as wide as the widest names (in the user's
     language) and a space, at most half the box; names wider are cut
     there, never run into the text.  */
  for (size_t i = 0; i < ARRAY_SIZE (key_table); i++)
    {
      if (i > 0 && strcmp (key_table[i].help, key_table[i - 1].help) == 0)
        continue;
      int nw = text_width (_(key_table[i].names)) + 1;
      for (size_t j = i + 1; j < ARRAY_SIZE (key_table)
           && strcmp (key_table[i].help, key_table[j].help) == 0; j++)
        nw += 2 + text_width (_(key_table[j].names));
      if (nw > namew)
        namew = nw;
    }
  for (size_t i = 0; i < ARRAY_SIZE (help_notes); i++)
    if (text_width (_(help_notes[i].names)) + 1 > namew)
      namew = text_width (_(help_notes[i].names)) + 1;
  if (namew > (w - 4) / 2)
    namew = (w - 4) / 2;
  draw_clear (&r);
  draw_box (&r, _("Keys"), true);
  for (size_t i = 0; i < ARRAY_SIZE (key_table) && y < r.y + r.h - 1; i++)
    {
      /* Rows with the same help text share a line. */
      if (i > 0 && strcmp (key_table[i].help, key_table[i - 1].help) == 0)
        continue;
      char names[256];
      size_t len = (size_t) snprintf (names, sizeof names, "%s",
                                      _(key_table[i].names));
      for (size_t j = i + 1; j < ARRAY_SIZE (key_table)
           && strcmp (key_table[i].help, key_table[j].help) == 0
           && len < sizeof names; j++)
        len += (size_t) snprintf (names + len, sizeof names - len, "  %s",
                                  _(key_table[j].names));
      help_row (y++, &r, namew, names, _(key_table[i].help));
    }
  if (!tight)
    y++;
  for (size_t i = 0; i < ARRAY_SIZE (help_notes) && y < r.y + r.h - 1; i++)
    help_row (y++, &r, namew, _(help_notes[i].names), _(help_notes[i].help));
  if (!tight && y < r.y + r.h - 1)
    draw_fit (y++, r.x + 2, r.w - 4, ui_attr (C_DIM),
              _("Press any key to close this help."));
  if (tight)
    {
      /* TRANSLATORS: on the bottom border of the help, when the screen
         has no row for "Press any key to close this help.". */
      const char *close = _(" any key closes ");
      int cw = text_width (close);
      if (cw <= r.w - 8)
        draw_text (r.y + r.h - 1, r.x + 2, cw, ui_attr (C_BORDER), close);
    }
  /* Rows the screen has no room for: never cut without a mark. */
  if (rows > h)
    draw_text (r.y + r.h - 1, r.x + r.w - 4, 1, ui_attr (C_BORDER),
               glyph (G_ELLIPSIS));
  (void) u;
}
