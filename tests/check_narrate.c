/* check_narrate.c: the narration oracle (DESIGN.md "Narration contract").
 * Every step of every library scenario (the .yaml files of scenarios/),
 * and random reference strings under every policy on both backings, are
 * narrated with narrate_access() and the sentence is held against the
 * event and against a history this file keeps on its own from the events:
 *  - "first touch" only for a page never loaded before; a page loaded
 *    before and faulted in again says when it was evicted;
 *  - a named victim is the page really evicted, a page that was loaded
 *    and last seen in the frame the event names;
 *  - write-back is claimed only for a victim written since it was loaded;
 *  - the fault kind words match the counter that moved (and only it);
 *  - the machine's counters (header and batch summary) equal the sums of
 *    the events at every step; an access by a dead process counts nothing;
 *  - run again from checkpoints (run_clone), every access says the same.
 */
#include "system.h"

#include <check.h>
#include <glob.h>
#include <strings.h>

#include "narrate/narrate.h"
#include "scenario/scenario.h"
#include "util.h"

/* ---- the oracle's own history: (pid, vpn) -> what was seen ----------- */

struct seen
{
  uint32_t pid;
  uint64_t vpn;
  bool loaded;      /* ever loaded (resident at some access) */
  uint32_t frame;   /* frame it was last seen in, VM_NONE if out */
  uint64_t last;    /* reasons: the tick of its last use */
  uint64_t load;    /* reasons: the tick it was last loaded */
};

struct oracle
{
  struct seen *s;
  size_t n, cap;
  bool *dirty;      /* per frame: written since loaded */
  bool *unknown;    /* per frame: dirtiness not known (shared swap-in) */
  uint32_t nframes;
  struct vm_stats sum; /* sums of the events */
  const struct vm *vm; /* the machine the history belongs to */
  const char *where;   /* for messages */
  bool reasons;        /* one process, tick = access: hold the victim's
                          reason against the policy's rule too */
  bool library;        /* a library scenario: a lesson's program */
};

static struct seen *
o_find (struct oracle *o, uint32_t pid, uint64_t vpn, bool add)
{
  for (size_t i = 0; i < o->n; i++)
    if (o->s[i].pid == pid && o->s[i].vpn == vpn)
      return &o->s[i];
  if (!add)
    return NULL;
  if (o->n == o->cap)
    {
      o->cap = o->cap ? o->cap * 2 : 64;
      o->s = realloc (o->s, o->cap * sizeof *o->s);
      ck_assert_ptr_nonnull (o->s);
    }
  o->s[o->n] = (struct seen) { pid, vpn, false, VM_NONE, 0, 0 };
  return &o->s[o->n++];
}

static void
o_reset (struct oracle *o, const struct vm *vm)
{
  o->n = 0;
  o->vm = vm;
  o->nframes = vm_config (vm)->frames;
  free (o->dirty);
  free (o->unknown);
  o->dirty = calloc (o->nframes, sizeof *o->dirty);
  o->unknown = calloc (o->nframes, sizeof *o->unknown);
  memset (&o->sum, 0, sizeof o->sum);
}

static void
o_free (struct oracle *o)
{
  free (o->s);
  free (o->dirty);
  free (o->unknown);
  memset (o, 0, sizeof *o);
}

static bool
has (const char *s, const char *needle)
{
  return strstr (s, needle) != NULL;
}

/* The victim's reason (policy-more.c's rules): the figure the narration
 * gives is the victim's, and no page left in memory was a better victim
 * under the rule; for ws, "left the working set" exactly when its last
 * use (the oracle's own record V) is more than tau accesses back. */
static const char *
reason_wrong (const struct vm *vm, const struct vm_event *ev,
              const struct seen *v, uint64_t tick, const char *s)
{
  const struct vm_config *cfg = vm_config (vm);
  char want[64];
  uint64_t vc = ev->victim_count;

  switch (cfg->policy)
    {
    case VM_POLICY_WS:
      if (v && (tick - v->last > cfg->tau) != has (s, "left the working set"))
        return "ws: 'left the working set' iff last used more than tau ago";
      if (!has (s, "left the working set") && ev->result == VM_HIT)
        return "ws: a hit evicts only pages outside the working set";
      return NULL;
    case VM_POLICY_LFU: case VM_POLICY_MFU:
      snprintf (want, sizeof want, "(%llu time", (unsigned long long) vc);
      break;
    case VM_POLICY_NFU:
      snprintf (want, sizeof want, "(%llu)", (unsigned long long) vc);
      break;
    case VM_POLICY_AGING:
      want[0] = '(';
      for (int i = 0; i < 8; i++)
        want[1 + i] = (vc >> (7 - i)) & 1 ? '1' : '0';
      snprintf (want + 9, sizeof want - 9, ")");
      break;
    case VM_POLICY_NRU:
      snprintf (want, sizeof want, "class %llu:", (unsigned long long) vc);
      break;
    case VM_POLICY_2Q:
      snprintf (want, sizeof want, "%s", vc ? "of Am" : "of A1in");
      break;
    default:
      return NULL;
    }
  if (!has (s, want))
    return "the victim's figure is told";
  bool tie = false;
  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      struct vm_frame_info fi;
      vm_frame_info (vm, f, &fi);
      if (!fi.used || fi.pinned || f == ev->frame)
        continue;
      switch (cfg->policy)
        {
        case VM_POLICY_LFU: case VM_POLICY_NFU: case VM_POLICY_AGING:
          if (fi.count < vc)
            return "no page left has a smaller counter";
          tie = tie || fi.count == vc;
          break;
        case VM_POLICY_MFU:
          if (fi.count > vc)
            return "no page left has a larger counter";
          tie = tie || fi.count == vc;
          break;
        case VM_POLICY_NRU:
          if (2u * fi.ref + fi.dirty < vc)
            return "no page left is of a lower class";
          break;
        case VM_POLICY_2Q:
          /* a1in: loaded earliest; am: used least recently */
          if (v && fi.count == vc
              && (vc ? fi.last_use < v->last : fi.loaded_at < v->load))
            return "2q: the victim is the oldest of its queue";
          break;
        default:
          break;
        }
    }
  /* a tie is said, and broken by load order (more-policies' NFU
     evicted the page just used, tied with the two others at 1) */
  if (tie != has (s, "a tie: of the pages with that figure, the one "
                  "loaded earliest goes"))
    return "a tie among counters is told, and only a tie";
  return NULL;
}

/* The permissions of the region of PID that holds VPN (0: none). */
static unsigned
region_perm (const struct vm *vm, uint32_t pid, uint64_t vpn)
{
  struct vm_proc_info pi;
  if (!vm_proc_info (vm, pid, &pi))
    return 0;
  for (size_t i = 0; i < pi.nregions; i++)
    {
      struct vm_region_info ri;
      if (vm_region_info (vm, pid, i, &ri) && vpn >= ri.start_vpn
          && vpn - ri.start_vpn < ri.pages)
        return ri.perm;
    }
  return 0;
}

/* Hold the narration of EV (on VM, after the access) against the oracle. */
static void
o_access (struct oracle *o, const struct vm *vm, const struct vm_event *ev,
          uint64_t tick)
{
  char *s = narrate_access (vm, ev, false);
  const struct vm_stats *st = vm_stats (vm);
  bool dead = ev->result == VM_SEGV && ev->segv == VM_SEGV_DEAD;
  struct seen *p = o_find (o, ev->pid, ev->vpn, true);
  bool was_loaded = p->loaded;
  bool load = (ev->result == VM_MINOR || ev->result == VM_MAJOR)
              && !ev->shared_hit && (ev->zero_fill || ev->store_read
                                     || ev->file_read
                                     || ev->swap_in_slot != VM_NONE);
  char victim[64], want[128];

#define CHECK(cond, ...) ck_assert_msg (cond, "%s tick %llu: %s -- " \
                                        "narration: %s", o->where, \
                                        (unsigned long long) tick + 1, \
                                        __VA_ARGS__, s)

  /* The fault kind words and the counter that moved. */
  if (!dead)
    o->sum.accesses++;
  switch (ev->result)
    {
    case VM_HIT:
      CHECK (has (s, "no fault") || vm_config (vm)->unpaged, "a hit");
      o->sum.hits++;
      break;
    case VM_MINOR:
      CHECK (has (s, "minor fault") && !has (s, "major fault"), "minor");
      o->sum.minor_faults++;
      o->sum.faults++;
      break;
    case VM_MAJOR:
      CHECK (has (s, "major fault") && !has (s, "minor fault"), "major");
      o->sum.major_faults++;
      o->sum.faults++;
      break;
    case VM_COW:
      CHECK (has (s, "copy-on-write fault"), "copy-on-write");
      o->sum.cow_faults++;
      o->sum.faults++;
      break;
    case VM_SEGV:
      if (dead)
        CHECK (has (s, "a dead process does nothing")
               && !has (s, "segmentation fault"), "a dead process's access");
      else
        {
          CHECK (has (s, "segmentation fault"), "a segfault");
          o->sum.segfaults++;
        }
      break;
    case VM_OOM:
      CHECK (has (s, "out of memory"), "out of memory");
      break;
    default:
      break;
    }
  /* The TLB words and the TLB's result. */
  if (ev->tlb == 1)
    CHECK (has (s, "TLB hit"), "a TLB hit is told");
  else if (ev->tlb == 0 && !dead)
    CHECK (has (s, "TLB miss"), "a TLB miss is told");
  else
    CHECK (!has (s, "TLB hit") && !has (s, "TLB miss"), "no TLB, no words");
  /* The page is in memory after a hit or a fault that loaded it. */
  if (!dead && ev->result != VM_SEGV && ev->result != VM_OOM
      && !vm_config (vm)->unpaged)
    {
      struct vm_page_info pi;
      vm_page_info (vm, ev->pid, ev->vpn, &pi);
      CHECK (pi.state == VM_PAGE_RESIDENT && pi.frame == ev->frame,
             "the page is in the frame the narration names");
      snprintf (want, sizeof want, "frame %u", ev->frame);
      CHECK (has (s, want), want);
    }
  o->sum.evictions += ev->evictions;
  if (ev->tlb == 1)
    o->sum.tlb_hits++;
  else if (ev->tlb == 0 && !dead)
    o->sum.tlb_misses++;
  CHECK (st->accesses == o->sum.accesses && st->hits == o->sum.hits
         && st->faults == o->sum.faults
         && st->minor_faults == o->sum.minor_faults
         && st->major_faults == o->sum.major_faults
         && st->cow_faults == o->sum.cow_faults
         && st->segfaults == o->sum.segfaults
         && st->evictions == o->sum.evictions
         && st->tlb_hits == o->sum.tlb_hits
         && st->tlb_misses == o->sum.tlb_misses,
         "the counters equal the sums of the events");

  /* Events in the order they happened: the OOM kill that freed the
     frame is told before the page that went into it. */
  if (ev->oom_killed != VM_NONE && ev->result != VM_OOM
      && ev->result != VM_SEGV && ev->frame != VM_NONE)
    {
      const char *kill = strstr (s, "OOM killer");
      snprintf (want, sizeof want, "frame %u", ev->frame);
      CHECK (kill && strstr (s, want) && kill < strstr (s, want),
             "the OOM kill is told before the frame it freed is used");
    }
  /* "by this access" is not followed by whose access it was. */
  if (ev->evicted_at != VM_NEVER && ev->evicted_at == ev->step)
    CHECK (has (s, "by this access") && !has (s, "'s access to"),
           "an eviction by this access is said once");
  /* A program's code is read from its file: no library scenario
     executes a zero-filled page, nor zero-fills a page of code. */
  if (o->library && ev->op == VM_EXEC)
    CHECK (!ev->zero_fill && !has (s, "zero-filled"),
           "executed code is not zero-filled");
  if (o->library && ev->zero_fill)
    CHECK (!(region_perm (vm, ev->pid, ev->vpn) & VM_PERM_X),
           "a page of code is not zero-filled");

  /* "never loaded" is not said of a page some other mapping already has
     in memory (the walk finds no entry here, and the fault only maps it),
     nor of a page this process had loaded before. */
  if (has (s, "never loaded"))
    CHECK (!ev->shared_hit && !was_loaded, "'never loaded' of a page "
           "already in memory, or loaded before");
  /* An unpaged machine has no pages: no "process:page" label names one
     (the compiler's address 0x4100 is not its page 16). */
  if (vm_config (vm)->unpaged)
    {
      snprintf (want, sizeof want, "(%s:", narrate_proc (vm, ev->pid));
      CHECK (!has (s, want), "no page is named without paging");
    }

  /* A huge page brought in is told with the whole run of frames it
     takes, not as one frame (huge-pages: 1024 frames for two pages). */
  if (ev->huge_level && (ev->result == VM_MINOR || ev->result == VM_MAJOR
                         || ev->result == VM_COW))
    {
      const struct vm_config *cfg = vm_config (vm);
      unsigned sb = 0;
      for (unsigned l = ev->huge_level; l < cfg->levels; l++)
        sb += cfg->level_bits[l];
      unsigned long long np = 1ull << sb;
      unsigned long long f0 = ev->frame - (ev->vpn & (np - 1));
      snprintf (want, sizeof want, "huge page in frames %llu-%llu", f0,
                f0 + np - 1);
      CHECK (has (s, want), want);
    }

  /* First touch only for a page never loaded; a page back says when it
     left. */
  if (has (s, "first touch"))
    CHECK (!was_loaded, "'first touch' of a page loaded before");
  if (load && was_loaded)
    CHECK (has (s, "evicted at") || has (s, "evicted ") , "a page back in "
           "must say when it was evicted");
  if (load && !was_loaded && (ev->zero_fill || ev->store_read))
    CHECK (has (s, "first touch"), "a first load says 'first touch'");

  /* The victim: named as the page evicted, which was loaded and last seen
     in that frame; write-back only when it was written. */
  if (ev->evicted && ev->victim_pid != VM_NONE)
    {
      struct seen *v = o_find (o, ev->victim_pid, ev->victim_vpn, false);
      bool claims = has (s, "written back") || has (s, "written to swap")
                    || has (s, "so it was written");
      narrate_page (victim, sizeof victim, vm, ev->victim_pid,
                    ev->victim_vpn);
      snprintf (want, sizeof want, "evicted %s from frame %u", victim,
                ev->victim_frame);
      CHECK (has (s, want), want);
      CHECK (v && v->loaded && v->frame == ev->victim_frame,
             "the victim was loaded, in that frame");
      if (o->reasons)
        {
          const char *wrong = reason_wrong (vm, ev, v, tick, s);
          CHECK (!wrong, wrong ? wrong : "");
        }
      {
        struct vm_page_info vi;
        vm_page_info (vm, ev->victim_pid, ev->victim_vpn, &vi);
        CHECK (vi.state != VM_PAGE_RESIDENT || vi.frame != ev->victim_frame
               || (ev->victim_pid == ev->pid && ev->victim_vpn == ev->vpn),
               "the victim has left its frame");
      }
      if (ev->victim_frame < o->nframes && !o->unknown[ev->victim_frame])
        CHECK (claims == o->dirty[ev->victim_frame],
               o->dirty[ev->victim_frame] ? "a dirty victim is written back"
               : "a clean victim is not written back");
      for (size_t i = 0; i < o->n; i++)
        if (o->s[i].frame == ev->victim_frame)
          o->s[i].frame = VM_NONE;
      if (ev->victim_frame < o->nframes)
        o->dirty[ev->victim_frame] = o->unknown[ev->victim_frame] = false;
    }
  else if (ev->evicted)
    {
      /* an object page nobody maps: no name, no history to hold */
      for (size_t i = 0; i < o->n; i++)
        if (o->s[i].frame == ev->victim_frame)
          o->s[i].frame = VM_NONE;
    }
  if (ev->evictions > 1 || ev->oom_killed != VM_NONE)
    {
      /* more pages left than the event names: frames are not known */
      for (uint32_t f = 0; f < o->nframes; f++)
        o->unknown[f] = true;
    }

  /* Where the page is now. */
  if (ev->frame != VM_NONE && ev->result != VM_SEGV && ev->result != VM_OOM
      && !vm_config (vm)->unpaged && ev->frame < o->nframes)
    {
      uint32_t f = ev->frame;
      if (load || ev->cow_copy)
        {
          o->dirty[f] = false;
          o->unknown[f] = ev->swap_in_slot != VM_NONE || ev->shared_hit;
        }
      if (ev->huge_level)
        o->unknown[f] = true;
      if (ev->op == VM_WRITE)
        o->dirty[f] = true;
      p->loaded = true;
      p->frame = f;
      p->last = tick;
      if (load)
        p->load = tick;
    }
  free (s);
#undef CHECK
}

/* A fork: the child has the parent's pages, where the parent has them. */
static void
o_fork (struct oracle *o, uint32_t parent, uint32_t child)
{
  size_t n = o->n;
  for (size_t i = 0; i < n; i++)
    if (o->s[i].pid == parent)
      {
        struct seen c = o->s[i];
        struct seen *d = o_find (o, child, c.vpn, true);
        d->loaded = c.loaded;
        d->frame = c.frame;
      }
}

/* Unmapped pages are forgotten: a new mapping there is new memory; a dead
   process's pages are gone. */
static void
o_forget (struct oracle *o, const struct vm *vm)
{
  for (size_t i = 0; i < o->n; i++)
    {
      struct vm_page_info pi;
      vm_page_info (vm, o->s[i].pid, o->s[i].vpn, &pi);
      if (pi.state == VM_PAGE_UNMAPPED)
        {
          o->s[i].loaded = false;
          o->s[i].frame = VM_NONE;
        }
      else if (pi.state != VM_PAGE_RESIDENT)
        o->s[i].frame = VM_NONE;
    }
}

/* ---- the library ------------------------------------------------------ */

/* A count in words or digits at P ("four", "4"); 0 when none. */
static unsigned
count_at (const char *p)
{
  static const char *const words[] = { "no", "one", "two", "three", "four",
                                       "five", "six" };
  for (unsigned i = 0; i < ARRAY_SIZE (words); i++)
    {
      size_t n = strlen (words[i]);
      if (strncasecmp (p, words[i], n) == 0 && p[n] == ' ')
        return i;
    }
  return (unsigned) strtoul (p, NULL, 10);
}

/* The words a scenario shows (W, a say in force, or its about) against
 * the access they tell (EV, NULL when none yet): what they claim of the
 * page walk is what the walk pane shows.
 *  - "a walk through N tables", "N tables are walked": the MMU read N;
 *  - "no walk at all": it read none;
 *  - "the walk stops at": the last entry it read was not present. */
static const char *
words_wrong (const char *w, const struct vm_event *ev)
{
  const char *p;
  if (!w || !ev)
    return NULL;
  if ((p = strstr (w, "walk through ")) != NULL
      && strstr (p + 13, " tables") != NULL
      && count_at (p + 13) != ev->walk_len)
    return "'a walk through N tables': the walk read another number";
  for (p = w; (p = strstr (p, " tables are walked")) != NULL; p++)
    {
      const char *q = p;
      while (q > w && q[-1] != ' ')
        q--;
      if (count_at (q) != ev->walk_len)
        return "'N tables are walked': the walk read another number";
    }
  if (has (w, "no walk at all") && ev->walk_len != 0)
    return "'no walk at all' but the MMU walked";
  if (has (w, "walk stops at")
      && (ev->walk_len == 0
          || (ev->walk[ev->walk_len - 1].bits & VM_PTE_P)))
    return "'the walk stops at' an entry that was present";
  return NULL;
}

/* An about that says the pages are already resident: no access of the
   run loads a page. */
static const char *
about_wrong (const char *about, const struct vm_event *ev)
{
  if (about && has (about, "already resident") && ev
      && (ev->result == VM_MINOR || ev->result == VM_MAJOR))
    return "the about says the pages are already resident, "
           "but an access faults";
  return NULL;
}


static glob_t lib;

static int
lib_setup (void)
{
  const char *top = getenv ("top_srcdir");
  char *pat;
  int rc;
  if (!top)
    top = ".";
  pat = xasprintf ("%s/scenarios/*.yaml", top);
  rc = glob (pat, 0, NULL, &lib);
  free (pat);
  return rc;
}

START_TEST (test_library)
{
  const char *file;
  struct scenario *sc;
  struct run *r;
  struct oracle o = { 0 };
  struct tick t;
  char *err = NULL, **said = NULL;
  size_t nsaid = 0;
  struct vm_event last;
  bool have_last = false;

  ck_assert_int_eq (lib_setup (), 0);
  ck_assert_uint_gt (lib.gl_pathc, (size_t) _i);
  file = lib.gl_pathv[_i];
  sc = scenario_load (file, &err);
  ck_assert_msg (sc != NULL, "%s: %s", file, err ? err : "?");
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_msg (r != NULL, "%s: %s", file, err ? err : "?");
  o.where = file;
  o.library = true;
  o_reset (&o, run_vm (r));
  while (run_next (r, &t))
    {
      const struct vm *vm = run_vm (r);
      said = realloc (said, (nsaid + 1) * sizeof *said);
      ck_assert_ptr_nonnull (said);
      said[nsaid++] = t.kind == TICK_ACCESS
                      ? narrate_access (vm, &t.ev, false) : NULL;
      if (t.kind == TICK_ACCESS)
        {
          last = t.ev;
          have_last = true;
        }
      if (t.kind == TICK_REBOOT)
        have_last = false;
      if (t.kind == TICK_ACCESS || t.kind == TICK_EXPECT)
        {
          const char *w = run_say (r);
          const char *wrong = words_wrong (w, have_last ? &last : NULL);
          ck_assert_msg (!wrong, "%s tick %zu: %s -- words: %s", file,
                         nsaid, wrong ? wrong : "", w ? w : "");
          wrong = about_wrong (scenario_about (sc),
                               t.kind == TICK_ACCESS ? &t.ev : NULL);
          ck_assert_msg (!wrong, "%s tick %zu: %s", file, nsaid,
                         wrong ? wrong : "");
        }
      if (t.kind == TICK_REBOOT || vm != o.vm)
        {
          o_reset (&o, vm);
          continue;
        }
      switch (t.kind)
        {
        case TICK_ACCESS:
          o_access (&o, vm, &t.ev, t.n);
          break;
        case TICK_FORK:
          if (t.child != VM_NONE)
            o_fork (&o, t.pid, t.child);
          break;
        case TICK_MAP:
        case TICK_EXIT:
          o_forget (&o, vm);
          for (uint32_t f = 0; f < o.nframes; f++)
            o.unknown[f] = true;
          break;
        default:
          break;
        }
    }
  run_free (r);

  /* Again from checkpoints (as stepping back restores them): every
     access says the same words. */
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_ptr_nonnull (r);
  for (size_t i = 0; run_next (r, &t); i++)
    {
      ck_assert_uint_lt (i, nsaid);
      if (t.kind == TICK_ACCESS)
        {
          char *s = narrate_access (run_vm (r), &t.ev, false);
          ck_assert_msg (said[i] && strcmp (s, said[i]) == 0,
                         "%s tick %zu after a checkpoint: '%s', first '%s'",
                         file, i + 1, s, said[i] ? said[i] : "(none)");
          free (s);
        }
      if (i % 7 == 3)
        {
          struct run *c = run_clone (r);
          run_free (r);
          r = c;
        }
    }
  for (size_t i = 0; i < nsaid; i++)
    free (said[i]);
  free (said);
  o_free (&o);
  run_free (r);
  scenario_free (sc);
  globfree (&lib);
}
END_TEST

/* thrashing.yaml's question: what its explanation claims of the 48
 * accesses after it is what the engine did.  "always one of the other
 * process's pages": every victim belongs to the other process; "the first
 * two turns fault on new pages; after that every access is a major fault
 * from swap": 16 first touches, then 32 swap-ins. */
START_TEST (test_thrashing_explained)
{
  const char *top = getenv ("top_srcdir");
  char *file = xasprintf ("%s/scenarios/thrashing.yaml", top ? top : ".");
  char *err = NULL, *explain = NULL;
  struct scenario *sc = scenario_load (file, &err);
  struct run *r;
  struct tick t;
  struct vm_event ev[48];
  size_t n = 0;

  ck_assert_msg (sc != NULL, "%s", err ? err : "?");
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_ptr_nonnull (r);
  while (run_next (r, &t) && n < 48)
    {
      if (t.kind == TICK_ASK)
        {
          ck_assert_ptr_nonnull (t.explain);
          explain = xstrdup (t.explain);
        }
      else if (explain && t.kind == TICK_ACCESS)
        ev[n++] = t.ev;
    }
  ck_assert_uint_eq (n, 48);
  if (has (explain, "always one of the other process's pages"))
    for (size_t i = 0; i < n; i++)
      ck_assert_msg (!ev[i].evicted || ev[i].victim_pid != ev[i].pid,
                     "access %zu after the question evicts a page of its "
                     "own process, yet the explanation says: %s", i + 1,
                     explain);
  if (has (explain, "first two turns fault on new pages"))
    for (size_t i = 0; i < 16; i++)
      ck_assert_msg (ev[i].zero_fill, "access %zu: not a first touch", i + 1);
  if (has (explain, "every access is a major fault from swap"))
    for (size_t i = 16; i < n; i++)
      ck_assert_msg (ev[i].result == VM_MAJOR
                     && ev[i].swap_in_slot != VM_NONE,
                     "access %zu: not a major fault from swap", i + 1);
  free (explain);
  free (file);
  run_free (r);
  scenario_free (sc);
}
END_TEST

/* ---- random reference strings ----------------------------------------- */

static void
random_run (enum vm_policy pol, bool store, uint32_t frames, uint64_t seed)
{
  enum { N = 600, PAGES = 24 };
  struct vm_config cfg;
  struct vm *vm;
  struct vm_future *fut = vm_future_new ();
  struct oracle o = { 0 };
  struct vm_event ev;
  uint64_t refs[N], r = seed;
  bool wr[N];
  char where[96];
  const char *why;
  uint32_t pid;

  vm_config_default (&cfg);
  cfg.policy = pol;
  cfg.frames = frames;
  cfg.seed = seed;
  if (seed % 2)
    {
      cfg.tlb_entries = 4;
      cfg.tlb_ways = 0;
    }
  vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  pid = vm_proc_new (vm, "P");
  ck_assert_int_eq (vm_map (vm, pid, 16, PAGES, VM_PERM_R | VM_PERM_W
                            | VM_PERM_U | (store ? VM_MAP_FILE
                                           | VM_MAP_SHARED : 0),
                            store ? vm_object_new_store (vm, PAGES)
                            : VM_NONE, 0, 0, "data", &why), 0);
  for (size_t i = 0; i < N; i++)
    {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      uint32_t x = (uint32_t) (r >> 33);
      refs[i] = 16 + ((x % 3) ? ((i / 40) + (x >> 8) % (frames + 2)) % PAGES
                      : (x >> 8) % PAGES);
      wr[i] = (x >> 4) % 4 == 0;
      vm_future_push (fut, pid, refs[i]);
    }
  snprintf (where, sizeof where, "%s, %s, %u frames, seed %llu",
            vm_policy_name (pol), store ? "store" : "zero", frames,
            (unsigned long long) seed);
  o.where = where;
  o.reasons = true;
  o_reset (&o, vm);
  for (size_t i = 0; i < N; i++)
    {
      vm_access (vm, pid, refs[i] << vm_page_shift (vm),
                 wr[i] ? VM_WRITE : VM_READ,
                 pol == VM_POLICY_OPT ? vm_future_next (fut, i) : VM_NEVER,
                 &ev);
      o_access (&o, vm, &ev, i);
    }
  o_free (&o);
  vm_future_free (fut);
  vm_free (vm);
}

START_TEST (test_random)
{
  enum vm_policy pol = (enum vm_policy) (_i % VM_POLICY_COUNT);
  bool store = (_i / VM_POLICY_COUNT) % 2;
  static const uint32_t frames[] = { 1, 3, 4, 7 };
  for (size_t k = 0; k < ARRAY_SIZE (frames); k++)
    random_run (pol, store, frames[k], 1000 + (uint64_t) _i * 7 + k);
}
END_TEST

/* A killed process's access: nothing counted, said so. */
START_TEST (test_dead)
{
  struct vm_config cfg;
  struct vm *vm;
  struct vm_event ev;
  const char *why;
  struct oracle o = { 0 };
  uint32_t pid;
  char *s;

  vm_config_default (&cfg);
  vm = vm_new (&cfg, &why);
  pid = vm_proc_new (vm, "P");
  ck_assert_int_eq (vm_map (vm, pid, 16, 4, VM_PERM_R | VM_PERM_U, VM_NONE,
                            0, 0, "data", &why), 0);
  o.where = "dead";
  o_reset (&o, vm);
  vm_access (vm, pid, 16 << 12, VM_READ, VM_NEVER, &ev);
  o_access (&o, vm, &ev, 0);
  vm_access (vm, pid, 17 << 12, VM_WRITE, VM_NEVER, &ev); /* SIGSEGV */
  o_access (&o, vm, &ev, 1);
  s = narrate_access (vm, &ev, false);
  ck_assert_msg (strstr (s, "(P:data[1])") != NULL, "%s", s);
  free (s);
  vm_access (vm, pid, 16 << 12, VM_READ, VM_NEVER, &ev); /* dead */
  o_access (&o, vm, &ev, 2);
  s = narrate_access (vm, &ev, false);
  ck_assert_msg (strstr (s, "P was killed (SIGSEGV) at access 2") != NULL,
                 "%s", s);
  free (s);
  ck_assert_uint_eq (vm_stats (vm)->segfaults, 1);
  ck_assert_uint_eq (vm_stats (vm)->accesses, 2);
  o_free (&o);
  vm_free (vm);
}
END_TEST

/* The OOM killer frees the frame the faulting page then goes into: the
   kill is told first, then the zero fill (overcommit-oom.yaml). */
START_TEST (test_oom_order)
{
  struct vm_config cfg;
  struct vm *vm;
  struct vm_event ev;
  const char *why;
  uint32_t a, b;
  char *s;

  vm_config_default (&cfg);
  cfg.frames = 2;
  cfg.swap_slots = 0;
  vm = vm_new (&cfg, &why);
  a = vm_proc_new (vm, "big");
  b = vm_proc_new (vm, "small");
  ck_assert_int_eq (vm_map (vm, a, 16, 4, VM_PERM_R | VM_PERM_W | VM_PERM_U,
                            VM_NONE, 0, 0, "heap", &why), 0);
  ck_assert_int_eq (vm_map (vm, b, 16, 4, VM_PERM_R | VM_PERM_W | VM_PERM_U,
                            VM_NONE, 0, 0, "heap", &why), 0);
  vm_access (vm, a, 16 << 12, VM_WRITE, VM_NEVER, &ev);
  vm_access (vm, a, 17 << 12, VM_WRITE, VM_NEVER, &ev);
  ck_assert_int_eq (vm_access (vm, b, 16 << 12, VM_WRITE, VM_NEVER, &ev),
                    VM_MINOR);
  ck_assert_uint_eq (ev.oom_killed, a);
  ck_assert (ev.zero_fill);
  s = narrate_access (vm, &ev, false);
  ck_assert_msg (strstr (s, "OOM killer killed process big") != NULL, "%s",
                 s);
  ck_assert_msg (strstr (s, "zero-filled") != NULL, "%s", s);
  ck_assert_msg (strstr (s, "OOM killer") < strstr (s, "zero-filled"),
                 "the kill, then the zero fill: %s", s);
  free (s);
  vm_free (vm);
}
END_TEST

/* ws evicts a page that left the working set before the lookup, even the
   page this access wants: "evicted by this access", said once. */
START_TEST (test_ws_by_this_access)
{
  struct vm_config cfg;
  struct vm *vm;
  struct vm_event ev;
  const char *why;
  uint32_t pid;
  char *s;
  static const uint64_t refs[] = { 1, 2, 3, 4, 1 };

  vm_config_default (&cfg);
  cfg.frames = 4;
  cfg.policy = VM_POLICY_WS;
  cfg.tau = 3;
  vm = vm_new (&cfg, &why);
  pid = vm_proc_new (vm, "P");
  ck_assert_int_eq (vm_map (vm, pid, 0, 8, VM_PERM_R | VM_PERM_W | VM_PERM_U,
                            VM_NONE, 0, 0, "data", &why), 0);
  for (size_t i = 0; i < ARRAY_SIZE (refs); i++)
    vm_access (vm, pid, refs[i] << 12, VM_WRITE, VM_NEVER, &ev);
  ck_assert_uint_eq (ev.evicted_at, ev.step);
  s = narrate_access (vm, &ev, false);
  ck_assert_msg (strstr (s, "the page was evicted by this access") != NULL,
                 "%s", s);
  ck_assert_msg (strstr (s, "'s access to") == NULL, "said twice: %s", s);
  free (s);
  vm_free (vm);
}
END_TEST

/* ---- the engine's eviction history and the backing store ------------- */

/* A machine of FRAMES frames with process P mapping 8 pages at 16, on the
   backing store or anonymous. */
static struct vm *
small_vm (uint32_t frames, bool store, uint32_t *pid)
{
  struct vm_config cfg;
  const char *why;
  struct vm *vm;
  vm_config_default (&cfg);
  cfg.frames = frames;
  vm = vm_new (&cfg, &why);
  ck_assert_ptr_nonnull (vm);
  *pid = vm_proc_new (vm, "P");
  ck_assert_int_eq (vm_map (vm, *pid, 16, 8, VM_PERM_R | VM_PERM_W
                            | VM_PERM_U | (store ? VM_MAP_FILE
                                           | VM_MAP_SHARED : 0),
                            store ? vm_object_new_store (vm, 8) : VM_NONE, 0,
                            0, "data", &why), 0);
  return vm;
}

static enum vm_result
acc (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
     struct vm_event *ev)
{
  return vm_access (vm, pid, vpn << vm_page_shift (vm), op, VM_NEVER, ev);
}

START_TEST (test_history_store)
{
  uint32_t pid;
  struct vm *vm = small_vm (2, true, &pid), *c;
  struct vm_event ev;
  struct vm_page_info pi;

  ck_assert_int_eq (acc (vm, pid, 16, VM_WRITE, &ev), VM_MAJOR);
  ck_assert (ev.store_read && ev.evicted_at == VM_NEVER);
  ck_assert_int_eq (acc (vm, pid, 17, VM_READ, &ev), VM_MAJOR);
  ck_assert_int_eq (acc (vm, pid, 18, VM_READ, &ev), VM_MAJOR);
  /* 16 was written: written back to the store, not to swap */
  ck_assert (ev.evicted && ev.victim_vpn == 16 && ev.victim_store
             && ev.victim_dirty && ev.victim_swap_slot == VM_NONE);
  ck_assert_uint_eq (vm_stats (vm)->file_writes, 1);
  ck_assert_uint_eq (vm_stats (vm)->swap_outs, 0);
  vm_page_info (vm, pid, 16, &pi);
  ck_assert_int_eq (pi.state, VM_PAGE_NOT_PRESENT);
  ck_assert_uint_eq (pi.evicted_at, 2);
  ck_assert_uint_eq (pi.evicted_by, pid);
  ck_assert_uint_eq (pi.evicted_by_vpn, 18);
  /* a checkpoint keeps the history */
  c = vm_clone (vm);
  ck_assert_int_eq (acc (c, pid, 16, VM_READ, &ev), VM_MAJOR);
  ck_assert (ev.store_read);
  ck_assert_uint_eq (ev.evicted_at, 2);
  ck_assert_uint_eq (ev.evicted_by_vpn, 18);
  vm_free (c);
  /* unmapped, then mapped again: new memory, no history */
  vm_unmap (vm, pid, 16, 8);
  ck_assert_int_eq (vm_map (vm, pid, 16, 8, VM_PERM_R | VM_PERM_W | VM_PERM_U,
                            VM_NONE, 0, 0, "again", &(const char *) { 0 }),
                    0);
  ck_assert_int_eq (acc (vm, pid, 16, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.evicted_at, VM_NEVER);
  vm_free (vm);
}
END_TEST

START_TEST (test_history_off)
{
  uint32_t pid;
  struct vm *vm = small_vm (1, false, &pid);
  struct vm_event ev;
  vm_keep_history (vm, false);
  acc (vm, pid, 16, VM_READ, &ev);
  acc (vm, pid, 17, VM_READ, &ev);
  ck_assert_int_eq (acc (vm, pid, 16, VM_READ, &ev), VM_MINOR);
  ck_assert_uint_eq (ev.evicted_at, VM_NEVER);
  vm_free (vm);
}
END_TEST

/* A page read back from swap and then written: its swap copy is stale and
   the slot is freed, as Linux does. */
START_TEST (test_stale_slot_freed)
{
  uint32_t pid;
  struct vm *vm = small_vm (1, false, &pid);
  struct vm_event ev;
  acc (vm, pid, 16, VM_WRITE, &ev);
  acc (vm, pid, 17, VM_READ, &ev);          /* 16 to swap slot 0 */
  ck_assert_uint_eq (ev.victim_swap_slot, 0);
  ck_assert_int_eq (acc (vm, pid, 16, VM_READ, &ev), VM_MAJOR);
  ck_assert_uint_eq (ev.swap_in_slot, 0);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 1); /* swap cache */
  ck_assert_int_eq (acc (vm, pid, 16, VM_WRITE, &ev), VM_HIT);
  ck_assert_uint_eq (vm_swap_slots_used (vm), 0);
  vm_free (vm);
}
END_TEST

/* The walk of a faulting access to a present page shows its A and D. */
START_TEST (test_fault_walk_ad)
{
  struct vm_config cfg;
  struct vm *vm;
  struct vm_event ev;
  const char *why;
  uint32_t pid;
  vm_config_default (&cfg);
  vm = vm_new (&cfg, &why);
  pid = vm_proc_new (vm, "P");
  ck_assert_int_eq (vm_map (vm, pid, 16, 2, VM_PERM_R | VM_PERM_U, VM_NONE,
                            0, 0, "ro", &why), 0);
  acc (vm, pid, 16, VM_READ, &ev);
  ck_assert_int_eq (acc (vm, pid, 16, VM_WRITE, &ev), VM_SEGV);
  ck_assert_uint_eq (ev.walk_len, 2);
  ck_assert (ev.walk[1].bits & VM_PTE_P);
  ck_assert (ev.walk[1].bits & VM_PTE_A);
  vm_free (vm);
}
END_TEST

/* An exit on a machine without paging frees the process's memory, not
   "frames and swap slots" it never had (memory-cells said so). */
START_TEST (test_unpaged_exit)
{
  const char *top = getenv ("top_srcdir");
  char *file = xasprintf ("%s/share/lessons/memory-cells.yaml",
                          top ? top : ".");
  char *err = NULL, *s = NULL;
  struct scenario *sc = scenario_load (file, &err);
  struct run *r;
  struct tick t;
  ck_assert_msg (sc != NULL, "%s: %s", file, err ? err : "?");
  r = run_new (sc, NULL, NULL, &err);
  ck_assert_msg (r != NULL, "%s: %s", file, err ? err : "?");
  while (run_next (r, &t))
    if (t.kind == TICK_EXIT)
      {
        s = narrate_tick (run_vm (r), &t, false);
        break;
      }
  ck_assert_ptr_nonnull (s);
  ck_assert_msg (strcmp (s, "Process compiler exited: its memory, "
                         "0x4000-0x5fff, is free again.") == 0, "%s", s);
  free (s);
  run_free (r);
  scenario_free (sc);
  free (file);
}
END_TEST

static Suite *
narrate_suite (void)
{
  Suite *s = suite_create ("narrate");
  TCase *tc = tcase_create ("oracle");
  size_t n;

  if (lib_setup () != 0)
    {
      fputs ("check_narrate: no scenarios/*.yaml under $top_srcdir\n",
             stderr);
      exit (EXIT_FAILURE);
    }
  n = lib.gl_pathc;
  globfree (&lib);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_library, 0, (int) n);
  tcase_add_loop_test (tc, test_random, 0, 2 * VM_POLICY_COUNT);
  tcase_add_test (tc, test_dead);
  tcase_add_test (tc, test_thrashing_explained);
  tcase_add_test (tc, test_oom_order);
  tcase_add_test (tc, test_ws_by_this_access);
  tcase_add_test (tc, test_unpaged_exit);
  suite_add_tcase (s, tc);
  tc = tcase_create ("history");
  tcase_add_test (tc, test_history_store);
  tcase_add_test (tc, test_history_off);
  tcase_add_test (tc, test_stale_slot_freed);
  tcase_add_test (tc, test_fault_walk_ad);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (narrate_suite ());
  int failed;
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
