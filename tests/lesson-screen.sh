#!/bin/sh
# lesson-screen.sh: screen tests of the lesson screen, driving the real
# program in a detached tmux session (as quiz-screen.sh does): the list,
# a lesson's pages, a checkpoint answered wrong (the misconception) and
# right, a hint, the machine's frames, leaving and resuming, projection
# mode.  Every wait polls the pane for a few seconds at most.  TAP.
: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi

SOCK=vmtutor-lesson-test-$$
TMP=${TMPDIR:-/tmp}/vmtutor-lesson-screen-$$
mkdir -p "$TMP" || exit 99
cd "$TMP" || exit 99
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; cd /; rm -rf "$TMP"' EXIT INT TERM
ENV="env LC_ALL=C.UTF-8 XDG_STATE_HOME=$TMP/state VMTUTOR_LESSONDIR=$top_srcdir/share/lessons"
P=$TMP/state/vmtutor/progress

. "$top_srcdir/tests/tmux.sh"

# ---- the list
run_in_pane "$ENV $VMTUTOR --lesson"
check "the list opens" 'vmtutor lessons'
check "the first lesson, its minutes, status and checkpoints" \
  ' 1\. Memory as numbered cells +6 min +new +0/3'
check "the last lesson" '18\. Overcommit, the OOM killer and mlock'
check "the help line" 'Enter: open +X: reset all +q: quit'

# ---- a lesson: pages, next and previous
keys Enter
check "Enter opens the first lesson on its first page" 'Memory is a long row of numbered cells'
check "the machine is shown: 64 KiB without paging, no TLB to count" \
  'Machine: 64 KiB of memory; 0 accesses, 0 faults *$'
check "who holds which addresses; the free 12 KiB at the end" \
  '0x0000-0x3fff:editor 0x4000-0x5fff:compiler 0x6000-0xcfff:shell'
check "the free 12 KiB at the end" '0xd000-0xffff:-'
keys Right
check "Right: the next page" 'Early computers ran several programs'
keys Left
check "Left: the previous page" 'Memory is a long row of numbered cells'
keys Right Right
check "the checkpoint's question" 'Predict: The compiler \(base 0x4000\)'
check "the narration of the steps before it" 'editor reads 0x100'
check "the answer field" 'Your answer:'

# ---- wrong, hint, right
type 0x100
keys Enter
check "a wrong answer is told" 'Not quite\.'
check "and its misconception (no paging: the base register)" 'That is the address the program used'
type '?'
check "? shows the hint" "Hint: Add the compiler's base register"
type 0x4100
keys Enter
check "a right answer" 'Right\.'
check_file "the checkpoint is saved as solved" '^checkpoint memory-cells relocate solved$' "$P"

# ---- leave and resume
keys Right
check "on to the next page" 'Nothing checks the sum'
keys Tab
check "Tab shows the whole machine at this point" 'Page-table walk'
check "the visualiser's log names the lesson's stops" '[0-9]+ (predict|page) *│'
keys q
check "q there comes back to the lesson" 'Nothing checks the sum'
keys q
check "q leaves to the list" 'vmtutor lessons'
check "the list shows the lesson started, 1 of 3" ' 1\. Memory as numbered cells +6 min +started +1/3'
keys q
check "q quits" 'EXIT=0'
run_in_pane "$ENV $VMTUTOR --lesson=memory-cells"
check "--lesson=NAME resumes where the student left" 'Nothing checks the sum'
check "and says so" 'Welcome back'

# ---- reveal, restart with confirmation
keys Right
check "the next checkpoint" 'Predict: A bug makes the editor write'
type '!'
check "! reveals the answer" 'The answer: 0x4100'
check_file "a reveal is recorded as revealed" '^checkpoint memory-cells overwrite revealed$' "$P"
keys R
check "R asks before restarting" 'Restart this lesson and forget its answers\? \(y/n\)'
keys y
check "y restarts at the first page" 'Memory is a long row of numbered cells'
if grep -q 'memory-cells relocate' "$P"; then not_ok "restart forgets the answers"; else ok "restart forgets the answers"; fi
keys q
check "q leaves" 'EXIT=0'

# ---- from the start screen
run_in_pane "$ENV $VMTUTOR"
check "the start screen offers the lessons" 'L lessons'
keys L
check "L opens the list of lessons" 'vmtutor lessons'
check "the list shows memory-cells restarted, 0 solved" ' 1\. Memory as numbered cells +6 min +started +0/3'
keys q
check "q from the list quits" 'EXIT=0'

# ---- projection mode
W=60 H=20 run_in_pane "$ENV $VMTUTOR --project --lesson=swap"
check "projection mode on a small screen" 'This machine has only 3 frames'
keys q

# ---- at 80x24 a title too long for the list takes its shorter form,
# marked "…" when cut inside a list (it was cut without a mark:
# "Belady's anoma", then shortened to "FIFO, LRU, clock" as if whole)
W=80 H=24 run_in_pane "$ENV $VMTUTOR --lesson"
check "80x24: a long title ends in an ellipsis" " 7\. Replacement: FIFO, LRU, clock… +14 min"
keys q

# ---- at 80x24 the keys line is whole (it used to end "q: leav")
W=80 H=24 run_in_pane "$ENV $VMTUTOR --lesson=translation"
check "80x24: the keys of a page, whole" 'R restart  q leave *$'
keys Right Right Right
check "80x24: the keys of a question, whole" 'Tab machine  Esc leave *$'
keys Escape

# ---- what does not fit is counted, never cut silently (80x24): the
# frames left off the two rows, the steps above the newest
W=80 H=24 run_in_pane "$ENV $VMTUTOR --lesson=huge-pages"
check "huge-pages opens" 'TLB reach is how much memory'
keys Right Right Right
check "the question after 8 writes" 'Predict: The process small has written'
check "the frames that do not fit are counted" '6:small:buffer\[6\] \+4089 more *$'
check "the steps that do not fit are counted" \
  '^  \(4 earlier steps not shown; Tab shows the machine\)'
check "the newest steps are shown" 'L4\[7\]: not present'
keys Escape

echo "1..$n"
