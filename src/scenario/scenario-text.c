/* scenario-text.c: the human text of scenario and quiz files looked up in
 * the message catalogue (vmtutor-scenario(5), "Translations"), and the
 * hook through which the maintainers' extractor (extract-text.c) sees
 * every such text with its place. */
#include "system.h"

#include "util.h"
#include "scenario/scenario-internal.h"

static scenario_text_hook *hook;
static void *hook_ctx;

void
scenario_text_set_hook (scenario_text_hook *fn, void *ctx)
{
  hook = fn;
  hook_ctx = ctx;
}

const char *
scenario_text (const char *s)
{
  /* gettext ("") is the catalogue's header, not a translation.  */
  if (hook || !s || !s[0])
    return s;
  return _(s);
}

void
scenario_text_seen (const char *file, unsigned line, const char *what,
                    const char *s)
{
  if (hook && s && s[0])
    hook (hook_ctx, file, line, what, s);
}

char *
scenario_order_line (char *line, bool *heading)
{
  char *s = line;

  line[strcspn (line, "\r\n")] = '\0';
  while (*s == ' ' || *s == '\t')
    s++;
  *heading = false;
  if (*s == '#' || *s == '\0')
    return NULL;
  if (*s == '=')
    {
      *heading = true;
      s++;
      while (*s == ' ')
        s++;
    }
  return s;
}

char *
sc_text (struct sc_ctx *c, const struct ynode *n, const char *what)
{
  const char *s = sc_string (c, n);

  scenario_text_seen (c->file, n->line, what, s);
  return xstrdup (scenario_text (s));
}
