/* scenario-region.c: memory objects (`files:`, `shm:`) and regions, as
 * declared by processes and by `mmap` steps: sizes, alignment, backing,
 * and whether they fit in the address space and in their file. */
#include "system.h"

#include "util.h"
#include "scenario/scenario-internal.h"

static const char *const object_keys[] = { "name", "size", "pages",
                                            "content", NULL };
static const char *const region_keys[] = {
  "name", "start", "pages", "size", "perm", "backing", "file", "shm",
  "offset", "shared", "huge", "locked", NULL
};
static const char *const mmap_keys[] = {
  "process", "name", "start", "pages", "size", "perm", "backing", "file",
  "shm", "offset", "shared", "huge", "locked", NULL
};

/* log2 of PAGE_SIZE (a power of two). */
unsigned
sc_page_shift (uint64_t page_size)
{
  unsigned s = 0;
  while (s < 63 && (1ull << s) < page_size)
    s++;
  return s;
}

/* Pages of the whole virtual address space of CFG (saturating). */
uint64_t
sc_space_pages (const struct vm_config *cfg)
{
  unsigned bits = cfg->va_bits - sc_page_shift (cfg->page_size);
  return bits >= 64 ? UINT64_MAX : 1ull << bits;
}

const struct sc_object *
sc_find_object (const struct scenario *sc, const char *name, bool shm)
{
  for (size_t i = 0; i < sc->nobjects; i++)
    if (sc->objects[i].shm == shm && strcmp (sc->objects[i].name, name) == 0)
      return &sc->objects[i];
  return NULL;
}

/* A file's `content: {OFFSET: VALUE, ...}`: offsets in bytes, inside
 * the file. */
static void
parse_content (struct sc_ctx *c, const struct ynode *n, struct sc_object *o,
               bool shm)
{
  uint64_t bytes = o->by_size ? o->size : o->pages * c->sc->cfg.page_size;
  if (shm)
    sc_expected (c, n, _("no 'content' for shared memory (it starts as "
                         "zeros)"));
  if (n->kind != YN_MAP)
    sc_expected (c, n, _("a mapping of byte offsets to values, such as "
                         "{0: 42, 8: \"hello\"}"));
  o->content = xcalloc (n->n / 2 + 1, sizeof *o->content);
  for (size_t i = 0; i < n->n; i += 2)
    {
      struct sc_value *v = &o->content[o->ncontent];
      v->offset = sc_size (c, n->items[i], 0, bytes ? bytes - 1 : 0);
      sc_value (c, n->items[i + 1], v);
      o->ncontent++;
    }
}

void
sc_parse_objects (struct sc_ctx *c, const struct ynode *n, bool shm)
{
  struct scenario *sc = c->sc;
  uint64_t max = sc_space_pages (&sc->cfg);

  if (n->kind != YN_SEQ)
    sc_expected (c, n, shm ? _("a list of shared memory objects")
                           : _("a list of files"));
  sc->objects = xreallocarray (sc->objects, sc->nobjects + n->n,
                               sizeof *sc->objects);
  for (size_t i = 0; i < n->n; i++)
    {
      const struct ynode *it = n->items[i], *v;
      struct sc_object *o = &sc->objects[sc->nobjects];
      const char *name;

      sc_check_map (c, it, shm ? "shm" : "files", object_keys);
      name = sc_name (c, sc_need (c, it, "name", shm ? _("a shared memory "
                                                          "object")
                                                  : _("a file")));
      if (sc_find_object (sc, name, shm))
        sc_expected (c, ynode_get (it, "name"), _("a name not used before"));
      memset (o, 0, sizeof *o);
      o->shm = shm;
      o->mark = sc_mark_of (it);
      if ((v = ynode_get (it, "size")))
        {
          o->by_size = true;
          o->size = sc_size (c, v, 1, UINT64_MAX);
          if (o->size % sc->cfg.page_size)
            sc_expected (c, v, _("a size that is a multiple of the page "
                                 "size"));
          if (o->size / sc->cfg.page_size > max)
            sc_expected (c, v, _("a size within the address space"));
          if (ynode_get (it, "pages"))
            sc_expected (c, ynode_get (it, "pages"),
                         _("either 'size' or 'pages', not both"));
        }
      else
        o->pages = sc_uint (c, sc_need (c, it, "pages", _("a file")), 1, max);
      if ((v = ynode_get (it, "content")))
        parse_content (c, v, o, shm);
      o->name = xstrdup (name);
      sc->nobjects++;
    }
}

void
sc_region_free (struct sc_region *r)
{
  free (r->name);
  free (r->object);
}

void
sc_parse_region (struct sc_ctx *c, const struct ynode *n,
                 struct sc_region *r, const char *const *extra_keys)
{
  const struct vm_config *cfg = &c->sc->cfg;
  uint64_t ps = cfg->page_size, max = sc_space_pages (cfg), start_vpn = 0;
  const struct ynode *v, *b;
  bool mmap = extra_keys != NULL;

  sc_check_map (c, n, mmap ? "mmap" : _("a region"),
                mmap ? mmap_keys : region_keys);
  r->name = xstrdup (sc_name (c, sc_need (c, n, "name", _("a region"))));
  r->mark = sc_mark_of (n);
  r->perm = VM_PERM_U | VM_PERM_R | VM_PERM_W;
  if ((v = ynode_get (n, "start")))
    {
      r->has_start = true;
      r->start = sc_size (c, v, 0, UINT64_MAX);
      if (r->start % ps)
        sc_expected (c, v, _("an address aligned to the page size"));
      start_vpn = r->start / ps;
      if (start_vpn >= max)
        sc_expected (c, v, _("an address inside the address space"));
    }
  if ((v = ynode_get (n, "size")))
    {
      if (ynode_get (n, "pages"))
        sc_expected (c, ynode_get (n, "pages"),
                     _("either 'size' or 'pages', not both"));
      r->by_size = true;
      r->size = sc_size (c, v, 1, UINT64_MAX);
      if (r->size % ps)
        sc_expected (c, v, _("a size that is a multiple of the page size"));
      r->static_pages = r->size / ps;
      if (r->static_pages > max)
        sc_expected (c, v, _("a size within the address space"));
    }
  else
    {
      r->pages = sc_uint (c, sc_need (c, n, "pages", _("a region")), 1, max);
      r->static_pages = r->pages;
    }
  if (r->has_start && r->static_pages > max - start_vpn)
    {
      unsigned long long np = r->static_pages, room = max - start_vpn;
      char got[64], most[64];
      snprintf (got, sizeof got, ngettext ("%llu page", "%llu pages", np),
                np);
      snprintf (most, sizeof most, ngettext ("%llu page", "%llu pages",
                                             room), room);
      /* TRANSLATORS: the counts are "3 pages". */
      sc_fail (c, n, _("found a region that ends beyond the address space "
                       "(%s from page %llu); expected at most %s"), got,
               (unsigned long long) start_vpn, most);
    }
  if ((v = ynode_get (n, "perm")))
    r->perm = sc_perm (c, v);
  b = ynode_get (n, "backing");
  if (b && (b->kind != YN_SCALAR || (strcmp (b->str, "anon") != 0
                                     && strcmp (b->str, "file") != 0
                                     && strcmp (b->str, "shm") != 0
                                     && strcmp (b->str, "store") != 0)))
    sc_expected (c, b, _("anon, file, shm or store"));
  if ((v = ynode_get (n, "file")))
    {
      const struct sc_object *o;
      if (b && strcmp (b->str, "file") != 0)
        sc_expected (c, v, _("no 'file' unless the backing is file"));
      r->object = xstrdup (sc_name (c, v));
      if (!(o = sc_find_object (c->sc, r->object, false)))
        sc_expected (c, v, _("the name of a file listed under 'files'"));
      r->flags |= VM_MAP_FILE;
    }
  else if ((v = ynode_get (n, "shm")))
    {
      if (b && strcmp (b->str, "shm") != 0)
        sc_expected (c, v, _("no 'shm' unless the backing is shm"));
      r->object = xstrdup (sc_name (c, v));
      if (!sc_find_object (c->sc, r->object, true))
        sc_expected (c, v, _("the name of an object listed under 'shm'"));
      r->shm = true;
      r->flags |= VM_MAP_SHARED;
    }
  else if (b && strcmp (b->str, "file") == 0)
    r->flags |= VM_MAP_FILE;
  else if (b && strcmp (b->str, "store") == 0)
    {
      /* every page starts on the backing store: a file-like object */
      r->store = true;
      r->flags |= VM_MAP_FILE | VM_MAP_SHARED;
    }
  else if (b && strcmp (b->str, "shm") == 0)
    {
      r->shm = true;
      r->flags |= VM_MAP_SHARED;
    }
  if ((v = ynode_get (n, "offset")))
    {
      if (!(r->flags & VM_MAP_FILE))
        sc_expected (c, v, _("no 'offset' unless the backing is file"));
      r->offset = sc_size (c, v, 0, UINT64_MAX);
      if (r->offset % ps)
        sc_expected (c, v, _("an offset aligned to the page size"));
    }
  if (r->object && (r->flags & VM_MAP_FILE))
    {
      const struct sc_object *o = sc_find_object (c->sc, r->object, false);
      uint64_t opages = !o ? 0 : o->by_size ? o->size / ps : o->pages;
      if (o && (r->offset / ps > opages
                || r->static_pages > opages - r->offset / ps))
        sc_fail (c, n, _("found a mapping of %llu pages at page %llu of "
                         "'%s'; expected at most the file's %llu pages"),
                 (unsigned long long) r->static_pages,
                 (unsigned long long) (r->offset / ps), o->name,
                 (unsigned long long) opages);
    }
  if ((v = ynode_get (n, "shared")))
    {
      bool s = sc_bool (c, v);
      if (r->shm && !s)
        sc_expected (c, v, _("shared: true for shm memory"));
      if (s)
        r->flags |= VM_MAP_SHARED;
    }
  if ((v = ynode_get (n, "locked")) && sc_bool (c, v))
    r->flags |= VM_MAP_LOCKED;
  if ((v = ynode_get (n, "huge")) && sc_bool (c, v))
    {
      uint64_t hp;
      if (cfg->levels < 2)
        sc_expected (c, v, _("huge: false (huge pages need at least two "
                             "page-table levels)"));
      hp = 1ull << cfg->level_bits[cfg->levels - 1];
      if ((r->has_start && start_vpn % hp) || r->static_pages % hp)
        sc_fail (c, n, _("found a huge region not aligned to %llu pages; "
                         "expected a start and size that are multiples of "
                         "the huge page"), (unsigned long long) hp);
      r->flags |= VM_MAP_HUGE;
    }
}

