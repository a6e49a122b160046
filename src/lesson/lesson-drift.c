/* lesson-drift.c: a translated lesson must keep the structure of its
 * English original (issue 13): the same machine, processes, regions,
 * steps (kinds, count, order), accesses, checkpoint ids, `what:`,
 * answers and choice counts.  Only the human text may differ: the
 * scalars of title, about, page, say, pause, question, hint, why, text,
 * explain and the items of choices (a number under those keys, as in
 * `page: 3` of an access, must stay the same). */
#include "system.h"

#include "util.h"
#include "scenario/yaml-tree.h"
#include "lesson/lesson.h"

static const char *const text_keys[] = {
  "title", "about", "page", "say", "pause", "question", "hint", "why",
  "text", "explain", "choices", NULL
};

static bool
is_text_key (const char *key)
{
  for (size_t i = 0; key && text_keys[i]; i++)
    if (strcmp (key, text_keys[i]) == 0)
      return true;
  return false;
}

static const char *
kind_name (enum ynode_kind k)
{
  return k == YN_SCALAR ? _("a scalar") : k == YN_SEQ ? _("a list")
    : _("a mapping");
}

/* The first difference of T from E under KEY, as "LINE:COL: message"
   of T, or NULL. */
static char *
diff (const struct ynode *e, const struct ynode *t, const char *key)
{
  if (e->kind != t->kind)
    /* TRANSLATORS: line:column of a translated lesson, what it has
       there ("a list"), where the English lesson has what. */
    return xasprintf (_("%u:%u: %s where the original (line %u) has %s"),
                      t->line, t->col, kind_name (t->kind), e->line,
                      kind_name (e->kind));
  switch (e->kind)
    {
    case YN_SCALAR:
      if (is_text_key (key)
          && !(e->plain && e->len > 0 && e->str[0] >= '0' && e->str[0] <= '9'))
        return NULL;
      if (e->len != t->len || memcmp (e->str, t->str, e->len) != 0)
        return xasprintf (_("%u:%u: '%s' where the original (line %u) has "
                            "'%s'"), t->line, t->col, t->str, e->line, e->str);
      return NULL;
    case YN_SEQ:
      if (e->n != t->n)
        return xasprintf (ngettext ("%u:%u: %zu item where the original "
                                    "(line %u) has %zu",
                                    "%u:%u: %zu items where the original "
                                    "(line %u) has %zu", t->n),
                          t->line, t->col, t->n, e->line, e->n);
      for (size_t i = 0; i < e->n; i++)
        {
          char *d = diff (e->items[i], t->items[i], key);
          if (d)
            return d;
        }
      return NULL;
    case YN_MAP:
      for (size_t i = 0; i < e->n || i < t->n; i += 2)
        {
          if (i >= t->n)
            return xasprintf (_("%u:%u: no '%s' (the original has it at "
                                "line %u)"), t->line, t->col, e->items[i]->str,
                              e->items[i]->line);
          if (i >= e->n || strcmp (e->items[i]->str, t->items[i]->str) != 0)
            return i < e->n
              ? xasprintf (_("%u:%u: '%s' where the original has '%s'"),
                           t->items[i]->line, t->items[i]->col,
                           t->items[i]->str, e->items[i]->str)
              : xasprintf (_("%u:%u: '%s' where the original has no more "
                             "keys"), t->items[i]->line, t->items[i]->col,
                           t->items[i]->str);
          char *d = diff (e->items[i + 1], t->items[i + 1],
                          e->items[i]->str);
          if (d)
            return d;
        }
      return NULL;
    }
  return NULL;
}

static struct ynode *
parse (const char *file, char **err)
{
  size_t len;
  char *buf = read_file_max (file, YTREE_MAX_FILE, _("a lesson file"), &len,
                             err);
  struct ynode *n;
  if (!buf)
    return NULL;
  n = ytree_parse (file, (const unsigned char *) buf, len, err);
  free (buf);
  return n;
}

char *
lesson_drift (const char *original, const char *translation)
{
  char *err = NULL, *d;
  struct ynode *e = parse (original, &err), *t;

  if (!e)
    return err;
  t = parse (translation, &err);
  if (!t)
    {
      ytree_free (e);
      return err;
    }
  d = diff (e, t, NULL);
  ytree_free (e);
  ytree_free (t);
  if (!d)
    return NULL;
  err = xasprintf (_("%s:%s (the structure differs from %s)"), translation,
                   d, original);
  free (d);
  return err;
}
