# pseudo.awk: the filter of the pseudo-translation (tests/pseudo-po.sh).
# Reads one message, writes it with every ASCII letter made fullwidth
# (two columns) and 40% longer (wide marks added), leaving format
# directives (%s, %-10llu, %1$s, %<PRIu64>) as they are.  Byte-wise: run with
# LC_ALL=C.
BEGIN {
  RS = "\001"
  up = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
  lo = "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
  A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  a = "abcdefghijklmnopqrstuvwxyz"
}
{
  s = $0
  out = ""
  n = 0
  len = length (s)
  for (i = 1; i <= len; i++)
    {
      c = substr (s, i, 1)
      if (c == "%")
        {
          j = i + 1
          while (j <= len && index ("-+ #0'123456789.*$", substr (s, j, 1)))
            j++
          if (substr (s, j, 1) == "<")
            while (j < len && substr (s, j, 1) != ">")
              j++
          else
            while (j <= len && index ("hlLqjzt", substr (s, j, 1)))
              j++
          out = out substr (s, i, j - i + 1)
          i = j
          continue
        }
      if ((k = index (A, c)) > 0)
        {
          out = out substr (up, 3 * k - 2, 3)
          n++
        }
      else if ((k = index (a, c)) > 0)
        {
          out = out substr (lo, 3 * k - 2, 3)
          n++
        }
      else
        out = out c
    }
  # 40% longer: wide marks before the trailing newlines.
  pad = ""
  for (k = 0; k < int ((n * 4 + 9) / 10); k++)
    pad = pad "ー"
  t = out
  nl = ""
  while (length (t) > 0 && substr (t, length (t), 1) == "\n")
    {
      nl = nl "\n"
      t = substr (t, 1, length (t) - 1)
    }
  printf "%s%s%s", t, pad, nl
}
