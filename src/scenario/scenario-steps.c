/* scenario-steps.c: the `steps:` list.  Each step is checked against a
 * model of which processes and regions exist at that point (processes are
 * forked and exit, regions are mapped and unmapped, a reboot starts
 * again), and its tick count is computed arithmetically, never by
 * expanding it, with the whole program bounded by SC_MAX_TICKS. */
#include "system.h"

#include "util.h"
#include "scenario/scenario-internal.h"
#include "trace/trace.h"

/* The names known at the current step. */
struct sim_reg
{
  const char *name;
  uint64_t pages;
};

struct sim_proc
{
  const char *name;
  struct sim_reg *regs;
  size_t n, cap;
};

struct sc_sim
{
  struct sim_proc *procs;
  size_t n, cap;
  size_t nregs;            /* regions of all processes */
};

static const char *const step_keys[] = {
  "say", "pause", "access", "touch", "trace", "switch", "fork", "exit",
  "mmap", "munmap", "protect", "mlock", "munlock", "expect", "ask",
  "reboot", "page", "predict", NULL
};

static const char *const access_keys[] = {
  "process", "address", "region", "page", "offset", "op", "repeat", "value",
  NULL
};
static const char *const touch_keys[] = {
  "process", "region", "pages", "stride", "per_page", "op", "repeat", NULL
};
static const char *const trace_keys[] = {
  "process", "file", "format", NULL
};
static const char *const fork_keys[] = { "parent", "child", NULL };
static const char *const range_keys[] = {
  "process", "region", "pages", NULL
};
static const char *const protect_keys[] = {
  "process", "region", "pages", "perm", NULL
};
static const char *const say_keys[] = { "text", "steps", "view", NULL };
static const char *const ask_keys[] = {
  "question", "choices", "answer", "explain", NULL
};

static void
sim_clear (struct sc_sim *s)
{
  for (size_t i = 0; i < s->n; i++)
    free (s->procs[i].regs);
  s->n = 0;
  s->nregs = 0;
}

void
sc_sim_free (struct sc_sim *s)
{
  if (!s)
    return;
  sim_clear (s);
  free (s->procs);
  free (s);
}

static void
sim_add_reg (struct sc_sim *s, struct sim_proc *p, const char *name,
             uint64_t pages)
{
  s->nregs++;
  if (p->n == p->cap)
    {
      p->cap = p->cap ? p->cap * 2 : 4;
      p->regs = xreallocarray (p->regs, p->cap, sizeof *p->regs);
    }
  p->regs[p->n].name = name;
  p->regs[p->n].pages = pages;
  p->n++;
}

static struct sim_proc *
sim_add_proc (struct sc_sim *s, const char *name)
{
  struct sim_proc *p;
  if (s->n == s->cap)
    {
      s->cap = s->cap ? s->cap * 2 : 8;
      s->procs = xreallocarray (s->procs, s->cap, sizeof *s->procs);
    }
  p = &s->procs[s->n++];
  memset (p, 0, sizeof *p);
  p->name = name;
  return p;
}

/* Back to the processes and regions the scenario starts with. */
static void
sim_reset (struct sc_sim *s, const struct scenario *sc)
{
  sim_clear (s);
  for (size_t i = 0; i < sc->nprocs; i++)
    {
      struct sim_proc *p = sim_add_proc (s, sc->procs[i].name);
      for (size_t j = 0; j < sc->procs[i].nregions; j++)
        sim_add_reg (s, p, sc->procs[i].regions[j].name,
                     sc->procs[i].regions[j].static_pages);
    }
}

/* Fail at N: NAME is not one of the N_NAMES NAMES; suggest the nearest. */
static _Noreturn void
unknown_name (struct sc_ctx *c, const struct ynode *n, const char *what,
              const char **names, size_t nnames)
{
  const char **cand = xcalloc (nnames + 1, sizeof *cand);
  const char *near;
  char nbuf[80] = "", list[400] = "";
  char *q = ytree_quote (n->str, n->len);
  char qbuf[200];

  snprintf (qbuf, sizeof qbuf, "%s", q);
  free (q);
  for (size_t i = 0; i < nnames; i++)
    {
      cand[i] = names[i];
      if (strlen (list) + strlen (names[i]) + 8 < sizeof list)
        {
          if (i)
            strcat (list, ", ");
          strcat (list, names[i]);
        }
    }
  near = sc_nearest (n->str, cand);
  if (near)
    snprintf (nbuf, sizeof nbuf, "%s", near);
  free (cand);
  free (names);
  if (nbuf[0])
    sc_fail (c, n, _("found unknown %s %s; did you mean '%s'?"), what, qbuf,
             nbuf);
  if (nnames == 0)
    sc_fail (c, n, _("found unknown %s %s; expected one defined before "
                     "this step"), what, qbuf);
  sc_fail (c, n, _("found unknown %s %s; expected one of: %s"), what, qbuf,
           list);
}

static struct sim_proc *
sim_proc (struct sc_ctx *c, const struct ynode *n)
{
  struct sc_sim *s = c->sim;
  const char *name = sc_name (c, n);
  const char **names;

  for (size_t i = 0; i < s->n; i++)
    if (strcmp (s->procs[i].name, name) == 0)
      return &s->procs[i];
  names = xcalloc (s->n + 1, sizeof *names);
  for (size_t i = 0; i < s->n; i++)
    names[i] = s->procs[i].name;
  unknown_name (c, n, _("process"), names, s->n);
}

static struct sim_reg *
sim_reg (struct sc_ctx *c, struct sim_proc *p, const struct ynode *n)
{
  const char *name = sc_name (c, n);
  const char **names;

  for (size_t i = 0; i < p->n; i++)
    if (strcmp (p->regs[i].name, name) == 0)
      return &p->regs[i];
  names = xcalloc (p->n + 1, sizeof *names);
  for (size_t i = 0; i < p->n; i++)
    names[i] = p->regs[i].name;
  unknown_name (c, n, _("region"), names, p->n);
}

/* Check the ranges of S against PAGES pages of region NAME. */
static void
check_ranges (struct sc_ctx *c, const struct ynode *n, const struct sc_step *s,
              uint64_t pages, const char *name)
{
  for (size_t i = 0; i < s->nranges; i++)
    if (s->ranges[i].hi >= pages)
      sc_fail (c, n, _("found page %llu; expected a page of region '%s' "
                       "(0 to %llu)"), (unsigned long long) s->ranges[i].hi,
               name, (unsigned long long) (pages - 1));
}

static uint64_t
repeat_of (struct sc_ctx *c, const struct ynode *n)
{
  const struct ynode *v = ynode_get (n, "repeat");
  return v ? sc_uint (c, v, 1, SC_MAX_TICKS) : 1;
}

/* Ticks of a touch: sum over ranges of ceil(len / stride), times
 * per_page and repeat; bounded without expanding anything. */
static uint64_t
touch_ticks (struct sc_ctx *c, const struct ynode *n, const struct sc_step *s)
{
  uint64_t sum = 0, t;

  for (size_t i = 0; i < s->nranges; i++)
    {
      uint64_t k = (s->ranges[i].hi - s->ranges[i].lo) / s->stride;
      if (k >= SC_MAX_TICKS || __builtin_add_overflow (sum, k + 1, &sum)
          || sum > SC_MAX_TICKS)
        sum = SC_MAX_TICKS + 1;
      if (sum > SC_MAX_TICKS)
        break;
    }
  if (sum > SC_MAX_TICKS || __builtin_mul_overflow (sum, s->per_page, &t)
      || __builtin_mul_overflow (t, s->repeat, &t) || t > SC_MAX_TICKS)
    sc_fail (c, n, _("found a touch of more than %llu accesses; expected "
                     "at most %llu"), SC_MAX_TICKS, SC_MAX_TICKS);
  return t;
}

static void
parse_access (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  const struct ynode *v, *rn;
  struct sim_proc *p;

  sc_check_map (c, n, "access", access_keys);
  p = sim_proc (c, sc_need (c, n, "process", _("an access")));
  s->proc = xstrdup (p->name);
  s->op = VM_READ;
  if ((v = ynode_get (n, "op")))
    s->op = sc_op (c, v);
  s->repeat = repeat_of (c, n);
  s->ticks = s->repeat;
  if ((v = ynode_get (n, "value")))
    {
      if (s->op != VM_WRITE)
        sc_expected (c, v, _("'value' only with 'op: write' (a read "
                             "reports the value it finds)"));
      sc_value (c, v, &s->value);
      s->has_value = true;
    }
  if ((v = ynode_get (n, "address")))
    {
      if ((rn = ynode_get (n, "region")))
        sc_expected (c, rn, _("either 'address' or 'region', not both"));
      s->has_addr = true;
      s->addr = sc_size (c, v, 0, UINT64_MAX);
      if ((rn = ynode_get (n, "page")) || (rn = ynode_get (n, "offset")))
        sc_expected (c, rn, _("no 'page' or 'offset' with 'address'"));
      return;
    }
  rn = ynode_get (n, "region");
  if (!rn)
    sc_fail (c, n, "%s", _("found an access without 'address' or 'region'; "
                           "expected one of them"));
  {
    struct sim_reg *r = sim_reg (c, p, rn);
    s->region = xstrdup (r->name);
    if ((v = ynode_get (n, "page")))
      s->page = sc_uint (c, v, 0, r->pages - 1);
    if ((v = ynode_get (n, "offset")))
      s->offset = sc_size (c, v, 0, c->sc->cfg.page_size - 1);
  }
}

static void
parse_touch (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  const struct ynode *v;
  struct sim_proc *p;
  struct sim_reg *r;

  sc_check_map (c, n, "touch", touch_keys);
  p = sim_proc (c, sc_need (c, n, "process", _("a touch")));
  s->proc = xstrdup (p->name);
  r = sim_reg (c, p, sc_need (c, n, "region", _("a touch")));
  s->region = xstrdup (r->name);
  s->op = VM_READ;
  if ((v = ynode_get (n, "op")))
    s->op = sc_op (c, v);
  s->repeat = repeat_of (c, n);
  s->stride = 1;
  if ((v = ynode_get (n, "stride")))
    s->stride = sc_uint (c, v, 1, UINT64_MAX);
  s->per_page = 1;
  if ((v = ynode_get (n, "per_page")))
    s->per_page = sc_uint (c, v, 1, c->sc->cfg.page_size);
  if ((v = ynode_get (n, "pages")))
    {
      sc_ranges (c, v, &s->ranges, &s->nranges);
      check_ranges (c, v, s, r->pages, r->name);
    }
  else
    {
      s->ranges = xmalloc (sizeof *s->ranges);
      s->nranges = 1;
      s->ranges[0].lo = 0;
      s->ranges[0].hi = r->pages - 1;
    }
  s->ticks = touch_ticks (c, n, s);
}

static void
parse_trace (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  const struct ynode *v;
  int format = TRACE_FMT_AUTO;

  sc_check_map (c, n, "trace", trace_keys);
  s->proc = xstrdup (sim_proc (c, sc_need (c, n, "process",
                                           _("a trace")))->name);
  if ((v = ynode_get (n, "format")))
    {
      format = v->kind == YN_SCALAR ? trace_format_parse (v->str) : -1;
      if (format < 0)
        sc_expected (c, v, _("a trace format: auto, pages, addr or lackey"));
    }
  sc_trace_load (c, sc_need (c, n, "file", _("a trace")), format, s);
}

/* munmap, protect, mlock, munlock: a region and optional pages of it. */
static void
parse_range_step (struct sc_ctx *c, const struct ynode *n, struct sc_step *s,
                  const char *what)
{
  const struct ynode *v;
  struct sim_proc *p;
  struct sim_reg *r;

  sc_check_map (c, n, what, s->kind == ST_PROTECT ? protect_keys
                                                  : range_keys);
  p = sim_proc (c, sc_need (c, n, "process", what));
  s->proc = xstrdup (p->name);
  r = sim_reg (c, p, sc_need (c, n, "region", what));
  s->region = xstrdup (r->name);
  if ((v = ynode_get (n, "pages")))
    {
      sc_ranges (c, v, &s->ranges, &s->nranges);
      check_ranges (c, v, s, r->pages, r->name);
    }
  if (s->kind == ST_PROTECT)
    s->perm = sc_perm (c, sc_need (c, n, "perm", what));
  if (s->kind == ST_MUNMAP && !v)
    {
      /* The whole region is gone: forget its name.  */
      size_t i = (size_t) (r - p->regs);
      p->regs[i] = p->regs[--p->n];
    }
}

static void
parse_ask (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  const struct ynode *v, *ch;

  sc_check_map (c, n, "ask", ask_keys);
  s->text = sc_text (c, sc_need (c, n, "question", "ask"), "ask question");
  ch = sc_need (c, n, "choices", "ask");
  if (ch->kind != YN_SEQ || ch->n < 2 || ch->n > 26)
    sc_expected (c, ch, _("a list of 2 to 26 choices"));
  s->choices = xcalloc (ch->n, sizeof *s->choices);
  for (size_t i = 0; i < ch->n; i++)
    {
      s->choices[i] = sc_text (c, ch->items[i], "ask choice");
      s->nchoices = i + 1;
    }
  v = sc_need (c, n, "answer", "ask");
  s->answer = -1;
  /* The answer names a choice as the file writes it, untranslated.  */
  if (v->kind == YN_SCALAR)
    for (size_t i = 0; i < s->nchoices; i++)
      if (strcmp (v->str, ch->items[i]->str) == 0)
        s->answer = (int) i;
  if (s->answer < 0)
    s->answer = (int) sc_uint (c, v, 1, s->nchoices) - 1;
  if ((v = ynode_get (n, "explain")))
    s->explain = sc_text (c, v, "ask explain");
}

static void
parse_fork (struct sc_ctx *c, const struct ynode *n, struct sc_step *s)
{
  const struct ynode *cn;
  struct sim_proc *p, *child;
  const char *name;

  sc_check_map (c, n, "fork", fork_keys);
  p = sim_proc (c, sc_need (c, n, "parent", "fork"));
  s->proc = xstrdup (p->name);
  cn = sc_need (c, n, "child", "fork");
  name = sc_name (c, cn);
  for (size_t i = 0; i < c->sim->n; i++)
    if (strcmp (c->sim->procs[i].name, name) == 0)
      sc_expected (c, cn, _("a process name not used before"));
  if (c->sim->n >= SC_MAX_PROCS)
    sc_expected (c, n, _("at most 4096 processes per machine"));
  if (c->sim->nregs + p->n > SC_MAX_REGIONS)
    sc_fail (c, n, _("found a fork that makes more than %u regions in all "
                     "processes; expected at most %u"), SC_MAX_REGIONS,
             SC_MAX_REGIONS);
  s->child = xstrdup (name);
  /* P may move when the array grows.  */
  {
    size_t pi = (size_t) (p - c->sim->procs);
    child = sim_add_proc (c->sim, s->child);
    p = &c->sim->procs[pi];
    for (size_t i = 0; i < p->n; i++)
      sim_add_reg (c->sim, child, p->regs[i].name, p->regs[i].pages);
  }
}

/* Parse the body V of step S (kind already set). */
static void
parse_step (struct sc_ctx *c, const struct ynode *v, struct sc_step *s)
{
  struct sim_proc *p;

  s->ticks = 1;
  s->view = SC_VIEW_NONE;
  switch (s->kind)
    {
    case ST_SAY:
      if (v->kind == YN_MAP)
        {
          /* say: { text: T, steps: N }: the words stay for N steps.  */
          const struct ynode *tn;
          sc_check_map (c, v, "say", say_keys);
          tn = sc_need (c, v, "text", "say");
          s->text = sc_text (c, tn, "say");
          if ((tn = ynode_get (v, "steps")))
            s->say_steps = sc_uint (c, tn, 1, SC_MAX_LIST);
          /* say: { view: grid }: the interface shows that view from
             here on. */
          if ((tn = ynode_get (v, "view")))
            s->view = sc_view (c, tn);
          v = ynode_get (v, "text");
        }
      else
        s->text = sc_text (c, v, "say");
      if (!s->text[0])
        sc_expected (c, v, _("some text to say"));
      break;
    case ST_PAUSE:
      if (!sc_is_none (v))
        s->text = sc_text (c, v, "pause");
      break;
    case ST_ACCESS: parse_access (c, v, s); break;
    case ST_TOUCH: parse_touch (c, v, s); break;
    case ST_TRACE: parse_trace (c, v, s); break;
    case ST_SWITCH:
    case ST_EXIT:
      s->proc = xstrdup (sim_proc (c, v)->name);
      break;
    case ST_FORK: parse_fork (c, v, s); break;
    case ST_MMAP:
      if (v->kind != YN_MAP)
        sc_expected (c, v, _("an mmap (a mapping)"));
      p = sim_proc (c, sc_need (c, v, "process", "mmap"));
      s->proc = xstrdup (p->name);
      sc_parse_region (c, v, &s->map, step_keys);
      for (size_t i = 0; i < p->n; i++)
        if (strcmp (p->regs[i].name, s->map.name) == 0)
          sc_expected (c, ynode_get (v, "name"),
                       _("a region name not used before in this process"));
      if (c->sim->nregs >= SC_MAX_REGIONS)
        sc_expected (c, v, _("at most 65536 regions in all processes"));
      sim_add_reg (c->sim, p, s->map.name, s->map.static_pages);
      break;
    case ST_MUNMAP: parse_range_step (c, v, s, "munmap"); break;
    case ST_PROTECT: parse_range_step (c, v, s, "protect"); break;
    case ST_MLOCK: parse_range_step (c, v, s, "mlock"); break;
    case ST_MUNLOCK: parse_range_step (c, v, s, "munlock"); break;
    case ST_EXPECT:
      sc_parse_expect (c, v, &s->expect);
      if (s->expect.proc)
        {
          const struct ynode *pn = ynode_get (v, "process");
          p = sim_proc (c, pn);
          if (s->expect.region)
            {
              struct sim_reg *r = sim_reg (c, p, ynode_get (v, "region"));
              if (s->expect.has_page && s->expect.page >= r->pages)
                sc_expected (c, ynode_get (v, "page"),
                             _("a page inside the region"));
            }
        }
      break;
    case ST_ASK: parse_ask (c, v, s); break;
    case ST_PAGE: sc_parse_page (c, v, s); break;
    case ST_PREDICT: sc_parse_predict (c, v, s); break;
    case ST_REBOOT:
      {
        bool aslr = c->sc->aslr;
        s->cfg = c->sc->cfg;
        /* Start from the machine of the previous reboot, if any.  */
        for (struct sc_step *q = s - 1; q >= c->sc->steps; q--)
          if (q->kind == ST_REBOOT)
            {
              s->cfg = q->cfg;
              break;
            }
        if (!sc_is_none (v))
          {
            unsigned before = s->cfg.va_bits;
            sc_parse_machine (c, v, &s->cfg, &aslr, true);
            if (s->cfg.va_bits < before)
              sc_fail (c, ynode_get (v, "va_bits"),
                       _("found va_bits %u; expected at least %u (a reboot "
                         "may widen the address space, not narrow it)"),
                       s->cfg.va_bits, before);
          }
        sim_reset (c->sim, c->sc);
      }
      break;
    }
}

void
sc_step_free (struct sc_step *s)
{
  free (s->text);
  free (s->proc);
  free (s->child);
  free (s->region);
  free (s->ranges);
  sc_region_free (&s->map);
  sc_expect_free (&s->expect);
  for (size_t i = 0; i < s->nchoices; i++)
    free (s->choices[i]);
  free (s->choices);
  free (s->explain);
  free (s->trace_va);
  free (s->trace_op);
  sc_predict_free (s->predict);
}

/* Keep C's error and go on with the next step, or, past the limit,
 * give up with every error kept. */
static void
keep_error (struct sc_ctx *c, jmp_buf outer)
{
  c->errs = xreallocarray (c->errs, c->nerrs + 1, sizeof *c->errs);
  c->errs[c->nerrs++] = c->err;
  c->err = NULL;
  if (c->nerrs >= c->max_errs)
    {
      c->errs = xreallocarray (c->errs, c->nerrs + 1, sizeof *c->errs);
      c->errs[c->nerrs++] = xasprintf (_("%s: stopped after %zu errors"),
                                       c->file, c->max_errs);
      memcpy (c->fail, outer, sizeof (jmp_buf));
      c->err = xstrdup ("");
      longjmp (c->fail, 1);
    }
}

void
sc_parse_steps (struct sc_ctx *c, const struct ynode *n)
{
  struct scenario *sc = c->sc;
  /* Changed between setjmp and longjmp.  */
  volatile unsigned reboots = 0;
  volatile size_t i;
  jmp_buf outer;

  if (n->kind != YN_SEQ || n->n == 0)
    sc_expected (c, n, _("a list of steps"));
  c->sim = xcalloc (1, sizeof *c->sim);
  sim_reset (c->sim, sc);
  sc->steps = xcalloc (n->n, sizeof *sc->steps);
  memcpy (outer, c->fail, sizeof (jmp_buf));
  for (i = 0; i < n->n; i++)
    {
      const struct ynode *it = n->items[i];
      struct sc_step *s = &sc->steps[i];
      size_t k;

      /* With room for more errors, a bad step is kept and the next one
         checked (a step is one item: its errors do not unbalance the
         ones after it, beyond names it would have defined).  */
      if (c->max_errs > 1 && setjmp (c->fail))
        {
          keep_error (c, outer);
          continue;
        }

      sc->nsteps = i + 1;
      s->mark = sc_mark_of (it);
      if (it->kind != YN_MAP)
        sc_expected (c, it, _("a step such as 'say: TEXT' or 'access: "
                              "{...}'"));
      sc_check_map (c, it, _("a step"), step_keys);
      if (it->n != 2)
        sc_fail (c, it, _("found a step with %zu kinds; expected exactly "
                          "one (start a new '-' item for each step)"),
                 it->n / 2);
      for (k = 0; step_keys[k]; k++)
        if (strcmp (it->items[0]->str, step_keys[k]) == 0)
          break;
      s->kind = (enum sc_step_kind) k;
      if (s->kind == ST_REBOOT && ++reboots > SC_MAX_REBOOTS)
        sc_expected (c, it, _("at most 1000 reboots"));
      parse_step (c, it->items[1], s);
      if (__builtin_add_overflow (sc->ticks, s->ticks, &sc->ticks)
          || sc->ticks > SC_MAX_TICKS)
        sc_fail (c, it, _("found more than %llu ticks up to this step; "
                          "expected at most %llu"), SC_MAX_TICKS,
                 SC_MAX_TICKS);
    }
  memcpy (c->fail, outer, sizeof (jmp_buf));
  if (c->nerrs)
    {
      c->err = xstrdup ("");
      longjmp (c->fail, 1);
    }
  sc_say_extent (sc);
}
