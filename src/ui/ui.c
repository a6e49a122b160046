/* ui.c: placeholder until the interface lands. */
#include "system.h"
#include "options.h"
int ui_main (const struct options *o) { (void) o; fputs (_("interface not built yet\n"), stderr); return 2; }
