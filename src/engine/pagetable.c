/* pagetable.c: sparse multi-level page tables: nodes made on demand,
 * each a hash map of its entries until a plain array of the whole level
 * costs no more (see vm-internal.h), so memory follows the pages touched
 * and never the width of a level. */
#include "system.h"

#include "engine/vm-internal.h"
#include "util.h"

uint32_t
pt_node_new (struct vm *vm, unsigned level)
{
  uint32_t id;
  struct pt_node *n;
  unsigned bits = vm->cfg.level_bits[level];

  for (id = vm->free_node; id < vm->nnodes; id++)
    if (!vm->nodes[id].live)
      break;
  if (id == vm->nnodes)
    {
      if (vm->nnodes == vm->nodes_cap)
        {
          size_t cap = vm->nodes_cap ? vm->nodes_cap + vm->nodes_cap / 2 : 16;
          vm_charge (vm, (int64_t) ((cap - vm->nodes_cap) * sizeof *vm->nodes),
                     BUDGET_PAGE_TABLES);
          vm->nodes_cap = cap;
          vm->nodes = xreallocarray (vm->nodes, vm->nodes_cap, sizeof *vm->nodes);
        }
      vm->nnodes++;
    }
  vm->free_node = id + 1;
  n = &vm->nodes[id];
  memset (n, 0, sizeof *n);
  n->live = true;
  n->level = level;
  n->frame = NIL;
  hmap_init (&n->sparse);
  if (bits <= DENSE_START_BITS)
    {
      vm_charge (vm, (int64_t) sizeof *n->dense << bits, BUDGET_PAGE_TABLES);
      n = &vm->nodes[id];
      n->dense = xcalloc ((size_t) 1 << bits, sizeof *n->dense);
    }
  vm->st.page_table_pages++;
  return id;
}

void
pt_node_free (struct vm *vm, uint32_t id)
{
  struct pt_node *n = &vm->nodes[id];
  vm->leaf_pid = NIL;
  if (n->dense)
    vm_charge (vm, -((int64_t) sizeof *n->dense
                     << vm->cfg.level_bits[n->level]), BUDGET_PAGE_TABLES);
  vm_charge (vm, -(int64_t) hmap_bytes (&n->sparse), BUDGET_PAGE_TABLES);
  free (n->dense);
  hmap_destroy (&n->sparse);
  n->dense = NULL;
  n->live = false;
  if (n->frame != NIL)
    {
      vm->frames[n->frame].lock = 0;
      vm->frames[n->frame].pt = false;
      frame_release (vm, n->frame);
    }
  if (id < vm->free_node)
    vm->free_node = id;
  vm->st.page_table_pages--;
}

/* Turn node N's map into an array of its whole level. */
static void
pt_densify (struct vm *vm, struct pt_node *n)
{
  unsigned bits = vm->cfg.level_bits[n->level];
  uint64_t *d;
  vm_charge (vm, ((int64_t) sizeof *d << bits)
             - (int64_t) hmap_bytes (&n->sparse), BUDGET_PAGE_TABLES);
  d = xcalloc ((size_t) 1 << bits, sizeof *d);
  for (size_t i = 0; i < n->sparse.cap; i++)
    if (n->sparse.keys[i] != UINT64_MAX)
      d[n->sparse.keys[i]] = n->sparse.vals[i];
  if (!n->sparse.cap && n->one_val)
    d[n->one_key] = n->one_val;
  n->one_val = 0;
  hmap_destroy (&n->sparse);
  n->dense = d;
}

void
pt_set (struct vm *vm, uint32_t node, uint64_t index, uint64_t e)
{
  struct pt_node *n = &vm->nodes[node];
  uint64_t *slot = n->dense ? &n->dense[index]
                   : hmap_find (&n->sparse, index);
  uint64_t old = slot ? *slot : pt_get (vm, node, index);
  if (!old && !e)
    return;
  if (n->level + 1 < vm->cfg.levels)
    vm->leaf_pid = NIL;         /* the quiet path's leaf may move */
  if (slot)
    {
      /* an array's entry, or a key the map holds (a key once put stays,
       * with 0 for an empty entry): set in place */
      *slot = e;
      if (!old)
        n->used++;
      else if (!e)
        n->used--;
      return;
    }
  if (!n->dense && !n->sparse.cap && (!n->one_val || n->one_key == index))
    {
      /* no entry yet, or the only one: kept in the node */
      n->one_key = index;
      n->one_val = e;
      if (!old && e)
        n->used++;
      else if (old && !e)
        n->used--;
      return;
    }
  if (!n->dense && (n->sparse.len + (n->sparse.cap ? 1 : 2)) * 2 > n->sparse.cap)
    {
      /* The map is about to grow (or be made for a second entry): an
       * array may now cost no more. */
      unsigned bits = vm->cfg.level_bits[n->level];
      size_t next = n->sparse.cap ? n->sparse.cap * 2 : HMAP_MIN_CAP;
      size_t grown = next * 2 * sizeof (uint64_t) + HMAP_ALLOC_OVERHEAD;
      if (bits <= DENSE_MAX_BITS
          && ((size_t) 1 << bits) * sizeof *n->dense <= grown)
        pt_densify (vm, n);
      else
        vm_charge (vm, (int64_t) (grown - hmap_bytes (&n->sparse)),
                   BUDGET_PAGE_TABLES);
    }
  if (!n->dense && !n->sparse.cap)
    {
      /* the node's own entry moves into the new map */
      hmap_put (&n->sparse, n->one_key, n->one_val);
      n->one_val = 0;
    }
  if (n->dense)
    n->dense[index] = e;
  else
    hmap_put (&n->sparse, index, e);
  if (!old && e)
    n->used++;
  else if (old && !e)
    n->used--;
}

void
vm_split (const struct vm *vm, uint64_t vpn, uint64_t index[VM_MAX_LEVELS])
{
  for (unsigned i = 0; i < vm->cfg.levels; i++)
    index[i] = (vpn >> vm->lvl_shift[i]) & vm->lvl_mask[i];
}

/* Put a new page-table node in a frame when the machine asks for it. */
void
pt_place (struct vm *vm, uint32_t id, uint32_t pid)
{
  uint32_t f;
  if (!vm->cfg.page_tables_in_frames)
    return;
  f = vm_get_frame (vm, pid, vm->ev);
  if (f == NIL)
    return;
  frame_take (vm, f);
  vm->frames[f].pt = true;
  vm->frames[f].lock = 1;
  vm->frames[f].loaded_at = vm->step;
  vm->nodes[id].frame = f;
}

bool
pt_leaf (struct vm *vm, uint32_t pid, uint64_t vpn, unsigned leaf_level,
         bool create, uint32_t *node, uint64_t *index)
{
  uint32_t n = vm->procs[pid].root;
  unsigned last = vm->cfg.levels - 1;
  uint64_t prefix = vpn >> vm->cfg.level_bits[last];

  if (n == NIL)
    return false;
  if (leaf_level == last && pid == vm->leaf_pid && prefix == vm->leaf_prefix)
    {
      *node = vm->leaf_node;
      *index = vpn & vm->lvl_mask[last];
      return true;
    }
  for (unsigned l = 0; l < leaf_level; l++)
    {
      uint64_t i = (vpn >> vm->lvl_shift[l]) & vm->lvl_mask[l];
      uint64_t e = pt_get (vm, n, i);
      if (!(e & VM_PTE_TABLE))
        {
          uint32_t child;
          if (!create)
            return false;
          child = pt_node_new (vm, l + 1);
          vm->procs[pid].pt_nodes++;
          pt_set (vm, n, i, pte_make (child, VM_PTE_TABLE | VM_PTE_P
                                      | VM_PTE_W | VM_PTE_U | VM_PTE_R
                                      | VM_PTE_X));
          pt_place (vm, child, pid);
          if (!vm->procs[pid].alive)
            return false;
          e = pt_get (vm, n, i);
        }
      n = (uint32_t) pte_target (e);
    }
  if (leaf_level == last)
    {
      vm->leaf_pid = pid;
      vm->leaf_prefix = prefix;
      vm->leaf_node = n;
    }
  *node = n;
  *index = (vpn >> vm->lvl_shift[leaf_level]) & vm->lvl_mask[leaf_level];
  return true;
}

static void
pt_destroy_level (struct vm *vm, uint32_t id)
{
  struct pt_node *n = &vm->nodes[id];
  unsigned bits = vm->cfg.level_bits[n->level];
  if (n->dense)
    {
      for (uint64_t i = 0; i < (1ULL << bits); i++)
        if (n->dense[i] & VM_PTE_TABLE)
          pt_destroy_level (vm, (uint32_t) pte_target (n->dense[i]));
    }
  else if (!n->sparse.cap)
    {
      if (n->one_val & VM_PTE_TABLE)
        pt_destroy_level (vm, (uint32_t) pte_target (n->one_val));
    }
  else
    {
      for (size_t i = 0; i < n->sparse.cap; i++)
        if (n->sparse.keys[i] != UINT64_MAX
            && (n->sparse.vals[i] & VM_PTE_TABLE))
          pt_destroy_level (vm, (uint32_t) pte_target (vm->nodes[id].sparse.vals[i]));
    }
  pt_node_free (vm, id);
}

void
pt_destroy (struct vm *vm, uint32_t root)
{
  if (root != NIL && vm->nodes[root].live)
    pt_destroy_level (vm, root);
}

static int
cmp_u64 (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
  return x < y ? -1 : x > y;
}

static void
pt_foreach_node (struct vm *vm, uint32_t id, uint64_t prefix,
                 void (*fn) (struct vm *, uint64_t, unsigned, uint64_t, void *),
                 void *ctx)
{
  unsigned level = vm->nodes[id].level;
  unsigned bits = vm->cfg.level_bits[level];
  unsigned below = 0;
  bool leaf = level + 1 == vm->cfg.levels;

  for (unsigned l = level + 1; l < vm->cfg.levels; l++)
    below += vm->cfg.level_bits[l];

  if (vm->nodes[id].dense)
    {
      for (uint64_t i = 0; i < (1ULL << bits); i++)
        {
          uint64_t e = vm->nodes[id].dense[i];
          uint64_t vpn = ((prefix << bits) | i) << below;
          if (!e)
            continue;
          if (!leaf && (e & VM_PTE_TABLE))
            pt_foreach_node (vm, (uint32_t) pte_target (e), (prefix << bits) | i,
                             fn, ctx);
          else
            fn (vm, vpn, level, e, ctx);
        }
    }
  else
    {
      /* Hash order is not vpn order: collect and sort the keys first. */
      size_t n = 0, cap = vm->nodes[id].sparse.len;
      uint64_t *keys = xreallocarray (NULL, cap ? cap : 1, sizeof *keys);
      for (size_t i = 0; i < vm->nodes[id].sparse.cap; i++)
        if (vm->nodes[id].sparse.keys[i] != UINT64_MAX
            && vm->nodes[id].sparse.vals[i])
          keys[n++] = vm->nodes[id].sparse.keys[i];
      if (!vm->nodes[id].sparse.cap && vm->nodes[id].one_val)
        keys[n++] = vm->nodes[id].one_key;
      qsort (keys, n, sizeof *keys, cmp_u64);
      for (size_t k = 0; k < n; k++)
        {
          uint64_t i = keys[k];
          uint64_t e = pt_node_get (&vm->nodes[id], i);
          if (!e)
            continue;
          if (!leaf && (e & VM_PTE_TABLE))
            pt_foreach_node (vm, (uint32_t) pte_target (e), (prefix << bits) | i,
                             fn, ctx);
          else
            fn (vm, ((prefix << bits) | i) << below, level, e, ctx);
        }
      free (keys);
    }
}

void
pt_foreach (struct vm *vm, uint32_t root,
            void (*fn) (struct vm *, uint64_t, unsigned, uint64_t, void *),
            void *ctx)
{
  if (root != NIL && vm->nodes[root].live)
    pt_foreach_node (vm, root, 0, fn, ctx);
}
