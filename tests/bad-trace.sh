#!/bin/sh
# tests/bad-trace.sh: hostile trace inputs and sources (issue 8): devices,
# endless pipes, FIFOs without a writer, --refs=@FILE, a broken first
# lackey record, a trace include flipped between a file and a FIFO.  Each
# run is bounded by `ulimit -v` (2 GiB) and `timeout`, so a regression
# fails here instead of hanging or eating the machine; each must end
# with exit status 2 and exactly the message given (or work).  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-bad-trace.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
V=$VMTUTOR
LIMIT_KB=2097152
TIME=20
# An AddressSanitizer build reserves terabytes of address space: no
# ulimit -v then (the timeout still holds).
if ! (ulimit -v $LIMIT_KB && "$V" --version) >/dev/null 2>&1; then
  LIMIT_KB=unlimited
fi

n=0
out=

# t NAME STATUS EXPECTED-STDERR SHELL-COMMAND: run the command (in $tmp,
# with $V the program) under the limits; it must exit with STATUS and
# print exactly EXPECTED-STDERR (a line) on stderr.
t ()
{
  n=$((n + 1))
  (cd "$tmp" && ulimit -v $LIMIT_KB && V=$V timeout $TIME sh -c "$4") \
    >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  printf '%s\n' "$3" >"$tmp/expected"
  if [ "$rc" -eq "$2" ] && { [ -z "$3" ] && [ ! -s "$tmp/stderr" ] \
                             || cmp -s "$tmp/expected" "$tmp/stderr"; }; then
    out="$out
ok $n - $1"
  else
    out="$out
not ok $n - $1 (exit $rc, expected $2)
# expected: $3
# got:      $(head -c 600 "$tmp/stderr")"
  fi
}

# Item 4: opt with a device or a pipe: lines are checked while spooling,
# and the spool is bounded.
if [ -r /dev/zero ]; then
  t "opt with --trace=/dev/zero: line 1 at once" 2 \
    "vmtutor: /dev/zero:1:4097: line longer than 4096 bytes" \
    '"$V" --batch --quiet --trace=/dev/zero --policy=opt'
  t "opt with 3 GB of zeros on a pipe: line 1 at once" 2 \
    "vmtutor: (standard input):1:4097: line longer than 4096 bytes" \
    'head -c 3000000000 /dev/zero | "$V" --batch --quiet --trace=- --policy=opt'
  t "the same without opt" 2 \
    "vmtutor: (standard input):1:4097: line longer than 4096 bytes" \
    'head -c 3000000000 /dev/zero | "$V" --batch --quiet --trace=-'
fi
t "opt with an endless valid pipe stops at --max-memory" 2 \
  "vmtutor: (standard input):16641: the run needs more than 1 MiB (spooled input); see --max-memory" \
  'yes "1                                                    # padding" | "$V" --batch --quiet --trace=- --policy=opt --max-memory=1MiB'
t "opt with a bad line far into a pipe: found before the run" 2 \
  "vmtutor: (standard input):50001:1: found 'oops'; expected a page number" \
  '{ seq 1 50000; echo oops; } | "$V" --batch --quiet --trace=- --policy=opt'
t "opt with a pipe within the budget works" 0 "" \
  'seq 1 1000 | "$V" --batch --quiet --trace=- --policy=opt --frames=4 >/dev/null'
printf 'skip\n1\n2\n3\n1\n' >"$tmp/mid.txt"
t "opt with standard input a regular file read from its middle" 0 "" \
  '(read x; "$V" --batch --quiet --trace=- --policy=opt --frames=2 --format=json) <mid.txt | grep -q "\"accesses\":4,\"hits\":1,"'
t "bad --max-memory" 2 \
  "vmtutor: invalid --max-memory 'lots' (expected a size of at least 1MiB, e.g. 512MiB or 4GiB)
Try 'vmtutor --help' for more information." \
  '"$V" --batch --refs=1 --max-memory=lots'

# Item 8: a FIFO without a writer is announced after a second, then
# waited for; a directory is refused.
if mkfifo "$tmp/fifo" 2>/dev/null; then
  t "a FIFO without a writer: said after a second, then read" 0 \
    "vmtutor: fifo: waiting for a program to write to this FIFO" \
    '"$V" --batch --quiet --trace=fifo >/dev/null & sleep 1.5; seq 1 5 >fifo; wait $!'
fi
mkdir "$tmp/dir"
t "--trace=DIRECTORY" 2 \
  "vmtutor: dir: found a directory; expected a trace file" \
  '"$V" --batch --trace=dir'

# Item 10: a broken first lackey record gets the lackey error.
printf ' L zz,4\nI  0400d7d4,8\n' >"$tmp/bad1.lackey"
t "broken first lackey record: the lackey error" 2 \
  "vmtutor: bad1.lackey:1:4: found 'zz'; expected a hexadecimal address below 2^64" \
  '"$V" --batch --trace=bad1.lackey'
printf 'I 0400d7d4\n' >"$tmp/bad2.lackey"
t "lackey record without a size" 2 \
  "vmtutor: bad2.lackey:1:11: found the end of the line; expected ',' and a size in bytes" \
  '"$V" --batch --trace=bad2.lackey'

# Item 11: --refs=@FILE, and the hint for a bad --refs.
printf '7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1\n' >"$tmp/silb.refs"
t "--refs=@FILE gives what --refs=LIST gives" 0 "" \
  '"$V" --batch --refs=@silb.refs --policy=lru --frames=3 >a; "$V" --batch --refs=7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1 --policy=lru --frames=3 | sed "s/--refs/silb.refs/" | cmp - a'
seq 0 40000 | sed 's/$/,/' | tr -d '\n' >"$tmp/long.refs"   # 229 KiB
t "--refs=@FILE longer than the 128 KiB argument cap" 0 "" \
  '"$V" --batch --quiet --refs=@long.refs --format=json | grep -q "\"accesses\":40001"'
printf '1, 2,3\n4w 5\n6, 7x,\n8 q\n' >"$tmp/bad.refs"
t "--refs=@FILE error names FILE:LINE:COL" 2 \
  "vmtutor: bad.refs:4:3: found 'q'; expected an operation letter (r, w or x), ',' or the end of the list" \
  '"$V" --batch --refs=@bad.refs'
t "--refs=@FILE missing" 2 "vmtutor: nothing.refs: No such file or directory" \
  '"$V" --batch --refs=@nothing.refs'
t "--refs=@DIRECTORY" 2 \
  "vmtutor: dir: found a directory; expected a file of page numbers" \
  '"$V" --batch --refs=@dir'
if [ -r /dev/zero ]; then
  t "--refs=@/dev/zero stops at 64 MiB" 2 \
    "vmtutor: /dev/zero: found more than 64 MiB; expected a shorter list (use --trace=FILE for a long trace)" \
    '"$V" --batch --refs=@/dev/zero'
fi
t "a bad --refs entry: an error before any row" 2 \
  "vmtutor: --refs: item 3 (column 5): found 'x'; expected a page number (a list in a file is read with --refs=@FILE)" \
  '"$V" --batch --refs=1,2,x --frames=2 >rows; status=$?; [ ! -s rows ] && exit $status'
t "a bad --refs hints at --refs=@FILE" 2 \
  "vmtutor: --refs: item 1 (column 1): found 'list.txt'; expected a page number (a list in a file is read with --refs=@FILE)" \
  '"$V" --batch --refs=list.txt'

# Item 7: a trace include that is a FIFO, and one flipped between a file
# and a FIFO while --check runs: no run may block.
mkdir "$tmp/inc"
printf '1\n2\n' >"$tmp/inc/file.txt"
cat >"$tmp/inc/s.yaml" <<'YAML'
title: include
processes:
  - name: A
    regions:
      - { name: heap, start: 0x1000, pages: 4 }
steps:
  - trace: { process: A, file: t.txt }
YAML
if mkfifo "$tmp/inc/fifo" 2>/dev/null; then
  t "a trace include that is a FIFO" 2 \
    "vmtutor: s.yaml:7:32: found 't.txt'; expected a regular trace file" \
    'cd inc && ln -s fifo t.txt && "$V" --check s.yaml; rc=$?; rm t.txt; exit $rc'
  t "a trace include flipped between a file and a FIFO never blocks" 0 "" \
    'cd inc && ln -sfn file.txt t.txt
     if command -v perl >/dev/null 2>&1; then
       perl -e '"'"'for (;;) { for my $to ("fifo", "file.txt") {
         symlink $to, "t.new"; rename "t.new", "t.txt"; } }'"'"' &
     else
       ( while :; do ln -sfn fifo t.txt; ln -sfn file.txt t.txt; done ) &
     fi
     flipper=$!
     bad=0; i=0
     while [ $i -lt 100 ]; do
       timeout 2 "$V" --check s.yaml >/dev/null 2>&1
       case $? in 0|2) ;; *) bad=$((bad+1)) ;; esac
       i=$((i+1))
     done
     kill $flipper; wait; exit $bad'
fi

echo "1..$n"
printf '%s\n' "$out" | sed '1d'
exit 0
