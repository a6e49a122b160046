/* batch.c: vmtutor --batch: run a scenario, a --refs string or a trace
 * through the engine without the screen and print one line per access
 * and a summary (DESIGN.md, "Batch interface").
 *
 * A refs or trace run has one process whose whole address space is one
 * read-write-execute region on the backing store (DESIGN.md "Backing
 * store"), or anonymous demand-zero memory with --backing=zero.  With the
 * opt policy the trace is read twice: once to learn the future
 * (vm_future), once to run; a pipe or device is copied to a temporary file
 * during the first pass, so it can be read again (trace_spool).  JSON
 * output and --explain carry each access's narration (narrate_access),
 * word for word. */
#include "system.h"

#include <langinfo.h>

#include "budget.h"
#include "narrate/narrate.h"
#include "options.h"
#include "out/out.h"
#include "scenario/scenario.h"
#include "trace/batch-out.h"
#include "trace/trace.h"
#include "util.h"

/* The narration of each access: JSON `why`, or text with --explain. */
static bool want_why, why_utf8;

/* Access numbers to interface steps.  A refs or trace run has one step
 * per access; a scenario run records the tick of every access. */
static uint64_t *acc_tick;
static uint64_t nacc_tick, acc_tick_cap;

static uint64_t
tick_identity (const void *arg, uint64_t step)
{
  (void) arg;
  return step;
}

static uint64_t
tick_recorded (const void *arg, uint64_t step)
{
  (void) arg;
  return step < nacc_tick ? acc_tick[step] : UINT64_MAX;
}

/* The step function given to narrate_set_steps. */
static uint64_t (*step_of) (const void *, uint64_t) = tick_identity;

/* Print access EV of VM, with its narration if wanted. */
static void
out_access (const struct vm *vm, const struct vm_event *ev)
{
  char *why = want_why ? narrate_access (vm, ev, why_utf8) : NULL;
  uint64_t tick = step_of (NULL, ev->step);
  batch_out_access (ev, tick == UINT64_MAX ? ev->step + 1 : tick + 1, why);
  free (why);
}

/* Print "vmtutor: MESSAGE" and the --help hint; the usage error status. */
static int
usage (const char *msg)
{
  batch_out_flush ();
  fprintf (stderr, "%s: %s\n", program_name, msg);
  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           program_name);
  return 2;
}

/* Print "vmtutor: MESSAGE" (after what was printed) and return 2. */
static int
input_error (const char *msg)
{
  batch_out_flush ();
  fprintf (stderr, "%s: %s\n", program_name, msg);
  return 2;
}

/* Open the --trace of O.  With opt it must be read twice: standard input
 * and other files that are not regular (pipes, devices) are copied to a
 * temporary file while the first pass reads them, within --max-memory. */
static struct trace *
open_trace (const struct options *o, enum trace_format fmt)
{
  bool opt = o->machine.has_policy && o->machine.policy == VM_POLICY_OPT;
  uint64_t max = budget_limit ();
  char *err = NULL;
  struct trace *t = trace_open_file (o->trace, fmt, &err);

  if (t && opt && !trace_spool (t, max, &err))
    {
      trace_close (t);
      t = NULL;
    }
  if (!t)
    {
      input_error (err);
      free (err);
    }
  return t;
}

/* The machine of a refs or trace run in FMT, with the options of O. */
static struct vm *
trace_machine (const struct options *o, enum trace_format fmt)
{
  struct vm_config cfg;
  const char *why;
  struct vm *vm;

  vm_config_default (&cfg);
  if (fmt == TRACE_FMT_LACKEY)
    {
      cfg.va_bits = 48;
      vm_config_default_levels (&cfg);
    }
  machine_opts_apply (&o->machine, &cfg);
  if (!vm_config_check (&cfg, &why) || !(vm = vm_new (&cfg, &why)))
    {
      char *msg = xasprintf (_("invalid machine: %s"), _(why));
      usage (msg);
      free (msg);
      return NULL;
    }
  return vm;
}

/* vm_stream_read for a trace T. */
static long
read_trace (void *t, struct vm_ref *buf, size_t max)
{
  return trace_read (t, buf, max);
}

/* Run the accesses of T on VM as process PID, printing them unless QUIET.
 * With F (opt), F holds the future of every access.  0 or 2. */
static int
run_accesses (const struct options *o, struct trace *t, struct vm *vm,
              uint32_t pid, const struct vm_future *f)
{
  struct trace_access a;
  struct vm_event ev;
  uint64_t i = 0;
  int rc;

  if (o->quiet)
    rc = vm_access_stream (vm, pid, read_trace, t, f) < 0 ? -1 : 0;
  else
    while ((rc = trace_next (t, &a)) > 0)
      {
        budget_place.line = a.line;
        vm_access (vm, pid, a.va, a.op,
                   f ? vm_future_next (f, i++) : VM_NEVER, &ev);
        out_access (vm, &ev);
      }
  return rc < 0 ? input_error (trace_error (t)) : 0;
}

/* A --refs or --trace run. */
static int
batch_trace (const struct options *o)
{
  enum trace_format fmt = TRACE_FMT_AUTO;
  struct trace *t;
  struct vm *vm;
  struct vm_future *f = NULL;
  struct batch_summary_extra x = { 0 };
  const struct vm_config *cfg;
  const char *why;
  uint32_t pid;
  uint64_t pages;
  int status;

  if (o->trace_format && trace_format_parse (o->trace_format) >= 0)
    fmt = (enum trace_format) trace_format_parse (o->trace_format);
  if (o->refs)
    t = trace_open_refs (o->refs);
  else if (!(t = open_trace (o, fmt)))
    return 2;
  fmt = trace_format (t);
  if (trace_error (t))
    {
      input_error (trace_error (t));
      trace_close (t);
      return 2;
    }
  budget_at (trace_name (t), 0);
  vm = trace_machine (o, fmt);
  if (!vm)
    {
      trace_close (t);
      return 2;
    }
  cfg = vm_config (vm);
  if (o->format == FORMAT_GRID && cfg->frames > GRID_MAX_FRAMES)
    {
      char *msg = xasprintf (_("--format=grid draws at most %u frames"),
                             GRID_MAX_FRAMES);
      status = usage (msg);
      free (msg);
      vm_free (vm);
      trace_close (t);
      return status;
    }
  vm_keep_history (vm, want_why);
  vm_set_quiet (vm, o->quiet);
  pid = vm_proc_new (vm, o->refs ? "refs" : "trace");
  pages = 1ull << (cfg->va_bits - vm_page_shift (vm));
  if (vm_map (vm, pid, 0, pages,
              VM_PERM_R | VM_PERM_W | VM_PERM_X | VM_PERM_U
              | (o->backing_zero ? 0 : VM_MAP_FILE | VM_MAP_SHARED),
              o->backing_zero ? VM_NONE : vm_object_new_store (vm, pages), 0,
              0, "all", &why) != 0)
    die (2, _("cannot map the address space: %s"), _(why));
  trace_set_space (t, cfg->va_bits, vm_page_shift (vm));

  /* A --refs list is in memory: check all of it before the first row,
     so that a bad entry is an error with no output before it.  (opt's
     first pass below does the same for every source.)  */
  if (o->refs && cfg->policy != VM_POLICY_OPT)
    {
      struct trace_access buf[256];
      long rc;
      while ((rc = trace_read (t, buf, ARRAY_SIZE (buf))) > 0)
        ;
      if (rc < 0 || !trace_rewind (t))
        {
          status = input_error (rc < 0 ? trace_error (t)
                                : _("cannot read the trace a second time"));
          goto out;
        }
    }

  if (cfg->policy == VM_POLICY_OPT)
    {
      struct trace_access buf[256];
      long rc;
      f = vm_future_new ();
      while ((rc = trace_read (t, buf, ARRAY_SIZE (buf))) > 0)
        for (long k = 0; k < rc; k++)
          {
            budget_place.line = buf[k].line;
            vm_future_push (f, pid, buf[k].vpn);
          }
      if (rc < 0 || !trace_rewind (t))
        {
          status = input_error (rc < 0 ? trace_error (t)
                                : _("cannot read the trace a second time"));
          goto out;
        }
    }

  if (o->format == FORMAT_GRID)
    {
      status = grid_run (vm, pid, t, f);
      goto out;
    }
  step_of = tick_identity;
  narrate_set_steps (step_of, NULL);
  batch_out_setup (cfg, o->format);
  if (!o->quiet && o->format == FORMAT_TEXT)
    batch_out_header ();
  status = run_accesses (o, t, vm, pid, f);
  if (status == 0)
    {
      x.source = trace_name (t);
      x.format = trace_format_name (fmt);
      batch_out_summary (vm, &x);
    }
out:
  budget_at (NULL, 0);
  vm_future_free (f);
  vm_free (vm);
  trace_close (t);
  return status;
}

static void
apply_machine_opts (void *ctx, struct vm_config *cfg)
{
  machine_opts_apply (ctx, cfg);
}

/* The label of a non-access tick in the text output. */
static const char *
tick_label (const struct tick *tk)
{
  switch (tk->kind)
    {
    case TICK_SAY: return _("say");
    case TICK_PAUSE: return _("pause");
    case TICK_SWITCH: return _("switch");
    case TICK_FORK: return _("fork");
    case TICK_MAP: return _("map");
    case TICK_EXIT: return _("exit");
    case TICK_EXPECT: return tk->ok ? _("expect ok") : _("expect FAILED");
    case TICK_ASK: return _("ask");
    case TICK_PAGE: return _("page");
    case TICK_PREDICT: return _("predict");
    case TICK_REBOOT: return _("reboot");
    case TICK_ACCESS: case TICK_OTHER: default: return _("step");
    }
}

/* A question in the text output: the question and its choices, then
 * the answer and why. */
static void
batch_out_ask (const struct tick *tk)
{
  char *q = xstrdup (tk->text ? tk->text : "");
  for (size_t i = 0; i < tk->nchoices; i++)
    {
      char *n = xasprintf ("%s\n%c) %s", q, (int) ('a' + i), tk->choices[i]);
      free (q);
      q = n;
    }
  batch_out_note (tick_label (tk), q);
  free (q);
  if (tk->answer >= 0 && (size_t) tk->answer < tk->nchoices)
    {
      char *a = tk->explain
        ? xasprintf ("%c) %s\n%s", (int) ('a' + tk->answer),
                     tk->choices[tk->answer], tk->explain)
        : xasprintf ("%c) %s", (int) ('a' + tk->answer),
                     tk->choices[tk->answer]);
      batch_out_note (_("answer"), a);
      free (a);
    }
}

/* A scenario run: exit 1 if an expect failed. */
static int
batch_scenario (const struct options *o)
{
  const char *file = o->files[0];
  char *err = NULL;
  struct scenario *sc = scenario_load (file, &err);
  struct batch_summary_extra x = { 0 };
  struct run *r;
  struct tick tk;
  bool text = o->format == FORMAT_TEXT && !o->quiet;
  unsigned failures;

  if (!sc)
    {
      input_error (err ? err : file);
      free (err);
      return 2;
    }
  r = run_new (sc, apply_machine_opts, (void *) &o->machine, &err);
  if (!r)
    {
      usage (err ? err : file);
      free (err);
      scenario_free (sc);
      return 2;
    }
  batch_out_setup (vm_config (run_vm (r)), o->format);
  if (text)
    {
      if (scenario_title (sc) && *scenario_title (sc))
        batch_out_note (_("scenario"), scenario_title (sc));
      batch_out_header ();
    }
  step_of = tick_recorded;
  narrate_set_steps (step_of, NULL);
  for (uint64_t ntick = 0; run_next (r, &tk); ntick++)
    {
      if (tk.kind == TICK_ACCESS)
        {
          if (want_why)
            {
              /* the engine numbers every access, the run every tick */
              uint64_t s = tk.ev.step;
              if (s >= acc_tick_cap)
                {
                  acc_tick_cap = s + 1 > acc_tick_cap * 2 ? s + 1
                                 : acc_tick_cap * 2;
                  acc_tick = xreallocarray (acc_tick, acc_tick_cap,
                                            sizeof *acc_tick);
                }
              while (nacc_tick < s)
                acc_tick[nacc_tick++] = UINT64_MAX;
              acc_tick[s] = ntick;
              nacc_tick = s + 1;
            }
          if (!o->quiet)
            out_access (run_vm (r), &tk.ev);
          continue;
        }
      if (tk.kind == TICK_EXPECT && !tk.ok)
        {
          batch_out_flush ();
          fprintf (stderr, _("%s: %s:%u: expect failed: %s\n"), program_name,
                   file, tk.line, tk.text ? tk.text : "");
        }
      if (text && tk.kind == TICK_ASK)
        batch_out_ask (&tk);
      else if (text)
        batch_out_note (tick_label (&tk), tk.text);
    }
  failures = run_failures (r);
  free (acc_tick);
  acc_tick = NULL;
  nacc_tick = acc_tick_cap = 0;
  x.source = file;
  x.scenario = true;
  x.expect_failures = failures;
  batch_out_summary (run_vm (r), &x);
  run_free (r);
  scenario_free (sc);
  return failures > 0 ? 1 : 0;
}

int
batch_main (const struct options *o)
{
  static char stdout_buf[64 * 1024];
  setvbuf (stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
  want_why = !o->quiet && (o->format == FORMAT_JSON || o->explain);
  why_utf8 = strcmp (nl_langinfo (CODESET), "UTF-8") == 0;

  if (o->pid || o->self)
    return real_main (o);
  if (o->nfiles > 1)
    return usage (_("--batch takes one scenario file"));
  if (o->nfiles == 1 && (o->format == FORMAT_GRID || o->sweep))
    return usage (_("--format=grid and --sweep need --refs=LIST or "
                    "--trace=FILE"));
  if (o->nfiles == 1)
    return batch_scenario (o);
  if (!o->refs && !o->trace)
    return usage (_("--batch needs a source: a scenario file, --refs=LIST "
                    "or --trace=FILE"));
  if (o->sweep)
    return sweep_main (o);
  return batch_trace (o);
}
