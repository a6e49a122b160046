/* check_engine.h: helpers shared by the engine's Check tests.
 *
 * The tests are written from DESIGN.md ("Engine semantics") and vm.h, not
 * from the engine's code: every expected value is derived by hand. */
#ifndef VMTUTOR_CHECK_ENGINE_H
#define VMTUTOR_CHECK_ENGINE_H

#include <check.h>
#include <stdint.h>
#include <stddef.h>

#include "engine/vm.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])
#define KiB 1024ull
#define MiB (1024ull * 1024ull)
#define GiB (1024ull * 1024ull * 1024ull)
#define RWX (VM_PERM_R | VM_PERM_W | VM_PERM_X | VM_PERM_U)
#define RW (VM_PERM_R | VM_PERM_W | VM_PERM_U)
#define RO (VM_PERM_R | VM_PERM_U)
#define RX (VM_PERM_R | VM_PERM_X | VM_PERM_U)

/* A machine from CFG; fails the test if it is rejected. */
struct vm *t_new (const struct vm_config *cfg);
/* The default machine with POLICY and FRAMES. */
struct vm *t_new_policy (enum vm_policy policy, uint32_t frames);
/* A --refs process: the whole address space mapped rwx anonymous. */
uint32_t t_refs_proc (struct vm *vm, const char *name);
/* Map PAGES private anonymous pages at START in PID with PERM (asserts). */
void t_map (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
            unsigned perm);
/* vm_map of an object (or VM_NONE) and/or huge pages, asserted to work. */
void t_map_at (struct vm *vm, uint32_t pid, uint64_t start, uint64_t pages,
               unsigned perm, uint32_t object, uint64_t object_page,
               unsigned huge_level);
/* Run the page numbers REFS as reads by PID (opt's next use computed with
 * vm_future); EVS (N events) may be NULL.  Returns the faults counted from
 * the events (minor + major + cow). */
unsigned t_run_refs (struct vm *vm, uint32_t pid, const uint64_t *refs,
                     size_t n, struct vm_event *evs);
/* Same with ops: OPS[i] is 'r', 'w' or 'x'. */
unsigned t_run_ops (struct vm *vm, uint32_t pid, const uint64_t *refs,
                    const char *ops, size_t n, struct vm_event *evs);
/* One access to page VPN (offset 0) with next use VM_NEVER. */
enum vm_result t_acc (struct vm *vm, uint32_t pid, uint64_t vpn,
                      enum vm_op op, struct vm_event *ev);
/* Switch to PID if it isn't the running process, then t_acc. */
enum vm_result t_as (struct vm *vm, uint32_t pid, uint64_t vpn,
                     enum vm_op op, struct vm_event *ev);
/* Faults of one whole refs run on a fresh default machine. */
unsigned t_faults (enum vm_policy policy, uint32_t frames,
                   const uint64_t *refs, size_t n);

Suite *engine_policy_suite (void);
Suite *engine_config_suite (void);
Suite *engine_mem_suite (void);
Suite *engine_proc_suite (void);
Suite *engine_tlb_suite (void);
Suite *engine_misc_suite (void);
Suite *engine_extra_suite (void);
Suite *engine_stress_suite (void);
Suite *engine_edge_suite (void);
Suite *engine_model_suite (void);
Suite *engine_budget_suite (void);

#endif
