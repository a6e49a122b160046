#!/bin/sh
# sweep.sh: `make bench` part for --sweep: the LRU curve for 1..65536
# frames on the 10M trace against one LRU run at 64 frames (CPU time,
# user + system, best of 3).  Target: the curve in at most 3 times the
# time of the one run, and the curve's point at 64 frames equal to the
# run's faults.  Usage: sweep.sh VMTUTOR TRACE.  Exit 1 if missed.
vm=$1 trace=$2
tmp=${TMPDIR:-/tmp}/bench-sweep.$$
mkdir -p "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# best_cpu CMD...: the best user+system seconds of 3 runs.
best_cpu () {
  best=
  for i in 1 2 3; do
    /usr/bin/env time -f '%U %S' -o "$tmp/t" "$@" >"$tmp/out" || exit 2
    t=$(awk '{ print $1 + $2 }' "$tmp/t")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

one=$(best_cpu "$vm" --batch --quiet --format=json --trace="$trace" \
  --trace-format=pages --frames=64 --policy=lru)
want=$(sed 's/.*"faults":\([0-9]*\).*/\1/' "$tmp/out")
curve=$(best_cpu "$vm" --batch --sweep=1-65536 --policy=lru --format=csv \
  --trace="$trace" --trace-format=pages)
got=$(sed -n 's/^64,//p' "$tmp/out")
ratio=$(awk -v a="$curve" -v b="$one" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "sweep: one LRU run (64 frames): ${one} s CPU; LRU curve 1..65536: ${curve} s CPU (${ratio}x, target <= 3x)"
st=0
[ "$got" = "$want" ] || { echo "sweep: curve at 64 frames is $got, the run says $want"; st=1; }
awk -v r="$ratio" 'BEGIN { exit !(r <= 3) }' || { echo "sweep: target missed"; st=1; }
exit $st
