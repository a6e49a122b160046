#!/bin/sh
# lesson-progress.sh: the progress file of lesson mode: stop and resume,
# --list's status, --reset (asks first), a corrupt file (kept aside, a
# warning, a fresh start), a read-only state directory (a warning, never
# a crash), no HOME and no XDG_STATE_HOME, and two instances at once
# (the last write wins, the file is never torn).  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-progress.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 99
VMTUTOR_LESSONDIR=$top_srcdir/share/lessons
XDG_STATE_HOME=$tmp/state
export VMTUTOR_LESSONDIR XDG_STATE_HOME
p=$XDG_STATE_HOME/vmtutor/progress

. "$top_srcdir/tests/tap.sh"
right () { # LESSON: the input that answers every stop right
  "$VMTUTOR" --lesson="$1" --key | awk -F '\t' '
    $1 == "page" || $1 == "pause" { print ""; next } { print $3 }'
}
status () { # LESSON: its STATUS in --list
  "$VMTUTOR" --lesson --list 2>/dev/null | awk -F '\t' -v l="$1" \
    '$1 == l { print $3 }'
}

# Stop after 3 stops (the pages and the first checkpoint), then resume.
right memory-cells >mc.in
expect 8 "$(wc -l <mc.in | tr -d ' ')" "memory-cells has 8 stops"
head -n 3 mc.in | "$VMTUTOR" --lesson=memory-cells --plain >part.out 2>&1
ok $? "end of input mid-lesson exits 0" "$(cat part.out)"
grep -q '^lesson memory-cells [1-9][0-9]* started$' "$p"
ok $? "the position is saved" "$(cat "$p")"
grep -q '^checkpoint memory-cells relocate solved$' "$p"
ok $? "the first checkpoint is saved as solved" "$(cat "$p")"
expect started "$(status memory-cells)" "--list: started"
expect new "$(status swap)" "--list: the others are new"
tail -n +4 mc.in | "$VMTUTOR" --lesson=memory-cells --plain >rest.out 2>&1
ok $? "resuming exits 0"
grep -q '^(Resuming where you stopped\.)$' rest.out
ok $? "resuming says so"
grep -q 'Predict (relocate)' rest.out
ok $((! $?)) "resuming does not ask an answered checkpoint again"
grep -q 'Predict (overwrite)' rest.out
ok $? "resuming starts at the stop where input ended"
grep -q '^Lesson complete: 3 of 3 checkpoints solved\.$' rest.out
ok $? "the resumed lesson completes with all solved" "$(tail -3 rest.out)"
expect done "$(status memory-cells)" "--list: done"

# --reset asks first; "n" keeps everything.
echo n | "$VMTUTOR" --lesson=memory-cells --reset >r1.out 2>&1
expect done "$(status memory-cells)" "--reset answered n resets nothing"
echo y | "$VMTUTOR" --lesson=memory-cells --reset >r2.out 2>&1
ok $? "--reset of one lesson exits 0" "$(cat r2.out)"
expect new "$(status memory-cells)" "--reset y: the lesson is new again"
grep -q memory-cells "$p"
ok $((! $?)) "--reset forgets its checkpoints"
right swap | "$VMTUTOR" --lesson=swap --plain >/dev/null 2>&1
expect done "$(status swap)" "swap done"
echo y | "$VMTUTOR" --lesson --reset >r3.out 2>&1
expect new "$(status swap)" "--lesson --reset forgets every lesson"

# A corrupt file: a warning, kept aside, a fresh start.
printf 'vmtutor-progress 1\nlesson swap 3 started\ngarbage here\n' >"$p"
cp "$p" corrupt.copy
"$VMTUTOR" --lesson --list >c.out 2>c.err
ok $? "--list with a corrupt file exits 0"
grep -q "progress: not a progress file; kept as .*progress.corrupt, starting afresh" c.err
ok $? "a corrupt file gives a warning" "$(cat c.err)"
cmp -s corrupt.copy "$p.corrupt"
ok $? "the corrupt file is kept aside unchanged"
expect new "$(awk -F '\t' '$1 == "swap" { print $3 }' c.out)" \
  "a corrupt file is a fresh start"
right aslr | "$VMTUTOR" --lesson=aslr --plain >/dev/null 2>c2.err
expect "" "$(cat c2.err)" "the next run writes a new file without warning"
cmp -s corrupt.copy "$p.corrupt"
ok $? "the corrupt copy is still there, not overwritten"
head -c 3000 /dev/urandom >"$p"
"$VMTUTOR" --lesson --list >/dev/null 2>c3.err
ok $? "random bytes: exits 0" "$(cat c3.err)"

# A read-only state directory: a warning, the lesson still runs.
if [ "$(id -u)" -ne 0 ]; then
  rm -rf "$XDG_STATE_HOME"; mkdir -p "$XDG_STATE_HOME/vmtutor"
  chmod 555 "$XDG_STATE_HOME/vmtutor"
  right aslr | "$VMTUTOR" --lesson=aslr --plain >ro.out 2>ro.err
  ok $? "read-only state directory: exits 0"
  grep -q "cannot save progress: Permission denied" ro.err
  ok $? "read-only state directory: a warning" "$(cat ro.err)"
  expect 1 "$(grep -c 'cannot save progress' ro.err)" "the warning is given once"
  grep -q '^Lesson complete' ro.out
  ok $? "read-only state directory: the lesson completes"
  chmod 755 "$XDG_STATE_HOME/vmtutor"
else
  for i in 1 2 3 4; do echo "ok $((n + i)) # SKIP running as root"; done
  n=$((n + 4))
fi

# A lesson file whose name is not a word is taken but not recorded.
cp "$top_srcdir/share/lessons/aslr.yaml" "my lesson.yaml"
right aslr | "$VMTUTOR" --lesson="./my lesson.yaml" --plain >sp.out 2>sp.err
ok $? "a lesson file name with a space runs" "$(cat sp.err)"
"$VMTUTOR" --lesson --list >/dev/null 2>sp2.err
expect "" "$(cat sp2.err)" "and leaves the progress file readable"

# No HOME and no XDG_STATE_HOME: no progress, no crash.
right aslr | env -u HOME -u XDG_STATE_HOME "$VMTUTOR" --lesson=aslr --plain \
  >nohome.out 2>&1
ok $? "without HOME: exits 0" "$(tail -3 nohome.out)"

# Two instances at once, each saving after every checkpoint: the file
# is always whole (last write wins), and no temporary file is left.
rm -rf "$XDG_STATE_HOME"
right replacement >a.in
right tlb >b.in
i=0
while [ $i -lt 5 ]; do
  "$VMTUTOR" --lesson=replacement --plain <a.in >/dev/null 2>a.err &
  "$VMTUTOR" --lesson=tlb --plain <b.in >/dev/null 2>b.err
  wait
  i=$((i + 1))
done
expect "" "$(cat a.err b.err)" "two at once: no warnings"
expect "vmtutor-progress 1" "$(head -n 1 "$p")" "two at once: the file is whole"
"$VMTUTOR" --lesson --list >/dev/null 2>two.err
expect "" "$(cat two.err)" "two at once: the file reads back"
grep -q '^lesson \(replacement\|tlb\) 0 done$' "$p"
ok $? "two at once: the last write is there" "$(cat "$p")"
expect "" "$(ls "$XDG_STATE_HOME/vmtutor" | grep -v '^progress$')" \
  "two at once: no temporary file left"

echo "1..$n"
