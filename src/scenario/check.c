/* check.c: placeholder until the scenario loader lands. */
#include "system.h"
#include "options.h"
int check_main (const struct options *o) { (void) o; fputs (_("--check not built yet\n"), stderr); return 2; }
