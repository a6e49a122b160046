/* scenario-run.c: run a scenario one tick at a time.  Steps expand
 * lazily: a touch of 16 pages repeated 3 times is 48 access ticks made
 * one by one from a small iterator, never a list.  For opt, a first pass
 * over the whole program (with fifo, which cannot change which pages are
 * accessed) records every access's (pid, page) for vm_future. */
#include "system.h"

#include "budget.h"
#include "util.h"

#if !ENABLE_NLS
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#include "scenario/scenario-internal.h"

/* Segments (machines between reboots) keep distinct future keys. */
#define SEG_PIDS 4096u

static struct vm_config
config_for (const struct run *r, const struct vm_config *base)
{
  struct vm_config cfg = *base;
  if (r->override)
    r->override (r->ctx, &cfg);
  if (r->prepass && cfg.policy == VM_POLICY_OPT)
    cfg.policy = VM_POLICY_FIFO;
  return cfg;
}

static struct run *
run_create (const struct scenario *sc,
            void (*override) (void *ctx, struct vm_config *cfg), void *ctx,
            bool prepass, char **err)
{
  struct run *r = xcalloc (1, sizeof *r);
  struct vm_config cfg;

  r->sc = sc;
  r->override = override;
  r->ctx = ctx;
  r->prepass = prepass;
  cfg = config_for (r, &sc->cfg);
  if (!run_setup (r, &cfg, err))
    {
      run_free (r);
      return NULL;
    }
  return r;
}

struct run *
run_new (const struct scenario *sc,
         void (*override) (void *ctx, struct vm_config *cfg), void *ctx,
         char **err)
{
  *err = NULL;
  return run_create (sc, override, ctx, false, err);
}

static void
future_unref (struct run_future *f)
{
  if (f && --f->refs == 0)
    {
      vm_future_free (f->f);
      free (f);
    }
}

void
run_free (struct run *r)
{
  if (!r)
    return;
  if (budget_place.file == r->sc->file)
    budget_at (NULL, 0);        /* the name may not outlive the scenario */
  vm_free (r->vm);
  run_procs_free (r);
  free (r->text);
  future_unref (r->future);
  free (r);
}

struct run *
run_clone (const struct run *r)
{
  struct run *c = xmalloc (sizeof *c);

  *c = *r;
  c->vm = vm_clone (r->vm);
  c->text = NULL;
  c->collect = NULL;
  c->procs = xcalloc (r->cap ? r->cap : 1, sizeof *c->procs);
  for (size_t i = 0; i < r->nprocs; i++)
    {
      const struct run_proc *p = &r->procs[i];
      struct run_proc *q = &c->procs[i];
      *q = *p;
      q->name = xstrdup (p->name);
      q->regs = xcalloc (p->cap ? p->cap : 1, sizeof *q->regs);
      for (size_t j = 0; j < p->n; j++)
        {
          q->regs[j] = p->regs[j];
          q->regs[j].name = xstrdup (p->regs[j].name);
        }
    }
  if (c->future)
    c->future->refs++;
  return c;
}

/* Does any machine of the run use opt? */
static bool
needs_future (const struct run *r)
{
  if (r->cfg.policy == VM_POLICY_OPT)
    return true;
  for (size_t i = 0; i < r->sc->nsteps; i++)
    if (r->sc->steps[i].kind == ST_REBOOT
        && config_for (r, &r->sc->steps[i].cfg).policy == VM_POLICY_OPT)
      return true;
  return false;
}

/* Run the whole program once with fifo and record its page keys. */
static void
compute_future (struct run *r)
{
  char *err = NULL;
  struct run *pre;
  struct tick t;

  r->future_checked = true;
  if (r->prepass || !needs_future (r))
    return;
  pre = run_create (r->sc, r->override, r->ctx, true, &err);
  free (err);
  if (!pre)
    return;
  pre->future_checked = true;
  pre->collect = vm_future_new ();
  while (run_next (pre, &t))
    ;
  r->future = xmalloc (sizeof *r->future);
  r->future->f = pre->collect;
  r->future->refs = 1;
  pre->collect = NULL;
  run_free (pre);
}

static void
set_text (struct run *r, struct tick *t, char *text)
{
  free (r->text);
  r->text = text;
  t->text = text;
}

/* One access by PID at VA, writing W if not NULL: switches to PID first
 * if it is not running. */
static void
do_access (struct run *r, uint32_t pid, uint64_t va, enum vm_op op,
           const struct sc_value *w, struct tick *t)
{
  struct vm_value wv;
  uint64_t next = VM_NEVER;
  uint32_t flushed = 0;

  t->kind = TICK_ACCESS;
  t->pid = pid;
  if (vm_current (r->vm) != pid)
    flushed = vm_switch (r->vm, pid);
  if (r->future && r->naccess < vm_future_len (r->future->f))
    {
      uint64_t j = vm_future_next (r->future->f, r->naccess);
      if (j != VM_NEVER && j >= r->seg_start)
        next = j - r->seg_start;
    }
  if (w)
    {
      wv.offset = 0;
      wv.value = w->value;
      wv.str = w->str;
      wv.by_pid = pid;
      wv.at_step = 0;
    }
  vm_access_value (r->vm, pid, va, op, next, w ? &wv : NULL, &t->ev);
  t->ev.tlb_flushed += flushed;
  if (r->collect)
    vm_future_push (r->collect, pid + r->seg * SEG_PIDS, t->ev.vpn);
  r->naccess++;
  r->last = t->ev;
  r->has_last = true;
}

/* Resolve the process and region of step S as the run starts it. */
static void
begin_step (struct run *r, const struct sc_step *s)
{
  const struct run_proc *p = s->proc ? run_proc_find (r, s->proc) : NULL;
  const struct run_reg *g = p && s->region ? run_reg_find (p, s->region)
                                           : NULL;

  r->cur_pid = p ? p->pid : VM_NONE;
  r->cur_ok = g != NULL;
  r->cur_vpn = g ? g->start_vpn : 0;
  r->cur_pages = g ? g->pages : 0;
  r->rep = r->k = 0;
  r->range = 0;
  r->page = s->nranges ? s->ranges[0].lo : 0;
}

/* The next access of touch S: its address; advances the iterator. */
static uint64_t
touch_next (struct run *r, const struct sc_step *s)
{
  unsigned shift = vm_page_shift (r->vm);
  uint64_t ps = 1ull << shift;
  uint64_t va = ((r->cur_vpn + r->page) << shift)
                + r->k * (ps / s->per_page);

  if (++r->k < s->per_page)
    return va;
  r->k = 0;
  if (s->ranges[r->range].hi - r->page >= s->stride)
    {
      r->page += s->stride;
      return va;
    }
  if (++r->range == s->nranges)
    {
      r->range = 0;
      r->rep++;
    }
  r->page = s->ranges[r->range].lo;
  return va;
}

/* Apply FN (unmap, protect, lock) to the pages of step S. */
static void
range_op (struct run *r, const struct sc_step *s)
{
  uint32_t pid = r->cur_pid;
  size_t n = s->nranges ? s->nranges : 1;

  if (!r->cur_ok)
    return;
  for (size_t i = 0; i < n; i++)
    {
      uint64_t lo = s->nranges ? s->ranges[i].lo : 0;
      uint64_t cnt = s->nranges ? s->ranges[i].hi - lo + 1 : r->cur_pages;
      uint64_t start = r->cur_vpn + lo;
      switch (s->kind)
        {
        case ST_MUNMAP: vm_unmap (r->vm, pid, start, cnt); break;
        case ST_PROTECT: vm_protect (r->vm, pid, start, cnt, s->perm); break;
        case ST_MLOCK: vm_mlock (r->vm, pid, start, cnt, true); break;
        case ST_MUNLOCK: vm_mlock (r->vm, pid, start, cnt, false); break;
        default: break;
        }
    }
  if (s->kind == ST_MUNMAP && !s->nranges)
    {
      struct run_proc *p = run_proc_find (r, s->proc);
      struct run_reg *g = p ? run_reg_find (p, s->region) : NULL;
      if (g)
        {
          free (g->name);
          *g = p->regs[--p->n];
        }
    }
}

static void
do_fork (struct run *r, const struct sc_step *s, struct tick *t)
{
  uint32_t child = vm_fork (r->vm, r->cur_pid, s->child);
  struct run_proc *parent = run_proc_find (r, s->proc), *c;
  size_t pi = parent ? (size_t) (parent - r->procs) : 0;

  t->kind = TICK_FORK;
  t->pid = r->cur_pid;
  if (child == VM_NONE)
    {
      /* The parent is dead: an empty child keeps pids in step.  */
      child = vm_proc_new (r->vm, s->child);
      vm_exit (r->vm, child);
      set_text (r, t, xasprintf (_("%s cannot fork: it is not running"),
                                 s->proc));
    }
  else
    set_text (r, t, xasprintf (_("%s forks %s: pages shared copy-on-write"),
                               s->proc, s->child));
  t->child = child;
  c = run_proc_add (r, s->child, child);
  for (size_t i = 0; parent && i < r->procs[pi].n; i++)
    run_reg_add (c, r->procs[pi].regs[i].name,
                 r->procs[pi].regs[i].start_vpn,
                 r->procs[pi].regs[i].pages);
}

static void
do_reboot (struct run *r, const struct sc_step *s, struct tick *t)
{
  struct vm_config cfg = config_for (r, &s->cfg);
  struct vm_config before = *vm_config (r->vm);
  char *err = NULL, *text;

  t->kind = TICK_REBOOT;
  r->seg++;
  r->seg_start = r->naccess;
  r->has_last = false;
  if (!run_setup (r, &cfg, &err))
    {
      set_text (r, t, err);
      return;
    }
  text = xasprintf (ngettext ("new machine: %s, %u frame",
                              "new machine: %s, %u frames", cfg.frames),
                    vm_policy_name (cfg.policy), cfg.frames);
  /* A new address layout is the point of such a reboot: say it. */
  if (cfg.va_bits != before.va_bits || cfg.levels != before.levels)
    {
      char *more = xasprintf (ngettext ("%s; %u-bit addresses, %u level of "
                                        "page tables",
                                        "%s; %u-bit addresses, %u levels of "
                                        "page tables", cfg.levels),
                              text, cfg.va_bits, cfg.levels);
      free (text);
      text = more;
    }
  set_text (r, t, text);
}

/* The region of map step S with the pages it names (heap, heap[3],
 * heap[0-2,5]). */
static char *
region_pages (const struct sc_step *s)
{
  char *text = xstrdup (s->region);
  for (size_t i = 0; i < s->nranges; i++)
    {
      char *more;
      if (s->ranges[i].lo == s->ranges[i].hi)
        more = xasprintf ("%s%s%llu", text, i ? "," : "[",
                          (unsigned long long) s->ranges[i].lo);
      else
        more = xasprintf ("%s%s%llu-%llu", text, i ? "," : "[",
                          (unsigned long long) s->ranges[i].lo,
                          (unsigned long long) s->ranges[i].hi);
      free (text);
      text = more;
    }
  if (s->nranges)
    {
      char *more = xasprintf ("%s]", text);
      free (text);
      text = more;
    }
  return text;
}

/* What map step S did, named after its system call: which pages it
 * changed and, for mprotect, to what. */
static char *
map_text (const struct sc_step *s)
{
  char *where = region_pages (s), *text;
  char perm[4] = { s->perm & VM_PERM_R ? 'r' : '-',
                   s->perm & VM_PERM_W ? 'w' : '-',
                   s->perm & VM_PERM_X ? 'x' : '-', '\0' };
  /* TRANSLATORS: a change to the mapping of region %1$s (with the pages
     changed, as heap[3]) of process %2$s, named after its system
     call. */
  switch (s->kind)
    {
    case ST_MUNMAP:
      text = xasprintf (_("munmap %s in %s"), where, s->proc);
      break;
    case ST_PROTECT:
      /* TRANSLATORS: %3$s: the new permissions, as r-x. */
      text = xasprintf (_("mprotect %s in %s: %s"), where, s->proc, perm);
      break;
    case ST_MLOCK:
      text = xasprintf (_("mlock %s in %s"), where, s->proc);
      break;
    default:
      text = xasprintf (_("munlock %s in %s"), where, s->proc);
      break;
    }
  free (where);
  return text;
}

/* A tick of step S that is not an access. */
static void
other_tick (struct run *r, const struct sc_step *s, struct tick *t)
{
  const char *why = NULL;

  t->pid = r->cur_pid;
  switch (s->kind)
    {
    case ST_SAY:
      t->kind = TICK_SAY;
      t->text = s->text;
      break;
    case ST_PAUSE:
      t->kind = TICK_PAUSE;
      t->text = s->text;
      break;
    case ST_SWITCH:
      {
        uint32_t n = vm_switch (r->vm, r->cur_pid);
        t->kind = TICK_SWITCH;
        t->flushed = n;
        set_text (r, t, xasprintf (ngettext ("switch to %s (%u TLB entry "
                                             "invalidated)",
                                             "switch to %s (%u TLB entries "
                                             "invalidated)", n), s->proc, n));
      }
      break;
    case ST_FORK:
      do_fork (r, s, t);
      break;
    case ST_EXIT:
      vm_exit (r->vm, r->cur_pid);
      t->kind = TICK_EXIT;
      set_text (r, t, xasprintf (_("%s exits"), s->proc));
      break;
    case ST_MMAP:
      t->kind = TICK_MAP;
      {
        struct run_proc *p = run_proc_find (r, s->proc);
        if (p && run_map (r, p, &s->map, &why))
          {
            const struct run_reg *g = &p->regs[p->n - 1];
            set_text (r, t, xasprintf (ngettext ("mmap %s in %s: %llu page "
                                                 "at 0x%llx",
                                                 "mmap %s in %s: %llu pages "
                                                 "at 0x%llx", g->pages),
                                       g->name, s->proc,
                                       (unsigned long long) g->pages,
                                       (unsigned long long)
                                       (g->start_vpn
                                        << vm_page_shift (r->vm))));
          }
        else
          set_text (r, t, xasprintf (_("mmap %s in %s failed: %s"),
                                     s->map.name, s->proc,
                                     why ? _(why) : "?"));
      }
      break;
    case ST_MUNMAP:
    case ST_PROTECT:
    case ST_MLOCK:
    case ST_MUNLOCK:
      t->kind = TICK_MAP;
      range_op (r, s);
      set_text (r, t, map_text (s));
      break;
    case ST_EXPECT:
      {
        char *text = NULL;
        t->kind = TICK_EXPECT;
        if (r->prepass)
          {
            t->ok = true;
            break;
          }
        t->ok = sc_eval_expect (&s->expect, r,
                                r->has_last ? &r->last : NULL, &text);
        set_text (r, t, text);
        if (!t->ok)
          r->failures++;
      }
      break;
    case ST_ASK:
      t->kind = TICK_ASK;
      t->text = s->text;
      t->choices = (const char *const *) s->choices;
      t->nchoices = s->nchoices;
      t->answer = s->answer;
      t->explain = s->explain;
      break;
    case ST_REBOOT:
      do_reboot (r, s, t);
      break;
    case ST_PAGE:
      t->kind = TICK_PAGE;
      t->text = s->text;
      break;
    case ST_PREDICT:
      t->kind = TICK_PREDICT;
      t->text = s->text;
      t->predict = s->predict;
      break;
    default:
      t->kind = TICK_OTHER;
      break;
    }
}

bool
run_next (struct run *r, struct tick *t)
{
  const struct sc_step *s;
  unsigned shift;

  if (!r->future_checked)
    compute_future (r);
  if (r->step >= r->sc->nsteps)
    return false;
  s = &r->sc->steps[r->step];
  if (r->sub == 0)
    {
      begin_step (r, s);
      /* The words in force end after the steps they describe.  */
      if (r->say && r->step > r->sc->steps[r->say - 1].say_end)
        r->say = 0;
      if (s->kind == ST_SAY || (s->kind == ST_PAUSE && s->text))
        r->say = r->step + 1;
      else if (s->kind == ST_ASK)
        r->say = 0;
    }
  memset (t, 0, sizeof *t);
  t->n = r->pos++;
  t->line = s->mark.line;
  budget_at (r->sc->file, s->mark.line);
  t->pid = t->child = VM_NONE;
  shift = vm_page_shift (r->vm);
  switch (s->kind)
    {
    case ST_ACCESS:
      if (s->has_addr)
        do_access (r, r->cur_pid, s->addr, s->op,
                   s->has_value ? &s->value : NULL, t);
      else
        do_access (r, r->cur_pid, r->cur_ok ? ((r->cur_vpn + s->page) << shift)
                                              + s->offset : 0, s->op,
                   s->has_value ? &s->value : NULL, t);
      break;
    case ST_TOUCH:
      {
        uint64_t va = touch_next (r, s);
        do_access (r, r->cur_pid, r->cur_ok ? va : 0, s->op, NULL, t);
      }
      break;
    case ST_TRACE:
      do_access (r, r->cur_pid, s->trace_va[r->sub],
                 (enum vm_op) s->trace_op[r->sub], NULL, t);
      break;
    default:
      other_tick (r, s, t);
      break;
    }
  if (++r->sub >= s->ticks)
    {
      r->step++;
      r->sub = 0;
    }
  return true;
}

uint64_t
run_position (const struct run *r)
{
  return r->pos;
}

bool
run_done (const struct run *r)
{
  return r->step >= r->sc->nsteps;
}

struct vm *
run_vm (const struct run *r)
{
  return r->vm;
}

const struct scenario *
run_scenario (const struct run *r)
{
  return r->sc;
}

const char *
run_say (const struct run *r)
{
  return r->say ? r->sc->steps[r->say - 1].text : NULL;
}

unsigned
run_failures (const struct run *r)
{
  return r->failures;
}

uint32_t
run_pid_of (const struct run *r, const char *name)
{
  const struct run_proc *p = name ? run_proc_find (r, name) : NULL;
  return p ? p->pid : VM_NONE;
}

const char *
run_name_of (const struct run *r, uint32_t pid)
{
  for (size_t i = 0; i < r->nprocs; i++)
    if (r->procs[i].pid == pid)
      return r->procs[i].name;
  return NULL;
}

bool
run_region_vpn (const struct run *r, const char *proc, const char *region,
                uint64_t *vpn, uint64_t *pages)
{
  const struct run_proc *p = run_proc_find (r, proc);
  const struct run_reg *g = p ? run_reg_find (p, region) : NULL;
  if (!g)
    return false;
  *vpn = g->start_vpn;
  *pages = g->pages;
  return true;
}
