/* history.c: checkpoints and replay, so the interface can step backwards
 * cheaply at any depth of a run (see history.h). */
#include "system.h"

#include "budget.h"
#include "ui/history.h"
#include "util.h"

/* At most this many checkpoints, and about this many bytes in them; past
 * either, the interval doubles and every other checkpoint goes. */
#define HIST_MAX_CHECKPOINTS 256
#define HIST_MAX_BYTES ((size_t) 512 << 20)
#define HIST_FIRST_INTERVAL 256

/* The state at position POS: the run, the tick that led there and the
 * narration in force. */
struct checkpoint
{
  uint64_t pos;
  struct run *run;
  bool has_tick;
  struct tick tick;
  char *text;
  bool has_access;
  struct tick access;
  uint64_t nacc, acc_base;
  size_t bytes;
};

struct history
{
  struct run *cur;
  uint64_t total;
  bool has_tick;
  struct tick tick;     /* last tick; .text points to `text` */
  char *text;
  bool has_access;
  struct tick access;   /* latest access tick (.text not kept) */

  struct checkpoint *cp;
  size_t ncp, cpalloc;
  uint64_t interval;
  size_t cpbytes;

  struct hist_rec *rec;
  uint64_t nrec, recalloc;

  /* The tick of every access recorded, in order; accesses executed up to
     the position, and how many of them came before the current machine
     (a reboot starts the engine's access numbers again). */
  uint64_t *acc;
  uint64_t nacc_rec, accalloc;
  uint64_t nacc, acc_base;
};

static char *
dup_or_null (const char *s)
{
  return s ? xstrdup (s) : NULL;
}

static void
set_str (char **dst, const char *s)
{
  if (*dst == s)
    return;
  char *n = dup_or_null (s);
  free (*dst);
  *dst = n;
}

static size_t
run_bytes (const struct run *r)
{
  return vm_memory_bytes (run_vm (r)) + sizeof (struct checkpoint);
}

static void
checkpoint_free (struct checkpoint *c)
{
  run_free (c->run);
  free (c->text);
}

/* Add a checkpoint of the current state. */
static void
checkpoint_add (struct history *h)
{
  /* Checkpoints are charged to the memory budget (--max-memory): one
   * that would not fit is not taken; stepping back replays from the one
   * before. */
  if (h->ncp > 0 && !budget_fits (run_bytes (h->cur)))
    return;
  if (h->ncp == h->cpalloc)
    {
      h->cpalloc = h->cpalloc ? 2 * h->cpalloc : 16;
      h->cp = xreallocarray (h->cp, h->cpalloc, sizeof *h->cp);
    }
  struct checkpoint *c = &h->cp[h->ncp++];
  c->pos = run_position (h->cur);
  c->run = run_clone (h->cur);
  c->has_tick = h->has_tick;
  c->tick = h->tick;
  c->text = dup_or_null (h->text);
  c->tick.text = c->text;
  c->has_access = h->has_access;
  c->access = h->access;
  c->nacc = h->nacc;
  c->acc_base = h->acc_base;
  c->bytes = run_bytes (c->run);
  h->cpbytes += c->bytes;
}

/* Too many checkpoints: double the interval, keep checkpoint 0 and those
 * at multiples of the new interval. */
static void
checkpoint_thin (struct history *h)
{
  while (h->ncp > HIST_MAX_CHECKPOINTS
         || (h->cpbytes > HIST_MAX_BYTES && h->ncp > 2))
    {
      size_t j = 0;
      h->interval *= 2;
      h->cpbytes = 0;
      for (size_t i = 0; i < h->ncp; i++)
        if (i == 0 || h->cp[i].pos % h->interval == 0)
          {
            h->cp[j++] = h->cp[i];
            h->cpbytes += h->cp[i].bytes;
          }
        else
          checkpoint_free (&h->cp[i]);
      h->ncp = j;
    }
}

struct history *
history_new (struct run *r)
{
  struct history *h = xcalloc (1, sizeof *h);
  h->cur = r;
  h->total = scenario_ticks (run_scenario (r));
  h->interval = HIST_FIRST_INTERVAL;
  checkpoint_add (h);
  return h;
}

void
history_free (struct history *h)
{
  if (!h)
    return;
  for (size_t i = 0; i < h->ncp; i++)
    checkpoint_free (&h->cp[i]);
  free (h->cp);
  run_free (h->cur);
  free (h->text);
  free (h->rec);
  free (h->acc);
  free (h);
}

uint64_t
history_pos (const struct history *h)
{
  return run_position (h->cur);
}

uint64_t
history_total (const struct history *h)
{
  return h->total;
}

static void
record (struct history *h, const struct tick *t)
{
  if (t->n < h->nrec)
    return;
  if (h->nrec == h->recalloc)
    {
      h->recalloc = h->recalloc ? 2 * h->recalloc : 1024;
      h->rec = xreallocarray (h->rec, h->recalloc, sizeof *h->rec);
    }
  struct hist_rec *r = &h->rec[h->nrec++];
  memset (r, 0, sizeof *r);
  r->kind = (uint8_t) t->kind;
  r->pid = t->pid;
  r->frame = t->child;
  r->victim_pid = VM_NONE;
  r->tlb = -1;
  if (t->kind == TICK_ACCESS)
    {
      const struct vm_event *e = &t->ev;
      r->va = e->va;
      r->pid = e->pid;
      r->frame = e->frame;
      r->op = (uint8_t) e->op;
      /* a dead process's access did nothing: VM_RESULT_COUNT, "none" */
      r->result = (uint8_t) (e->result == VM_SEGV && e->segv == VM_SEGV_DEAD
                             ? VM_RESULT_COUNT : e->result);
      r->tlb = (int8_t) e->tlb;
      if (e->evicted)
        {
          r->victim_pid = e->victim_pid;
          r->victim_vpn = e->victim_vpn;
        }
    }
  else if (t->kind == TICK_EXPECT)
    r->result = t->ok;
  else if (t->kind == TICK_ASK)
    r->result = (uint8_t) t->answer;
}

bool
history_step (struct history *h)
{
  struct tick t;
  if (!run_next (h->cur, &t))
    {
      if (h->total < run_position (h->cur))
        h->total = run_position (h->cur);
      return false;
    }
  record (h, &t);
  if (t.kind == TICK_ACCESS)
    {
      if (h->nacc == h->nacc_rec)
        {
          if (h->nacc_rec == h->accalloc)
            {
              h->accalloc = h->accalloc ? 2 * h->accalloc : 1024;
              h->acc = xreallocarray (h->acc, h->accalloc, sizeof *h->acc);
            }
          h->acc[h->nacc_rec++] = t.n;
        }
      h->nacc++;
    }
  else if (t.kind == TICK_REBOOT)
    h->acc_base = h->nacc;
  set_str (&h->text, t.text);
  h->tick = t;
  h->tick.text = h->text;
  h->has_tick = true;
  if (t.kind == TICK_ACCESS)
    {
      h->access = t;
      h->access.text = NULL;
      h->has_access = true;
    }
  uint64_t pos = run_position (h->cur);
  if (pos > h->total)
    h->total = pos;
  if (pos % h->interval == 0 && pos > h->cp[h->ncp - 1].pos)
    {
      checkpoint_add (h);
      checkpoint_thin (h);
    }
  return true;
}

void
history_goto (struct history *h, uint64_t pos)
{
  uint64_t now = run_position (h->cur);
  if (pos < now)
    {
      /* The last checkpoint at or before POS. */
      size_t lo = 0, hi = h->ncp;
      while (hi - lo > 1)
        {
          size_t mid = (lo + hi) / 2;
          if (h->cp[mid].pos <= pos)
            lo = mid;
          else
            hi = mid;
        }
      const struct checkpoint *c = &h->cp[lo];
      run_free (h->cur);
      h->cur = run_clone (c->run);
      h->has_tick = c->has_tick;
      h->tick = c->tick;
      set_str (&h->text, c->text);
      h->tick.text = h->text;
      h->has_access = c->has_access;
      h->access = c->access;
      h->nacc = c->nacc;
      h->acc_base = c->acc_base;
      now = c->pos;
    }
  while (now < pos && history_step (h))
    now++;
}

struct run *
history_run_before (const struct history *h, uint64_t pos)
{
  size_t lo = 0, hi = h->ncp;
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;
      if (h->cp[mid].pos <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return run_clone (h->cp[lo].run);
}

const struct tick *
history_tick (const struct history *h)
{
  return h->has_tick && run_position (h->cur) > 0 ? &h->tick : NULL;
}

const struct tick *
history_last_access (const struct history *h)
{
  return h->has_access ? &h->access : NULL;
}

const char *
history_say (const struct history *h)
{
  return run_say (h->cur);
}

struct run *
history_run (const struct history *h)
{
  return h->cur;
}

uint64_t
history_recorded (const struct history *h)
{
  return h->nrec;
}

const struct hist_rec *
history_rec (const struct history *h, uint64_t i)
{
  return i < h->nrec ? &h->rec[i] : NULL;
}

uint64_t
history_tick_of_access (const struct history *h, uint64_t step)
{
  if (step == VM_NEVER || h->acc_base + step >= h->nacc_rec)
    return UINT64_MAX;
  return h->acc[h->acc_base + step];
}

size_t
history_checkpoints (const struct history *h)
{
  return h->ncp;
}

size_t
history_memory (const struct history *h)
{
  return h->cpbytes + h->recalloc * sizeof (struct hist_rec)
    + h->accalloc * sizeof (uint64_t);
}
