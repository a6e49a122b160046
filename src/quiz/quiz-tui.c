/* quiz-tui.c: placeholder */
#include "system.h"
#include "quiz/quiz-modes.h"
int
quiz_tui (struct quiz_session *s, const struct options *o)
{
  (void) o;
  return quiz_plain (s);
}
