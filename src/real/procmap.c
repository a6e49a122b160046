/* procmap.c: reading /proc/PID/{maps,smaps_rollup,pagemap,comm} into a
 * struct proc_map.  Lines are read with getline (bounded by the kernel's
 * own format), pagemap in blocks of PM_BLOCK entries. */
#include "system.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <unistd.h>

#include "real/procmap.h"
#include "util.h"

#define PM_BLOCK 65536               /* pagemap entries read at once */
#define PM_PRESENT (UINT64_C (1) << 63)
#define PM_SWAPPED (UINT64_C (1) << 62)

/* The path of FILE of process PID ("self" for 0). */
static char *
proc_path (long pid, const char *file)
{
  return pid ? xasprintf ("/proc/%ld/%s", pid, file)
             : xasprintf ("/proc/self/%s", file);
}

/* The message for a failed open of PATH (errno E) of process PID. */
static char *
open_error (long pid, const char *path, int e)
{
  if (e == ENOENT && pid)
    {
      char *dir = xasprintf ("/proc/%ld", pid);
      bool gone = access (dir, F_OK) != 0;
      free (dir);
      if (gone)
        return xasprintf (_("%s: no process %ld (it has exited, or never "
                            "was)"), path, pid);
      return xasprintf (_("%s: this kernel does not provide it"), path);
    }
  if (e == ENOENT)
    return xasprintf (_("%s: this kernel does not provide it"), path);
  if (e == EACCES || e == EPERM)
    return xasprintf (_("%s: permission denied (only your own processes "
                        "can be read without privileges)"), path);
  return xasprintf ("%s: %s", path, strerror (e));
}

/* Parse one maps LINE into R; false if it is not a maps line. */
static bool
parse_maps_line (char *line, struct proc_region *r)
{
  unsigned long long start, end, off, inode;
  char perms[8];
  int used = 0;
  char *path;
  size_t len;

  if (sscanf (line, "%llx-%llx %7s %llx %*x:%*x %llu %n", &start, &end,
              perms, &off, &inode, &used) < 5 || used == 0 || end < start
      || strlen (perms) != 4)
    return false;
  path = line + used;
  len = strlen (path);
  while (len > 0 && (path[len - 1] == '\n' || path[len - 1] == ' '))
    path[--len] = '\0';
  memset (r, 0, sizeof *r);
  r->start = start;
  r->end = end;
  memcpy (r->perms, perms, 5);
  r->offset = off;
  r->backing = xstrdup (path);
  return true;
}

/* Read /proc/PID/maps into M. */
static char *
read_maps (long pid, struct proc_map *m)
{
  char *path = proc_path (pid, "maps"), *line = NULL, *err = NULL;
  FILE *fp = fopen (path, "r");
  size_t cap = 0, rcap = 0;
  unsigned long lineno = 0;

  if (!fp)
    {
      err = open_error (pid, path, errno);
      free (path);
      return err;
    }
  while (getline (&line, &cap, fp) > 0)
    {
      struct proc_region r;
      lineno++;
      if (!parse_maps_line (line, &r))
        {
          err = xasprintf (_("%s:%lu: not a line of a maps file"), path,
                           lineno);
          break;
        }
      if (m->nregions == rcap)
        {
          rcap = rcap ? 2 * rcap : 64;
          m->regions = xreallocarray (m->regions, rcap, sizeof *m->regions);
        }
      r.pages = (r.end - r.start) / m->page_size;
      /* [vsyscall] is the kernel's, outside the process's own total
       * (VmSize in /proc/PID/status). */
      if (strcmp (r.backing, "[vsyscall]") != 0)
        m->vsz += r.end - r.start;
      m->regions[m->nregions++] = r;
    }
  if (!err && ferror (fp))
    err = open_error (pid, path, errno);
  free (line);
  fclose (fp);
  free (path);
  return err;
}

/* Read Rss and Swap of /proc/PID/smaps_rollup into M. */
static char *
read_rollup (long pid, struct proc_map *m)
{
  char *path = proc_path (pid, "smaps_rollup"), *line = NULL;
  FILE *fp = fopen (path, "r");
  size_t cap = 0;

  if (!fp)
    {
      char *err = open_error (pid, path, errno);
      free (path);
      return err;
    }
  while (getline (&line, &cap, fp) > 0)
    {
      unsigned long long v;
      if (sscanf (line, "Rss: %llu kB", &v) == 1)
        m->rss_kib = v;
      else if (sscanf (line, "Swap: %llu kB", &v) == 1)
        m->swap_kib = v;
    }
  free (line);
  fclose (fp);
  free (path);
  return NULL;
}

/* Count the present and swapped pages of every region from pagemap. */
static char *
read_pagemap (long pid, struct proc_map *m)
{
  char *path = proc_path (pid, "pagemap");
  int fd = open (path, O_RDONLY);
  uint64_t *buf;

  if (fd < 0)
    {
      char *err = open_error (pid, path, errno);
      free (path);
      return err;
    }
  buf = xmalloc (PM_BLOCK * sizeof *buf);
  for (size_t i = 0; i < m->nregions; i++)
    {
      struct proc_region *r = &m->regions[i];
      uint64_t vpn = r->start / m->page_size, left = r->pages;
      if (r->pages > PROCMAP_MAX_SCAN_PAGES)
        continue;
      r->scanned = true;
      while (left > 0)
        {
          size_t want = left < PM_BLOCK ? (size_t) left : PM_BLOCK;
          ssize_t got = pread (fd, buf, want * sizeof *buf,
                               (off_t) (vpn * sizeof *buf));
          if (got <= 0)
            {
              /* [vsyscall] and the like cannot be read: unknown. */
              r->scanned = false;
              r->resident = r->swapped = 0;
              break;
            }
          for (size_t k = 0; k < (size_t) got / sizeof *buf; k++)
            {
              r->resident += (buf[k] & PM_PRESENT) != 0;
              r->swapped += (buf[k] & PM_SWAPPED) != 0;
            }
          vpn += (uint64_t) got / sizeof *buf;
          left -= (uint64_t) got / sizeof *buf;
        }
      if (r->scanned)
        {
          m->resident += r->resident;
          m->swapped += r->swapped;
        }
    }
  free (buf);
  close (fd);
  free (path);
  return NULL;
}

/* The command name of PID, or "?". */
static char *
read_comm (long pid)
{
  char *path = proc_path (pid, "comm"), *line = NULL;
  FILE *fp = fopen (path, "r");
  size_t cap = 0;
  char *name;

  free (path);
  if (fp && getline (&line, &cap, fp) > 0)
    {
      line[strcspn (line, "\n")] = '\0';
      name = xstrdup (line);
    }
  else
    name = xstrdup ("?");
  free (line);
  if (fp)
    fclose (fp);
  return name;
}

struct proc_map *
procmap_read (long pid, char **err)
{
  struct proc_map *m = xcalloc (1, sizeof *m);
  long ps = sysconf (_SC_PAGESIZE);

  m->pid = pid ? pid : (long) getpid ();
  m->page_size = ps > 0 ? (uint64_t) ps : 4096;
  if ((*err = read_maps (pid, m)) || (*err = read_rollup (pid, m))
      || (*err = read_pagemap (pid, m)))
    {
      procmap_free (m);
      return NULL;
    }
  m->name = read_comm (pid);
  return m;
}

void
procmap_free (struct proc_map *m)
{
  if (!m)
    return;
  for (size_t i = 0; i < m->nregions; i++)
    free (m->regions[i].backing);
  free (m->regions);
  free (m->name);
  free (m);
}
