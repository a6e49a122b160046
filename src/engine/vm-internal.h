/* vm-internal.h: the engine's data structures, shared by the engine sources
 * only.  Nothing outside the engine includes this file.
 *
 * Page tables: every node lives in vm->nodes and is named by its index.
 * An entry is a uint64_t: VM_PTE_* bits in the low 16 bits, the target
 * (child node, frame or swap slot) above them.  A node starts as a hash
 * map of its non-empty entries and becomes a plain array of 1 << bits
 * entries when the array would be no bigger than the map (levels of up to
 * DENSE_MAX_BITS bits; narrow levels start as arrays), so a node costs
 * what its entries do, whatever the width of its level.  A node with a
 * single entry keeps it in the node itself (one_key, one_val), without a
 * map: a sparse address space has many such nodes.
 *
 * Frames: only frames below vm->frames_cap have metadata; it grows (by
 * doubling) as the lowest free frames are taken, so a machine of a
 * million frames costs what the run uses.  A frame at or above
 * frames_cap is free and has never been used.
 * vm->frames[f] says who maps the frame (a reverse map of
 * (pid, vpn) owners), whether it holds a page of a memory object, its
 * swap-cache slot, its pin count and the replacement policy's state.
 * FIFO and LRU keep used frames on one doubly linked list (oldest at the
 * head); clock keeps a hand; opt keeps each frame's next use. */
#ifndef VMTUTOR_VM_INTERNAL_H
#define VMTUTOR_VM_INTERNAL_H

#include "budget.h"
#include "engine/hmap.h"
#include "engine/vm.h"

#define PTE_SHIFT 16
#define PTE_FLAGS 0xffffu
#define DENSE_MAX_BITS 24       /* widest level a node may be an array for */
#define DENSE_START_BITS 3      /* narrower levels start as arrays */
#define NIL UINT32_MAX

static inline uint64_t
pte_target (uint64_t e)
{
  return e >> PTE_SHIFT;
}

static inline uint64_t
pte_make (uint64_t target, uint32_t bits)
{
  return (target << PTE_SHIFT) | bits;
}

struct pt_node
{
  uint64_t *dense;      /* 1 << bits entries, or NULL */
  struct hmap sparse;   /* the entries while dense is NULL, if more than one */
  uint64_t one_key;     /* while dense is NULL and the map empty: the */
  uint64_t one_val;     /*   only entry (0: none) */
  unsigned level;       /* 0 = top */
  uint32_t frame;       /* frame holding it (page_tables_in_frames), or NIL */
  uint32_t used;        /* non-zero entries */
  bool live;
};

struct owner
{
  uint32_t pid;
  uint64_t vpn;
};

struct frame
{
  bool used;
  bool dirty;
  bool ref;             /* clock reference bit */
  bool pt;              /* holds a page-table node */
  bool huge;            /* part of a huge page (never evicted) */
  uint32_t lock;        /* > 0: pinned */
  uint32_t nowners;
  uint32_t owners_cap;
  struct owner *owners; /* reverse map; owners[0] is the first */
  uint32_t object;      /* NIL for anonymous */
  uint64_t object_page;
  uint32_t slot;        /* swap cache slot, NIL if none */
  uint64_t loaded_at;
  uint64_t last_use;
  uint64_t next_use;
  uint32_t prev, next;  /* fifo/lru list */
};

struct region
{
  uint64_t start;       /* vpn */
  uint64_t pages;
  unsigned perm;        /* VM_PERM_* | VM_MAP_* */
  uint32_t object;      /* NIL: private anonymous */
  uint64_t object_page;
  unsigned huge_level;  /* 0 or the 1-based level of huge leaves */
  char *name;
};

struct proc
{
  char *name;
  uint32_t parent;
  bool alive;
  uint32_t asid;
  uint32_t root;        /* page-table node */
  struct region *regions; /* sorted by start */
  size_t nregions, cap;
  size_t last_region;   /* lookup cache */
  uint64_t base, limit; /* unpaged machines */
  uint64_t rss;         /* resident pages mapped */
  uint64_t swapped;     /* pages whose PTE names a swap slot */
  uint64_t pt_nodes;    /* page-table nodes of its tree (root included) */
  struct region *gone;  /* unmapped regions, oldest first: their names
                           still label the pages in the log */
  size_t ngone;
  enum vm_end end;      /* how it ended (VM_END_NONE while alive) */
  uint64_t end_step;    /* access number at its end */
};

/* Object page state in object->pages: kind in the top bits. */
#define OBJ_FRAME (1ULL << 62)
#define OBJ_SLOT (2ULL << 62)
#define OBJ_KIND (3ULL << 62)

struct object
{
  char *name;
  bool file;
  bool store;           /* the backing store of a refs or trace run */
  uint64_t pages;
  struct hmap map;      /* page -> OBJ_FRAME|frame or OBJ_SLOT|slot */
};

struct tlb_entry
{
  uint64_t vpn;         /* first vpn covered (aligned) */
  uint64_t mask;        /* ~(pages - 1) */
  uint32_t asid;        /* pid when ASIDs are off */
  uint32_t frame;       /* first frame */
  uint32_t bits;
  bool valid;
  uint64_t stamp;
  uint32_t older, newer; /* the set's replacement order (valid entries) */
  uint32_t set;         /* slot / ways, kept to spare a division */
};

/* evicted.c: when each page ever evicted left memory, and by whose
 * access.  maps[pid]: vpn -> index + 1 into recs. */
struct evict_rec
{
  uint64_t step;        /* access number of the eviction */
  uint32_t by_pid;      /* process whose access evicted it, or NIL */
  uint64_t by_vpn;      /* the page that access wanted */
};

struct evict_hist
{
  struct hmap *maps;
  size_t nmaps;
  struct evict_rec *recs;
  size_t nrecs, cap;
  bool off;             /* not kept (vm_keep_history) */
};

/* values.c: cells of written values per location (see values.c). */
#define VLOC_FRAME(f) ((1ULL << 62) | (uint64_t) (f))
#define VLOC_SLOT(s) ((2ULL << 62) | (uint64_t) (s))
#define VLOC_FILE(o, p) ((3ULL << 62) | ((uint64_t) (o) << 40) \
                         | ((uint64_t) (p) & ((1ULL << 40) - 1)))

struct vcell
{
  uint64_t offset;
  uint64_t value;
  uint64_t at_step;
  uint32_t by_pid;
  bool str;
};

struct vpage
{
  struct vcell *cells;  /* sorted by offset */
  uint32_t n, cap;
};

struct values
{
  struct hmap index;    /* location -> 1 + index in pages */
  struct vpage *pages;
  size_t npages, pages_cap;
  size_t *free_pages;   /* emptied pages to reuse */
  size_t nfree, free_cap;
};

struct vm
{
  struct vm_config cfg;
  unsigned shift;               /* log2 page size */
  uint64_t vpn_limit;           /* 1 << (va_bits - shift), or 0 for 2^64 */
  unsigned lvl_shift[VM_MAX_LEVELS]; /* index of level l: vpn >> shift ... */
  uint64_t lvl_mask[VM_MAX_LEVELS];  /* ... & mask */
  bool quiet;                   /* vm_set_quiet: no walk in the events */
  uint64_t hit_cost_tlb;        /* cost of a hit found in the TLB */
  uint64_t hit_cost_walk;       /* cost of a hit found by a full walk */
  uint64_t offset_mask;         /* page_size - 1 */
  uint32_t leaf_pid;            /* quiet path: the last leaf table walked */
  uint32_t leaf_node;           /*   to (NIL pid: none), for vpns of */
  uint64_t leaf_prefix;         /*   prefix vpn >> bits of the last level */
  uint64_t step;
  struct vm_stats st;

  struct proc *procs;
  size_t nprocs, procs_cap;
  uint32_t current;

  struct pt_node *nodes;
  size_t nnodes, nodes_cap;
  uint32_t free_node;           /* lowest free slot hint */

  uint64_t charged;             /* bytes charged to the budget */

  struct frame *frames;         /* frames_cap entries */
  uint32_t frames_cap;
  uint32_t frame_hint;          /* no free frame below this */
  uint64_t *frame_free;         /* bitmap: bit f set when frame f is free */
  uint32_t frames_used;
  uint32_t list_head, list_tail;
  uint32_t hand;
  uint32_t sc00;                /* sc-dirty: used frames with ref 0, clean */
  uint64_t *sc00_bits;          /* sc-dirty: bitmap of those frames */
  uint32_t *opt_heap;           /* opt: frames, best victim on top */
  uint32_t *opt_pos;            /* opt: each frame's heap index, or NIL */
  uint32_t opt_n;
  uint64_t *more_count;         /* policy-more.c: a counter per frame */
  uint64_t more_ticks;          /* policy-more.c: ticks done */
  uint64_t *more_ghost;         /* 2q: the a1out ring of page keys */
  uint32_t more_ghost_n, more_ghost_head;

  uint32_t *slot_ref;           /* reference count per swap slot */
  struct owner *slot_owner;     /* first owner, for display */
  uint32_t *slot_object;        /* object of an shm slot, or NIL */
  uint32_t nslots;              /* allocated length */
  uint32_t slot_hint;
  uint32_t slots_used;

  struct object *objects;
  size_t nobjects, objects_cap;

  struct tlb_entry *tlb;
  int32_t *tlb_index;           /* hash (asid, vpn, size) -> entry, -1 empty */
  uint64_t *tlb_free;           /* per set: bitmap of invalid ways */
  uint32_t tlb_words;           /* bitmap words per set */
  uint32_t tlb_index_mask;
  uint32_t tlb_sets, tlb_ways;
  uint32_t *tlb_oldest;         /* per set: the next victim, or NIL */
  uint32_t *tlb_newest;         /* per set: the last filled or used */
  uint64_t tlb_clock;
  bool have_huge;               /* some mapping uses huge pages */

  uint64_t rng;
  struct vm_event *ev;          /* the access in progress, or NULL */
  struct evict_hist evicted;    /* evicted.c */
  struct values values;         /* values.c */
  const struct vm_value *wval;  /* the value the access in progress writes */
};

/* Entry I of node N. */
static inline uint64_t
pt_node_get (const struct pt_node *n, uint64_t i)
{
  if (n->dense)
    return n->dense[i];
  if (n->sparse.cap)
    return hmap_get (&n->sparse, i);
  return n->one_key == i ? n->one_val : 0;
}

/* Charge DELTA bytes held by VM for WHAT to the budget (budget.h). */
static inline void
vm_charge (struct vm *vm, int64_t delta, const char *what)
{
  vm->charged += (uint64_t) delta;
  budget_charge (delta, what);
}

/* config.c */
unsigned vm_log2 (uint64_t v);

/* pagetable.c */
uint32_t pt_node_new (struct vm *vm, unsigned level);
void pt_node_free (struct vm *vm, uint32_t id);
/* With page_tables_in_frames, give node ID a pinned frame (PID faults). */
void pt_place (struct vm *vm, uint32_t id, uint32_t pid);
/* Entry INDEX of node NODE (inline: every fault reads a few). */
static inline uint64_t
pt_get (const struct vm *vm, uint32_t node, uint64_t index)
{
  return pt_node_get (&vm->nodes[node], index);
}
void pt_set (struct vm *vm, uint32_t node, uint64_t index, uint64_t e);
void vm_split (const struct vm *vm, uint64_t vpn, uint64_t index[VM_MAX_LEVELS]);
/* Leaf entry for VPN: walks and, with CREATE, makes the nodes down to
 * LEAF_LEVEL (0-based level of the leaf); returns the node and index of the
 * leaf entry, or false if a level is missing (CREATE false). */
bool pt_leaf (struct vm *vm, uint32_t pid, uint64_t vpn, unsigned leaf_level,
              bool create, uint32_t *node, uint64_t *index);
/* Free a process's whole tree. */
void pt_destroy (struct vm *vm, uint32_t root);
/* Call FN for every non-empty leaf entry (huge leaves included) of the
 * tree at ROOT, in vpn order.  FN must not change the tree's shape. */
void pt_foreach (struct vm *vm, uint32_t root,
                 void (*fn) (struct vm *vm, uint64_t vpn, unsigned level,
                             uint64_t entry, void *ctx),
                 void *ctx);

/* tlb.c */
void tlb_init (struct vm *vm);
int tlb_lookup (struct vm *vm, uint32_t asid, uint64_t vpn);
/* The hash index's home slot of (ASID, first VPN, MASK). */
static inline uint32_t
tlb_key_hash (const struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t mask)
{
  /* multiplicative: the high half of the product mixes every key bit */
  uint64_t k = (vpn ^ ((uint64_t) asid << 40) ^ ~mask) * 0x9E3779B97F4A7C15ULL;
  return (uint32_t) (k >> 32) & vm->tlb_index_mask;
}

/* The slot of the entry of PAGES pages (a power of two) covering VPN
 * for ASID, or -1; changes nothing. */
static inline int
tlb_probe (const struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t pages)
{
  uint64_t mask = ~(pages - 1), base = vpn & mask;
  for (uint32_t i = tlb_key_hash (vm, asid, base, mask);; i = (i + 1) & vm->tlb_index_mask)
    {
      int32_t s = vm->tlb_index[i];
      if (s < 0)
        return -1;
      const struct tlb_entry *e = &vm->tlb[s];
      if (e->vpn == base && e->mask == mask && e->asid == asid)
        return s;
    }
}

/* Fill the TLB with the translation of VPN (PAGES pages from FRAME);
 * without PROBE the caller knows the TLB holds no entry for it (its
 * lookup just missed).  The entry's slot. */
int tlb_fill (struct vm *vm, uint32_t asid, uint64_t vpn, uint64_t pages,
              uint32_t frame, uint32_t bits, bool probe);
/* The slot translating VPN for ASID, or -1; changes nothing. */
int tlb_find (const struct vm *vm, uint32_t asid, uint64_t vpn);
/* The TLB's replacement order: each set's valid entries, oldest first
 * (inline: a hit moves its entry on the access path). */
/* Take SLOT out of its set's order. */
static inline void
order_unlink (struct vm *vm, uint32_t slot)
{
  struct tlb_entry *e = &vm->tlb[slot];
  uint32_t set = e->set;
  if (e->older != NIL)
    vm->tlb[e->older].newer = e->newer;
  else
    vm->tlb_oldest[set] = e->newer;
  if (e->newer != NIL)
    vm->tlb[e->newer].older = e->older;
  else
    vm->tlb_newest[set] = e->older;
  e->older = e->newer = NIL;
}

/* Put SLOT last (newest) in its set's order. */
static inline void
order_append (struct vm *vm, uint32_t slot)
{
  struct tlb_entry *e = &vm->tlb[slot];
  uint32_t set = e->set;
  e->older = vm->tlb_newest[set];
  e->newer = NIL;
  if (e->older != NIL)
    vm->tlb[e->older].newer = slot;
  else
    vm->tlb_oldest[set] = slot;
  vm->tlb_newest[set] = slot;
}

/* Count a hit on SLOT in the replacement order (lru). */
static inline void
tlb_used (struct vm *vm, uint32_t slot)
{
  if (vm->cfg.tlb_policy == VM_TLB_LRU)
    {
      struct tlb_entry *const tl = vm->tlb, *e = &tl[slot];
      uint32_t set = e->set, newest = vm->tlb_newest[set], older, newer;
      e->stamp = ++vm->tlb_clock;
      if (newest == slot)
        return;
      /* order_unlink then order_append, knowing that SLOT has a newer
       * entry (it is not the newest) */
      older = e->older;
      newer = e->newer;
      tl[newer].older = older;
      if (older != NIL)
        tl[older].newer = newer;
      else
        vm->tlb_oldest[set] = newer;
      e->older = newest;
      e->newer = NIL;
      tl[newest].newer = slot;
      vm->tlb_newest[set] = slot;
    }
}


uint32_t tlb_invalidate (struct vm *vm, uint32_t asid, uint64_t vpn);
uint32_t tlb_invalidate_range (struct vm *vm, uint32_t asid, uint64_t start,
                               uint64_t pages);
uint32_t tlb_flush (struct vm *vm, uint32_t asid_or_nil);

/* frames.c */
/* Make frames below N (at most cfg.frames) have metadata. */
void frames_reserve (struct vm *vm, uint64_t n);
uint32_t frame_alloc_free (struct vm *vm);
uint32_t frame_alloc_run (struct vm *vm, uint32_t n);
void frame_take (struct vm *vm, uint32_t f);
void frame_release (struct vm *vm, uint32_t f);
void frame_add_owner (struct vm *vm, uint32_t f, uint32_t pid, uint64_t vpn);
void frame_del_owner (struct vm *vm, uint32_t f, uint32_t pid, uint64_t vpn);
uint32_t slot_alloc (struct vm *vm);
void slot_ref (struct vm *vm, uint32_t s);
void slot_unref (struct vm *vm, uint32_t s);

/* policy.c */
void policy_loaded (struct vm *vm, uint32_t f, uint64_t next_use);
/* opt: frame F's next use changed; restore the heap. */
void opt_update (struct vm *vm, uint32_t f);
void policy_init (struct vm *vm);
void policy_unlink (struct vm *vm, uint32_t f);
/* Put F (not on the list) at the tail of the fifo/lru list. */
void policy_append (struct vm *vm, uint32_t f);
uint32_t policy_victim (struct vm *vm, uint32_t faulting_pid);
/* May frame F be evicted for a fault of PID (not pinned, not a page
 * table, in scope)? */
bool policy_candidate (const struct vm *vm, uint32_t f, uint32_t pid);

/* policy-more.c: the policies after sc-dirty (vm.h).  _init allocates
 * their state; _touch and _loaded run first in policy_touch and
 * policy_loaded; _victim is policy_victim for them. */
void policy_more_init (struct vm *vm);
void policy_more_touch (struct vm *vm, uint32_t f);
void policy_more_loaded (struct vm *vm, uint32_t f);
uint32_t policy_more_victim (struct vm *vm, uint32_t pid);
/* ws: before access vm->step, evict every page outside the working set
 * (last used more than tau accesses ago), least recently used first;
 * EV (or NULL) counts them and describes the first. */
void policy_ws_expire (struct vm *vm, struct vm_event *ev);
/* Set frame FR's reference and dirty bits, keeping sc-dirty's count of
 * unreferenced clean frames (it lets sc-dirty skip a sweep that cannot
 * find one). */
static inline void
frame_mark (struct vm *vm, struct frame *fr, bool ref, bool dirty)
{
  if (vm->cfg.policy == VM_POLICY_SC_DIRTY && fr->used
      && (!ref && !dirty) != (!fr->ref && !fr->dirty))
    {
      uint32_t f = (uint32_t) (fr - vm->frames);
      if (!ref && !dirty)
        {
          vm->sc00++;
          vm->sc00_bits[f / 64] |= 1ULL << (f % 64);
        }
      else
        {
          vm->sc00--;
          vm->sc00_bits[f / 64] &= ~(1ULL << (f % 64));
        }
    }
  fr->ref = ref;
  fr->dirty = dirty;
}

/* Frame F to the tail of the policy list, the place of the page used
   last (the lru touch; no opt heap is involved), unlinking it first when
   it is on the list: policy_unlink then policy_append, inline for the
   hit paths. */
static inline void
list_move_tail (struct vm *vm, uint32_t f)
{
  struct frame *const frames = vm->frames, *fr = &frames[f];
  if (fr->prev != NIL || vm->list_head == f)
    {
      if (fr->prev != NIL)
        frames[fr->prev].next = fr->next;
      else
        vm->list_head = fr->next;
      if (fr->next != NIL)
        frames[fr->next].prev = fr->prev;
      else
        vm->list_tail = fr->prev;
    }
  fr->prev = vm->list_tail;
  fr->next = NIL;
  if (vm->list_tail != NIL)
    frames[vm->list_tail].next = f;
  else
    vm->list_head = f;
  vm->list_tail = f;
}

static inline __attribute__ ((always_inline)) void
policy_touch (struct vm *vm, uint32_t f, uint64_t next_use)
{
  struct frame *fr = &vm->frames[f];
  if (vm->cfg.policy > VM_POLICY_SC_DIRTY)
    policy_more_touch (vm, f);
  frame_mark (vm, fr, true, fr->dirty);
  fr->last_use = vm->step;
  if (fr->next_use != next_use)
    {
      fr->next_use = next_use;
      if (vm->opt_pos)
        opt_update (vm, f);
    }
  if ((vm->cfg.policy == VM_POLICY_LRU || vm->cfg.policy == VM_POLICY_MRU
       || vm->cfg.policy == VM_POLICY_WS)
      && f != vm->list_tail && !fr->huge)
    {
      /* move to the tail (most recently used) */
      list_move_tail (vm, f);
    }
}
uint64_t rng_next (struct vm *vm);

/* fault.c */
enum vm_result vm_fault (struct vm *vm, uint32_t pid, uint64_t vpn,
                         enum vm_op op, uint64_t next_use,
                         struct vm_event *ev);
/* Evict frame F (whatever it holds); fills the victim fields of EV if
 * not NULL.  False if the page cannot be evicted (no swap slot). */
bool vm_evict (struct vm *vm, uint32_t f, struct vm_event *ev);
/* A free frame for PID, evicting or OOM-killing as needed; NIL if PID
 * itself was killed. */
uint32_t vm_get_frame (struct vm *vm, uint32_t pid, struct vm_event *ev);
/* N free frames (a run of N aligned, for a huge page) for PID, likewise
 * (EV may be NULL). */
uint32_t get_frames (struct vm *vm, uint32_t pid, uint32_t n,
                     struct vm_event *ev);
void vm_kill (struct vm *vm, uint32_t pid);
/* Drop PID's mapping of VPN (whatever its state). */
void vm_drop_page (struct vm *vm, uint32_t pid, uint64_t vpn);

/* vm.c */
/* A copy of N elements of SIZE bytes at P (NULL for none). */
void *dup_array (const void *p, size_t n, size_t size);

/* evicted.c */
/* PID's page VPN is being evicted now (by the access in vm->ev). */
void evicted_note (struct vm *vm, uint32_t pid, uint64_t vpn);
bool evicted_get (const struct vm *vm, uint32_t pid, uint64_t vpn,
                  struct evict_rec *out);
/* Fill EV's evicted_at/evicted_by fields for PID's page VPN. */
void evicted_event (const struct vm *vm, uint32_t pid, uint64_t vpn,
                    struct vm_event *ev);
/* Forget PID's pages in [START, END): unmapped, a later mapping there
 * is new memory. */
void evicted_forget (struct vm *vm, uint32_t pid, uint64_t start,
                     uint64_t end);
/* CHILD inherits PARENT's history (fork). */
void evicted_fork (struct vm *vm, uint32_t parent, uint32_t child);
void evicted_copy (struct evict_hist *dst, const struct evict_hist *src);
void evicted_free (struct evict_hist *h);
size_t evicted_bytes (const struct evict_hist *h);

/* values.c */
void values_init (struct values *v);
void values_free (struct values *v);
void values_copy_all (struct values *dst, const struct values *src);
size_t values_bytes (const struct values *v);
/* Forget what location LOC holds. */
void values_drop (struct vm *vm, uint64_t loc);
/* Make location TO hold what FROM holds (nothing if FROM holds nothing). */
void values_copy (struct vm *vm, uint64_t from, uint64_t to);
const struct vcell *values_get (const struct vm *vm, uint64_t loc,
                                uint64_t offset);
void values_set (struct vm *vm, uint64_t loc, const struct vcell *c);
/* The access EV by PID reached byte OFFSET of FRAME: store the value
 * written (vm->wval) or report the value read. */
void values_access (struct vm *vm, uint32_t pid, uint32_t frame,
                    uint64_t offset, struct vm_event *ev);

/* access.c */
/* Finish an access that reached frame F (the first frame of a huge page
 * when PAGES > 1) with leaf bits BITS: the policy sees the use, a write
 * dirties the frame, EV gets the frame and physical address, and with
 * FILL the TLB gets an entry.  Every access path ends here. */
void access_finish (struct vm *vm, uint32_t pid, uint64_t vpn, enum vm_op op,
                    uint32_t f, uint64_t pages, uint32_t bits,
                    uint64_t next_use, bool fill, struct vm_event *ev);
/* region.c */
struct region *proc_region (struct vm *vm, uint32_t pid, uint64_t vpn);
const struct region *proc_region_c (const struct vm *vm, uint32_t pid,
                                    uint64_t vpn);
unsigned region_leaf_level (const struct vm *vm, const struct region *r);
uint64_t region_huge_pages (const struct vm *vm, const struct region *r);
/* VM_PTE_R/W/X/U for the permissions of R. */
uint32_t region_pte_bits (const struct region *r);

#endif
