#!/bin/sh
# bad.sh: every broken scenario in tests/bad/ must make `vmtutor --check`
# exit 2 and print exactly the message in its .err file.  Then inputs too
# big to keep in the tree (made here) and files that are not files: a
# directory, /dev/zero, a FIFO.  Then every broken trace in tests/bad-trace/
# (NAME.FORMAT, read with --trace-format=FORMAT, "auto" for auto-detection)
# must make `vmtutor --batch --quiet --trace=NAME.FORMAT` do the same.
# Hostile sources (pipes, FIFOs, races) are in tests/bad-trace.sh.  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-bad.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# Every run is bounded: 2 GiB of address space (not under AddressSanitizer,
# which reserves terabytes) and 20 seconds, so that a regression fails
# here instead of eating the machine or hanging.
LIMIT_KB=2097152
if ! (ulimit -v $LIMIT_KB && "$VMTUTOR" --version) >/dev/null 2>&1; then
  LIMIT_KB=unlimited
fi

n=0
fails=0
out=

# check NAME EXPECTED-FILE DIR: --check NAME in DIR exits 2 with exactly
# EXPECTED-FILE on stderr and nothing on stdout.
check () {
  n=$((n + 1))
  (cd "$3" && ulimit -v $LIMIT_KB && timeout 20 "$VMTUTOR" --check "$1" \
     >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  if [ $rc -eq 2 ] && cmp -s "$2" "$tmp/stderr" && [ ! -s "$tmp/stdout" ]; then
    out="$out
ok $n - $1"
  else
    fails=$((fails + 1))
    out="$out
not ok $n - $1 (exit $rc)
# expected: $(cat "$2")
# got:      $(cat "$tmp/stderr")"
  fi
}

for f in "$top_srcdir"/tests/bad/*.yaml; do
  name=$(basename "$f")
  check "$name" "${f%.yaml}.err" "$top_srcdir/tests/bad"
done

# A file over the 4 MiB limit.
mkdir "$tmp/gen"
{ echo "title: big"; echo "steps:"; yes "  - say: padding padding padding padding padding" | head -n 90000; } >"$tmp/gen/too-big.yaml"
echo "vmtutor: too-big.yaml: found 4410018 bytes; expected at most 4194304 (4 MiB)" >"$tmp/too-big.err"
check too-big.yaml "$tmp/too-big.err" "$tmp/gen"

# More values than the node budget (250000), in a small file.
{ printf 'title: many\nsteps: ['; yes '0,' | head -n 250010 | tr -d '\n'; echo ']'; } >"$tmp/gen/too-many-nodes.yaml"
echo "vmtutor: too-many-nodes.yaml:2:499999: found more than 250000 values; expected a smaller scenario" >"$tmp/too-many-nodes.err"
check too-many-nodes.yaml "$tmp/too-many-nodes.err" "$tmp/gen"

# A scalar over 64 KiB.
{ printf 'title: '; head -c 70000 /dev/zero | tr '\0' 'x'; printf '\nsteps:\n  - say: hi\n'; } >"$tmp/gen/long-scalar.yaml"
echo "vmtutor: long-scalar.yaml:1:8: found a value of 70000 bytes; expected at most 65536" >"$tmp/long-scalar.err"
check long-scalar.yaml "$tmp/long-scalar.err" "$tmp/gen"

# Forks that would copy too many regions (20000 regions, 3 forks).
{ printf 'title: forks\nmachine: { aslr: true, va_bits: 48 }\nprocesses:\n  - name: P\n    regions:\n'
  seq 1 20000 | sed 's/.*/      - { name: r&, pages: 1 }/'
  printf 'steps:\n  - fork: { parent: P, child: C1 }\n  - fork: { parent: P, child: C2 }\n  - fork: { parent: P, child: C3 }\n'; } >"$tmp/gen/fork-regions.yaml"
echo "vmtutor: fork-regions.yaml:20009:11: found a fork that makes more than 65536 regions in all processes; expected at most 65536" >"$tmp/fork-regions.err"
check fork-regions.yaml "$tmp/fork-regions.err" "$tmp/gen"

# A trace reached through a symbolic link that leads outside the tree.
mkdir "$tmp/gen/sub"
echo 0x1000 >"$tmp/outside.txt"
ln -s "$tmp/outside.txt" "$tmp/gen/sub/link.txt"
cat >"$tmp/gen/symlink-escape.yaml" <<'YAML'
title: escape
processes:
  - name: A
    regions:
      - { name: heap, start: 0x1000, pages: 1 }
steps:
  - trace: { process: A, file: sub/link.txt }
YAML
echo "vmtutor: symlink-escape.yaml:7:32: found 'sub/link.txt'; expected a path inside the scenario's directory (this one leads outside it)" >"$tmp/symlink-escape.err"
check symlink-escape.yaml "$tmp/symlink-escape.err" "$tmp/gen"

# Not regular files.
mkdir "$tmp/gen/dir.yaml"
echo "vmtutor: dir.yaml: found a directory; expected a scenario file" >"$tmp/dir.err"
check dir.yaml "$tmp/dir.err" "$tmp/gen"
if [ -r /dev/zero ]; then
  echo "vmtutor: /dev/zero: found a special file (device, FIFO or socket); expected a regular file" >"$tmp/zero.err"
  check /dev/zero "$tmp/zero.err" "$tmp/gen"
fi
if mkfifo "$tmp/gen/fifo.yaml" 2>/dev/null; then
  echo "vmtutor: fifo.yaml: found a special file (device, FIFO or socket); expected a regular file" >"$tmp/fifo.err"
  check fifo.yaml "$tmp/fifo.err" "$tmp/gen"
fi
echo "vmtutor: no-such-file.yaml: No such file or directory" >"$tmp/missing.err"
check no-such-file.yaml "$tmp/missing.err" "$tmp/gen"

# check_trace NAME EXPECTED-FILE DIR: a batch run of the trace NAME.
check_trace ()
{
  n=$((n + 1))
  (cd "$3" && ulimit -v $LIMIT_KB && timeout 20 "$VMTUTOR" --batch --quiet \
     --trace-format="${1##*.}" --trace="$1" >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  if [ $rc -eq 2 ] && cmp -s "$2" "$tmp/stderr" && [ ! -s "$tmp/stdout" ]; then
    out="$out
ok $n - $1"
  else
    fails=$((fails + 1))
    out="$out
not ok $n - $1 (exit $rc)
# expected: $(cat "$2")
# got:      $(cat "$tmp/stderr")"
  fi
}
for f in "$top_srcdir"/tests/bad-trace/*.*; do
  case $f in *.err) continue ;; esac
  name=$(basename "$f")
  check_trace "$name" "${f%.*}.err" "$top_srcdir/tests/bad-trace"
done

echo "1..$n"
printf '%s\n' "$out" | sed '1d'
exit 0
