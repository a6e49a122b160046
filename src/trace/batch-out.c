/* batch-out.c: formatting batch output.  Lines are built in one static
 * 64 KiB buffer with hand-rolled integer formatting and written with
 * fwrite when it fills: printf per field would dominate the run time of a
 * million-access trace.
 *
 * Text line layout (widths from the machine):
 *   STEP PID OP VA VPN [INDEX,...]+OFFSET [TLB] RESULT FRAME NOTES
 * JSON: one object per access (keys documented in the man page and
 * DESIGN.md), "op" is "r", "w" or "x"; numbers are plain integers and
 * absent values are null. */
#include "system.h"

#include <stdarg.h>

#include "util.h"
#include "trace/batch-out.h"

#define OBUF_SIZE (64 * 1024)
#define LINE_MAX_BYTES 1024  /* room kept for one access line */

static char obuf[OBUF_SIZE];
static size_t olen;

/* Words of the notes column, translated once by batch_out_setup. */
enum note
{
  NOTE_ZERO, NOTE_SHARED, NOTE_COPIED, NOTE_FILE, NOTE_TO_FILE, NOTE_DIRTY,
  NOTE_STORE, NOTE_TO_STORE, NOTE_COUNT
};

/* Notes of the text format without a number; those with one are whole
   clauses at their place in text_notes (a translator may put the number
   anywhere). */
static const char *const note_msgids[NOTE_COUNT] = {
  [NOTE_ZERO] = N_("zero-filled"),
  [NOTE_SHARED] = N_("already in memory"),
  [NOTE_COPIED] = N_("copied"),
  [NOTE_FILE] = N_("read from file"),
  [NOTE_TO_FILE] = N_(" (dirty, written to its file)"),
  [NOTE_DIRTY] = N_(" (dirty)"),
  [NOTE_STORE] = N_("read from backing store"),
  [NOTE_TO_STORE] = N_(" (dirty, written back)"),
};


/* Layout, fixed by batch_out_setup. */
static struct
{
  enum out_format format;
  bool tlb;
  int va_w, vpn_w, off_w, frame_w, res_w, tlb_w;
  int step_w, pid_w, op_w;          /* at least their labels' widths */
  int idx_w[VM_MAX_LEVELS];
  int va_col, walk_len, walk_col;   /* columns wider than their content */
  const char *res[VM_RESULT_COUNT];
  int res_cols[VM_RESULT_COUNT];    /* display columns of res[] */
  const char *tlb_hit, *tlb_miss;
  int tlb_hit_cols, tlb_miss_cols;
  const char *note[NOTE_COUNT];
  const char *f_swap_in, *f_evict, *f_evict_of, *f_to_slot, *f_oom, *f_huge,
    *f_wrote, *f_read;              /* notes with a number or a value */
  const char *segv[VM_SEGV_DEAD + 1];
  const char *note_sep;             /* between two notes */
} L;

/* Result words for the text format (the JSON names are vm_result_name). */
static const char *const result_words[VM_RESULT_COUNT] = {
  [VM_HIT] = N_("hit"),
  [VM_MINOR] = N_("minor"),
  [VM_MAJOR] = N_("major"),
  [VM_COW] = N_("cow"),
  [VM_SEGV] = N_("segv"),
  [VM_OOM] = N_("oom"),
};

void
batch_out_flush (void)
{
  if (olen)
    fwrite (obuf, 1, olen, stdout);
  olen = 0;
  fflush (stdout);
}

static void
room (size_t n)
{
  if (olen + n > OBUF_SIZE)
    {
      fwrite (obuf, 1, olen, stdout);
      olen = 0;
    }
}

static void
put_mem (const char *s, size_t n)
{
  while (n > 0)
    {
      size_t k;
      room (1);
      k = OBUF_SIZE - olen < n ? OBUF_SIZE - olen : n;
      memcpy (obuf + olen, s, k);
      olen += k;
      s += k;
      n -= k;
    }
}

static void
put_str (const char *s)
{
  put_mem (s, strlen (s));
}


static void
put_char (char c)
{
  room (1);
  obuf[olen++] = c;
}

static void
put_spaces (int n)
{
  while (n-- > 0)
    put_char (' ');
}

/* V in hex, zero-padded to WIDTH digits. */
static void
put_hex (uint64_t v, int width)
{
  char tmp[24];
  int n = 0;
  do
    tmp[n++] = "0123456789abcdef"[v & 15];
  while ((v >>= 4) != 0);
  while (n < width)
    tmp[n++] = '0';
  room ((size_t) n);
  while (n > 0)
    obuf[olen++] = tmp[--n];
}

/* S left-aligned in WIDTH display columns. */
static void
put_pad (const char *s, int width)
{
  put_mem (s, strlen (s));
  put_spaces (width - mbs_width (s));
}

/* The display columns of S, a translated word or label, at most 64 (so
   that an access line keeps within LINE_MAX_BYTES). */
static int
lw (const char *s)
{
  int w = mbs_width (s);
  return w > 64 ? 64 : w;
}

/* A JSON string, escaped. */
static void
put_jstr (const char *s)
{
  put_char ('"');
  for (; *s; s++)
    {
      unsigned char c = (unsigned char) *s;
      size_t run = 0;
      /* a run of plain bytes at once (the narration is long) */
      while (s[run] && s[run] != '"' && s[run] != '\\'
             && (unsigned char) s[run] >= 0x20 && s[run] != 0x7f)
        run++;
      if (run)
        {
          put_mem (s, run);
          s += run - 1;
          continue;
        }
      if (c == '"' || c == '\\')
        {
          put_char ('\\');
          put_char ((char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        {
          put_str ("\\u00");
          put_hex (c, 2);
        }
      else
        put_char ((char) c);
    }
  put_char ('"');
}

static int
imax (int a, int b)
{
  return a > b ? a : b;
}

void
batch_out_setup (const struct vm_config *cfg, enum out_format format)
{
  unsigned shift = 0, vpn_bits;

  while ((1ull << shift) < cfg->page_size)
    shift++;
  vpn_bits = cfg->va_bits - shift;
  L.format = format;
  L.tlb = cfg->tlb_entries > 0;
  L.va_w = (int) (cfg->va_bits + 3) / 4;
  L.off_w = (int) (shift + 3) / 4;
  L.vpn_w = imax (3, dec_digits (vpn_bits >= 64 ? UINT64_MAX
                             : (1ull << vpn_bits) - 1));
  /* TRANSLATORS: the heading of the column of step numbers in the
     batch text output. */
  L.step_w = imax (6, lw (C_ ("column", "step")));
  L.pid_w = imax (3, lw (_("pid")));
  L.op_w = imax (1, lw (_("op")) - 1);   /* the label may reach into the gap */
  L.frame_w = imax (lw (_("frame")),
                   dec_digits (cfg->frames ? cfg->frames - 1 : 0));
  L.walk_len = 1 + 4 + L.off_w;      /* "[" "]+0x" offset */
  for (unsigned i = 0; i < cfg->levels && i < VM_MAX_LEVELS; i++)
    {
      L.idx_w[i] = dec_digits ((1ull << cfg->level_bits[i]) - 1);
      L.walk_len += L.idx_w[i] + (i ? 1 : 0);
    }
  L.walk_col = imax (L.walk_len, lw (_("indices+offset")));
  L.va_col = imax (2 + L.va_w, lw (_("address")));
  L.vpn_w = imax (L.vpn_w, lw (_("vpn")));
  L.res_w = lw (_("result"));
  for (int r = 0; r < VM_RESULT_COUNT; r++)
    {
      L.res[r] = _(result_words[r]);
      if (strlen (L.res[r]) > 64)
        L.res[r] = result_words[r];
      L.res_cols[r] = mbs_width (L.res[r]);
      L.res_w = imax (L.res_w, L.res_cols[r]);
    }
  L.tlb_hit = _("hit");
  L.tlb_miss = _("miss");
  if (strlen (L.tlb_hit) > 64 || strlen (L.tlb_miss) > 64)
    L.tlb_hit = "hit", L.tlb_miss = "miss";
  L.tlb_hit_cols = mbs_width (L.tlb_hit);
  L.tlb_miss_cols = mbs_width (L.tlb_miss);
  L.tlb_w = imax (imax (L.tlb_hit_cols, L.tlb_miss_cols), lw (_("TLB")));
  for (int i = 0; i < NOTE_COUNT; i++)
    L.note[i] = _(note_msgids[i]);
  /* TRANSLATORS: between two notes of a batch text row ("zero-filled;
     evict vpn 1"); Chinese may use "；". */
  L.note_sep = C_ ("notes", "; ");
  /* TRANSLATORS: batch text notes; %llu is a swap slot. */
  L.f_swap_in = _("from swap slot %llu");
  /* TRANSLATORS: the virtual page evicted. */
  L.f_evict = _("evict vpn %llu");
  /* TRANSLATORS: the virtual page evicted, and its process. */
  L.f_evict_of = _("evict vpn %llu of pid %llu");
  L.f_to_slot = _(" (dirty, to swap slot %llu)");
  L.f_oom = _("out of memory: killed pid %llu");
  L.f_huge = _("huge page, leaf at level %llu");
  /* TRANSLATORS: %s is the value written or read ("42", "\"hello\""). */
  L.f_wrote = _("wrote %s");
  L.f_read = _("read %s");
  L.segv[VM_SEGV_NONE] = "";     /* _("") would be the PO header */
  for (int i = VM_SEGV_NONE + 1; i <= VM_SEGV_DEAD; i++)
    L.segv[i] = _(vm_segv_name ((enum vm_segv) i));
}

void
batch_out_header (void)
{
  put_spaces (L.step_w - mbs_width (C_ ("column", "step")));
  put_str (C_ ("column", "step"));
  put_spaces (2);
  put_pad (_("pid"), L.pid_w);
  put_spaces (2);
  put_pad (_("op"), L.op_w + 2);
  put_pad (_("address"), L.va_col + 2);
  put_spaces (L.vpn_w - mbs_width (_("vpn")));
  put_str (_("vpn"));
  put_spaces (2);
  put_pad (_("indices+offset"), L.walk_col + 2);
  if (L.tlb)
    put_pad (_("TLB"), L.tlb_w + 2);
  put_pad (_("result"), L.res_w + 2);
  put_spaces (L.frame_w - mbs_width (_("frame")));
  put_str (_("frame"));
  put_spaces (2);
  put_str (_("notes"));
  put_char ('\n');
}

/* FMT, a translated note with "%llu", "%s" or "%N$llu" conversions
   (msgfmt --check holds translations to the msgid's), with the texts
   A[0..N-1] in their place: the batch writer formats each note without
   printf (it runs once per eviction). */
static void
put_args (const char *fmt, int n, const char *const *a)
{
  int next = 0;
  while (*fmt)
    {
      const char *q = strchr (fmt, '%');
      int idx = next;
      if (!q)
        {
          put_str (fmt);
          return;
        }
      put_mem (fmt, (size_t) (q - fmt));
      q++;
      if (*q == '%')
        {
          put_char ('%');
          fmt = q + 1;
          continue;
        }
      if (*q >= '0' && *q <= '9')
        {
          const char *r = q;
          int k = 0;
          while (*r >= '0' && *r <= '9')
            k = k * 10 + (*r++ - '0');
          if (*r == '$')
            idx = k - 1, q = r + 1;
        }
      while (*q && !strchr ("sudx", *q))
        q++;
      if (*q)
        q++;
      if (idx >= 0 && idx < n)
        put_str (a[idx]);
      next = idx + 1;
      fmt = q;
    }
}

/* V in decimal in BUF (24 bytes); returns BUF. */
static const char *
udec (char *buf, uint64_t v)
{
  char tmp[24];
  int n = 0, k = 0;
  do
    tmp[n++] = (char) ('0' + v % 10), v /= 10;
  while (v);
  while (n > 0)
    buf[k++] = tmp[--n];
  buf[k] = '\0';
  return buf;
}

/* The note FMT with the number V. */
static void
put_note1 (const char *fmt, uint64_t v)
{
  char b[24];
  const char *a[1] = { udec (b, v) };
  put_args (fmt, 1, a);
}

/* The notes column: where the page came from, what was evicted. */
static void
text_notes (const struct vm_event *ev)
{
  bool sep = false;
#define NOTE() (sep ? put_str (L.note_sep) : (void) 0, sep = true)
  if (ev->result == VM_SEGV)
    NOTE (), put_str ((unsigned) ev->segv < ARRAY_SIZE (L.segv)
                      ? L.segv[ev->segv] : "?");
  /* in time order: the kill freed the frame the page then went into */
  if (ev->oom_killed != VM_NONE)
    NOTE (), put_note1 (L.f_oom, ev->oom_killed);
  if (ev->zero_fill)
    NOTE (), put_str (L.note[NOTE_ZERO]);
  if (ev->shared_hit)
    NOTE (), put_str (L.note[NOTE_SHARED]);
  if (ev->cow_copy)
    NOTE (), put_str (L.note[NOTE_COPIED]);
  if (ev->swap_in_slot != VM_NONE)
    NOTE (), put_note1 (L.f_swap_in, ev->swap_in_slot);
  if (ev->store_read)
    NOTE (), put_str (L.note[NOTE_STORE]);
  else if (ev->file_read)
    NOTE (), put_str (L.note[NOTE_FILE]);
  if (ev->evicted)
    {
      NOTE ();
      if (ev->victim_pid != ev->pid)
        {
          char b1[24], b2[24];
          const char *a[2] = { udec (b1, ev->victim_vpn),
                               udec (b2, ev->victim_pid) };
          put_args (L.f_evict_of, 2, a);
        }
      else
        put_note1 (L.f_evict, ev->victim_vpn);
      if (ev->victim_swap_slot != VM_NONE)
        put_note1 (L.f_to_slot, ev->victim_swap_slot);
      else if (ev->victim_dirty && ev->victim_store)
        put_str (L.note[NOTE_TO_STORE]);
      else if (ev->victim_dirty && ev->victim_file)
        put_str (L.note[NOTE_TO_FILE]);
      else if (ev->victim_dirty)
        put_str (L.note[NOTE_DIRTY]);
    }
  if (ev->huge_level)
    NOTE (), put_note1 (L.f_huge, ev->huge_level);
  if (ev->has_value)
    {
      char v[VM_VALUE_TEXT];
      NOTE ();
      const char *a[1] = { vm_value_text (ev->value.value, ev->value.str,
                                          v) };
      put_args (ev->op == VM_WRITE ? L.f_wrote : L.f_read, 1, a);
    }
#undef NOTE
}

/* Unchecked writers for the fixed part of an access line: the caller has
 * made room for LINE_MAX_BYTES.  Each takes and returns the cursor. */
#define W_LIT(p, s) (memcpy ((p), (s), sizeof (s) - 1), (p) + sizeof (s) - 1)

static inline char *
w_spaces (char *p, int n)
{
  while (n-- > 0)
    *p++ = ' ';
  return p;
}

/* V in decimal, right-aligned in WIDTH columns. */
static inline char *
w_udec (char *p, uint64_t v, int width)
{
  int n = 1;
  for (uint64_t x = v; x >= 10; x /= 10)
    n++;
  p = w_spaces (p, width - n);
  for (int i = n - 1; i >= 0; i--, v /= 10)
    p[i] = (char) ('0' + v % 10);
  return p + n;
}

/* V in hex, zero-padded to WIDTH digits. */
static inline char *
w_hex (char *p, uint64_t v, int width)
{
  int n = 1;
  for (uint64_t x = v; x >= 16; x >>= 4)
    n++;
  if (n < width)
    n = width;
  for (int i = n - 1; i >= 0; i--, v >>= 4)
    p[i] = "0123456789abcdef"[v & 15];
  return p + n;
}

/* S (short, known length N) left-aligned in WIDTH columns. */
static inline char *
w_pad (char *p, const char *s, size_t n, int cols, int width)
{
  memcpy (p, s, n);
  return w_spaces (p + n, width - cols);
}

/* A number, or null when V is NONE. */
static inline char *
w_num_or_null (char *p, uint64_t v, uint64_t none)
{
  return v == none ? W_LIT (p, "null") : w_udec (p, v, 0);
}

static void
text_access (const struct vm_event *ev, uint64_t step)
{
  char *p = obuf + olen;
  const char *res = (unsigned) ev->result < VM_RESULT_COUNT
                    ? L.res[ev->result] : "?";
  int res_cols = (unsigned) ev->result < VM_RESULT_COUNT
                 ? L.res_cols[ev->result] : 1;
  if (ev->result == VM_SEGV && ev->segv == VM_SEGV_DEAD)
    res = "-", res_cols = 1; /* a dead process does nothing */

  p = w_udec (p, step, L.step_w);
  p = w_spaces (p, 2);
  p = w_udec (p, ev->pid, L.pid_w);
  p = w_spaces (p, 2);
  *p++ = (char) ev->op;
  p = w_spaces (p, L.op_w - 1);
  p = W_LIT (p, "  0x");
  p = w_hex (p, ev->va, L.va_w);
  p = w_spaces (p, L.va_col - 2 - L.va_w + 2);
  p = w_udec (p, ev->vpn, L.vpn_w);
  p = W_LIT (p, "  [");
  for (unsigned i = 0; i < ev->levels && i < VM_MAX_LEVELS; i++)
    {
      if (i)
        *p++ = ',';
      p = w_udec (p, ev->index[i], L.idx_w[i]);
    }
  p = W_LIT (p, "]+0x");
  p = w_hex (p, ev->offset, L.off_w);
  p = w_spaces (p, L.walk_col - L.walk_len + 2);
  if (L.tlb)
    {
      const char *t = ev->tlb > 0 ? L.tlb_hit : ev->tlb == 0 ? L.tlb_miss : "-";
      int tc = ev->tlb > 0 ? L.tlb_hit_cols : ev->tlb == 0 ? L.tlb_miss_cols : 1;
      p = w_pad (p, t, strlen (t), tc, L.tlb_w + 2);
    }
  p = w_pad (p, res, strlen (res), res_cols, L.res_w + 2);
  if (ev->frame != VM_NONE)
    p = w_udec (p, ev->frame, L.frame_w);
  else
    p = w_spaces (p, L.frame_w - 1), *p++ = '-';
  p = w_spaces (p, 2);
  olen = (size_t) (p - obuf);
  text_notes (ev);
  while (olen > 0 && obuf[olen - 1] == ' ')
    olen--;
  put_char ('\n');
}

static void
json_access (const struct vm_event *ev, const char *why)
{
  char *p = obuf + olen;

  p = W_LIT (p, "{\"step\":");
  p = w_udec (p, ev->step, 0);
  p = W_LIT (p, ",\"pid\":");
  p = w_udec (p, ev->pid, 0);
  p = W_LIT (p, ",\"op\":\"");
  *p++ = (char) ev->op;
  p = W_LIT (p, "\",\"va\":");
  p = w_udec (p, ev->va, 0);
  p = W_LIT (p, ",\"vpn\":");
  p = w_udec (p, ev->vpn, 0);
  p = W_LIT (p, ",\"indices\":[");
  for (unsigned i = 0; i < ev->levels && i < VM_MAX_LEVELS; i++)
    {
      if (i)
        *p++ = ',';
      p = w_udec (p, ev->index[i], 0);
    }
  p = W_LIT (p, "],\"offset\":");
  p = w_udec (p, ev->offset, 0);
  if (ev->tlb > 0)
    p = W_LIT (p, ",\"tlb\":\"hit\",\"result\":\"");
  else if (ev->tlb == 0)
    p = W_LIT (p, ",\"tlb\":\"miss\",\"result\":\"");
  else
    p = W_LIT (p, ",\"tlb\":null,\"result\":\"");
  {
    const char *r = ev->result == VM_SEGV && ev->segv == VM_SEGV_DEAD
                    ? "none" : vm_result_name (ev->result); /* ASCII words */
    size_t n = strlen (r);
    memcpy (p, r, n);
    p += n;
  }
  p = W_LIT (p, "\",\"frame\":");
  p = w_num_or_null (p, ev->frame, VM_NONE);
  p = W_LIT (p, ",\"pa\":");
  p = w_num_or_null (p, ev->pa, VM_NEVER);
  if (ev->evicted)
    {
      p = W_LIT (p, ",\"victim\":");
      p = w_num_or_null (p, ev->victim_vpn, VM_NEVER);
      p = W_LIT (p, ",\"victim_pid\":");
      p = w_num_or_null (p, ev->victim_pid, VM_NONE);
      p = W_LIT (p, ",\"victim_frame\":");
      p = w_num_or_null (p, ev->victim_frame, VM_NONE);
      p = ev->victim_dirty ? W_LIT (p, ",\"victim_dirty\":true")
          : W_LIT (p, ",\"victim_dirty\":false");
    }
  else
    p = W_LIT (p, ",\"victim\":null,\"victim_pid\":null,\"victim_frame\":null"
               ",\"victim_dirty\":null");
  p = W_LIT (p, ",\"evictions\":");
  p = w_udec (p, ev->evictions, 0);
  p = W_LIT (p, ",\"swap_in\":");
  p = w_num_or_null (p, ev->swap_in_slot, VM_NONE);
  p = W_LIT (p, ",\"swap_out\":");
  p = w_num_or_null (p, ev->evicted ? ev->victim_swap_slot : VM_NONE, VM_NONE);
  p = ev->zero_fill ? W_LIT (p, ",\"zero_fill\":true")
      : W_LIT (p, ",\"zero_fill\":false");
  p = ev->file_read ? W_LIT (p, ",\"file_read\":true")
      : W_LIT (p, ",\"file_read\":false");
  p = W_LIT (p, ",\"segv\":");
  olen = (size_t) (p - obuf);
  if (ev->result == VM_SEGV)
    put_jstr (vm_segv_name (ev->segv));
  else
    put_str ("null");
  room (256);
  p = obuf + olen;
  p = W_LIT (p, ",\"oom_killed\":");
  p = w_num_or_null (p, ev->oom_killed, VM_NONE);
  p = W_LIT (p, ",\"huge_level\":");
  p = w_num_or_null (p, ev->huge_level ? ev->huge_level : VM_NONE, VM_NONE);
  p = W_LIT (p, ",\"cost_ns\":");
  p = w_udec (p, ev->cost_ns, 0);
  p = W_LIT (p, ",\"value\":");
  if (!ev->has_value)
    p = W_LIT (p, "null");
  else if (!ev->value.str)
    p = w_udec (p, ev->value.value, 0);
  else
    {
      char s[9];
      unsigned n = 0;
      for (; n < 8 && (ev->value.value >> (8 * n)); n++)
        s[n] = (char) (ev->value.value >> (8 * n));
      s[n] = 0;
      olen = (size_t) (p - obuf);
      put_jstr (s);
      p = obuf + olen;
    }
  p = W_LIT (p, ",\"why\":");
  olen = (size_t) (p - obuf);
  if (why)
    put_jstr (why);
  else
    put_str ("null");
  put_str ("}\n");
}

void
batch_out_access (const struct vm_event *ev, uint64_t step, const char *why)
{
  room (LINE_MAX_BYTES);
  if (L.format == FORMAT_JSON)
    json_access (ev, why);
  else
    {
      text_access (ev, step);
      if (why)
        {
          put_spaces (8);
          put_str (why);
          put_char ('\n');
        }
    }
}

void
batch_out_note (const char *label, const char *text)
{
  if (L.format == FORMAT_JSON)
    return;
  put_spaces (8);
  if (!text || !*text)
    put_str (label);
  else
    {
      /* TRANSLATORS: a step's label and its text in the batch output
         ("expect ok: page faults: 9", "say: ..."); Chinese may use
         "：". */
      char *line = xasprintf (_("%s: %s"), label, text);
      for (const char *p = line; *p; p++)
        {
          put_char (*p);
          if (*p == '\n' && p[1])
            put_spaces (10);
        }
      free (line);
      if (olen > 0 && obuf[olen - 1] == '\n')
        olen--;
    }
  put_char ('\n');
}

enum out_format
batch_out_format (void)
{
  return L.format;
}
