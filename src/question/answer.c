/* answer.c: reading what a student typed.  An answer is rows (separated
 * by ';', '|' or newlines) of items (separated by spaces, tabs or
 * commas); an item is a number (decimal or 0x-hex, optionally followed by
 * a size suffix such as KiB or a unit word such as "bits"), a decimal,
 * fraction or percentage, a word, or '-' / '.' for nothing. */
#include "system.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <strings.h>

#include "numparse.h"
#include "question/question-internal.h"
#include "question/words.h"

/* Unit words that follow a number and change nothing. */
static const char *const units[] = {
  "bit", "bits", "ns", "entries", "entry", "bytes", "byte", "pages", "page",
  "faults", "hits", "misses", "levels", NULL
};

/* Size suffixes typed as a separate word: the multiplier. */
static uint64_t
suffix_mult (const char *w)
{
  static const struct { const char *s; uint64_t m; } tab[] = {
    { "b", 1 }, { "k", 1ull << 10 }, { "kb", 1ull << 10 },
    { "kib", 1ull << 10 }, { "m", 1ull << 20 }, { "mb", 1ull << 20 },
    { "mib", 1ull << 20 }, { "g", 1ull << 30 }, { "gb", 1ull << 30 },
    { "gib", 1ull << 30 }, { "t", 1ull << 40 }, { "tb", 1ull << 40 },
    { "tib", 1ull << 40 },
  };
  for (size_t i = 0; i < ARRAY_SIZE (tab); i++)
    if (strcmp (w, tab[i].s) == 0)
      return tab[i].m;
  return 0;
}

void
qa_item (const char *text, size_t len, struct qa_item *it)
{
  char s[64], *end;
  size_t n;

  memset (it, 0, sizeof *it);
  it->type = QA_BAD;
  /* Brackets and a trailing ')' are decoration. */
  while (len && strchr ("[({", *text))
    text++, len--;
  while (len && strchr ("])}", text[len - 1]))
    len--;
  n = len < sizeof it->w - 1 ? len : sizeof it->w - 1;
  memcpy (it->w, text, n);
  it->w[n] = '\0';
  if (len == 0 || len >= sizeof s)
    return;
  memcpy (s, text, len);
  s[len] = '\0';
  /* A unit written against the number: "130ns", "12bits". */
  if (isdigit ((unsigned char) s[0]))
    {
      static const char *const glued[] = { "ns", "bits", "bit" };
      for (size_t i = 0; i < ARRAY_SIZE (glued); i++)
        {
          size_t ul = strlen (glued[i]);
          if (len > ul && strcasecmp (s + len - ul, glued[i]) == 0)
            {
              len -= ul;
              s[len] = '\0';
              break;
            }
        }
    }
  if (strcmp (s, "-") == 0 || strcmp (s, ".") == 0 || strcmp (s, "_") == 0)
    {
      it->type = QA_EMPTY;
      return;
    }
  /* A word: ASCII letters, or letters of another script (any byte of
     a multibyte character), as answer words may be translated.  */
  if (isalpha ((unsigned char) s[0]) || (unsigned char) s[0] >= 0x80)
    {
      size_t nchars = 0;
      for (size_t i = 0; i < len; i++)
        nchars += ((unsigned char) s[i] & 0xc0) != 0x80;
      if (len >= sizeof it->w || nchars > 23)
        return;                 /* no answer word is that long */
      for (size_t i = 0; i < len; i++)
        {
          if (!isalnum ((unsigned char) s[i]) && s[i] != '_' && s[i] != '-'
              && (unsigned char) s[i] < 0x80)
            return;
          it->w[i] = (char) tolower ((unsigned char) s[i]);
        }
      it->type = QA_WORD;
      return;
    }
  if (parse_size (s, &it->u))
    {
      it->type = QA_NUM;
      it->d = (double) it->u;
      return;
    }
  if (strchr (s, 'x') || strchr (s, 'X'))
    return;
  if (len > 1 && s[len - 1] == '%')
    {
      s[len - 1] = '\0';
      errno = 0;
      it->d = strtod (s, &end);
      if (!*end && !errno && isfinite (it->d) && it->d >= 0)
        {
          it->d /= 100.0;
          it->type = QA_REAL;
        }
      return;
    }
  if ((end = strchr (s, '/')))
    {
      uint64_t a, b;
      *end = '\0';
      if (parse_u64 (s, &a) && parse_u64 (end + 1, &b) && b)
        {
          it->d = (double) a / (double) b;
          it->type = QA_REAL;
        }
      return;
    }
  if (isdigit ((unsigned char) s[0]) || s[0] == '.')
    {
      errno = 0;
      it->d = strtod (s, &end);
      if (!*end && !errno && isfinite (it->d) && it->d >= 0)
        {
          it->type = QA_REAL;
          /* "12.0" is the whole number 12. */
          if (it->d == floor (it->d) && it->d < 0x1p53)
            {
              it->type = QA_NUM;
              it->u = (uint64_t) it->d;
            }
        }
    }
}

void
qa_parse (const char *given, struct qa_parsed *p)
{
  const char *s = given;

  p->n = p->nrows = 0;
  while (*s && p->n < QA_MAX)
    {
      size_t row_start = p->n;
      while (*s && !strchr (";|\n", *s) && p->n < QA_MAX)
        {
          size_t len;
          s += strspn (s, " \t\r,");
          len = strcspn (s, " \t\r,;|\n");
          if (len == 0)
            continue;
          qa_item (s, len, &p->items[p->n]);
          s += len;
          {
            struct qa_item *it = &p->items[p->n];
            struct qa_item *prev = p->n > row_start ? it - 1 : NULL;
            uint64_t m;
            if (it->type == QA_WORD && prev && prev->type == QA_NUM)
              {
                bool unit = false;
                for (size_t i = 0; units[i]; i++)
                  unit |= strcmp (it->w, units[i]) == 0;
                if (unit)
                  continue;
                m = suffix_mult (it->w);
                if (m && prev->u <= UINT64_MAX / m)
                  {
                    prev->u *= m;
                    prev->d = (double) prev->u;
                    continue;
                  }
              }
            if (it->type == QA_WORD && prev && prev->type == QA_REAL)
              {
                bool unit = false;
                for (size_t i = 0; units[i]; i++)
                  unit |= strcmp (it->w, units[i]) == 0;
                if (unit)
                  continue;
              }
          }
          p->n++;
        }
      if (p->n > row_start)
        {
          p->starts[p->nrows] = row_start;
          p->lens[p->nrows] = p->n - row_start;
          p->nrows++;
        }
      if (*s)
        s++;
    }
}

bool
qa_is (const struct qa_item *it, uint64_t n)
{
  if (it->type == QA_NUM)
    return it->u == n;
  if (it->type == QA_REAL)
    return it->d == (double) n && it->d < 0x1p63;
  return false;
}

bool
qa_is_word (const struct qa_item *it, const char *w)
{
  return it->type == QA_WORD && answer_word_is (it->w, w);
}

bool
qa_real (const struct qa_item *it, double *d)
{
  if (it->type != QA_NUM && it->type != QA_REAL)
    return false;
  *d = it->d;
  return true;
}
