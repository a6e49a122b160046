#!/bin/sh
# tests/screens.sh: every step of every library scenario, drawn by the
# real program at 80x24 and 60x20 and in projection mode at 80x24, and
# in the grid and the strip chart, forwards and back
# (src/ui/screen-check.c does the drawing and the
# checks: header figures whole, the narration reachable, the same screen
# both ways).  tmux gives the program its terminal.  Output is TAP, one
# line per scenario; a failure prints the report with the screens.
#
# Environment (set by the test harness): VMTUTOR, the program;
# top_srcdir, the source tree.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi

SOCK=vmtutor-screens-$$
TMP=${TMPDIR:-/tmp}/vmtutor-screens-$$
mkdir -p "$TMP" || exit 99
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT INT TERM

UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8
# r80x24: the grid at every step; sp80x24: the strip chart in projection
# mode (the curve, f, is checked by screen-pictures.sh: it is computed
# anew at each step, too slow for every step of the long scenarios).
SIZES=${VMTUTOR_CHECK_SIZES:-80x24,60x20,p80x24,r80x24,sp80x24}
# Scenarios whose narration names a future step only once the run has
# been there (narrate_when; fixed on the runner branch): checked after
# a run to the end, so that both passes know the same future.
WARM=" "

# VMTUTOR_SCREENS: the scenarios to check (names, default all);
# LANGUAGE and VMTUTOR_LOCALEDIR are passed on (tests/screens-LANG.sh).
if [ -n "${VMTUTOR_SCREENS:-}" ]; then
  set --
  for s in $VMTUTOR_SCREENS; do set -- "$@" "$top_srcdir/scenarios/$s.yaml"; done
else
  set -- "$top_srcdir"/scenarios/*.yaml
fi
echo "1..$#"
# One server for all; a session per scenario, two at a time (the long
# ones take seconds each).
$T new-session -d -s keep "sleep 600"
done_count () { ls "$TMP" | grep -c '\.report$'; }
k=0
for f in "$@"; do
  k=$((k + 1))
  name=$(basename "$f" .yaml)
  warm=
  case $WARM in *" $name "*) warm=1 ;; esac
  i=0
  while [ $((k - 1 - $(done_count))) -ge 2 ] && [ "$i" -lt 6000 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  rep=$TMP/$k.report
  $T new-session -d -s "s$k" -x 120 -y 40 \
    "env LC_ALL=$UTF8 LANGUAGE='${LANGUAGE:-}' \
     VMTUTOR_LOCALEDIR='${VMTUTOR_LOCALEDIR:-}' VMTUTOR_BENCH=check VMTUTOR_CHECK_SIZES=$SIZES \
     VMTUTOR_CHECK_WARM=$warm '$VMTUTOR' '$f' 2>'$TMP/$k.tmp'; \
     mv '$TMP/$k.tmp' '$rep'"
done
i=0
while [ "$(done_count)" -lt $# ] && [ "$i" -lt 6000 ]; do
  sleep 0.05
  i=$((i + 1))
done
n=0
failed=0
for f in "$@"; do
  n=$((n + 1))
  name=$(basename "$f" .yaml)
  warm=
  case $WARM in *" $name "*) warm=" (run to the end first)" ;; esac
  rep=$TMP/$n.report
  last=$(tail -n 1 "$rep" 2>/dev/null)
  case $last in
    *", 0 failures")
      echo "ok $n - $name: ${last#check: }$warm" ;;
    *)
      echo "not ok $n - $name: ${last:-no report}"
      sed -n '1,200p' "$rep" 2>/dev/null | sed 's/^/# /'
      failed=1 ;;
  esac
done
exit $failed
