/* fuzz_scenario.c: libFuzzer target for the scenario loader.  Any input
 * must either load or be rejected with a message; a loaded scenario is
 * then run for a bounded number of ticks (and cloned once), so the
 * runner sees what the loader accepts.  Built with --enable-fuzzing. */
#include "system.h"

#include "scenario/scenario.h"

#define FUZZ_MAX_TICKS 20000

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *err = NULL;
  /* A directory that does not exist: trace includes cannot reach the
     real file system.  */
  struct scenario *sc = scenario_load_buffer ("/nonexistent-fuzz/f.yaml",
                                              (const char *) data, size,
                                              &err);
  struct run *r, *c = NULL;
  struct tick t;

  if (!sc)
    {
      if (!err)
        __builtin_trap ();
      free (err);
      return 0;
    }
  r = run_new (sc, NULL, NULL, &err);
  if (r)
    {
      for (int i = 0; i < FUZZ_MAX_TICKS && run_next (r, &t); i++)
        if (i == 10)
          c = run_clone (r);
      if (c)
        {
          for (int i = 0; i < 100 && run_next (c, &t); i++)
            ;
          run_free (c);
        }
      run_free (r);
    }
  free (err);
  scenario_free (sc);
  return 0;
}
