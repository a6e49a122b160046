#!/bin/sh
# po-check.sh: every catalogue of po/LINGUAS passes msgfmt --check with
# no fuzzy and no untranslated message (issue 13).  TAP; skipped when
# msgfmt is missing.
: "${top_srcdir:=.}"
LC_ALL=C
export LC_ALL
# VMTUTOR_SKIP_PO_CHECK=1 skips it (a branch with stub catalogues).
if [ -n "${VMTUTOR_SKIP_PO_CHECK:-}" ]; then
  echo "1..0 # SKIP VMTUTOR_SKIP_PO_CHECK is set"
  exit 0
fi
if ! command -v msgfmt >/dev/null 2>&1; then
  echo "1..0 # SKIP msgfmt not found"
  exit 0
fi
langs=$(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS")
set -- $langs
echo "1..$#"
n=0 failed=0
for l in "$@"; do
  n=$((n + 1))
  po=$top_srcdir/po/$l.po
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  st=$?
  last=$(printf '%s\n' "$stats" | tail -n 1)
  case $st:$last in
    0:*"fuzzy"*|0:*"untranslated"*|[!0]*)
      echo "not ok $n - $l: $last"
      printf '%s\n' "$stats" | grep -v '^ *$' | head -20 | sed 's/^/# /'
      failed=1 ;;
    *)
      echo "ok $n - $l: $last" ;;
  esac
done
exit $failed
