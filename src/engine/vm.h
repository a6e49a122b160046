/* vm.h: the paging engine's public interface.
 *
 * The engine models one machine: physical frames, a swap device, a TLB,
 * processes with sparse multi-level page tables, memory objects (files and
 * shared anonymous memory) and a replacement policy.  It never prints,
 * never reads files and never touches the screen: every access fills a
 * `struct vm_event` saying exactly what happened, and the views read that
 * and the state accessors below.  See DESIGN.md, "Engine semantics".
 *
 * Units: a virtual page number (vpn) is va >> page_shift of its process;
 * frames and swap slots are numbered from 0.  "Never" is VM_NEVER. */
#ifndef VMTUTOR_VM_H
#define VMTUTOR_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VM_MAX_LEVELS 6
#define VM_MAX_TLB 4096
#define VM_MAX_FRAMES (1u << 20) /* 4 GiB of 4 KiB pages */
#define VM_NEVER UINT64_MAX
#define VM_NONE UINT32_MAX /* no frame, no slot, no pid */

/* Replacement policies; the names table is vm_policy_name(). */
enum vm_policy
{
  VM_POLICY_FIFO,
  VM_POLICY_LRU,
  VM_POLICY_CLOCK,
  VM_POLICY_OPT,
  VM_POLICY_RANDOM,   /* uniformly random unpinned frame, seeded */
  VM_POLICY_SC_DIRTY, /* enhanced second chance: clock over (ref, dirty) */
  /* policy-more.c */
  VM_POLICY_SECOND_CHANCE, /* fifo list; a referenced head goes to the tail */
  VM_POLICY_MRU,      /* evict the page used most recently */
  VM_POLICY_LFU,      /* fewest uses since loaded */
  VM_POLICY_MFU,      /* most uses since loaded */
  VM_POLICY_NFU,      /* smallest sum of reference bits over the ticks */
  VM_POLICY_AGING,    /* smallest 8-bit aging counter */
  VM_POLICY_NRU,      /* lowest (reference, dirty) class; bits reset per tick */
  VM_POLICY_2Q,       /* a1in fifo, am lru, a1out ghosts (Johnson, Shasha) */
  VM_POLICY_WSCLOCK,  /* clock over (reference, age > tau, dirty) */
  VM_POLICY_WS,       /* working set: pages unused for tau accesses leave */
  VM_POLICY_COUNT
};

enum vm_tlb_policy
{
  VM_TLB_LRU,
  VM_TLB_FIFO,
  VM_TLB_RANDOM,
  VM_TLB_POLICY_COUNT
};

enum vm_op
{
  VM_READ = 'r',
  VM_WRITE = 'w',
  VM_EXEC = 'x'
};

/* What one access came to.  Names (vm_result_name) are the batch strings. */
enum vm_result
{
  VM_HIT,      /* "hit": page resident and access allowed */
  VM_MINOR,    /* "minor": zero-fill, or page already in memory elsewhere */
  VM_MAJOR,    /* "major": read from swap or from a file */
  VM_COW,      /* "cow": write to a copy-on-write page */
  VM_SEGV,     /* "segv": unmapped address or protection violation */
  VM_OOM,      /* "oom": no frame could be found; the process was killed */
  VM_RESULT_COUNT
};

/* Why a SIGSEGV was raised. */
enum vm_segv
{
  VM_SEGV_NONE,
  VM_SEGV_UNMAPPED,   /* no region covers the address */
  VM_SEGV_WRITE,      /* write to a region without w */
  VM_SEGV_EXEC,       /* execute in a region without x */
  VM_SEGV_READ,       /* read of a region without r */
  VM_SEGV_DEAD        /* the process has exited or was killed */
};

/* How a process ended. */
enum vm_end
{
  VM_END_NONE,        /* still alive */
  VM_END_EXIT,        /* exited (or its scenario ended it) */
  VM_END_SEGV,        /* killed by SIGSEGV */
  VM_END_OOM          /* killed by the OOM killer */
};

/* Region permission bits and flags. */
enum
{
  VM_PERM_R = 1u << 0,
  VM_PERM_W = 1u << 1,
  VM_PERM_X = 1u << 2,
  VM_PERM_U = 1u << 3, /* user accessible (always set for user regions) */

  VM_MAP_SHARED = 1u << 8,  /* writes go to the object, seen by all */
  VM_MAP_FILE = 1u << 9,    /* backed by a file object, else anonymous */
  VM_MAP_LOCKED = 1u << 10, /* mlocked: resident pages are pinned */
  VM_MAP_HUGE = 1u << 11    /* mapped with huge pages (see vm_map) */
};

/* Leaf/intermediate page-table entry bits, as shown by the walk pane. */
enum
{
  VM_PTE_P = 1u << 0,    /* present */
  VM_PTE_W = 1u << 1,    /* writable */
  VM_PTE_U = 1u << 2,    /* user */
  VM_PTE_X = 1u << 3,    /* executable */
  VM_PTE_A = 1u << 4,    /* accessed */
  VM_PTE_D = 1u << 5,    /* dirty */
  VM_PTE_COW = 1u << 6,  /* copy-on-write */
  VM_PTE_L = 1u << 7,    /* locked (pinned) */
  VM_PTE_H = 1u << 8,    /* huge: leaf at an upper level */
  VM_PTE_S = 1u << 9,    /* swapped: `target` is a swap slot */
  VM_PTE_R = 1u << 10,   /* readable */
  VM_PTE_TABLE = 1u << 11 /* intermediate: points to a lower table */
};

/* Costs in nanoseconds of the cost model. */
struct vm_costs
{
  uint64_t tlb_ns;         /* a TLB lookup (hit or miss) */
  uint64_t mem_ns;         /* one memory reference (walk level or data) */
  uint64_t minor_fault_ns; /* servicing a minor (or COW) fault */
  uint64_t major_fault_ns; /* servicing a major fault (disk read) */
};

/* The machine.  vm_config_default() fills the defaults of DESIGN.md. */
struct vm_config
{
  unsigned va_bits;                    /* 8..64 */
  uint64_t page_size;                  /* power of two, 16 B .. 1 GiB */
  unsigned levels;                     /* 1..6 */
  unsigned level_bits[VM_MAX_LEVELS];  /* top level first */
  uint32_t frames;                     /* physical frames, >= 1 */
  uint32_t tick;                       /* nfu, aging, nru: accesses per tick */
  uint32_t tau;                        /* wsclock, ws: the working-set window */
  uint32_t swap_slots;                 /* 0 = no swap device; VM_NONE = unbounded */
  uint32_t tlb_entries;                /* 0 = no TLB */
  uint32_t tlb_ways;                   /* 0 = fully associative */
  enum vm_tlb_policy tlb_policy;
  bool asid;                           /* TLB entries tagged; no flush on switch */
  enum vm_policy policy;
  bool local_scope;                    /* victims only from the faulting process */
  bool page_tables_in_frames;          /* page-table pages take (pinned) frames */
  bool unpaged;                        /* physical addressing: va + base = pa */
  uint64_t seed;                       /* random policies */
  struct vm_costs costs;
};

/* Counters: the summary keys of DESIGN.md plus a few more. */
struct vm_stats
{
  uint64_t accesses;
  uint64_t hits;          /* accesses without any fault */
  uint64_t faults;        /* minor + major + cow */
  uint64_t minor_faults;
  uint64_t major_faults;
  uint64_t cow_faults;
  uint64_t segfaults;
  uint64_t oom_kills;
  uint64_t tlb_hits;
  uint64_t tlb_misses;
  uint64_t evictions;
  uint64_t swap_ins;
  uint64_t swap_outs;
  uint64_t file_reads;
  uint64_t file_writes;   /* dirty shared file pages written back */
  uint64_t zero_fills;
  uint64_t cow_copies;
  uint64_t page_table_pages; /* page-table nodes currently allocated */
  uint64_t total_cost_ns;    /* sum of the cost model over all accesses */
};

/* One level of a page-table walk as it happened. */
struct vm_walk_step
{
  uint32_t table;   /* page-table node id (its frame when in frames) */
  uint64_t index;   /* index used at this level */
  uint32_t bits;    /* VM_PTE_* of the entry read */
  uint64_t target;  /* next table id, frame, swap slot, or VM_NEVER */
};

/* A value in memory (DESIGN.md "Values"): the 64-bit VALUE at byte
 * OFFSET of a page; STR when it was written as a string of up to 8 bytes
 * (packed little-endian, first byte lowest).  BY_PID wrote it at access
 * AT_STEP; VM_NONE and VM_NEVER for a file's initial content. */
struct vm_value
{
  uint64_t offset;
  uint64_t value;
  bool str;
  uint32_t by_pid;
  uint64_t at_step;
};

/* Everything one access did.  Filled by vm_access(). */
struct vm_event
{
  uint64_t step;            /* 0-based access number */
  uint32_t pid;
  enum vm_op op;
  uint64_t va;
  uint64_t vpn;
  unsigned levels;
  uint64_t index[VM_MAX_LEVELS];
  uint64_t offset;
  int tlb;                  /* -1 no TLB, 0 miss, 1 hit */
  int tlb_slot;             /* TLB entry hit or filled, -1 none */
  unsigned walk_len;        /* levels read in the walk (0 on TLB hit) */
  struct vm_walk_step walk[VM_MAX_LEVELS];
  unsigned huge_level;      /* level of a huge leaf (0 = none) */
  enum vm_result result;
  enum vm_segv segv;
  uint32_t frame;           /* VM_NONE if none */
  uint64_t pa;              /* VM_NEVER if none */
  bool zero_fill;
  bool cow_copy;            /* a COW fault copied the page */
  bool shared_hit;          /* minor: page found in memory (shared/file) */
  bool file_read;           /* major: read from file (or backing store) */
  bool store_read;          /* major: read from the backing store */
  /* A page faulted in again: when it was last evicted (access number,
   * VM_NEVER if never: a first touch), by whose access to which page. */
  uint64_t evicted_at;
  uint32_t evicted_by;
  uint64_t evicted_by_vpn;
  uint32_t swap_in_slot;    /* major: slot read, or VM_NONE */
  /* Evictions: `evictions` counts every page this access evicted (with
   * page tables in frames or huge pages there can be several); the
   * victim_* fields describe the first. */
  uint32_t evictions;
  bool evicted;
  uint32_t victim_pid;      /* VM_NONE if no victim */
  uint64_t victim_vpn;
  uint32_t victim_frame;
  bool victim_dirty;
  bool victim_file;         /* victim was a file page */
  bool victim_store;        /* victim was a backing-store page */
  uint32_t victim_swap_slot;/* slot written (dirty anon), or VM_NONE */
  uint64_t victim_since;    /* fifo: step loaded; lru, ws: step last
                               used; opt: next use; others VM_NEVER */
  uint64_t victim_count;    /* the victim's figure: lfu, mfu, nfu, aging:
                               its counter; nru: its class (2 x reference
                               + dirty); 2q: 0 from a1in, 1 from am */
  uint32_t oom_killed;      /* pid killed by the OOM killer, or VM_NONE */
  uint64_t cost_ns;
  uint32_t tlb_flushed;     /* entries invalidated by this access */
  uint32_t phys_owner;      /* unpaged machines: pid whose memory (base,
                               limit) holds pa, VM_NONE if nobody's */
  /* The value written (vm_access_value) or read at the access's offset;
   * HAS_VALUE false when the access carried none (a read of memory
   * never written reads 0). */
  bool has_value;
  struct vm_value value;
};

/* Per-frame state, for the frame grid. */
struct vm_frame_info
{
  bool used;
  bool pinned;          /* never a victim: locked, a table or huge */
  bool locked;          /* mlocked (pinned by the process) */
  bool huge;            /* part of a huge page */
  bool dirty;
  bool page_table;      /* holds a page-table node */
  bool file;            /* holds a file page */
  uint32_t owner_pid;   /* first owner, VM_NONE if free */
  uint64_t owner_vpn;
  uint32_t nowners;     /* mappings of this frame */
  uint32_t object;      /* memory object id or VM_NONE */
  uint64_t object_page;
  uint32_t swap_slot;   /* swap cache slot or VM_NONE */
  bool ref;             /* clock / second-chance reference bit */
  uint64_t loaded_at;   /* step loaded (fifo order) */
  uint64_t last_use;    /* step last used (lru age) */
  uint64_t next_use;    /* opt: next use, VM_NEVER if none */
  /* The policy's counter (policy-more.c): lfu, mfu: uses since loaded;
   * nfu: the sum of reference bits over the ticks; aging: the 8-bit
   * counter; wsclock: the time stamp; 2q: 0 in a1in, 1 in am; else 0. */
  uint64_t count;
};

/* A process, for the virtual-space pane. */
struct vm_proc_info
{
  uint32_t pid;
  uint32_t parent;      /* VM_NONE for none */
  const char *name;
  bool alive;
  uint32_t asid;
  uint64_t base;        /* unpaged machines: relocation base */
  uint64_t limit;       /* unpaged machines: bytes from base it owns */
  uint64_t rss_pages;   /* resident pages mapped */
  uint64_t swap_pages;  /* pages in swap */
  uint64_t vsz_pages;   /* pages of all regions (0 once dead) */
  uint64_t pt_pages;    /* page-table pages (nodes) of its tree */
  size_t nregions;      /* kept after death, so labels keep their names */
  size_t ngone;         /* unmapped regions (vm_region_gone_info) */
  enum vm_end end;      /* how it ended, VM_END_NONE while alive */
  uint64_t end_step;    /* access number at which it ended */
};

struct vm_region_info
{
  uint64_t start_vpn;
  uint64_t pages;
  unsigned perm;        /* VM_PERM_* | VM_MAP_* */
  uint32_t object;      /* VM_NONE for private anonymous */
  uint64_t object_page; /* first object page */
  const char *name;
};

/* State of one virtual page, for the virtual-space pane. */
enum vm_page_state
{
  VM_PAGE_UNMAPPED,   /* no region */
  VM_PAGE_NOT_PRESENT,/* in a region, never loaded (or dropped) */
  VM_PAGE_RESIDENT,
  VM_PAGE_SWAPPED
};

struct vm_page_info
{
  enum vm_page_state state;
  uint32_t bits;      /* VM_PTE_* of the leaf */
  uint32_t frame;     /* VM_NONE unless resident */
  uint32_t slot;      /* VM_NONE unless swapped */
  bool shared;        /* frame mapped by more than one page */
  /* when it was last evicted (VM_NEVER: never), by whose access to what */
  uint64_t evicted_at;
  uint32_t evicted_by;
  uint64_t evicted_by_vpn;
};

struct vm_tlb_info
{
  bool valid;
  uint32_t asid;
  uint32_t pid;
  uint64_t vpn;       /* first vpn covered */
  uint64_t pages;     /* 1, or the huge page's size in pages */
  uint32_t frame;
  uint32_t bits;
  uint64_t stamp;     /* lru: last use; fifo: fill order */
};

struct vm;

/* Fill CFG with the defaults: 32-bit, 4 KiB pages, levels 10,10,
 * 8 frames, unbounded swap, no TLB, fifo, global scope. */
void vm_config_default (struct vm_config *cfg);

/* Split the page-number bits into levels of 10 from the bottom up, the top
 * level taking the rest (DESIGN.md).  Needs va_bits and page_size set. */
void vm_config_default_levels (struct vm_config *cfg);

/* Check CFG; on error return false and set *WHY to a static (untranslated
 * msgid) description.  vm_new() accepts only valid configurations. */
bool vm_config_check (const struct vm_config *cfg, const char **why);

/* A new machine, or NULL (with *WHY) if CFG is invalid. */
struct vm *vm_new (const struct vm_config *cfg, const char **why);
void vm_free (struct vm *vm);
/* A deep copy: the interface keeps these as checkpoints to step back. */
struct vm *vm_clone (const struct vm *vm);

const struct vm_config *vm_config (const struct vm *vm);
const struct vm_stats *vm_stats (const struct vm *vm);
/* log2 of the page size. */
unsigned vm_page_shift (const struct vm *vm);
/* Keep (the default) or not the eviction history that events and
 * vm_page_info report (evicted_at...).  Batch runs without narration
 * turn it off: it costs a hash lookup per fault and per eviction. */
void vm_keep_history (struct vm *vm, bool on);
/* Accesses done so far (the step number of the next access). */
uint64_t vm_step (const struct vm *vm);
/* Effective access time in ns (total cost / accesses; 0 if none). */
double vm_eat_ns (const struct vm *vm);
/* Approximate bytes of memory the engine holds for this machine. */
size_t vm_memory_bytes (const struct vm *vm);

/* Processes.  NAME is copied.  Returns the new pid (0, 1, 2, ...). */
uint32_t vm_proc_new (struct vm *vm, const char *name);
/* Unpaged machines: set the relocation base and limit of PID. */
void vm_proc_set_base (struct vm *vm, uint32_t pid, uint64_t base, uint64_t limit);
/* Fork PID: a child sharing every private page copy-on-write and every
 * shared mapping.  Returns the child's pid, or VM_NONE if PID is dead. */
uint32_t vm_fork (struct vm *vm, uint32_t pid, const char *child_name);
/* Exit PID: release its frames, slots, tables and TLB entries. */
void vm_exit (struct vm *vm, uint32_t pid);
/* Make PID the running process: flushes the TLB unless ASIDs are on.
 * Returns the number of TLB entries flushed. */
uint32_t vm_switch (struct vm *vm, uint32_t pid);
uint32_t vm_current (const struct vm *vm);
size_t vm_nprocs (const struct vm *vm);
/* Look a process up by name; VM_NONE if none. */
uint32_t vm_proc_find (const struct vm *vm, const char *name);

/* Memory objects: a file of PAGES pages (reads are major faults, dirty
 * shared pages are written back) or shared anonymous memory (zero-filled,
 * swapped like anonymous pages).  Returns the object id. */
uint32_t vm_object_new_file (struct vm *vm, const char *name, uint64_t pages);
uint32_t vm_object_new_shm (struct vm *vm, const char *name, uint64_t pages);
/* The backing store of a refs or trace run (DESIGN.md "Backing store"):
 * a file-like object whose pages are read by major faults and written
 * back when dirty; the narration calls it "the backing store". */
uint32_t vm_object_new_store (struct vm *vm, uint64_t pages);
/* True if OBJECT is a backing store. */
bool vm_object_is_store (const struct vm *vm, uint32_t object);
uint32_t vm_object_find (const struct vm *vm, const char *name);
const char *vm_object_name (const struct vm *vm, uint32_t object);

/* Map PAGES pages at START_VPN in PID with PERM (VM_PERM_* | VM_MAP_*).
 * OBJECT is VM_NONE for private anonymous memory, else an object id, with
 * OBJECT_PAGE the first object page mapped.  VM_MAP_HUGE maps with leaves
 * at HUGE_LEVEL (1-based depth, < levels); START_VPN and PAGES must then be
 * multiples of the huge page.  Returns 0, or -1 with *WHY (a msgid) if the
 * range overlaps a region or leaves the address space. */
int vm_map (struct vm *vm, uint32_t pid, uint64_t start_vpn, uint64_t pages,
            unsigned perm, uint32_t object, uint64_t object_page,
            unsigned huge_level, const char *name, const char **why);
/* Unmap a range (any part of regions): frames released, TLB invalidated. */
void vm_unmap (struct vm *vm, uint32_t pid, uint64_t start_vpn, uint64_t pages);
/* Change permissions (VM_PERM_* bits) of a range; TLB entries dropped. */
void vm_protect (struct vm *vm, uint32_t pid, uint64_t start_vpn, uint64_t pages,
                 unsigned perm);
/* Lock or unlock a range: locked resident pages are never victims, and
 * pages faulted in later are locked too. */
void vm_mlock (struct vm *vm, uint32_t pid, uint64_t start_vpn, uint64_t pages,
               bool lock);

/* Quiet mode, for runs whose events nobody reads in full (batch --quiet,
 * sweeps): the walk is never recorded (walk_len 0), and a hit fills
 * only step, pid, op, va, vpn, levels, offset, result, frame, pa, tlb,
 * tlb_slot and cost_ns of the event (the other fields keep what they
 * held).  Counters and state are exactly those of a normal run.  Off by
 * default. */
void vm_set_quiet (struct vm *vm, bool quiet);

/* One memory access by PID at VA.  NEXT_USE is the step number of the next
 * access to the same page (VM_NEVER if none); only opt reads it, and
 * vm_future computes it.  Fills EV (which may not be NULL). */
enum vm_result vm_access (struct vm *vm, uint32_t pid, uint64_t va,
                          enum vm_op op, uint64_t next_use,
                          struct vm_event *ev);

/* VALUE as people read it: a decimal number, or a string in double quotes
 * (STR) with bytes outside printable ASCII as \xNN.  BUF holds at least
 * VM_VALUE_TEXT bytes; returns BUF. */
#define VM_VALUE_TEXT 40
char *vm_value_text (uint64_t value, bool str, char *buf);

/* One access of a run (vm_access_run): the trace readers fill buffers
 * of these (trace.h: struct trace_access is this struct). */
struct vm_ref
{
  uint64_t va;
  uint64_t vpn;
  enum vm_op op;
  uint64_t line;        /* the record's line, for messages */
};

/* Quiet batch runs: the accesses REFS[0 .. N) by PID in order, exactly as
 * N calls of vm_access would do them (the events are not kept); the
 * next use of REFS[I] is vm_future_next (FUTURE, FIRST + I), or VM_NEVER
 * without FUTURE.  Before an access that may allocate (anything but a
 * hit) budget_place.line is set to its line.  Hits take a short path
 * that records no event at all. */
struct vm_future;
void vm_access_run (struct vm *vm, uint32_t pid, const struct vm_ref *refs,
                    size_t n, const struct vm_future *future, uint64_t first);

/* A whole quiet run: READ (CTX, BUF, MAX) fills BUF with up to MAX
 * accesses and returns how many (0 at the end, < 0 on an error); each
 * buffer is done as vm_access_run (VM, PID, BUF, N, FUTURE, FIRST) would
 * do it, FIRST counting the accesses before it.  The last return of READ.
 * A run of one process over the whole address space mapped to a backing
 * store, under fifo, lru or clock, without values or history, is kept in a
 * compact form while it lasts (stream.c); the machine is the same when
 * this returns. */
typedef long vm_stream_read (void *ctx, struct vm_ref *buf, size_t max);
long vm_access_stream (struct vm *vm, uint32_t pid, vm_stream_read *read,
                       void *ctx, const struct vm_future *future);

/* vm_access with a value: a write stores W (NULL: a write of nothing
 * in particular) at the access's offset in the page's current copy; the
 * event reports it, as a read reports the value it finds. */
enum vm_result vm_access_value (struct vm *vm, uint32_t pid, uint64_t va,
                                enum vm_op op, uint64_t next_use,
                                const struct vm_value *w,
                                struct vm_event *ev);
/* A file's initial content: VALUE at byte BYTE of file OBJECT.  False if
 * OBJECT is not a file or BYTE lies outside it. */
bool vm_file_set_value (struct vm *vm, uint32_t object, uint64_t byte,
                        uint64_t value, bool str);
/* After a reboot: file DST_ID of DST gets the content file SRC_ID of SRC
 * has on disk, dirty pages in SRC's memory written first (a clean
 * shutdown syncs).  Nothing if SRC_ID is VM_NONE. */
void vm_file_carry (struct vm *dst, uint32_t dst_id, const struct vm *src,
                    uint32_t src_id);
/* The values held by a frame, a swap slot, a file page, or the current
 * copy of PID's page VPN (wherever it is): up to MAX copied to OUT in
 * offset order; returns how many there are. */
size_t vm_frame_values (const struct vm *vm, uint32_t frame,
                        struct vm_value *out, size_t max);
size_t vm_slot_values (const struct vm *vm, uint32_t slot,
                       struct vm_value *out, size_t max);
size_t vm_file_values (const struct vm *vm, uint32_t object, uint64_t page,
                       struct vm_value *out, size_t max);
size_t vm_page_values (const struct vm *vm, uint32_t pid, uint64_t vpn,
                       struct vm_value *out, size_t max);

/* State for the views. */
bool vm_proc_info (const struct vm *vm, uint32_t pid, struct vm_proc_info *out);
bool vm_region_info (const struct vm *vm, uint32_t pid, size_t i,
                     struct vm_region_info *out);
/* Unmapped region I of PID (0 = the first unmapped), kept so that
 * labels of its pages in earlier log lines keep their names. */
bool vm_region_gone_info (const struct vm *vm, uint32_t pid, size_t i,
                          struct vm_region_info *out);
void vm_page_info (const struct vm *vm, uint32_t pid, uint64_t vpn,
                   struct vm_page_info *out);
void vm_frame_info (const struct vm *vm, uint32_t frame, struct vm_frame_info *out);
/* Current clock hand (clock, sc-dirty and wsclock). */
uint32_t vm_clock_hand (const struct vm *vm);
/* The frames of the policy's list, head first, at most MAX into OUT;
 * returns how many there are (0 for a policy without a list): fifo and
 * second-chance: the fifo order (oldest first); lru, mru and ws: the
 * order of use (least recent first). */
uint32_t vm_policy_list (const struct vm *vm, uint32_t *out, uint32_t max);
/* 2q: the pages remembered in a1out, oldest first, at most MAX into
 * PID[] and VPN[] (VM_NONE and the object page for a cache page);
 * returns how many there are. */
uint32_t vm_2q_a1out (const struct vm *vm, uint32_t *pid, uint64_t *vpn,
                      uint32_t max);
/* nfu, aging, nru: the clock ticks run so far; a tick is due every
 * cfg.tick accesses, run at the start of the next access. */
uint64_t vm_policy_ticks (const struct vm *vm);
/* The frame the policies of policy-more.c would evict if the next access
 * faulted with memory full, without changing anything (the ticks due
 * before it counted, wsclock's hand and 2q's queues as the rules say;
 * ws: the least recently used, which leaves first); VM_NONE for the
 * other policies, local scope, or while a frame is free. */
uint32_t vm_peek_victim (const struct vm *vm);
uint32_t vm_tlb_size (const struct vm *vm);
void vm_tlb_info (const struct vm *vm, uint32_t slot, struct vm_tlb_info *out);
uint32_t vm_swap_slots_used (const struct vm *vm);
/* Owner of swap slot SLOT: false if the slot is free. */
bool vm_swap_info (const struct vm *vm, uint32_t slot, uint32_t *pid,
                   uint64_t *vpn);
/* Walk PID's table for VPN without changing anything (for inspection). */
unsigned vm_walk_peek (const struct vm *vm, uint32_t pid, uint64_t vpn,
                       struct vm_walk_step walk[VM_MAX_LEVELS]);
/* Frames in use. */
uint32_t vm_frames_used (const struct vm *vm);

/* Names: policy ("fifo"...), TLB policy, result ("hit", "minor"...),
 * segv reason (a msgid).  *_parse returns -1 for an unknown name. */
const char *vm_policy_name (enum vm_policy p);
int vm_policy_parse (const char *s);
const char *vm_tlb_policy_name (enum vm_tlb_policy p);
int vm_tlb_policy_parse (const char *s);
const char *vm_result_name (enum vm_result r);
const char *vm_segv_name (enum vm_segv s);

/* Future knowledge for opt: feed the page keys of the whole run in order;
 * vm_future_next(i) is then the step of the next use of access i's page.
 * Costs 4 bytes per access plus a hash of distinct pages, charged to the
 * budget (budget.h); past 2^32 - 2 accesses the run stops (exit 2). */
struct vm_future;
struct vm_future *vm_future_new (void);
void vm_future_push (struct vm_future *f, uint32_t pid, uint64_t vpn);
uint64_t vm_future_next (const struct vm_future *f, uint64_t i);
uint64_t vm_future_len (const struct vm_future *f);
void vm_future_free (struct vm_future *f);

#endif
