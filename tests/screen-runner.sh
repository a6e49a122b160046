#!/bin/sh
# tests/screen-runner.sh: screen tests of the scenario runner's parts of
# the interface: questions (ask:), the extent of a say, searching the
# whole narration, the compare view on an unpaged machine and the start
# screen's teaching order; and batch mode's questions.  The real program
# runs in a detached tmux session; every wait polls for a few seconds at
# most.  TAP.
#
# Environment (set by the test harness): VMTUTOR, the program;
# top_srcdir, the source tree.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi

top_srcdir=$(cd "$top_srcdir" && pwd)
SCEN=$top_srcdir/tests/screen-ask.yaml
SOCK=vmtutor-runner-$$
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM

UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8

PANE_DIR=$top_srcdir
. "$top_srcdir/tests/tmux.sh"

# ---- a question stops the run and waits for an answer
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
check "the scenario opens" 'Questions.*step 0/10'
keys Right Right
check "a say is shown while its touch runs" 'A writes four pages\.'
keys Space
check "Space stops at the question" 'step 7/10'
check "the question and its choices are shown" 'Which page does FIFO evict'
check "the choices are lettered" 'c\) none'
if cap | grep -q 'A writes four pages\.'; then
  not_ok "no say in force at the question"
else
  ok "no say in force at the question"
fi
keys Right
check "a step key does not go past it" 'answer the question first: a-c or 1-3'
check "the position stays at the question" 'step 7/10'
keys c
check "a wrong pick is named, with the answer" 'Not quite: you chose c\); the answer is a\) page 0'
check "the explanation is shown" 'FIFO evicts the page loaded first'
keys Left Right
check "back and forth keeps the pick" 'Not quite: you chose c\)'
check "the log says the answer was wrong" '7 question: wrong'
keys Right
check "after the answer, Right goes on" 'step 8/10'
keys Right
check "the second question" 'Which page goes now'
keys 1
check "a number picks a choice" 'Right: a\) page 1'
check "the log says the answer was right" '9 question: right'
keys Home End
check "End passes the questions" 'step 10/10'
keys g 9 Enter
check "the pick is kept" 'Right: a\) page 1'
keys q
check "q quits" 'EXIT=0'

# ---- ! reveals
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
check "the scenario opens again" 'step 0/10'
keys g 7 Enter
check "at the question" 'Which page does FIFO evict'
keys '!'
check "! shows the answer" 'The answer is a\) page 0'
keys Right
check "then Right goes on" 'step 8/10'
keys q

# ---- search the whole narration
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/paging-to-swap.yaml"
check "paging-to-swap opens" 'step 0/'
keys / evict Enter
check "/evict finds the first eviction (only in the narration)" 'match at step 8'
keys n
check "n finds the next" 'match at step 9'
keys N
check "N finds the previous" 'match at step 8'
keys / written Enter
check "/written finds a write-back" 'match at step 8|match at step 9'
keys q

# ---- compare on an unpaged machine
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/early-computers.yaml"
check "early-computers opens" 'step 0/'
keys Right Right c
check "compare: nothing to compare without paging" 'nothing for replacement'
if cap | grep -q 'hit rate'; then
  not_ok "compare: no hit rate without paging"
else
  ok "compare: no hit rate without paging"
fi
keys c q
# ---- no limit register there: the vspace pane gives the size the
# program was loaded with and says nothing checks it; the narration
# names no page (there are none)
W=120 H=40 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/early-computers.yaml"
check "early-computers opens at 120x40" 'step 0/'
keys Right Right
check "unpaged vspace: the size, and no limit check" \
  'compiler base register 0x0, 0x4000 bytes, no limit check'
if cap | grep -q 'limit 0x'; then
  not_ok "unpaged vspace: no limit register is shown"
else
  ok "unpaged vspace: no limit register is shown"
fi
check "unpaged narration: the address, no page" \
  'compiler reads 0x100; no paging: base 0x0'
keys g 11 Enter
check "unpaged log: the process, no page 16 of a 16-block program" \
  ' 11 w compiler +hit +f16 '
# the base register already gave every program addresses from 0: paging's
# fixes are contiguity and protection, not "every process starts at 0"
keys g 23 Enter
check "early-computers: paging fixes the two problems seen" \
  'Paging fixes both problems seen here'
if cap | grep -q 'every process starts at 0'; then
  not_ok "early-computers: not 'every process starts at 0'"
else
  ok "early-computers: not 'every process starts at 0'"
fi
keys q

# ---- early-computers at 80x24: what does not fit is marked
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/early-computers.yaml"
check "80x24: early-computers opens" 'step 0/'
keys g 11 Enter
check "80x24 vspace: the processes shown, of how many" 'processes 1-2 of 3'
check "80x24 walk: a line cut is marked" 'which belongs to editor: n…│'
check "unpaged memory pane: a block, where it starts, no frame" \
  'Memory: block 16 at physical 0x4000'
check "unpaged physical memory pane: blocks shown, of how many" \
  'blocks 13-25 of 64'
keys q

# ---- model-weights: worker2's first read of a page worker1 loaded: the
# walk pane says what the narration says (the page is in memory)
W=120 H=40 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/model-weights.yaml"
check "model-weights opens" 'step 0/'
keys g 2060 Enter
check "walk pane: a page in memory is not yet mapped here" \
  'L4\[8\] +\.+ not present \(not yet mapped here\)'
if cap | grep -q 'never loaded'; then
  not_ok "walk pane and narration: not 'never loaded'"
else
  ok "walk pane and narration: not 'never loaded'"
fi
keys q

# ---- at 80x24 a TLB hit on a huge page wraps its line in the walk pane
# (it was cut at "the e")
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/huge-pages.yaml"
check "80x24: huge-pages opens" 'step 0/'
keys g 2056 Enter
check "80x24 walk: the huge TLB hit, whole" \
  '^│entry maps a whole 2 MiB page +│'
keys q

# ---- the start screen: the library in teaching order
W=100 H=40 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR"
check "start screen: groups" 'Before paging'
check "start screen: title, then file name" 'Before virtual memory.* early-computers\.yaml'
check "start screen: teaching order" 'When memory is full'
keys Enter
check "Enter opens the first in teaching order" 'Before virtual memory.*step 0/'
keys q

# ---- at 80x24 a log line drops its address and padding, not its victim
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/thrashing.yaml"
check "80x24: thrashing opens" 'step 0/'
check "80x24: the keys line keeps ? help and q quit whole" '\? help  q quit *$'
keys g 40 Enter
check "80x24 log: the victim whole, the address left out" \
  '^│40 w B:heap\[6\] minor f2 out A:heap\[6\] +│'
# ---- and copy-on-write's address spaces keep their rows on a say step
keys q
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/copy-on-write.yaml"
check "80x24: copy-on-write opens" 'step 0/'
keys g 18 Enter
check "80x24 vspace: both processes on a step without an access" \
  '^│parent heap:c+ '
check "80x24 vspace: the child too" '^│child  heap:c+ '
keys q

# ---- the compare view agrees with the header, and cuts no label
W=120 H=40 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/thrashing.yaml"
check "thrashing opens" 'step 0/'
keys g 40 Enter
check "header at step 40: 19 faults" 'faults 19 +minor 19'
keys c
check "compare: 19 faults under lru as in the header" '│faults 19 .*│faults 19 '
check "compare: the current access's victim label is whole" \
  '│B:h[a-z]*\[6\] minor evict A:h[a-z]*\[6\] *│'
keys c q

# ---- a walk too tall for its pane says so instead of ending silently
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/x86-64-walk.yaml"
check "80x24: x86-64-walk opens" 'step 0/'
keys g 18 Enter
check "80x24 walk: the levels that do not fit are pointed to" \
  '│… more levels: see What happened +│'
keys q

# ---- an address in no region: the walk pane says what the narration says
W=120 H=40 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR scenarios/page-table.yaml"
check "page-table opens" 'step 0/'
keys g 15 Enter
check "page-table step 15: the access to page 0x50 is a SIGSEGV" \
  'segmentation fault: address not mapped'
check "walk pane: an unmapped page is not present, not 'never loaded'" \
  '│L1\[80\] \.+ not present +│'
keys q

# ---- batch mode prints the question and its answer
out=$("$VMTUTOR" --batch "$SCEN" 2>&1)
if printf '%s\n' "$out" | grep -q 'ask: A writes page 4' \
   && printf '%s\n' "$out" | grep -q 'c) none' \
   && printf '%s\n' "$out" | grep -q 'answer: a) page 0' \
   && printf '%s\n' "$out" | grep -q 'FIFO evicts the page loaded first'; then
  ok "batch: the question, its choices, the answer and why"
else
  not_ok "batch: the question, its choices, the answer and why"
  printf '%s\n' "$out" | sed 's/^/# /'
fi

echo "1..$n"
exit $failed
