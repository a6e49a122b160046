/* yaml-problems.c: libyaml's own English (its scanner's and parser's
 * problem and context strings) as translated sentences in the style of
 * the other messages ("found ...; expected ..."), for ytree_parse. */
#include "system.h"

#include "util.h"
#include "scenario/yaml-tree.h"

/* libyaml's problems (English, fixed strings of its scanner and parser)
 * that a scenario can meet, as translated sentences in the style of the
 * other messages; a problem not listed keeps libyaml's words. */
static const struct { const char *problem, *text; } yaml_problems[] = {
  { "did not find expected key",
    N_("found something that is not a key at this indentation; expected "
       "'key: value' lined up with the keys above") },
  { "mapping values are not allowed in this context",
    N_("found ':' where no key can start; expected a new line for a new "
       "key, or quotes around a value that holds ': '") },
  { "found unexpected ':'",
    N_("found ':' where no key can start; expected a new line for a new "
       "key, or quotes around a value that holds ': '") },
  { "did not find expected '-' indicator",
    N_("found something other than a '- ' item in a list; expected every "
       "item to start with '- ' at the same indentation") },
  { "did not find expected ',' or ']'",
    N_("found no ',' or ']' after an item of a [ ] list; expected ',' "
       "between the items and ']' at the end") },
  { "did not find expected ',' or '}'",
    N_("found no ',' or '}' after an entry of a { } mapping; expected ',' "
       "between the entries and '}' at the end") },
  { "did not find expected node content",
    N_("found no value where one belongs; expected a value") },
  { "found character that cannot start any token",
    N_("found a character that cannot start a value here (a tab, '@' or "
       "'`'); expected spaces for indentation, and quotes around a value "
       "that starts with '@' or '`'") },
  { "found unexpected end of stream",
    N_("found the end of the file inside a quoted string; expected its "
       "closing quote") },
  { "found unknown escape character",
    N_("found an unknown escape after '\\' in a double-quoted string; "
       "expected one such as \\n, \\t, \\\" or \\\\ (or single quotes)") },
  { "did not find expected hexdecimal number",
    N_("found a \\x, \\u or \\U escape without its hexadecimal digits; "
       "expected the digits") },
  { "found invalid Unicode character escape code",
    N_("found an escape for a character that does not exist; expected a "
       "Unicode character") },
  { "found unexpected document indicator",
    N_("found '---' or '...' at the start of a line inside a quoted "
       "string; expected the string to be closed first") },
  { "found a tab character that violates indentation",
    N_("found a tab in the indentation; expected spaces") },
  { "found a tab character where an indentation space is expected",
    N_("found a tab in the indentation; expected spaces") },
  { "could not find expected ':'",
    N_("found a key without ':'; expected 'key: value'") },
  { "did not find expected comment or line break",
    N_("found more text after a value on its line; expected a comment or "
       "the end of the line") },
  { "found an indentation indicator equal to 0",
    N_("found the indentation indicator 0 after '|' or '>'; expected 1 "
       "to 9") },
  { "found unknown directive name",
    /* xgettext:no-c-format */
    N_("found an unknown directive after '%'; expected %YAML or %TAG") },
  { "found duplicate %YAML directive",
    /* xgettext:no-c-format */
    N_("found a second %YAML directive; expected one at most") },
  { "found duplicate %TAG directive",
    /* xgettext:no-c-format */
    N_("found a second %TAG directive for the same handle; expected each "
       "handle once") },
  { "found incompatible YAML document",
    /* xgettext:no-c-format */
    N_("found a %YAML version other than 1.x; expected YAML 1.1 or 1.2") },
  { "did not find expected alphabetic or numeric character",
    N_("found an anchor or alias without a name; expected letters or "
       "digits after '&' or '*'") },
  { "did not find the expected '>'",
    N_("found a verbatim tag without its '>'; expected plain values (tags "
       "are not supported)") },
  { "found undefined tag handle",
    N_("found an unknown tag handle; expected plain values (tags are not "
       "supported)") },
  { "block sequence entries are not allowed in this context",
    N_("found a '- ' item where no list can start; expected it on a line "
       "of its own, indented under its key") },
  { "mapping keys are not allowed in this context",
    N_("found '?' where no key can start; expected plain 'key: value' "
       "lines") },
  { "did not find expected <document start>",
    N_("found more text after the end of the document; expected nothing "
       "more (one document per file)") },
};

enum yaml_where
{
  CX_NONE,
  CX_MAP,
  CX_LIST,
  CX_FLOW_LIST,
  CX_FLOW_MAP,
  CX_VALUE,
  CX_KEY,
  CX_QUOTED,
  CX_BLOCK,
  CX_ANCHOR,
  CX_TAG,
  CX_DIRECTIVE,
};

/* libyaml's contexts ("while parsing a block mapping"): the part of
 * the text that holds the problem. */
static const struct { const char *context; enum yaml_where where; }
yaml_contexts[] = {
  { "while parsing a block mapping", CX_MAP },
  { "while parsing a block collection", CX_LIST },
  { "while parsing a flow sequence", CX_FLOW_LIST },
  { "while parsing a flow mapping", CX_FLOW_MAP },
  { "while parsing a flow node", CX_VALUE },
  { "while parsing a block node", CX_VALUE },
  { "while parsing a node", CX_VALUE },
  { "while scanning a plain scalar", CX_VALUE },
  { "while scanning a simple key", CX_KEY },
  { "while scanning a quoted scalar", CX_QUOTED },
  { "while parsing a quoted scalar", CX_QUOTED },
  { "while scanning a block scalar", CX_BLOCK },
  { "while scanning an anchor", CX_ANCHOR },
  { "while scanning an alias", CX_ANCHOR },
  { "while scanning a tag", CX_TAG },
  { "while parsing a tag", CX_TAG },
  { "while scanning a directive", CX_DIRECTIVE },
  { "while scanning a %YAML directive", CX_DIRECTIVE },
  { "while scanning a %TAG directive", CX_DIRECTIVE },
  { "while parsing a %TAG directive", CX_DIRECTIVE },
  { "while parsing a tag directive", CX_DIRECTIVE },
  { "while scanning a tag directive", CX_DIRECTIVE },
};

/* Where the part of kind W that holds the problem starts (LINE), as a
   translated phrase, or NULL. */
static char *
where_text (enum yaml_where w, unsigned line)
{
  switch (w)
    {
    case CX_MAP:
      return xasprintf (_("in the mapping that starts at line %u"), line);
    case CX_LIST:
      return xasprintf (_("in the list that starts at line %u"), line);
    case CX_FLOW_LIST:
      return xasprintf (_("in the [ ] list that starts at line %u"), line);
    case CX_FLOW_MAP:
      return xasprintf (_("in the { } mapping that starts at line %u"), line);
    case CX_VALUE:
      return xasprintf (_("in the value that starts at line %u"), line);
    case CX_KEY:
      return xasprintf (_("in the key that starts at line %u"), line);
    case CX_QUOTED:
      return xasprintf (_("in the quoted string that starts at line %u"), line);
    case CX_BLOCK:
      return xasprintf (_("in the block of text that starts at line %u"), line);
    case CX_ANCHOR:
      return xasprintf (_("in the anchor or alias that starts at line %u"), line);
    case CX_TAG:
      return xasprintf (_("in the tag that starts at line %u"), line);
    case CX_DIRECTIVE:
      return xasprintf (_("in the directive that starts at line %u"), line);
    case CX_NONE:
    default:
      return NULL;
    }
}

const char *
ytree_problem_text (const char *problem)
{
  for (size_t i = 0; problem && i < ARRAY_SIZE (yaml_problems); i++)
    if (strcmp (problem, yaml_problems[i].problem) == 0)
      return _(yaml_problems[i].text);
  return NULL;
}

char *
ytree_context_text (const char *context, unsigned line)
{
  for (size_t i = 0; context && i < ARRAY_SIZE (yaml_contexts); i++)
    if (strcmp (context, yaml_contexts[i].context) == 0)
      return where_text (yaml_contexts[i].where, line);
  return NULL;
}
