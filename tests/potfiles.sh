#!/bin/sh
# potfiles.sh: every source file with translatable strings is listed in
# po/POTFILES.in, and every file listed there exists (TAP).
cd "${top_srcdir:-.}" || exit 1
n=0
fail=0
out=
for f in $(find src -name '*.c' | sort); do
  if grep -qE '(^|[^A-Za-z0-9_])N?_ ?\(' "$f"; then
    n=$((n + 1))
    if grep -qx "$f" po/POTFILES.in; then
      out="${out}ok $n - $f listed
"
    else
      out="${out}not ok $n - $f has translatable strings but is not in po/POTFILES.in
"
      fail=1
    fi
  fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
  n=$((n + 1))
  if [ -f "$f" ]; then
    out="${out}ok $n - $f exists
"
  else
    out="${out}not ok $n - po/POTFILES.in names $f, which does not exist
"
    fail=1
  fi
done
echo "1..$n"
printf '%s' "$out"
exit $fail
