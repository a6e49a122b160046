/* values.c: the values scenarios write into memory (DESIGN.md "Values").
 *
 * Only what was written is kept: a sparse map from a location (a frame, a
 * swap slot or a page of a file) to that page's cells, each cell a value
 * at a byte offset with who wrote it and when.  Unwritten memory reads 0.
 * The fault handler moves cells with their page: copy-on-write copies
 * them, eviction writes a dirty page's cells to its swap slot or its
 * file, a major fault reads them back; a freed frame or slot loses them.
 *
 * Layout: `index` maps a location key (VLOC_*) to 1 + the page's index in
 * `pages`; pages emptied are reused from a free list.  Every byte is
 * charged to the memory budget (BUDGET_VALUES). */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

void
values_init (struct values *v)
{
  memset (v, 0, sizeof *v);
  hmap_init (&v->index);
}

void
values_free (struct values *v)
{
  for (size_t i = 0; i < v->npages; i++)
    free (v->pages[i].cells);
  free (v->pages);
  free (v->free_pages);
  hmap_destroy (&v->index);
  memset (v, 0, sizeof *v);
}

void
values_copy_all (struct values *dst, const struct values *src)
{
  *dst = *src;
  hmap_copy (&dst->index, &src->index);
  dst->pages = dup_array (src->pages, src->pages_cap, sizeof *src->pages);
  for (size_t i = 0; i < src->npages; i++)
    {
      dst->pages[i].cells = dup_array (src->pages[i].cells,
                                       src->pages[i].cap,
                                       sizeof (struct vcell));
      if (!dst->pages[i].cells)
        dst->pages[i].cap = 0;
    }
  dst->free_pages = dup_array (src->free_pages, src->free_cap,
                               sizeof *src->free_pages);
  if (!dst->free_pages)
    dst->free_cap = 0;
}

size_t
values_bytes (const struct values *v)
{
  size_t n = hmap_bytes (&v->index) + v->pages_cap * sizeof *v->pages
             + v->free_cap * sizeof *v->free_pages;
  for (size_t i = 0; i < v->npages; i++)
    n += v->pages[i].cap * sizeof (struct vcell);
  return n;
}

/* The page at LOC, or NULL if it holds nothing. */
static struct vpage *
page_of (const struct values *v, uint64_t loc)
{
  uint64_t i = hmap_get (&v->index, loc);
  if (!i || !v->pages[i - 1].n)
    return NULL;
  return &v->pages[i - 1];
}

/* The page at LOC of VM's store, made if needed. */
static struct vpage *
page_make (struct vm *vm, uint64_t loc)
{
  struct values *v = &vm->values;
  uint64_t i = hmap_get (&v->index, loc);
  size_t k, before;
  if (i)
    return &v->pages[i - 1];
  if (v->nfree)
    k = v->free_pages[--v->nfree];
  else
    {
      if (v->npages == v->pages_cap)
        {
          size_t cap = v->pages_cap ? v->pages_cap * 2 : 16;
          vm_charge (vm, (int64_t) ((cap - v->pages_cap) * sizeof *v->pages),
                     BUDGET_VALUES);
          v->pages = xreallocarray (v->pages, cap, sizeof *v->pages);
          v->pages_cap = cap;
        }
      k = v->npages++;
      v->pages[k].cells = NULL;
      v->pages[k].cap = 0;
    }
  v->pages[k].n = 0;
  before = hmap_bytes (&v->index);
  hmap_put (&v->index, loc, k + 1);
  vm_charge (vm, (int64_t) hmap_bytes (&v->index) - (int64_t) before,
             BUDGET_VALUES);
  return &v->pages[k];
}

/* Room for N cells in P. */
static void
cells_room (struct vm *vm, struct vpage *p, uint32_t n)
{
  uint32_t cap;
  if (p->cap >= n)
    return;
  cap = p->cap ? p->cap * 2 : 4;
  if (cap < n)
    cap = n;
  vm_charge (vm, (int64_t) ((cap - p->cap) * sizeof *p->cells),
             BUDGET_VALUES);
  p->cells = xreallocarray (p->cells, cap, sizeof *p->cells);
  p->cap = cap;
}

void
values_drop (struct vm *vm, uint64_t loc)
{
  struct values *v = &vm->values;
  uint64_t i = hmap_get (&v->index, loc);
  if (!i)
    return;
  v->pages[i - 1].n = 0;
  hmap_put (&v->index, loc, 0);
  if (v->nfree == v->free_cap)
    {
      size_t cap = v->free_cap ? v->free_cap * 2 : 16;
      vm_charge (vm, (int64_t) ((cap - v->free_cap) * sizeof *v->free_pages),
                 BUDGET_VALUES);
      v->free_pages = xreallocarray (v->free_pages, cap,
                                     sizeof *v->free_pages);
      v->free_cap = cap;
    }
  v->free_pages[v->nfree++] = (size_t) (i - 1);
}

void
values_copy (struct vm *vm, uint64_t from, uint64_t to)
{
  struct values *v = &vm->values;
  const struct vpage *s;
  struct vpage *d;
  size_t si;

  if (from == to)
    return;
  s = page_of (v, from);
  if (!s)
    {
      values_drop (vm, to);
      return;
    }
  si = (size_t) (s - v->pages);
  d = page_make (vm, to);
  s = &v->pages[si];            /* page_make may have moved the array */
  cells_room (vm, d, s->n);
  memcpy (d->cells, s->cells, s->n * sizeof *s->cells);
  d->n = s->n;
}

const struct vcell *
values_get (const struct vm *vm, uint64_t loc, uint64_t offset)
{
  const struct vpage *p = page_of (&vm->values, loc);
  if (!p)
    return NULL;
  for (uint32_t i = 0; i < p->n; i++)
    if (p->cells[i].offset == offset)
      return &p->cells[i];
  return NULL;
}

void
values_set (struct vm *vm, uint64_t loc, const struct vcell *c)
{
  struct vpage *p = page_make (vm, loc);
  uint32_t i;
  for (i = 0; i < p->n && p->cells[i].offset < c->offset; i++)
    ;
  if (i < p->n && p->cells[i].offset == c->offset)
    {
      p->cells[i] = *c;
      return;
    }
  cells_room (vm, p, p->n + 1);
  memmove (p->cells + i + 1, p->cells + i, (p->n - i) * sizeof *p->cells);
  p->cells[i] = *c;
  p->n++;
}

/* Fill EV's value fields from cell C (NULL: nothing there). */
static void
event_value (struct vm_event *ev, const struct vcell *c)
{
  if (!c)
    return;
  ev->has_value = true;
  ev->value.value = c->value;
  ev->value.str = c->str;
  ev->value.by_pid = c->by_pid;
  ev->value.at_step = c->at_step;
  ev->value.offset = c->offset;
}

void
values_access (struct vm *vm, uint32_t pid, uint32_t frame,
               uint64_t offset, struct vm_event *ev)
{
  uint64_t loc = VLOC_FRAME (frame);
  if (ev->op == VM_WRITE && vm->wval)
    {
      struct vcell c;
      c.offset = offset;
      c.value = vm->wval->value;
      c.str = vm->wval->str;
      c.by_pid = pid;
      c.at_step = vm->step;
      values_set (vm, loc, &c);
      event_value (ev, &c);
    }
  else if (ev->op != VM_WRITE)
    event_value (ev, values_get (vm, loc, offset));
}

/* ---- the public side ------------------------------------------------ */

char *
vm_value_text (uint64_t value, bool str, char *buf)
{
  char *p = buf;
  if (!str)
    {
      snprintf (buf, VM_VALUE_TEXT, "%llu", (unsigned long long) value);
      return buf;
    }
  *p++ = '"';
  for (unsigned i = 0; i < 8; i++)
    {
      unsigned char ch = (unsigned char) (value >> (8 * i));
      if (!ch && !(value >> (8 * i)))
        break;
      if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\')
        p += sprintf (p, "\\x%02x", ch);
      else
        *p++ = (char) ch;
    }
  *p++ = '"';
  *p = 0;
  return buf;
}

enum vm_result
vm_access_value (struct vm *vm, uint32_t pid, uint64_t va, enum vm_op op,
                 uint64_t next_use, const struct vm_value *w,
                 struct vm_event *ev)
{
  enum vm_result res;
  vm->wval = w;
  res = vm_access (vm, pid, va, op, next_use, ev);
  vm->wval = NULL;
  return res;
}

bool
vm_file_set_value (struct vm *vm, uint32_t object, uint64_t byte,
                   uint64_t value, bool str)
{
  struct vcell c;
  if (object >= vm->nobjects || !vm->objects[object].file
      || (byte >> vm->shift) >= vm->objects[object].pages)
    return false;
  c.offset = byte & (vm->cfg.page_size - 1);
  c.value = value;
  c.str = str;
  c.by_pid = VM_NONE;
  c.at_step = VM_NEVER;
  values_set (vm, VLOC_FILE (object, byte >> vm->shift), &c);
  return true;
}

/* Put the cells at SRC's location LOC, of file page PAGE, into DST's
 * file DST_ID as file content. */
static void
carry_page (struct vm *dst, uint32_t dst_id, const struct vm *src,
            uint64_t loc, uint64_t page)
{
  const struct vpage *p = page_of (&src->values, loc);
  for (uint32_t i = 0; p && i < p->n; i++)
    vm_file_set_value (dst, dst_id,
                       (page << src->shift) + p->cells[i].offset,
                       p->cells[i].value, p->cells[i].str);
}

void
vm_file_carry (struct vm *dst, uint32_t dst_id, const struct vm *src,
               uint32_t src_id)
{
  const struct values *v = &src->values;
  if (src_id == VM_NONE || src_id >= src->nobjects
      || !src->objects[src_id].file)
    return;
  for (size_t i = 0; i < v->index.cap; i++)
    {
      uint64_t k = v->index.keys[i];
      if (v->index.vals[i] && k != UINT64_MAX
          && (k >> 40) == (VLOC_FILE (src_id, 0) >> 40))
        {
          uint64_t page = k & ((1ULL << 40) - 1);
          uint64_t st = hmap_get (&src->objects[src_id].map, page);
          if ((st & OBJ_KIND) == OBJ_FRAME
              && src->frames[st & ~OBJ_KIND].dirty)
            continue;           /* the copy in memory is newer */
          carry_page (dst, dst_id, src, k, page);
        }
    }
  for (uint32_t f = 0; f < src->frames_cap; f++)
    {
      const struct frame *fr = &src->frames[f];
      if (fr->used && fr->object == src_id && fr->dirty)
        carry_page (dst, dst_id, src, VLOC_FRAME (f), fr->object_page);
    }
}

/* Copy the cells at LOC into OUT (up to MAX); the number there. */
static size_t
cells_out (const struct vm *vm, uint64_t loc, struct vm_value *out,
           size_t max)
{
  const struct vpage *p = page_of (&vm->values, loc);
  size_t n = p ? p->n : 0;
  for (size_t i = 0; i < n && i < max; i++)
    {
      out[i].offset = p->cells[i].offset;
      out[i].value = p->cells[i].value;
      out[i].str = p->cells[i].str;
      out[i].by_pid = p->cells[i].by_pid;
      out[i].at_step = p->cells[i].at_step;
    }
  return n;
}

size_t
vm_frame_values (const struct vm *vm, uint32_t frame, struct vm_value *out,
                 size_t max)
{
  return cells_out (vm, VLOC_FRAME (frame), out, max);
}

size_t
vm_slot_values (const struct vm *vm, uint32_t slot, struct vm_value *out,
                size_t max)
{
  return cells_out (vm, VLOC_SLOT (slot), out, max);
}

size_t
vm_file_values (const struct vm *vm, uint32_t object, uint64_t page,
                struct vm_value *out, size_t max)
{
  return cells_out (vm, VLOC_FILE (object, page), out, max);
}

size_t
vm_page_values (const struct vm *vm, uint32_t pid, uint64_t vpn,
                struct vm_value *out, size_t max)
{
  struct vm_page_info pi;
  struct vm_region_info ri;
  vm_page_info (vm, pid, vpn, &pi);
  if (pi.state == VM_PAGE_RESIDENT)
    return vm_frame_values (vm, pi.frame, out, max);
  if (pi.state == VM_PAGE_SWAPPED)
    return vm_slot_values (vm, pi.slot, out, max);
  if (pi.state != VM_PAGE_NOT_PRESENT || pid >= vm->nprocs)
    return 0;
  for (size_t i = 0; vm_region_info (vm, pid, i, &ri); i++)
    if (vpn >= ri.start_vpn && vpn - ri.start_vpn < ri.pages)
      {
        uint64_t page = ri.object_page + (vpn - ri.start_vpn), st;
        if (ri.object == VM_NONE)
          return 0;
        st = hmap_get (&vm->objects[ri.object].map, page);
        if ((st & OBJ_KIND) == OBJ_FRAME)
          return vm_frame_values (vm, (uint32_t) (st & ~OBJ_KIND), out, max);
        if ((st & OBJ_KIND) == OBJ_SLOT)
          return vm_slot_values (vm, (uint32_t) (st & ~OBJ_KIND), out, max);
        return vm->objects[ri.object].file
                 ? vm_file_values (vm, ri.object, page, out, max) : 0;
      }
  return 0;
}
