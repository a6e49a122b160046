/* batch-summary.c: the summary that ends every batch run: a block of
 * aligned lines in text, one {"summary": {...}} line in JSON.  Printed
 * once, so plain stdio after the access buffer is flushed. */
#include "system.h"

#include "util.h"
#include "trace/batch-out.h"

/* S as a JSON string, escaped. */
static void
json_string (const char *s)
{
  putchar ('"');
  for (; *s; s++)
    {
      unsigned char c = (unsigned char) *s;
      if (c == '"' || c == '\\')
        printf ("\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        printf ("\\u%04x", c);
      else
        putchar (c);
    }
  putchar ('"');
}

/* The display columns of the labels' column: 26, or the widest label
   of text_summary in the user's language. */
static int label_w = 26;

/* "  LABEL  VALUE" with the labels aligned (in display columns). */
static void
text_row (const char *label, uint64_t v)
{
  fputs ("  ", stdout);
  mbs_pad (stdout, label, label_w, false);
  printf (" %12llu", (unsigned long long) v);
}

static double
percent (uint64_t part, uint64_t whole)
{
  return whole ? 100.0 * (double) part / (double) whole : 0.0;
}

static void
text_summary (const struct vm *vm, const struct batch_summary_extra *x)
{
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  bool store = false, other = false;
  const char *file_label;

  /* The engine counts reads of files and of the backing store together:
     name what this machine has. */
  for (uint32_t o = 0; vm_object_name (vm, o); o++)
    if (vm_object_is_store (vm, o))
      store = true;
    else
      other = true;
  file_label = store && other ? _("file and backing-store reads")
               : store ? _("backing-store reads") : _("file reads");
  {
    /* The labels printed, in the user's language: the widest sets the
       column (26 at least). */
    const char *const labels[] = {
      _("accesses"), _("hits"), _("page faults"), _("segmentation faults"),
      st->oom_kills ? _("out-of-memory kills") : "", _("evictions"),
      st->file_reads || st->file_writes ? file_label : "",
      cfg->tlb_entries ? _("TLB hits") : "",
      cfg->tlb_entries ? _("TLB misses") : "",
      !cfg->unpaged ? _("page-table pages") : "", _("effective access time"),
      x->scenario ? _("failed expectations") : ""
    };
    label_w = 26;
    for (size_t i = 0; i < ARRAY_SIZE (labels); i++)
      if (mbs_width (labels[i]) > label_w && mbs_width (labels[i]) <= 60)
        label_w = mbs_width (labels[i]);
  }
  if (cfg->unpaged)
    /* No pages, no policy, no page tables: base + address is all. */
    printf (_("Summary: %s, no paging (physical addressing), %llu bytes of "
              "memory, %u-bit addresses\n"), x->source,
            (unsigned long long) cfg->frames * cfg->page_size, cfg->va_bits);
  else
    {
      printf (ngettext ("Summary: %s, %s policy, %lu frame, %llu-byte "
                        "pages, %u-bit addresses, levels ",
                        "Summary: %s, %s policy, %lu frames, %llu-byte "
                        "pages, %u-bit addresses, levels ",
                        (unsigned long) cfg->frames),
              x->source, vm_policy_name (cfg->policy),
              (unsigned long) cfg->frames,
              (unsigned long long) cfg->page_size, cfg->va_bits);
      for (unsigned i = 0; i < cfg->levels; i++)
        printf (i ? ",%u" : "%u", cfg->level_bits[i]);
    }
  if (cfg->unpaged)
    ;
  else if (cfg->tlb_entries)
    printf (ngettext (", TLB %lu entry (%s)\n", ", TLB %lu entries (%s)\n",
                      (unsigned long) cfg->tlb_entries),
            (unsigned long) cfg->tlb_entries,
            vm_tlb_policy_name (cfg->tlb_policy));
  else
    fputs (_(", no TLB\n"), stdout);
  text_row (_("accesses"), st->accesses);
  putchar ('\n');
  text_row (_("hits"), st->hits);
  /* TRANSLATORS: a share after a count in the summary ("hits  3
     (25.00%)"); Chinese may use full-width parentheses. */
  printf (_("  (%.2f%%)\n"), percent (st->hits, st->accesses));
  text_row (_("page faults"), st->faults);
  printf (_("  (minor %llu, major %llu, copy-on-write %llu)\n"),
          (unsigned long long) st->minor_faults,
          (unsigned long long) st->major_faults,
          (unsigned long long) st->cow_faults);
  text_row (_("segmentation faults"), st->segfaults);
  putchar ('\n');
  if (st->oom_kills)
    {
      text_row (_("out-of-memory kills"), st->oom_kills);
      putchar ('\n');
    }
  text_row (_("evictions"), st->evictions);
  printf (_("  (swap-outs %llu, swap-ins %llu)\n"),
          (unsigned long long) st->swap_outs,
          (unsigned long long) st->swap_ins);
  if (st->file_reads || st->file_writes)
    {
      text_row (file_label, st->file_reads);
      printf (_("  (write-backs %llu)\n"),
              (unsigned long long) st->file_writes);
    }
  if (cfg->tlb_entries)
    {
      text_row (_("TLB hits"), st->tlb_hits);
      printf (_("  (%.2f%%)\n"), percent (st->tlb_hits,
                                        st->tlb_hits + st->tlb_misses));
      text_row (_("TLB misses"), st->tlb_misses);
      putchar ('\n');
    }
  if (!cfg->unpaged)
    {
      text_row (_("page-table pages"), st->page_table_pages);
      putchar ('\n');
    }
  fputs ("  ", stdout);
  mbs_pad (stdout, _("effective access time"), label_w, false);
  printf (" %12.2f ns\n", vm_eat_ns (vm));
  if (x->scenario)
    {
      text_row (_("failed expectations"), x->expect_failures);
      putchar ('\n');
    }
}

static void
json_summary (const struct vm *vm, const struct batch_summary_extra *x)
{
  const struct vm_config *cfg = vm_config (vm);
  const struct vm_stats *st = vm_stats (vm);
  const struct { const char *key; uint64_t v; } rows[] = {
    { "accesses", st->accesses }, { "hits", st->hits },
    { "faults", st->faults }, { "minor_faults", st->minor_faults },
    { "major_faults", st->major_faults }, { "cow_faults", st->cow_faults },
    { "segfaults", st->segfaults }, { "oom_kills", st->oom_kills },
    { "tlb_hits", st->tlb_hits }, { "tlb_misses", st->tlb_misses },
    { "evictions", st->evictions }, { "swap_ins", st->swap_ins },
    { "swap_outs", st->swap_outs }, { "file_reads", st->file_reads },
    { "file_writes", st->file_writes }, { "zero_fills", st->zero_fills },
    { "cow_copies", st->cow_copies },
    { "page_table_pages", st->page_table_pages },
    { "total_cost_ns", st->total_cost_ns },
    { "frames", cfg->frames }, { "page_size", cfg->page_size },
    { "va_bits", cfg->va_bits }, { "tlb_entries", cfg->tlb_entries },
    { "tlb_ways", cfg->tlb_ways },
  };
  fputs ("{\"summary\":{", stdout);
  for (size_t i = 0; i < ARRAY_SIZE (rows); i++)
    {
      printf ("%s\"%s\":%llu", i ? "," : "", rows[i].key,
              (unsigned long long) rows[i].v);
    }
  printf (",\"eat_ns\":%.3f,\"hit_ratio\":%.6f", vm_eat_ns (vm),
          st->accesses ? (double) st->hits / (double) st->accesses : 0.0);
  fputs (",\"policy\":", stdout);
  json_string (vm_policy_name (cfg->policy));
  fputs (",\"tlb_policy\":", stdout);
  json_string (vm_tlb_policy_name (cfg->tlb_policy));
  fputs (",\"levels\":[", stdout);
  for (unsigned i = 0; i < cfg->levels; i++)
    printf (i ? ",%u" : "%u", cfg->level_bits[i]);
  fputs ("],\"source\":", stdout);
  json_string (x->source);
  if (x->format)
    {
      fputs (",\"trace_format\":", stdout);
      json_string (x->format);
    }
  if (x->scenario)
    printf (",\"expect_failures\":%u", x->expect_failures);
  fputs ("}}\n", stdout);
}

void
batch_out_summary (const struct vm *vm, const struct batch_summary_extra *x)
{
  batch_out_flush ();
  if (batch_out_format () == FORMAT_JSON)
    json_summary (vm, x);
  else
    text_summary (vm, x);
  fflush (stdout);
}
