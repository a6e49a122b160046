/* ui.h: what the modules of the interface share: the interface state,
 * the shape of a pane (one const struct of operations per pane), the
 * colour table, the key table and the drawing helpers.  Only src/ui/
 * includes it. */
#ifndef VMTUTOR_UI_H
#define VMTUTOR_UI_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "options.h"
#include "scenario/scenario.h"
#include "ui/history.h"

/* A rectangle of the screen.  h == 0 means "not shown". */
struct rect
{
  int y, x, h, w;
};

/* The panes, in the order Tab visits them. */
enum pane_id
{
  PANE_HEADER,
  PANE_VSPACE,
  PANE_WALK,
  PANE_TLB,
  PANE_FRAMES,
  PANE_SWAP,
  PANE_LOG,
  PANE_NARRATE,
  PANE_BIG,     /* projection mode: the key figures in block digits */
  PANE_MEMORY,  /* the values in the current page (pane-memory.c) */
  PANE_GRID,    /* the reference-string grid (pane-grid.c) */
  PANE_CURVE,   /* faults versus frames (pane-curve.c) */
  PANE_STRIP,   /* fault rate and resident sets over time (pane-strip.c) */
  PANE_COUNT
};

/* The screens that can be on top. */
enum ui_view
{
  VIEW_MAIN,
  VIEW_HELP,
  VIEW_COMPARE
};

/* The picture that takes the place of the machine's panes, if any (the
 * header, the narration and the status line stay). */
enum ui_picture
{
  PIC_NONE,
  PIC_GRID,
  PIC_CURVE,
  PIC_STRIP
};

/* The colour table: NAME, 256-colour foreground on a dark and on a light
 * background, 8-colour foreground, attributes added in colour mode,
 * attributes used alone in monochrome, attributes added in projection
 * mode.  -1 is the terminal's default colour.  The palette is Okabe-Ito:
 * orange 214/172, sky blue 117/31, bluish green 36/29, yellow 227/136,
 * blue 32/25, vermillion 202/166, reddish purple 175/133. */
#define UI_COLORS(X)                                                        \
  X (TEXT,    -1,  -1,  -1,            0,         0,                 0)     \
  X (DIM,     245, 242, -1,            0,         A_DIM,             0)     \
  X (TITLE,   117, 25,  COLOR_CYAN,    A_BOLD,    A_BOLD,            A_BOLD)\
  X (BORDER,  244, 245, -1,            0,         0,                 0)     \
  X (FOCUS,   227, 136, COLOR_YELLOW,  A_BOLD,    A_BOLD,            A_BOLD)\
  X (LABEL,   117, 31,  COLOR_CYAN,    0,         A_UNDERLINE,       A_BOLD)\
  X (HIT,     36,  29,  COLOR_GREEN,   A_BOLD,    A_BOLD,            A_BOLD)\
  X (MINOR,   117, 31,  COLOR_CYAN,    A_BOLD,    A_UNDERLINE,       A_BOLD)\
  X (MAJOR,   214, 172, COLOR_YELLOW,  A_BOLD,    A_BOLD | A_UNDERLINE, A_BOLD)\
  X (BAD,     202, 166, COLOR_RED,     A_BOLD,    A_BOLD | A_REVERSE, A_BOLD)\
  X (VICTIM,  202, 166, COLOR_RED,     A_REVERSE, A_REVERSE | A_UNDERLINE, A_BOLD)\
  X (CURRENT, 227, 136, COLOR_YELLOW,  A_REVERSE | A_BOLD, A_REVERSE | A_BOLD, A_BOLD)\
  X (SELECT,  117, 31,  COLOR_CYAN,    A_REVERSE, A_REVERSE | A_DIM, A_BOLD)\
  X (MATCH,   227, 136, COLOR_YELLOW,  A_BOLD,    A_STANDOUT,        A_BOLD)\
  X (PROC0,   214, 172, COLOR_YELLOW,  0,         0,                 A_BOLD)\
  X (PROC1,   117, 31,  COLOR_CYAN,    0,         0,                 A_BOLD)\
  X (PROC2,   36,  29,  COLOR_GREEN,   0,         0,                 A_BOLD)\
  X (PROC3,   175, 133, COLOR_MAGENTA, 0,         0,                 A_BOLD)\
  X (PROC4,   32,  25,  COLOR_BLUE,    A_BOLD,    0,                 A_BOLD)\
  X (PROC5,   227, 136, COLOR_YELLOW,  A_BOLD,    0,                 A_BOLD)

#define UI_COLOR_ENUM(name, d, l, c8, ca, ma, pa) C_##name,
enum ui_color
{
  UI_COLORS (UI_COLOR_ENUM)
  C_COUNT
};
#undef UI_COLOR_ENUM
#define UI_PROC_COLORS 6

/* Actions bound to keys (keys.c holds the one table). */
enum ui_action
{
  ACT_NONE,
  ACT_STEP,
  ACT_BACK,
  ACT_RUN,
  ACT_FASTER,
  ACT_SLOWER,
  ACT_GOTO,
  ACT_HOME,
  ACT_END,
  ACT_SEARCH,
  ACT_NEXT,
  ACT_PREV,
  ACT_NEXT_PANE,
  ACT_UP,
  ACT_DOWN,
  ACT_INSPECT_CLEAR,
  ACT_PROJECT,
  ACT_COMPARE,
  ACT_GRID,
  ACT_CURVE,
  ACT_STRIP,
  ACT_HELP,
  ACT_QUIT
};

struct compare;
struct ui;

/* One pane: a const struct of operations (see STYLE.md).  DRAW paints the
 * pane inside R (border included); KEY may consume a key when the pane has
 * the focus; CLICK handles a mouse click at screen (Y, X) inside R. */
struct pane
{
  const char *title; /* msgid, or NULL for a pane without a border */
  void (*draw) (struct ui *ui, const struct rect *r);
  bool (*key) (struct ui *ui, int key);
  bool (*click) (struct ui *ui, const struct rect *r, int y, int x);
};

extern const struct pane pane_header, pane_vspace, pane_walk, pane_tlb,
  pane_frames, pane_swap, pane_log, pane_narrate, pane_big, pane_memory,
  pane_grid, pane_curve, pane_strip;
/* pane-memory.c: rows the memory view wants now (0: nothing to show). */
int memory_rows (const struct ui *u);

/* What is selected for inspection. */
enum ui_select
{
  SEL_NONE,
  SEL_FRAME,
  SEL_PAGE
};

/* The pick of a question: a choice index, or one of these. */
#define ASK_NONE (-1)        /* not answered yet */
#define ASK_REVEALED (-2)    /* the student asked for the answer */

/* The student's pick for the question at tick TICK. */
struct ui_answer
{
  uint64_t tick;
  int pick;
};

/* The whole interface state. */
struct ui
{
  const struct options *opt;
  struct scenario *sc;
  struct history *hist;
  struct compare *cmp;     /* the compare view, NULL until first used */

  /* Terminal capabilities chosen at start. */
  bool utf8;               /* the locale's codeset is UTF-8 */
  bool color;              /* colours in use */
  bool color256;
  bool light;
  bool project;            /* projection mode */

  enum ui_view view;
  enum ui_picture picture; /* shown in place of the machine's panes */
  int sc_picture;          /* the scenario's `view:` last applied
                              (SC_VIEW_NONE - 1: none yet) */
  bool picture_lock;       /* screen checks: the scenario's `view:` is
                              not followed */
  enum pane_id focus;
  bool compact;
  bool too_small;
  struct rect rect[PANE_COUNT];

  /* Running. */
  bool running;
  int speed;               /* index into the speed table of ui.c */

  /* Inspection. */
  enum ui_select sel;
  uint32_t sel_frame;
  uint32_t sel_pid;
  uint64_t sel_vpn;

  /* Fault log. */
  uint64_t log_top;        /* first tick shown when not following */
  bool log_follow;
  void *re;                /* pcre2_code *, NULL if no search */
  char pattern[128];
  char message[256];       /* status line message, "" for none */
  bool message_error;

  /* Picks of `ask:` questions, by tick (ask.c). */
  struct ui_answer *answers;
  size_t nanswers, answersalloc;

  /* Bench mode (VMTUTOR_BENCH). */
  bool bench;
};

/* ---- screen.c: the terminal, its one restore path, signals. */
/* Start curses on the terminal with the colours of U's options. */
void screen_init (struct ui *u);
/* Restore the terminal; safe to call more than once (die_hook). */
void ui_restore (void);

/* ---- colors.c */
/* Set up the colour pairs for U (colour, 256 colours, theme). */
void colors_init (struct ui *u);
/* The attributes for colour C in the current mode. */
attr_t ui_attr (enum ui_color c);
/* The colour of process PID. */
enum ui_color ui_proc_color (uint32_t pid);
/* Switch the projection column on or off. */
void colors_project (bool on);

/* ---- draw.c: helpers every pane uses. */
/* Glyphs with a UTF-8 and an ASCII form. */
enum glyph
{
  G_HLINE, G_VLINE, G_ULCORNER, G_URCORNER, G_LLCORNER, G_LRCORNER,
  G_ARROW, G_TIMES, G_NOT_PRESENT, G_RESIDENT, G_DIRTY, G_SWAPPED,
  G_SHARED, G_COW, G_LOCKED, G_UNMAPPED, G_HAND, G_BLOCK, G_ELLIPSIS,
  G_UP, G_DOWN, G_HUGE,
  G_COUNT
};
const char *glyph (enum glyph g);
void draw_set_utf8 (bool utf8);
/* Draw a border around R with TITLE; bold when FOCUSED. */
void draw_box (const struct rect *r, const char *title, bool focused);
/* Draw S (any bytes: sanitised, measured with wcwidth) at (Y, X), at most
 * MAXW columns.  Returns the columns used. */
int draw_text (int y, int x, int maxw, attr_t attr, const char *s);
/* S at most MAXW columns wide, cut with an ellipsis when it is wider;
   returns the columns used. */
int draw_fit (int y, int x, int maxw, attr_t attr, const char *s);
/* S in MAXW columns: whole, or its shorter form (the part before a
   colon, comma or parenthesis: mbs_short_form) when too wide, or cut
   with an ellipsis when it has none.  Returns the columns drawn. */
int draw_short (int y, int x, int maxw, attr_t attr, const char *s);
/* draw_fit of the printf-style FMT. */
int draw_fitf (int y, int x, int maxw, attr_t attr, const char *fmt, ...)
  __attribute__ ((format (printf, 5, 6)));
int draw_printf (int y, int x, int maxw, attr_t attr, const char *fmt, ...)
  __attribute__ ((format (printf, 5, 6)));
/* Word-wrap S into the rectangle (Y, X, H, W); returns the rows used. */
int draw_wrapped (int y, int x, int h, int w, attr_t attr, const char *s);
/* One line of wrapped text: LEN bytes from S. */
struct wrap_line
{
  const char *s;
  size_t len;
};
/* Word-wrap S (a newline starts a line) to W columns: stores up to MAX
 * lines in OUT and returns how many lines S takes (which may be more). */
int wrap_lines (const char *s, int w, struct wrap_line *out, int max);
/* Draw line L at (Y, X), at most W columns. */
void draw_line (int y, int x, int w, attr_t attr, const struct wrap_line *l);
/* Columns S takes once sanitised. */
int text_width (const char *s);
/* Fill a row of R's inside with blanks. */
void draw_clear (const struct rect *r);

/* ---- canvas.c: the frame being drawn.  Every drawing call goes
   through these instead of curses (see canvas.c), each standing for the
   curses call it names. */
/* erase () */
void canvas_erase (void);
/* mvadd_wchnstr (Y, X, C, N); PLAIN when every cell is one character
   one column wide. */
void canvas_cells (int y, int x, const cchar_t *c, int n, bool plain);
/* mvhline (Y, X, ' ', N) */
void canvas_blank (int y, int x, int n);
/* mvhline_set, mvvline_set, mvadd_wch, mvins_wch, move */
void canvas_hline (int y, int x, const cchar_t *c, int n);
void canvas_vline (int y, int x, const cchar_t *c, int n);
void canvas_add (int y, int x, const cchar_t *c);
void canvas_ins (int y, int x, const cchar_t *c);
void canvas_move (int y, int x);
/* Bring stdscr up to date with the calls since the last flush. */
void canvas_flush (void);
/* canvas_flush, then refresh (). */
void canvas_refresh (void);

/* ---- keys.c */
/* The action bound to KEY, ACT_NONE if none. */
enum ui_action key_action (int key);
/* Draw the help screen, generated from the key table. */
void keys_draw_help (struct ui *u);
/* The number of rows keys_draw_help needs. */
int keys_help_rows (void);

/* ---- layout.c */
/* Compute U->rect for the current terminal size and mode. */
void layout (struct ui *u);
/* The pane whose rectangle contains (Y, X), or PANE_COUNT. */
enum pane_id layout_hit (const struct ui *u, int y, int x);
/* The operations of pane ID. */
const struct pane *pane_ops (enum pane_id id);

/* ---- bench.c */
/* Run bench MODE ("run", "draw" or "back") on U; the report to print. */
char *bench_main (struct ui *u, const char *mode);

/* ---- screen-check.c */
/* Draw every step of U's scenario at the sizes of VMTUTOR_CHECK_SIZES,
 * forwards and back, and check each screen; the report (its last line
 * counts the failures). */
char *screen_check (struct ui *u);

/* ---- ui.c */
/* Draw the whole screen. */
void ui_draw (struct ui *u);
/* Wait for keys (or run ticks) until the user quits, or, in bench mode,
 * until a run stops. */
void ui_main_loop (struct ui *u);
/* Frames drawn so far. */
uint64_t ui_frames_drawn (void);
/* Set the fastest run speed. */
void ui_speed_fastest (struct ui *u);
/* Ask for a line of input on the status row; false if cancelled. */
bool ui_prompt (struct ui *u, const char *prompt, char *buf, size_t n);
/* Set the status message. */
void ui_message (struct ui *u, bool error, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
/* The speed label ("4/s", "max"). */
const char *ui_speed_label (const struct ui *u);
/* Move to tick POS (clamped), keeping the compare view in step. */
void ui_goto (struct ui *u, uint64_t pos);
/* The visualiser on scenario FILE at position POS, on the screen of
 * SCREEN, already started (the lesson screen's v); returns when the user
 * quits it. */
void ui_visualise (const struct ui *screen, const char *file,
                   uint64_t pos);

/* ---- pane-frames.c */
/* The width of a frame cell for U's machine in a pane W columns wide
 * inside (0: unknown); the label and frame-number widths in *LABW and
 * *NUMW when not NULL. */
int frames_cell_width (const struct ui *u, int w, int *labw, int *numw);

/* ---- label.c: page labels that fit in a number of columns. */
/* The label of page (PID, VPN) as the narration writes it, shortened to
 * MAXW columns: the region's name first, then the process's name (kept
 * distinct from the others'), never the index; "" if the index alone
 * does not fit.  Returns the columns used. */
int label_page (char *buf, size_t n, const struct vm *vm, uint32_t pid,
                uint64_t vpn, int maxw);
/* The same for page PAGE of memory object OBJECT ("file[3]"). */
int label_object (char *buf, size_t n, const struct vm *vm, uint32_t object,
                  uint64_t page, int maxw);
/* The label PROC:REGION IDX (REGION may be NULL) fitted to MAXW. */
int label_fit (char *buf, size_t n, const char *proc, const char *region,
               const char *idx, int maxw, const struct vm *vm);
/* Process name NAME in at most K columns, distinct from the other
 * processes' names where a prefix would not be. */
void label_name (char *buf, size_t n, const struct vm *vm, const char *name,
                 int k);

/* ---- pictures.c: the grid, curve and strip views. */
/* The picture the scenario's `view:` keys ask for at the current
 * position; switch U to it when it differs from the one applied last
 * (so a key the user pressed holds until the scenario asks again). */
void picture_follow (struct ui *u);
/* Show picture P, or the machine's panes if P is already shown. */
void picture_toggle (struct ui *u, enum ui_picture p);
/* The pane that draws picture P. */
enum pane_id picture_pane (enum ui_picture p);
/* The strip chart's data, kept between frames (pane-strip.c). */
void strip_free (void);

/* ---- pane-narrate.c */
/* The lines the narration of the current screen takes at width W. */
int narrate_rows (const struct ui *u, int w);
/* The whole narration of the current screen (newly allocated). */
char *narrate_text (const struct ui *u);

/* ---- frames-policy.c: the replacement policy in the frames pane. */
/* The policy's figure of frame FI at access POS, in at most 4 columns. */
void frames_policy_figure (char *buf, size_t n, const struct vm *vm,
                           const struct vm_frame_info *fi, uint64_t pos);
/* The frame the policy would evict next if a fault came now, or VM_NONE
 * (a free frame exists, local scope, random, more than 4096 frames). */
uint32_t frames_next_victim (const struct vm *vm);
/* Draw the frames pane's legend at (Y, X), W columns, at most ROWS rows
 * (the policy's figure, the page tick T evicted, the marks; items that
 * do not fit left out, least useful first); returns the rows used. */
int frames_legend (const struct ui *u, const struct vm *vm,
                   const struct tick *t, uint32_t nextv, uint32_t hand,
                   int y, int x, int w, int rows);

/* ---- pane-log.c: searching */
/* Compile PATTERN; on error set the status message and return false. */
bool log_search_set (struct ui *u, const char *pattern);
/* Go to the next (DIR 1) or previous (DIR -1) matching log line. */
void log_search_next (struct ui *u, int dir);
/* Format the log line of tick I into BUF. */
void log_format (const struct ui *u, uint64_t i, char *buf, size_t n);
void log_search_free (struct ui *u);

/* ---- compare.c */
/* Open the compare view (four runs: fifo, lru, clock, opt). */
void compare_open (struct ui *u);
void compare_free (struct compare *c);
/* Move every run of the comparison to POS. */
void compare_goto (struct compare *c, uint64_t pos);
void compare_draw (struct ui *u);

/* ---- ask.c: questions (`ask:` steps) */
/* The question tick the position stands on, NULL if none. */
const struct tick *ask_current (const struct ui *u);
/* The pick recorded for the question at tick N, or ASK_NONE. */
int ask_pick (const struct ui *u, uint64_t n);
/* Whether the position stands on a question not answered yet (the run
 * does not go past it). */
bool ask_pending (const struct ui *u);
/* Take key CH as an answer to the pending question; false if it is not
 * one (a choice letter or number, or ! to reveal). */
bool ask_key (struct ui *u, int ch);
/* Tell the student that a step needs an answer first. */
void ask_refuse_step (struct ui *u);
/* Draw the question box over the panes when on a question. */
void ask_draw (struct ui *u);
/* True when the question box, if one is shown, overlaps rectangle R. */
bool ask_covers (const struct ui *u, struct rect r);
/* An access's result word (hit, minor, ..., none for a result beyond
   the engine's) in the user's language, as a student types it. */
const char *ui_result_word (int result);

/* ---- project.c */
/* Draw S in block letters at (Y, X), clipped to MAXW; returns columns. */
int big_text (int y, int x, int maxw, attr_t attr, const char *s);
/* The height of block letters. */
#define BIG_ROWS 5

/* ---- source.c */
/* The scenario of O's --refs or --trace source; NULL with *ERR (newly
 * allocated, without the program name) if it cannot be made. */
struct scenario *source_scenario (const struct options *o, char **err);

/* ---- start.c */
/* The start screen: choose a scenario.  Returns a newly allocated path,
 * START_LESSONS if the user asked for the lessons, or NULL if the user
 * quit.  Curses must be running. */
#define START_LESSONS ":lessons"
char *start_choose (struct ui *u);

#endif
