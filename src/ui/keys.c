/* keys.c: the one key table.  It binds keys to actions and the help
 * screen is generated from it, so the two never disagree.  Presenter
 * remotes send PageDown/PageUp, so those step. */
#include "system.h"

#include "ui/ui.h"

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
  { ACT_GOTO, { 'g', 'G' }, N_("g"), N_("go to a step") },
  { ACT_HOME, { KEY_HOME, KEY_BEG }, N_("Home"), N_("go to the start") },
  { ACT_END, { KEY_END }, N_("End"), N_("go to the end") },
  { ACT_SEARCH, { '/' }, N_("/"), N_("search the log and narration (PCRE2)") },
  { ACT_NEXT, { 'n' }, N_("n"), N_("go to the next match") },
  { ACT_PREV, { 'N' }, N_("N"), N_("go to the previous match") },
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

int
keys_help_rows (void)
{
  return (int) ARRAY_SIZE (key_table) + 7;
}

void
keys_draw_help (struct ui *u)
{
  int rows = keys_help_rows ();
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
      draw_text (y, r.x + 2, namew - 1, ui_attr (C_LABEL), names);
      draw_fit (y, r.x + 2 + namew, r.w - namew - 4, ui_attr (C_TEXT),
                _(key_table[i].help));
      y++;
    }
  if (y < r.y + r.h - 2)
    draw_text (++y, r.x + 2, r.w - 4, ui_attr (C_DIM),
               _("Mouse: click a frame or a page to inspect it."));
  if (y < r.y + r.h - 2)
    draw_text (++y, r.x + 2, r.w - 4, ui_attr (C_DIM),
               _("A question: a letter or number answers, ! shows the "
                 "answer."));
  if (y < r.y + r.h - 2)
    draw_text (++y, r.x + 2, r.w - 4, ui_attr (C_DIM),
               _("Press any key to close this help."));
  else
    /* Rows the screen has no room for: never cut without a mark. */
    draw_text (r.y + r.h - 1, r.x + r.w - 4, 1, ui_attr (C_BORDER),
               glyph (G_ELLIPSIS));
  (void) u;
}
