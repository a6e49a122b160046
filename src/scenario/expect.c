/* expect.c: `expect` steps — assertions on the engine's counters, on the
 * last access, on a process or on one page — parsed at load time and
 * evaluated by the runner.  One table lists every key. */
#include "system.h"

#include "util.h"
#include "question/words.h"
#include "scenario/scenario-internal.h"

enum ex_kind
{
  EX_COUNTER,    /* vm_stats field or machine-wide number */
  EX_PROC_NUM,   /* number about `process` */
  EX_PROC_BOOL,
  EX_LAST_NUM,   /* number about the last access, or none */
  EX_LAST_NAME,  /* a name about the last access, or none */
  EX_LAST_BOOL,
  EX_PAGE_BOOL,  /* state of `process` + `region`/`page` or `address` */
  EX_PAGE_NUM,
  EX_LAST_VALUE  /* the value the last access wrote or read */
};

enum ex_cmp
{
  CMP_EQ,
  CMP_AT_LEAST,
  CMP_AT_MOST
};

struct ex_key
{
  const char *name;
  const char *label;   /* what a person reads (the names are the YAML's);
                          NULL: made by cond_label */
  enum ex_kind kind;
  bool size;           /* the value may be a size (1GiB) */
  size_t stat;         /* offset in struct vm_stats, or SIZE_MAX */
};

#define STAT(f) offsetof (struct vm_stats, f)
#define NOSTAT SIZE_MAX

static const struct ex_key keys[] = {
  { "accesses", N_("accesses"), EX_COUNTER, false, STAT (accesses) },
  { "hits", N_("hits"), EX_COUNTER, false, STAT (hits) },
  { "faults", N_("page faults"), EX_COUNTER, false, STAT (faults) },
  { "minor_faults", N_("minor faults"), EX_COUNTER, false, STAT (minor_faults) },
  { "major_faults", N_("major faults"), EX_COUNTER, false, STAT (major_faults) },
  { "cow_faults", N_("copy-on-write faults"), EX_COUNTER, false, STAT (cow_faults) },
  { "segfaults", N_("segmentation faults"), EX_COUNTER, false, STAT (segfaults) },
  { "oom_kills", N_("out-of-memory kills"), EX_COUNTER, false, STAT (oom_kills) },
  { "tlb_hits", N_("TLB hits"), EX_COUNTER, false, STAT (tlb_hits) },
  { "tlb_misses", N_("TLB misses"), EX_COUNTER, false, STAT (tlb_misses) },
  { "evictions", N_("evictions"), EX_COUNTER, false, STAT (evictions) },
  { "swap_ins", N_("swap-ins"), EX_COUNTER, false, STAT (swap_ins) },
  { "swap_outs", N_("swap-outs"), EX_COUNTER, false, STAT (swap_outs) },
  { "file_reads", N_("file reads"), EX_COUNTER, false, STAT (file_reads) },
  { "file_writes", N_("file write-backs"), EX_COUNTER, false, STAT (file_writes) },
  { "zero_fills", N_("zero-filled pages"), EX_COUNTER, false, STAT (zero_fills) },
  { "cow_copies", N_("copy-on-write copies"), EX_COUNTER, false, STAT (cow_copies) },
  { "page_table_pages", N_("page-table pages"), EX_COUNTER, false, STAT (page_table_pages) },
  { "total_cost_ns", N_("total cost in ns"), EX_COUNTER, false, STAT (total_cost_ns) },
  { "frames_used", N_("frames in use"), EX_COUNTER, false, NOSTAT },
  { "swap_used", N_("swap slots in use"), EX_COUNTER, false, NOSTAT + 0 },
  { "eat_ns", N_("effective access time in ns"), EX_COUNTER, false, NOSTAT },
  { "rss_pages", NULL, EX_PROC_NUM, false, NOSTAT },
  { "rss", NULL, EX_PROC_NUM, true, NOSTAT },
  { "vsz_pages", NULL, EX_PROC_NUM, false, NOSTAT },
  { "vsz", NULL, EX_PROC_NUM, true, NOSTAT },
  { "swap_pages", NULL, EX_PROC_NUM, false, NOSTAT },
  { "alive", NULL, EX_PROC_BOOL, false, NOSTAT },
  { "victim", N_("victim page"), EX_LAST_NUM, false, NOSTAT },
  { "frame", N_("frame"), EX_LAST_NUM, false, NOSTAT },
  { "pa", N_("physical address"), EX_LAST_NUM, true, NOSTAT },
  { "vpn", N_("page number"), EX_LAST_NUM, false, NOSTAT },
  { "offset", N_("offset"), EX_LAST_NUM, false, NOSTAT },
  { "index1", NULL, EX_LAST_NUM, false, NOSTAT },
  { "index2", NULL, EX_LAST_NUM, false, NOSTAT },
  { "index3", NULL, EX_LAST_NUM, false, NOSTAT },
  { "index4", NULL, EX_LAST_NUM, false, NOSTAT },
  { "index5", NULL, EX_LAST_NUM, false, NOSTAT },
  { "index6", NULL, EX_LAST_NUM, false, NOSTAT },
  { "result", N_("result"), EX_LAST_NAME, false, NOSTAT },
  { "tlb", N_("TLB"), EX_LAST_NAME, false, NOSTAT },
  { "signal", N_("signal"), EX_LAST_NAME, false, NOSTAT },
  { "segv", N_("kind of segmentation fault"), EX_LAST_NAME, false, NOSTAT },
  { "victim_process", N_("process of the victim"), EX_LAST_NAME, false, NOSTAT },
  { "owner", N_("owner of the frame"), EX_LAST_NAME, false, NOSTAT },
  { "oom_killed", N_("process killed for memory"), EX_LAST_NAME, false, NOSTAT },
  { "evicted", N_("a page evicted"), EX_LAST_BOOL, false, NOSTAT },
  { "victim_dirty", N_("victim dirty"), EX_LAST_BOOL, false, NOSTAT },
  { "resident", N_("page resident"), EX_PAGE_BOOL, false, NOSTAT },
  { "swapped", N_("page in swap"), EX_PAGE_BOOL, false, NOSTAT },
  { "page_frame", N_("frame of the page"), EX_PAGE_NUM, false, NOSTAT },
  { "value", N_("value"), EX_LAST_VALUE, false, NOSTAT },
};

static const char *const segv_names[] = {
  "none", "unmapped", "write", "exec", "read", "dead", NULL
};
#define NSEGV_NAMES (ARRAY_SIZE (segv_names) - 1)

/* Every accepted key, for unknown-key suggestions: the names, the
 * numeric ones with _at_least and _at_most, and the modifiers. */
static const char **
all_keys (void)
{
  static const char **list;
  size_t n = 0;

  if (list)
    return list;
  list = xcalloc (ARRAY_SIZE (keys) * 3 + 8, sizeof *list);
  for (size_t i = 0; i < ARRAY_SIZE (keys); i++)
    {
      list[n++] = keys[i].name;
      if (keys[i].kind == EX_COUNTER || keys[i].kind == EX_PROC_NUM)
        {
          list[n++] = xasprintf ("%s_at_least", keys[i].name);
          list[n++] = xasprintf ("%s_at_most", keys[i].name);
        }
    }
  list[n++] = "process";
  list[n++] = "region";
  list[n++] = "page";
  list[n++] = "address";
  list[n] = NULL;
  return list;
}

static bool
key_lookup (const char *name, size_t *index, enum ex_cmp *cmp)
{
  size_t len = strlen (name);
  *cmp = CMP_EQ;
  for (size_t i = 0; i < ARRAY_SIZE (keys); i++)
    {
      size_t kl = strlen (keys[i].name);
      bool numeric = keys[i].kind == EX_COUNTER
                     || keys[i].kind == EX_PROC_NUM;
      if (strcmp (name, keys[i].name) == 0)
        {
          *index = i;
          return true;
        }
      if (numeric && len > kl && strncmp (name, keys[i].name, kl) == 0)
        {
          if (strcmp (name + kl, "_at_least") == 0)
            *cmp = CMP_AT_LEAST;
          else if (strcmp (name + kl, "_at_most") == 0)
            *cmp = CMP_AT_MOST;
          else
            continue;
          *index = i;
          return true;
        }
    }
  return false;
}

static void
parse_name_value (struct sc_ctx *c, const struct ynode *v,
                  const struct ex_key *k, struct sc_cond *cond)
{
  if (sc_is_none (v))
    {
      cond->none = true;
      return;
    }
  if (strcmp (k->name, "result") == 0)
    {
      for (int i = 0; i < VM_RESULT_COUNT; i++)
        if (v->kind == YN_SCALAR
            && strcmp (v->str, vm_result_name ((enum vm_result) i)) == 0)
          {
            cond->value = (uint64_t) i;
            cond->str = xstrdup (v->str);
            return;
          }
      {
        static const char *const words[] = { "hit", "minor", "major", "cow",
                                             "segv", "oom", NULL };
        sc_expected_near (c, v, _("a result: hit, minor, major, cow, segv "
                                  "or oom"), words);
      }
    }
  if (strcmp (k->name, "tlb") == 0)
    {
      if (v->kind != YN_SCALAR || (strcmp (v->str, "hit") != 0
                                   && strcmp (v->str, "miss") != 0))
        {
          static const char *const words[] = { "hit", "miss", "none", NULL };
          sc_expected_near (c, v, _("hit, miss or none"), words);
        }
    }
  else if (strcmp (k->name, "signal") == 0)
    {
      if (v->kind != YN_SCALAR || strcmp (v->str, "SIGSEGV") != 0)
        {
          static const char *const words[] = { "SIGSEGV", "none", NULL };
          sc_expected_near (c, v, _("SIGSEGV or none"), words);
        }
    }
  else if (strcmp (k->name, "segv") == 0)
    {
      size_t i;
      for (i = 1; i < NSEGV_NAMES; i++)
        if (v->kind == YN_SCALAR && strcmp (v->str, segv_names[i]) == 0)
          break;
      if (i == NSEGV_NAMES)
        sc_expected_near (c, v, _("unmapped, write, exec, read, dead or "
                                  "none"), segv_names);
      cond->value = i;
    }
  else
    sc_name (c, v);
  cond->str = xstrdup (v->str);
}

void
sc_parse_expect (struct sc_ctx *c, const struct ynode *n, struct sc_expect *e)
{
  const struct ynode *v;
  bool need_proc = false, need_page = false;

  sc_check_map (c, n, "expect", all_keys ());
  e->conds = xcalloc (n->n / 2 + 1, sizeof *e->conds);
  for (size_t i = 0; i < n->n; i += 2)
    {
      const struct ynode *kn = n->items[i];
      struct sc_cond *cond = &e->conds[e->nconds];
      const struct ex_key *k;
      size_t idx;
      enum ex_cmp cmp;

      v = n->items[i + 1];
      if (!key_lookup (kn->str, &idx, &cmp))
        continue;               /* a modifier */
      k = &keys[idx];
      cond->key = (int) (idx * 3 + cmp);
      cond->mark = sc_mark_of (kn);
      e->nconds++;
      switch (k->kind)
        {
        case EX_COUNTER:
        case EX_PROC_NUM:
        case EX_PAGE_NUM:
        case EX_LAST_NUM:
          if (k->kind != EX_COUNTER && k->kind != EX_PROC_NUM
              && sc_is_none (v))
            cond->none = true;
          else
            cond->value = k->size ? sc_size (c, v, 0, UINT64_MAX)
                                  : sc_uint (c, v, 0, UINT64_MAX);
          break;
        case EX_LAST_NAME:
          parse_name_value (c, v, k, cond);
          break;
        case EX_LAST_VALUE:
          if (sc_is_none (v))
            cond->none = true;
          else
            {
              struct sc_value sv;
              sc_value (c, v, &sv);
              cond->value = sv.value;
              cond->str = sv.str ? xstrdup ("s") : NULL;
            }
          break;
        case EX_PROC_BOOL:
        case EX_PAGE_BOOL:
        case EX_LAST_BOOL:
          cond->value = sc_bool (c, v);
          break;
        }
      if (k->kind == EX_PROC_NUM || k->kind == EX_PROC_BOOL)
        need_proc = true;
      if (k->kind == EX_PAGE_NUM || k->kind == EX_PAGE_BOOL)
        need_proc = need_page = true;
    }
  if (e->nconds == 0)
    sc_fail (c, n, "%s", _("found an expect without a condition; expected "
                           "a key such as 'faults: 9'"));
  if ((v = ynode_get (n, "process")))
    e->proc = xstrdup (sc_name (c, v));
  else if (need_proc)
    sc_fail (c, n, "%s", _("found a per-process condition without "
                           "'process'; expected a 'process' key"));
  if ((v = ynode_get (n, "address")))
    {
      e->has_addr = true;
      e->addr = sc_size (c, v, 0, UINT64_MAX);
    }
  if ((v = ynode_get (n, "region")))
    {
      e->region = xstrdup (sc_name (c, v));
      if (e->has_addr)
        sc_expected (c, v, _("either 'address' or 'region', not both"));
    }
  if ((v = ynode_get (n, "page")))
    {
      if (!e->region)
        sc_expected (c, v, _("'page' together with 'region'"));
      e->has_page = true;
      e->page = sc_uint (c, v, 0, UINT64_MAX);
    }
  if (need_page && !e->region && !e->has_addr)
    sc_fail (c, n, "%s", _("found a page condition without a page; expected "
                           "'region' (and 'page') or 'address'"));
  if (!need_page && (e->region || e->has_addr))
    sc_expected (c, e->region ? ynode_get (n, "region")
                              : ynode_get (n, "address"),
                 _("'region' or 'address' only with resident, swapped or "
                   "page_frame"));
  if (e->proc && !need_proc)
    sc_expected (c, ynode_get (n, "process"),
                 _("'process' only with a per-process or page condition"));
}

void
sc_expect_free (struct sc_expect *e)
{
  for (size_t i = 0; i < e->nconds; i++)
    free (e->conds[i].str);
  free (e->conds);
  free (e->proc);
  free (e->region);
}

/* A growing message. */
struct buf
{
  char *s;
  size_t len;
};

static void
buf_add (struct buf *b, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
buf_add (struct buf *b, const char *fmt, ...)
{
  va_list ap;
  char *m;
  size_t n;

  va_start (ap, fmt);
  m = xvasprintf (fmt, ap);
  va_end (ap);
  n = strlen (m);
  b->s = xrealloc (b->s, b->len + n + 1);
  memcpy (b->s + b->len, m, n + 1);
  b->len += n;
  free (m);
}

/* The actual value of condition K as a number (*NONE if there is none) or
 * as a name (*NAME).  */
static void
actual (const struct ex_key *k, const struct sc_expect *e, struct run *r,
        const struct vm_event *last, uint64_t *num, const char **name,
        bool *none)
{
  struct vm *vm = run_vm (r);
  const struct vm_stats *st = vm_stats (vm);
  uint64_t ps = 1ull << vm_page_shift (vm);

  *num = 0;
  *name = NULL;
  *none = false;
  if (k->kind == EX_COUNTER)
    {
      if (k->stat != NOSTAT)
        *num = *(const uint64_t *) (const void *) ((const char *) st
                                                   + k->stat);
      else if (strcmp (k->name, "frames_used") == 0)
        *num = vm_frames_used (vm);
      else if (strcmp (k->name, "swap_used") == 0)
        *num = vm_swap_slots_used (vm);
      else
        *num = (uint64_t) vm_eat_ns (vm);
      return;
    }
  if (k->kind == EX_PROC_NUM || k->kind == EX_PROC_BOOL)
    {
      struct vm_proc_info pi;
      if (!vm_proc_info (vm, run_pid_of (r, e->proc), &pi))
        {
          *none = true;
          return;
        }
      if (strcmp (k->name, "rss_pages") == 0)
        *num = pi.rss_pages;
      else if (strcmp (k->name, "rss") == 0)
        *num = pi.rss_pages * ps;
      else if (strcmp (k->name, "vsz_pages") == 0)
        *num = pi.vsz_pages;
      else if (strcmp (k->name, "vsz") == 0)
        *num = pi.vsz_pages * ps;
      else if (strcmp (k->name, "swap_pages") == 0)
        *num = pi.swap_pages;
      else
        *num = pi.alive;
      return;
    }
  if (k->kind == EX_PAGE_NUM || k->kind == EX_PAGE_BOOL)
    {
      struct vm_page_info pg;
      uint64_t vpn, pages;
      uint32_t pid = run_pid_of (r, e->proc);
      if (pid == VM_NONE)
        {
          *none = true;
          return;
        }
      if (e->has_addr)
        vpn = e->addr >> vm_page_shift (vm);
      else if (run_region_vpn (r, e->proc, e->region, &vpn, &pages))
        vpn += e->page;
      else
        {
          *none = true;
          return;
        }
      vm_page_info (vm, pid, vpn, &pg);
      if (strcmp (k->name, "resident") == 0)
        *num = pg.state == VM_PAGE_RESIDENT;
      else if (strcmp (k->name, "swapped") == 0)
        *num = pg.state == VM_PAGE_SWAPPED;
      else if (pg.state == VM_PAGE_RESIDENT)
        *num = pg.frame;
      else
        *none = true;
      return;
    }
  if (!last)
    {
      *none = true;
      return;
    }
  if (strcmp (k->name, "victim") == 0)
    *none = !last->evicted, *num = last->victim_vpn;
  else if (strcmp (k->name, "frame") == 0)
    *none = last->frame == VM_NONE, *num = last->frame;
  else if (strcmp (k->name, "pa") == 0)
    *none = last->pa == VM_NEVER, *num = last->pa;
  else if (strcmp (k->name, "vpn") == 0)
    *num = last->vpn;
  else if (strcmp (k->name, "offset") == 0)
    *num = last->offset;
  else if (strncmp (k->name, "index", 5) == 0)
    {
      /* index1 is the top level's; none past the machine's levels.  */
      unsigned lv = (unsigned) (k->name[5] - '1');
      *none = lv >= last->levels;
      *num = lv < last->levels ? last->index[lv] : 0;
    }
  else if (strcmp (k->name, "evicted") == 0)
    *num = last->evicted;
  else if (strcmp (k->name, "victim_dirty") == 0)
    *num = last->evicted && last->victim_dirty;
  else if (strcmp (k->name, "result") == 0)
    *name = vm_result_name (last->result);
  else if (strcmp (k->name, "tlb") == 0)
    *name = last->tlb < 0 ? NULL : last->tlb ? "hit" : "miss";
  else if (strcmp (k->name, "signal") == 0)
    *name = last->result == VM_SEGV ? "SIGSEGV" : NULL;
  else if (strcmp (k->name, "segv") == 0)
    *name = (size_t) last->segv < NSEGV_NAMES
            && last->segv != VM_SEGV_NONE ? segv_names[last->segv] : NULL;
  else if (strcmp (k->name, "victim_process") == 0)
    *name = last->evicted ? run_name_of (r, last->victim_pid) : NULL;
  else if (strcmp (k->name, "owner") == 0)
    *name = run_name_of (r, last->phys_owner);
  else if (strcmp (k->name, "oom_killed") == 0)
    *name = run_name_of (r, last->oom_killed);
  else if (strcmp (k->name, "value") == 0)
    {
      /* memory never written reads 0; an access that reached no memory
         (SIGSEGV, a dead process) read nothing */
      *none = last->frame == VM_NONE && !last->has_value;
      *num = last->has_value ? last->value.value : 0;
      *name = last->has_value && last->value.str ? "s" : NULL;
    }
  if (k->kind == EX_LAST_NAME)
    *none = *name == NULL;
}

/* The label of condition K of E as a person reads it ("page faults",
 * "resident pages of A", "level-2 index"), translated; newly allocated. */
static char *
cond_label (const struct ex_key *k, const struct sc_expect *e)
{
  const char *p = e->proc ? e->proc : "?";

  if (k->label)
    return xstrdup (_(k->label));
  /* TRANSLATORS: what an expectation checks about process %s. */
  if (strcmp (k->name, "rss_pages") == 0)
    return xasprintf (_("resident pages of %s"), p);
  if (strcmp (k->name, "rss") == 0)
    return xasprintf (_("resident bytes of %s"), p);
  if (strcmp (k->name, "vsz_pages") == 0)
    return xasprintf (_("virtual pages of %s"), p);
  if (strcmp (k->name, "vsz") == 0)
    return xasprintf (_("virtual bytes of %s"), p);
  if (strcmp (k->name, "swap_pages") == 0)
    return xasprintf (_("swapped-out pages of %s"), p);
  if (strcmp (k->name, "alive") == 0)
    return xasprintf (_("%s alive"), p);
  /* TRANSLATORS: the index into the page table of level %u (1 is the
     top level) that an access used. */
  return xasprintf (_("level-%u index"), (unsigned) (k->name[5] - '0'));
}

/* A value word of a condition (a result, "hit", "none", a kind of
 * segmentation fault) in the user's language; numbers, names of
 * processes and values written stay as they are. */
static const char *
value_word (const char *w)
{
  /* TRANSLATORS: kinds of segmentation fault in an expectation
     ("kind of segmentation fault: unmapped"). */
  static const char *const segv_words[] = {
    NC_ ("segv", "unmapped"), NC_ ("segv", "exec"), NC_ ("segv", "dead"),
  };
  if (strcmp (w, "true") == 0)
    return answer_word ("yes");
  if (strcmp (w, "false") == 0)
    return answer_word ("no");
  for (size_t i = 0; i < ARRAY_SIZE (segv_words); i++)
    if (strcmp (w, segv_words[i]) == 0)
      {
#if ENABLE_NLS
        char key[32];
        snprintf (key, sizeof key, "segv\004%s", w);
        const char *t = gettext (key);
        return t == key || strcmp (t, key) == 0 ? w : t;
#else
        return w;
#endif
      }
  return answer_word (w);
}

bool
sc_eval_expect (const struct sc_expect *e, struct run *r,
                const struct vm_event *last, char **text)
{
  struct buf b = { NULL, 0 };
  bool all = true;

  buf_add (&b, "%s", "");
  /* Whose conditions they are, when they are a page's ("P data[1]:
     resident: no"); a process's say it in their labels ("browser
     alive: no", "resident pages of A: 1"). */
  if (e->proc && (e->region || e->has_addr))
    {
      struct buf w = { NULL, 0 };
      buf_add (&w, "%s", e->proc);
      if (e->region)
        buf_add (&w, " %s", e->region);
      if (e->region && e->has_page)
        buf_add (&w, "[%llu]", (unsigned long long) e->page);
      if (e->has_addr)
        buf_add (&w, " 0x%llx", (unsigned long long) e->addr);
      /* TRANSLATORS: the page whose conditions follow ("P data[1]: "
         before "resident: no"); Chinese may use "：". */
      buf_add (&b, C_ ("whose", "%s: "), w.s);
      free (w.s);
    }
  for (size_t i = 0; i < e->nconds; i++)
    {
      const struct sc_cond *cond = &e->conds[i];
      const struct ex_key *k = &keys[cond->key / 3];
      enum ex_cmp cmp = (enum ex_cmp) (cond->key % 3);
      uint64_t num;
      const char *name;
      bool none, ok;
      char want[64], got[64];

      actual (k, e, r, last, &num, &name, &none);
      if (k->kind == EX_LAST_VALUE)
        {
          char w[VM_VALUE_TEXT], g[VM_VALUE_TEXT];
          ok = cond->none ? none : !none && num == cond->value;
          snprintf (want, sizeof want, "%s", cond->none ? value_word ("none")
                    : vm_value_text (cond->value, cond->str != NULL, w));
          snprintf (got, sizeof got, "%s", none ? value_word ("none")
                    : vm_value_text (num, name != NULL, g));
        }
      else if (k->kind == EX_LAST_NAME)
        {
          /* Words (a result, hit or miss, a kind of fault) are said in
             the user's language; the names of processes are not. */
          bool words = strcmp (k->name, "result") == 0
                       || strcmp (k->name, "tlb") == 0
                       || strcmp (k->name, "segv") == 0;
          ok = cond->none ? none : !none && strcmp (name, cond->str) == 0;
          snprintf (want, sizeof want, "%s",
                    cond->none ? value_word ("none")
                    : words ? value_word (cond->str) : cond->str);
          snprintf (got, sizeof got, "%s", none ? value_word ("none")
                    : words ? value_word (name) : name);
        }
      else if (k->kind == EX_LAST_BOOL || k->kind == EX_PROC_BOOL
               || k->kind == EX_PAGE_BOOL)
        {
          ok = !none && num == cond->value;
          snprintf (want, sizeof want, "%s",
                    value_word (cond->value ? "true" : "false"));
          snprintf (got, sizeof got, "%s",
                    value_word (none ? "none" : num ? "true" : "false"));
        }
      else
        {
          if (cond->none)
            ok = none;
          else if (none)
            ok = false;
          else if (cmp == CMP_AT_LEAST)
            ok = num >= cond->value;
          else if (cmp == CMP_AT_MOST)
            ok = num <= cond->value;
          else
            ok = num == cond->value;
          /* Physical addresses read better in hex.  */
          bool hex = k->kind == EX_LAST_NUM && k->size;
          if (cond->none)
            snprintf (want, sizeof want, "%s", value_word ("none"));
          else
            snprintf (want, sizeof want, hex ? "0x%llx" : "%llu",
                      (unsigned long long) cond->value);
          if (none)
            snprintf (got, sizeof got, "%s", value_word ("none"));
          else
            snprintf (got, sizeof got, hex ? "0x%llx" : "%llu",
                      (unsigned long long) num);
        }
      char *label = cond_label (k, e);
      if (i)
        /* TRANSLATORS: between two conditions of an expectation
           ("page faults: 9; hits: 3"); Chinese may use "；". */
        buf_add (&b, "%s", C_ ("expect", "; "));
      /* TRANSLATORS: a condition of an expectation that holds: %1$s is
         what is checked ("page faults"), %2$s its value; Chinese may
         use "：". */
      if (ok && cmp == CMP_AT_LEAST)
        buf_add (&b, _("%s: at least %s"), label, want);
      else if (ok && cmp == CMP_AT_MOST)
        buf_add (&b, _("%s: at most %s"), label, want);
      else if (ok)
        buf_add (&b, C_ ("expect", "%s: %s"), label, want);
      /* TRANSLATORS: a condition that does not hold: what is checked,
         the value expected and the value found. */
      else if (cmp == CMP_AT_LEAST)
        buf_add (&b, _("%s: expected at least %s, got %s"), label, want,
                 got);
      else if (cmp == CMP_AT_MOST)
        buf_add (&b, _("%s: expected at most %s, got %s"), label, want, got);
      else
        buf_add (&b, _("%s: expected %s, got %s"), label, want, got);
      free (label);
      all = all && ok;
    }
  *text = b.s;
  return all;
}
