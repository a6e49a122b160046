#!/bin/sh
# library-text.sh: src/scenario/library-text.c, the library's human text
# for xgettext, is what the loaders read from scenarios/, its order.txt
# and share/quizzes/ now: a new say text (or title, question, group...)
# without its entry fails here until `make update-library-text` (TAP).
. "${top_srcdir:-.}/tests/tap.sh"
top_builddir=${top_builddir:-.}
extract=$top_builddir/src/extract-text
echo "1..2"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/library-text.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
"$extract" --library "$top_srcdir" >"$tmp/new.c" 2>"$tmp/err"
ok $? "extract-text reads the whole library" "$(cat "$tmp/err")"
diff -u "$top_srcdir/src/scenario/library-text.c" "$tmp/new.c" \
  >"$tmp/diff" 2>&1
ok $? "src/scenario/library-text.c is current (else: make update-library-text)" \
  "$(head -40 "$tmp/diff")"
