/* pane-memory.c: the memory view (DESIGN.md "Values"): the values in the
 * page the current access used, wherever its current copy is (a frame, a
 * swap slot, the file): each offset, its value, who wrote it and when.
 * The row of the access's own offset is highlighted. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

#define MEMORY_MAX 64   /* values listed (a page rarely holds more) */

/* The page the current tick accessed, or the last access before it (as
   the walk shows it): false if there is none on this machine or it
   reached no page. */
static bool
memory_page (const struct ui *u, uint32_t *pid, uint64_t *vpn,
             const struct vm_event **ev)
{
  const struct tick *t = history_tick (u->hist);
  if (t && t->kind != TICK_ACCESS)
    t = history_last_access (u->hist);
  if (!t || t->kind != TICK_ACCESS || t->ev.frame == VM_NONE
      || t->ev.step >= vm_step (run_vm (history_run (u->hist))))
    return false;
  *pid = t->ev.pid;
  *vpn = t->ev.vpn;
  *ev = &t->ev;
  return true;
}

int
memory_rows (const struct ui *u)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_event *ev = NULL;
  struct vm_value v[1];
  uint32_t pid;
  uint64_t vpn;
  size_t n;
  if (!memory_page (u, &pid, &vpn, &ev))
    return 0;
  n = vm_config (vm)->unpaged ? vm_frame_values (vm, ev->frame, v, 0)
      : vm_page_values (vm, pid, vpn, v, 0);
  if (n == 0 && !ev->has_value)
    return 0;
  /* a heading row, a row a value (at most 6), the border */
  return (int) (n > 6 ? 6 : n < 1 ? 1 : n) + 3;
}

static void
memory_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_event *ev = NULL;
  struct vm_value v[MEMORY_MAX];
  uint32_t pid;
  uint64_t vpn;
  size_t n;
  char title[128], lab[64], line[256];
  int x = r->x + 1, w = r->w - 2, y = r->y + 1;

  if (!memory_page (u, &pid, &vpn, &ev))
    {
      draw_box (r, _("Memory"), false);
      return;
    }
  if (vm_config (vm)->unpaged)
    n = vm_frame_values (vm, ev->frame, v, MEMORY_MAX);
  else
    n = vm_page_values (vm, pid, vpn, v, MEMORY_MAX);
  label_page (lab, sizeof lab, vm, pid, vpn, 24);
  /* The page of the last access may be gone since (munmap, exit): then
     it holds nothing, and reading it would fault, not read 0. */
  bool gone = false;
  if (!vm_config (vm)->unpaged)
    {
      struct vm_page_info pi;
      vm_page_info (vm, pid, vpn, &pi);
      gone = pi.state == VM_PAGE_UNMAPPED;
    }
  if (vm_config (vm)->unpaged)
    /* No frames without paging: the physical-memory pane's blocks, and
       where this one starts (the offsets below are from there). */
    snprintf (title, sizeof title, _("Memory: block %u at physical 0x%llx"),
              ev->frame, (unsigned long long) ev->frame
                         << vm_page_shift (vm));
  else if (ev->frame != VM_NONE && ev->result != VM_SEGV && !gone)
    snprintf (title, sizeof title, _("Memory: %s (frame %u)"), lab,
              ev->frame);
  else
    snprintf (title, sizeof title, _("Memory: %s"), lab);
  draw_box (r, title, false);
  if (gone)
    {
      char *m = xasprintf (_("Page %s is not mapped: an access would be a "
                             "segmentation fault."), lab);
      draw_wrapped (y, x, r->y + r->h - 1 - y, w, ui_attr (C_DIM), m);
      free (m);
      return;
    }
  if (n == 0)
    {
      draw_text (y, x, w, ui_attr (C_DIM),
                 _("nothing written here: every byte reads 0"));
      return;
    }
  draw_text (y++, x, w, ui_attr (C_LABEL), _("offset  value     written by"));
  if (n > MEMORY_MAX)
    n = MEMORY_MAX;
  /* Keep the access's own offset in view. */
  size_t first = 0, rows = (size_t) (r->h - 3 > 0 ? r->h - 3 : 0);
  for (size_t i = 0; i < n; i++)
    if (v[i].offset == (vm_config (vm)->unpaged
                        ? ev->pa & (vm_config (vm)->page_size - 1)
                        : ev->offset) && i >= rows)
      first = i + 1 - rows;
  for (size_t i = first; i < n && y < r->y + r->h - 1; i++)
    {
      char val[VM_VALUE_TEXT], at[96], who[160];
      uint64_t off = vm_config (vm)->unpaged
                     ? ev->pa & (vm_config (vm)->page_size - 1) : ev->offset;
      attr_t a = v[i].offset == off ? ui_attr (C_CURRENT)
                 : ui_attr (ui_proc_color (v[i].by_pid == VM_NONE
                                           ? 0 : v[i].by_pid));
      vm_value_text (v[i].value, v[i].str, val);
      if (v[i].by_pid == VM_NONE)
        snprintf (who, sizeof who, "%s", _("the file"));
      else
        {
          narrate_at (at, sizeof at, v[i].at_step);
          /* TRANSLATORS: who wrote a value (%1$s, a process) and
             when (%2$s, "at step 9"). */
          snprintf (who, sizeof who, C_ ("memory", "%s %s"),
                    narrate_proc (vm, v[i].by_pid), at);
        }
      snprintf (line, sizeof line, "0x%-5llx %-9s %s",
                (unsigned long long) v[i].offset, val, who);
      canvas_blank (y, x, w);
      draw_text (y++, x, w, a, line);
    }
}

const struct pane pane_memory = {
  .title = N_("Memory"),
  .draw = memory_draw,
};
