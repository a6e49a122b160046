/* yaml-tree.c: libyaml events -> a tree of marked nodes, under limits.
 *
 * The document API of libyaml cannot bound nesting and turns `&a [*a]`
 * into a cycle, so we drive the event parser ourselves: an explicit
 * stack of open collections (at most YTREE_MAX_DEPTH), a node budget,
 * and checks for the features scenarios do not use (anchors, aliases,
 * tags, several documents).  Before libyaml sees the text we check that
 * it is UTF-8 without NUL or control characters, so those errors get a
 * precise line and column. */
#include "system.h"

#include <stdarg.h>
#include <yaml.h>

#include "util.h"
#include "scenario/yaml-tree.h"

char *
ytree_error (const char *file, unsigned line, unsigned col,
             const char *fmt, ...)
{
  va_list ap;
  char *msg, *out;

  va_start (ap, fmt);
  msg = xvasprintf (fmt, ap);
  va_end (ap);
  out = xasprintf ("%s:%u:%u: %s", file, line, col, msg);
  free (msg);
  return out;
}

char *
ytree_quote (const char *s, size_t len)
{
  size_t max = 40, i, n = 0;
  char *out = xmalloc (max * 4 + 8);
  char *p = out;

  *p++ = '\'';
  for (i = 0; i < len && n < max; i++, n++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c < 0x20 || c == 0x7f)
        p += sprintf (p, "\\x%02X", c);
      else
        *p++ = (char) c;
    }
  /* Do not cut a UTF-8 sequence in half.  */
  if (i < len)
    {
      while (p > out + 1 && ((unsigned char) p[-1] & 0xC0) == 0x80)
        p--;
      if (p > out + 1 && ((unsigned char) p[-1] & 0xC0) == 0xC0)
        p--;
      memcpy (p, "...", 3);
      p += 3;
    }
  *p++ = '\'';
  *p = '\0';
  return out;
}

void
ytree_free (struct ynode *n)
{
  if (!n)
    return;
  for (size_t i = 0; i < n->n; i++)
    ytree_free (n->items[i]);
  free (n->items);
  free (n->str);
  free (n);
}

size_t
ynode_count (const struct ynode *n)
{
  return n->kind == YN_MAP ? n->n / 2 : n->n;
}

const struct ynode *
ynode_get (const struct ynode *n, const char *key)
{
  if (!n || n->kind != YN_MAP)
    return NULL;
  for (size_t i = 0; i + 1 < n->n; i += 2)
    if (strcmp (n->items[i]->str, key) == 0)
      return n->items[i + 1];
  return NULL;
}

/* Length of the UTF-8 sequence at S (AVAIL bytes), its code point in *CP;
 * 0 if it is not valid (overlong, surrogate, beyond U+10FFFF, cut). */
static size_t
utf8_decode (const unsigned char *s, size_t avail, unsigned *cp)
{
  unsigned c = s[0], min, v;
  size_t len;

  if (c < 0x80)
    {
      *cp = c;
      return 1;
    }
  if ((c & 0xE0) == 0xC0)
    len = 2, min = 0x80, v = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    len = 3, min = 0x800, v = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    len = 4, min = 0x10000, v = c & 0x07;
  else
    return 0;
  if (len > avail)
    return 0;
  for (size_t i = 1; i < len; i++)
    {
      if ((s[i] & 0xC0) != 0x80)
        return 0;
      v = (v << 6) | (s[i] & 0x3F);
    }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

/* Line and column (1-based, in characters) of byte OFFSET of BUF. */
static void
offset_mark (const unsigned char *buf, size_t len, size_t offset,
             unsigned *line, unsigned *col)
{
  unsigned l = 1, c = 1;
  for (size_t i = 0; i < offset && i < len; i++)
    {
      if (buf[i] == '\n')
        l++, c = 1;
      else if ((buf[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *col = c;
}

/* Check that BUF is UTF-8 text libyaml accepts; an error message or NULL. */
static char *
check_text (const char *file, const unsigned char *buf, size_t len)
{
  size_t i = 0;
  unsigned line, col;

  while (i < len)
    {
      unsigned cp;
      size_t n = utf8_decode (buf + i, len - i, &cp);
      if (n == 0)
        {
          offset_mark (buf, len, i, &line, &col);
          return ytree_error (file, line, col,
                              _("found the byte 0x%02X, which is not valid "
                                "UTF-8; expected UTF-8 text"), buf[i]);
        }
      if (cp == 0)
        {
          offset_mark (buf, len, i, &line, &col);
          return ytree_error (file, line, col, "%s",
                              _("found a NUL byte; expected text"));
        }
      if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
          || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85)
          || cp == 0xFFFE || cp == 0xFFFF)
        {
          offset_mark (buf, len, i, &line, &col);
          return ytree_error (file, line, col,
                              _("found the control character U+%04X; "
                                "expected printable text"), cp);
        }
      i += n;
    }
  return NULL;
}

static struct ynode *
node_new (enum ynode_kind kind, const yaml_mark_t *m)
{
  struct ynode *n = xcalloc (1, sizeof *n);
  n->kind = kind;
  n->line = (unsigned) m->line + 1;
  n->col = (unsigned) m->column + 1;
  return n;
}

static void
node_append (struct ynode *parent, struct ynode *child)
{
  if (parent->n == parent->cap)
    {
      parent->cap = parent->cap ? parent->cap * 2 : 8;
      parent->items = xreallocarray (parent->items, parent->cap,
                                     sizeof *parent->items);
    }
  parent->items[parent->n++] = child;
}

static int
key_cmp (const void *a, const void *b)
{
  const struct ynode *x = *(const struct ynode *const *) a;
  const struct ynode *y = *(const struct ynode *const *) b;
  int c = strcmp (x->str, y->str);
  if (c)
    return c;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->col < y->col ? -1 : x->col > y->col;
}

/* A duplicate key of mapping M, as an error message, or NULL. */
static char *
check_duplicates (const char *file, const struct ynode *m)
{
  size_t nk = m->n / 2;
  const struct ynode **keys;
  const struct ynode *dup = NULL, *first = NULL;
  char *err = NULL;

  if (nk < 2)
    return NULL;
  keys = xreallocarray (NULL, nk, sizeof *keys);
  for (size_t i = 0; i < nk; i++)
    keys[i] = m->items[2 * i];
  qsort (keys, nk, sizeof *keys, key_cmp);
  for (size_t i = 1; i < nk; i++)
    if (strcmp (keys[i - 1]->str, keys[i]->str) == 0
        && (!dup || keys[i]->line < dup->line
            || (keys[i]->line == dup->line && keys[i]->col < dup->col)))
      {
        dup = keys[i];
        first = keys[i - 1];
      }
  if (dup)
    {
      char *q = ytree_quote (dup->str, dup->len);
      err = ytree_error (file, dup->line, dup->col,
                         _("found the key %s a second time (first at "
                           "line %u); expected each key once"),
                         q, first->line);
      free (q);
    }
  free (keys);
  return err;
}

/* The message for a libyaml error of P. */
static char *
libyaml_error (const char *file, const yaml_parser_t *p,
               const unsigned char *buf, size_t len)
{
  unsigned line, col;
  const char *problem = p->problem ? p->problem : "unknown problem";
  const char *text;
  char *where;

  if (p->error == YAML_MEMORY_ERROR)
    return xasprintf ("%s: %s", file, _("out of memory while parsing"));
  if (p->error == YAML_READER_ERROR)
    {
      offset_mark (buf, len, p->problem_offset, &line, &col);
      return ytree_error (file, line, col,
                          _("found unreadable text (%s); expected UTF-8 "
                            "text"), problem);
    }
  line = (unsigned) p->problem_mark.line + 1;
  col = (unsigned) p->problem_mark.column + 1;
  text = ytree_problem_text (p->problem);
  where = text ? ytree_context_text (p->context,
                                    (unsigned) p->context_mark.line + 1)
               : NULL;
  if (where)
    {
      /* TRANSLATORS: a YAML error (%1$s, "found ...; expected ...") and
         where the part that holds it starts (%2$s, "in the mapping that
         starts at line 3"). */
      char *err = ytree_error (file, line, col, _("%s (%s)"), text, where);
      free (where);
      return err;
    }
  if (text)
    return ytree_error (file, line, col, "%s", text);
  if (p->context)
    return ytree_error (file, line, col,
                        _("found invalid YAML (%s %s at line %u); expected "
                          "well-formed YAML"), problem, p->context,
                        (unsigned) p->context_mark.line + 1);
  return ytree_error (file, line, col,
                      _("found invalid YAML (%s); expected well-formed "
                        "YAML"), problem);
}

/* Reject the anchor and tag a node event may carry. */
static char *
check_props (const char *file, const yaml_event_t *ev,
             const yaml_char_t *anchor, const yaml_char_t *tag)
{
  unsigned line = (unsigned) ev->start_mark.line + 1;
  unsigned col = (unsigned) ev->start_mark.column + 1;
  char *q, *err;

  if (anchor)
    {
      char *a = xasprintf ("&%s", (const char *) anchor);
      q = ytree_quote (a, strlen (a));
      free (a);
      err = ytree_error (file, line, col,
                         _("found the anchor %s; expected plain values "
                           "(anchors and aliases are not supported)"), q);
      free (q);
      return err;
    }
  if (tag)
    {
      q = ytree_quote ((const char *) tag, strlen ((const char *) tag));
      err = ytree_error (file, line, col,
                         _("found the tag %s; expected untagged values "
                           "(tags are not supported)"), q);
      free (q);
      return err;
    }
  return NULL;
}

struct ynode *
ytree_parse (const char *file, const unsigned char *buf, size_t len,
             char **err)
{
  yaml_parser_t p;
  yaml_event_t ev;
  struct ynode *stack[YTREE_MAX_DEPTH];
  struct ynode *root = NULL;
  size_t depth = 0, nodes = 0;
  unsigned docs = 0;
  char *msg = NULL;
  bool done = false;

  *err = NULL;
  if (len > YTREE_MAX_FILE)
    {
      *err = xasprintf (_("%s: found %zu bytes; expected at most %u (4 MiB)"),
                        file, len, YTREE_MAX_FILE);
      return NULL;
    }
  /* A UTF-8 byte order mark is allowed; libyaml, told the encoding,
     would take it for text.  */
  if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
    {
      buf += 3;
      len -= 3;
    }
  if ((msg = check_text (file, buf, len)))
    {
      *err = msg;
      return NULL;
    }
  if (!yaml_parser_initialize (&p))
    {
      *err = xasprintf ("%s: %s", file, _("out of memory while parsing"));
      return NULL;
    }
  yaml_parser_set_input_string (&p, buf, len);
  yaml_parser_set_encoding (&p, YAML_UTF8_ENCODING);

  while (!done && !msg)
    {
      struct ynode *n = NULL;
      unsigned line, col;

      if (!yaml_parser_parse (&p, &ev))
        {
          msg = libyaml_error (file, &p, buf, len);
          break;
        }
      line = (unsigned) ev.start_mark.line + 1;
      col = (unsigned) ev.start_mark.column + 1;
      switch (ev.type)
        {
        case YAML_STREAM_END_EVENT:
          done = true;
          break;
        case YAML_DOCUMENT_START_EVENT:
          if (++docs > 1)
            msg = ytree_error (file, line, col, "%s",
                               _("found a second document; expected one "
                                 "document per file"));
          break;
        case YAML_ALIAS_EVENT:
          {
            char *a = xasprintf ("*%s", (const char *) ev.data.alias.anchor);
            char *q = ytree_quote (a, strlen (a));
            free (a);
            msg = ytree_error (file, line, col,
                               _("found the alias %s; expected plain values "
                                 "(anchors and aliases are not supported)"),
                               q);
            free (q);
          }
          break;
        case YAML_SCALAR_EVENT:
          if ((msg = check_props (file, &ev, ev.data.scalar.anchor,
                                  ev.data.scalar.tag)))
            break;
          if (ev.data.scalar.length > YTREE_MAX_SCALAR)
            {
              msg = ytree_error (file, line, col,
                                 _("found a value of %zu bytes; expected at "
                                   "most %u"), ev.data.scalar.length,
                                 YTREE_MAX_SCALAR);
              break;
            }
          if (memchr (ev.data.scalar.value, 0, ev.data.scalar.length))
            {
              msg = ytree_error (file, line, col, "%s",
                                 _("found a NUL character in a string; "
                                   "expected text"));
              break;
            }
          n = node_new (YN_SCALAR, &ev.start_mark);
          n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
          n->len = ev.data.scalar.length;
          n->str = xstrndup ((const char *) ev.data.scalar.value, n->len);
          break;
        case YAML_SEQUENCE_START_EVENT:
          if (!(msg = check_props (file, &ev, ev.data.sequence_start.anchor,
                                   ev.data.sequence_start.tag)))
            n = node_new (YN_SEQ, &ev.start_mark);
          break;
        case YAML_MAPPING_START_EVENT:
          if (!(msg = check_props (file, &ev, ev.data.mapping_start.anchor,
                                   ev.data.mapping_start.tag)))
            n = node_new (YN_MAP, &ev.start_mark);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          if (depth > 0)
            {
              depth--;
              if (stack[depth]->kind == YN_MAP)
                msg = check_duplicates (file, stack[depth]);
            }
          break;
        default:
          break;
        }
      yaml_event_delete (&ev);
      if (!n)
        continue;
      if (++nodes > YTREE_MAX_NODES)
        {
          msg = ytree_error (file, n->line, n->col,
                             _("found more than %u values; expected a "
                               "smaller scenario"), YTREE_MAX_NODES);
          ytree_free (n);
          break;
        }
      if (depth == 0)
        {
          ytree_free (root);
          root = n;
        }
      else
        {
          struct ynode *parent = stack[depth - 1];
          if (parent->kind == YN_MAP && parent->n % 2 == 0
              && n->kind != YN_SCALAR)
            {
              msg = ytree_error (file, n->line, n->col, "%s",
                                 n->kind == YN_MAP
                                 ? _("found a mapping used as a key; "
                                     "expected a plain key")
                                 : _("found a list used as a key; "
                                     "expected a plain key"));
              ytree_free (n);
              break;
            }
          node_append (parent, n);
        }
      if (n->kind != YN_SCALAR)
        {
          if (depth == YTREE_MAX_DEPTH)
            {
              msg = ytree_error (file, n->line, n->col,
                                 _("found values nested more than %u deep; "
                                   "expected a flatter scenario"),
                                 YTREE_MAX_DEPTH);
              break;
            }
          stack[depth++] = n;
        }
    }
  yaml_parser_delete (&p);
  if (!msg && !root)
    msg = ytree_error (file, 1, 1, "%s",
                       _("found an empty file; expected a scenario (a "
                         "mapping with title, machine, processes and "
                         "steps)"));
  if (msg)
    {
      ytree_free (root);
      *err = msg;
      return NULL;
    }
  return root;
}
