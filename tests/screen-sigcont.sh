#!/bin/sh
# tests/screen-sigcont.sh: after Ctrl-Z and fg the interface must take
# arrow keys at once (issue 8, item 9: the keypad mode was off until the
# next key was read, so the first arrow keys were lost).  An interactive
# shell in a detached tmux session starts vmtutor, stops it with C-z,
# resumes it with fg, then sends Down, which selects frame 0.  TAP.
: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

if ! command -v tmux >/dev/null 2>&1 || ! command -v bash >/dev/null 2>&1
then
  echo "1..0 # SKIP tmux or bash not found"
  exit 0
fi
T="tmux -u -L vmtutor-sigcont-$$ -f /dev/null"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM

cap () { $T capture-pane -p -t s 2>/dev/null; }
# wait_for PATTERN: poll the pane (at most 5 s) until grep -E finds it.
wait_for ()
{
  i=0
  while [ "$i" -lt 50 ]; do
    cap | grep -Eq -- "$1" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
# wait_gone PATTERN: poll (at most 5 s) until PATTERN is no longer shown.
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
n=0
check ()
{
  n=$((n + 1))
  if wait_for "$2"; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    cap | sed 's/^/# /'
  fi
}

echo "1..4"
$T new-session -d -s s -x 100 -y 30 \
  "env PS1='sh> ' LC_ALL=C.UTF-8 bash --norc --noprofile -i"
wait_for '^sh>' || sleep 1
$T send-keys -t s "'$VMTUTOR' --color=never '$top_srcdir/tests/screen-basic.yaml'" Enter
check "the interface starts" 'step 0/31'
$T send-keys -t s C-z
check "Ctrl-Z stops it and gives the shell back" 'Stopped'
$T send-keys -t s 'fg' Enter
# Back when the shell's screen is gone (the redraw follows SIGCONT).
wait_gone 'Stopped'
check "fg brings it back" 'step 0/31'
# At once: no other key first.
$T send-keys -t s Down
check "the first arrow key after fg is taken (Down selects frame 0)" \
  'Frame 0 is free'
$T send-keys -t s q
exit 0
