/* yaml-tree.h: a small YAML tree with line:column marks, built from
 * libyaml's event API under strict limits (size, depth, node count,
 * scalar length; no anchors, aliases or tags; one document; no duplicate
 * keys).  The scenario loader walks it; nothing else needs libyaml. */
#ifndef VMTUTOR_YAML_TREE_H
#define VMTUTOR_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#define YTREE_MAX_FILE (4u << 20)     /* bytes of a scenario file */
#define YTREE_MAX_SCALAR (64u << 10)  /* bytes of one scalar */
#define YTREE_MAX_DEPTH 64            /* nested collections */
#define YTREE_MAX_NODES 250000        /* nodes of the whole tree */

enum ynode_kind
{
  YN_SCALAR,
  YN_SEQ,
  YN_MAP
};

/* A node.  Marks are 1-based.  A scalar's STR is NUL-terminated and holds
 * no NUL byte.  A mapping keeps its keys (always scalars) at ITEMS[2i] and
 * their values at ITEMS[2i + 1], in file order. */
struct ynode
{
  enum ynode_kind kind;
  unsigned line, col;
  bool plain;           /* an unquoted scalar */
  char *str;
  size_t len;
  struct ynode **items;
  size_t n, cap;
};

/* Parse BUF (LEN bytes) named FILE (for messages) into a tree.  On error
 * return NULL and set *ERR to "FILE:LINE:COL: found ...; expected ...". */
struct ynode *ytree_parse (const char *file, const unsigned char *buf,
                           size_t len, char **err);

/* Free a tree (NULL is allowed). */
void ytree_free (struct ynode *n);

/* Number of key/value pairs of a mapping, items of a sequence. */
size_t ynode_count (const struct ynode *n);

/* The value of KEY in mapping N, or NULL. */
const struct ynode *ynode_get (const struct ynode *n, const char *key);

/* "FILE:LINE:COL: " + formatted message, newly allocated. */
char *ytree_error (const char *file, unsigned line, unsigned col,
                   const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* The translated sentence for libyaml's PROBLEM string ("did not find
 * expected key"), or NULL for a problem without one. */
const char *ytree_problem_text (const char *problem);
/* Where the part of the text that holds the problem starts, from
 * libyaml's CONTEXT ("while parsing a block mapping") and its LINE, as a
 * translated phrase ("in the mapping that starts at line 3"); NULL for a
 * context that says nothing more.  Newly allocated. */
char *ytree_context_text (const char *context, unsigned line);

/* Quote at most 40 characters of S (LEN bytes) for a message, escaping
 * control bytes: 'text' or 'long tex...'.  Newly allocated. */
char *ytree_quote (const char *s, size_t len);

#endif
