#!/bin/sh
# screens-fit-i18n.sh: translated screens that must fit, read in tmux:
# the TLB pane's column headings at 80x24 in German, Chinese and the
# pseudo-language (each heading whole or abbreviated over its own
# column, never run into the next one), and at 60x20 the start screen's
# scenario titles and the help in English, German, Spanish and Chinese
# (shorter forms where the full ones are too wide: cut only at a comma,
# marked "…", never inside a phrase).
# The expected headings come from the catalogues (gettext(1)).  TAP.
: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

. "$top_srcdir/tests/tmux.sh"
tmux_test fit-i18n
LOC=$(cd "$top_builddir/tests/locale" 2>/dev/null && pwd)
if [ -z "$LOC" ] || [ ! -d "$LOC/de" ]; then
  echo "1..0 # SKIP no tests/locale (msgfmt missing)"
  exit 0
fi
if ! command -v gettext >/dev/null 2>&1; then
  echo "1..0 # SKIP gettext(1) not found"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-fit.XXXXXX") || exit 99
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM

# check_ STATUS NAME [DIAGNOSTIC]: a TAP line from an exit status.
check_ ()
{
  if [ "$1" -eq 0 ]; then
    ok "$2"
  else
    n=$((n + 1))
    echo "not ok $n - $2"
    failed=1
    printf '%s\n' "$3" | sed 's/^/# /'
  fi
}
# The translation of MSGID in language L (CONTEXT if a third argument).
tr_ ()
{
  TEXTDOMAINDIR=$LOC LANGUAGE=$1 LC_ALL=$UTF8 \
    gettext -d vmtutor ${3:+--context="$3"} -- "$2"
}
# run L W H ARGS: vmtutor in language L at W x H, in the source tree.
run ()
{
  l=$1 W=$2 H=$3
  shift 3
  PANE_DIR=$top_srcdir W=$W H=$H run_in_pane "env LANG=$UTF8 LC_ALL=$UTF8 \
    LANGUAGE=$l VMTUTOR_LOCALEDIR='$LOC' XDG_STATE_HOME='$tmp' \
    '$VMTUTOR' $*"
  wait_for "vmtutor" >/dev/null
  sleep 0.3
}
# The columns of the widest line of standard input.
width () { LC_ALL=$UTF8 wc -L | tr -d ' '; }

# ---- the TLB pane's headings at 80x24 --------------------------------------
for l in de zh_CN xx; do
  [ -f "$LOC/$l/LC_MESSAGES/vmtutor.mo" ] || { ok "$l: TLB headings # SKIP no catalogue"; continue; }
  run "$l" 80 24 scenarios/vmm-project.yaml
  keys Right Right Right Right Right Right
  sleep 0.5
  cap >"$tmp/tlb.$l"
  # the pane's title, without the pseudo-language's padding
  tlb=$(tr_ "$l" TLB)
  tlb=${tlb%%ー*}
  row=$(grep -F -A1 -- "┌─ $tlb" "$tmp/tlb.$l" | sed -n 2p \
        | sed -e 's/.*││//' -e 's/│ *$//')
  set -- "$(tr_ "$l" slot)" "$(tr_ "$l" asid)" "$(tr_ "$l" page column)" \
    "$(tr_ "$l" frame)" "$(tr_ "$l" filled)"
  abbr=$(tr_ "$l" . abbreviation)
  bad=
  i=0
  # shellcheck disable=SC2086
  for tok in $row; do
    i=$((i + 1))
    [ "$i" -le $# ] || { bad="$bad [$tok: one heading too many]"; continue; }
    want=
    eval "want=\${$i}"
    stem=${tok%"$abbr"}
    case $want in
      "$stem"*) ;;
      *) bad="$bad [$tok is not heading '$want' or its abbreviation]" ;;
    esac
  done
  [ -n "$row" ] && [ "$i" -ge 4 ] && [ -z "$bad" ]
  check_ $? "$l: TLB headings at 80x24 each over its own column ($row)" \
    "$bad$(printf '\n')$(cat "$tmp/tlb.$l")"
  w=$(width <"$tmp/tlb.$l")
  [ "$w" -le 80 ]
  check_ $? "$l: TLB pane at 80x24: no line wider than 80 columns ($w)"
done

# ---- the start screen and the help at 60x20 --------------------------------
for l in C de es zh_CN; do
  [ "$l" = C ] || [ -f "$LOC/$l/LC_MESSAGES/vmtutor.mo" ] \
    || { ok "$l: 60x20 # SKIP no catalogue"; continue; }
  run "$l" 60 20 ""
  : >"$tmp/start.$l"
  for _ in 1 2 3 4 5 6 7; do
    cap >>"$tmp/start.$l"
    keys Down Down Down Down Down
    sleep 0.2
  done
  grep -Eq ' belady(\.yaml)? ' "$tmp/start.$l" && grep -Eq ' vmm-project(\.yaml)? ' "$tmp/start.$l"
  check_ $? "$l: start screen at 60x20: every scenario listed" \
    "$(cat "$tmp/start.$l")"
  # A "…" may only end a shorter form cut at a comma (the title goes on
  # after it: ", and five levels"); never inside a word or a phrase.
  if [ "$l" = C ]; then titles=$(cat "$top_srcdir"/scenarios/*.yaml)
  else titles=$(cat "$top_srcdir/po/$l.po"); fi
  : >"$tmp/cut"
  grep '…' "$tmp/start.$l" | sed 's/^│ *//; s/… .*//' | sort -u \
    | while IFS= read -r head; do
        printf '%s\n' "$titles" | grep -Fq -e "$head, " -e "$head，" \
          -e "$head、" || printf '%s…\n' "$head" >>"$tmp/cut"
      done
  [ ! -s "$tmp/cut" ]
  check_ $? "$l: start screen at 60x20: no title cut inside a phrase" \
    "$(cat "$tmp/cut")"

  run "$l" 60 20 scenarios/belady.yaml
  keys '?'
  sleep 0.4
  cap >"$tmp/help.$l"
  quit=$(tr_ "$l" quit)
  grep -q "$(tr_ "$l" Keys)" "$tmp/help.$l" \
    && grep -q "^│ q  *$quit  *│" "$tmp/help.$l" \
    && grep -q "^│ $(tr_ "$l" Mouse) " "$tmp/help.$l"
  check_ $? "$l: help at 60x20: every key and the notes on screen" \
    "$(cat "$tmp/help.$l")"
  ! grep -n '…' "$tmp/help.$l" >"$tmp/cut"
  check_ $? "$l: help at 60x20: nothing cut" "$(cat "$tmp/cut")"
  w=$(width <"$tmp/help.$l")
  [ "$w" -le 60 ]
  check_ $? "$l: help at 60x20: no line wider than 60 columns ($w)"
done

# ---- the lesson screen's feedback: whole sentences in Chinese -------------
if [ -f "$LOC/zh_CN/LC_MESSAGES/vmtutor.mo" ]; then
  PANE_DIR=$top_srcdir W=80 H=24 run_in_pane "env LANG=$UTF8 LC_ALL=$UTF8 \
    LANGUAGE=zh_CN VMTUTOR_LOCALEDIR='$LOC' XDG_STATE_HOME='$tmp/lz' \
    VMTUTOR_LESSONDIR='$top_srcdir/share/lessons' '$VMTUTOR' \
    --lesson=page-faults"
  prompt=$(tr_ zh_CN 'Your answer: ' | sed 's/[：: ]*$//')
  i=0
  while ! cap | grep -q "$prompt" && [ $i -lt 12 ]; do
    keys Right
    sleep 0.3
    i=$((i + 1))
  done
  type hit
  keys Enter
  sleep 0.4
  cap >"$tmp/lesson.zh"
  # shellcheck disable=SC2059
  first=$(tr_ zh_CN 'Not quite. %s Try once more (? for a hint, ! to see the answer).' \
          | sed 's/%s.*//')
  grep -q "$first" "$tmp/lesson.zh" && ! grep -q '。 ' "$tmp/lesson.zh"
  check_ $? "zh_CN: lesson feedback: one translated sentence, no space after 。" \
    "$(cat "$tmp/lesson.zh")"
fi

echo "1..$n"
exit "$failed"
