#!/bin/sh
# tests/screen-pictures.sh: screen tests of the pictures (issue 11): the
# reference grid, the faults-versus-frames curve and the strip chart, at
# 80x24 and in projection mode, forwards and back, in a detached tmux
# session.  TAP.
# Environment (set by the test harness): VMTUTOR, top_srcdir.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

. "$top_srcdir/tests/tmux.sh"
tmux_test pictures
# start FILE [LOCALE]: vmtutor on scenarios/FILE at 80x24.
start ()
{
  PANE_DIR="$top_srcdir/scenarios" W=80 H=24 \
    run_in_pane "env LC_ALL=${2:-$UTF8} '$VMTUTOR' '$1'"
  wait_for 'step 0/' >/dev/null
}
# go N: to step N.
go () { keys g; type "$1"; keys Enter; wait_for "step $1/" >/dev/null; }

# Belady, three frames, FIFO: the whole string at step 20 (the scenario
# switched to the grid at its first words).
start belady.yaml
go 20
check "grid: the references" 'ref +│ 1 2 3 4 1 2 5 1 2 3 4 5 *│'
check "grid: frame 0 after each reference" \
  'frame 0 │ 1 1 1 4 4 4 5 5 5 5 5 5 *│'
check "grid: frame 1" 'frame 1 │   2 2 2 1 1 1 1 1 3 3 3 *│'
check "grid: frame 2" 'frame 2 │     3 3 3 2 2 2 2 2 4 4 *│'
check "grid: the faults marked" 'fault +│ \* \* \* \* \* \* \*     \* \* *│'
check "grid: the victims" 'victim +│       1 2 3 4     1 2 *│'
check "grid: the totals" 'P: 12 references, 9 faults, 6 evictions'
check "grid: the header's fault count is the grid's" ' faults 9 '
# The current column (step 18 is the last reference) in reverse video,
# the others not.
keys Left Left
wait_for 'step 18/' >/dev/null
row=$($T capture-pane -e -p -t "$vt" | grep -m1 'ref')
case $row in
  *'[1;7m'*'5'*) ok "grid: the current column highlighted" ;;
  *) not_ok "grid: the current column highlighted" ;;
esac
case $row in
  *'[1;7m'*'[1;7m'*) not_ok "grid: one column highlighted" ;;
  *) ok "grid: one column highlighted" ;;
esac
keys Right Right
wait_for 'step 20/' >/dev/null
# Stepping back and forth draws the same screen.
before=$(cap)
keys Left
wait_for 'step 19/' >/dev/null
check "grid: a step back drops the expect, keeps the columns" \
  'ref +│ 1 2 3 4 1 2 5 1 2 3 4 5 *│'
keys Left Left
wait_for 'step 17/' >/dev/null
check "grid: three steps back, 11 columns" 'ref +│ 1 2 3 4 1 2 5 1 2 3 4 *│'
check "grid: 11 columns, their victims" 'victim +│       1 2 3 4     1 2 *│'
check "grid: 11 columns, their totals" 'P: 11 references, 9 faults'
keys Right Right Right
wait_for 'step 20/' >/dev/null
sleep 0.3
if [ "$(cap)" = "$before" ]; then ok "grid: forwards again, the same screen"
else not_ok "grid: forwards again, the same screen"; fi
# Projection mode.
keys p
check "grid in projection mode: frame 2" \
  'frame 2 │     3 3 3 2 2 2 2 2 4 4 *│'
keys p
# The key toggles the grid off and on.
keys r
check "r: back to the machine's panes" 'Physical frames'
keys r
check "r: the grid again" 'Reference grid: P, pages of data'

# The curve at step 37: the string with four frames, FIFO (the scenario
# switched to the curve there).
go 37
check "curve: the title says which references" \
  'Faults vs frames: the 12 references since the reboot at step 22'
check "curve: FIFO, 9 faults at 3 frames, 10 at 4" \
  '█ fifo +12 +12 +9 +10 +5 +5'
check "curve: LRU has no bump" '█ lru +12 +12 +10 +8 +5 +5'
check "curve: OPT" '█ opt +12 +9 +7 +6 +5 +5'
check "curve: the current frame count" '\(now 4, fifo\)'
check "curve: the header's faults are fifo's at 4 frames" ' faults 10 '
check "curve: the anomaly named" \
  'fifo: 4 frames fault more than 3 \(10 > 9\): Belady.s anomaly'
keys p
check "curve in projection mode" '█ fifo +12 +12 +9 +10 +5 +5'
keys p
# f on the first run: the curve of the references so far.
go 12
keys f
check "f: the curve of the references so far" \
  'Faults vs frames: the 6 references so far'
keys q
wait_for 'EXIT=0' >/dev/null

# The grid without UTF-8: ASCII rules.
start policies.yaml C
go 22
check "ASCII grid: the textbook string" \
  'ref +\| 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 *\|'
# The interface draws what --format=grid prints for the same string.
batch=$(LC_ALL=C "$VMTUTOR" --batch --format=grid --policy=fifo --frames=3 \
  --refs=7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1 | sed -n '1,8p')
screen=$(cap | sed -n '/|ref /,/|victim/p' | sed 's/^|//; s/ *|$//; s/--*+--*$//')
want=$(printf '%s\n' "$batch" | sed 's/--*+--*$//')
if [ "$screen" = "$want" ]; then
  ok "ASCII grid: the rows --format=grid prints"
else
  not_ok "ASCII grid: the rows --format=grid prints"
  printf '%s\n--- batch\n%s\n' "$screen" "$want" | sed 's/^/# /'
fi
check "ASCII grid: frame 0" \
  'frame 0 \| 7 7 7 2 2 2 2 4 4 4 0 0 0 0 0 0 0 7 7 7'
check "ASCII grid: FIFO's 15 faults" 'P: 20 references, 15 faults'
keys q
wait_for 'EXIT=0' >/dev/null

# Pages of several regions: each cell names its page as the other panes
# do (stack[0], code[1]), never two distinct pages as the same "0".
start x86-64-walk.yaml
go 14
keys r
check "grid of two regions: the title names no one region" \
  'Reference grid: P ─'
check "grid of two regions: the references named" \
  'ref +│ stack\[0\] stack\[0\] +code\[0\] +code\[0\] +code\[1\] +code\[2\]'
check "grid of two regions: frame 1 holds code[0]" \
  'frame 1 │ +code\[0\] +code\[0\] +code\[0\] +code\[0\] +│'
check "grid of two regions: frame 3 holds code[2]" 'frame 3 │ +code\[2\] +│'
# Later, only code in the columns that fit: its indices, as narrow as
# they can be (not as wide as stack[0] was).
go 27
check "grid of code only: pages of code" 'Reference grid: P, pages of code'
check "grid of code only: 16 narrow columns" \
  'ref +… +0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +10 +11 +12 +13 +14 +15 +│'
before=$(cap)
go 14
check "grid of two regions: back at step 14" 'ref +│ stack\[0\] stack\[0\]'
go 27
sleep 0.3
if [ "$(cap)" = "$before" ]; then ok "grid of code only: the same screen again"
else not_ok "grid of code only: the same screen again"; fi
keys q
wait_for 'EXIT=0' >/dev/null

# Thrashing: the strip chart (the scenario opens it once the thrashing
# has been seen; s opens it before).
start thrashing.yaml
go 56
check "strip: not yet at step 56" 'Physical frames'
keys s
check "strip: the window thrashes" \
  'this window: 3 of 3 accesses faulted \(100%\)'
check "strip: the totals are the header's" 'all: 35 faults in 51 accesses'
check "strip: the header agrees" 'accesses 51 +faults 35 '
check "strip: a line a process" \
  'A: VSZ 16 pages \(64 KiB\)  RSS [0-9]+  swapped [0-9]+  page tables 2'
keys f
check "curve of thrashing: frames 2 to 14 around the 8 in use" \
  'frames +2 +3 +4 +5 +6 +7 +8 +9 '
check "curve of thrashing: LRU at 8 frames, the run's 35 faults" \
  '█ lru +51 +51 +51 +51 +51 +51 +35 '
keys s
go 159
check "strip: the reboot and the exit marked" 'X +R'
check "strip: after the cure" 'all: 80 faults in 144 accesses'
keys p
check "strip in projection mode" 'all: 80 faults in 144 accesses'
keys p
keys '?'
check "help: the picture keys, in the order of their pictures" \
  'r  f  s +grid, fault curve, strip chart'
keys q
keys q
check "quit" 'EXIT=0'
echo "1..$n"
exit $failed
