/* fuzz_engine.c: libFuzzer target for the paging engine.  The input is a
 * machine (policy, frames, address space, TLB, swap, scope) and a program
 * of operations: accesses (with next uses for opt), forks, maps of
 * anonymous memory, files and shared memory (huge pages too), unmaps,
 * protects, mlocks, exits, switches, clones and reboots.  After every
 * operation the engine's state must be consistent when read back
 * through the public interface:
 *
 *   - vm_frames_used equals the frames vm_frame_info calls used;
 *   - a used frame's first owner maps that very frame (reverse map agrees
 *     with the page table), and every resident page's frame is used and
 *     is not a page-table frame;
 *   - a process's resident and swapped pages, counted page by page, equal
 *     its rss_pages and swap_pages (when its regions are small enough to
 *     count; every few operations), and the rss of all processes is the
 *     number of mappings of used frames;
 *   - the statistics add up: faults = minor + major + cow, accesses =
 *     hits + faults + segfaults + OOM results, each result counted as the
 *     accesses returned it, steps = accesses;
 *   - a clone behaves like its original on the next access;
 *   - a quiet clone without eviction history given a run of accesses
 *     with vm_access_run ends as a clone given them with vm_access does
 *     (counters, frames).  Machines whose seed has its high bit set
 *     write no values, so that runs take vm_access_run's lean path.
 *
 * A broken invariant is __builtin_trap (), which libFuzzer reports as a
 * crash with the input.  Built with --enable-fuzzing. */
#include "system.h"

#include "engine/vm.h"
#include "fuzz-input.h"

#define MAX_OPS 2000
#define MAX_PROCS 16
#define MAX_OBJECTS 8
#define MAX_COUNTED_PAGES 2048
#define PAGE_CHECK_EVERY 16  /* operations between page-by-page counts */

/* What the program has done to the current machine. */
struct state
{
  struct vm *vm;
  unsigned shift;
  uint64_t space_pages;
  uint32_t objects[MAX_OBJECTS];
  bool object_file[MAX_OBJECTS];
  uint64_t object_pages[MAX_OBJECTS];
  unsigned nobjects;
  uint64_t results[VM_RESULT_COUNT];
  uint64_t dead;          /* accesses by dead processes: counted nowhere */
  bool plain;             /* writes store no value */
};

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

/* A machine from the input; NULL if the input names an invalid one. */
static struct vm *
machine (struct in *in, struct state *s)
{
  static const unsigned va_bits[] = { 12, 16, 20, 24, 32, 39, 48, 64 };
  struct vm_config cfg;
  unsigned b;
  const char *why;
  struct vm *vm;

  vm_config_default (&cfg);
  cfg.policy = (enum vm_policy) (byte (in) % VM_POLICY_COUNT);
  cfg.frames = 1 + byte (in) % 32;
  b = byte (in);
  cfg.va_bits = va_bits[b % ARRAY_SIZE (va_bits)];
  cfg.page_size = 1ull << (4 + (b >> 3) % 13);
  if (cfg.va_bits < 64 && cfg.page_size >= (1ull << cfg.va_bits))
    cfg.page_size = 1ull << (cfg.va_bits - 4);
  vm_config_default_levels (&cfg);
  b = byte (in);
  if (b & 1)
    {
      static const uint32_t entries[] = { 1, 2, 4, 8, 16, 64 };
      cfg.tlb_entries = entries[(b >> 1) % ARRAY_SIZE (entries)];
      cfg.tlb_ways = (b & 0x10) && cfg.tlb_entries >= 2 ? 2 : 0;
      cfg.tlb_policy = (enum vm_tlb_policy) ((b >> 5) % VM_TLB_POLICY_COUNT);
    }
  b = byte (in);
  cfg.swap_slots = (b & 3) == 0 ? 0 : (b & 3) == 1 ? 1 + (b >> 2) % 16
                   : VM_NONE;
  cfg.local_scope = b & 4;
  cfg.page_tables_in_frames = b & 8;
  cfg.asid = b & 16;
  cfg.seed = byte (in);
  if (!vm_config_check (&cfg, &why) || !(vm = vm_new (&cfg, &why)))
    return NULL;
  memset (s->results, 0, sizeof s->results);
  s->dead = 0;
  s->nobjects = 0;
  s->plain = cfg.seed & 0x80;
  s->shift = vm_page_shift (vm);
  s->space_pages = cfg.va_bits - s->shift >= 64 ? UINT64_MAX
                   : 1ull << (cfg.va_bits - s->shift);
  vm_proc_new (vm, "p0");
  return vm;
}

/* A page number: usually inside one of PID's regions, sometimes anywhere. */
static uint64_t
some_vpn (struct in *in, struct state *s, uint32_t pid)
{
  struct vm_proc_info pi;
  struct vm_region_info ri;
  unsigned b = byte (in);

  if ((b & 7) != 0 && vm_proc_info (s->vm, pid, &pi) && pi.nregions > 0
      && vm_region_info (s->vm, pid, (b >> 3) % pi.nregions, &ri))
    return ri.start_vpn + word (in, 2) % ri.pages;
  return word (in, 4) % s->space_pages;
}

static uint32_t
some_pid (struct in *in, struct state *s)
{
  return byte (in) % (uint32_t) vm_nprocs (s->vm);
}

/* The invariants of the file's comment; the page-by-page counts (the
 * costly part) only when PAGES. */
static void
check (struct state *s, bool pages)
{
  const struct vm_config *cfg = vm_config (s->vm);
  const struct vm_stats *st = vm_stats (s->vm);
  uint32_t used = 0;
  uint64_t counted = 0, mappings = 0, rss = 0;

  for (uint32_t f = 0; f < cfg->frames; f++)
    {
      struct vm_frame_info fi;
      struct vm_page_info pg;
      vm_frame_info (s->vm, f, &fi);
      if (!fi.used)
        continue;
      used++;
      if (!fi.page_table)
        mappings += fi.nowners;
      if (fi.page_table || fi.owner_pid == VM_NONE)
        continue;
      vm_page_info (s->vm, fi.owner_pid, fi.owner_vpn, &pg);
      CHECK (pg.state == VM_PAGE_RESIDENT && pg.frame == f);
    }
  CHECK (used == vm_frames_used (s->vm));

  for (uint32_t pid = 0; pid < vm_nprocs (s->vm); pid++)
    {
      struct vm_proc_info pi;
      uint64_t resident = 0, swapped = 0;
      if (!vm_proc_info (s->vm, pid, &pi) || !pi.alive)
        continue;
      rss += pi.rss_pages;
      if (!pages || pi.vsz_pages > MAX_COUNTED_PAGES - counted)
        continue;
      counted += pi.vsz_pages;
      for (size_t i = 0; i < pi.nregions; i++)
        {
          struct vm_region_info ri;
          CHECK (vm_region_info (s->vm, pid, i, &ri));
          for (uint64_t k = 0; k < ri.pages; k++)
            {
              struct vm_page_info pg;
              struct vm_frame_info fi;
              vm_page_info (s->vm, pid, ri.start_vpn + k, &pg);
              CHECK (pg.state != VM_PAGE_UNMAPPED);
              if (pg.state == VM_PAGE_RESIDENT)
                {
                  resident++;
                  CHECK (pg.frame < cfg->frames);
                  vm_frame_info (s->vm, pg.frame, &fi);
                  CHECK (fi.used && !fi.page_table);
                }
              else if (pg.state == VM_PAGE_SWAPPED)
                swapped++;
            }
        }
      CHECK (resident == pi.rss_pages);
      CHECK (swapped == pi.swap_pages);
    }

  /* Every resident page of a process is one mapping of a used frame. */
  CHECK (rss == mappings);

  CHECK (st->faults == st->minor_faults + st->major_faults + st->cow_faults);
  CHECK (st->hits == s->results[VM_HIT]);
  CHECK (st->minor_faults == s->results[VM_MINOR]);
  CHECK (st->major_faults == s->results[VM_MAJOR]);
  CHECK (st->cow_faults == s->results[VM_COW]);
  CHECK (st->segfaults == s->results[VM_SEGV]);
  CHECK (st->accesses == st->hits + st->faults + st->segfaults
                         + s->results[VM_OOM]);
  CHECK (vm_step (s->vm) == st->accesses + s->dead);
  CHECK (st->tlb_hits + st->tlb_misses <= st->accesses);
  CHECK (st->evictions >= st->swap_outs);
  if (cfg->swap_slots != VM_NONE)
    CHECK (vm_swap_slots_used (s->vm) <= cfg->swap_slots);
}

/* One access; NEXT_USE as opt's future would give it (or VM_NEVER). */
static enum vm_result
access (struct state *s, uint32_t pid, uint64_t vpn, enum vm_op op,
        uint64_t next_use, struct vm_event *ev)
{
  /* Writes store a value (the page number), so values follow pages
     through every path the fuzzer finds; a write that lands reports it. */
  struct vm_value w = { 0, vpn, false, pid, 0 };
  enum vm_result r = vm_access_value (s->vm, pid, vpn << s->shift, op,
                                      next_use, s->plain ? NULL : &w, ev);
  CHECK ((unsigned) r < VM_RESULT_COUNT && r == ev->result);
  if (op == VM_WRITE && ev->frame != VM_NONE && r != VM_SEGV && r != VM_OOM
      && !s->plain)
    CHECK (ev->has_value && ev->value.value == vpn);
  if (r == VM_SEGV && ev->segv == VM_SEGV_DEAD)
    s->dead++;
  else
    s->results[r]++;
  return r;
}

/* One operation; false when the input asks for nothing more. */
static bool
step (struct in *in, struct state *s)
{
  static const enum vm_op ops[] = { VM_READ, VM_WRITE, VM_EXEC };
  unsigned b = byte (in);
  uint32_t pid = some_pid (in, s);
  struct vm_event ev;
  const char *why;

  switch (b % 15)
    {
    case 0: case 1: case 2: case 3:
      {
        uint64_t vpn = some_vpn (in, s, pid);
        unsigned u = byte (in);
        access (s, pid, vpn, ops[(b >> 4) % 3],
                u ? vm_step (s->vm) + u : VM_NEVER, &ev);
      }
      break;
    case 4:
      if (vm_nprocs (s->vm) < MAX_PROCS)
        {
          uint32_t c = vm_fork (s->vm, pid, "child");
          CHECK (c == VM_NONE || c == vm_nprocs (s->vm) - 1);
        }
      break;
    case 5:
      {
        uint64_t start = word (in, 4) % s->space_pages;
        uint64_t pages = 1 + word (in, 2) % 256;
        unsigned perm = VM_PERM_U | (b >> 4 & 7);
        unsigned huge = 0;
        uint32_t object = VM_NONE;
        uint64_t object_page = 0;
        unsigned x = byte (in);
        if ((x & 3) == 1 && s->nobjects > 0)
          {
            unsigned k = (x >> 2) % s->nobjects;
            object = s->objects[k];
            object_page = word (in, 1) % s->object_pages[k];
            perm |= (s->object_file[k] ? VM_MAP_FILE : 0)
                    | ((x & 0x40) ? VM_MAP_SHARED : 0);
          }
        else if ((x & 3) == 2 && vm_config (s->vm)->levels >= 2)
          {
            huge = vm_config (s->vm)->levels - 1 - (x >> 2) % 2;
            perm |= VM_MAP_HUGE;
          }
        if (x & 0x80)
          perm |= VM_MAP_LOCKED;
        vm_map (s->vm, pid, start, pages, perm, object, object_page,
                huge, "r", &why);
      }
      break;
    case 6:
      {
        uint64_t vpn = some_vpn (in, s, pid);
        vm_unmap (s->vm, pid, vpn, 1 + byte (in) % 64);
      }
      break;
    case 7:
      {
        uint64_t vpn = some_vpn (in, s, pid);
        vm_protect (s->vm, pid, vpn, 1 + byte (in) % 64,
                    VM_PERM_U | (b >> 4 & 7));
      }
      break;
    case 8:
      {
        uint64_t vpn = some_vpn (in, s, pid);
        vm_mlock (s->vm, pid, vpn, 1 + byte (in) % 64, b & 0x10);
      }
      break;
    case 9:
      if ((b & 0x30) == 0)
        vm_exit (s->vm, pid);
      else
        vm_switch (s->vm, pid);
      break;
    case 10:
      if (vm_nprocs (s->vm) < MAX_PROCS)
        vm_proc_new (s->vm, "p");
      break;
    case 11:
      if (s->nobjects < MAX_OBJECTS)
        {
          uint64_t pages = 1 + byte (in) % 64;
          bool file = b & 0x10;
          s->objects[s->nobjects] = file
            ? vm_object_new_file (s->vm, "f", pages)
            : vm_object_new_shm (s->vm, "m", pages);
          s->object_file[s->nobjects] = file;
          s->object_pages[s->nobjects] = pages;
          s->nobjects++;
        }
      break;
    case 12:
      {
        /* A clone takes the same next access the same way. */
        struct vm *c = vm_clone (s->vm);
        uint64_t vpn = some_vpn (in, s, pid);
        enum vm_op op = ops[(b >> 4) % 3];
        struct vm_event ev2;
        enum vm_result r2;
        CHECK (memcmp (vm_stats (c), vm_stats (s->vm),
                       sizeof (struct vm_stats)) == 0);
        r2 = vm_access (c, pid, vpn << s->shift, op, VM_NEVER, &ev2);
        access (s, pid, vpn, op, VM_NEVER, &ev);
        CHECK (r2 == ev.result && ev2.frame == ev.frame
               && ev2.evictions == ev.evictions && ev2.tlb == ev.tlb
               && ev2.victim_vpn == ev.victim_vpn);
        vm_free (c);
      }
      break;
    case 14:
      {
        /* A run by vm_access_run on a quiet clone, and access by access
         * on another clone: the same counters and frames after. */
        struct vm *q = vm_clone (s->vm), *c = vm_clone (s->vm);
        struct vm_ref refs[64];
        size_t n = 1 + byte (in) % ARRAY_SIZE (refs);
        uint32_t frames = vm_config (s->vm)->frames;
        for (size_t i = 0; i < n; i++)
          {
            unsigned x = byte (in);
            refs[i].vpn = x & 0x80 ? some_vpn (in, s, pid)
                          : i ? refs[i - 1].vpn + (x & 3) : 0;
            refs[i].vpn %= s->space_pages;
            refs[i].va = refs[i].vpn << s->shift;
            refs[i].op = ops[(x >> 2) % 3];
            refs[i].line = i + 1;
          }
        vm_set_quiet (q, true);
        vm_keep_history (q, false);
        vm_access_run (q, pid, refs, n, NULL, 0);
        for (size_t i = 0; i < n; i++)
          vm_access (c, pid, refs[i].va, refs[i].op, VM_NEVER, &ev);
        CHECK (memcmp (vm_stats (c), vm_stats (q),
                       sizeof (struct vm_stats)) == 0);
        CHECK (vm_swap_slots_used (c) == vm_swap_slots_used (q));
        for (uint32_t f = 0; f < frames; f++)
          {
            struct vm_frame_info a, b2;
            vm_frame_info (c, f, &a);
            vm_frame_info (q, f, &b2);
            CHECK (a.used == b2.used && a.dirty == b2.dirty
                   && a.ref == b2.ref && a.owner_pid == b2.owner_pid
                   && a.owner_vpn == b2.owner_vpn
                   && a.nowners == b2.nowners
                   && a.swap_slot == b2.swap_slot
                   && a.loaded_at == b2.loaded_at
                   && a.last_use == b2.last_use);
          }
        vm_free (q);
        vm_free (c);
      }
      break;
    case 13:
      {
        struct vm *vm = machine (in, s);
        if (!vm)
          return false;
        vm_free (s->vm);
        s->vm = vm;
      }
      break;
    }
  return in->n > 0;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct in in = { data, size };
  struct state s;

  memset (&s, 0, sizeof s);
  s.vm = machine (&in, &s);
  if (!s.vm)
    return 0;
  for (int i = 0; i < MAX_OPS && step (&in, &s); i++)
    check (&s, i % PAGE_CHECK_EVERY == 0);
  check (&s, true);
  vm_free (s.vm);
  return 0;
}
