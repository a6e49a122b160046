#!/bin/sh
# batch-golden.sh: vmtutor --batch against textbook answers and golden
# outputs (tests/golden/), JSON shape, --quiet, exit statuses and error
# messages.  TAP output.  Needs VMTUTOR and top_srcdir (set by make check).
# VMTUTOR_REGEN=1 rewrites the golden files instead of comparing (check
# every changed line by hand before committing them).

: "${top_srcdir:=.}"
: "${VMTUTOR:=src/vmtutor}"
LC_ALL=C
export LC_ALL
G=$top_srcdir/tests/golden
tmp=${TMPDIR:-/tmp}/batch-golden.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
diag () { sed 's/^/# /'; }

# vm NAME=VALUE... : the value of summary KEY of a quiet JSON run.
summary_key () {
  key=$1; shift
  "$VMTUTOR" --batch --quiet --format=json "$@" 2>"$tmp/err" \
    | sed -n "s/.*\"$key\":\\([0-9]*\\).*/\\1/p"
}

# expect_count KEY WANT DESCRIPTION ARGS...
expect_count () {
  key=$1 want=$2 desc=$3; shift 3
  got=$(summary_key "$key" "$@")
  if [ "$got" = "$want" ]; then
    ok "$desc: $want $key"
  else
    not_ok "$desc: $key is '$got', expected $want"
    diag <"$tmp/err"
  fi
}

BELADY=1,2,3,4,1,2,5,1,2,3,4,5
SILB=7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
OSTEP=0,1,2,0,1,3,0,3,1,2,1

# Textbook fault counts.
expect_count faults 9 "Belady FIFO 3 frames" --refs=$BELADY --policy=fifo --frames=3
expect_count faults 10 "Belady FIFO 4 frames" --refs=$BELADY --policy=fifo --frames=4
expect_count faults 15 "Silberschatz FIFO 3" --refs=$SILB --policy=fifo --frames=3
expect_count faults 12 "Silberschatz LRU 3" --refs=$SILB --policy=lru --frames=3
expect_count faults 9 "Silberschatz OPT 3" --refs=$SILB --policy=opt --frames=3
expect_count faults 10 "Silberschatz FIFO 4" --refs=$SILB --policy=fifo --frames=4
expect_count faults 8 "Silberschatz LRU 4" --refs=$SILB --policy=lru --frames=4
expect_count faults 8 "Silberschatz OPT 4" --refs=$SILB --policy=opt --frames=4
expect_count faults 7 "OSTEP FIFO 3" --refs=$OSTEP --policy=fifo --frames=3
expect_count faults 5 "OSTEP LRU 3" --refs=$OSTEP --policy=lru --frames=3
expect_count faults 5 "OSTEP OPT 3" --refs=$OSTEP --policy=opt --frames=3
# Clock by hand (DESIGN.md rule): victims 7,1,2,0,3,4,2,0,3,1,2.
expect_count faults 14 "Silberschatz clock 3 (by hand)" --refs=$SILB --policy=clock --frames=3
# Clock on Belady's string, 3 frames: victims 1,2,3,4,1,2.
expect_count faults 9 "Belady clock 3 (by hand)" --refs=$BELADY --policy=clock --frames=3
# The vmm project (OSTEP/Silberschatz): 1000 addresses, 244 page faults.
vmm="--trace=$top_srcdir/tests/data/vmm-addresses.txt --trace-format=addr
  --va-bits=16 --page-size=256 --levels=8 --frames=256 --tlb=16"
expect_count faults 244 "vmm addresses" $vmm
expect_count tlb_hits 55 "vmm addresses, LRU TLB of 16" $vmm
# Writes: dirty victims go to swap and come back as major faults.
expect_count swap_outs 1 "dirty victim written to swap" --refs=1w,2,3,1 --frames=2 --backing=zero
expect_count major_faults 1 "swapped page read back" --refs=1w,2,3,1 --frames=2 --backing=zero
# Backing store (default for refs): every fault is major; zero: minor.
expect_count major_faults 9 "Belady FIFO 3, backing store" --refs=$BELADY --policy=fifo --frames=3
expect_count minor_faults 0 "Belady FIFO 3, backing store" --refs=$BELADY --policy=fifo --frames=3
expect_count minor_faults 9 "Belady FIFO 3, --backing=zero" --refs=$BELADY --policy=fifo --frames=3 --backing=zero
expect_count faults 9 "Belady FIFO 3, --backing=zero" --refs=$BELADY --policy=fifo --frames=3 --backing=zero
expect_count file_writes 1 "dirty victim written back to the store" --refs=1w,2,3,1 --frames=2
expect_count swap_outs 0 "no swap with the backing store" --refs=1w,2,3,1 --frames=2
# A dead process does nothing: segfault.yaml kills 4 and then has one of
# them access again (counted neither as a segfault nor as an access).
expect_count segfaults 4 "segfault scenario: 4 kills, 4 segfaults" \
  "$top_srcdir/scenarios/segfault.yaml"
if "$VMTUTOR" --batch --format=json "$top_srcdir/scenarios/segfault.yaml" \
  | grep -q '"result":"none".*"why":".*was killed (SIGSEGV) at step [0-9]*; a dead process does nothing\."'; then
  ok "segfault scenario: the dead process's access is told"
else
  not_ok "segfault scenario: the dead process's access is not told"
fi
# The lackey sample: 1514 accesses (one per page spanned, M twice).
expect_count accesses 1514 "lackey sample" --trace="$G/sample.lackey"
expect_count accesses 1514 "lackey sample, auto-detected" \
  --trace="$G/sample.lackey" --trace-format=auto
expect_count accesses 1514 "lackey sample on stdin, opt (spooled)" \
  --trace=- --policy=opt --frames=16 <"$G/sample.lackey"
expect_count faults 15 "pages trace on stdin" --trace=- --frames=3 <<EOF
$(echo $SILB | tr , '\n')
EOF

# Golden outputs: NAME FORMAT ARGS... (run inside tests/golden so that the
# file names in the summary do not depend on the build directory).
golden () {
  name=$1; shift
  (cd "$G" && "$VMTUTOR" --batch "$@") >"$tmp/$name" 2>"$tmp/err"
  if [ -n "$VMTUTOR_REGEN" ]; then
    cp "$tmp/$name" "$G/$name"
    ok "golden $name regenerated"
  elif diff -u "$G/$name" "$tmp/$name" >"$tmp/diff"; then
    ok "golden $name"
  else
    not_ok "golden $name"
    diag <"$tmp/diff"
    diag <"$tmp/err"
  fi
}

golden belady-fifo3.txt --refs=$BELADY --policy=fifo --frames=3
golden belady-fifo3-explain.txt --refs=$BELADY --policy=fifo --frames=3 --explain
golden writes-lru2-zero-explain.txt --refs=1w,2,3,1,2w,4,2,1 --policy=lru --frames=2 \
  --backing=zero --explain
golden silberschatz-lru3.jsonl --format=json --refs=$SILB --policy=lru --frames=3
golden silberschatz-opt3.txt --refs=$SILB --policy=opt --frames=3
golden silberschatz-clock3.txt --refs=$SILB --policy=clock --frames=3
golden span-lackey.txt --trace=span.lackey --frames=3 --tlb=2
golden span-lackey.jsonl --format=json --trace=span.lackey --frames=3 --tlb=2
golden vmm-summary.txt --trace=../data/vmm-addresses.txt --trace-format=addr \
  --va-bits=16 --page-size=256 --levels=8 --frames=4 --tlb=4,2 --quiet

# JSON shape: every access line has the keys, the last line the summary.
"$VMTUTOR" --batch --format=json --refs=$SILB --frames=3 --tlb=4 >"$tmp/json"
keys_ok=yes
for k in step pid op va vpn indices offset tlb result frame pa victim \
  victim_pid victim_dirty swap_in swap_out cost_ns why; do
  c=$(grep -c "\"$k\":" "$tmp/json")
  [ "$c" = 20 ] || { keys_ok="no ($k on $c lines)"; break; }
done
[ "$keys_ok" = yes ] && ok "json: access keys on every line" \
  || not_ok "json: access keys: $keys_ok"
last=$(tail -n 1 "$tmp/json")
sum_ok=yes
for k in accesses hits faults minor_faults major_faults segfaults tlb_hits \
  tlb_misses evictions swap_ins swap_outs page_table_pages; do
  case $last in *"\"$k\":"[0-9]*) ;; *) sum_ok="no ($k)"; break ;; esac
done
case $last in '{"summary":{'*'}}') ;; *) sum_ok="no (not a summary)";; esac
[ "$sum_ok" = yes ] && ok "json: summary keys" || not_ok "json: summary: $sum_ok"
if grep -v '^{"step":[0-9]*,"pid":0,"op":"r","va":[0-9]*,"vpn":[0-9]*,"indices":\[0,[0-9]\],"offset":0,"tlb":"\(hit\|miss\)","result":"\(hit\|minor\|major\)","frame":[0-2],"pa":[0-9]*,' "$tmp/json" \
  | grep -v '^{"summary"' | grep -q .; then
  not_ok "json: access lines well formed"
else
  ok "json: access lines well formed"
fi

# --explain prints, under each line, the JSON `why` word for word.
"$VMTUTOR" --batch --explain --refs=$SILB --policy=opt --frames=3 \
  | sed -n 's/^        //p' >"$tmp/explain"
"$VMTUTOR" --batch --format=json --refs=$SILB --policy=opt --frames=3 \
  | sed -n 's/.*"why":"\(.*\)"}$/\1/p' >"$tmp/why"
if [ "$(wc -l <"$tmp/why")" -eq 20 ] && cmp -s "$tmp/explain" "$tmp/why"; then
  ok "--explain and json why: the same words"
else
  not_ok "--explain and json why differ"; diff "$tmp/explain" "$tmp/why" | diag
fi

# --quiet: only the summary.
lines=$("$VMTUTOR" --batch --quiet --format=json --refs=$SILB | wc -l)
[ "$lines" -eq 1 ] && ok "--quiet json: one line" || not_ok "--quiet json: $lines lines"
"$VMTUTOR" --batch --quiet --refs=$SILB >"$tmp/q"
if grep -q '^Summary' "$tmp/q" && ! grep -q 'minor  ' "$tmp/q"; then
  ok "--quiet text: summary only"
else
  not_ok "--quiet text"; diag <"$tmp/q"
fi

# Exit statuses and messages: STATUS PATTERN DESCRIPTION ARGS...
expect_fail () {
  want=$1 pat=$2 desc=$3; shift 3
  "$VMTUTOR" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $st -eq "$want" ] && { [ -z "$pat" ] || grep -q -e "$pat" "$tmp/err"; }; then
    ok "$desc: status $want"
  else
    not_ok "$desc: status $st (expected $want), message:"
    diag <"$tmp/err"
  fi
}

printf '1\n2\n3 q\n' >"$tmp/bad.pages"
printf '1\n2\n' >"$tmp/good.pages"
expect_fail 2 "^vmtutor: .*bad.pages:3:3: found 'q'; expected" \
  "bad trace line" --batch --trace="$tmp/bad.pages" --trace-format=pages
expect_fail 2 "item 3 (column 5): found 'x'" "bad --refs item" \
  --batch --refs=1,2,x
expect_fail 2 "page 300 is outside" "page outside the space" \
  --batch --refs=300 --va-bits=16 --page-size=256
expect_fail 2 "--policy" "bad option value" --batch --refs=1 --policy=nope
expect_fail 2 "needs a source" "no source" --batch
expect_fail 2 "invalid machine" "levels that do not add up" \
  --batch --refs=1 --levels=4,4
expect_fail 2 "no-such-file" "missing trace file" --batch --trace=no-such-file
printf '\001\002\377\000zz\n\n\377\376\n' >"$tmp/garbage"
expect_fail 2 "garbage:1:1: found '.x01.x02.xff.x00zz'" "binary garbage" \
  --batch --trace="$tmp/garbage"
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "1"; print s }' \
  >"$tmp/long"
expect_fail 2 "long:1:4097: line longer than 4096 bytes" "overlong line" \
  --batch --trace="$tmp/long" --trace-format=pages
"$VMTUTOR" --batch --quiet --trace="$tmp/good.pages" >/dev/null 2>&1
st=$?
[ $st -eq 0 ] && ok "good trace: status 0" || not_ok "good trace: status $st"

# A scenario whose expect fails: status 1 and the line named.
if [ -f "$G/expect-fail.yaml" ]; then
  expect_fail 1 "expect-fail.yaml:[0-9]*: expect failed" \
    "failed expect in a scenario" --batch "$G/expect-fail.yaml"
  expect_fail 0 "" "passing scenario" --batch --quiet "$G/expect-pass.yaml"
  golden expect-fail.txt expect-fail.yaml
  "$VMTUTOR" --batch --format=json "$G/expect-fail.yaml" >"$tmp/sj" 2>/dev/null
  if [ "$(grep -c '^{"step":' "$tmp/sj")" = 12 ] \
     && [ "$(grep -vc '^{"step":' "$tmp/sj")" = 1 ] \
     && tail -n 1 "$tmp/sj" | grep -q '^{"summary":{.*"expect_failures":1}}$'
  then
    ok "scenario json: accesses and the summary only"
  else
    not_ok "scenario json"; diag <"$tmp/sj"
  fi
fi

echo "1..$n"
exit 0
