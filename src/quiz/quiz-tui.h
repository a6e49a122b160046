/* quiz-tui.h: what the quiz screen's files share (curses side only). */
#ifndef VMTUTOR_QUIZ_TUI_H
#define VMTUTOR_QUIZ_TUI_H

#include "question/question.h"

#if !ENABLE_NLS && !defined ngettext
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif

/* Draw the figure question V needs (a replacement worksheet, the bits
 * of an address) in the rectangle (Y, X, H rows, W columns); returns the
 * rows used (0 for kinds without a figure). */
int quiz_figure_draw (const struct q_variant *v, int y, int x, int w, int h);

#endif
