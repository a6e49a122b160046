/* fuzz_stream.c: libFuzzer target for vm_access_stream (stream.c), the
 * quiet trace run that keeps one process over its backing store, under
 * fifo, lru or clock, in a compact form while it lasts.  The input's first
 * bytes are a machine: va_bits 12..40, the page size, 1..4 levels, 1..200
 * frames, mostly fifo, lru or clock (sometimes any other policy, opt
 * with its future), no TLB or a TLB of any size, ways and policy, ASIDs
 * on or off, and now and then page tables in frames or an anonymous
 * backing (the compact form refuses those).  The rest is a trace: page numbers
 * (a hot set, neighbours, pages spread wide, pages beyond va_bits,
 * pseudo-random bursts) with their ops, the sizes the read callback hands
 * back, and the point where the stream ends and a tail of single
 * accesses begins.
 *
 * Machine B, quiet and without history, its address space mapped to a
 * backing store exactly as batch_trace maps it, takes the stream through
 * vm_access_stream; machine A, the same but quiet or not, takes it one
 * vm_access at a time.  They must then be the same in everything vm.h
 * shows (as the Check test stream_same's same_machine compares them:
 * counters, step, every frame, the policy's list, every TLB entry, the
 * process, the page of every access, and here also the walk of every
 * access, the frames and slots used and the clock hand); then both take
 * the tail (B sometimes as a second stream), each access coming to the
 * same event, and they must still be the same.  A difference prints
 * what differs and aborts, which libFuzzer reports as a crash with the
 * input.  Built with --enable-fuzzing. */
#include "system.h"

#include <stdarg.h>

#include "engine/vm.h"
#include "fuzz-input.h"

#define MAX_REFS 8192
#define MAX_SIZES 64
#define MAX_LIST 256

/* The trace and how the read callback hands it out. */
struct trace
{
  struct vm_ref refs[MAX_REFS];
  size_t n;             /* accesses */
  size_t split;         /* the stream is refs[0 .. split), the tail after */
  size_t sizes[MAX_SIZES];      /* what each read returns at most, cycled */
  size_t nsizes;
  size_t pos, k;        /* the next access read, the next size */
  size_t end;           /* the read stops here */
  long last;            /* the read's last return: 0 or an error */
  uint64_t pages[MAX_REFS];     /* the pages accessed, each once */
  size_t npages;
};

static long
stream_read (void *ctx, struct vm_ref *buf, size_t max)
{
  struct trace *t = ctx;
  size_t n = t->end - t->pos;
  if (n == 0)
    return t->last;
  if (t->nsizes)
    {
      size_t s = t->sizes[t->k++ % t->nsizes];
      if (n > s)
        n = s;
    }
  if (n > max)
    n = max;
  memcpy (buf, t->refs + t->pos, n * sizeof *buf);
  t->pos += n;
  return (long) n;
}

static struct trace tr;

/* What differs, then abort. */
static void fail (const char *fmt, ...)
  __attribute__ ((format (printf, 1, 2), noreturn));

static void
fail (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fputs ("fuzz_stream: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  abort ();
}

#define SAME(x, y, what, ...)                                           \
  do {                                                                  \
    if ((x) != (y))                                                     \
      fail ("%s: " what ": %s %llu, %llu", when, __VA_ARGS__, #x,       \
            (unsigned long long) (x), (unsigned long long) (y));        \
  } while (0)

/* The machine of the input, or false if it names none. */
static bool
machine (struct in *in, struct vm_config *cfg, unsigned *flags)
{
  static const uint32_t entries[] = { 1, 2, 4, 8, 16, 32, 64, 256 };
  unsigned b, shift, bits, span;
  const char *why;

  vm_config_default (cfg);
  cfg->va_bits = 12 + byte (in) % 29;
  b = byte (in);
  span = cfg->va_bits - 4 < 27 ? cfg->va_bits - 4 : 27;
  shift = (b & 0xc0) == 0 && cfg->va_bits > 12 ? 12 : 4 + (b & 0x3f) % span;
  cfg->page_size = 1ull << shift;
  bits = cfg->va_bits - shift;
  b = byte (in);
  if ((b & 0x80) != 0)
    vm_config_default_levels (cfg);
  else
    {
      unsigned left;
      cfg->levels = 1 + b % 4;
      if (cfg->levels > bits)
        cfg->levels = bits;
      /* each level at least one bit; the top level takes what is left */
      left = bits - cfg->levels;
      for (unsigned i = cfg->levels - 1; i > 0; i--)
        {
          unsigned w = byte (in) % (left + 1);
          cfg->level_bits[i] = 1 + w;
          left -= w;
        }
      cfg->level_bits[0] = 1 + left;
    }
  cfg->frames = 1 + byte (in) % 200;
  b = byte (in);
  cfg->policy = b % 16 < 4 ? VM_POLICY_FIFO : b % 16 < 8 ? VM_POLICY_LRU
                : b % 16 < 12 ? VM_POLICY_CLOCK
                : (enum vm_policy) ((b >> 4) % VM_POLICY_COUNT);
  b = byte (in);
  if (b & 3)
    {
      cfg->tlb_entries = entries[(b >> 2) % ARRAY_SIZE (entries)];
      switch ((b >> 5) % 4)
        {
        case 0: cfg->tlb_ways = 0; break;
        case 1: cfg->tlb_ways = 1; break;
        case 2: cfg->tlb_ways = cfg->tlb_entries >= 2 ? 2 : 1; break;
        default: cfg->tlb_ways = cfg->tlb_entries; break;
        }
      cfg->tlb_policy = (enum vm_tlb_policy) ((b & 3) - 1);
    }
  *flags = byte (in);
  cfg->asid = *flags & 1;
  cfg->page_tables_in_frames = (*flags & 0x0e) == 0x0e;
  cfg->local_scope = *flags & 0x10;
  cfg->seed = byte (in);
  return vm_config_check (cfg, &why);
}

/* Flags of the machine's byte. */
enum
{
  F_A_QUIET = 0x20,     /* A is quiet too */
  F_ERROR = 0x40,       /* the read ends with an error, not 0 */
  F_TWICE = 0x80        /* B takes the tail as a second stream */
};

/* A burst of accesses from the input's next bytes: how many (16 to
 * 4096), over how many pages from where, a seed for a xorshift
 * generator, and (the top bits of B) how many write: many evictions over
 * pages whose homes in stream.c's table fall anywhere, for few bytes. */
static void
burst (struct in *in, unsigned b, uint64_t pages, unsigned shift)
{
  static const enum vm_op ops[] = { VM_READ, VM_WRITE, VM_EXEC };
  size_t count = 16 * (1 + (size_t) byte (in));
  unsigned r = byte (in);
  uint64_t range = (r & 0x80) ? 1ull << (r & 0x3f) % 41 : 1 + (r & 0x7f) * 3;
  uint64_t base = word (in, 2) % pages;
  uint64_t x = word (in, 2) * 0x9E3779B97F4A7C15ULL | 1;
  uint64_t psize = 1ull << shift;
  for (size_t k = 0; k < count && tr.n < MAX_REFS; k++)
    {
      struct vm_ref *r2 = &tr.refs[tr.n];
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      r2->vpn = (base + (x >> 8) % range) % pages;
      r2->va = r2->vpn << shift | ((tr.n * 8) & (psize - 1));
      r2->op = (x & 7) < (b >> 5) ? VM_WRITE : ops[(x >> 3) % 3];
      r2->line = ++tr.n;
    }
}

/* The trace of the input for a machine of PAGES pages of 1 << SHIFT
 * bytes. */
static void
trace (struct in *in, uint64_t pages, unsigned shift)
{
  static const enum vm_op ops[] = { VM_READ, VM_WRITE, VM_EXEC };
  uint64_t hot = 1 + byte (in), vpn = 0;
  uint64_t psize = 1ull << shift;
  bool split = false;

  tr.n = tr.nsizes = tr.pos = tr.k = 0;
  tr.split = 0;
  while (in->n > 0 && tr.n < MAX_REFS)
    {
      unsigned b = byte (in);
      struct vm_ref *r;
      if ((b & 3) == 3)
        {
          /* not an access: a read size, where the tail begins, or a
             burst of pseudo-random accesses */
          if ((b >> 2) % 4 == 1)
            {
              if (tr.nsizes < MAX_SIZES)
                tr.sizes[tr.nsizes++] = 1 + byte (in);
            }
          else if ((b >> 2) % 4 == 2)
            burst (in, b, pages, shift);
          else if (!split)
            {
              split = true;
              tr.split = tr.n;
            }
          continue;
        }
      switch (b >> 2 & 7)
        {
        case 0: case 1: case 2: case 3:
          vpn = byte (in) % hot;
          break;
        case 4: case 5:
          vpn = (vpn + (b >> 5) + pages - 3) % pages;
          break;
        case 6:
          vpn = word (in, 3) % pages;
          break;
        default:
          /* beyond va_bits: the process is killed (its address is kept
             apart, the last page number stays for the neighbours) */
          r = &tr.refs[tr.n];
          r->vpn = pages + (b >> 5) * word (in, 1);
          r->va = r->vpn << shift;
          r->op = ops[(b >> 5) % 3];
          r->line = ++tr.n;
          continue;
        }
      vpn %= pages;
      r = &tr.refs[tr.n];
      r->vpn = vpn;
      r->va = vpn << shift | ((tr.n * 8) & (psize - 1));
      r->op = ops[(b >> 5) % 3];
      r->line = ++tr.n;
    }
  if (!split)
    {
      /* no tail in the input: the first accesses again */
      size_t more = tr.n < 16 ? tr.n : 16;
      tr.split = tr.n;
      if (tr.n + more <= MAX_REFS)
        {
          memcpy (tr.refs + tr.n, tr.refs, more * sizeof *tr.refs);
          for (size_t i = tr.n; i < tr.n + more; i++)
            tr.refs[i].line = i + 1;
          tr.n += more;
        }
    }
}

static int
by_vpn (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
  return (x > y) - (x < y);
}

/* tr.pages: the pages of tr.refs, each once. */
static void
trace_pages (void)
{
  size_t k = 0;
  for (size_t i = 0; i < tr.n; i++)
    tr.pages[i] = tr.refs[i].vpn;
  qsort (tr.pages, tr.n, sizeof *tr.pages, by_vpn);
  for (size_t i = 0; i < tr.n; i++)
    if (k == 0 || tr.pages[i] != tr.pages[k - 1])
      tr.pages[k++] = tr.pages[i];
  tr.npages = k;
}

/* The machine of CFG with the address space mapped as batch_trace maps
 * it (BACKING_ZERO: as --backing-zero maps it); PID is its process. */
static struct vm *
trace_machine (const struct vm_config *cfg, bool quiet, bool backing_zero,
               uint32_t *pid)
{
  const char *why;
  struct vm *vm = vm_new (cfg, &why);
  uint64_t pages;
  if (!vm)
    fail ("vm_new refused a checked machine: %s", why);
  vm_keep_history (vm, false);
  vm_set_quiet (vm, quiet);
  *pid = vm_proc_new (vm, "trace");
  pages = 1ull << (cfg->va_bits - vm_page_shift (vm));
  if (vm_map (vm, *pid, 0, pages,
              VM_PERM_R | VM_PERM_W | VM_PERM_X | VM_PERM_U
              | (backing_zero ? 0 : VM_MAP_FILE | VM_MAP_SHARED),
              backing_zero ? VM_NONE : vm_object_new_store (vm, pages), 0,
              0, "all", &why) != 0)
    fail ("cannot map the address space: %s", why);
  return vm;
}

/* A and B the same in everything vm.h shows; WHEN says where. */
static void
same_machine (struct vm *a, struct vm *b, const char *when)
{
  const struct vm_stats *sa = vm_stats (a), *sb = vm_stats (b);
  const struct vm_config *cfg = vm_config (a);
  static uint32_t la[MAX_LIST], lb[MAX_LIST];
  struct vm_proc_info pa, pb;
  uint32_t na, nb;

#define STAT(f) SAME (sa->f, sb->f, "%s", "counters")
  STAT (accesses); STAT (hits); STAT (faults); STAT (minor_faults);
  STAT (major_faults); STAT (cow_faults); STAT (segfaults);
  STAT (oom_kills); STAT (tlb_hits); STAT (tlb_misses); STAT (evictions);
  STAT (swap_ins); STAT (swap_outs); STAT (file_reads); STAT (file_writes);
  STAT (zero_fills); STAT (cow_copies); STAT (page_table_pages);
  STAT (total_cost_ns);
#undef STAT
  SAME (vm_step (a), vm_step (b), "%s", "step");
  SAME (vm_frames_used (a), vm_frames_used (b), "%s", "frames used");
  SAME (vm_swap_slots_used (a), vm_swap_slots_used (b), "%s", "slots used");
  SAME (vm_clock_hand (a), vm_clock_hand (b), "%s", "clock hand");
  SAME (vm_policy_ticks (a), vm_policy_ticks (b), "%s", "ticks");
  SAME (vm_current (a), vm_current (b), "%s", "current process");

  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      struct vm_frame_info x, y;
      vm_frame_info (a, f, &x);
      vm_frame_info (b, f, &y);
#define FR(m) SAME (x.m, y.m, "frame %u", f)
      FR (used); FR (pinned); FR (locked); FR (huge); FR (dirty);
      FR (page_table); FR (file); FR (owner_pid); FR (owner_vpn);
      FR (nowners); FR (object); FR (object_page); FR (swap_slot);
      FR (ref); FR (loaded_at); FR (last_use); FR (next_use); FR (count);
#undef FR
    }

  na = vm_policy_list (a, la, MAX_LIST);
  nb = vm_policy_list (b, lb, MAX_LIST);
  SAME (na, nb, "%s", "the policy's list");
  for (uint32_t i = 0; i < na && i < MAX_LIST; i++)
    SAME (la[i], lb[i], "the policy's list at %u", i);

  SAME (vm_tlb_size (a), vm_tlb_size (b), "%s", "TLB");
  for (uint32_t s = 0; s < vm_tlb_size (a); s++)
    {
      struct vm_tlb_info x, y;
      vm_tlb_info (a, s, &x);
      vm_tlb_info (b, s, &y);
      SAME (x.valid, y.valid, "TLB slot %u", s);
      if (!x.valid)
        continue;
#define TE(m) SAME (x.m, y.m, "TLB slot %u", s)
      TE (asid); TE (pid); TE (vpn); TE (pages); TE (frame); TE (bits);
      TE (stamp);
#undef TE
    }

  SAME (vm_nprocs (a), vm_nprocs (b), "%s", "processes");
  if (!vm_proc_info (a, 0, &pa) || !vm_proc_info (b, 0, &pb))
    fail ("%s: no process 0", when);
#define PR(m) SAME (pa.m, pb.m, "%s", "the process")
  PR (alive); PR (asid); PR (rss_pages); PR (swap_pages); PR (vsz_pages);
  PR (pt_pages); PR (nregions); PR (ngone); PR (end); PR (end_step);
#undef PR

  for (size_t i = 0; i < tr.npages; i++)
    {
      uint64_t vpn = tr.pages[i];
      struct vm_page_info x, y;
      struct vm_walk_step wa[VM_MAX_LEVELS], wb[VM_MAX_LEVELS];
      unsigned ka, kb;
      vm_page_info (a, 0, vpn, &x);
      vm_page_info (b, 0, vpn, &y);
#define PG(m) SAME (x.m, y.m, "page %llu", (unsigned long long) vpn)
      PG (state); PG (bits); PG (frame); PG (slot); PG (shared);
      PG (evicted_at); PG (evicted_by); PG (evicted_by_vpn);
#undef PG
      ka = vm_walk_peek (a, 0, vpn, wa);
      kb = vm_walk_peek (b, 0, vpn, wb);
      SAME (ka, kb, "the walk of page %llu", (unsigned long long) vpn);
      for (unsigned l = 0; l < ka; l++)
        {
#define WK(m) SAME (wa[l].m, wb[l].m, "the walk of page %llu, level %u", \
                    (unsigned long long) vpn, l)
          WK (table); WK (index); WK (bits); WK (target);
#undef WK
        }
    }
}

/* The same event for the same access on A and B (B quiet: its hits
 * fill fewer fields). */
static void
same_event (const struct vm_event *x, const struct vm_event *y, size_t i)
{
  const char *when = "the tail";
#define EV(m) SAME (x->m, y->m, "access %zu", i)
  EV (step); EV (result); EV (frame); EV (pa); EV (tlb); EV (tlb_slot);
  EV (cost_ns);
  if (x->result != VM_HIT)
    {
      EV (segv); EV (evictions); EV (evicted); EV (victim_vpn);
      EV (victim_frame); EV (victim_dirty); EV (oom_killed);
    }
#undef EV
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct in in = { data, size };
  struct vm_config cfg;
  struct vm_future *fu = NULL;
  struct vm *a, *b;
  struct vm_event ea, eb;
  unsigned flags;
  uint32_t pa, pb;
  uint64_t pages;
  unsigned shift = 0;
  bool zero;
  long rc;

  if (!machine (&in, &cfg, &flags))
    return 0;
  while ((1ull << shift) < cfg.page_size)
    shift++;
  pages = 1ull << (cfg.va_bits - shift);
  trace (&in, pages, shift);
  trace_pages ();
  zero = (flags & 0x0e) == 0x0c;
  a = trace_machine (&cfg, flags & F_A_QUIET, zero, &pa);
  b = trace_machine (&cfg, true, zero, &pb);
  if (cfg.policy == VM_POLICY_OPT)
    {
      fu = vm_future_new ();
      for (size_t i = 0; i < tr.n; i++)
        vm_future_push (fu, pa, tr.refs[i].vpn);
    }

  for (size_t i = 0; i < tr.split; i++)
    vm_access (a, pa, tr.refs[i].va, tr.refs[i].op,
               fu ? vm_future_next (fu, i) : VM_NEVER, &ea);
  tr.pos = 0;
  tr.end = tr.split;
  tr.last = flags & F_ERROR ? -1 : 0;
  rc = vm_access_stream (b, pb, stream_read, &tr, fu);
  if (rc != tr.last || tr.pos != tr.split)
    fail ("vm_access_stream returned %ld (read %zu of %zu)", rc, tr.pos,
          tr.split);
  same_machine (a, b, "after the stream");

  if (flags & F_TWICE)
    {
      /* the future counts from the stream's start: only without one */
      for (size_t i = tr.split; i < tr.n; i++)
        vm_access (a, pa, tr.refs[i].va, tr.refs[i].op, VM_NEVER, &ea);
      if (!fu)
        {
          tr.end = tr.n;
          rc = vm_access_stream (b, pb, stream_read, &tr, NULL);
          if (rc != tr.last || tr.pos != tr.n)
            fail ("the second vm_access_stream returned %ld", rc);
        }
      else
        for (size_t i = tr.split; i < tr.n; i++)
          vm_access (b, pb, tr.refs[i].va, tr.refs[i].op, VM_NEVER, &eb);
    }
  else
    for (size_t i = tr.split; i < tr.n; i++)
      {
        uint64_t nu = fu ? vm_future_next (fu, i) : VM_NEVER;
        enum vm_result ra = vm_access (a, pa, tr.refs[i].va, tr.refs[i].op,
                                       nu, &ea);
        enum vm_result rb = vm_access (b, pb, tr.refs[i].va, tr.refs[i].op,
                                       nu, &eb);
        if (ra != rb)
          fail ("the tail: access %zu: %s, %s", i, vm_result_name (ra),
                vm_result_name (rb));
        same_event (&ea, &eb, i);
      }
  same_machine (a, b, "after the tail");

  vm_future_free (fu);
  vm_free (a);
  vm_free (b);
  return 0;
}
