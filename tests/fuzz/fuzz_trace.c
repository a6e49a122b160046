/* fuzz_trace.c: libFuzzer target for the trace readers.  The first byte
 * of the input picks the format (auto, pages, addr, lackey or a --refs
 * list) and the spool bound, the second the address space; the rest is
 * the trace.  Every input must read to its end or to an error with a
 * message naming the source, and:
 *
 *   - trace_read (the block reader with its fast paths) yields exactly
 *     the accesses trace_next yields, and the same error;
 *   - every access lies in the address space, its page number is its
 *     address shifted, and its line never goes back;
 *   - a spooled stream (as opt reads a pipe) reads the same accesses
 *     again after trace_rewind, or stops at the spool bound.
 *
 * Built with --enable-fuzzing. */
#include "system.h"

#include "trace/trace.h"

#define MAX_ACCESSES 100000

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

struct result
{
  struct trace_access *a;
  size_t n;
  char *err;
};

/* A reader over the N bytes at P in format FMT. */
static struct trace *
open_input (const uint8_t *p, size_t n, int fmt, char **list, FILE **fp)
{
  *list = NULL;
  *fp = NULL;
  if (fmt == TRACE_FMT_REFS)
    {
      *list = malloc (n + 1);
      memcpy (*list, p, n);
      (*list)[n] = '\0';
      if ((*list)[0] == '@')   /* a file name: not the file system here */
        (*list)[0] = ',';
      return trace_open_refs (*list);
    }
  *fp = n ? fmemopen ((void *) p, n, "rb") : fopen ("/dev/null", "rb");
  CHECK (*fp);
  return trace_open_stream (*fp, "fuzz", (enum trace_format) fmt, true);
}

static void
read_all (struct trace *t, bool blocks, unsigned va_bits, unsigned shift,
          struct result *res)
{
  uint64_t last_line = 0;
  int rc = 0;

  size_t cap = 64;

  res->a = malloc (cap * sizeof *res->a);
  res->n = 0;
  res->err = NULL;
  while (res->n < MAX_ACCESSES)
    {
      if (res->n + 8 > cap)
        {
          cap *= 2;
          res->a = realloc (res->a, cap * sizeof *res->a);
          CHECK (res->a);
        }
      if (blocks)
        {
          size_t want = MAX_ACCESSES - res->n < 7 ? MAX_ACCESSES - res->n : 7;
          long k = trace_read (t, res->a + res->n, want);
          rc = k < 0 ? -1 : k > 0;
          if (k > 0)
            res->n += (size_t) k;
        }
      else
        {
          rc = trace_next (t, res->a + res->n);
          if (rc > 0)
            res->n++;
        }
      if (rc <= 0)
        break;
    }
  for (size_t i = 0; i < res->n; i++)
    {
      const struct trace_access *a = &res->a[i];
      CHECK (shift >= 64 || a->va >> shift == a->vpn);
      CHECK (va_bits >= 64 || a->va >> va_bits == 0);
      CHECK (a->op == VM_READ || a->op == VM_WRITE || a->op == VM_EXEC);
      CHECK (a->line >= last_line && a->line >= 1);
      last_line = a->line;
    }
  if (rc < 0)
    {
      const char *e = trace_error (t);
      CHECK (e && strncmp (e, trace_name (t), strlen (trace_name (t))) == 0);
      res->err = strdup (e);
    }
}

static void
same (const struct result *x, const struct result *y)
{
  CHECK (x->n == y->n);
  for (size_t i = 0; i < x->n; i++)
    CHECK (x->a[i].va == y->a[i].va && x->a[i].vpn == y->a[i].vpn
           && x->a[i].op == y->a[i].op && x->a[i].line == y->a[i].line);
  CHECK (!x->err == !y->err);
  CHECK (!x->err || strcmp (x->err, y->err) == 0);
}

static void
result_free (struct result *r)
{
  free (r->a);
  free (r->err);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const unsigned va_bits[] = { 16, 20, 32, 39, 48, 57, 64, 64 };
  int fmt;
  unsigned vb, shift;
  struct result r1, r2, r3;
  struct trace *t;
  char *list;
  FILE *fp;

  if (size < 2)
    return 0;
  fmt = data[0] % 5;   /* auto, pages, addr, lackey, refs */
  vb = va_bits[data[1] % 8];
  shift = 4 + (data[1] >> 3) % 26;
  if (shift >= vb)
    shift = vb - 1;
  data += 2, size -= 2;

  t = open_input (data, size, fmt, &list, &fp);
  trace_set_space (t, vb, shift);
  read_all (t, false, vb, shift, &r1);
  trace_close (t);
  free (list);

  t = open_input (data, size, fmt, &list, &fp);
  trace_format (t);
  trace_set_space (t, vb, shift);
  read_all (t, true, vb, shift, &r2);
  same (&r1, &r2);
  trace_close (t);
  free (list);
  result_free (&r2);

  if (fmt != TRACE_FMT_REFS)
    {
      char *err = NULL;
      uint64_t max = data[-2] & 0x80 ? size / 2 + 1 : size + 1;
      t = open_input (data, size, fmt, &list, &fp);
      CHECK (trace_spool (t, max, &err));
      trace_set_space (t, vb, shift);
      read_all (t, false, vb, shift, &r3);
      if (!r3.err && r3.n < MAX_ACCESSES)
        {
          CHECK (max >= size);
          same (&r1, &r3);
          result_free (&r3);
          CHECK (trace_rewind (t));
          read_all (t, true, vb, shift, &r3);
          same (&r1, &r3);
        }
      else if (r3.err && !r1.err)
        CHECK (max <= size && strstr (r3.err, "--max-memory"));
      result_free (&r3);
      trace_close (t);
    }
  result_free (&r1);
  return 0;
}
