#!/bin/sh
# screens-i18n.sh: the headless screen check of tests/screens.sh under
# German, Spanish, Simplified Chinese and the pseudo-language xx (every
# letter fullwidth, every message 40% longer: tests/pseudo-po.sh), with
# the catalogues built in tests/locale.  The scenarios of a teaching
# size (all but the four of thousands of steps, which tests/screens.sh
# checks in English) at 80x24, 60x20 and in projection mode.  TAP, one
# line per language and scenario.
: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
: "${top_builddir:=.}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi
VMTUTOR_LOCALEDIR=$(cd "$top_builddir/tests/locale" 2>/dev/null && pwd)
if [ -z "$VMTUTOR_LOCALEDIR" ]; then
  echo "1..0 # SKIP no tests/locale (msgfmt missing)"
  exit 0
fi
export VMTUTOR_LOCALEDIR
VMTUTOR_SCREENS=
for f in "$top_srcdir"/scenarios/*.yaml; do
  s=$(basename "$f" .yaml)
  case $s in huge-pages|model-weights|tlb-locality|vmm-project) ;;
    *) VMTUTOR_SCREENS="$VMTUTOR_SCREENS $s" ;; esac
done
export VMTUTOR_SCREENS
n=0
failed=0
out=${TMPDIR:-/tmp}/vmtutor-screens-i18n-$$
trap 'rm -f "$out"' EXIT INT TERM
for l in de es zh_CN xx; do
  if [ ! -f "$VMTUTOR_LOCALEDIR/$l/LC_MESSAGES/vmtutor.mo" ]; then
    n=$((n + 1))
    echo "ok $n - $l # SKIP no catalogue"
    continue
  fi
  LANGUAGE=$l sh "$top_srcdir/tests/screens.sh" >"$out" 2>&1 || failed=1
  while IFS= read -r line; do
    case $line in
      "ok "*|"not ok "*)
        n=$((n + 1))
        st=${line%% *}
        [ "$st" = not ] && st="not ok" || st=ok
        rest=${line#*- }
        echo "$st $n - $l: $rest" ;;
      "#"*) echo "$line" ;;
    esac
  done <"$out"
done
echo "1..$n"
exit $failed
