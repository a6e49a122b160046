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
/* C_ (CONTEXT, MSGID): MSGID translated in CONTEXT (pgettext), for a
   word that needs its own translation in one use, e.g. a short mark
   beside the same word in a sentence. */
#if ENABLE_NLS
static inline const char *vmtutor_pgettext (const char *, const char *)
  __attribute__ ((format_arg (2)));
static inline const char *
vmtutor_pgettext (const char *ctx_msgid, const char *msgid)
{
  const char *t = gettext (ctx_msgid);
  return t == ctx_msgid ? msgid : t;
}
# define C_(context, msgid) vmtutor_pgettext (context "\004" msgid, msgid)
#else
# define C_(context, msgid) (msgid)
#endif

#define ARRAY_SIZE(a) (sizeof (a) / sizeof ((a)[0]))

#endif
