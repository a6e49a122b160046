/* narrate.c: the narration's sentences, built from event records and the
 * engine's state (see narrate.h).  No curses here. */
#include "system.h"

#include <stdarg.h>

#include "narrate/narrate.h"
#include "util.h"

#if !ENABLE_NLS
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#else
/* Batch JSON narrates every access: each message is looked up once, in a
   table keyed by the msgid's address (the locale and the domain are set
   before the first narration). */
static const char *tr (const char *msgid) __attribute__ ((format_arg (1)));
static const char *
tr (const char *msgid)
{
  static const char *keys[256], *vals[256];
  size_t h = ((uintptr_t) msgid >> 3) % 256;
  for (size_t k = 0; k < 256; k++, h = (h + 1) % 256)
    {
      if (keys[h] == msgid)
        return vals[h];
      if (!keys[h])
        {
          keys[h] = msgid;
          return vals[h] = gettext (msgid);
        }
    }
  return gettext (msgid);
}
# undef _
# define _(msgid) tr (msgid)
#endif

/* A growing string. */
struct sbuf
{
  char *s;
  size_t len, cap;
};

static void sb_printf (struct sbuf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
sb_printf (struct sbuf *b, const char *fmt, ...)
{
  va_list ap;
  int n;
  /* straight into the buffer (batch JSON narrates every access) */
  if (b->cap - b->len < 128)
    {
      b->cap = b->cap ? b->cap * 2 : 512;
      b->s = xrealloc (b->s, b->cap);
    }
  va_start (ap, fmt);
  n = vsnprintf (b->s + b->len, b->cap - b->len, fmt, ap);
  va_end (ap);
  if (n < 0)
    return;
  if ((size_t) n >= b->cap - b->len)
    {
      b->cap = (b->len + (size_t) n + 1) * 2;
      b->s = xrealloc (b->s, b->cap);
      va_start (ap, fmt);
      vsnprintf (b->s + b->len, b->cap - b->len, fmt, ap);
      va_end (ap);
    }
  b->len += (size_t) n;
}

/* The separator between two clauses of a narration. */
static const char *
clause_sep (void)
{
  /* TRANSLATORS: between two clauses of the narration of an access
     ("P1 reads 0x1000 (page 1); TLB miss; ..."): e.g. Chinese "；" (no
     space). */
  static const char *sep;
  if (!sep)
    sep = C_ ("narration", "; ");
  return sep;
}

/* Separate clauses with the separator. */
static void
sb_clause (struct sbuf *b)
{
  if (b->len)
    sb_printf (b, "%s", clause_sep ());
}

/* End the narration with a full stop. */
static void
sb_end (struct sbuf *b)
{
  /* TRANSLATORS: the full stop that ends the narration of an access:
     e.g. Chinese "。". */
  static const char *stop;
  if (!stop)
    stop = C_ ("narration", ".");
  sb_printf (b, "%s", stop);
}

static uint64_t (*steps_fn) (const void *, uint64_t);
static const void *steps_arg;

void
narrate_set_steps (uint64_t (*fn) (const void *arg, uint64_t step),
                   const void *arg)
{
  steps_fn = fn;
  steps_arg = arg;
}

void
narrate_when (char *buf, size_t n, uint64_t when, uint64_t now)
{
  uint64_t tick = steps_fn && when < now ? steps_fn (steps_arg, when)
                  : UINT64_MAX;
  unsigned long long d;
  if (when == now)
    {
      snprintf (buf, n, "%s", _("by this access"));
      return;
    }
  if (when < now)
    {
      d = (unsigned long long) (now - when);
      if (tick != UINT64_MAX)
        snprintf (buf, n, ngettext ("at step %llu, %llu access ago",
                                    "at step %llu, %llu accesses ago", d),
                  (unsigned long long) tick + 1, d);
      else
        snprintf (buf, n, ngettext ("%llu access ago", "%llu accesses ago",
                                    d), d);
      return;
    }
  /* The future's step is known only once the run has been there: to say
     the same words whichever way the step was reached, never name it. */
  d = (unsigned long long) (when - now);
  snprintf (buf, n, ngettext ("in %llu access", "in %llu accesses", d), d);
}

void
narrate_at (char *buf, size_t n, uint64_t when)
{
  uint64_t tick = steps_fn ? steps_fn (steps_arg, when) : UINT64_MAX;
  if (tick != UINT64_MAX)
    snprintf (buf, n, _("at step %llu"), (unsigned long long) tick + 1);
  else
    snprintf (buf, n, _("at access %llu"), (unsigned long long) when + 1);
}

const char *
narrate_proc (const struct vm *vm, uint32_t pid)
{
  struct vm_proc_info pi;
  if (pid != VM_NONE && vm_proc_info (vm, pid, &pi) && pi.name && *pi.name)
    return pi.name;
  return "?";
}

/* Append S to BUF of N bytes, *LEN used, cut short as snprintf cuts. */
static void
put_str (char *buf, size_t n, size_t *len, const char *s)
{
  while (*s && *len + 1 < n)
    buf[(*len)++] = *s++;
  buf[*len] = '\0';
}

/* Append V in decimal (or in hex with HEX) the same way. */
static void
put_num (char *buf, size_t n, size_t *len, uint64_t v, bool hex)
{
  char d[24];
  size_t k = sizeof d;
  d[--k] = '\0';
  do
    {
      d[--k] = "0123456789abcdef"[hex ? v % 16 : v % 10];
      v = hex ? v / 16 : v / 10;
    }
  while (v);
  put_str (buf, n, len, d + k);
}

/* True if a current region of PID (info PI) covers VPN. */
static bool
proc_covers (const struct vm *vm, uint32_t pid, const struct vm_proc_info *pi,
             uint64_t vpn)
{
  for (size_t i = 0; i < pi->nregions; i++)
    {
      struct vm_region_info ri;
      if (vm_region_info (vm, pid, i, &ri) && vpn >= ri.start_vpn
          && vpn - ri.start_vpn < ri.pages)
        return true;
    }
  return false;
}

/* The labels are drawn for every frame, swap slot and log line of every
   screen: built by hand rather than with snprintf, to the same bytes. */
void
narrate_page (char *buf, size_t n, const struct vm *vm, uint32_t pid,
              uint64_t vpn)
{
  struct vm_proc_info pi;
  const char *name = "?";
  size_t len = 0;
  bool have = pid != VM_NONE && vm_proc_info (vm, pid, &pi);
  if (n == 0)
    return;
  if (have && pi.name && *pi.name)
    name = pi.name;
  put_str (buf, n, &len, name);
  /* An unpaged machine has no pages: "compiler:16" would be a 17th
     block of a 16-block program (the address went past its end). */
  if (vm_config (vm)->unpaged)
    return;
  put_str (buf, n, &len, ":");
  if (have)
    {
      /* Inside a named region: its name and the page's index in it, unless
         the region starts at page 0 (then the page number says it all). */
      for (size_t i = 0; i < pi.nregions; i++)
        {
          struct vm_region_info ri;
          if (!vm_region_info (vm, pid, i, &ri) || vpn < ri.start_vpn
              || vpn - ri.start_vpn >= ri.pages)
            continue;
          if (ri.start_vpn == 0 || !ri.name || !*ri.name)
            break;
          /* a region split by protect or munmap keeps its first page's
             numbering: back to the first contiguous piece of that name */
          uint64_t start = ri.start_vpn;
          for (size_t j = i; j-- > 0;)
            {
              struct vm_region_info pj;
              if (!vm_region_info (vm, pid, j, &pj) || !pj.name
                  || strcmp (pj.name, ri.name) != 0
                  || pj.start_vpn + pj.pages != start)
                break;
              start = pj.start_vpn;
            }
          put_str (buf, n, &len, ri.name);
          put_str (buf, n, &len, "[");
          put_num (buf, n, &len, vpn - start, false);
          put_str (buf, n, &len, "]");
          return;
        }
      /* not mapped now: named after the region it was in, if any, so
         that earlier log lines keep their labels */
      for (size_t i = pi.ngone; i-- > 0;)
        {
          struct vm_region_info ri;
          if (!vm_region_gone_info (vm, pid, i, &ri) || vpn < ri.start_vpn
              || vpn - ri.start_vpn >= ri.pages || ri.start_vpn == 0
              || !ri.name || !*ri.name)
            continue;
          if (proc_covers (vm, pid, &pi, vpn))
            break;
          put_str (buf, n, &len, ri.name);
          put_str (buf, n, &len, "[");
          put_num (buf, n, &len, vpn - ri.start_vpn, false);
          put_str (buf, n, &len, "]");
          return;
        }
    }
  if (vpn < 1024)
    put_num (buf, n, &len, vpn, false);
  else
    {
      put_str (buf, n, &len, "0x");
      put_num (buf, n, &len, vpn, true);
    }
}

static void
walk_words (struct sbuf *b, const struct vm_event *ev, unsigned levels,
            bool utf8)
{
  const char *arrow = utf8 ? " \u2192 " : " -> ";
  char path[VM_MAX_LEVELS * 32];
  size_t pl = 0;
  path[0] = '\0';
  for (unsigned i = 0; i < ev->walk_len && i < VM_MAX_LEVELS; i++)
    {
      int k = snprintf (path + pl, sizeof path - pl, "%sL%u[%llu]",
                        i ? arrow : "", i + 1,
                        (unsigned long long) ev->walk[i].index);
      if (k > 0 && (size_t) k < sizeof path - pl)
        pl += (size_t) k;
    }
  sb_clause (b);
  /* TRANSLATORS: the page-table walk (%s, "L1[0] -> L2[3]") before what
     its last entry says ("walk L1[0]: present, frame 2"); Chinese may
     use "：". */
  sb_printf (b, _("walk %s: "), path);
  const struct vm_walk_step *last = &ev->walk[ev->walk_len - 1];
  if (last->bits & VM_PTE_P)
    {
      if (last->bits & VM_PTE_TABLE)
        sb_printf (b, "%s", _("table present"));
      else if (ev->huge_level)
        sb_printf (b, _("huge page, frame %llu"),
                   (unsigned long long) last->target);
      else
        sb_printf (b, _("present, frame %llu"),
                   (unsigned long long) last->target);
    }
  else if (last->bits & VM_PTE_S)
    sb_printf (b, _("not present (in swap slot %llu)"),
               (unsigned long long) last->target);
  else if (ev->walk_len < (ev->huge_level ? ev->huge_level : levels))
    sb_printf (b, "%s", _("no lower table yet"));
  else if (ev->evicted_at != VM_NEVER)
    {
      char at[64];
      narrate_at (at, sizeof at, ev->evicted_at);
      sb_printf (b, _("not present (evicted %s)"), at);
    }
  else if (ev->result == VM_SEGV)
    sb_printf (b, "%s", _("not present"));
  else if (ev->shared_hit)
    /* The page is in memory (another mapping loaded it): only this
       page table has no entry for it yet. */
    sb_printf (b, "%s", _("not present (not yet mapped here)"));
  else
    sb_printf (b, "%s", _("not present (never loaded)"));
}

/* "the page was evicted at step 9, 3 accesses ago (by P's access to X)",
   or "the page was evicted by this access". */
static void
evicted_words (struct sbuf *b, const struct vm *vm, const struct vm_event *ev)
{
  char when[96], by[64];
  narrate_when (when, sizeof when, ev->evicted_at, ev->step);
  /* evicted by this very access (ws trims before the lookup): "by this
     access" already says whose access it was */
  if (ev->evicted_by != VM_NONE && ev->evicted_at != ev->step)
    {
      narrate_page (by, sizeof by, vm, ev->evicted_by, ev->evicted_by_vpn);
      sb_printf (b, _("the page was evicted %s (by %s's access to %s)"),
                 when, narrate_proc (vm, ev->evicted_by), by);
    }
  else
    sb_printf (b, _("the page was evicted %s"), when);
}

/* The OOM killer's kill, which freed the frames this access then used. */
static void
oom_words (struct sbuf *b, const struct vm *vm, const struct vm_event *ev,
           bool *said)
{
  *said = true;
  sb_printf (b, _("no frame could be freed, so the OOM killer killed "
                  "process %s (out of memory) and freed its frames "
                  "and swap slots"), narrate_proc (vm, ev->oom_killed));
}

/* Why a dead process's access did nothing. */
static void
dead_words (struct sbuf *b, const struct vm *vm, uint32_t pid)
{
  struct vm_proc_info pi;
  char at[64];
  const char *name = narrate_proc (vm, pid);
  if (!vm_proc_info (vm, pid, &pi))
    {
      sb_printf (b, "%s", _("nothing happens: there is no such process"));
      return;
    }
  narrate_at (at, sizeof at, pi.end_step);
  switch (pi.end)
    {
    case VM_END_SEGV:
      sb_printf (b, _("nothing happens: %s was killed (SIGSEGV) %s; a dead "
                      "process does nothing"), name, at);
      break;
    case VM_END_OOM:
      sb_printf (b, _("nothing happens: %s was killed (out of memory) %s; a "
                      "dead process does nothing"), name, at);
      break;
    default:
      sb_printf (b, _("nothing happens: %s has exited; a dead process does "
                      "nothing"), name);
      break;
    }
}

/* A counting policy (lfu, mfu, nfu, aging) breaks a tie by load order
   (vmtutor(1)): say so when another candidate had the victim's figure,
   or "the smallest (1)" leaves the student asking why this page went
   and not another 1 beside it.  Machines of more than 4096 frames are
   not searched (a trace's narration stays proportional to the access). */
static void
tie_words (struct sbuf *b, const struct vm *vm, const struct vm_event *ev)
{
  const struct vm_config *cfg = vm_config (vm);
  if (cfg->frames > 4096)
    return;
  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      struct vm_frame_info fi;
      if (f == ev->frame || f == ev->victim_frame)
        continue;
      vm_frame_info (vm, f, &fi);
      if (!fi.used || fi.pinned || fi.page_table
          || (cfg->local_scope && fi.owner_pid != ev->pid)
          || fi.count != ev->victim_count)
        continue;
      sb_printf (b, "%s", _(", a tie: of the pages with that figure, the "
                            "one loaded earliest goes"));
      return;
    }
}

/* Why the policy chose its victim. */
static void
victim_reason (struct sbuf *b, const struct vm *vm, const struct vm_event *ev)
{
  char when[96];
  if (ev->victim_since != VM_NEVER)
    narrate_when (when, sizeof when, ev->victim_since, ev->step);
  switch (vm_config (vm)->policy)
    {
    case VM_POLICY_FIFO:
      if (ev->victim_since != VM_NEVER)
        sb_printf (b, _(", loaded earliest (%s)"), when);
      else
        sb_printf (b, "%s", _(", loaded earliest"));
      break;
    case VM_POLICY_LRU:
      if (ev->victim_since != VM_NEVER)
        sb_printf (b, _(", least recently used (%s)"), when);
      else
        sb_printf (b, "%s", _(", least recently used"));
      break;
    case VM_POLICY_OPT:
      if (ev->victim_since == VM_NEVER)
        sb_printf (b, "%s", _(", never used again"));
      else
        sb_printf (b, _(", its next use is the farthest ahead (%s)"), when);
      break;
    case VM_POLICY_CLOCK:
      sb_printf (b, "%s", _(", its reference bit was clear under the clock hand"));
      break;
    case VM_POLICY_SC_DIRTY:
      sb_printf (b, "%s", _(", the best (reference, dirty) class under the hand"));
      break;
    case VM_POLICY_RANDOM:
      sb_printf (b, "%s", _(", chosen at random"));
      break;
    case VM_POLICY_SECOND_CHANCE:
      sb_printf (b, "%s", _(", the oldest page whose reference bit was "
                            "clear"));
      break;
    case VM_POLICY_MRU:
      sb_printf (b, "%s", _(", the most recently used page"));
      break;
    case VM_POLICY_LFU:
      sb_printf (b, ngettext (", used the fewest times since it was loaded "
                              "(%llu time)",
                              ", used the fewest times since it was loaded "
                              "(%llu times)", ev->victim_count),
                 (unsigned long long) ev->victim_count);
      tie_words (b, vm, ev);
      break;
    case VM_POLICY_MFU:
      sb_printf (b, ngettext (", used the most times since it was loaded "
                              "(%llu time)",
                              ", used the most times since it was loaded "
                              "(%llu times)", ev->victim_count),
                 (unsigned long long) ev->victim_count);
      tie_words (b, vm, ev);
      break;
    case VM_POLICY_NFU:
      sb_printf (b, _(", its use counter was the smallest (%llu)"),
                 (unsigned long long) ev->victim_count);
      tie_words (b, vm, ev);
      break;
    case VM_POLICY_AGING:
      {
        char bits[9];
        for (int i = 0; i < 8; i++)
          bits[i] = (ev->victim_count >> (7 - i)) & 1 ? '1' : '0';
        bits[8] = '\0';
        sb_printf (b, _(", its aging counter was the smallest (%s)"), bits);
        tie_words (b, vm, ev);
      }
      break;
    case VM_POLICY_NRU:
      {
        static const char *const cls[4] = {
          N_("class 0: not referenced, clean"),
          N_("class 1: not referenced, dirty"),
          N_("class 2: referenced, clean"),
          N_("class 3: referenced, dirty")
        };
        sb_printf (b, _(", the lowest (referenced, dirty) class (%s)"),
                   _(cls[ev->victim_count & 3]));
      }
      break;
    case VM_POLICY_WSCLOCK:
      sb_printf (b, "%s", _(", found by the hand outside the working set "
                            "(or the best left)"));
      break;
    case VM_POLICY_2Q:
      if (ev->victim_count)
        sb_printf (b, "%s", _(", the least recently used page of Am (2Q's "
                              "main queue)"));
      else
        sb_printf (b, "%s", _(", the oldest page of A1in (2Q's queue of "
                              "pages seen once); it is remembered in "
                              "A1out"));
      break;
    case VM_POLICY_WS:
      if (ev->victim_since != VM_NEVER
          && ev->step - ev->victim_since > vm_config (vm)->tau)
        sb_printf (b, _(", it left the working set: last used %s, more "
                        "than tau = %u accesses ago"), when,
                   vm_config (vm)->tau);
      else
        sb_printf (b, _(", least recently used (%s): the working set "
                        "fills every frame"), when);
      if (ev->evictions > 1)
        sb_printf (b, ngettext (" (and %u more page left the working set)",
                                " (and %u more pages left the working set)",
                                ev->evictions - 1), ev->evictions - 1);
      break;
    default:
      break;
    }
}

/* DESIGN.md "Values": what the access wrote, or what it read and who
 * wrote it when. */
static void
narrate_value (struct sbuf *b, const struct vm *vm, const struct vm_event *ev)
{
  char v[VM_VALUE_TEXT], at[96];
  const struct vm_value *x = &ev->value;

  vm_value_text (x->value, x->str, v);
  sb_clause (b);
  if (ev->op == VM_WRITE && vm_config (vm)->unpaged)
    {
      /* No pages: the physical address said where. */
      sb_printf (b, _("it wrote %s"), v);
      return;
    }
  if (ev->op == VM_WRITE)
    {
      sb_printf (b, _("it wrote %s at offset 0x%llx of the page"), v,
                 (unsigned long long) x->offset);
      return;
    }
  if (x->by_pid == VM_NONE)
    {
      sb_printf (b, _("it read %s, the file's content"), v);
      return;
    }
  narrate_at (at, sizeof at, x->at_step);
  sb_printf (b, _("it read %s, written by %s %s"), v,
             narrate_proc (vm, x->by_pid), at);
}

char *
narrate_access (const struct vm *vm, const struct vm_event *ev, bool utf8)
{
  struct sbuf b = { NULL, 0, 0 };
  const struct vm_config *cfg = vm_config (vm);
  char page[64], victim[64];
  /* A kill that made room for this access is told where it happened:
     after the fault's kind, before the page goes into its frame. */
  bool oom_first = ev->oom_killed != VM_NONE && ev->result != VM_OOM
                   && ev->result != VM_SEGV && ev->result != VM_HIT;
  bool oom_said = false;

  narrate_page (page, sizeof page, vm, ev->pid, ev->vpn);
  /* No pages on an unpaged machine: a label such as "compiler:16" would
     name a page the program does not have. */
  if (cfg->unpaged)
    /* TRANSLATORS: process, address ("compiler writes 0x4100"), on a
       machine without paging. */
    sb_printf (&b, ev->op == VM_WRITE ? _("%s writes 0x%llx")
               : ev->op == VM_EXEC ? _("%s executes 0x%llx")
               : _("%s reads 0x%llx"), narrate_proc (vm, ev->pid),
               (unsigned long long) ev->va);
  else
    /* TRANSLATORS: process, virtual address, page ("P1 reads 0x1000
       (page 1)"). */
    sb_printf (&b, ev->op == VM_WRITE ? _("%s writes 0x%llx (%s)")
               : ev->op == VM_EXEC ? _("%s executes 0x%llx (%s)")
               : _("%s reads 0x%llx (%s)"), narrate_proc (vm, ev->pid),
               (unsigned long long) ev->va, page);

  if (ev->tlb == 1)
    {
      sb_clause (&b);
      sb_printf (&b, _("TLB hit (entry %d)"), ev->tlb_slot);
    }
  else if (ev->tlb == 0)
    {
      sb_clause (&b);
      sb_printf (&b, "%s", _("TLB miss"));
    }
  if (ev->result == VM_SEGV && ev->segv == VM_SEGV_DEAD)
    {
      sb_clause (&b);
      dead_words (&b, vm, ev->pid);
      sb_end (&b);
      return b.s;
    }
  if (ev->walk_len > 0)
    walk_words (&b, ev, cfg->levels, utf8);

  sb_clause (&b);
  if (cfg->unpaged && ev->result == VM_HIT)
    {
      struct vm_proc_info pi;
      if (vm_proc_info (vm, ev->pid, &pi))
        sb_printf (&b, _("no paging: base 0x%llx + 0x%llx = physical address "
                         "0x%llx"), (unsigned long long) pi.base,
                   (unsigned long long) ev->va, (unsigned long long) ev->pa);
      if (ev->phys_owner != VM_NONE && ev->phys_owner != ev->pid)
        sb_printf (&b, _(", which belongs to %s"),
                   narrate_proc (vm, ev->phys_owner));
      else if (ev->phys_owner == VM_NONE)
        sb_printf (&b, "%s", _(", which nobody owns"));
      if (ev->has_value)
        narrate_value (&b, vm, ev);
      sb_end (&b);
      return b.s;
    }
  switch (ev->result)
    {
    case VM_HIT:
      sb_printf (&b, _("no fault: frame %u, physical address 0x%llx"),
                 ev->frame, (unsigned long long) ev->pa);
      break;
    case VM_MINOR:
      if (ev->shared_hit)
        sb_printf (&b, _("minor fault: the page was already in memory "
                         "(frame %u), only mapped"), ev->frame);
      else if (ev->zero_fill && ev->evicted_at != VM_NEVER)
        {
          sb_printf (&b, "%s", _("minor fault: "));
          evicted_words (&b, vm, ev);
          if (oom_first)
            {
              sb_clause (&b);
              oom_words (&b, vm, ev, &oom_said);
            }
          sb_printf (&b, _("; zero-filled again into frame %u: it was clean "
                           "anonymous memory, so nothing was kept"),
                     ev->frame);
        }
      else if (ev->zero_fill && oom_first)
        {
          sb_printf (&b, "%s", _("minor fault: "));
          oom_words (&b, vm, ev, &oom_said);
          sb_clause (&b);
          /* TRANSLATORS: after "minor fault: " and the OOM killer's
             kill that freed the frame. */
          sb_printf (&b, _("first touch, a zero-filled page in frame %u"),
                     ev->frame);
        }
      else if (ev->zero_fill)
        sb_printf (&b, _("minor fault: first touch, a zero-filled page in "
                         "frame %u"), ev->frame);
      else if (oom_first)
        {
          sb_printf (&b, "%s", _("minor fault: "));
          oom_words (&b, vm, ev, &oom_said);
          sb_clause (&b);
          /* TRANSLATORS: after "minor fault: " and the OOM killer's
             kill that freed the frame. */
          sb_printf (&b, _("the page was mapped into frame %u"), ev->frame);
        }
      else
        sb_printf (&b, _("minor fault: the page was mapped into frame %u"),
                   ev->frame);
      break;
    case VM_MAJOR:
      sb_printf (&b, "%s", _("major fault: "));
      if (oom_first && ev->evicted_at == VM_NEVER)
        {
          oom_words (&b, vm, ev, &oom_said);
          sb_clause (&b);
        }
      if (ev->evicted_at != VM_NEVER)
        {
          evicted_words (&b, vm, ev);
          if (oom_first)
            {
              sb_clause (&b);
              oom_words (&b, vm, ev, &oom_said);
            }
          sb_printf (&b, "%s", clause_sep ());
          if (ev->swap_in_slot != VM_NONE)
            sb_printf (&b, _("read it back from swap slot %u into frame %u"),
                       ev->swap_in_slot, ev->frame);
          else if (ev->store_read)
            sb_printf (&b, _("read it back from the backing store into "
                             "frame %u"), ev->frame);
          else if (ev->file_read)
            sb_printf (&b, _("read it back from its file into frame %u"),
                       ev->frame);
          else
            sb_printf (&b, _("read it back into frame %u"), ev->frame);
        }
      else if (ev->store_read)
        sb_printf (&b, _("first touch, read the page from the backing store "
                         "into frame %u"), ev->frame);
      else if (ev->file_read)
        sb_printf (&b, _("read the page from its file into frame %u"),
                   ev->frame);
      else if (ev->swap_in_slot != VM_NONE)
        sb_printf (&b, _("read swap slot %u into frame %u"),
                   ev->swap_in_slot, ev->frame);
      else
        sb_printf (&b, _("read the page into frame %u"), ev->frame);
      break;
    case VM_COW:
      if (ev->cow_copy && oom_first)
        {
          sb_printf (&b, "%s", _("copy-on-write fault: "));
          oom_words (&b, vm, ev, &oom_said);
          sb_clause (&b);
          /* TRANSLATORS: after "copy-on-write fault: " and the OOM
             killer's kill that freed the frame. */
          sb_printf (&b, _("the shared page was copied into frame %u"),
                     ev->frame);
        }
      else if (ev->cow_copy)
        sb_printf (&b, _("copy-on-write fault: the shared page was copied "
                         "into frame %u"), ev->frame);
      else
        sb_printf (&b, _("copy-on-write fault: no other sharer left, so the "
                         "page in frame %u was made writable"), ev->frame);
      break;
    case VM_SEGV:
      sb_printf (&b, _("segmentation fault: %s"),
                 ev->segv != VM_SEGV_NONE ? _(vm_segv_name (ev->segv))
                 : _("access not allowed"));
      if (!cfg->unpaged)
        sb_printf (&b, _("; %s is killed (SIGSEGV)"),
                   narrate_proc (vm, ev->pid));
      break;
    case VM_OOM:
      sb_printf (&b, "%s", _("out of memory: no frame could be freed"));
      break;
    default:
      sb_printf (&b, "%s", vm_result_name (ev->result));
      break;
    }

  if (ev->huge_level && ev->result != VM_HIT && ev->result != VM_SEGV
      && ev->result != VM_OOM)
    {
      unsigned shift = vm_page_shift (vm), bits = shift;
      for (unsigned l = ev->huge_level; l < cfg->levels; l++)
        bits += cfg->level_bits[l];
      /* The frame named above holds the page accessed; the huge page
         takes every frame of its run (huge-pages: "1024 frames each"). */
      unsigned long long n = bits - shift < 64 ? 1ull << (bits - shift) : 0;
      unsigned long long first = n ? ev->frame - (ev->vpn & (n - 1)) : 0;
      unsigned long long last = n ? first + n - 1 : 0;
      sb_clause (&b);
      if (bits >= 30 && bits < 64)
        sb_printf (&b, _("a %llu GiB huge page in frames %llu-%llu: its "
                         "leaf is at level %u, so walks stop there"),
                   1ull << (bits - 30), first, last, ev->huge_level);
      else if (bits >= 20 && bits < 64)
        sb_printf (&b, _("a %llu MiB huge page in frames %llu-%llu: its "
                         "leaf is at level %u, so walks stop there"),
                   1ull << (bits - 20), first, last, ev->huge_level);
      else
        sb_printf (&b, _("a huge page in frames %llu-%llu: its leaf is at "
                         "level %u, so walks stop there"), first, last,
                   ev->huge_level);
    }
  if (ev->evicted && ev->victim_pid != VM_NONE)
    {
      narrate_page (victim, sizeof victim, vm, ev->victim_pid, ev->victim_vpn);
      sb_clause (&b);
      sb_printf (&b, _("evicted %s from frame %u"), victim, ev->victim_frame);
      victim_reason (&b, vm, ev);
      sb_clause (&b);
      if (ev->victim_swap_slot != VM_NONE && ev->victim_dirty)
        sb_printf (&b, _("it was dirty, so it was written to swap slot %u"),
                   ev->victim_swap_slot);
      else if (ev->victim_swap_slot != VM_NONE)
        sb_printf (&b, _("it was written to swap slot %u"),
                   ev->victim_swap_slot);
      else if (ev->victim_store && ev->victim_dirty)
        sb_printf (&b, "%s", _("it was dirty, so it was written back to the "
                               "backing store"));
      else if (ev->victim_store)
        sb_printf (&b, "%s", _("it was clean, so it was dropped (the backing "
                               "store has it)"));
      else if (ev->victim_file && ev->victim_dirty)
        sb_printf (&b, "%s", _("it was dirty, so it was written back to its file"));
      else if (ev->victim_file)
        sb_printf (&b, "%s", _("it was clean, so it was dropped (the file has it)"));
      else
        {
          struct vm_page_info vi;
          vm_page_info (vm, ev->victim_pid, ev->victim_vpn, &vi);
          if (vi.state == VM_PAGE_SWAPPED)
            sb_printf (&b, _("it was clean and swap slot %u still holds its "
                             "copy, so nothing had to be written"), vi.slot);
          else
            sb_printf (&b, "%s", _("it was clean, so nothing had to be "
                                   "written"));
        }
    }
  /* told above where it happened, unless the access itself failed (or
     made room without a frame of its own: the kill ends the sentence) */
  if (ev->oom_killed != VM_NONE && !oom_said)
    {
      sb_clause (&b);
      oom_words (&b, vm, ev, &oom_said);
    }
  if (ev->tlb_flushed)
    {
      sb_clause (&b);
      sb_printf (&b, ngettext ("%u TLB entry invalidated",
                               "%u TLB entries invalidated", ev->tlb_flushed),
                 ev->tlb_flushed);
    }
  if (ev->result != VM_SEGV && ev->result != VM_OOM && ev->result != VM_HIT
      && ev->walk_len == 0 && ev->tlb == 1)
    {
      sb_clause (&b);
      sb_printf (&b, _("physical address 0x%llx"), (unsigned long long) ev->pa);
    }
  if (ev->has_value)
    narrate_value (&b, vm, ev);
  sb_end (&b);
  return b.s;
}

char *
narrate_tick (const struct vm *vm, const struct tick *t, bool utf8)
{
  switch (t->kind)
    {
    case TICK_ACCESS:
      return narrate_access (vm, &t->ev, utf8);
    case TICK_SWITCH:
      /* The runner's switch says how many TLB entries it flushed. */
      if (t->text)
        return xasprintf (ngettext ("Context switch to process %s (%u TLB "
                                    "entry invalidated).",
                                    "Context switch to process %s (%u TLB "
                                    "entries invalidated).", t->flushed),
                          narrate_proc (vm, t->pid), t->flushed);
      return xasprintf (_("Context switch to process %s."),
                        narrate_proc (vm, t->pid));
    case TICK_FORK:
      return xasprintf (_("Process %s forked %s: every private page is now "
                          "shared copy-on-write."),
                        narrate_proc (vm, t->pid), narrate_proc (vm, t->child));
    case TICK_EXIT:
      {
        /* Without paging a process has no frames or swap slots: its
           one piece of memory is free again (a hole). */
        struct vm_proc_info pi;
        if (vm_config (vm)->unpaged && vm_proc_info (vm, t->pid, &pi)
            && pi.limit)
          return xasprintf (_("Process %s exited: its memory, 0x%llx-0x%llx, "
                              "is free again."), narrate_proc (vm, t->pid),
                            (unsigned long long) pi.base,
                            (unsigned long long) (pi.base + pi.limit - 1));
        return xasprintf (_("Process %s exited: its frames and swap slots "
                            "are free again."), narrate_proc (vm, t->pid));
      }
    case TICK_EXPECT:
      return xasprintf (t->ok ? _("Checked: %s (holds).")
                        : _("Checked: %s (DOES NOT HOLD)."),
                        t->text ? t->text : "");
    case TICK_PAUSE:
      return xstrdup (_("Pause: press a step key to go on."));
    case TICK_MAP:
    case TICK_REBOOT:
      return t->text ? xstrdup (t->text) : NULL;
    case TICK_ASK:
      {
        struct sbuf b = { NULL, 0, 0 };
        sb_printf (&b, _("Question: %s"), t->text ? t->text : "");
        for (size_t i = 0; i < t->nchoices && i < 26; i++)
          sb_printf (&b, "  %c) %s", (int) ('a' + i), t->choices[i]);
        return b.s;
      }
    case TICK_SAY:
    case TICK_OTHER:
    default:
      return NULL;
    }
}
