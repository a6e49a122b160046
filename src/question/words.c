/* words.c: answer words in English and in the user's language (the
 * catalogue's "answer" context).  A translation may list several forms
 * separated by '|': every one is accepted, the first is shown. */
#include "system.h"

#include <strings.h>
#include <limits.h>
#include <wchar.h>
#include <wctype.h>

#include "util.h"
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

/* True when the N bytes at S are one of the English answer words. */
static const char *
english_word (const char *s, size_t n)
{
  for (size_t i = 0; i < ARRAY_SIZE (words); i++)
    if (strlen (words[i]) == n && strncasecmp (words[i], s, n) == 0)
      return words[i];
  return NULL;
}

static bool
is_sep (char c)
{
  return strchr (" \t\n,;|()[]{}", c) != NULL;
}

char *
answer_words_english (const char *given, const char *prefer)
{
  size_t cap = strlen (given) + 1, len = 0;
  char *out;
  const char *p = given;

  for (size_t i = 0; i < ARRAY_SIZE (words); i++)
    cap += strlen (words[i]);
  out = xmalloc (cap + strlen (given) * 8);
  while (*p)
    {
      size_t n = 0;
      const char *w = NULL;
      char tok[64];
      if (is_sep (*p))
        {
          out[len++] = *p++;
          continue;
        }
      while (p[n] && !is_sep (p[n]))
        n++;
      if (n < sizeof tok && !english_word (p, n))
        {
          memcpy (tok, p, n);
          tok[n] = '\0';
          /* The words of PREFER first, then every word.  */
          for (const char *q = prefer ? prefer : ""; *q && !w;)
            {
              size_t m = 0;
              while (q[m] && !is_sep (q[m]))
                m++;
              const char *e = m ? english_word (q, m) : NULL;
              if (e && answer_word_is (tok, e))
                w = e;
              q += m;
              while (*q && is_sep (*q))
                q++;
            }
          for (size_t i = 0; i < ARRAY_SIZE (words) && !w; i++)
            if (answer_word_is (tok, words[i]))
              w = words[i];
        }
      if (w)
        {
          memcpy (out + len, w, strlen (w));
          len += strlen (w);
        }
      else
        {
          memcpy (out + len, p, n);
          len += n;
        }
      p += n;
    }
  out[len] = '\0';
  return out;
}

bool
answer_is_yes (const char *line)
{
  const char *yes = answer_word ("yes");
  char word[64];
  size_t n;
  mbstate_t a, b;
  wchar_t wl, wy;

  while (*line == ' ' || *line == '\t')
    line++;
  if (*line == 'y' || *line == 'Y')
    return true;
  n = strcspn (line, " \t\r\n");
  if (n > 0 && n < sizeof word)
    {
      memcpy (word, line, n);
      word[n] = '\0';
      if (answer_word_is (word, "yes"))
        return true;
    }
  /* The first letter of the word for yes.  */
  memset (&a, 0, sizeof a);
  memset (&b, 0, sizeof b);
  if (strcmp (yes, "yes") == 0
      || mbrtowc (&wl, line, strlen (line), &a) > 4
      || mbrtowc (&wy, yes, strlen (yes), &b) > 4)
    return false;
  return wl != 0 && towlower ((wint_t) wl) == towlower ((wint_t) wy);
}

bool
answer_yes_key (unsigned ch)
{
  char buf[MB_LEN_MAX + 1];
  mbstate_t st;
  size_t n;

  memset (&st, 0, sizeof st);
  n = wcrtomb (buf, (wchar_t) ch, &st);
  if (n == (size_t) -1)
    return false;
  buf[n] = '\0';
  return answer_is_yes (buf);
}
