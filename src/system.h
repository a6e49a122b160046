/* system.h: what every vmtutor source file includes first: config.h,
 * the standard headers used everywhere and the gettext macros. */
#ifndef VMTUTOR_SYSTEM_H
#define VMTUTOR_SYSTEM_H

#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if ENABLE_NLS
# include <libintl.h>
# define _(msgid) gettext (msgid)
#else
# define _(msgid) (msgid)
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(msgid) (msgid)
/* NC_ (CONTEXT, MSGID): MSGID, marked for the catalogue in CONTEXT (look
   it up with gettext ("CONTEXT\004MSGID"), see question/words.c). */
#define NC_(context, msgid) (msgid)

#define ARRAY_SIZE(a) (sizeof (a) / sizeof ((a)[0]))

#endif
