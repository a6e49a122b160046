/* numeric.c: checking a one-number answer against a list of known
 * mistakes, shared by the formula kinds (eat.c, sizes.c). */
#include "system.h"

#include <math.h>

#include "util.h"
#include "question/numeric.h"

/* Within TOL of X (exact for integers when TOL is 0). */
static bool
near (double given, double x, double tol)
{
  return fabs (given - x) <= tol * (1 + 1e-9);
}

void
q_check_number (const struct q_variant *v, const char *given, double right,
                const char *right_text, const struct q_mistake *m, size_t nm,
                struct q_result *out)
{
  static struct qa_parsed a;
  struct qbuf b = { 0 };
  double x;

  qa_parse (given, &a);
  if (a.n != 1 || !qa_real (&a.items[0], &x))
    {
      q_result_unread (out, given, _("a number"));
      return;
    }
  if (v->tolerance == 0 && a.items[0].type == QA_NUM && right < 0x1p63)
    {
      if (a.items[0].u == (uint64_t) right)
        goto ok;
    }
  else if (near (x, right, v->tolerance))
    goto ok;
  qb_printf (&b, _("Not %s: the answer is %s."), a.items[0].w, right_text);
  for (size_t i = 0; i < nm; i++)
    if (m[i].value != right && near (x, m[i].value, v->tolerance))
      {
        qb_sentence (&b, m[i].why);
        break;
      }
  q_result_set (out, 0, &b);
  return;
ok:
  qb_printf (&b, _("Right: %s."), right_text);
  q_result_set (out, 1, &b);
}

char *
q_format_real (double x)
{
  /* Six significant digits: never more than 5e-6 from X, far inside any
     tolerance, and short to type. */
  return xasprintf ("%.6g", x);
}

json_object *
q_json_real (double x)
{
  char buf[40];

  snprintf (buf, sizeof buf, "%.12g", x);
  return json_object_new_double_s (x, buf);
}
