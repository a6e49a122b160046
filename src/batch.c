/* batch.c: placeholder until the batch mode lands. */
#include "system.h"
#include "options.h"
int batch_main (const struct options *o) { (void) o; fputs (_("batch mode not built yet\n"), stderr); return 2; }
