/* bench-engine.c: the engine alone, in process (no parsing, no output).
 *
 *   bench-engine [N] [FRAMES]
 *
 * 1. Runs N accesses (default 10 million) of the benchmark stream
 *    (gen.h) through vm_access for fifo, lru, clock and opt on a 32-bit
 *    machine with 4 KiB pages, levels 10,10, a 64-entry TLB and FRAMES
 *    frames (default 64), and prints accesses per second of CPU time (and
 *    of wall time).  opt's time includes building the future (vm_future).
 *    The machine is quiet (vm_set_quiet), as in batch --quiet: nothing
 *    reads the events.
 * 2. Measures a 48-bit space with four 9-bit levels and 4 KiB pages,
 *    1 GiB reserved and 64 pages touched (contiguous, then spread 16 MiB
 *    apart): vm_memory_bytes() and the malloc heap growth (mallinfo2), with
 *    the target of under 1 MiB.
 * Exit status 1 if a target is missed. */
#include "system.h"

#include <malloc.h>
#include <time.h>

#include "engine/vm.h"
#include "gen.h"

static double
now (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static struct vm *
machine (enum vm_policy p, uint32_t frames, uint32_t *pid)
{
  struct vm_config cfg;
  const char *why;
  struct vm *vm;

  vm_config_default (&cfg);
  cfg.frames = frames;
  cfg.tlb_entries = 64;
  cfg.policy = p;
  vm = vm_new (&cfg, &why);
  if (!vm)
    {
      fprintf (stderr, "bench-engine: %s\n", why);
      exit (2);
    }
  vm_set_quiet (vm, true);
  *pid = vm_proc_new (vm, "bench");
  if (vm_map (vm, *pid, 0, 1ull << 20, VM_PERM_R | VM_PERM_W | VM_PERM_X
              | VM_PERM_U, VM_NONE, 0, 0, "all", &why) != 0)
    {
      fprintf (stderr, "bench-engine: %s\n", why);
      exit (2);
    }
  return vm;
}

/* Run the stream on policy P; print a row; true if it meets TARGET. */
static bool
run_policy (const uint64_t *refs, uint64_t n, enum vm_policy p,
            uint32_t frames, double target)
{
  uint32_t pid;
  struct vm *vm = machine (p, frames, &pid);
  struct vm_future *f = NULL;
  struct vm_event ev;
  double t0 = now (CLOCK_MONOTONIC), c0 = now (CLOCK_PROCESS_CPUTIME_ID);
  double dt, cpu, rate;
  const struct vm_stats *st;

  if (p == VM_POLICY_OPT)
    {
      f = vm_future_new ();
      for (uint64_t i = 0; i < n; i++)
        vm_future_push (f, pid, refs[i] >> 1);
    }
  for (uint64_t i = 0; i < n; i++)
    vm_access (vm, pid, (refs[i] >> 1) << 12, refs[i] & 1 ? VM_WRITE : VM_READ,
               f ? vm_future_next (f, i) : VM_NEVER, &ev);
  dt = now (CLOCK_MONOTONIC) - t0;
  cpu = now (CLOCK_PROCESS_CPUTIME_ID) - c0;
  rate = (double) n / cpu;
  st = vm_stats (vm);
  printf ("  %-6s %7.2f M/s CPU (%6.2f M/s wall)  faults %5.2f%%  TLB hits "
          "%5.2f%%  (target %2.0f M/s) %s\n", vm_policy_name (p), rate / 1e6,
          (double) n / dt / 1e6,
          100.0 * (double) st->faults / (double) n,
          100.0 * (double) st->tlb_hits / (double) n, target / 1e6,
          rate >= target ? "PASS" : "FAIL");
  vm_future_free (f);
  vm_free (vm);
  return rate >= target;
}

/* 48-bit, 9/9/9/9, 1 GiB reserved, 64 pages touched STRIDE pages apart. */
static bool
sparse_space (uint64_t stride)
{
  struct vm_config cfg;
  const char *why;
  struct mallinfo2 m0, m1;
  struct vm *vm;
  struct vm_event ev;
  uint32_t pid;
  uint64_t base = 0x7f0000000000ull >> 12;   /* a high, 1 GiB-aligned vpn */
  size_t bytes, heap;

  m0 = mallinfo2 ();
  vm_config_default (&cfg);
  cfg.va_bits = 48;
  cfg.levels = 4;
  cfg.level_bits[0] = cfg.level_bits[1] = cfg.level_bits[2]
    = cfg.level_bits[3] = 9;
  cfg.frames = 64;
  vm = vm_new (&cfg, &why);
  if (!vm)
    {
      fprintf (stderr, "bench-engine: %s\n", why);
      exit (2);
    }
  pid = vm_proc_new (vm, "sparse");
  if (vm_map (vm, pid, base, 262144, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "reserved", &why) != 0)
    {
      fprintf (stderr, "bench-engine: %s\n", why);
      exit (2);
    }
  for (uint64_t i = 0; i < 64; i++)
    vm_access (vm, pid, (base + i * stride) << 12, VM_WRITE, VM_NEVER, &ev);
  m1 = mallinfo2 ();
  bytes = vm_memory_bytes (vm);
  heap = m1.uordblks - m0.uordblks;
  printf ("  64 pages %-11s vm_memory_bytes %8zu B, heap growth %8zu B, "
          "%llu page-table pages (target < 1 MiB) %s\n",
          stride == 1 ? "contiguous" : "16 MiB apart", bytes, heap,
          (unsigned long long) vm_stats (vm)->page_table_pages,
          bytes < (1u << 20) && heap < (1u << 20) ? "PASS" : "FAIL");
  vm_free (vm);
  return bytes < (1u << 20) && heap < (1u << 20);
}

/* A big machine under pressure: 65536 frames, 150000 accesses striding
 * over 150000 pages, every one a fault and most evicting.  Finding a free
 * frame or a victim must not cost a scan of all the frames; reported per
 * policy (no target of the issue; a regression shows as a collapse). */
static void
many_frames (void)
{
  static const enum vm_policy pols[] = { VM_POLICY_FIFO, VM_POLICY_LRU,
                                         VM_POLICY_CLOCK, VM_POLICY_OPT,
                                         VM_POLICY_RANDOM, VM_POLICY_SC_DIRTY };
  const uint64_t n = 150000, pages = 150000;
  printf ("Many frames: 65536 frames, %llu accesses striding over %llu pages "
          "(every access a fault)\n", (unsigned long long) n,
          (unsigned long long) pages);
  for (size_t i = 0; i < sizeof pols / sizeof pols[0]; i++)
    {
      struct vm_config cfg;
      struct vm_event ev;
      const char *why;
      struct vm_future *f = NULL;
      struct vm *vm;
      uint32_t pid;
      double t0, t;

      vm_config_default (&cfg);
      cfg.frames = 65536;
      cfg.policy = pols[i];
      vm = vm_new (&cfg, &why);
      pid = vm_proc_new (vm, "bench");
      vm_map (vm, pid, 0, 1ull << 20, VM_PERM_R | VM_PERM_W | VM_PERM_U,
              VM_NONE, 0, 0, "all", &why);
      if (pols[i] == VM_POLICY_OPT)
        {
          f = vm_future_new ();
          for (uint64_t k = 0; k < n; k++)
            vm_future_push (f, pid, (k * 7919) % pages);
        }
      t0 = now (CLOCK_PROCESS_CPUTIME_ID);
      for (uint64_t k = 0; k < n; k++)
        vm_access (vm, pid, ((k * 7919) % pages) << 12,
                   (k & 7) ? VM_READ : VM_WRITE,
                   f ? vm_future_next (f, k) : VM_NEVER, &ev);
      t = now (CLOCK_PROCESS_CPUTIME_ID) - t0;
      printf ("  %-8s %8.3f s CPU  %7.2f M/s  evictions %llu\n",
              vm_policy_name (pols[i]), t, (double) n / t / 1e6,
              (unsigned long long) vm_stats (vm)->evictions);
      vm_future_free (f);
      vm_free (vm);
    }
}

int
main (int argc, char **argv)
{
  uint64_t n = argc > 1 ? strtoull (argv[1], NULL, 10) : 10000000;
  uint32_t frames = argc > 2 ? (uint32_t) strtoul (argv[2], NULL, 10) : 64;
  uint64_t *refs = malloc (n * sizeof *refs);
  struct gen g;
  bool ok = true;

  if (!refs || frames == 0)
    {
      fputs ("bench-engine: cannot allocate the stream\n", stderr);
      return 2;
    }
  gen_init (&g, 1);
  for (uint64_t i = 0; i < n; i++)
    {
      bool w;
      refs[i] = gen_next (&g, &w) << 1 | w;
    }
  printf ("Engine alone (in process): %llu accesses, %u frames, 32-bit, "
          "levels 10,10, 64-entry TLB\n", (unsigned long long) n, frames);
  ok &= run_policy (refs, n, VM_POLICY_FIFO, frames, 20e6);
  ok &= run_policy (refs, n, VM_POLICY_LRU, frames, 20e6);
  ok &= run_policy (refs, n, VM_POLICY_CLOCK, frames, 20e6);
  ok &= run_policy (refs, n, VM_POLICY_OPT, frames, 5e6);
  free (refs);
  printf ("Sparse 48-bit space: levels 9,9,9,9, 4 KiB pages, 1 GiB reserved\n");
  ok &= sparse_space (1);
  ok &= sparse_space (4096);
  many_frames ();
  return ok ? 0 : 1;
}
