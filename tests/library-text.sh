#!/bin/sh
# library-text.sh: src/scenario/library-text.c, the library's human text
# for xgettext, is what the loaders read from scenarios/, its order.txt
# and share/quizzes/ now: a new say text (or title, question, group...)
# without its entry fails here, and so does a text that moved to another
# line, until `make update-library-text` (TAP).
. "${top_srcdir:-.}/tests/tap.sh"
top_builddir=${top_builddir:-.}
extract=$top_builddir/src/extract-text
file=$top_srcdir/src/scenario/library-text.c
echo "1..3"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/library-text.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
"$extract" --library "$top_srcdir" >"$tmp/new.c" 2>"$tmp/err"
ok $? "extract-text reads the whole library" "$(cat "$tmp/err")"
# The texts alone, without the comments that give their places.
grep -v '^ */\*' "$file" >"$tmp/old-texts"
grep -v '^ */\*' "$tmp/new.c" >"$tmp/new-texts"
diff -u "$tmp/old-texts" "$tmp/new-texts" >"$tmp/diff" 2>&1
ok $? "every library text has its entry (run make update-library-text)" \
  "$(head -40 "$tmp/diff")"
diff -u "$file" "$tmp/new.c" >"$tmp/diff" 2>&1
ok $? "every entry names its text's place (run make update-library-text)" \
  "$(head -40 "$tmp/diff")"
