/* lesson-tui.h: the lesson screen (ncurses): the list of lessons, then a
 * lesson's pages, the machine's steps and its checkpoints. */
#ifndef VMTUTOR_LESSON_TUI_H
#define VMTUTOR_LESSON_TUI_H

#include "options.h"

/* Run the lesson screen on FILE, or on the list when FILE is NULL.
 * Returns the exit status. */
int lesson_tui (const struct options *o, const char *file);
/* The same on the screen of U, already started (the start screen's L);
 * the caller restores the terminal. */
struct ui;
int lesson_tui_screen (struct ui *u, const char *file);

#endif
