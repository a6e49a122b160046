#!/bin/sh
# tests/screen.sh: screen tests of the interactive interface.  They drive
# the real program in a detached tmux session (tmux gives it a terminal,
# so they run in CI without one), send keys and compare what
# `capture-pane -p` shows.  Output is TAP.  Every wait polls the pane for
# at most a few seconds; nothing sleeps a fixed long time.
#
# Environment (set by the test harness): VMTUTOR, the program;
# top_srcdir, the source tree.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi

SCEN=$top_srcdir/tests/screen-basic.yaml
SOCK=vmtutor-test-$$
TMP=${TMPDIR:-/tmp}/vmtutor-screen-$$
mkdir -p "$TMP" || exit 99
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT INT TERM

UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8

n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok ()
{
  n=$((n + 1))
  echo "not ok $n - $1"
  failed=1
  cap | sed 's/^/# /'
}
cap () { $T capture-pane -p -t "$vt" 2>/dev/null; }

# wait_for PATTERN [TENTHS]: poll the pane until grep -E finds PATTERN
# (10 s by default: a loaded machine can be slow to redraw).
wait_for ()
{
  i=0
  while [ "$i" -lt "${2:-100}" ]; do
    cap | grep -Eq -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
# wait_gone PATTERN: poll until PATTERN is no longer shown.
wait_gone ()
{
  i=0
  while [ "$i" -lt 50 ]; do
    cap | grep -Eq -- "$1" || return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
ECHO_ON='(^| )echo( |$)'
ICANON_ON='(^| )icanon( |$)'
check () { if wait_for "$2"; then ok "$1"; else not_ok "$1"; fi; }
check_gone () { if wait_gone "$2"; then ok "$1"; else not_ok "$1"; fi; }
keys () { $T send-keys -t "$vt" "$@"; }
# run_in_pane [W H] COMMAND: start a new session running COMMAND, then
# report its exit status and the terminal modes.
# A new session is made before the old one is killed, so that the server
# never exits in between.
nsess=0
vt=
run_in_pane ()
{
  old=$vt
  nsess=$((nsess + 1))
  vt=vt$nsess
  $T new-session -d -s "$vt" -x "${W:-100}" -y "${H:-30}" \
    "trap : INT; $1; echo EXIT=\$?; stty -a | tr ' ;' '\n\n' | grep -Ex -- '-?(echo|icanon)' | tr '\n' ' '; echo; sleep 600"
  [ -n "$old" ] && $T kill-session -t "$old" >/dev/null 2>&1
}
# mouse_click COL ROW: a press and a release of button 1 at the 0-based
# cell (COL, ROW), as an xterm X10 mouse report (tmux-256color's kmous).
mouse_click ()
{
  c=$(printf '\\%o' $((33 + $1)))
  r=$(printf '\\%o' $((33 + $2)))
  keys -l "$(printf "\033[M $c$r\033[M#$c$r")"
}
vt_pid ()
{
  pp=$($T display-message -p -t "$vt" '#{pane_pid}')
  ps -o pid= --ppid "$pp" | head -n 1 | tr -d ' '
}

# ---- start, step, step back
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
check "start: title and step 0 shown" 'Screen test.*step 0/31'
keys Right
check "Right steps once" 'step 1/31'
keys Right Right
check "the narration says why" 'first touch, a zero-filled'
check "the walk pane decodes the address" 'L1\[64\].*table'
keys Left
check "Left steps back" 'step 2/31'
keys PageDown Enter l
check "PageDown, Enter and l step" 'step 5/31'
keys PageUp h
check "PageUp and h step back" 'step 3/31'

# ---- run until the pause step, at a faster speed
keys + + + + +
keys Space
check "Space runs and stops at the pause step" 'step 10/31 +paused'
check "the pause is announced" 'pause: press Space'

# ---- go to, Home, End
keys g
check "g asks for a step" 'go to step'
keys 2 0 Enter
check "g 20 goes to step 20" 'step 20/31'
keys End
check "End goes to the end" 'step 31/31'
check "the unmapped access is a segmentation fault" 'segmentation fault'
keys Home
check "Home goes back to the start" 'step 0/31'
keys g 2 8 Enter
keys Left Left Left Left Left Left Left Left Left Left Left Left
check "stepping back across eviction and swap-in" 'step 16/31'

# ---- search
keys Home / m a j o r Enter
check "/ finds a match and goes there" 'match at step [0-9]+'
keys n
check "n finds the next match" 'match at step [0-9]+'
keys N
check "N finds the previous match" 'match at step [0-9]+'
keys / 'a(b' Enter
check "a bad pattern reports its offset" 'bad pattern at offset 3'

# ---- inspecting: keys and the mouse
keys Home g 6 Enter Down
check "Down selects a frame to inspect" 'Frame 0 holds'
keys Escape
check_gone "Esc clears the selection" 'Frame 0 holds'
# A click (xterm X10 mouse report) on the first line of the log goes to
# that line's step.
ln=$(cap | grep -n 'Log' | head -n 1 | cut -d: -f1)
first=$(cap | sed -n "$((ln + 1))p" | awk '{ print $2 }')
mouse_click 3 "$ln"                     # the first log line: row $ln, 0-based
check "a click on a log line goes to its step ($first)" "step $first/31"

# ---- help, Tab
keys '?'
check "? shows the help from the key table" 'step forward one tick'
keys x
check_gone "any key closes the help" 'step forward one tick'
keys Tab Tab Tab Tab Tab
check "Tab reaches the log pane" 'Log'

# ---- projection mode
keys p
check "p: projection mode with big figures" 'address +page +TLB +faults'
keys p
check "p again: the normal layout" 'Virtual address spaces'

# ---- compare view
keys Home Right c
check "c: compare view with four policies" 'fifo.*lru.*clock.*opt'
keys Right
check "the compare view steps with the main view" 'Compare policies.*step 2/31'
keys c

# ---- resizing
$T resize-window -t "$vt" -x 50 -y 15
check "50x15: terminal too small" 'terminal too small \(50[^0-9]+15, need 60[^0-9]+20\)'
$T resize-window -t "$vt" -x 60 -y 20
check "60x20: the compact layout" 'Physical frames'
$T resize-window -t "$vt" -x 100 -y 30
check "100x30: the full layout again" 'Page-table walk'

# ---- quit restores the terminal
keys q
check "q quits with status 0" 'EXIT=0'
if wait_for "$ECHO_ON" && wait_for "$ICANON_ON" && ! cap | grep -q 'Virtual address'; then
  ok "the terminal is restored after q"
else
  not_ok "the terminal is restored after q"
fi

# ---- NO_COLOR: no colour sequences at all
run_in_pane "env LC_ALL=$UTF8 NO_COLOR=1 $VMTUTOR $SCEN"
wait_for 'step 0/31' >/dev/null
keys Right Right
wait_for 'step 2/31' >/dev/null
if $T capture-pane -p -e -t "$vt" | grep -Eq '\[(3[0-7]|38;5;[0-9]+)m'; then
  not_ok "NO_COLOR: no colour sequences"
else
  ok "NO_COLOR: no colour sequences"
fi
keys q
wait_for 'EXIT=0' >/dev/null

# ---- ASCII when the locale is not UTF-8
run_in_pane "env LC_ALL=C $VMTUTOR --color=always $SCEN"
check "C locale: ASCII box drawing" '^\+- Virtual address spaces -+\+'
keys q

# ---- signals: the terminal is restored and the signal reported
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
wait_for 'step 0/31' >/dev/null
kill -TERM "$(vt_pid)" 2>/dev/null
if wait_for 'EXIT=143' && wait_for "$ECHO_ON" && wait_for "$ICANON_ON"; then
  ok "SIGTERM: terminal restored, status 143"
else
  not_ok "SIGTERM: terminal restored, status 143"
fi
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
wait_for 'step 0/31' >/dev/null
keys C-c
if wait_for 'EXIT=130' && wait_for "$ECHO_ON" && wait_for "$ICANON_ON"; then
  ok "Ctrl-C (SIGINT): terminal restored, status 130"
else
  not_ok "Ctrl-C (SIGINT): terminal restored, status 130"
fi
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
wait_for 'step 0/31' >/dev/null
kill -SEGV "$(vt_pid)" 2>/dev/null
# Built with AddressSanitizer, the signal goes on to its report (status 1).
if wait_for 'EXIT=139|AddressSanitizer: SEGV' && wait_for "$ECHO_ON" \
   && wait_for "$ICANON_ON"; then
  ok "SIGSEGV: terminal restored, status 139"
else
  not_ok "SIGSEGV: terminal restored, status 139"
fi

# ---- a reference string instead of a scenario
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --refs=7,0,1,2,0,3,0,4 --frames=3 --policy=fifo"
check "--refs: the reference string as a scenario" 'refs=7,0,1,2,0,3,0,4.*step 0/8'
keys End
check "--refs: fifo with 3 frames faults 7 times" 'accesses 8  faults 7 '
keys q
wait_for 'EXIT=0' >/dev/null

# clock: after 7,0,1,2,0,3 the hand is at frame 0 (bit set), frame 1's bit
# is clear: frame 1 goes next.
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --refs=7,0,1,2,0,3,0 --frames=3 --policy=clock"
wait_for 'step 0/7' >/dev/null
keys g 6 Enter
check "clock: the next victim is predicted" '1 -refs:0 .*r0'
keys q
wait_for 'EXIT=0' >/dev/null

# ---- the narration at 60x20: a long one is reachable behind a mark; Tab
# focuses it, Down scrolls it, a new step starts at its top again.
W=60 H=20
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
W= H=
wait_for 'step 0/31' >/dev/null
keys g 1 2 Enter
check "60x20: a long narration shows a more mark" 'more: Tab, Down'
keys Tab Tab Tab Tab Tab Tab Tab
i=0
while [ "$i" -lt 8 ] && ! cap | grep -q 'more: Down'; do
  keys Tab
  sleep 0.1
  i=$((i + 1))
done
check "Tab reaches the narration" 'more: Down'
keys Down Down Down Down Down Down
check "Down scrolls the narration to its end" 'written to swap slot 4\.'
check "scrolled down, an Up mark shows" '▲ Up'
keys Right Left
check_gone "back at the step, the narration starts at its top" '▲ Up'
check "... with its more mark" 'more: Down'
keys q
wait_for 'EXIT=0' >/dev/null

# ---- the start screen
cp "$SCEN" "$TMP/lesson-one.yaml"
run_in_pane "cd $TMP && env LC_ALL=$UTF8 $VMTUTOR"
check "no argument: the start screen lists scenarios" 'Screen test +lesson-one.yaml'
keys Enter
check "Enter opens the chosen scenario" 'step 0/31'
keys q

# ---- drawing only what changed (src/ui/canvas.c): a screen built up
# step by step is the screen drawn afresh (here, after a resize), colours
# and attributes included; also with wide and combining characters,
# which are drawn call by call.
# settled: the pane (with attributes) once two looks 0.2 s apart agree.
settled ()
{
  a=$($T capture-pane -e -p -t "$vt")
  i=0
  while [ "$i" -lt 25 ]; do
    sleep 0.2
    b=$($T capture-pane -e -p -t "$vt")
    [ "$a" = "$b" ] && break
    a=$b
    i=$((i + 1))
  done
  printf '%s\n' "$a"
}
# same_after_resize NAME: step 6 times, resize away and back, compare.
same_after_resize ()
{
  keys Right Right Right Right Right Right
  wait_for 'step 6/31' >/dev/null
  before=$(settled)
  $T resize-window -t "$vt" -x 101 -y 30
  i=0
  while [ "$i" -lt 50 ] \
        && [ "$($T capture-pane -e -p -t "$vt")" = "$before" ]; do
    sleep 0.1
    i=$((i + 1))
  done
  $T resize-window -t "$vt" -x 100 -y 30
  i=0
  while [ "$i" -lt 50 ]; do
    [ "$($T capture-pane -e -p -t "$vt")" = "$before" ] && break
    sleep 0.1
    i=$((i + 1))
  done
  if [ "$i" -lt 50 ]; then ok "$1"; else not_ok "$1"; fi
  keys q
  wait_for 'EXIT=0' >/dev/null
}
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $SCEN"
wait_for 'step 0/31' >/dev/null
same_after_resize "steps drawn by difference equal a fresh drawing"
comb=$(printf 'cafe\314\201 na\303\257ve')
sed -e 's/^title: .*/title: "漢字の画面 wide"/' \
    -e "s/^  - say: \"A walks.*/  - say: \"A は heap を歩く: $comb 漢字漢字.\"/" \
  "$SCEN" >"$TMP/wide.yaml"
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR $TMP/wide.yaml"
check "wide characters: the title is drawn" '漢字の画面 wide.*step 0/31'
same_after_resize "wide and combining characters: the same after a resize"

# ---- errors before the screen starts (no tmux needed)
out=$($VMTUTOR "$SCEN" </dev/null 2>&1 >/dev/null); st=$?
if [ "$st" -eq 2 ] && echo "$out" | grep -q -- '--batch'; then
  ok "not a terminal: status 2 and a hint about --batch"
else
  not_ok "not a terminal: status 2 and a hint about --batch ($st: $out)"
fi
printf 'title: bad\nmachine: { frames: lots }\n' >"$TMP/bad.yaml"
out=$($VMTUTOR "$TMP/bad.yaml" </dev/null 2>&1 >/dev/null); st=$?
if [ "$st" -eq 2 ] && echo "$out" | grep -Eq "^vmtutor: $TMP/bad.yaml:[0-9]+:[0-9]+: "; then
  ok "a bad scenario: vmtutor: FILE:LINE:COL: and status 2"
else
  not_ok "a bad scenario: vmtutor: FILE:LINE:COL: and status 2 ($st: $out)"
fi

echo "1..$n"
exit $failed
