/* check_real.c: unit tests of the real-process reader (src/real/): the
 * test process reads itself and checks the picture against
 * /proc/self/status (VmSize, VmRSS; they move a little as the process
 * runs, so within a tolerance) and against pages it touches itself; a
 * process that is gone gives a clear error. */
#include "system.h"

#include <check.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "real/procmap.h"

/* The value in kB of KEY ("VmSize:") in /proc/self/status. */
static uint64_t
status_kib (const char *key)
{
  FILE *fp = fopen ("/proc/self/status", "r");
  char line[256];
  unsigned long long v = 0;
  ck_assert_ptr_nonnull (fp);
  while (fgets (line, sizeof line, fp))
    if (strncmp (line, key, strlen (key)) == 0)
      sscanf (line + strlen (key), "%llu", &v);
  fclose (fp);
  ck_assert_uint_gt (v, 0);
  return v;
}

/* |A - B| within 10% of B or 2 MiB, whichever is larger. */
static void
near (const char *what, uint64_t a, uint64_t b)
{
  uint64_t d = a > b ? a - b : b - a, tol = b / 10 > 2048 ? b / 10 : 2048;
  ck_assert_msg (d <= tol, "%s: %llu KiB, /proc/self/status says %llu KiB",
                 what, (unsigned long long) a, (unsigned long long) b);
}

START_TEST (self_matches_status)
{
  char *err = NULL;
  struct proc_map *m = procmap_read (0, &err);
  uint64_t vmsize, vmrss;

  ck_assert_msg (m != NULL, "%s", err ? err : "");
  vmsize = status_kib ("VmSize:");
  vmrss = status_kib ("VmRSS:");
  near ("VSZ", m->vsz / 1024, vmsize);
  near ("RSS (smaps_rollup)", m->rss_kib, vmrss);
  near ("resident pages (pagemap)", m->resident * m->page_size / 1024,
        vmrss);
  ck_assert_uint_eq (m->pid, (uint64_t) getpid ());
  ck_assert_uint_gt (m->nregions, 3);
  procmap_free (m);
}
END_TEST

START_TEST (touched_pages_are_resident)
{
  long ps = sysconf (_SC_PAGESIZE);
  char *p = mmap (NULL, 64 * (size_t) ps, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *err = NULL;
  struct proc_map *m;
  const struct proc_region *r = NULL;

  ck_assert (p != MAP_FAILED);
  /* Never touched, then 16 pages touched: the region holding them has
   * at least those 16 resident (neighbours may merge into it). */
  m = procmap_read (0, &err);
  ck_assert_ptr_nonnull (m);
  for (size_t i = 0; i < m->nregions; i++)
    if (m->regions[i].start <= (uintptr_t) p
        && (uintptr_t) p + 64 * ps <= m->regions[i].end)
      r = &m->regions[i];
  ck_assert_ptr_nonnull (r);
  ck_assert_str_eq (r->perms, "rw-p");
  ck_assert (r->scanned);
  {
    uint64_t before = r->resident;
    procmap_free (m);
    for (int k = 0; k < 16; k++)
      p[k * 4 * ps] = 1;
    m = procmap_read (0, &err);
    ck_assert_ptr_nonnull (m);
    r = NULL;
    for (size_t i = 0; i < m->nregions; i++)
      if (m->regions[i].start <= (uintptr_t) p
          && (uintptr_t) p + 64 * ps <= m->regions[i].end)
        r = &m->regions[i];
    ck_assert_ptr_nonnull (r);
    ck_assert_uint_ge (r->resident, before + 16);
    ck_assert_uint_eq (r->swapped, 0);
  }
  procmap_free (m);
  munmap (p, 64 * (size_t) ps);
}
END_TEST

START_TEST (gone_process)
{
  pid_t child = fork ();
  char *err = NULL;
  struct proc_map *m;

  ck_assert_int_ge (child, 0);
  if (child == 0)
    _exit (0);
  ck_assert_int_eq (waitpid (child, NULL, 0), child);
  m = procmap_read (child, &err);
  ck_assert_ptr_null (m);
  ck_assert_ptr_nonnull (err);
  ck_assert_msg (strstr (err, "no process") != NULL, "%s", err);
  free (err);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("real");
  TCase *tc = tcase_create ("procmap");
  SRunner *sr;
  int failed;

  tcase_add_test (tc, self_matches_status);
  tcase_add_test (tc, touched_pages_are_resident);
  tcase_add_test (tc, gone_process);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
