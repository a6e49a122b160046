#!/bin/sh
# tests/screen-bench.sh: `make bench` for the interface.  Runs the real
# program in a detached tmux pane of 200x60 with VMTUTOR_BENCH set:
#   run   a 10,000-tick scenario auto-run (Space) at the fastest speed,
#         through the real main loop (target: under 5 s), peak memory;
#   draw  the same with every single tick drawn (a stress figure);
#   back  run to tick 1,000,000, then step back 100 times with a redraw
#         each (target: under 50 ms a step).
# The figures are printed by vmtutor itself on standard error.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "bench-ui: tmux not found, skipped"
  exit 0
fi
SOCK=vmtutor-bench-$$
TMP=${TMPDIR:-/tmp}/vmtutor-bench-$$
mkdir -p "$TMP" || exit 1
# One tmux server per bench (a new session on a server that is exiting
# would fail).
T=
trap '[ -n "$T" ] && $T kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT INT TERM
UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8

scenario ()
{
  cat <<YAML
title: Bench $2
machine: { va_bits: 32, page_size: 4096, levels: [10, 10], frames: 64,
           tlb: { entries: 16 }, policy: $3 }
processes:
  - name: A
    regions:
      - { name: heap, start: 0x10000000, pages: $1, perm: rw- }
steps:
  - touch: { process: A, region: heap, pages: 0-$(($1 - 1)), op: write, repeat: $1 }
YAML
}
scenario 100 "10,000 ticks" clock >"$TMP/run.yaml"
scenario 1000 "1,000,000 ticks" lru >"$TMP/back.yaml"

# bench MODE FILE SECONDS
bench ()
{
  [ -n "$T" ] && $T kill-server >/dev/null 2>&1
  T="tmux -u -L $SOCK-$1 -f /dev/null"
  $T new-session -d -s b -x 200 -y 60 \
    "env LC_ALL=$UTF8 VMTUTOR_BENCH=$1 $VMTUTOR $2 2>$TMP/$1.out; echo EXIT=\$? >$TMP/$1.done; sleep 60"
  i=0
  while [ ! -s "$TMP/$1.done" ] && [ "$i" -lt $(($3 * 10)) ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if [ -s "$TMP/$1.done" ]; then
    cat "$TMP/$1.out"
  else
    echo "bench $1: did not finish in $3 s"
  fi
}
echo "bench-ui: 200x60 pane, $(uname -m)"
bench run "$TMP/run.yaml" 120
bench draw "$TMP/run.yaml" 120
bench back "$TMP/back.yaml" 300
