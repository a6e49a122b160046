#!/bin/sh
# tests/screen-memory.sh: screen tests of the memory view and of values in
# projection mode (issue 12), in a detached tmux session.  TAP.
# Environment (set by the test harness): VMTUTOR, top_srcdir.

: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"

. "$top_srcdir/tests/tmux.sh"
tmux_test memory
# start DIR FILE: vmtutor on FILE, run from DIR, at 100x32.
start ()
{
  PANE_DIR=$1 W=100 H=32 run_in_pane "env LC_ALL=$UTF8 '$VMTUTOR' '$2'"
  wait_for 'step 0/' >/dev/null
}

# copy-on-write: after the child's write, the parent's page 3 still holds
# the parent's 42.
start "$top_srcdir/scenarios" copy-on-write.yaml
check "no memory view before any value" 'step 0/'
if cap | grep -q 'Memory:'; then not_ok "no memory view at step 0"
else ok "no memory view at step 0"; fi
keys End
wait_for 'step 34/34' >/dev/null
keys Left
check "memory view names the page and its frame" \
  'Memory: parent:heap\[3\] \(frame 3\)'
check "memory view: offset, value, writer and step" \
  '0x0 +42 +parent at step 12'
check "frames pane: each copy's value beside its frame" \
  ' 3  parent:heap\[3\] D +0  0x0=42 '
check "frames pane: the child's copy holds the child's value" \
  'child:heap\[3\] +D +1  0x0=7 '
keys Left
wait_for 'step 32/34' >/dev/null
keys p
check "projection: the value read in big digits, labelled" '│ address .* read '
keys q
wait_for 'EXIT=0' >/dev/null

# values.yaml: file content, a private copy, and the file after a reboot.
start "$top_srcdir/tests/golden" values.yaml
keys g 1 6 Enter
check "memory view: a file page read back holds the file's value" \
  '0x0 +7 +the file'
check "swap pane: a slot's value beside its page" '0:pare?n?t?:h\[0\]=5 1:c[a-z]*:h\[0\]="hi"'
keys g 2 3 Enter
check "memory view: a private copy back from swap keeps its writer" \
  '0x0 +99 +parent at step 15'
keys End
wait_for 'step 31/31' >/dev/null
keys Left
check "memory view: after a reboot the file holds the written value" \
  '0x0 +8 +the file'
keys q
wait_for 'EXIT=0' >/dev/null

# mmap-file: after munmap the page of the last access is gone: the view
# says so instead of "every byte reads 0".
start "$top_srcdir/scenarios" mmap-file.yaml
keys End
wait_for 'step 24/24' >/dev/null
check "memory view: an unmapped page is said to be unmapped" \
  'Page db:0x20001 is not mapped: an access would be'
if cap | grep -q 'every byte reads 0'; then
  not_ok "memory view: no 'reads 0' for an unmapped page"
else ok "memory view: no 'reads 0' for an unmapped page"; fi
keys q
wait_for 'EXIT=0' >/dev/null

echo "1..$n"
exit $failed
