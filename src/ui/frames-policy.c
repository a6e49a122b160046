/* frames-policy.c: what the frames pane shows of the replacement
 * policy: each frame's figure (reference bit, accesses since loading or
 * last use, until next use), the frame that would go next, and the
 * legend rows that say what the figures and marks mean and which page
 * this access evicted. */
#include "system.h"

#include "ui/ui.h"

/* The policy figure of frame FI at position POS, in at most 4 columns. */
void
frames_policy_figure (char *buf, size_t n, const struct vm *vm,
               const struct vm_frame_info *fi, uint64_t pos)
{
  uint64_t v;
  switch (vm_config (vm)->policy)
    {
    case VM_POLICY_CLOCK:
    case VM_POLICY_SC_DIRTY:
      snprintf (buf, n, "%s", fi->ref ? "r1" : "r0");
      return;
    case VM_POLICY_FIFO:
      v = pos > fi->loaded_at ? pos - fi->loaded_at : 0;
      break;
    case VM_POLICY_LRU:
      v = pos > fi->last_use ? pos - fi->last_use : 0;
      break;
    case VM_POLICY_OPT:
      if (fi->next_use == VM_NEVER)
        {
          snprintf (buf, n, "%s", _("inf"));
          return;
        }
      v = fi->next_use > pos ? fi->next_use - pos : 0;
      break;
    case VM_POLICY_SECOND_CHANCE:
      snprintf (buf, n, "%s", fi->ref ? "r1" : "r0");
      return;
    case VM_POLICY_WSCLOCK:
      if (fi->ref)
        {
          snprintf (buf, n, "r1");
          return;
        }
      v = pos > fi->count ? pos - fi->count : 0;
      break;
    case VM_POLICY_MRU:
    case VM_POLICY_WS:
      v = pos > fi->last_use ? pos - fi->last_use : 0;
      break;
    case VM_POLICY_LFU:
    case VM_POLICY_MFU:
    case VM_POLICY_NFU:
      v = fi->count;
      break;
    case VM_POLICY_AGING:
      snprintf (buf, n, "%02x", (unsigned) (fi->count & 0xff));
      return;
    case VM_POLICY_NRU:
      snprintf (buf, n, "c%u", 2u * fi->ref + fi->dirty);
      return;
    case VM_POLICY_2Q:
      snprintf (buf, n, "%s", fi->count ? "am" : "in");
      return;
    default:
      buf[0] = '\0';
      return;
    }
  if (v > 999)
    snprintf (buf, n, "999+");
  else
    snprintf (buf, n, "%u", (unsigned) v);
}

/* The 8 bits of an aging counter. */
static const char *
bits8 (char buf[9], uint64_t v)
{
  for (int i = 0; i < 8; i++)
    buf[i] = (v >> (7 - i)) & 1 ? '1' : '0';
  buf[8] = '\0';
  return buf;
}

/* A line saying what the figures in the cells mean.  FRAME (or VM_NONE):
 * the frame whose counter aging spells out in binary. */
static void
policy_legend (char *buf, size_t n, const struct vm *vm, uint32_t frame)
{
  const struct vm_config *cfg = vm_config (vm);
  char b8[9];
  size_t len;
  switch (cfg->policy)
    {
    case VM_POLICY_CLOCK:
      snprintf (buf, n, _("clock: hand %s at %u, r = reference bit"),
                glyph (G_HAND), vm_clock_hand (vm));
      break;
    case VM_POLICY_SC_DIRTY:
      snprintf (buf, n, _("second chance: hand %s at frame %u, r = reference "
                          "bit"), glyph (G_HAND), vm_clock_hand (vm));
      break;
    case VM_POLICY_FIFO:
      snprintf (buf, n, "%s", _("fifo: accesses since loaded"));
      break;
    case VM_POLICY_LRU:
      snprintf (buf, n, "%s", _("lru: accesses since last use"));
      break;
    case VM_POLICY_OPT:
      snprintf (buf, n, "%s", _("opt: accesses until next use"));
      break;
    case VM_POLICY_SECOND_CHANCE:
      {
        uint32_t list[8], k = vm_policy_list (vm, list, 8);
        char order[64] = "";
        for (uint32_t i = 0; i < k && i < 8; i++)
          {
            len = strlen (order);
            snprintf (order + len, sizeof order - len, "%s%u", i ? " " : "",
                      list[i]);
          }
        if (k > 8)
          {
            len = strlen (order);
            snprintf (order + len, sizeof order - len, " %s",
                      glyph (G_ELLIPSIS));
          }
        /* TRANSLATORS: %s is the list of frames, oldest first. */
        snprintf (buf, n, _("second-chance: list %s, r = reference bit"),
                  order);
      }
      break;
    case VM_POLICY_MRU:
      snprintf (buf, n, "%s", _("mru: accesses since last use (0 goes)"));
      break;
    case VM_POLICY_LFU:
      snprintf (buf, n, "%s", _("lfu: uses since loaded (the fewest go)"));
      break;
    case VM_POLICY_MFU:
      snprintf (buf, n, "%s", _("mfu: uses since loaded (the most go)"));
      break;
    case VM_POLICY_NFU:
      snprintf (buf, n, ngettext ("nfu: counter, + reference bit every "
                                  "%u access",
                                  "nfu: counter, + reference bit every "
                                  "%u accesses", cfg->tick), cfg->tick);
      break;
    case VM_POLICY_AGING:
      {
        struct vm_frame_info fi;
        fi.used = false;
        if (frame != VM_NONE)
          vm_frame_info (vm, frame, &fi);
        if (fi.used)
          snprintf (buf, n, _("aging, tick %u: frame %u = %s (cells in hex)"),
                    cfg->tick, frame, bits8 (b8, fi.count));
        else
          snprintf (buf, n, _("aging, tick %u: 8-bit counters in hex"),
                    cfg->tick);
      }
      break;
    case VM_POLICY_NRU:
      snprintf (buf, n, ngettext ("nru: c = 2r + d, r cleared every "
                                  "%u access",
                                  "nru: c = 2r + d, r cleared every "
                                  "%u accesses", cfg->tick),
                cfg->tick);
      break;
    case VM_POLICY_2Q:
      {
        uint32_t pid[4];
        uint64_t vpn[4];
        uint32_t k = vm_2q_a1out (vm, pid, vpn, 4);
        snprintf (buf, n, "%s", _("2q: in = A1in (fifo), am = Am (lru); "
                                  "A1out:"));
        if (!k)
          {
            len = strlen (buf);
            snprintf (buf + len, n - len, " %s", _("empty"));
          }
        for (uint32_t i = 0; i < k && i < 4; i++)
          {
            char lab[40];
            if (pid[i] == VM_NONE)
              snprintf (lab, sizeof lab, "%llu", (unsigned long long) vpn[i]);
            else
              label_page (lab, sizeof lab, vm, pid[i], vpn[i], 14);
            len = strlen (buf);
            snprintf (buf + len, n - len, " %s", lab);
          }
        if (k > 4)
          {
            len = strlen (buf);
            snprintf (buf + len, n - len, " %s", glyph (G_ELLIPSIS));
          }
      }
      break;
    case VM_POLICY_WSCLOCK:
      snprintf (buf, n, _("wsclock: hand %s at %u, r1 or age; old from "
                          "tau = %u"), glyph (G_HAND), vm_clock_hand (vm),
                cfg->tau);
      break;
    case VM_POLICY_WS:
      snprintf (buf, n, _("ws: accesses since last use; out at tau = %u"),
                cfg->tau);
      break;
    default:
      snprintf (buf, n, "%s", _("random: any unlocked frame may go"));
      break;
    }
}

/* The frame the policy would evict next if a fault came now, or VM_NONE
 * (a free frame exists, local scope, random, more than 4096 frames). */
uint32_t
frames_next_victim (const struct vm *vm)
{
  const struct vm_config *cfg = vm_config (vm);
  uint32_t nf = cfg->frames, best = VM_NONE;
  uint64_t best_key = 0;
  if (cfg->local_scope || cfg->unpaged || nf > 4096
      || vm_frames_used (vm) < nf)
    return VM_NONE;
  if (cfg->policy > VM_POLICY_SC_DIRTY)
    return vm_peek_victim (vm);
  if (cfg->policy == VM_POLICY_CLOCK)
    {
      /* The first frame from the hand with its bit clear; if every bit
         is set, the hand clears them all and comes back to itself. */
      uint32_t hand = vm_clock_hand (vm);
      for (uint32_t k = 0; k < nf; k++)
        {
          struct vm_frame_info fi;
          uint32_t f = (hand + k) % nf;
          vm_frame_info (vm, f, &fi);
          if (!fi.pinned && !fi.ref)
            return f;
        }
      for (uint32_t k = 0; k < nf; k++)
        {
          struct vm_frame_info fi;
          uint32_t f = (hand + k) % nf;
          vm_frame_info (vm, f, &fi);
          if (!fi.pinned)
            return f;
        }
      return VM_NONE;
    }
  if (cfg->policy != VM_POLICY_FIFO && cfg->policy != VM_POLICY_LRU
      && cfg->policy != VM_POLICY_OPT)
    return VM_NONE;
  for (uint32_t f = 0; f < nf; f++)
    {
      struct vm_frame_info fi;
      uint64_t key;
      vm_frame_info (vm, f, &fi);
      if (!fi.used || fi.pinned || fi.page_table)
        continue;
      /* Bigger key = better victim; ties keep the lowest frame. */
      if (cfg->policy == VM_POLICY_FIFO)
        key = UINT64_MAX - fi.loaded_at;
      else if (cfg->policy == VM_POLICY_LRU)
        key = UINT64_MAX - fi.last_use;
      else
        key = fi.next_use;
      if (best == VM_NONE || key > best_key)
        {
          best = f;
          best_key = key;
        }
    }
  return best;
}

/* The legend rows at (Y, X), W columns, at most ROWS rows: the policy's
   figure, the page this access evicted, the marks.  Items that do not
   fit are left out, least useful first.  Returns the rows used. */
int
frames_legend (const struct ui *u, const struct vm *vm, const struct tick *t,
               uint32_t nextv, uint32_t hand, int y, int x, int w, int rows)
{
  const struct vm_config *cfg = vm_config (vm);
  char item[6][160];
  int prio[6], n = 0;
  attr_t attr[6];
  if (cfg->unpaged)
    {
      snprintf (item[n], sizeof item[n], _("no paging: %llu-byte blocks of "
                                           "physical memory"),
                (unsigned long long) cfg->page_size);
      prio[n] = 9, attr[n++] = ui_attr (C_DIM);
    }
  else
    {
      policy_legend (item[n], sizeof item[n], vm,
                     t && t->kind == TICK_ACCESS ? t->ev.frame : nextv);
      prio[n] = 8, attr[n++] = ui_attr (C_DIM);
    }
  if (t && t->kind == TICK_ACCESS && t->ev.evicted
      && t->ev.victim_pid != VM_NONE)
    {
      char lab[64];
      label_page (lab, sizeof lab, vm, t->ev.victim_pid, t->ev.victim_vpn, 24);
      snprintf (item[n], sizeof item[n], _("out: %s (was in %u)"), lab,
                t->ev.victim_frame);
      prio[n] = 9, attr[n++] = ui_attr (C_BAD) & ~(A_REVERSE | A_UNDERLINE);
    }
  if (nextv != VM_NONE && nextv != hand)
    {
      snprintf (item[n], sizeof item[n], _("- next out"));
      prio[n] = 7, attr[n++] = ui_attr (C_MAJOR) & ~A_UNDERLINE;
    }
  if (cfg->unpaged)
    {
      snprintf (item[n], sizeof item[n], _("* used now, ! another program's"));
      prio[n] = 5, attr[n++] = ui_attr (C_DIM);
    }
  else
    {
      snprintf (item[n], sizeof item[n], _("+ loaded, * used now"));
      prio[n] = 5, attr[n++] = ui_attr (C_DIM);
      snprintf (item[n], sizeof item[n], _("D dirty L locked H huge 2 shared"));
      prio[n] = 4, attr[n++] = ui_attr (C_DIM);
    }
  /* Fill the rows in order; an item that does not fit on the current row
     goes to the next, or is left out. */
  bool keep[6];
  for (int i = 0; i < n; i++)
    keep[i] = true;
  for (;;)
    {
      int row = 0, col = 0;
      bool fits = true;
      for (int i = 0; i < n; i++)
        if (keep[i])
          {
            int iw = text_width (item[i]);
            if (col && col + 2 + iw > w)
              row++, col = 0;
            if (iw > w)
              fits = false;
            col += (col ? 2 : 0) + iw;
          }
      if (fits && row < rows)
        break;
      int worst = -1;
      for (int i = 0; i < n; i++)
        if (keep[i] && (worst < 0 || prio[i] < prio[worst]))
          worst = i;
      if (worst < 0)
        break;
      /* The policy's line shortens to its name before it goes. */
      char *colon = strchr (item[worst], ':');
      if (worst == 0 && colon)
        {
          *colon = '\0';
          prio[worst] = 10;
        }
      else
        keep[worst] = false;
    }
  int row = 0, col = 0;
  for (int i = 0; i < n; i++)
    if (keep[i])
      {
        int iw = text_width (item[i]);
        if (col && col + 2 + iw > w)
          row++, col = 0;
        if (row >= rows)
          break;
        col += draw_text (y + row, x + col + (col ? 2 : 0), w - col, attr[i],
                          item[i]) + (col ? 2 : 0);
      }
  return row + 1;
}

