/* say-extent.c: which steps a say's words belong to (the Narration rule
 * of vmtutor-scenario(5)), worked out once when a scenario is loaded, so
 * the words in force are a function of the position in the program. */
#include "system.h"

#include "scenario/scenario-internal.h"

/* Whether step S touches memory (the kind of step a say introduces). */
static bool
is_access_step (const struct sc_step *s)
{
  return s->kind == ST_ACCESS || s->kind == ST_TOUCH || s->kind == ST_TRACE;
}

/* Whether step S brings its own words, ending the ones before it. */
static bool
is_words_step (const struct sc_step *s)
{
  return s->kind == ST_SAY || s->kind == ST_ASK
         || (s->kind == ST_PAUSE && s->text);
}

void
sc_say_extent (struct scenario *sc)
{
  for (size_t i = 0; i < sc->nsteps; i++)
    {
      struct sc_step *s = &sc->steps[i];
      size_t j = i + 1;
      if (s->kind != ST_SAY && s->kind != ST_PAUSE)
        continue;
      if (s->say_steps)
        {
          /* As many steps as it says, unless other words come first.  */
          while (j < sc->nsteps && j - i <= s->say_steps
                 && !is_words_step (&sc->steps[j]))
            j++;
          s->say_end = j - 1;
          continue;
        }
      /* Words followed by an expect tell what just happened: they last
         through the expects that check it.  */
      if (j < sc->nsteps && sc->steps[j].kind == ST_EXPECT)
        {
          while (j + 1 < sc->nsteps && sc->steps[j + 1].kind == ST_EXPECT)
            j++;
          s->say_end = j;
          continue;
        }
      /* Otherwise through the steps that do not touch memory (switch,
         fork, exit, mmap, reboot...) ...  */
      while (j < sc->nsteps && !is_access_step (&sc->steps[j])
             && !is_words_step (&sc->steps[j]))
        j++;
      if (j == sc->nsteps || is_words_step (&sc->steps[j]))
        {
          s->say_end = j - 1;
          continue;
        }
      /* ... to the end of the first step that does, and the expects
         that check what it did.  */
      while (j + 1 < sc->nsteps && sc->steps[j + 1].kind == ST_EXPECT)
        j++;
      s->say_end = j;
    }
}
