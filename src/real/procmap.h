/* procmap.h: a read-only picture of a real Linux process's address space
 * (vmtutor --pid=PID, --self), from /proc/PID/maps (its regions),
 * /proc/PID/smaps_rollup (its RSS and swap as the kernel counts them) and
 * /proc/PID/pagemap (the present and swapped bits of every page; physical
 * frame numbers are not read, so no privilege is needed beyond reading
 * one's own processes). */
#ifndef VMTUTOR_REAL_PROCMAP_H
#define VMTUTOR_REAL_PROCMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Regions of more pages than this are not scanned in pagemap (their
 * resident and swapped counts are unknown): a reservation of terabytes
 * would otherwise cost gigabytes of reading. */
#define PROCMAP_MAX_SCAN_PAGES (UINT64_C (1) << 28)

/* One line of /proc/PID/maps, with its pagemap counts. */
struct proc_region
{
  uint64_t start, end;    /* addresses, end exclusive */
  char perms[5];          /* "rwxp" / "r--s" as the kernel writes it */
  uint64_t offset;        /* file offset */
  char *backing;          /* the path or [heap], [stack], ...; "" anonymous */
  uint64_t pages;
  bool scanned;           /* pagemap was read for this region */
  uint64_t resident;      /* pages present in memory */
  uint64_t swapped;       /* pages in swap */
};

/* The whole process. */
struct proc_map
{
  long pid;
  char *name;             /* /proc/PID/comm */
  uint64_t page_size;
  struct proc_region *regions;
  size_t nregions;
  uint64_t vsz;           /* bytes: the regions but [vsyscall] */
  uint64_t rss_kib;       /* smaps_rollup Rss (kB) */
  uint64_t swap_kib;      /* smaps_rollup Swap (kB) */
  uint64_t resident;      /* pages present, over the scanned regions */
  uint64_t swapped;       /* pages swapped, over the scanned regions */
};

/* Read process PID (0: the calling process, through /proc/self).  On
 * failure NULL with *ERR a newly allocated message (without the program
 * name) saying which file and why: the process is gone, permission
 * denied, or the kernel has no pagemap. */
struct proc_map *procmap_read (long pid, char **err);
void procmap_free (struct proc_map *m);

#endif
