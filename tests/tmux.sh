# tmux.sh: helpers of the tmux screen tests; source it, then call
# tmux_test NAME (or set T, the tmux command with the test's own socket).
# TAP lines are counted in n.
#   run_in_pane CMD        a new session (W x H, default 100x30) running
#                          CMD (in PANE_DIR if set), then "EXIT=status";
#                          the old one is killed; a failed check sets failed
#   check NAME PATTERN     ok when the pane shows PATTERN within 10 s
#   check_file NAME PATTERN FILE   ok when FILE has PATTERN within 5 s
#   keys KEY...  type TEXT cap
# tmux_test NAME: the common start of a screen test: VMTUTOR made
# absolute, a skip when tmux is missing, T on a socket of the test's own
# (killed on exit), and UTF8, the UTF-8 locale to run the program in.
tmux_test ()
{
  if ! command -v tmux >/dev/null 2>&1; then
    echo "1..0 # SKIP tmux not found"
    exit 0
  fi
  case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
  SOCK=vmtutor-$1-$$
  T="tmux -u -L $SOCK -f /dev/null"
  trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
  UTF8=C.UTF-8
  locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8
}
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
check () { if wait_for "$2"; then ok "$1"; else not_ok "$1"; fi; }
# check_file NAME PATTERN FILE: poll FILE until grep -E finds PATTERN.
check_file ()
{
  i=0
  while [ "$i" -lt 50 ]; do
    grep -Eq -- "$2" "$3" 2>/dev/null && { ok "$1"; return; }
    sleep 0.1
    i=$((i + 1))
  done
  n=$((n + 1))
  echo "not ok $n - $1"
  failed=1
  sed 's/^/# /' "$3" 2>/dev/null
}
keys () { $T send-keys -t "$vt" "$@"; }
# type TEXT: the characters of TEXT, literally (tmux would read "0x7"
# as a key code).
type () { $T send-keys -t "$vt" -l "$1"; }
nsess=0
vt=
run_in_pane ()
{
  old=$vt
  nsess=$((nsess + 1))
  vt=vt$nsess
  $T new-session -d -s "$vt" -x "${W:-100}" -y "${H:-30}" \
    "trap : INT; ${PANE_DIR:+cd '$PANE_DIR' && }$1; st=\$?; printf '\\r\\nEXIT=%s\\r\\n' \$st; sleep 600"
  [ -n "$old" ] && $T kill-session -t "$old" >/dev/null 2>&1
}
