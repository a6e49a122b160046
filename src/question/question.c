/* question.c: making a variant (with rejection sampling), checking and
 * explaining it by its kind's operations, and the small helpers the
 * kinds share (text buffers, results, policy titles). */
#include "system.h"

#include <stdarg.h>
#include <wchar.h>

#include "util.h"
#include "question/question-internal.h"

struct q_variant *
q_generate (const struct q_spec *spec, uint64_t seed, char **err)
{
  struct q_rng rng;
  const char *reject = NULL;

  *err = NULL;
  q_rng_init (&rng, seed);
  for (unsigned t = 0; t < Q_MAX_TRIES; t++)
    {
      struct q_variant *v = xcalloc (1, sizeof *v);
      v->kind = spec->kind;
      v->seed = seed;
      if (spec->ops->generate (spec, &rng, v, err, &reject))
        return v;
      q_variant_free (v);
      if (*err)
        return NULL;
    }
  /* Blame the parameter that rejected the last try, where it is written
     (or the question, for a default). */
  {
    const struct qp_value *pv = reject ? q_param (spec, reject) : NULL;
    unsigned line = pv && pv->line ? pv->line : spec->line;
    unsigned col = pv && pv->line ? pv->col : spec->col;
    *err = xasprintf (_("%s:%u:%u: no %s question satisfies '%s' in %u "
                        "tries; ask for less"),
                      spec->file, line, col, spec->ops->name,
                      reject ? reject : "?", (unsigned) Q_MAX_TRIES);
  }
  return NULL;
}

void
q_variant_free (struct q_variant *v)
{
  if (!v)
    return;
  if (v->priv)
    q_kind_ops_of (v->kind)->free_priv (v->priv);
  free (v->prompt);
  free (v->hint);
  free (v->typed);
  if (v->data)
    json_object_put (v->data);
  if (v->answer)
    json_object_put (v->answer);
  free (v);
}

void
q_check (const struct q_variant *v, const char *given, struct q_result *out)
{
  const char *p = given ? given : "";

  out->score = 0;
  out->understood = true;
  out->feedback = NULL;
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (!*p)
    {
      out->understood = false;
      out->feedback = xstrdup (_("No answer."));
      return;
    }
  q_kind_ops_of (v->kind)->check (v, p, out);
  if (out->score < 0)
    out->score = 0;
  if (out->score > 1)
    out->score = 1;
}

void
q_result_free (struct q_result *r)
{
  free (r->feedback);
  r->feedback = NULL;
}

char *
q_explain (const struct q_variant *v)
{
  return q_kind_ops_of (v->kind)->explain (v);
}

void
qb_printf (struct qbuf *b, const char *fmt, ...)
{
  va_list ap;
  char *s;
  size_t n;

  va_start (ap, fmt);
  s = xvasprintf (fmt, ap);
  va_end (ap);
  n = strlen (s);
  if (b->len + n + 1 > b->cap)
    {
      b->cap = (b->len + n + 1) * 2;
      b->s = xrealloc (b->s, b->cap);
    }
  memcpy (b->s + b->len, s, n + 1);
  b->len += n;
  free (s);
}

void
qb_sentence (struct qbuf *b, const char *s)
{
  /* TRANSLATORS: a sentence (%s) after another one in a question or
     its feedback: a space before it in English, nothing in Chinese ("。"
     ends the sentence before it already). */
  qb_printf (b, C_ ("sentences", " %s"), s);
}

char *
qb_take (struct qbuf *b)
{
  char *s = b->s ? b->s : xstrdup ("");
  /* No trailing newline. */
  size_t n = strlen (s);
  while (n && s[n - 1] == '\n')
    s[--n] = '\0';
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void
qb_pad (struct qbuf *b, const char *s, int width)
{
  int w = mbs_width (s);
  qb_printf (b, "%s", s);
  for (; w < width; w++)
    qb_printf (b, " ");
}

void
q_result_set (struct q_result *out, double score, struct qbuf *b)
{
  out->score = score;
  out->feedback = qb_take (b);
}

void
q_result_unread (struct q_result *out, const char *given,
                 const char *expected)
{
  char shown[48];
  size_t n = strcspn (given, "\n");

  /* At most 40 bytes, cut at a character boundary, control bytes shown
     as '?': the text is the student's and goes to a terminal. */
  if (n > 40)
    {
      n = 40;
      while (n > 0 && ((unsigned char) given[n] & 0xc0) == 0x80)
        n--;
    }
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) given[i];
      shown[i] = c < 0x20 || c == 0x7f ? '?' : (char) c;
    }
  shown[n] = '\0';
  out->score = 0;
  out->understood = false;
  out->feedback = xasprintf (_("Could not read \"%s\"; expected %s."), shown,
                             expected);
}

char *
q_size_text (uint64_t bytes)
{
  static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
  uint64_t x = bytes;
  int u = -1;

  while (x >= 1024 && x % 1024 == 0 && u < 3)
    x /= 1024, u++;
  if (u < 0)
    return xasprintf (ngettext ("%llu byte", "%llu bytes", bytes),
                      (unsigned long long) bytes);
  return xasprintf ("%llu %s", (unsigned long long) x, units[u]);
}

const char *
q_policy_title (enum vm_policy p)
{
  switch (p)
    {
    case VM_POLICY_FIFO: return "FIFO";
    case VM_POLICY_LRU: return "LRU";
    case VM_POLICY_CLOCK: return "Clock";
    case VM_POLICY_OPT: return "OPT";
    case VM_POLICY_SECOND_CHANCE: return _("second chance");
    case VM_POLICY_MRU: return "MRU";
    case VM_POLICY_LFU: return "LFU";
    case VM_POLICY_MFU: return "MFU";
    case VM_POLICY_NFU: return "NFU";
    case VM_POLICY_AGING: return _("aging");
    case VM_POLICY_NRU: return "NRU";
    case VM_POLICY_2Q: return "2Q";
    case VM_POLICY_WSCLOCK: return "WSClock";
    case VM_POLICY_WS: return _("working set");
    default: return vm_policy_name (p);
    }
}
