#!/bin/sh
# pictures.sh: the picture writers of the batch mode against goldens
# (tests/golden/grid-*, tests/golden/sweep-*): the textbook grid in UTF-8
# and ASCII, wrapped to COLUMNS; --sweep as text, json and csv; usage
# errors.  TAP output.  VMTUTOR_REGEN=1 rewrites the goldens instead of
# comparing (check every changed line by hand before committing them).

: "${top_srcdir:=.}"
: "${VMTUTOR:=src/vmtutor}"
G=$top_srcdir/tests/golden
tmp=${TMPDIR:-/tmp}/pictures.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
n=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; }
diag () { sed 's/^/# /'; }

# A UTF-8 locale, if the system has one.
utf8=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
  if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
    utf8=$l; break
  fi
done

# golden NAME LOCALE COLUMNS ARGS...
golden () {
  name=$1 loc=$2 cols=$3; shift 3
  LC_ALL=$loc COLUMNS=$cols "$VMTUTOR" --batch "$@" >"$tmp/$name" 2>"$tmp/err"
  st=$?
  if [ -n "$VMTUTOR_REGEN" ]; then
    cp "$tmp/$name" "$G/$name"
    ok "golden $name regenerated"
  elif [ $st -eq 0 ] && diff -u "$G/$name" "$tmp/$name" >"$tmp/diff"; then
    ok "golden $name"
  else
    not_ok "golden $name (status $st)"
    diag <"$tmp/diff"
    diag <"$tmp/err"
  fi
}

BELADY=1,2,3,4,1,2,5,1,2,3,4,5
SILB=7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1
OSTEP=0,1,2,0,1,3,0,3,1,2,1

golden grid-belady-fifo3.txt C 80 --format=grid --refs=$BELADY --policy=fifo --frames=3
golden grid-belady-fifo4.txt C 80 --format=grid --refs=$BELADY --policy=fifo --frames=4
golden grid-silb-fifo3.txt C 80 --format=grid --refs=$SILB --policy=fifo --frames=3
golden grid-silb-lru3.txt C 80 --format=grid --refs=$SILB --policy=lru --frames=3
golden grid-silb-opt3-40.txt C 40 --format=grid --refs=$SILB --policy=opt --frames=3
golden grid-ostep-fifo3.txt C 80 --format=grid --refs=$OSTEP --policy=fifo --frames=3
golden grid-ostep-lru3.txt C 80 --format=grid --refs=$OSTEP --policy=lru --frames=3
golden grid-ostep-opt3.txt C 80 --format=grid --refs=$OSTEP --policy=opt --frames=3
golden sweep-belady.csv C 80 --sweep=1-7 --format=csv --refs=$BELADY
golden sweep-silb.jsonl C 80 --sweep=1-8 --format=json --refs=$SILB
golden sweep-belady-ascii.txt C 80 --sweep=1-7 --refs=$BELADY --policy=fifo,opt
if [ -n "$utf8" ]; then
  golden grid-silb-clock3-utf8.txt "$utf8" 80 --format=grid --refs=$SILB --policy=clock --frames=3
  golden sweep-belady-utf8.txt "$utf8" 80 --sweep=1-7 --refs=$BELADY --policy=fifo,lru
else
  ok "# SKIP no UTF-8 locale"
  ok "# SKIP no UTF-8 locale"
fi

# Every grid line fits the width asked.
LC_ALL=C COLUMNS=33 "$VMTUTOR" --batch --format=grid --refs=$SILB --frames=4 \
  >"$tmp/narrow"
long=$(awk 'length > 33' "$tmp/narrow" | wc -l)
blocks=$(grep -c '^ref ' "$tmp/narrow")
if [ "$long" -eq 0 ] && [ "$blocks" -eq 2 ]; then
  ok "grid wrapped to 33 columns in 2 blocks"
else
  not_ok "grid at 33 columns: $long long lines, $blocks blocks"
  diag <"$tmp/narrow"
fi

# The trace on standard input gives the same grid as the refs.
echo $SILB | tr , '\n' | LC_ALL=C COLUMNS=80 "$VMTUTOR" --batch --format=grid \
  --trace=- --policy=opt --frames=3 >"$tmp/stdin-grid"
LC_ALL=C COLUMNS=80 "$VMTUTOR" --batch --format=grid --refs=$SILB \
  --policy=opt --frames=3 >"$tmp/refs-grid"
if diff "$tmp/refs-grid" "$tmp/stdin-grid" >/dev/null; then
  ok "grid of a trace on standard input"
else
  not_ok "grid of a trace on standard input"
fi

# The sweep and separate runs agree on a trace file (every policy, with
# a tick and a window that are not the defaults).
awk 'BEGIN { s = 7; for (i = 0; i < 400; i++) { s = (s * 1103515245 + 12345) % 2147483648; print int(s / 65536) % 23 } }' >"$tmp/t.pages"
ALL=fifo,lru,clock,opt,random,sc-dirty,second-chance,mru,lfu,mfu,nfu,aging,nru,2q,wsclock,ws
LC_ALL=C "$VMTUTOR" --batch --sweep=1-12 --format=csv --tick=3 --tau=5 \
  --policy=$ALL --trace="$tmp/t.pages" >"$tmp/sweep.csv"
agree=yes
head -1 "$tmp/sweep.csv" | grep -qx "frames,$ALL" || agree="no (header)"
for f in 1 4 9 12; do
  row=$f
  for p in $(echo $ALL | tr , ' '); do
    v=$("$VMTUTOR" --batch --quiet --format=json --trace="$tmp/t.pages" \
         --tick=3 --tau=5 --policy=$p --frames=$f \
        | sed 's/.*"faults":\([0-9]*\).*/\1/')
    row=$row,$v
  done
  grep -qx "$row" "$tmp/sweep.csv" || { agree="no ($row)"; break; }
done
[ "$agree" = yes ] && ok "sweep = separate runs on a trace file" \
  || not_ok "sweep and separate runs: $agree"

# expect_fail PATTERN DESCRIPTION ARGS...: status 2 and the message.
expect_fail () {
  pat=$1 desc=$2; shift 2
  "$VMTUTOR" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  if [ $st -eq 2 ] && grep -q -e "$pat" "$tmp/err"; then
    ok "$desc: status 2"
  else
    not_ok "$desc: status $st"; diag <"$tmp/err"
  fi
}
expect_fail "invalid --sweep" "sweep range backwards" --batch --sweep=5-2 --refs=1
expect_fail "invalid --sweep" "sweep range zero" --batch --sweep=0-2 --refs=1
expect_fail "invalid --sweep" "sweep not a range" --batch --sweep=a-b --refs=1
expect_fail "invalid --policy" "sweep unknown policy" --batch --sweep=1-2 --refs=1 --policy=lru,nope
expect_fail "invalid --policy" "sweep policy twice" --batch --sweep=1-2 --refs=1 --policy=lru,lru
expect_fail "only for --sweep" "policy list without --sweep" --batch --refs=1 --policy=lru,opt
expect_fail "at most 64 frames" "grid with too many frames" --batch --format=grid --refs=1 --frames=65
expect_fail "need --refs" "grid of a scenario" --batch --format=grid "$G/expect-pass.yaml"
expect_fail "only for --batch" "sweep without --batch" --sweep=1-2 --refs=1
expect_fail "found 'x'" "sweep of a bad refs list" --batch --sweep=1-2 --refs=1,x
awk 'BEGIN { for (i = 0; i < 200000; i++) print i % 1000 }' >"$tmp/200k.pages"
expect_fail "200k.pages:[0-9]*: the run needs more than 1 MiB (the trace held for --sweep); see --max-memory" \
  "sweep over --max-memory" --batch --sweep=1-4 --policy=fifo,lru \
  --trace="$tmp/200k.pages" --max-memory=1MiB
# LRU alone takes the accesses as they are read: the same trace fits,
# and its curve equals the one computed from the held trace.
"$VMTUTOR" --batch --sweep=1-1000 --policy=lru --format=csv \
  --trace="$tmp/200k.pages" --max-memory=1MiB >"$tmp/lru-stream" 2>"$tmp/err"
st=$?
"$VMTUTOR" --batch --sweep=1-1000 --policy=lru,opt --format=csv \
  --trace="$tmp/200k.pages" | cut -d, -f1,2 >"$tmp/lru-held"
if [ $st -eq 0 ] && cmp -s "$tmp/lru-stream" "$tmp/lru-held"; then
  ok "sweep of lru alone within 1 MiB, equal to the held trace's curve"
else
  not_ok "sweep of lru alone: status $st"; diag <"$tmp/err"
  diff "$tmp/lru-stream" "$tmp/lru-held" | head -5 | diag
fi

# --self: the regions, then the summary; VSZ is the regions' sum.
"$VMTUTOR" --batch --self --format=json >"$tmp/self.json" 2>"$tmp/err"
st=$?
last=$(tail -n 1 "$tmp/self.json")
case $st:$last in
  0:'{"summary":{"pid":'*'"vsz":'*'"rss":'*'"resident_pages":'*) ok "--self json summary" ;;
  *) not_ok "--self json: status $st, last line $last"; diag <"$tmp/err" ;;
esac
bad=$(sed '$d' "$tmp/self.json" | grep -v '^{"start":[0-9]*,"end":[0-9]*,"perms":"[-r][-w][-x][ps]","offset":[0-9]*,"backing":\("[^"]*"\|null\),"pages":[0-9]*,"resident":\([0-9]*\|null\),"swapped":\([0-9]*\|null\)}$' | wc -l)
[ "$bad" -eq 0 ] && ok "--self json region lines well formed" \
  || not_ok "--self json: $bad region lines malformed"
if grep -q '"backing":"\[stack\]"' "$tmp/self.json" \
   && grep -q '"perms":"r-xp"' "$tmp/self.json"; then
  ok "--self shows the stack and the code"
else
  not_ok "--self: no stack or no code region"
fi
LC_ALL=C "$VMTUTOR" --batch --self >"$tmp/self.txt"
if head -n 1 "$tmp/self.txt" | grep -q '^Process [0-9]* (vmtutor): [0-9]* regions$' \
   && grep -q '^start  *end  *perms  *pages  *resident  *swapped  *backing$' "$tmp/self.txt"; then
  ok "--self text"
else
  not_ok "--self text"; diag <"$tmp/self.txt"
fi
# A process that has gone.
sh -c 'exit 0' & gone=$!
wait $gone
expect_fail "no process $gone" "--pid of a process that has gone" --batch --pid=$gone
expect_fail "goes with --batch" "--pid with --refs" --batch --pid=1 --refs=1
expect_fail "goes with --batch" "--self without --batch" --self
expect_fail "invalid value" "--pid=0" --batch --pid=0
if [ "$(id -u)" != 0 ]; then
  expect_fail "permission denied" "--pid=1 (not ours)" --batch --pid=1
else
  ok "# SKIP running as root: permission denied cannot be shown"
fi

echo "1..$n"
exit 0
