/* words.c: answer words in English and in the user's language (the
 * catalogue's "answer" context).  A translation may list several forms
 * separated by '|': every one is accepted, the first is shown. */
#include "system.h"

#include <strings.h>

#include "question/words.h"

/* Every answer word, marked for the catalogue in the "answer" context. */
static const char *const words[] = {
  /* TRANSLATORS: the "answer" context holds the words a student types as
     an answer and sees as the right answer: one word or a short phrase,
     lower case.  Several accepted forms may be separated by '|' (the
     first is shown); the English word is always accepted too.  A TLB
     result or the result of an access: */
  NC_ ("answer", "hit"),
  /* TRANSLATORS: a TLB result. */
  NC_ ("answer", "miss"),
  /* TRANSLATORS: no page was evicted (no victim). */
  NC_ ("answer", "none"),
  /* TRANSLATORS: the access faults (no physical address). */
  NC_ ("answer", "fault"),
  /* TRANSLATORS: a minor page fault. */
  NC_ ("answer", "minor"),
  /* TRANSLATORS: a major page fault. */
  NC_ ("answer", "major"),
  /* TRANSLATORS: a copy-on-write fault. */
  NC_ ("answer", "cow"),
  /* TRANSLATORS: a segmentation fault. */
  NC_ ("answer", "segv"),
  /* TRANSLATORS: the out-of-memory killer. */
  NC_ ("answer", "oom"),
  /* TRANSLATORS: a read access. */
  NC_ ("answer", "read"),
  /* TRANSLATORS: a write access. */
  NC_ ("answer", "write"),
  NC_ ("answer", "yes"),
  NC_ ("answer", "no"),
};

/* The translation of WORD in the "answer" context, or NULL. */
static const char *
translated (const char *word)
{
#if ENABLE_NLS
  char key[64];
  const char *t;
  bool known = false;

  for (size_t i = 0; i < ARRAY_SIZE (words); i++)
    known |= strcmp (words[i], word) == 0;
  if (!known || strlen (word) + 8 > sizeof key)
    return NULL;
  snprintf (key, sizeof key, "answer\004%s", word);
  t = gettext (key);
  return t == key || strcmp (t, key) == 0 ? NULL : t;
#else
  (void) word;
  return NULL;
#endif
}

bool
answer_word_is (const char *given, const char *word)
{
  const char *t;

  if (strcasecmp (given, word) == 0)
    return true;
  t = translated (word);
  while (t && *t)
    {
      size_t n = strcspn (t, "|");
      if (n > 0 && strlen (given) == n && strncasecmp (given, t, n) == 0)
        return true;
      t += n;
      if (*t == '|')
        t++;
    }
  return false;
}

const char *
answer_word (const char *word)
{
  static char buf[4][64];
  static int next;
  const char *t = translated (word);
  size_t n;

  if (!t || !*t)
    return word;
  n = strcspn (t, "|");
  if (t[n] == '\0')
    return t;
  if (n >= sizeof buf[0])
    return word;
  next = (next + 1) % 4;
  memcpy (buf[next], t, n);
  buf[next][n] = '\0';
  return buf[next];
}
