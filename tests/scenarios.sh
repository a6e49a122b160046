#!/bin/sh
# scenarios.sh: every scenario of the library must load (--check) and
# run in batch mode with all its expectations holding (exit 0).  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"

set -- "$top_srcdir"/scenarios/*.yaml
echo "1..$(( $# * 2 ))"
n=0
for f in "$@"; do
  name=$(basename "$f" .yaml)
  n=$((n + 1))
  if out=$("$VMTUTOR" --check "$f" 2>&1); then
    echo "ok $n - check $name"
  else
    echo "not ok $n - check $name"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi
  n=$((n + 1))
  if out=$("$VMTUTOR" --batch --quiet "$f" 2>&1); then
    echo "ok $n - batch $name"
  else
    echo "not ok $n - batch $name (exit $?)"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi
done
