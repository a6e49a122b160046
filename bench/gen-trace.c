/* gen-trace.c: write N accesses of the benchmark stream (gen.h) as a
 * page-number trace: "gen-trace N FILE [SEED]". */
#include "system.h"

#include "gen.h"

int
main (int argc, char **argv)
{
  static char buf[1 << 16];
  size_t len = 0;
  unsigned long long n;
  struct gen g;
  FILE *fp;

  if (argc < 3 || argc > 4)
    {
      fprintf (stderr, "usage: %s N FILE [SEED]\n", argv[0]);
      return 2;
    }
  n = strtoull (argv[1], NULL, 10);
  gen_init (&g, argc > 3 ? strtoull (argv[3], NULL, 10) : 1);
  fp = fopen (argv[2], "w");
  if (!fp)
    {
      perror (argv[2]);
      return 2;
    }
  for (unsigned long long i = 0; i < n; i++)
    {
      bool w;
      uint64_t v = gen_next (&g, &w);
      char tmp[24];
      int k = 0;
      do
        tmp[k++] = (char) ('0' + v % 10);
      while ((v /= 10) != 0);
      while (k > 0)
        buf[len++] = tmp[--k];
      if (w)
        buf[len++] = 'w';
      buf[len++] = '\n';
      if (len > sizeof buf - 32)
        {
          fwrite (buf, 1, len, fp);
          len = 0;
        }
    }
  fwrite (buf, 1, len, fp);
  if (fclose (fp) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  return 0;
}
