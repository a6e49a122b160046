#!/bin/sh
# quiz-bad.sh: every broken results file in tests/bad-results/ makes
# `vmtutor --grade` exit 2 with exactly the message of its .err file
# (FILE:LINE:COL), and a good file beside it is still graded.  Then
# results files made here: too big, an answer too long, not a file.
# (Broken quiz files are in tests/bad/quiz-*.yaml, run by bad.sh.)  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-quizbad.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
quiz=$top_srcdir/tests/quiz/plain.yaml
cp "$top_srcdir/tests/quiz/ok.results.json" "$tmp/ok.json"

n=0
out=
# check NAME EXPECTED-FILE DIR: --grade NAME ok.json in DIR exits 2 with
# exactly EXPECTED-FILE on stderr, and grades ok.json all the same.
check () {
  n=$((n + 1))
  (cd "$3" && "$VMTUTOR" --grade --quiz="$quiz" "$1" "$tmp/ok.json" \
     >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  if [ $rc -eq 2 ] && cmp -s "$2" "$tmp/stderr" \
     && [ "$(grep -c '^ada,' "$tmp/stdout")" = 1 ]; then
    out="$out
ok $n - $1"
  else
    out="$out
not ok $n - $1 (exit $rc)
# expected: $(cat "$2")
# got:      $(cat "$tmp/stderr")"
  fi
}

for f in "$top_srcdir"/tests/bad-results/*.json; do
  name=$(basename "$f")
  check "$name" "${f%.json}.err" "$top_srcdir/tests/bad-results"
done

mkdir "$tmp/gen"
# Over 1 MiB.
{ printf '{"format": "vmtutor-results", "pad": "'; head -c 1100000 /dev/zero | tr '\0' x; echo '"}'; } >"$tmp/gen/big.json"
echo "vmtutor: big.json: found 1100041 bytes; expected at most 1048576 (1 MiB)" >"$tmp/big.err"
check big.json "$tmp/big.err" "$tmp/gen"
# An answer of 5000 bytes.
long=$(head -c 5000 /dev/zero | tr '\0' 7)
sed "s/\"given\": \"7\"/\"given\": \"$long\"/" "$tmp/ok.json" >"$tmp/gen/long-answer.json"
echo "vmtutor: long-answer.json:4:23: found an answer of more than 4096 bytes or with a NUL byte; expected a shorter one" >"$tmp/long.err"
check long-answer.json "$tmp/long.err" "$tmp/gen"
# Not files.
mkdir "$tmp/gen/dir.json"
echo "vmtutor: dir.json: found a directory; expected a results file" >"$tmp/dir.err"
check dir.json "$tmp/dir.err" "$tmp/gen"
if mkfifo "$tmp/gen/fifo.json" 2>/dev/null; then
  echo "vmtutor: fifo.json: found a special file (device, FIFO or socket); expected a regular file" >"$tmp/fifo.err"
  check fifo.json "$tmp/fifo.err" "$tmp/gen"
fi
echo "vmtutor: missing.json: No such file or directory" >"$tmp/missing.err"
check missing.json "$tmp/missing.err" "$tmp/gen"

# A broken results file met when resuming: refused, left as it was.
n=$((n + 1))
cp "$top_srcdir/tests/bad-results/truncated.json" "$tmp/gen/t-plain-ada.results.json"
(cd "$tmp/gen" && "$VMTUTOR" --quiz="$quiz" --student=ada --plain </dev/null \
   >"$tmp/stdout" 2>"$tmp/stderr")
rc=$?
if [ $rc -eq 2 ] && cmp -s "$top_srcdir/tests/bad-results/truncated.json" "$tmp/gen/t-plain-ada.results.json" \
   && grep -q '^vmtutor: t-plain-ada.results.json:2:1: ' "$tmp/stderr"; then
  out="$out
ok $n - a broken results file is refused when resuming and kept"
else
  out="$out
not ok $n - a broken results file is refused when resuming and kept (exit $rc)
# $(cat "$tmp/stderr")"
fi

echo "1..$n"
printf '%s\n' "$out" | sed '1d'
exit 0
