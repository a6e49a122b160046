/* real-out.c: vmtutor --batch --pid=PID | --self: print the picture of a
 * real process read by procmap.c, as text (a summary and a table of
 * regions) or JSON (one object per region, then {"summary": {...}}). */
#include "system.h"

#include <inttypes.h>
#include <json-c/json.h>

#include "options.h"
#include "out/out.h"
#include "real/procmap.h"
#include "util.h"

/* Print the JSON object O on one line and release it. */
static void
put_json (struct json_object *o)
{
  puts (json_object_to_json_string_ext (o, JSON_C_TO_STRING_PLAIN
                                        | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (o);
}

static void
print_json (const struct proc_map *m)
{
  struct json_object *o, *s;

  for (size_t i = 0; i < m->nregions; i++)
    {
      const struct proc_region *r = &m->regions[i];
      o = json_object_new_object ();
      json_object_object_add (o, "start", json_object_new_uint64 (r->start));
      json_object_object_add (o, "end", json_object_new_uint64 (r->end));
      json_object_object_add (o, "perms", json_object_new_string (r->perms));
      json_object_object_add (o, "offset",
                              json_object_new_uint64 (r->offset));
      json_object_object_add (o, "backing", *r->backing
                              ? json_object_new_string (r->backing) : NULL);
      json_object_object_add (o, "pages", json_object_new_uint64 (r->pages));
      json_object_object_add (o, "resident", r->scanned
                              ? json_object_new_uint64 (r->resident) : NULL);
      json_object_object_add (o, "swapped", r->scanned
                              ? json_object_new_uint64 (r->swapped) : NULL);
      put_json (o);
    }
  s = json_object_new_object ();
  json_object_object_add (s, "pid", json_object_new_int64 (m->pid));
  json_object_object_add (s, "name", json_object_new_string (m->name));
  json_object_object_add (s, "page_size",
                          json_object_new_uint64 (m->page_size));
  json_object_object_add (s, "regions",
                          json_object_new_uint64 (m->nregions));
  json_object_object_add (s, "vsz", json_object_new_uint64 (m->vsz));
  json_object_object_add (s, "rss",
                          json_object_new_uint64 (m->rss_kib * 1024));
  json_object_object_add (s, "swap",
                          json_object_new_uint64 (m->swap_kib * 1024));
  json_object_object_add (s, "resident_pages",
                          json_object_new_uint64 (m->resident));
  json_object_object_add (s, "swapped_pages",
                          json_object_new_uint64 (m->swapped));
  o = json_object_new_object ();
  json_object_object_add (o, "summary", s);
  put_json (o);
}

/* A count of KIB kibibytes, readably ("812 KiB", "3.2 MiB"). */
static char *
kib (uint64_t v)
{
  if (v < 10 * 1024)
    return xasprintf ("%" PRIu64 " KiB", v);
  if (v < UINT64_C (10) * 1024 * 1024)
    return xasprintf ("%.1f MiB", (double) v / 1024);
  return xasprintf ("%.1f GiB", (double) v / (1024 * 1024));
}

static void
print_text (const struct proc_map *m)
{
  char *vsz = kib (m->vsz / 1024), *rss = kib (m->rss_kib);
  char *swap = kib (m->swap_kib);
  const char *head[] = { _("start"), _("end"), _("perms"), _("pages"),
                         _("resident"), _("swapped"), _("backing") };
  unsigned w[ARRAY_SIZE (head)] = { 16, 16, 5, 8, 8, 8, 0 };

  printf (ngettext ("Process %ld (%s): %zu region\n",
                    "Process %ld (%s): %zu regions\n", m->nregions),
          m->pid, m->name, m->nregions);
  printf (_("VSZ %s, RSS %s, swap %s (smaps_rollup)\n"), vsz, rss, swap);
  printf (_("Pages of %" PRIu64 " bytes present in memory: %" PRIu64
            ", in swap: %" PRIu64 " (pagemap)\n"), m->page_size,
          m->resident, m->swapped);
  free (vsz);
  free (rss);
  free (swap);
  putchar ('\n');
  for (size_t i = 0; i < ARRAY_SIZE (head); i++)
    {
      if (out_width (head[i]) > w[i])
        w[i] = out_width (head[i]);
      if (i)
        putchar (' ');
      if (i + 1 < ARRAY_SIZE (head))
        out_pad (head[i], w[i], i >= 3);
      else
        fputs (head[i], stdout);
    }
  putchar ('\n');
  for (size_t i = 0; i < m->nregions; i++)
    {
      const struct proc_region *r = &m->regions[i];
      printf ("%0*" PRIx64 " %0*" PRIx64 " ", (int) w[0], r->start,
              (int) w[1], r->end);
      out_pad (r->perms, w[2], false);
      printf (" %*" PRIu64, (int) w[3], r->pages);
      if (r->scanned)
        printf (" %*" PRIu64 " %*" PRIu64, (int) w[4], r->resident,
                (int) w[5], r->swapped);
      else
        printf (" %*s %*s", (int) w[4], "?", (int) w[5], "?");
      printf (" %s\n", *r->backing ? r->backing : _("(anonymous)"));
    }
}

int
real_main (const struct options *o)
{
  char *err = NULL;
  struct proc_map *m = procmap_read (o->self ? 0 : o->pid, &err);

  if (!m)
    {
      fprintf (stderr, "%s: %s\n", program_name, err);
      free (err);
      return 2;
    }
  if (o->format == FORMAT_JSON)
    print_json (m);
  else
    print_text (m);
  procmap_free (m);
  return 0;
}
