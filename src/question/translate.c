/* translate.c: the `translate` kind: an address space (va_bits, page
 * size, one or more levels), a page table shown as data with some
 * invalid entries, and a virtual address; asks the VPN, the offset, the
 * index at each level and the physical address or "fault".  The answer
 * is the engine's: the shown mapping is built in a machine (pages loaded
 * in frame order, other processes filling the frames in between) and the
 * address is accessed. */
#include "system.h"

#include "util.h"
#include "question/question-internal.h"

#define TR_MAX_ENTRIES 32
#define TR_MAX_FRAME 1024   /* frame numbers drawn below this */

enum ask { ASK_ALL, ASK_VPN, ASK_OFFSET, ASK_INDICES, ASK_PA };
static const char *const asks[] = { "all", "vpn", "offset", "indices", "pa",
                                    NULL };

static const struct qp_def params[] = {
  { "va_bits", QP_INT, 8, 64, NULL, "16", false },
  { "page_size", QP_SIZE, 16, 1ull << 30, NULL, "256", false },
  { "levels", QP_INT, 1, 4, NULL, "1", false },
  { "pa_bits", QP_INT, 5, 64, NULL, NULL, false },
  { "entries", QP_INT, 1, TR_MAX_ENTRIES, NULL, "8", false },
  { "min_invalid", QP_INT, 0, TR_MAX_ENTRIES, NULL, "1", false },
  { "fault", QP_REAL, 0, 0, NULL, "0.25", false },
  { "ask", QP_WORD, 0, 0, asks, "all", false },
  { NULL, 0, 0, 0, NULL, NULL, false }
};

struct q_variant_priv
{
  enum ask ask;
  unsigned va_bits, pa_bits, off, levels;
  unsigned widths[VM_MAX_LEVELS];
  uint64_t page;
  size_t n;                                /* entries shown */
  uint64_t vpns[TR_MAX_ENTRIES];
  int64_t frame[TR_MAX_ENTRIES];           /* -1 invalid */
  uint64_t va;
  /* the engine's answer */
  uint64_t vpn, offset, index[VM_MAX_LEVELS];
  bool fault;
  uint64_t pa;
  int64_t entry_frame;                     /* the asked VPN's frame or -1 */
};

static unsigned
log2u (uint64_t x)
{
  unsigned n = 0;
  while (x > 1)
    x >>= 1, n++;
  return n;
}

static bool
has (const uint64_t *a, size_t n, uint64_t x)
{
  for (size_t i = 0; i < n; i++)
    if (a[i] == x)
      return true;
  return false;
}

/* Build the mapping in an engine and access the address; false if the
 * engine takes no such machine. */
static bool
engine_answer (struct q_variant_priv *p)
{
  struct vm_config cfg;
  struct vm *vm;
  const char *why;
  uint32_t pid, filler = VM_NONE;
  uint64_t filler_pages = 0, filler_cap;
  int64_t maxf = -1;
  struct vm_event ev;

  for (size_t i = 0; i < p->n; i++)
    if (p->frame[i] > maxf)
      maxf = p->frame[i];
  vm_config_default (&cfg);
  cfg.va_bits = p->va_bits;
  cfg.page_size = p->page;
  cfg.levels = p->levels;
  memcpy (cfg.level_bits, p->widths, sizeof cfg.level_bits);
  cfg.frames = (uint32_t) (maxf + 1 > 0 ? maxf + 1 : 1);
  vm = vm_new (&cfg, &why);
  if (!vm)
    return false;
  pid = vm_proc_new (vm, "p");
  for (size_t i = 0; i < p->n; i++)
    if (p->frame[i] >= 0
        && vm_map (vm, pid, p->vpns[i], 1,
                   VM_PERM_R | VM_PERM_W | VM_PERM_U, VM_NONE, 0, 0, "page",
                   &why) != 0)
      die (2, "question: %s", why);
  filler_cap = p->va_bits - p->off >= 20 ? 1u << 20
               : 1ull << (p->va_bits - p->off);
  /* Frames are taken lowest free first: load the pages in frame order,
     filling the frames in between with other processes' pages. */
  for (int64_t f = 0; f <= maxf; f++)
    {
      size_t i;
      for (i = 0; i < p->n && p->frame[i] != f; i++)
        ;
      if (i < p->n)
        {
          vm_access (vm, pid, p->vpns[i] << p->off, VM_READ, VM_NEVER, &ev);
          continue;
        }
      if (filler == VM_NONE || filler_pages == filler_cap)
        {
          filler = vm_proc_new (vm, "filler");
          if (vm_map (vm, filler, 0, filler_cap,
                      VM_PERM_R | VM_PERM_W | VM_PERM_U, VM_NONE, 0, 0,
                      "fill", &why) != 0)
            die (2, "question: %s", why);
          filler_pages = 0;
        }
      vm_access (vm, filler, filler_pages++ << p->off, VM_READ, VM_NEVER,
                 &ev);
    }
  vm_access (vm, pid, p->va, VM_READ, VM_NEVER, &ev);
  p->vpn = ev.vpn;
  p->offset = ev.offset;
  memcpy (p->index, ev.index, sizeof p->index);
  p->fault = ev.result != VM_HIT;
  p->pa = p->fault ? 0 : ev.pa;
  vm_free (vm);
  return true;
}

static char *
hex (uint64_t x)
{
  return xasprintf ("0x%llx", (unsigned long long) x);
}

static bool
tr_generate (const struct q_spec *spec, struct q_rng *rng,
             struct q_variant *v, char **err, const char **reject)
{
  struct q_variant_priv *p = xcalloc (1, sizeof *p);
  const struct qp_value *pab = q_param (spec, "pa_bits");
  unsigned vpn_bits, pfn_bits, ninvalid = 0, min_invalid;
  uint64_t maxframes, space;
  double fault;
  size_t want, nvalid = 0;
  struct qbuf b = { 0 };
  json_object *o;

  (void) err;
  v->priv = p;
  p->va_bits = (unsigned) q_draw (spec, rng, "va_bits");
  p->page = q_draw (spec, rng, "page_size");
  p->levels = (unsigned) q_draw (spec, rng, "levels");
  p->pa_bits = pab->given ? (unsigned) q_draw (spec, rng, "pa_bits")
                          : p->va_bits;
  want = (size_t) q_draw (spec, rng, "entries");
  min_invalid = (unsigned) q_draw (spec, rng, "min_invalid");
  fault = q_draw_real (spec, rng, "fault");
  p->ask = (enum ask) q_draw (spec, rng, "ask");
  p->off = log2u (p->page);
  *reject = "page_size";
  if (p->va_bits <= p->off || p->pa_bits <= p->off)
    return false;
  vpn_bits = p->va_bits - p->off;
  pfn_bits = p->pa_bits - p->off;
  *reject = "levels";
  if (vpn_bits < p->levels)
    return false;
  for (unsigned l = 0; l < p->levels; l++)
    p->widths[l] = vpn_bits / p->levels;
  p->widths[0] += vpn_bits % p->levels;
  maxframes = pfn_bits >= 10 ? TR_MAX_FRAME : 1ull << pfn_bits;
  space = vpn_bits >= 64 ? UINT64_MAX : 1ull << vpn_bits;

  /* The entries shown: every page of a small space, else WANT pages. */
  if (space <= want)
    {
      p->n = (size_t) space;
      for (size_t i = 0; i < p->n; i++)
        p->vpns[i] = i;
    }
  else
    {
      p->n = want;
      for (size_t i = 0; i < p->n; i++)
        {
          uint64_t x;
          do
            x = vpn_bits >= 64 ? q_rng_next (rng) : q_rng_below (rng, space);
          while (has (p->vpns, i, x));
          /* insertion sort: shown in VPN order */
          size_t k = i;
          while (k > 0 && p->vpns[k - 1] > x)
            {
              p->vpns[k] = p->vpns[k - 1];
              k--;
            }
          p->vpns[k] = x;
        }
    }
  for (size_t i = 0; i < p->n; i++)
    {
      if (q_rng_unit (rng) < 0.3)
        {
          p->frame[i] = -1;
          ninvalid++;
          continue;
        }
      p->frame[i] = 0; /* drawn below */
      nvalid++;
    }
  *reject = "min_invalid";
  if (ninvalid < min_invalid)
    return false;
  *reject = "pa_bits";
  if (nvalid > maxframes)
    return false;
  for (size_t i = 0; i < p->n; i++)
    if (p->frame[i] >= 0)
      {
        int64_t f;
        bool dup;
        do
          {
            f = (int64_t) q_rng_below (rng, maxframes);
            dup = false;
            for (size_t k = 0; k < i; k++)
              dup |= p->frame[k] == f;
          }
        while (dup);
        p->frame[i] = f;
      }

  /* The address asked: on an invalid entry with chance FAULT. */
  {
    size_t pick[TR_MAX_ENTRIES], np = 0;
    bool want_fault = q_rng_unit (rng) < fault;
    for (size_t i = 0; i < p->n; i++)
      if ((p->frame[i] < 0) == want_fault)
        pick[np++] = i;
    if (np == 0)
      for (size_t i = 0; i < p->n; i++)
        pick[np++] = i;
    size_t i = pick[q_rng_below (rng, np)];
    p->va = (p->vpns[i] << p->off) | q_rng_below (rng, p->page);
    p->entry_frame = p->frame[i];
  }
  *reject = "va_bits";
  if (!engine_answer (p))
    return false;

  /* data */
  v->data = json_object_new_object ();
  json_object_object_add (v->data, "va_bits", json_object_new_int ((int) p->va_bits));
  json_object_object_add (v->data, "page_size",
                          json_object_new_int64 ((int64_t) p->page));
  json_object_object_add (v->data, "pa_bits", json_object_new_int ((int) p->pa_bits));
  o = json_object_new_array ();
  for (unsigned l = 0; l < p->levels; l++)
    json_object_array_add (o, json_object_new_int ((int) p->widths[l]));
  json_object_object_add (v->data, "levels", o);
  o = json_object_new_object ();
  for (size_t i = 0; i < p->n; i++)
    {
      char key[24];
      snprintf (key, sizeof key, "%llu", (unsigned long long) p->vpns[i]);
      json_object_object_add (o, key, p->frame[i] < 0 ? NULL
                              : json_object_new_int64 (p->frame[i]));
    }
  json_object_object_add (v->data, "mapping", o);
  json_object_object_add (v->data, "va",
                          json_object_new_uint64 (p->va));
  json_object_object_add (v->data, "ask", json_object_new_string (asks[p->ask]));

  /* answer */
  v->answer = json_object_new_object ();
  json_object_object_add (v->answer, "vpn", json_object_new_uint64 (p->vpn));
  json_object_object_add (v->answer, "offset",
                          json_object_new_uint64 (p->offset));
  o = json_object_new_array ();
  for (unsigned l = 0; l < p->levels; l++)
    json_object_array_add (o, json_object_new_uint64 (p->index[l]));
  json_object_object_add (v->answer, "indices", o);
  json_object_object_add (v->answer, "pa",
                          p->fault ? json_object_new_string ("fault")
                                   : json_object_new_uint64 (p->pa));

  /* typed */
  {
    char *s;
    switch (p->ask)
      {
      case ASK_ALL:
        s = hex (p->vpn);
        qb_printf (&b, "%s", s);
        free (s);
        s = hex (p->offset);
        qb_printf (&b, " %s", s);
        free (s);
        if (p->levels > 1)
          for (unsigned l = 0; l < p->levels; l++)
            qb_printf (&b, " %llu", (unsigned long long) p->index[l]);
        if (p->fault)
          qb_printf (&b, " fault");
        else
          {
            s = hex (p->pa);
            qb_printf (&b, " %s", s);
            free (s);
          }
        v->typed = qb_take (&b);
        v->form = Q_FORM_LIST;
        break;
      case ASK_VPN:
        v->typed = hex (p->vpn);
        v->form = Q_FORM_HEX;
        break;
      case ASK_OFFSET:
        v->typed = hex (p->offset);
        v->form = Q_FORM_HEX;
        break;
      case ASK_INDICES:
        for (unsigned l = 0; l < p->levels; l++)
          qb_printf (&b, "%s%llu", l ? " " : "",
                     (unsigned long long) p->index[l]);
        v->typed = qb_take (&b);
        v->form = p->levels > 1 ? Q_FORM_LIST : Q_FORM_NUMBER;
        break;
      case ASK_PA:
        v->typed = p->fault ? xstrdup ("fault") : hex (p->pa);
        v->form = Q_FORM_HEX;
        break;
      }
  }

  /* prompt */
  {
    char *ps = q_size_text (p->page);
    qb_printf (&b, _("Virtual addresses have %u bits, physical addresses %u "
                     "bits; pages are %s."),
               p->va_bits, p->pa_bits, ps);
    free (ps);
  }
  if (p->levels > 1)
    {
      qb_printf (&b, _(" The page table has %u levels; their indices take"),
                 p->levels);
      for (unsigned l = 0; l < p->levels; l++)
        qb_printf (&b, "%s %u", l ? "," : "", p->widths[l]);
      qb_printf (&b, "%s", _(" bits (top level first)."));
    }
  qb_printf (&b, "\n%s\n", _("Page table (VPN: frame; a VPN not listed is "
                             "invalid):"));
  for (size_t i = 0; i < p->n; i++)
    {
      if (p->frame[i] < 0)
        qb_printf (&b, "  0x%llx: %s\n", (unsigned long long) p->vpns[i],
                   _("invalid"));
      else
        qb_printf (&b, "  0x%llx: 0x%llx\n", (unsigned long long) p->vpns[i],
                   (unsigned long long) p->frame[i]);
    }
  qb_printf (&b, _("Virtual address: 0x%llx\n"), (unsigned long long) p->va);
  switch (p->ask)
    {
    case ASK_ALL:
      if (p->levels > 1)
        qb_printf (&b, "%s", _("Give the VPN, the offset, the index at each "
                               "level and the physical address (or "
                               "\"fault\")."));
      else
        qb_printf (&b, "%s", _("Give the VPN, the offset and the physical "
                               "address (or \"fault\")."));
      v->hint = xstrdup (_("the values in order, separated by spaces or "
                           "commas; decimal or 0x-hex"));
      break;
    case ASK_VPN:
      qb_printf (&b, "%s", _("What is the virtual page number (VPN)?"));
      v->hint = xstrdup (_("a number, decimal or 0x-hex"));
      break;
    case ASK_OFFSET:
      qb_printf (&b, "%s", _("What is the offset in the page?"));
      v->hint = xstrdup (_("a number, decimal or 0x-hex"));
      break;
    case ASK_INDICES:
      qb_printf (&b, "%s", _("What is the index at each level, top level "
                             "first?"));
      v->hint = xstrdup (_("the indices separated by spaces or commas"));
      break;
    case ASK_PA:
      qb_printf (&b, "%s", _("What is the physical address (or \"fault\")?"));
      v->hint = xstrdup (_("a number, decimal or 0x-hex, or \"fault\""));
      break;
    }
  v->prompt = qb_take (&b);
  return true;
}

/* Grade the physical-address item IT; a wrong one gets a reason in B. */
static bool
check_pa (const struct q_variant_priv *p, const struct qa_item *it,
          struct qbuf *b)
{
  uint64_t base;

  if (p->fault)
    {
      if (qa_is_word (it, "fault"))
        return true;
      qb_printf (b, _(" The access faults: VPN 0x%llx is invalid in the "
                      "table."),
                 (unsigned long long) p->vpn);
      return false;
    }
  if (qa_is (it, p->pa))
    return true;
  base = (uint64_t) p->entry_frame << p->off;
  if (qa_is_word (it, "fault"))
    qb_printf (b, _(" VPN 0x%llx is valid: it maps to frame 0x%llx, so the "
                    "physical address is 0x%llx."),
               (unsigned long long) p->vpn,
               (unsigned long long) p->entry_frame,
               (unsigned long long) p->pa);
  else if (qa_is (it, p->va))
    qb_printf (b, "%s", _(" That is the virtual address: replace its page "
                          "number by the frame number."));
  else if (qa_is (it, (uint64_t) p->entry_frame))
    qb_printf (b, "%s", _(" That is the frame number: the physical address "
                          "is frame x page size + offset."));
  else if (qa_is (it, base))
    qb_printf (b, "%s", _(" That leaves out the offset."));
  else if (qa_is (it, (uint64_t) p->entry_frame + p->offset))
    qb_printf (b, "%s", _(" The frame number must be shifted by the offset "
                          "bits before the offset is added."));
  else
    qb_printf (b, _(" The physical address is 0x%llx."),
               (unsigned long long) p->pa);
  return false;
}

static void
tr_check (const struct q_variant *v, const char *given, struct q_result *out)
{
  const struct q_variant_priv *p = v->priv;
  static struct qa_parsed a;
  struct qbuf b = { 0 }, why = { 0 };
  unsigned nparts, right = 0;

  qa_parse (given, &a);
  switch (p->ask)
    {
    case ASK_ALL:
      nparts = 3 + (p->levels > 1 ? p->levels : 0);
      break;
    case ASK_INDICES:
      nparts = p->levels;
      break;
    default:
      nparts = 1;
      break;
    }
  if (a.n == 0)
    {
      q_result_unread (out, given, _("a number"));
      return;
    }
  if (nparts == 1 && a.n == 1 && a.items[0].type != QA_NUM
      && !qa_is_word (&a.items[0], "fault"))
    {
      q_result_unread (out, given, p->ask == ASK_PA
                                   ? _("a number or \"fault\"")
                                   : _("a number"));
      return;
    }
  for (unsigned i = 0; i < nparts; i++)
    {
      const struct qa_item *it = i < a.n ? &a.items[i] : NULL;
      enum ask part;
      bool ok = false;
      unsigned l = 0;

      /* Which part item I is: ask all is VPN, offset, indices, PA. */
      if (p->ask != ASK_ALL)
        part = p->ask;
      else if (i == 0)
        part = ASK_VPN;
      else if (i == 1)
        part = ASK_OFFSET;
      else if (i == nparts - 1)
        part = ASK_PA;
      else
        part = ASK_INDICES;
      switch (part)
        {
        case ASK_VPN:
          ok = it && qa_is (it, p->vpn);
          if (!ok)
            qb_printf (&b, _(" The VPN is 0x%llx."),
                       (unsigned long long) p->vpn);
          if (it && !ok && qa_is (it, p->offset))
            qb_printf (&why, "%s", _(" The VPN is the top bits of the "
                                     "address, the offset the low bits."));
          break;
        case ASK_OFFSET:
          ok = it && qa_is (it, p->offset);
          if (!ok)
            qb_printf (&b, _(" The offset is 0x%llx."),
                       (unsigned long long) p->offset);
          break;
        case ASK_PA:
          ok = it && check_pa (p, it, &why);
          break;
        default:
          l = p->ask == ASK_INDICES ? i : i - 2;
          ok = it && qa_is (it, p->index[l]);
          if (!ok)
            qb_printf (&b, _(" The level-%u index is %llu."), l + 1,
                       (unsigned long long) p->index[l]);
          break;
        }
      right += ok;
    }
  {
    struct qbuf r = { 0 };
    if (right == nparts)
      qb_printf (&r, "%s", _("Right."));
    else if (nparts > 1)
      qb_printf (&r, _("%u of %u parts right."), right, nparts);
    else
      qb_printf (&r, "%s", _("Not right."));
    if (b.s)
      qb_printf (&r, "%s", b.s);
    if (why.s)
      qb_printf (&r, "%s", why.s);
    if (a.n != nparts && nparts > 1)
      qb_printf (&r, ngettext (" Give %u value.", " Give %u values.", nparts),
                 nparts);
    free (b.s);
    free (why.s);
    q_result_set (out, (double) right / nparts, &r);
  }
}

static char *
tr_explain (const struct q_variant *v)
{
  const struct q_variant_priv *p = v->priv;
  struct qbuf b = { 0 };

  qb_printf (&b, _("Pages of %llu bytes: the low %u bits are the offset, "
                   "the other %u the VPN.\n"),
             (unsigned long long) p->page, p->off, p->va_bits - p->off);
  qb_printf (&b, _("VPN = 0x%llx >> %u = 0x%llx; offset = 0x%llx & 0x%llx "
                   "= 0x%llx\n"),
             (unsigned long long) p->va, p->off, (unsigned long long) p->vpn,
             (unsigned long long) p->va,
             (unsigned long long) (p->page - 1),
             (unsigned long long) p->offset);
  if (p->levels > 1)
    {
      unsigned shift = p->va_bits - p->off;
      qb_printf (&b, "%s", _("Indices, top level first:"));
      for (unsigned l = 0; l < p->levels; l++)
        {
          shift -= p->widths[l];
          qb_printf (&b, _(" L%u = (VPN >> %u) & 0x%llx = %llu;"), l + 1,
                     shift, (unsigned long long) ((1ull << p->widths[l]) - 1),
                     (unsigned long long) p->index[l]);
        }
      qb_printf (&b, "\n");
    }
  if (p->fault)
    qb_printf (&b, _("VPN 0x%llx has no valid entry: the access faults."),
               (unsigned long long) p->vpn);
  else
    qb_printf (&b, _("VPN 0x%llx maps to frame 0x%llx; PA = (0x%llx << %u) "
                     "| 0x%llx = 0x%llx"),
               (unsigned long long) p->vpn,
               (unsigned long long) p->entry_frame,
               (unsigned long long) p->entry_frame, p->off,
               (unsigned long long) p->offset, (unsigned long long) p->pa);
  return qb_take (&b);
}

static void
tr_free (struct q_variant_priv *p)
{
  free (p);
}

const struct q_kind_ops q_translate_ops = {
  .name = "translate",
  .params = params,
  .generate = tr_generate,
  .check = tr_check,
  .explain = tr_explain,
  .free_priv = tr_free,
};
