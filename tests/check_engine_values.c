/* check_engine_values.c: values in memory (DESIGN.md "Values"): what a
 * write stores, where it goes (COW, shared and private file mappings,
 * swap, file write-back, exit, OOM, huge pages, clones), and a reference
 * model of values over random operation sequences. */
#include "check_engine.h"

#include <stdlib.h>
#include <string.h>

/* Write VALUE at byte OFF of PID's page VPN. */
static enum vm_result
w (struct vm *vm, uint32_t pid, uint64_t vpn, uint64_t off, uint64_t value)
{
  struct vm_event ev;
  struct vm_value v = { 0, value, false, pid, 0 };
  enum vm_result r;
  if (vm_current (vm) != pid)
    vm_switch (vm, pid);
  r = vm_access_value (vm, pid, (vpn << vm_page_shift (vm)) + off, VM_WRITE,
                       VM_NEVER, &v, &ev);
  if (r != VM_SEGV && r != VM_OOM)
    {
      ck_assert (ev.has_value);
      ck_assert_uint_eq (ev.value.value, value);
      ck_assert_uint_eq (ev.value.by_pid, pid);
    }
  return r;
}

/* What a read of byte OFF of PID's page VPN returns (0: nothing written);
 * *RES gets the result if RES is not NULL. */
static uint64_t
rd (struct vm *vm, uint32_t pid, uint64_t vpn, uint64_t off,
    enum vm_result *res)
{
  struct vm_event ev;
  enum vm_result r;
  if (vm_current (vm) != pid)
    vm_switch (vm, pid);
  r = vm_access_value (vm, pid, (vpn << vm_page_shift (vm)) + off, VM_READ,
                       VM_NEVER, NULL, &ev);
  if (res)
    *res = r;
  return ev.has_value ? ev.value.value : 0;
}

static struct vm *
small (uint32_t frames)
{
  struct vm_config c;
  vm_config_default (&c);
  c.frames = frames;
  return t_new (&c);
}

START_TEST (test_cow_three_generations)
{
  struct vm *vm = small (16);
  uint32_t p = vm_proc_new (vm, "parent"), c, g;
  struct vm_event ev;
  t_map (vm, p, 16, 4, RW);
  ck_assert_int_eq (w (vm, p, 16, 8, 5), VM_MINOR);
  c = vm_fork (vm, p, "child");
  g = vm_fork (vm, c, "grandchild");
  ck_assert_uint_eq (rd (vm, g, 16, 8, NULL), 5);
  ck_assert_int_eq (w (vm, c, 16, 8, 6), VM_COW);
  ck_assert_uint_eq (rd (vm, p, 16, 8, NULL), 5);
  ck_assert_uint_eq (rd (vm, g, 16, 8, NULL), 5);
  ck_assert_uint_eq (rd (vm, c, 16, 8, NULL), 6);
  ck_assert_int_eq (w (vm, g, 16, 8, 7), VM_COW);
  ck_assert_uint_eq (rd (vm, p, 16, 8, NULL), 5);
  ck_assert_uint_eq (rd (vm, c, 16, 8, NULL), 6);
  ck_assert_uint_eq (rd (vm, g, 16, 8, NULL), 7);
  /* other offsets of the copied page came along, unwritten ones read 0 */
  ck_assert_uint_eq (rd (vm, g, 16, 0, NULL), 0);
  /* who wrote it and when */
  vm_switch (vm, c);
  vm_access_value (vm, c, (16ull << 12) + 8, VM_READ, VM_NEVER, NULL, &ev);
  ck_assert (ev.has_value);
  ck_assert_uint_eq (ev.value.by_pid, c);
  ck_assert_uint_eq (ev.value.at_step, 2);  /* access numbers from 0 */
  vm_free (vm);
}
END_TEST

START_TEST (test_swap_out_and_in)
{
  struct vm *vm = small (2);
  uint32_t p = vm_proc_new (vm, "p");
  enum vm_result r;
  struct vm *copy;
  t_map (vm, p, 0, 8, RW);
  for (uint64_t i = 0; i < 8; i++)
    w (vm, p, i, 16 * i, 100 + i);
  ck_assert_uint_ge (vm_stats (vm)->swap_outs, 6);
  copy = vm_clone (vm);
  for (uint64_t i = 0; i < 8; i++)
    {
      ck_assert_uint_eq (rd (vm, p, i, 16 * i, &r), 100 + i);
      ck_assert_uint_eq (rd (vm, p, i, 16 * i + 8, NULL), 0);
    }
  ck_assert_uint_ge (vm_stats (vm)->swap_ins, 6);
  /* a clone keeps its own values */
  w (vm, p, 3, 48, 1);
  ck_assert_uint_eq (rd (copy, p, 3, 48, &r), 103);
  ck_assert_int_eq (r, VM_MAJOR);
  /* a clean page dropped with its swap copy comes back from it */
  for (int k = 0; k < 3; k++)
    for (uint64_t i = 0; i < 8; i++)
      ck_assert_uint_eq (rd (copy, p, i, 16 * i, NULL), 100 + i);
  vm_free (copy);
  vm_free (vm);
}
END_TEST

START_TEST (test_file_shared_and_private)
{
  struct vm *vm = small (3);
  uint32_t f = vm_object_new_file (vm, "data", 2);
  uint32_t a = vm_proc_new (vm, "a"), b = vm_proc_new (vm, "b");
  uint32_t c = vm_proc_new (vm, "c");
  struct vm_value out[4];
  enum vm_result r;
  ck_assert (vm_file_set_value (vm, f, 0, 7, false));
  ck_assert (vm_file_set_value (vm, f, 4096 + 8, 0x6f6c6c6568ull, true));
  ck_assert (!vm_file_set_value (vm, f, 8192, 1, false));
  t_map_at (vm, a, 16, 2, RW | VM_MAP_FILE | VM_MAP_SHARED, f, 0, 0);
  t_map_at (vm, b, 16, 2, RW | VM_MAP_FILE, f, 0, 0);
  t_map_at (vm, c, 16, 2, RW | VM_MAP_FILE, f, 0, 0);
  t_map (vm, a, 100, 8, RW);
  ck_assert_uint_eq (rd (vm, b, 17, 8, &r), 0x6f6c6c6568ull);
  ck_assert_int_eq (r, VM_MAJOR);
  /* b's private write is b's alone */
  ck_assert_uint_eq (w (vm, b, 16, 0, 9), VM_MAJOR);
  ck_assert_uint_eq (rd (vm, a, 16, 0, NULL), 7);
  /* a's shared write is seen by a private mapping that has no copy */
  w (vm, a, 16, 0, 8);
  ck_assert_uint_eq (rd (vm, c, 16, 0, NULL), 8);
  ck_assert_uint_eq (rd (vm, b, 16, 0, NULL), 9);
  /* the page cache is not the file yet */
  ck_assert_uint_eq (vm_file_values (vm, f, 0, out, 4), 1);
  ck_assert_uint_eq (out[0].value, 7);
  /* push everything out: the dirty shared page is written back, the
     private copies go to swap, never to the file */
  for (uint64_t i = 0; i < 8; i++)
    w (vm, a, 100 + i, 0, 1);
  ck_assert_uint_ge (vm_stats (vm)->file_writes, 1);
  ck_assert_uint_eq (vm_file_values (vm, f, 0, out, 4), 1);
  ck_assert_uint_eq (out[0].value, 8);
  ck_assert_uint_eq (rd (vm, b, 16, 0, NULL), 9);
  ck_assert_uint_eq (rd (vm, c, 16, 0, &r), 8);
  ck_assert_int_eq (r, VM_MAJOR);
  ck_assert_uint_eq (vm_file_values (vm, f, 0, out, 4), 1);
  ck_assert_uint_eq (out[0].value, 8);
  /* a clean file page dropped and read again */
  for (uint64_t i = 0; i < 8; i++)
    w (vm, a, 100 + i, 0, 2);
  ck_assert_uint_eq (rd (vm, a, 17, 8, &r), 0x6f6c6c6568ull);
  ck_assert_int_eq (r, VM_MAJOR);
  vm_free (vm);
}
END_TEST

START_TEST (test_shm_shared)
{
  struct vm *vm = small (2);
  uint32_t o = vm_object_new_shm (vm, "shm", 1);
  uint32_t a = vm_proc_new (vm, "producer"), b = vm_proc_new (vm, "consumer");
  t_map_at (vm, a, 4, 1, RW | VM_MAP_SHARED, o, 0, 0);
  t_map_at (vm, b, 9, 1, RW | VM_MAP_SHARED, o, 0, 0);
  t_map (vm, a, 100, 4, RW);
  w (vm, a, 4, 24, 42);
  ck_assert_uint_eq (rd (vm, b, 9, 24, NULL), 42);
  for (uint64_t i = 0; i < 4; i++)
    w (vm, a, 100 + i, 0, 1);
  ck_assert_uint_eq (rd (vm, b, 9, 24, NULL), 42);
  vm_free (vm);
}
END_TEST

START_TEST (test_exit_and_oom_free)
{
  struct vm_config cfg;
  struct vm *vm;
  uint32_t a, b;
  struct vm_value out[2];
  struct vm_proc_info pi;
  enum vm_result r;
  vm_config_default (&cfg);
  cfg.frames = 2;
  cfg.swap_slots = 0;
  vm = t_new (&cfg);
  a = vm_proc_new (vm, "a");
  b = vm_proc_new (vm, "b");
  t_map (vm, a, 0, 2, RW);
  t_map (vm, b, 0, 2, RW);
  w (vm, a, 0, 0, 11);
  w (vm, a, 1, 0, 12);
  /* no swap: b's fault kills a (the biggest) and takes a frame */
  w (vm, b, 0, 8, 13);
  ck_assert (vm_proc_info (vm, a, &pi));
  ck_assert (!pi.alive);
  ck_assert_uint_eq (vm_stats (vm)->oom_kills, 1);
  ck_assert_uint_eq (rd (vm, b, 1, 0, &r), 0);
  ck_assert_int_eq (r, VM_MINOR);
  for (uint32_t f = 0; f < 2; f++)
    {
      size_t n = vm_frame_values (vm, f, out, 2);
      ck_assert (n == 0 || (n == 1 && out[0].value == 13));
    }
  vm_exit (vm, b);
  ck_assert_uint_eq (vm_frame_values (vm, 0, out, 2), 0);
  ck_assert_uint_eq (vm_frame_values (vm, 1, out, 2), 0);
  /* a new process at the same address reads 0 */
  a = vm_proc_new (vm, "c");
  t_map (vm, a, 0, 2, RW);
  ck_assert_uint_eq (rd (vm, a, 0, 8, NULL), 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_huge_pages)
{
  struct vm_config c;
  struct vm *vm;
  uint32_t p, q;
  vm_config_default (&c);
  c.va_bits = 20;
  c.levels = 2;
  c.level_bits[0] = 6;
  c.level_bits[1] = 2;
  c.frames = 16;
  vm = t_new (&c);
  p = vm_proc_new (vm, "p");
  t_map_at (vm, p, 4, 4, RW | VM_MAP_HUGE, VM_NONE, 0, 1);
  w (vm, p, 5, 0, 55);
  w (vm, p, 7, 8, 77);
  q = vm_fork (vm, p, "q");
  ck_assert_uint_eq (rd (vm, q, 5, 0, NULL), 55);
  ck_assert_int_eq (w (vm, q, 6, 0, 66), VM_COW);
  ck_assert_uint_eq (rd (vm, q, 5, 0, NULL), 55);
  ck_assert_uint_eq (rd (vm, q, 7, 8, NULL), 77);
  ck_assert_uint_eq (rd (vm, p, 6, 0, NULL), 0);
  w (vm, p, 5, 0, 56);
  ck_assert_uint_eq (rd (vm, q, 5, 0, NULL), 55);
  ck_assert_uint_eq (rd (vm, p, 5, 0, NULL), 56);
  vm_free (vm);
}
END_TEST

START_TEST (test_reboot_keeps_files)
{
  /* After a reboot the file holds what was written back and what dirty
     shared pages held (a clean shutdown syncs); memory, swap and private
     copies are gone. */
  struct vm *vm = small (2), *nvm;
  uint32_t f = vm_object_new_file (vm, "data", 3), nf;
  uint32_t a = vm_proc_new (vm, "a");
  struct vm_value out[4];
  t_map_at (vm, a, 16, 3, RW | VM_MAP_FILE | VM_MAP_SHARED, f, 0, 0);
  t_map_at (vm, a, 32, 3, RW | VM_MAP_FILE, f, 0, 0);
  t_map (vm, a, 0, 4, RW);
  vm_file_set_value (vm, f, 4096 * 2 + 8, 3, false);
  w (vm, a, 16, 0, 10);         /* written back below */
  w (vm, a, 0, 0, 1);
  w (vm, a, 1, 0, 1);           /* page 16 evicted: dirty, to the file */
  w (vm, a, 17, 0, 11);         /* still dirty in memory at the reboot */
  w (vm, a, 32, 0, 99);         /* private: never reaches the file */
  nvm = small (2);
  nf = vm_object_new_file (nvm, "data", 3);
  vm_file_carry (nvm, nf, vm, vm_object_find (vm, "data"));
  vm_file_carry (nvm, nf, vm, VM_NONE);         /* nothing */
  ck_assert_uint_eq (vm_file_values (nvm, nf, 0, out, 4), 1);
  ck_assert_uint_eq (out[0].value, 10);
  ck_assert_uint_eq (out[0].by_pid, VM_NONE);
  ck_assert_uint_eq (vm_file_values (nvm, nf, 1, out, 4), 1);
  ck_assert_uint_eq (out[0].value, 11);
  ck_assert_uint_eq (vm_file_values (nvm, nf, 2, out, 4), 1);
  ck_assert_uint_eq (out[0].offset, 8);
  ck_assert_uint_eq (out[0].value, 3);
  a = vm_proc_new (nvm, "a");
  t_map_at (nvm, a, 32, 3, RW | VM_MAP_FILE, nf, 0, 0);
  t_map (nvm, a, 0, 4, RW);
  ck_assert_uint_eq (rd (nvm, a, 32, 0, NULL), 10);
  ck_assert_uint_eq (rd (nvm, a, 0, 0, NULL), 0);
  vm_free (nvm);
  vm_free (vm);
}
END_TEST

START_TEST (test_quiet_hits)
{
  /* The quiet hit path stores and reports values like the full one. */
  struct vm *vm = small (4);
  uint32_t p = vm_proc_new (vm, "p");
  vm_set_quiet (vm, true);
  t_map (vm, p, 0, 2, RW);
  w (vm, p, 0, 0, 1);           /* a fault: the full path */
  w (vm, p, 0, 0, 2);           /* a hit: the quiet path */
  w (vm, p, 0, 8, 3);
  ck_assert_uint_eq (rd (vm, p, 0, 0, NULL), 2);
  ck_assert_uint_eq (rd (vm, p, 0, 8, NULL), 3);
  ck_assert_uint_eq (rd (vm, p, 0, 16, NULL), 0);
  vm_free (vm);
}
END_TEST

START_TEST (test_value_text)
{
  char b[VM_VALUE_TEXT];
  ck_assert_str_eq (vm_value_text (18446744073709551615ull, false, b),
                    "18446744073709551615");
  ck_assert_str_eq (vm_value_text (0x6968, true, b), "\"hi\"");
  ck_assert_str_eq (vm_value_text (0x0a22, true, b), "\"\\x22\\x0a\"");
  ck_assert_str_eq (vm_value_text (0, true, b), "\"\"");
}
END_TEST

/* ---- the reference model ---------------------------------------------
 * Up to 4 processes, each with 4 private anonymous pages at 0, 2 pages of
 * a file mapped shared at 16 and privately at 32, on a 3-frame machine
 * with swap.  The model: a process's anonymous pages and private file
 * copies are its own arrays (fork copies them); the file's pages are one
 * array; a private file page without a copy reads the file's. */
#define M_PROCS 4
#define M_OFFS 4

struct mproc
{
  bool alive;
  uint64_t anon[4][M_OFFS];
  bool has_copy[2];
  uint64_t copy[2][M_OFFS];
};

struct model
{
  struct mproc p[M_PROCS];
  uint32_t pid[M_PROCS];
  uint64_t file[2][M_OFFS];
};

static uint64_t
rnd (uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static void
model_map (struct vm *vm, uint32_t pid, uint32_t f)
{
  t_map (vm, pid, 0, 4, RW);
  t_map_at (vm, pid, 16, 2, RW | VM_MAP_FILE | VM_MAP_SHARED, f, 0, 0);
  t_map_at (vm, pid, 32, 2, RW | VM_MAP_FILE, f, 0, 0);
}

static void
model_run (uint64_t seed)
{
  struct vm_config cfg;
  struct vm *vm;
  struct model m;
  uint64_t s = seed * 2654435761u + 1;
  uint32_t f;

  memset (&m, 0, sizeof m);
  vm_config_default (&cfg);
  cfg.frames = 3;
  cfg.policy = (enum vm_policy) (seed % 3);
  vm = t_new (&cfg);
  f = vm_object_new_file (vm, "f", 2);
  for (unsigned i = 0; i < M_OFFS; i++)
    {
      m.file[0][i] = i * 3;
      m.file[1][i] = 0;
      vm_file_set_value (vm, f, i * 8, i * 3, false);
    }
  m.pid[0] = vm_proc_new (vm, "p0");
  m.p[0].alive = true;
  model_map (vm, m.pid[0], f);
  for (int op = 0; op < 60; op++)
    {
      unsigned k = (unsigned) (rnd (&s) % M_PROCS);
      unsigned what = (unsigned) (rnd (&s) % 10);
      unsigned off = (unsigned) (rnd (&s) % M_OFFS);
      unsigned pg = (unsigned) (rnd (&s) % 8);
      uint64_t val = rnd (&s) % 1000 + 1, got, want;
      struct mproc *mp = &m.p[k];
      if (!mp->alive)
        {
          if (what < 2)
            {
              /* fork a live process into slot k */
              for (unsigned j = 0; j < M_PROCS; j++)
                if (m.p[j].alive)
                  {
                    m.pid[k] = vm_fork (vm, m.pid[j], "child");
                    m.p[k] = m.p[j];
                    break;
                  }
            }
          continue;
        }
      if (what == 9 && k != 0)
        {
          vm_exit (vm, m.pid[k]);
          mp->alive = false;
          continue;
        }
      /* pages 0-3 anonymous, 4-5 shared file, 6-7 private file */
      uint64_t vpn = pg < 4 ? pg : pg < 6 ? 16 + (pg - 4) : 32 + (pg - 6);
      if (what < 5)
        {
          ck_assert_int_ne (w (vm, m.pid[k], vpn, off * 8, val), VM_OOM);
          if (pg < 4)
            mp->anon[pg][off] = val;
          else if (pg < 6)
            m.file[pg - 4][off] = val;
          else
            {
              if (!mp->has_copy[pg - 6])
                memcpy (mp->copy[pg - 6], m.file[pg - 6],
                        sizeof mp->copy[0]);
              mp->has_copy[pg - 6] = true;
              mp->copy[pg - 6][off] = val;
            }
        }
      else
        {
          got = rd (vm, m.pid[k], vpn, off * 8, NULL);
          want = pg < 4 ? mp->anon[pg][off]
                 : pg < 6 ? m.file[pg - 4][off]
                 : mp->has_copy[pg - 6] ? mp->copy[pg - 6][off]
                 : m.file[pg - 6][off];
          ck_assert_msg (got == want, "seed %llu op %d: pid %u page %u "
                         "offset %u read %llu, expected %llu",
                         (unsigned long long) seed, op, k, pg, off,
                         (unsigned long long) got, (unsigned long long) want);
        }
    }
  vm_free (vm);
}

START_TEST (test_reference_model)
{
  for (uint64_t seed = 1; seed <= 3000; seed++)
    model_run (seed);
}
END_TEST

Suite *
engine_values_suite (void)
{
  Suite *s = suite_create ("engine-values");
  TCase *tc = tcase_create ("values");
  tcase_add_test (tc, test_cow_three_generations);
  tcase_add_test (tc, test_swap_out_and_in);
  tcase_add_test (tc, test_file_shared_and_private);
  tcase_add_test (tc, test_shm_shared);
  tcase_add_test (tc, test_exit_and_oom_free);
  tcase_add_test (tc, test_huge_pages);
  tcase_add_test (tc, test_reboot_keeps_files);
  tcase_add_test (tc, test_quiet_hits);
  tcase_add_test (tc, test_value_text);
  tcase_add_test (tc, test_reference_model);
  suite_add_tcase (s, tc);
  return s;
}
