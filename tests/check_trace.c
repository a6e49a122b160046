/* check_trace.c: unit tests of the trace readers (src/trace/): the --refs
 * grammar, page-number and address files, valgrind lackey records (page
 * spanning, M, I, "==" lines), auto-detection and hostile input; --refs=@FILE
 * and the spool that lets opt read a pipe twice. */
#include "system.h"

#include <check.h>
#include <fcntl.h>
#include <unistd.h>

#include "trace/trace.h"
#include "util.h"

/* A reader over the bytes S[0..N) named "t", with the space set. */
static struct trace *
open_mem (const char *s, size_t n, enum trace_format fmt, unsigned va_bits,
          unsigned shift)
{
  FILE *fp = tmpfile ();
  struct trace *t;
  ck_assert_ptr_nonnull (fp);
  ck_assert_uint_eq (fwrite (s, 1, n, fp), n);
  rewind (fp);
  t = trace_open_stream (fp, "t", fmt, true);
  trace_set_space (t, va_bits, shift);
  return t;
}

static struct trace *
open_str (const char *s, enum trace_format fmt)
{
  return open_mem (s, strlen (s), fmt, 32, 12);
}

/* The next access must be VPN with OP at VA. */
static void
expect_access (struct trace *t, uint64_t vpn, enum vm_op op, uint64_t va)
{
  struct trace_access a;
  int rc = trace_next (t, &a);
  ck_assert_msg (rc == 1, "expected an access, got %d (%s)", rc,
                 trace_error (t) ? trace_error (t) : "no error");
  ck_assert_uint_eq (a.vpn, vpn);
  ck_assert_int_eq (a.op, op);
  ck_assert_uint_eq (a.va, va);
}

static void
expect_end (struct trace *t)
{
  struct trace_access a;
  int rc = trace_next (t, &a);
  ck_assert_msg (rc == 0, "expected the end, got %d (%s)", rc,
                 trace_error (t) ? trace_error (t) : "");
}

/* The next read must fail with a message containing WHAT. */
static void
expect_error (struct trace *t, const char *what)
{
  struct trace_access a;
  int rc;
  while ((rc = trace_next (t, &a)) == 1)
    ;
  ck_assert_int_eq (rc, -1);
  ck_assert_ptr_nonnull (trace_error (t));
  ck_assert_msg (strstr (trace_error (t), what), "'%s' not in '%s'", what,
                 trace_error (t));
}

START_TEST (refs_basic)
{
  struct trace *t = trace_open_refs ("7,0, 1 ,2w,3x,0x10r,4R");
  trace_set_space (t, 32, 12);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_REFS);
  expect_access (t, 7, VM_READ, 0x7000);
  expect_access (t, 0, VM_READ, 0);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_access (t, 2, VM_WRITE, 0x2000);
  expect_access (t, 3, VM_EXEC, 0x3000);
  expect_access (t, 16, VM_READ, 0x10000);
  expect_access (t, 4, VM_READ, 0x4000);
  expect_end (t);
  ck_assert (trace_rewind (t));
  expect_access (t, 7, VM_READ, 0x7000);
  trace_close (t);
}
END_TEST

START_TEST (refs_spaces_and_trailing_comma)
{
  struct trace *t = trace_open_refs (" 1 2\t3 ,4,");
  trace_set_space (t, 32, 12);
  for (uint64_t v = 1; v <= 4; v++)
    expect_access (t, v, VM_READ, v << 12);
  expect_end (t);
  trace_close (t);
  t = trace_open_refs ("");
  expect_end (t);
  trace_close (t);
}
END_TEST

START_TEST (refs_errors)
{
  struct trace *t = trace_open_refs ("1,2,abc,4");
  trace_set_space (t, 32, 12);
  expect_error (t, "--refs: item 3 (column 5): found 'abc'; expected a page");
  trace_close (t);

  t = trace_open_refs ("1,,2");
  trace_set_space (t, 32, 12);
  expect_error (t, "item 2 (column 3): found ','");
  trace_close (t);

  t = trace_open_refs ("1,2q");
  trace_set_space (t, 32, 12);
  expect_error (t, "item 2 (column 4): found 'q'");
  trace_close (t);

  t = trace_open_refs ("99999999999999999999999");
  trace_set_space (t, 32, 12);
  expect_error (t, "below 2^64");
  trace_close (t);

  /* 8-bit space, 16-byte pages: 16 pages. */
  t = trace_open_refs ("15,16");
  trace_set_space (t, 8, 4);
  expect_access (t, 15, VM_READ, 0xf0);
  expect_error (t, "item 2 (column 4): page 16 is outside the address space "
                "(at most 15)");
  trace_close (t);
}
END_TEST

START_TEST (pages_file)
{
  struct trace *t = open_str ("# a comment\n\n 3\n4 w\n5w\nx 6\n7 # seven\r\n"
                              "0x8 R\n9", TRACE_FMT_PAGES);
  expect_access (t, 3, VM_READ, 0x3000);
  expect_access (t, 4, VM_WRITE, 0x4000);
  expect_access (t, 5, VM_WRITE, 0x5000);
  expect_access (t, 6, VM_EXEC, 0x6000);
  expect_access (t, 7, VM_READ, 0x7000);
  expect_access (t, 8, VM_READ, 0x8000);
  expect_access (t, 9, VM_READ, 0x9000);
  expect_end (t);
  trace_close (t);
}
END_TEST

/* Numbers of every length, through the fast path and the general one. */
START_TEST (pages_all_lengths)
{
  char text[4096];
  size_t len = 0;
  uint64_t want[40];
  enum vm_op ops[40];
  int n = 0;
  struct trace *t;
  uint64_t v = 0;

  for (int d = 1; d <= 16; d++)
    {
      v = v * 10 + (uint64_t) (d % 10);
      want[n] = v;
      ops[n] = d % 3 == 0 ? VM_WRITE : d % 3 == 1 ? VM_READ : VM_EXEC;
      len += (size_t) snprintf (text + len, sizeof text - len, "%llu%s\n",
                                (unsigned long long) v,
                                d % 3 == 0 ? "w" : d % 3 == 1 ? "" : "x");
      n++;
    }
  len += (size_t) snprintf (text + len, sizeof text - len,
                            "007\n0x10\n00000000\n0\n");
  want[n] = 7, ops[n++] = VM_READ;
  want[n] = 16, ops[n++] = VM_READ;
  want[n] = 0, ops[n++] = VM_READ;
  want[n] = 0, ops[n++] = VM_READ;
  t = open_mem (text, len, TRACE_FMT_PAGES, 64, 12);
  for (int i = 0; i < n; i++)
    expect_access (t, want[i], ops[i], want[i] << 12);
  expect_end (t);
  trace_close (t);
}
END_TEST

START_TEST (pages_errors)
{
  struct trace *t = open_str ("1\n2\n  zz\n", TRACE_FMT_PAGES);
  expect_error (t, "t:3:3: found 'zz'; expected a page number");
  trace_close (t);
  t = open_str ("1 w r\n", TRACE_FMT_PAGES);
  expect_error (t, "t:1:5: found 'r'; expected the end of the line");
  trace_close (t);
  t = open_str ("12abc\n", TRACE_FMT_PAGES);
  expect_error (t, "t:1:3: found 'abc'");
  trace_close (t);
  t = open_str ("1048576\n", TRACE_FMT_PAGES);
  expect_error (t, "t:1:1: page 1048576 is outside the address space");
  trace_close (t);
}
END_TEST

START_TEST (addr_file)
{
  struct trace *t = open_str ("4660\n0x1234 W\nW 0x1234\n0X2001 x\n8191r\n",
                              TRACE_FMT_ADDR);
  expect_access (t, 1, VM_READ, 0x1234);
  expect_access (t, 1, VM_WRITE, 0x1234);
  expect_access (t, 1, VM_WRITE, 0x1234);
  expect_access (t, 2, VM_EXEC, 0x2001);
  expect_access (t, 1, VM_READ, 8191);
  expect_end (t);
  trace_close (t);

  /* vmm-style: 16-bit addresses, 256-byte pages. */
  t = open_mem ("16916\n62493\n65536\n", 18, TRACE_FMT_ADDR, 16, 8);
  expect_access (t, 66, VM_READ, 16916);
  expect_access (t, 244, VM_READ, 62493);
  expect_error (t, "t:3:1: address 0x10000 is outside the 16-bit address "
                "space");
  trace_close (t);

  t = open_str ("0xg\n", TRACE_FMT_ADDR);
  expect_error (t, "t:1:1: found '0xg'; expected a decimal or 0x-hex number");
  trace_close (t);
}
END_TEST

START_TEST (lackey_records)
{
  const char *s =
    "==1234== Lackey, an example Valgrind tool\n"
    "==1234== Command: ./a.out\n"
    "I  0400d7d4,8\n"
    " L 0400d7e0,4\n"
    " S 7ff000398,8\n"
    " M 0421f600,4\n"
    "==1234== \n";
  struct trace *t = open_mem (s, strlen (s), TRACE_FMT_LACKEY, 48, 12);
  expect_access (t, 0x400d, VM_EXEC, 0x400d7d4);
  expect_access (t, 0x400d, VM_READ, 0x400d7e0);
  expect_access (t, 0x7ff000, VM_WRITE, 0x7ff000398);
  expect_access (t, 0x421f, VM_READ, 0x421f600);
  expect_access (t, 0x421f, VM_WRITE, 0x421f600);
  expect_end (t);
  trace_close (t);
}
END_TEST

START_TEST (lackey_spanning)
{
  const char *s = " L 0ffc,8\nI  1ffe,4\n M 2ffd,6\n S 3000,0\n";
  struct trace *t = open_mem (s, strlen (s), TRACE_FMT_LACKEY, 48, 12);
  /* One access per page spanned, lower page first. */
  expect_access (t, 0, VM_READ, 0x0ffc);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_access (t, 1, VM_EXEC, 0x1ffe);
  expect_access (t, 2, VM_EXEC, 0x2000);
  /* M: a read of all the bytes, then a write of the same bytes. */
  expect_access (t, 2, VM_READ, 0x2ffd);
  expect_access (t, 3, VM_READ, 0x3000);
  expect_access (t, 2, VM_WRITE, 0x2ffd);
  expect_access (t, 3, VM_WRITE, 0x3000);
  /* A zero-byte record still touches its page once. */
  expect_access (t, 3, VM_WRITE, 0x3000);
  expect_end (t);
  trace_close (t);

  /* 16-byte pages: a 64-byte record spans 5 pages. */
  t = open_mem (" L 108,64\n", 10, TRACE_FMT_LACKEY, 16, 4);
  expect_access (t, 0x10, VM_READ, 0x108);
  for (uint64_t p = 0x11; p <= 0x14; p++)
    expect_access (t, p, VM_READ, p << 4);
  expect_end (t);
  trace_close (t);
}
END_TEST

/* Many varied lackey lines (the reader's fast path and general parser
 * both see some) against their expansion computed here. */
START_TEST (lackey_many)
{
  static const uint64_t sizes[] = { 0, 1, 4, 8, 16, 4096, 8193, 65536 };
  static const char kinds[] = "ILSM";
  FILE *fp = tmpfile ();
  uint64_t x = 12345;
  struct trace *t = NULL;

  for (int pass = 0; pass < 2; pass++)
    {
      x = 12345;
      if (pass == 1)
        {
          rewind (fp);
          t = trace_open_stream (fp, "t", TRACE_FMT_AUTO, true);
          trace_set_space (t, 64, 12);
        }
      for (int i = 0; i < 3000; i++)
        {
          uint64_t addr, size;
          char kind;
          int style;
          x ^= x << 13, x ^= x >> 7, x ^= x << 17;
          addr = i % 7 == 0 ? x | (1ull << 63) : x >> 16;
          size = sizes[(x >> 5) % ARRAY_SIZE (sizes)];
          if (addr > UINT64_MAX - 65536)
            addr -= 65536;
          kind = kinds[(x >> 9) % 4];
          style = (int) ((x >> 12) % 4);
          if (pass == 0)
            {
              if (i % 100 == 0)
                fprintf (fp, "==99== note %d\n", i);
              fprintf (fp, kind == 'I' ? "I  " : " %c ", kind);
              fprintf (fp, style == 1 ? "%llX,%llu" : "%08llx,%llu",
                       (unsigned long long) addr, (unsigned long long) size);
              fputs (style == 2 ? " \n" : "\n", fp);
              continue;
            }
          uint64_t first = addr >> 12;
          uint64_t last = (addr + (size ? size - 1 : 0)) >> 12;
          for (int half = 0; half < (kind == 'M' ? 2 : 1); half++)
            for (uint64_t v = first; v <= last; v++)
              expect_access (t, v, half ? VM_WRITE : kind == 'I' ? VM_EXEC
                             : kind == 'S' ? VM_WRITE : VM_READ,
                             v == first ? addr : v << 12);
        }
    }
  ck_assert_int_eq (trace_format (t), TRACE_FMT_LACKEY);
  expect_end (t);
  trace_close (t);
}
END_TEST

START_TEST (lackey_errors)
{
  struct trace *t = open_str (" L 0400d7e0\n", TRACE_FMT_LACKEY);
  expect_error (t, "t:1:12: found the end of the line; expected ','");
  trace_close (t);
  t = open_str (" Q 1,2\n", TRACE_FMT_LACKEY);
  expect_error (t, "t:1:2: found 'Q'; expected a lackey record");
  trace_close (t);
  t = open_str (" L 10,99999999\n", TRACE_FMT_LACKEY);
  expect_error (t, "t:1:7: found '99999999'; expected a size of at most");
  trace_close (t);
  /* 48-bit space: the vsyscall page is outside it, and so is a record
   * whose last byte passes 2^48. */
  t = open_mem ("I  ffffffffff600000,4\n", 21, TRACE_FMT_LACKEY, 48, 12);
  expect_error (t, "t:1:1: address 0xffffffffff600000 is outside the 48-bit");
  trace_close (t);
  t = open_mem (" L fffffffffffe,4\n", 18, TRACE_FMT_LACKEY, 48, 12);
  expect_error (t, "t:1:2: address 0x1000000000001 is outside the 48-bit");
  trace_close (t);
  t = open_str (" L ffffffffffffffff,8\n", TRACE_FMT_LACKEY);
  expect_error (t, "t:1:4:");
  trace_close (t);
}
END_TEST

/* Auto-detection must not lose the lines it looked at. */
START_TEST (auto_detect)
{
  struct trace *t = open_str ("==1== hello\nI  1000,4\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_LACKEY);
  expect_access (t, 1, VM_EXEC, 0x1000);
  expect_end (t);
  trace_close (t);

  t = open_str ("I  0400d7d4,8\n L 0400d7e0,4\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_LACKEY);
  expect_access (t, 0x400d, VM_EXEC, 0x400d7d4);
  trace_close (t);

  t = open_str ("# addresses\n100\n0x2000 w\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_ADDR);
  expect_access (t, 0, VM_READ, 100);
  expect_access (t, 2, VM_WRITE, 0x2000);
  expect_end (t);
  trace_close (t);

  t = open_str ("1\n2 w\n3\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_PAGES);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_access (t, 2, VM_WRITE, 0x2000);
  expect_access (t, 3, VM_READ, 0x3000);
  expect_end (t);
  trace_close (t);

  t = open_str ("", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_PAGES);
  expect_end (t);
  trace_close (t);
}
END_TEST

START_TEST (long_line)
{
  size_t n = TRACE_MAX_LINE + 100;
  char *s = malloc (n + 8);
  memcpy (s, "1\n", 2);
  memset (s + 2, '7', n);
  memcpy (s + 2 + n, "\n3\n", 3);
  struct trace *t = open_mem (s, n + 5, TRACE_FMT_PAGES, 32, 12);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_error (t, "t:2:4097: line longer than 4096 bytes");
  trace_close (t);
  /* A line just under the cap is only a bad number. */
  memset (s + 2, ' ', TRACE_MAX_LINE - 1);
  s[2 + TRACE_MAX_LINE - 1] = '5';
  memcpy (s + 2 + TRACE_MAX_LINE, "\n", 1);
  t = open_mem (s, TRACE_MAX_LINE + 3, TRACE_FMT_PAGES, 32, 12);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_access (t, 5, VM_READ, 0x5000);
  expect_end (t);
  trace_close (t);
  free (s);
}
END_TEST

/* Binary garbage in every format: an error or records, never a crash. */
START_TEST (garbage)
{
  static const enum trace_format fmts[] = {
    TRACE_FMT_AUTO, TRACE_FMT_PAGES, TRACE_FMT_ADDR, TRACE_FMT_LACKEY
  };
  size_t n = 200000;
  unsigned char *s = malloc (n);
  uint64_t x = 88172645463325252ull;
  for (size_t i = 0; i < n; i++)
    {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      s[i] = (unsigned char) x;
    }
  s[0] = 0;
  for (size_t f = 0; f < ARRAY_SIZE (fmts); f++)
    {
      struct trace *t = open_mem ((char *) s, n, fmts[f], 32, 12);
      struct trace_access a;
      int rc;
      while ((rc = trace_next (t, &a)) == 1)
        ;
      ck_assert_int_eq (rc, -1);
      ck_assert_ptr_nonnull (strstr (trace_error (t), "t:1:"));
      trace_close (t);
    }
  /* A NUL inside a number line is named as \x00. */
  struct trace *t = open_mem ("1\n2\0003\n", 6, TRACE_FMT_PAGES, 32, 12);
  expect_error (t, "t:2:2: found '\\x00");
  trace_close (t);
  free (s);
}
END_TEST

/* Many lines across buffer refills, then a second pass. */
START_TEST (many_lines)
{
  FILE *fp = tmpfile ();
  struct trace *t;
  struct trace_access a;
  uint64_t n = 0, sum = 0;
  for (unsigned i = 0; i < 300000; i++)
    fprintf (fp, i % 3 ? "%u\n" : "%u w\n", i % 1000);
  rewind (fp);
  t = trace_open_stream (fp, "t", TRACE_FMT_AUTO, true);
  trace_set_space (t, 32, 12);
  for (int pass = 0; pass < 2; pass++)
    {
      n = sum = 0;
      while (trace_next (t, &a) == 1)
        {
          ck_assert_uint_eq (a.vpn, n % 1000);
          ck_assert_int_eq (a.op, n % 3 ? VM_READ : VM_WRITE);
          sum += a.vpn;
          n++;
        }
      ck_assert_ptr_null (trace_error (t));
      ck_assert_uint_eq (n, 300000);
      ck_assert (trace_rewind (t));
    }
  trace_close (t);
}
END_TEST

/* trace_read: accesses in blocks, an error after them on the next call. */
START_TEST (read_blocks)
{
  struct trace *t = open_str ("1\n2w\n3\nbad\n", TRACE_FMT_PAGES);
  struct trace_access a[8];
  ck_assert_int_eq (trace_read (t, a, 2), 2);
  ck_assert_uint_eq (a[0].vpn, 1);
  ck_assert_int_eq (a[1].op, VM_WRITE);
  ck_assert_int_eq (trace_read (t, a, 8), 1);
  ck_assert_uint_eq (a[0].vpn, 3);
  ck_assert_int_eq (trace_read (t, a, 8), -1);
  ck_assert_ptr_nonnull (strstr (trace_error (t), "t:4:1: found 'bad'"));
  trace_close (t);
  t = open_str ("5\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_read (t, a, 8), 1);
  ck_assert_int_eq (trace_read (t, a, 8), 0);
  trace_close (t);
}
END_TEST

/* A reader over a pipe holding S (less than a pipe buffer), named "t". */
static struct trace *
open_pipe (const char *s)
{
  int fd[2];
  size_t n = strlen (s);
  FILE *fp;
  struct trace *t;
  ck_assert_int_eq (pipe (fd), 0);
  ck_assert_int_eq (write (fd[1], s, n), (ssize_t) n);
  close (fd[1]);
  fp = fdopen (fd[0], "rb");
  ck_assert_ptr_nonnull (fp);
  t = trace_open_stream (fp, "t", TRACE_FMT_AUTO, true);
  trace_set_space (t, 32, 12);
  return t;
}

/* opt's two passes over a pipe: the first spools, the second reads the
 * copy. */
START_TEST (spool_pipe)
{
  struct trace *t = open_pipe ("1\n2w\n# c\n3\n");
  char *err = NULL;
  ck_assert (trace_spool (t, 1 << 20, &err));
  for (int pass = 0; pass < 2; pass++)
    {
      expect_access (t, 1, VM_READ, 0x1000);
      expect_access (t, 2, VM_WRITE, 0x2000);
      expect_access (t, 3, VM_READ, 0x3000);
      expect_end (t);
      if (pass == 0)
        ck_assert (trace_rewind (t));
    }
  trace_close (t);
  /* Without a spool a pipe cannot be read twice. */
  t = open_pipe ("1\n");
  expect_access (t, 1, VM_READ, 0x1000);
  expect_end (t);
  ck_assert (!trace_rewind (t));
  trace_close (t);
}
END_TEST

/* The spool is bounded; a bad line is found by the first pass. */
START_TEST (spool_errors)
{
  char big[5001];
  struct trace *t;
  char *err = NULL;
  for (int i = 0; i < 5000; i += 2)
    big[i] = '1', big[i + 1] = '\n';
  big[5000] = '\0';
  t = open_pipe (big);
  ck_assert (trace_spool (t, 1000, &err));
  expect_error (t, "t:1: the run needs more than 1000 bytes (spooled "
                "input); see --max-memory");
  ck_assert (!trace_rewind (t));
  trace_close (t);
  t = open_pipe ("1\n2\nzz\n");
  ck_assert (trace_spool (t, 1 << 20, &err));
  expect_error (t, "t:3:1: found 'zz'; expected a page number");
  trace_close (t);
  /* A regular file needs no spool: trace_spool leaves it alone. */
  t = open_str ("4\n", TRACE_FMT_AUTO);
  ck_assert (trace_spool (t, 1, &err));
  expect_access (t, 4, VM_READ, 0x4000);
  expect_end (t);
  ck_assert (trace_rewind (t));
  expect_access (t, 4, VM_READ, 0x4000);
  trace_close (t);
}
END_TEST

/* --refs=@FILE: newlines separate items, errors name FILE:LINE:COL. */
START_TEST (refs_file)
{
  char path[] = "/tmp/vmtutor-refs-XXXXXX", *at, *want;
  int fd = mkstemp (path);
  struct trace *t;
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, "1,2\n3w\n\n 4 ,\n", 13), 13);
  close (fd);
  at = xasprintf ("@%s", path);
  t = trace_open_refs (at);
  ck_assert_str_eq (trace_name (t), path);
  trace_set_space (t, 32, 12);
  expect_access (t, 1, VM_READ, 0x1000);
  expect_access (t, 2, VM_READ, 0x2000);
  expect_access (t, 3, VM_WRITE, 0x3000);
  expect_access (t, 4, VM_READ, 0x4000);
  expect_end (t);
  trace_close (t);

  fd = open (path, O_WRONLY | O_TRUNC);
  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, "1,\n2,\n x,\n", 10), 10);
  close (fd);
  t = trace_open_refs (at);
  trace_set_space (t, 32, 12);
  want = xasprintf ("%s:3:2: found 'x'; expected a page number", path);
  expect_error (t, want);
  ck_assert (strstr (trace_error (t), "--refs=@FILE") == NULL);
  trace_close (t);
  free (want);
  unlink (path);
  free (at);

  t = trace_open_refs ("@/nonexistent-vmtutor/refs");
  expect_error (t, "/nonexistent-vmtutor/refs: No such file or directory");
  trace_close (t);
  t = trace_open_refs ("@/");
  expect_error (t, "/: found a directory; expected a file of page numbers");
  trace_close (t);
  /* On the command line, a hint at @FILE. */
  t = trace_open_refs ("refs.txt");
  expect_error (t, "--refs: item 1 (column 1): found 'refs.txt'; expected a "
                "page number (a list in a file is read with --refs=@FILE)");
  trace_close (t);
}
END_TEST

/* A broken first lackey record is still lackey: its error is reported. */
START_TEST (auto_detect_broken_lackey)
{
  struct trace *t = open_str (" L zz,4\nI  0400d7d4,8\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_LACKEY);
  expect_error (t, "t:1:4: found 'zz'; expected a hexadecimal address");
  trace_close (t);
  t = open_str ("\nM 10\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_LACKEY);
  expect_error (t, "t:2:5: found the end of the line; expected ','");
  trace_close (t);
  /* Page and address files keep their formats; a word that starts with
     a kind letter is not a lackey record. */
  t = open_str ("w 7\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_PAGES);
  trace_close (t);
  t = open_str ("State: R\n", TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format (t), TRACE_FMT_PAGES);
  expect_error (t, "t:1:1: found 'State:'; expected a page number");
  trace_close (t);
}
END_TEST

/* A directory is not a trace. */
START_TEST (open_directory)
{
  char *err = NULL;
  ck_assert_ptr_null (trace_open_file ("/", TRACE_FMT_AUTO, &err));
  ck_assert_str_eq (err, "/: found a directory; expected a trace file");
  free (err);
}
END_TEST

START_TEST (format_names)
{
  ck_assert_int_eq (trace_format_parse ("lackey"), TRACE_FMT_LACKEY);
  ck_assert_int_eq (trace_format_parse ("addr"), TRACE_FMT_ADDR);
  ck_assert_int_eq (trace_format_parse ("pages"), TRACE_FMT_PAGES);
  ck_assert_int_eq (trace_format_parse ("auto"), TRACE_FMT_AUTO);
  ck_assert_int_eq (trace_format_parse ("refs"), -1);
  ck_assert_int_eq (trace_format_parse ("x"), -1);
  ck_assert_str_eq (trace_format_name (TRACE_FMT_ADDR), "addr");
}
END_TEST

static Suite *
trace_suite (void)
{
  Suite *s = suite_create ("trace");
  TCase *tc = tcase_create ("readers");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, refs_basic);
  tcase_add_test (tc, refs_spaces_and_trailing_comma);
  tcase_add_test (tc, refs_errors);
  tcase_add_test (tc, pages_file);
  tcase_add_test (tc, pages_all_lengths);
  tcase_add_test (tc, pages_errors);
  tcase_add_test (tc, addr_file);
  tcase_add_test (tc, lackey_records);
  tcase_add_test (tc, lackey_spanning);
  tcase_add_test (tc, lackey_many);
  tcase_add_test (tc, lackey_errors);
  tcase_add_test (tc, auto_detect);
  tcase_add_test (tc, long_line);
  tcase_add_test (tc, garbage);
  tcase_add_test (tc, many_lines);
  tcase_add_test (tc, read_blocks);
  tcase_add_test (tc, format_names);
  tcase_add_test (tc, spool_pipe);
  tcase_add_test (tc, spool_errors);
  tcase_add_test (tc, refs_file);
  tcase_add_test (tc, auto_detect_broken_lackey);
  tcase_add_test (tc, open_directory);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (trace_suite ());
  int failures;
  /* "-" is Check's name for stdout itself: the TAP lines and the summary
     line then share one stream and cannot interleave. */
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failures = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failures ? 1 : 0;
}
