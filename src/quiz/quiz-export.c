/* quiz-export.c: `--export=gift|moodle-xml [--variants=N]`: N variants
 * of every question for a course site.  A number is a numerical
 * question with its tolerance; an address (hex) or any other typed
 * answer a short answer; a choice a multiple choice.  GIFT escapes
 * \ # = ~ { } : and writes newlines as \n (Moodle's own exporter does
 * the same); Moodle XML escapes & < > " and drops control bytes. */
#include "system.h"

#include "util.h"
#include "quiz/quiz-modes.h"
#include "scenario/scenario.h"

/* ---------------------------------------------------------------- text */

/* S with & < > " escaped as XML/HTML entities and control bytes other
 * than newline and tab dropped. */
static char *
xml_escape (const char *s)
{
  size_t n = 0;
  char *out, *p;

  for (const char *t = s; *t; t++)
    n += *t == '&' ? 5 : *t == '<' || *t == '>' ? 4 : *t == '"' ? 6 : 1;
  out = p = xmalloc (n + 1);
  for (; *s; s++)
    switch (*s)
      {
      case '&': p = stpcpy (p, "&amp;"); break;
      case '<': p = stpcpy (p, "&lt;"); break;
      case '>': p = stpcpy (p, "&gt;"); break;
      case '"': p = stpcpy (p, "&quot;"); break;
      default:
        if ((unsigned char) *s >= 0x20 || *s == '\n' || *s == '\t')
          *p++ = *s;
      }
  *p = '\0';
  return out;
}

/* S escaped for GIFT: \ # = ~ { } : get a backslash, a newline is \n,
 * other control bytes are dropped. */
static char *
gift_escape (const char *s)
{
  char *out = xmalloc (2 * strlen (s) + 1), *p = out;

  for (; *s; s++)
    if (strchr ("\\#=~{}:", *s))
      {
        *p++ = '\\';
        *p++ = *s;
      }
    else if (*s == '\n')
      {
        *p++ = '\\';
        *p++ = 'n';
      }
    else if ((unsigned char) *s >= 0x20 || *s == '\t')
      *p++ = *s;
  *p = '\0';
  return out;
}

static bool is_numerical (const struct q_variant *v);

/* The question text of V as HTML: a choice's question, or the prompt in
 * <pre> so tables keep their columns.  A numerical question's hint is
 * what a course site reads (a plain number): vmtutor's own hints allow
 * K, M, G and fractions, which a Moodle numerical answer does not. */
static char *
question_html (const struct q_variant *v)
{
  json_object *qt;
  char *e, *html;

  if (v->form == Q_FORM_CHOICE
      && json_object_object_get_ex (v->data, "question", &qt))
    {
      e = xml_escape (scenario_text (json_object_get_string (qt)));
      html = xasprintf ("<p>%s</p>", e);
    }
  else
    {
      char *h = xml_escape (is_numerical (v)
                            ? _("a plain number: no units, no K, M or G, "
                                "no fractions")
                            : v->hint ? v->hint : "");
      e = xml_escape (v->prompt);
      html = h[0] ? xasprintf ("<pre>%s</pre><p>(%s)</p>", e, h)
                  : xasprintf ("<pre>%s</pre>", e);
      free (h);
    }
  free (e);
  return html;
}

/* The choices of a choice question and the index of the right one. */
static json_object *
choices_of (const struct q_variant *v, size_t *right)
{
  json_object *ch;
  const char *letter = json_object_get_string (v->answer);

  if (v->form != Q_FORM_CHOICE
      || !json_object_object_get_ex (v->data, "choices", &ch)
      || !json_object_is_type (ch, json_type_array) || !letter
      || letter[0] < 'a' || letter[0] > 'z'
      || (size_t) (letter[0] - 'a') >= json_object_array_length (ch))
    return NULL;
  *right = (size_t) (letter[0] - 'a');
  return ch;
}

/* Whether V is exported as a numerical question. */
static bool
is_numerical (const struct q_variant *v)
{
  return v->form == Q_FORM_NUMBER
    && (json_object_is_type (v->answer, json_type_int)
        || json_object_is_type (v->answer, json_type_double));
}

/* A hex answer's decimal spelling ("" when there is none). */
static void
decimal_of (const struct q_variant *v, char buf[32])
{
  buf[0] = '\0';
  if (v->form == Q_FORM_HEX && json_object_is_type (v->answer, json_type_int))
    snprintf (buf, 32, "%llu",
              (unsigned long long) json_object_get_uint64 (v->answer));
}

/* The worked answer of V as HTML in <pre> (its grids keep their
 * columns), for a course site's general feedback; newly allocated. */
static char *
feedback_html (const struct q_variant *v)
{
  char *ex = q_explain (v), *e = xml_escape (ex), *html;
  html = xasprintf ("<pre>%s</pre>", e);
  free (ex);
  free (e);
  return html;
}

/* The other spellings of short answer TYPED that vmtutor reads the same:
 * values separated by ", " or "," instead of a space, grid rows by ";"
 * alone.  Printed as more right answers, " =ALT" (GIFT) or an <answer>
 * (XML, through EMIT). */
static void
typed_alternatives (const char *typed, void (*emit) (const char *))
{
  char *alt[3] = { NULL, NULL, NULL };
  size_t n = 0;

  if (strstr (typed, "; "))
    {
      /* Grid rows: "3 3 -; 1 1 1" also as "3 3 -;1 1 1". */
      char *s = xstrdup (typed), *p = s, *q = s;
      for (; *p; p++)
        if (!(p[0] == ' ' && p > s && p[-1] == ';'))
          *q++ = *p;
      *q = '\0';
      alt[n++] = s;
    }
  else if (strchr (typed, ' '))
    {
      size_t len = strlen (typed), k = 0;
      char *c1 = xmalloc (2 * len + 1), *c2 = xmalloc (len + 1);
      for (const char *p = typed; *p; p++)
        if (*p == ' ')
          {
            strcpy (c1 + k, ", ");
            k += 2;
          }
        else
          c1[k++] = *p;
      c1[k] = '\0';
      strcpy (c2, typed);
      for (char *p = c2; *p; p++)
        if (*p == ' ')
          *p = ',';
      alt[n++] = c1;
      alt[n++] = c2;
    }
  for (size_t i = 0; i < n; i++)
    {
      emit (alt[i]);
      free (alt[i]);
    }
}

/* ---------------------------------------------------------------- GIFT */

static void
gift_alternative (const char *s)
{
  char *e = gift_escape (s);
  printf (" =%s", e);
  free (e);
}

static void
gift_question (const struct quiz *q, unsigned n, unsigned variant,
               const struct q_variant *v)
{
  char *html = question_html (v), *text = gift_escape (html);
  char *typed = gift_escape (v->typed);
  char *fbh = feedback_html (v), *fb = gift_escape (fbh);
  char dec[32], pb[32];
  json_object *ch;
  size_t right;

  quiz_format_score (q->items[n - 1].points, pb);
  printf ("// %s, question %u, variant %u, %s points\n", q->id, n, variant,
          pb);
  printf ("::%s q%u v%u::[html]%s", q->id, n, variant, text);
  /* The worked answer is the general feedback ("####", last before
     the closing brace); a wrong choice's why its own feedback ("#"). */
  if (is_numerical (v))
    printf ("{#%s:%g ####%s}\n", json_object_get_string (v->answer),
            v->tolerance, fb);
  else if ((ch = choices_of (v, &right)))
    {
      fputs ("{\n", stdout);
      for (size_t i = 0; i < json_object_array_length (ch); i++)
        {
          char *c = gift_escape (scenario_text (json_object_get_string
                                 (json_object_array_get_idx (ch, i))));
          const char *why = q_choice_why (v, i);
          char *w = why ? gift_escape (why) : NULL;
          printf ("  %c%s%s%s\n", i == right ? '=' : '~', c, w ? "#" : "",
                  w ? w : "");
          free (c);
          free (w);
        }
      printf ("  ####%s\n}\n", fb);
    }
  else
    {
      decimal_of (v, dec);
      printf ("{=%s", typed);
      if (dec[0] && strcmp (dec, v->typed) != 0)
        printf (" =%s", dec);
      typed_alternatives (v->typed, gift_alternative);
      printf (" ####%s}\n", fb);
    }
  fputs ("\n", stdout);
  free (html);
  free (text);
  free (typed);
  free (fbh);
  free (fb);
}

/* ---------------------------------------------------------- Moodle XML */

static void
xml_text (const char *tag, const char *s, const char *attrs)
{
  char *e = xml_escape (s);
  printf ("    <%s%s><text>%s</text></%s>\n", tag, attrs, e, tag);
  free (e);
}

static void
xml_alternative (const char *s)
{
  char *e = xml_escape (s);
  printf ("    <answer fraction=\"100\"><text>%s</text></answer>\n", e);
  free (e);
}

static void
xml_question (const struct quiz *q, unsigned n, unsigned variant,
              const struct q_variant *v)
{
  char *html = question_html (v), *ex = q_explain (v);
  char name[160], pb[32], dec[32];
  json_object *ch;
  size_t right;
  const char *type = is_numerical (v) ? "numerical"
    : choices_of (v, &right) ? "multichoice" : "shortanswer";

  snprintf (name, sizeof name, "%s q%u v%u", q->id, n, variant);
  printf ("  <question type=\"%s\">\n", type);
  xml_text ("name", name, "");
  xml_text ("questiontext", html, " format=\"html\"");
  xml_text ("generalfeedback", ex, " format=\"plain_text\"");
  printf ("    <defaultgrade>%s</defaultgrade>\n",
          quiz_format_score (q->items[n - 1].points, pb));
  printf ("    <penalty>0</penalty>\n");
  if (is_numerical (v))
    printf ("    <answer fraction=\"100\"><text>%s</text>"
            "<tolerance>%g</tolerance></answer>\n",
            json_object_get_string (v->answer), v->tolerance);
  else if ((ch = choices_of (v, &right)))
    {
      printf ("    <single>true</single>\n"
              "    <shuffleanswers>0</shuffleanswers>\n"
              "    <answernumbering>abc</answernumbering>\n");
      for (size_t i = 0; i < json_object_array_length (ch); i++)
        {
          char *c = xml_escape (scenario_text (json_object_get_string
                                (json_object_array_get_idx (ch, i))));
          const char *why = q_choice_why (v, i);
          char *w = why ? xml_escape (why) : NULL;
          printf ("    <answer fraction=\"%d\" format=\"html\"><text>%s"
                  "</text>", i == right ? 100 : 0, c);
          if (w)
            printf ("<feedback><text>%s</text></feedback>", w);
          printf ("</answer>\n");
          free (c);
          free (w);
        }
    }
  else
    {
      char *t = xml_escape (v->typed);
      printf ("    <usecase>0</usecase>\n");
      printf ("    <answer fraction=\"100\"><text>%s</text></answer>\n", t);
      decimal_of (v, dec);
      if (dec[0] && strcmp (dec, v->typed) != 0)
        printf ("    <answer fraction=\"100\"><text>%s</text></answer>\n",
                dec);
      typed_alternatives (v->typed, xml_alternative);
      free (t);
    }
  printf ("  </question>\n");
  free (html);
  free (ex);
}

int
quiz_export (const struct quiz *q, const struct options *o)
{
  unsigned variants = o->variants ? o->variants : 1;
  bool xml = o->export_format == FORMAT_MOODLE_XML;

  if (xml)
    {
      char *t = xml_escape (q->id);
      printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
      printf ("  <question type=\"category\">\n"
              "    <category><text>$course$/vmtutor/%s</text></category>\n"
              "  </question>\n", t);
      free (t);
    }
  else
    printf ("// %s: %u variant(s) of each question, made by %s %s\n"
            "$CATEGORY: $course$/vmtutor/%s\n\n", q->id, variants,
            PACKAGE_NAME, PACKAGE_VERSION, q->id);
  for (unsigned n = 1; n <= q->n; n++)
    for (unsigned i = 1; i <= variants; i++)
      {
        char *id = quiz_variant_student (i), *err = NULL;
        struct q_variant *v = quiz_variant (q, id, n, &err);
        free (id);
        if (!v)
          {
            fflush (stdout);
            fprintf (stderr, "%s: %s\n", program_name, err);
            free (err);
            return 2;
          }
        if (xml)
          xml_question (q, n, i, v);
        else
          gift_question (q, n, i, v);
        q_variant_free (v);
      }
  if (xml)
    printf ("</quiz>\n");
  fflush (stdout);
  return 0;
}
