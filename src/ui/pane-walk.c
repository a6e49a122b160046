/* pane-walk.c: the MMU's page-table walk for the current access (or the
 * selected page): the virtual address split into its indices and offset
 * with their bits, each level's entry decoded (P R W X U A D ...) with the
 * table, frame or swap slot it names, and the physical address produced
 * or where the walk stopped. */
#include "system.h"

#include "narrate/narrate.h"
#include "ui/ui.h"
#include "util.h"

/* Entry bits as letters, '.' when clear. */
static void
decode_bits (char *buf, uint32_t bits)
{
  static const struct
  {
    uint32_t bit;
    char c;
  } names[] = {
    { VM_PTE_P, 'P' }, { VM_PTE_R, 'R' }, { VM_PTE_W, 'W' },
    { VM_PTE_X, 'X' }, { VM_PTE_U, 'U' }, { VM_PTE_A, 'A' },
    { VM_PTE_D, 'D' }, { VM_PTE_COW, 'C' }, { VM_PTE_L, 'L' },
    { VM_PTE_S, 'S' }, { VM_PTE_H, 'H' },
  };
  size_t i;
  for (i = 0; i < ARRAY_SIZE (names); i++)
    buf[i] = (bits & names[i].bit) ? names[i].c : '.';
  buf[i] = '\0';
}

/* Append the low N bits of V in binary. */
static int
put_bits (char *buf, size_t size, uint64_t v, unsigned n)
{
  size_t k = 0;
  for (unsigned i = n; i-- > 0 && k + 1 < size;)
    buf[k++] = (v >> i) & 1 ? '1' : '0';
  buf[k] = '\0';
  return (int) k;
}

/* The size of a leaf at 1-based LEVEL of CFG, e.g. "2 MiB". */
static void
leaf_size (char *buf, size_t n, const struct vm_config *cfg, unsigned shift,
           unsigned level)
{
  unsigned bits = shift;
  for (unsigned l = level; l < cfg->levels; l++)
    bits += cfg->level_bits[l];
  if (bits >= 64)
    snprintf (buf, n, "2^%u B", bits);
  else if (bits >= 30)
    snprintf (buf, n, "%llu GiB", 1ull << (bits - 30));
  else if (bits >= 20)
    snprintf (buf, n, "%llu MiB", 1ull << (bits - 20));
  else if (bits >= 10)
    snprintf (buf, n, "%llu KiB", 1ull << (bits - 10));
  else
    snprintf (buf, n, "%llu B", 1ull << bits);
}

/* One walk row: "L3[0]  PRW.UAD...H -> 2 MiB page, frame 1024"; what the
   entry names goes on a row of its own (under the bits) when it does not
   fit beside them and BOTTOM leaves room.  Returns the rows used. */
static int
walk_row (int y, int x, int w, int bottom, int labw,
          const struct vm_config *cfg, unsigned shift, unsigned l,
          const struct vm_walk_step *s, uint64_t evicted_at, bool segv,
          bool in_memory)
{
  char bits[16], what[128], size[32], at[64];
  enum ui_color c = C_BAD;
  int cx = x;
  decode_bits (bits, s->bits);
  cx += draw_printf (y, cx, w, ui_attr (C_LABEL), "%-*s", labw, "");
  draw_printf (y, x, labw - 1, ui_attr (C_LABEL), "L%u[%llu]", l + 1,
               (unsigned long long) s->index);
  cx += draw_text (y, cx, x + w - cx,
                   ui_attr ((s->bits & VM_PTE_P) ? C_TEXT : C_BAD), bits);
  cx += draw_text (y, cx, x + w - cx, ui_attr (C_TEXT), " ");
  if (s->target == VM_NEVER && l + 1 < cfg->levels
      && !(s->bits & VM_PTE_H))
    snprintf (what, sizeof what, "%s", _("no lower table yet"));
  else if (s->target == VM_NEVER && evicted_at != VM_NEVER)
    {
      narrate_at (at, sizeof at, evicted_at);
      snprintf (what, sizeof what, _("not present (evicted %s)"), at);
    }
  else if (s->target == VM_NEVER && segv)
    /* an address the process may not use: no page to have been loaded,
       as the narration says */
    snprintf (what, sizeof what, "%s", _("not present"));
  else if (s->target == VM_NEVER && in_memory)
    /* as the narration says it: another mapping has the page in memory */
    snprintf (what, sizeof what, "%s", _("not present (not yet mapped here)"));
  else if (s->target == VM_NEVER)
    snprintf (what, sizeof what, "%s", _("not present (never loaded)"));
  else if (s->bits & VM_PTE_TABLE)
    {
      c = C_TEXT;
      snprintf (what, sizeof what, _("%s table %llu"), glyph (G_ARROW),
                (unsigned long long) s->target);
    }
  else if ((s->bits & VM_PTE_P) && (s->bits & VM_PTE_H))
    {
      c = C_HIT;
      leaf_size (size, sizeof size, cfg, shift, l + 1);
      snprintf (what, sizeof what, _("%s %s page, frame %llu"),
                glyph (G_ARROW), size, (unsigned long long) s->target);
    }
  else if (s->bits & VM_PTE_P)
    {
      c = C_HIT;
      snprintf (what, sizeof what, _("%s frame %llu"), glyph (G_ARROW),
                (unsigned long long) s->target);
    }
  else if (s->bits & VM_PTE_S)
    {
      c = C_MAJOR;
      snprintf (what, sizeof what, _("not present: swap slot %llu"),
                (unsigned long long) s->target);
    }
  else
    snprintf (what, sizeof what, "%s", _("not present"));
  if (cx + text_width (what) > x + w && y + 1 < bottom)
    {
      /* A row of its own, wrapped over the rows left when it is still
         too wide. */
      int rows = draw_wrapped (y + 1, x + labw, bottom - y - 1, w - labw,
                               ui_attr (c), what);
      return 1 + (rows > 0 ? rows : 1);
    }
  /* No row free: cut with an ellipsis, never past the pane. */
  draw_fit (y, cx, x + w - cx, ui_attr (c), what);
  return 1;
}

static void
walk_draw (struct ui *u, const struct rect *r)
{
  const struct vm *vm = run_vm (history_run (u->hist));
  const struct vm_config *cfg = vm_config (vm);
  const struct tick *t = history_tick (u->hist);
  struct vm_walk_step walk[VM_MAX_LEVELS];
  unsigned walk_len = 0;
  uint64_t va = 0, index[VM_MAX_LEVELS] = { 0 }, offset = 0;
  unsigned shift = vm_page_shift (vm);
  char title[96], lab[64];
  const struct vm_event *ev = NULL;
  int x = r->x + 1, w = r->w - 2, y = r->y + 1, bottom = r->y + r->h - 1;

  if (u->sel == SEL_PAGE)
    {
      narrate_page (lab, sizeof lab, vm, u->sel_pid, u->sel_vpn);
      snprintf (title, sizeof title, _("Page-table walk: inspecting %s"), lab);
      va = u->sel_vpn << shift;
      walk_len = vm_walk_peek (vm, u->sel_pid, u->sel_vpn, walk);
    }
  else
    {
      snprintf (title, sizeof title, "%s", _("Page-table walk"));
      if (t && t->kind != TICK_ACCESS)
        {
          t = history_last_access (u->hist);
          if (t)
            snprintf (title, sizeof title, _("Page-table walk (step %llu)"),
                      (unsigned long long) t->n + 1);
        }
      /* An access of an earlier machine (before a reboot) cannot be
         decoded with this machine's layout: its steps count from 0 again,
         so its number is not below the machine's access count. */
      if (t && t->kind == TICK_ACCESS && t->ev.step >= vm_step (vm))
        {
          draw_box (r, _("Page-table walk"), u->focus == PANE_WALK);
          draw_wrapped (y, x, bottom - y, w, ui_attr (C_DIM),
                        _("No access on this machine yet. Step forward to "
                          "see the MMU translate an address."));
          return;
        }
      if (t && t->kind == TICK_ACCESS)
        {
          ev = &t->ev;
          va = ev->va;
          walk_len = ev->walk_len;
          memcpy (walk, ev->walk, sizeof walk);
        }
    }
  draw_box (r, title, u->focus == PANE_WALK);
  if (!ev && u->sel != SEL_PAGE)
    {
      draw_wrapped (y, x, bottom - y, w, ui_attr (C_DIM),
                    _("No access yet. Step forward (Right, PageDown, Enter) "
                      "to see the MMU translate an address."));
      return;
    }
  if (walk_len > VM_MAX_LEVELS)
    walk_len = VM_MAX_LEVELS;
  if (cfg->unpaged)
    {
      /* No page table: the address plus the process's base register. */
      struct vm_proc_info pi;
      uint32_t pid = ev ? ev->pid : u->sel_pid;
      if (!vm_proc_info (vm, pid, &pi))
        return;
      /* Both lines wrap rather than cut (a narrow pane, a long name). */
      char *line = xasprintf (_("no paging: VA 0x%llx + base 0x%llx (%s)"),
                              (unsigned long long) va,
                              (unsigned long long) pi.base,
                              narrate_proc (vm, pid));
      y += draw_wrapped (y, x, bottom - y, w, ui_attr (C_TEXT), line);
      free (line);
      if (!ev || y >= bottom)
        return;
      attr_t a;
      if (ev->pa == VM_NEVER)
        {
          a = ui_attr (C_BAD);
          line = xasprintf (_("stopped: %s"), ui_result_word (ev->result));
        }
      else if (ev->phys_owner == ev->pid)
        {
          a = ui_attr (C_HIT) | A_BOLD;
          line = xasprintf (_("= PA 0x%llx, in %s's own memory"),
                            (unsigned long long) ev->pa,
                            narrate_proc (vm, ev->pid));
        }
      else if (ev->phys_owner != VM_NONE)
        {
          a = ui_attr (C_BAD);
          line = xasprintf (_("= PA 0x%llx, which belongs to %s: nothing "
                              "checks"), (unsigned long long) ev->pa,
                            narrate_proc (vm, ev->phys_owner));
        }
      else
        {
          a = ui_attr (C_MAJOR);
          line = xasprintf (_("= PA 0x%llx, memory nobody owns"),
                            (unsigned long long) ev->pa);
        }
      draw_wrapped (y, x, bottom - y, w, a, line);
      free (line);
      return;
    }

  /* The address split into indices and offset. */
  offset = shift < 64 ? va & ((1ull << shift) - 1) : va;
  unsigned sh = shift;
  for (unsigned l = cfg->levels; l-- > 0;)
    {
      index[l] = sh < 64 ? (va >> sh) & ((1ull << cfg->level_bits[l]) - 1) : 0;
      sh += cfg->level_bits[l];
    }
  /* "VA 0x... = L1 i | L2 j | offset o", the fields wrapping to more
     rows when the pane is narrow (never cut). */
  int cx = x;
  /* TRANSLATORS: short for "virtual address", before the address
     being translated. */
  cx += draw_text (y, cx, w, ui_attr (C_LABEL), _("VA"));
  cx += draw_text (y, cx, x + w - cx, ui_attr (C_LABEL), " ");
  cx += draw_printf (y, cx, x + w - cx, ui_attr (C_FOCUS) | A_BOLD,
                     "0x%0*llx", (int) ((cfg->va_bits + 3) / 4),
                     (unsigned long long) va);
  cx += draw_text (y, cx, x + w - cx, ui_attr (C_TEXT), " =");
  for (unsigned l = 0; l <= cfg->levels; l++)
    {
      char f[64];
      if (l < cfg->levels)
        snprintf (f, sizeof f, " L%u %llu |", l + 1,
                  (unsigned long long) index[l]);
      else
        snprintf (f, sizeof f, _(" offset 0x%llx"),
                  (unsigned long long) offset);
      if (cx + text_width (f) > x + w && y + 1 < bottom)
        {
          y++;
          cx = x + 2;
        }
      cx += draw_text (y, cx, x + w - cx, ui_attr (C_TEXT), f);
    }
  if (++y >= bottom)
    return;
  /* The same in bits, a level at a time, wrapping likewise; left out
     when the rows are needed for the walk and the physical address. */
  int bits_w = 3 + (int) shift, bits_rows = 1, need = 1;
  for (unsigned l = 0; l < cfg->levels; l++)
    bits_w += (int) cfg->level_bits[l] + 1;
  if (bits_w > w)
    bits_rows = 2;
  if (ev && ev->tlb == 1)
    need++;
  if (walk_len)
    need += 1 + (int) walk_len;
  if (bottom - y - bits_rows < need)
    goto walk_rows;
  cx = x + 3;
  for (unsigned l = 0; l <= cfg->levels; l++)
    {
      char b[72];
      unsigned nb = l < cfg->levels ? cfg->level_bits[l] : shift;
      put_bits (b, sizeof b, l < cfg->levels ? index[l] : offset, nb);
      if (cx + (int) nb + 1 > x + w && y + 1 < bottom)
        {
          y++;
          cx = x + 3;
        }
      cx += draw_text (y, cx, x + w - cx,
                       ui_attr (l < cfg->levels ? ui_proc_color (l) : C_DIM),
                       b);
      if (l < cfg->levels)
        cx += draw_text (y, cx, x + w - cx, ui_attr (C_BORDER), "|");
    }
  if (++y >= bottom)
    return;

walk_rows:
  if (ev && ev->tlb == 1 && ev->huge_level)
    {
      char size[32];
      leaf_size (size, sizeof size, cfg, shift, ev->huge_level);
      /* wrapped, not cut: at 80 columns it is wider than the pane */
      char *line = xasprintf (_("TLB hit (entry %d): no walk needed; the "
                                "entry maps a whole %s page"),
                              ev->tlb_slot, size);
      y += draw_wrapped (y, x, bottom - y, w, ui_attr (C_HIT), line);
      free (line);
    }
  else if (ev && ev->tlb == 1)
    {
      draw_printf (y++, x, w, ui_attr (C_HIT),
                   _("TLB hit (entry %d): no walk needed"), ev->tlb_slot);
    }
  /* One row per level read, under a header naming the bits; the label
     column is as wide as the widest "L1[448]" plus a space. */
  int labw = 7;
  for (unsigned l = 0; l < walk_len; l++)
    {
      char lb[32];
      int lw = snprintf (lb, sizeof lb, "L%u[%llu]", l + 1,
                         (unsigned long long) walk[l].index) + 1;
      if (lw > labw)
        labw = lw;
    }
  /* The header of the bits only when the rows under it fit too: the
     rows themselves come first. */
  if (walk_len && bottom - y > (int) walk_len + (ev ? 1 : 0))
    {
      /* The heading padded in columns, not bytes. */
      int ew = draw_fit (y, x, labw - 1, ui_attr (C_DIM), _("entry"));
      int bx = x + (ew + 1 > labw ? ew + 1 : labw);
      draw_text (y++, bx, x + w - bx, ui_attr (C_DIM), "PRWXUADCLSH");
    }
  /* When the page left memory (the current access, or the inspected page). */
  uint64_t evicted_at = VM_NEVER;
  if (ev)
    evicted_at = ev->evicted_at;
  else if (u->sel == SEL_PAGE)
    {
      struct vm_page_info pi;
      vm_page_info (vm, u->sel_pid, u->sel_vpn, &pi);
      evicted_at = pi.evicted_at;
    }
  unsigned shown = 0;
  for (; shown < walk_len && y < bottom; shown++)
    y += walk_row (y, x, w, bottom, labw, cfg, shift, shown, &walk[shown],
                   evicted_at, ev && ev->result == VM_SEGV,
                   ev && ev->shared_hit);
  if (shown < walk_len)
    {
      /* Levels that do not fit: say so on the last row (the narration
         below tells the whole walk). */
      canvas_blank (bottom - 1, x, w);
      draw_printf (bottom - 1, x, w, ui_attr (C_DIM), "%s %s",
                   glyph (G_ELLIPSIS), _("more levels: see What happened"));
      return;
    }
  /* A fault that made a huge leaf: the walk stops there from now on. */
  if (ev && ev->huge_level && ev->tlb != 1 && walk_len < ev->huge_level
      && y < bottom)
    {
      struct vm_walk_step now[VM_MAX_LEVELS];
      unsigned nn = vm_walk_peek (vm, ev->pid, ev->vpn, now);
      if (nn == ev->huge_level)
        {
          draw_text (y++, x, w, ui_attr (C_DIM),
                     _("after the fault, the walk ends one level up:"));
          if (y < bottom)
            y += walk_row (y, x, w, bottom, labw, cfg, shift, nn - 1,
                           &now[nn - 1], VM_NEVER, false, false);
        }
    }
  if (y >= bottom)
    return;
  /* The outcome. */
  if (ev)
    {
      if (ev->result == VM_SEGV && ev->segv == VM_SEGV_DEAD)
        draw_text (y, x, w, ui_attr (C_DIM),
                   _("no translation: the process is dead and does "
                     "nothing"));
      else if (ev->pa != VM_NEVER && ev->frame != VM_NONE)
        {
          /* whole numbers only: the offset term on a row of its own, or
             the short form, when the pane is narrow */
          char pa[96], off[48];
          snprintf (pa, sizeof pa, _("PA 0x%llx = frame %u %s 0x%llx"),
                    (unsigned long long) ev->pa, ev->frame, glyph (G_TIMES),
                    (unsigned long long) (1ull << shift));
          snprintf (off, sizeof off, _(" + offset 0x%llx"),
                    (unsigned long long) offset);
          attr_t a = ui_attr (C_HIT) | A_BOLD;
          if (text_width (pa) + text_width (off) <= w)
            draw_printf (y, x, w, a, "%s%s", pa, off);
          else if (text_width (pa) <= w && y + 1 < bottom)
            {
              draw_text (y, x, w, a, pa);
              draw_text (y + 1, x + 2, w - 2, a, off);
            }
          else
            draw_printf (y, x, w, a, _("PA 0x%llx (frame %u)"),
                         (unsigned long long) ev->pa, ev->frame);
        }
      else
        draw_printf (y, x, w, ui_attr (C_BAD), _("stopped: %s"),
                     ui_result_word (ev->result));
    }
  else if (walk_len && (walk[walk_len - 1].bits & VM_PTE_P)
           && !(walk[walk_len - 1].bits & VM_PTE_TABLE))
    draw_printf (y, x, w, ui_attr (C_HIT), _("PA 0x%llx"),
                 (unsigned long long) ((walk[walk_len - 1].target << shift)
                                       | offset));
  else
    draw_text (y, x, w, ui_attr (C_DIM), _("an access here would fault"));
}

const struct pane pane_walk = {
  .title = N_("Page-table walk"),
  .draw = walk_draw,
};
