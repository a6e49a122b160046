/* checkpoint.c: a checkpoint's answer is found by running a clone of the
 * run ahead to the access it is about; a given answer is read leniently
 * ("SIGSEGV", "0x3123", "1, 3") and a wrong one is matched against the
 * usual mistakes (another policy's victim, the virtual address for the
 * physical one, an offset of the wrong width...). */
#include "system.h"

#include <ctype.h>

#include "util.h"
#include "numparse.h"
#include "narrate/narrate.h"
#include "lesson/checkpoint.h"
#include "question/words.h"

/* Ticks up to which a victim is also replayed under other policies. */
#define CP_REPLAY_MAX 200000

const char *
checkpoint_question (const struct sc_predict *p)
{
  if (p->question)
    return p->question;
  switch (p->what)
    {
    case PREDICT_RESULT:
      return _("What will the next access come to: hit, minor, major, cow "
               "or segv?");
    case PREDICT_TLB:
      return _("Will the next access hit or miss in the TLB?");
    case PREDICT_VICTIM:
      return _("Which page will the next access evict (a page number, or "
               "none)?");
    case PREDICT_FRAME:
      return _("Which frame will hold the page of the next access?");
    case PREDICT_PADDR:
      return _("What physical address will the next access reach?");
    case PREDICT_INDICES:
      return _("What are the page-table indices of the next access, top "
               "level first?");
    case PREDICT_FAULTS:
      return _("How many page faults will the next accesses cause?");
    case PREDICT_VALUE:
      return _("What value will the next access read?");
    default:
      return "?";
    }
}

const char *
checkpoint_form (const struct sc_predict *p)
{
  switch (p->what)
    {
    case PREDICT_RESULT: return _("hit, minor, major, cow, segv or oom");
    case PREDICT_TLB: return _("hit or miss");
    case PREDICT_VICTIM: return _("a page number, or none");
    case PREDICT_FRAME: return _("a frame number");
    case PREDICT_PADDR: return _("an address, decimal or 0x hex");
    case PREDICT_INDICES: return _("numbers separated by spaces");
    case PREDICT_FAULTS: return _("a number");
    case PREDICT_CHOICE: return _("a letter or the choice's text");
    case PREDICT_VALUE: return _("a number, or the text that was written");
    default: return "?";
    }
}

void
checkpoint_answer_free (struct cp_answer *a)
{
  free (a->text);
  free (a->why);
  free (a->other_proc);
  a->text = a->why = a->other_proc = NULL;
}

/* For a value checkpoint: the first other process whose copy of page VPN
   holds a different number at EV's offset (after copy-on-write, the
   other copy; the likely wrong answer is what was written there). */
static void
other_copy (const struct vm *vm, const struct vm_event *ev,
            struct cp_answer *a)
{
  uint64_t mine = ev->has_value ? ev->value.value : 0;
  struct vm_value vals[64];
  for (uint32_t p = 0; p < vm_nprocs (vm); p++)
    {
      if (p == ev->pid)
        continue;
      size_t n = vm_page_values (vm, p, ev->vpn, vals, 64);
      for (size_t i = 0; i < n && i < 64; i++)
        if (vals[i].offset == ev->offset && !vals[i].str
            && vals[i].value != mine)
          {
            a->has_other = true;
            a->other_value = vals[i].value;
            a->other_proc = xstrdup (narrate_proc (vm, p));
            return;
          }
    }
}

/* Run CL forward to its next access; false at the end. */
static bool
next_access (struct run *cl, struct tick *t)
{
  while (run_next (cl, t))
    if (t->kind == TICK_ACCESS)
      return true;
  return false;
}

static void
policy_override (void *ctx, struct vm_config *cfg)
{
  cfg->policy = *(const enum vm_policy *) ctx;
}

/* The victim of the access after position POS of SC's program under
 * policy POL, into A's alternatives. */
static void
victim_under (const struct scenario *sc, uint64_t pos, enum vm_policy pol,
              struct cp_answer *a)
{
  char *err = NULL;
  struct run *r = run_new (sc, policy_override, &pol, &err);
  struct tick t;

  free (err);
  if (!r)
    return;
  while (run_position (r) < pos && run_next (r, &t))
    ;
  if (run_position (r) == pos && next_access (r, &t))
    {
      a->has_alt[pol] = true;
      a->alt_none[pol] = t.ev.victim_pid == VM_NONE;
      a->alt_vpn[pol] = t.ev.victim_vpn;
    }
  run_free (r);
}

static char *
indices_text (const struct vm_event *ev)
{
  char buf[VM_MAX_LEVELS * 24] = "";
  for (unsigned i = 0; i < ev->levels; i++)
    snprintf (buf + strlen (buf), sizeof buf - strlen (buf), "%s%llu",
              i ? " " : "", (unsigned long long) ev->index[i]);
  return xstrdup (buf);
}

bool
checkpoint_compute (const struct run *r, const struct sc_predict *p,
                    struct cp_answer *a, char **err)
{
  struct run *cl;
  struct tick t;
  const struct vm_event *ev = &t.ev;
  bool ok = false;

  memset (a, 0, sizeof *a);
  *err = NULL;
  if (p->what == PREDICT_CHOICE)
    {
      a->text = xasprintf ("%c", 'a' + p->answer);
      return true;
    }
  cl = run_clone (r);
  if (p->what == PREDICT_FAULTS)
    {
      uint64_t n = 0;
      while (n < p->accesses && next_access (cl, &t))
        {
          n++;
          if (t.ev.result == VM_MINOR || t.ev.result == VM_MAJOR
              || t.ev.result == VM_COW)
            a->faults++;
        }
      if (n < p->accesses)
        *err = xasprintf (_("checkpoint '%s' asks about the next %llu "
                            "accesses, but only %llu follow"), p->id,
                          (unsigned long long) p->accesses,
                          (unsigned long long) n);
      else
        {
          a->text = xasprintf ("%llu", (unsigned long long) a->faults);
          ok = true;
        }
      run_free (cl);
      return ok;
    }
  if (!next_access (cl, &t))
    {
      *err = xasprintf (_("checkpoint '%s' is about the next access, but "
                          "no access follows it"), p->id);
      run_free (cl);
      return false;
    }
  a->ev = *ev;
  a->shift = vm_page_shift (run_vm (cl));
  a->unpaged = vm_config (run_vm (cl))->unpaged;
  memcpy (a->level_bits, vm_config (run_vm (cl))->level_bits,
          sizeof a->level_bits);
  a->why = narrate_access (run_vm (cl), ev, false);
  ok = true;
  switch (p->what)
    {
    case PREDICT_RESULT:
      a->text = xstrdup (vm_result_name (ev->result));
      break;
    case PREDICT_TLB:
      if (ev->tlb < 0)
        {
          *err = xasprintf (_("checkpoint '%s' asks about the TLB, but the "
                              "machine has none"), p->id);
          ok = false;
        }
      else if (ev->result == VM_SEGV && ev->levels == 0)
        ok = false;
      else
        a->text = xstrdup (ev->tlb ? "hit" : "miss");
      break;
    case PREDICT_VICTIM:
      if (ev->victim_pid != VM_NONE && ev->victim_pid != ev->pid)
        {
          *err = xasprintf (_("checkpoint '%s': the victim belongs to "
                              "another process, so a page number alone is "
                              "ambiguous"), p->id);
          ok = false;
        }
      else if (ev->evictions > 1)
        {
          *err = xasprintf (_("checkpoint '%s': the access evicts %u pages, "
                              "so 'the victim' is ambiguous"), p->id,
                            ev->evictions);
          ok = false;
        }
      else if (ev->victim_pid == VM_NONE)
        a->text = xstrdup ("none");
      else
        {
          struct vm_region_info ri;
          for (size_t i = 0; vm_region_info (run_vm (cl), ev->victim_pid, i,
                                              &ri); i++)
            if (ev->victim_vpn >= ri.start_vpn
                && ev->victim_vpn - ri.start_vpn < ri.pages)
              {
                a->victim_base = ri.start_vpn;
                a->victim_pages = ri.pages;
              }
          a->text = xasprintf ("%llu", (unsigned long long)
                               (ev->victim_vpn - a->victim_base));
        }
      /* Replaying under every policy costs a run from the start each:
         only for lessons of a teaching size.  */
      if (ok && run_position (r) <= CP_REPLAY_MAX)
        {
          const struct scenario *sc = run_scenario (r);
          for (int pol = 0; pol < VM_POLICY_COUNT; pol++)
            if (pol != VM_POLICY_RANDOM && pol != VM_POLICY_SC_DIRTY)
              victim_under (sc, run_position (r), (enum vm_policy) pol, a);
        }
      break;
    case PREDICT_FRAME:
    case PREDICT_PADDR:
      if (ev->pa == VM_NEVER
          || (p->what == PREDICT_FRAME && ev->frame == VM_NONE))
        {
          *err = xasprintf (_("checkpoint '%s': the access reaches no frame "
                              "(it is %s)"), p->id,
                            vm_result_name (ev->result));
          ok = false;
        }
      else if (p->what == PREDICT_FRAME)
        a->text = xasprintf ("%lu", (unsigned long) ev->frame);
      else
        a->text = xasprintf ("0x%llx", (unsigned long long) ev->pa);
      break;
    case PREDICT_VALUE:
      if (ev->op == VM_WRITE || ev->frame == VM_NONE)
        {
          *err = xasprintf (_("checkpoint '%s' asks what the next access "
                              "reads, but it %s"), p->id,
                            ev->op == VM_WRITE ? _("writes")
                            : _("reaches no memory"));
          ok = false;
        }
      else if (ev->has_value && ev->value.str)
        {
          char s[9];
          unsigned j = 0;
          for (; j < 8 && (ev->value.value >> (8 * j)); j++)
            s[j] = (char) (ev->value.value >> (8 * j));
          s[j] = 0;
          a->text = xstrdup (s);
        }
      else
        {
          a->text = xasprintf ("%llu", (unsigned long long)
                               (ev->has_value ? ev->value.value : 0));
          other_copy (run_vm (cl), ev, a);
        }
      break;
    case PREDICT_INDICES:
      if (ev->levels == 0)
        {
          *err = xasprintf (_("checkpoint '%s' asks for page-table indices, "
                              "but the machine has no page table"), p->id);
          ok = false;
        }
      else
        a->text = indices_text (ev);
      break;
    default:
      ok = false;
      break;
    }
  if (!ok && !*err)
    *err = xasprintf (_("checkpoint '%s': the engine gives no answer"),
                      p->id);
  if (!ok)
    checkpoint_answer_free (a);
  run_free (cl);
  return ok;
}

/* GIVEN lower-cased and trimmed into BUF (size N). */
static void
normalise (const char *given, char *buf, size_t n)
{
  size_t len = 0;
  while (isspace ((unsigned char) *given))
    given++;
  for (; *given && len + 1 < n; given++)
    buf[len++] = (char) tolower ((unsigned char) *given);
  while (len > 0 && (isspace ((unsigned char) buf[len - 1])
                     || buf[len - 1] == '.'))
    len--;
  buf[len] = '\0';
}

/* A result word, with the usual synonyms; -1 if none. */
static int
result_of (const char *s)
{
  static const struct { const char *w; int r; } words[] = {
    { "hit", VM_HIT }, { "no fault", VM_HIT }, { "minor", VM_MINOR },
    { "minor fault", VM_MINOR }, { "major", VM_MAJOR },
    { "major fault", VM_MAJOR }, { "cow", VM_COW },
    { "copy-on-write", VM_COW }, { "copy on write", VM_COW },
    { "cow fault", VM_COW }, { "segv", VM_SEGV }, { "sigsegv", VM_SEGV },
    { "segfault", VM_SEGV }, { "segmentation fault", VM_SEGV },
    { "oom", VM_OOM }, { "oom kill", VM_OOM }
  };
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strcmp (s, words[i].w) == 0)
      return words[i].r;
  /* The result names in the user's language.  */
  for (int r = 0; r < VM_RESULT_COUNT; r++)
    if (answer_word_is (s, vm_result_name ((enum vm_result) r)))
      return r;
  return -1;
}

/* A number, perhaps after "page " or "frame ". */
static bool
number_of (const char *s, uint64_t *out)
{
  static const char *const prefixes[] = { "page ", "frame ", "vpn ", NULL };
  for (size_t i = 0; prefixes[i]; i++)
    if (strncmp (s, prefixes[i], strlen (prefixes[i])) == 0)
      s += strlen (prefixes[i]);
  return parse_u64 (s, out);
}

static char *
result_mistake (const struct cp_answer *a, int given)
{
  int right = (int) a->ev.result;

  if (given == VM_HIT)
    return xstrdup (_("A hit needs the page in a frame with a page-table "
                      "entry that allows the access; here the kernel had "
                      "to step in."));
  if (right == VM_HIT)
    return xstrdup (_("The page is already in a frame and the access is "
                      "allowed, so the hardware finishes it without the "
                      "kernel: no fault at all."));
  if (given == VM_MINOR && right == VM_MAJOR)
    return xstrdup (_("A minor fault needs no disk; this page's contents "
                      "are only on disk (in swap or in its file), so it "
                      "must be read: a major fault."));
  if (given == VM_MAJOR && right == VM_MINOR)
    return xstrdup (_("Nothing has to be read from disk: the page is "
                      "fresh (zero-filled) or already in memory, so the "
                      "fault is minor."));
  if (given == VM_SEGV && right == VM_COW)
    return xstrdup (_("The page is read-only in the page table only "
                      "because it is shared copy-on-write; the region "
                      "allows writing, so the kernel copies the page "
                      "instead of sending SIGSEGV."));
  if (given == VM_COW && right == VM_SEGV)
    return xstrdup (_("Copy-on-write only applies to a region that may be "
                      "written; this access is not allowed at all."));
  if (right == VM_SEGV)
    return xstrdup (_("No fault handler can make this access legal: the "
                      "address is not mapped, or the region's permissions "
                      "forbid it."));
  if (given == VM_SEGV)
    return xstrdup (_("The address is inside a region that allows this "
                      "access; a missing page is a page fault, not a "
                      "segmentation fault."));
  return NULL;
}

static char *
victim_mistake (const struct cp_answer *a, bool none, uint64_t vpn)
{
  static const char *const why[VM_POLICY_COUNT] = {
    N_("That would be FIFO's victim (the page loaded earliest)."),
    N_("That would be LRU's victim (the page used least recently)."),
    N_("That would be clock's victim (the first page the hand finds "
       "with its reference bit clear)."),
    N_("That would be OPT's victim (the page used furthest in the "
       "future)."),
    NULL, NULL
  };

  if (none && a->ev.victim_pid != VM_NONE)
    return xstrdup (_("Every frame is in use, so a page must be evicted "
                      "to make room."));
  if (!none && a->ev.victim_pid == VM_NONE)
    return xstrdup (_("Nothing is evicted: the page is already resident, "
                      "or a frame is still free."));
  for (int pol = 0; pol < VM_POLICY_COUNT; pol++)
    if (why[pol] && a->has_alt[pol] && !a->alt_none[pol]
        && a->alt_vpn[pol] == vpn && vpn != a->ev.victim_vpn)
      return xstrdup (_(why[pol]));
  if (vpn == a->ev.vpn)
    return xstrdup (_("That is the page being brought in, not the one "
                      "thrown out."));
  return NULL;
}

static char *
number_mistake (const struct sc_predict *p, const struct cp_answer *a,
                uint64_t v)
{
  const struct vm_event *ev = &a->ev;
  uint64_t psize = 1ull << a->shift;

  if (p->what == PREDICT_FRAME && v == ev->vpn && v != ev->frame)
    return xstrdup (_("That is the page number; frames are numbered "
                      "separately, and a page takes the lowest free frame "
                      "(or the victim's)."));
  if (p->what != PREDICT_PADDR)
    return NULL;
  if (v == ev->va && a->unpaged)
    return xstrdup (_("That is the address the program used; on this "
                      "machine the physical address is the base register "
                      "plus that address."));
  if (a->unpaged)
    return NULL;
  if (v == ev->va)
    return xstrdup (_("That is the virtual address; the physical address "
                      "is the frame number times the page size, plus the "
                      "offset."));
  if (v == (uint64_t) ev->frame * psize)
    return xstrdup (_("That is where the frame starts: add the offset."));
  if (v == ev->frame + ev->offset)
    return xstrdup (_("Multiply the frame number by the page size before "
                      "adding the offset."));
  if (v == ev->vpn * psize + ev->offset || v == ev->offset)
    return xstrdup (_("The offset is kept, but the page number is "
                      "replaced by the frame number."));
  return NULL;
}

/* Read up to VM_MAX_LEVELS + 1 numbers from S into V; their count, or
 * -1 if S holds anything else. */
static int
numbers_of (const char *s, uint64_t *v)
{
  int n = 0;
  while (*s)
    {
      const char *e;
      while (*s == ' ' || *s == ',' || *s == '/' || *s == '\t')
        s++;
      if (!*s)
        break;
      e = s;
      while (*e && *e != ' ' && *e != ',' && *e != '/' && *e != '\t')
        e++;
      if (n > VM_MAX_LEVELS || !parse_u64n (s, (size_t) (e - s), &v[n]))
        return -1;
      n++;
      s = e;
    }
  return n;
}

static char *
indices_mistake (const struct cp_answer *a, const uint64_t *v, int n)
{
  const struct vm_event *ev = &a->ev;
  unsigned lv = ev->levels;
  bool rev = (unsigned) n == lv;

  if ((unsigned) n == lv + 1)
    return xstrdup (_("Give the indices only, not the offset."));
  if ((unsigned) n != lv)
    return xasprintf (ngettext ("This machine's table has %u level: give "
                                "%u index.",
                                "This machine's table has %u levels: give "
                                "%u indices, top level first.", lv),
                      lv, lv);
  for (unsigned i = 0; i < lv; i++)
    if (v[i] != ev->index[lv - 1 - i])
      rev = false;
  if (rev)
    return xstrdup (_("Those are the indices bottom first; the walk starts "
                      "at the top level."));
  /* An offset of the wrong width: the same level widths applied to the
     address with the offset K bits wide.  */
  for (unsigned k = 4; k <= 30; k++)
    {
      uint64_t x = ev->va >> k;
      bool same = k != a->shift;
      for (unsigned i = lv; same && i-- > 0;)
        {
          unsigned w = a->level_bits[i];
          uint64_t mask = w >= 64 ? UINT64_MAX : (1ull << w) - 1;
          same = v[i] == (x & mask);
          x = w >= 64 ? 0 : x >> w;
        }
      if (same)
        return xasprintf (_("The offset has %u bits here (pages of %llu "
                            "bytes), not %u."), a->shift,
                          1ull << a->shift, k);
    }
  return NULL;
}

int
checkpoint_check (const struct sc_predict *p, const struct cp_answer *a,
                  const char *given, char **mistake)
{
  char buf[256];
  uint64_t v, want;

  *mistake = NULL;
  normalise (given, buf, sizeof buf);
  switch (p->what)
    {
    case PREDICT_RESULT:
      {
        int g = result_of (buf);
        if (g < 0)
          {
            *mistake = xasprintf (_("Answer with one of: %s."),
                                  checkpoint_form (p));
            return -1;
          }
        if (g == (int) a->ev.result)
          return 1;
        *mistake = result_mistake (a, g);
        return 0;
      }
    case PREDICT_TLB:
      {
        bool hit = answer_word_is (buf, "hit")
          || strcmp (buf, "tlb hit") == 0;
        bool miss = answer_word_is (buf, "miss")
          || strcmp (buf, "tlb miss") == 0;
        if (!hit && !miss)
          {
            *mistake = xasprintf (_("Answer with one of: %s."),
                                  checkpoint_form (p));
            return -1;
          }
        if (hit == (a->ev.tlb == 1))
          return 1;
        /* A hit on a huge page need not be this small page's own
           translation: one entry maps the whole huge page (huge-far:
           page 300 of a 2 MiB page, never touched as such). */
        *mistake = xstrdup (hit
                            ? _("The TLB only holds recently used "
                                "translations; this page's is not there "
                                "(never used, pushed out, or flushed by a "
                                "context switch).")
                            : a->ev.huge_level
                            ? _("The address is inside a huge page whose "
                                "translation is still in the TLB: one entry "
                                "maps the whole huge page, touched before "
                                "or not.")
                            : _("This page's translation was used recently "
                                "and is still in the TLB."));
        return 0;
      }
    case PREDICT_VICTIM:
      {
        bool none = answer_word_is (buf, "none") || strcmp (buf, "-") == 0
          || answer_word_is (buf, "no") || strcmp (buf, "nothing") == 0;
        if (!none && !number_of (buf, &v))
          {
            *mistake = xasprintf (_("Answer with %s."), checkpoint_form (p));
            return -1;
          }
        if (none && a->ev.victim_pid == VM_NONE)
          return 1;
        /* A page number within the victim's region.  */
        if (!none && a->victim_base && v < a->victim_pages)
          v += a->victim_base;
        if (!none && a->ev.victim_pid != VM_NONE && v == a->ev.victim_vpn)
          return 1;
        *mistake = victim_mistake (a, none, none ? 0 : v);
        return 0;
      }
    case PREDICT_FRAME:
    case PREDICT_PADDR:
    case PREDICT_FAULTS:
      if (!number_of (buf, &v))
        {
          *mistake = xasprintf (_("Answer with %s."), checkpoint_form (p));
          return -1;
        }
      want = p->what == PREDICT_FRAME ? a->ev.frame
        : p->what == PREDICT_PADDR ? a->ev.pa : a->faults;
      if (v == want)
        return 1;
      *mistake = number_mistake (p, a, v);
      return 0;
    case PREDICT_INDICES:
      {
        uint64_t iv[VM_MAX_LEVELS + 1];
        int n = numbers_of (buf, iv);
        bool same = n == (int) a->ev.levels;
        if (n < 0)
          {
            *mistake = xasprintf (_("Answer with %s."), checkpoint_form (p));
            return -1;
          }
        for (int i = 0; same && i < n; i++)
          same = iv[i] == a->ev.index[i];
        if (same)
          return 1;
        *mistake = indices_mistake (a, iv, n);
        return 0;
      }
    case PREDICT_VALUE:
      if (a->ev.has_value && a->ev.value.str)
        {
          /* the text, in any case, with or without quotes */
          char want_s[256];
          size_t n = strlen (buf);
          normalise (a->text, want_s, sizeof want_s);
          if (n >= 2 && (buf[0] == '"' || buf[0] == '\'')
              && buf[n - 1] == buf[0])
            {
              memmove (buf, buf + 1, n - 2);
              buf[n - 2] = 0;
            }
          if (strcmp (buf, want_s) == 0)
            return 1;
          *mistake = xasprintf (_("The read returns what was last written "
                                  "at that offset of this copy of the "
                                  "page."));
          return 0;
        }
      if (!number_of (buf, &v))
        {
          *mistake = xasprintf (_("Answer with %s."), checkpoint_form (p));
          return -1;
        }
      if (v == (a->ev.has_value ? a->ev.value.value : 0))
        return 1;
      if (a->has_other && v == a->other_value)
        {
          *mistake = xasprintf (_("%llu is in %s's copy of the page: since "
                                  "the copy-on-write fault the two copies "
                                  "are separate, and a write to one does "
                                  "not reach the other."),
                                (unsigned long long) v, a->other_proc);
          return 0;
        }
      *mistake = xasprintf (_("The read returns what was last written "
                              "at that offset of this copy of the page "
                              "(0 if nothing was)."));
      return 0;
    case PREDICT_CHOICE:
      if (strlen (buf) == 1 && buf[0] >= 'a'
          && buf[0] < 'a' + (int) p->nchoices)
        return buf[0] - 'a' == p->answer;
      if (parse_u64 (buf, &v) && v >= 1 && v <= p->nchoices)
        return (int) v - 1 == p->answer;
      for (size_t i = 0; i < p->nchoices; i++)
        {
          char c[256];
          normalise (p->choices[i], c, sizeof c);
          if (strcmp (c, buf) == 0)
            return (int) i == p->answer;
        }
      *mistake = xasprintf (_("Answer with %s."), checkpoint_form (p));
      return -1;
    default:
      return 0;
    }
}
