#!/bin/sh
# tests/screen-policies.sh: the frames pane and the compare view show the
# state of the policies of policy-more.c (issue 11): reference bits,
# counters, aging's 8 bits, nru's class, 2q's queues, wsclock's hand, the
# working set's ages; at 80x24, in projection mode and wider.  The
# figures are those of scenarios/more-policies.yaml at the steps named.
# TAP.  Environment (set by the test harness): VMTUTOR, top_srcdir.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

. "$top_srcdir/tests/tmux.sh"
tmux_test policies

# go STEP: to that step of the run.
go () { keys g; type "$1"; keys Enter; wait_for "step $1/" >/dev/null; }

PANE_DIR="$top_srcdir/scenarios" W=80 H=24 \
  run_in_pane "env LC_ALL=$UTF8 '$VMTUTOR' more-policies.yaml"
wait_for 'step 0/' >/dev/null
go 12
check "80x24 second-chance: reference bits, the next out" \
  '0 -P:4 +r0 │ 1  P:2 +r0'
go 36
check "80x24 lfu: uses since loaded" '0 \*P:3 +2 │ 1  P:0 +4'
go 60
check "80x24 nfu: counters" '0 \*P:2 +2 │ 1 -P:4 +1'
go 84
check "80x24 aging: the counters in hex" '1 \+P:1 +00' 
check "80x24 aging: the counter with its reference bit on top" \
  '2  P:3 +80'
go 108
check "80x24 nru: the classes, the lowest next out" '2 -P:0 +c0'
go 132
check "80x24 2q: the queues" '1  P:1 +in'
go 156
check "80x24 wsclock: the hand and the reference bits" '0 ▶P:0 +r1'
go 180
check "80x24 ws: accesses since last use, 8 frames" '2  P:2 +3 │ 3  P:1 +1'
check "80x24 ws: the header names the policy" '^ws|frames [0-9]/8'

# Projection mode: the legend has room for aging's 8 bits.
go 84
keys p
check "projection: aging's counter of the current frame in binary" \
  'aging, tick 4: frame 1 = 00000000'
check "projection: the narration gives the victim's 8 bits" \
  'aging counter was the smallest \(01000000\)'
keys p

# Wider: the legends of second-chance and 2q.
$T resize-window -t "$vt" -x 110 -y 36 >/dev/null 2>&1
go 12
check "110x36 second-chance: the list, oldest first" \
  'second-chance: list 0 1 2, r = ref'
go 130
check "110x36 2q: A1out's pages" 'A1out: P:'
keys q
wait_for 'EXIT=0' >/dev/null

# The compare view with --compare: each policy's figure beside its frame.
PANE_DIR="$top_srcdir/scenarios" W=80 H=24 \
  run_in_pane "env LC_ALL=$UTF8 '$VMTUTOR' --compare=lfu,aging,2q,ws policies.yaml"
wait_for 'step 0/' >/dev/null
go 12
keys c
check "compare: the four policies named" '─ lfu ─.*─ aging ─'
check "compare: lfu's use counts" '0 P:3 1 +1 P:0 4'
check "compare: aging's counters" '0 P:2 40 +1 P:4 80'
check "compare: 2q's queues" '0 P:0 in +1 P:2 in'
check "compare: ws, its ages" '0 P:0 0 +1 P:3 1'
keys c q
wait_for 'EXIT=0' >/dev/null

# Bad --compare lists: exit 2 and a message.
for bad in "--compare=lfu,nope" "--compare=fifo,lru,clock,opt,ws" "--compare="; do
  n=$((n + 1))
  if "$VMTUTOR" "$bad" "$top_srcdir/scenarios/policies.yaml" \
       </dev/null >/dev/null 2>&1; then
    echo "not ok $n - $bad is refused"; failed=1
  else
    st=0; "$VMTUTOR" "$bad" "$top_srcdir/scenarios/policies.yaml" \
      </dev/null >/dev/null 2>&1 || st=$?
    if [ "$st" -eq 2 ]; then echo "ok $n - $bad is refused (exit 2)"
    else echo "not ok $n - $bad: exit $st"; failed=1; fi
  fi
done

echo "1..$n"
exit $failed
