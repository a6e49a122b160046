#!/bin/sh
# i18n.sh: vmtutor in other languages (issue 13), with the catalogues
# built in tests/locale (VMTUTOR_LOCALEDIR): --help in German (and the
# locale fallbacks), a Spanish quiz in plain mode answered with the
# Spanish word, translated lessons chosen by LANGUAGE with the notice
# for a lesson not translated and progress kept under the English
# names, batch text columns aligned in display columns in every
# language, and a scenario in Chinese and in the pseudo-language at
# 80x24 and 60x20 in tmux with no line wider than the terminal.  The
# expected texts come from the catalogues themselves (gettext(1)), so
# the test holds whatever the translators wrote.  TAP.
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

LOC=$(cd "$top_builddir/tests/locale" 2>/dev/null && pwd)
if [ -z "$LOC" ] || [ ! -d "$LOC/de" ]; then
  echo "1..0 # SKIP no tests/locale (msgfmt missing)"
  exit 0
fi
if ! command -v gettext >/dev/null 2>&1; then
  echo "1..0 # SKIP gettext(1) not found"
  exit 0
fi
UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8
unset LC_ALL LC_MESSAGES LC_CTYPE LANGUAGE
LANG=$UTF8 VMTUTOR_LOCALEDIR=$LOC
export LANG VMTUTOR_LOCALEDIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-i18n.XXXXXX") || exit 99
SOCK=vmtutor-i18n-$$
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 99
. "$top_srcdir/tests/tap.sh"
failed=0
check () { [ "$1" -eq 0 ] || failed=1; ok "$@"; }
same () {
  if [ "$1" = "$2" ]; then check 0 "$3"; else check 1 "$3" "expected: $1
got:      $2"; fi
}

# The translation of MSGID (C escapes such as \n allowed) in language L.
tr_ () { TEXTDOMAINDIR=$LOC LANGUAGE=$1 LC_ALL=$UTF8 gettext -e -d vmtutor -- "$2"; }
# The first form of answer word W in L (context "answer").
word_ () {
  TEXTDOMAINDIR=$LOC LANGUAGE=$1 LC_ALL=$UTF8 \
    gettext -d vmtutor --context=answer -- "$2" | cut -d'|' -f1
}
# The widest line of standard input, in display columns.
width () { LC_ALL=$UTF8 wc -L | tr -d ' '; }
# The display width of each line of standard input, one per line.
widths () {
  while IFS= read -r l; do printf '%s\n' "$l" | width; done
}

# ---- --help in German, and how the language is chosen --------------------
LANGUAGE=de "$VMTUTOR" --help >help.de 2>help.err
check $? "de: --help exits 0" "$(cat help.err)"
usage='Usage: %s [OPTION]... [SCENARIO.yaml]\n  or:  %s --batch [--format=text|json] [--quiet] SOURCE [MACHINE OPTION]...\n  or:  %s --check SCENARIO.yaml|QUIZ.yaml...\n'
# shellcheck disable=SC2059
want=$(printf "$(tr_ de "$usage")" vmtutor vmtutor vmtutor | sed -n 1p)
same "$want" "$(sed -n 1p help.de)" "de: --help starts with the German usage line"
env -u VMTUTOR_LOCALEDIR LANGUAGE=de "$VMTUTOR" --help 2>&1 | sed -n 1p \
  >help.tree
same "$want" "$(cat help.tree)" \
  "de: the program of the build tree finds its catalogues by itself"
line=$(tr_ de 'Show virtual memory at work, one memory access at a time.\n')
grep -Fxq -- "$line" help.de
check $? "de: --help says what vmtutor does in German" "$(head -5 help.de)"
w=$(width <help.de)
we=$(LC_ALL=C "$VMTUTOR" --help | width)
[ "$w" -le 80 ] || [ "$w" -le "$we" ]
check $? "de: every --help line fits 80 columns (widest: $w; English: $we)"
env -u LANG LANGUAGE=de "$VMTUTOR" --help 2>&1 | sed -n 1p >h1
same "$want" "$(cat h1)" "de: LANGUAGE=de alone (locale C) gives German"
env LANG=de_DE.UTF-8 "$VMTUTOR" --help 2>&1 | sed -n 1p >h2
same "$want" "$(cat h2)" "de: LANG=de_DE.UTF-8, not installed, gives German"
env LC_ALL=C LANGUAGE=de "$VMTUTOR" --help 2>&1 | sed -n 1p >h3
same "Usage: vmtutor [OPTION]... [SCENARIO.yaml]" "$(cat h3)" \
  "LC_ALL=C stays untranslated, as gettext has it"
env LANGUAGE=fr:de "$VMTUTOR" --help 2>&1 | sed -n 1p >h4
same "$want" "$(cat h4)" "LANGUAGE=fr:de: no French, German next"

# ---- a Spanish quiz in plain mode ------------------------------------------
quiz=$top_srcdir/tests/quiz/words.yaml
fallo=$(word_ es fault)
printf '%s\n' "$fallo" | LANGUAGE=es "$VMTUTOR" --quiz="$quiz" --student=ana \
  --plain >ana.out 2>ana.err
check $? "es quiz: exit 0" "$(cat ana.err)"
# shellcheck disable=SC2059
score1=$(printf "$(tr_ es 'Score: %s of %s\n')" 1 1)
# shellcheck disable=SC2059
score0=$(printf "$(tr_ es 'Score: %s of %s\n')" 0 1)
same "$score1" "$(grep -Fx -- "$score1" ana.out | tail -n 1)" \
  "es quiz: '$fallo' (fault in Spanish) scores 1 of 1"
# shellcheck disable=SC2059
grep -Fxq -- "$(printf "$(tr_ es 'Correct answer: %s\n')" "$fallo")" ana.out
check $? "es quiz: the correct answer is shown in Spanish" "$(cat ana.out)"
# shellcheck disable=SC2059
grep -Fxq -- "$(printf "$(tr_ es 'Quiz: %s\n')" "Words test")" ana.out
check $? "es quiz: the quiz interface is in Spanish"
grep -q '"given": "fault"' t-words-ana.results.json
check $? "es quiz: the results file keeps the English word" \
  "$(cat t-words-ana.results.json)"
echo fault | LANGUAGE=es "$VMTUTOR" --quiz="$quiz" --student=bea --plain \
  >bea.out 2>&1
same "$score1" "$(grep -Fx -- "$score1" bea.out | tail -n 1)" \
  "es quiz: the English word is accepted too"
echo 0x10 | LANGUAGE=es "$VMTUTOR" --quiz="$quiz" --student=eva --plain \
  >eva.out 2>&1
same "$score0" "$(grep -Fx -- "$score0" eva.out | tail -n 1)" \
  "es quiz: a wrong answer scores 0"
LC_ALL=C "$VMTUTOR" --grade --quiz="$quiz" t-words-ana.results.json \
  t-words-bea.results.json t-words-eva.results.json >grades.csv 2>&1
same "$(printf 'student,score,max,q1,flag\r\nana,1,1,1,\r\nbea,1,1,1,\r\neva,0,1,0,\r')" \
  "$(cat grades.csv)" "es quiz: --grade in English gives the same scores"

# ---- translated lessons ----------------------------------------------------
L=$tmp/lessons
mkdir -p "$L/de" "$tmp/state"
cp "$top_srcdir/share/lessons/memory-cells.yaml" \
  "$top_srcdir/share/lessons/tlb.yaml" "$L/"
printf 'memory-cells\ntlb\n' >"$L/order.txt"
sed 's/^title: .*/title: "Speicher: nummerierte Zellen"/' \
  "$L/memory-cells.yaml" >"$L/de/memory-cells.yaml"
lesson () {
  env VMTUTOR_LESSONDIR="$L" XDG_STATE_HOME="$tmp/state" "$VMTUTOR" "$@"
}
LANGUAGE=de lesson --lesson --list >list.out 2>&1
grep -q '^memory-cells	[0-9]*	new	Speicher: nummerierte Zellen$' list.out
check $? "lessons: --list shows the German title of a translated lesson" \
  "$(cat list.out)"
grep -q '^tlb	.*	The TLB' list.out
check $? "lessons: --list shows the English title of the others"
# shellcheck disable=SC2059
notice=$(printf "$(tr_ de 'This lesson is not translated into your language (%s) yet: it is shown in English.')" de)
LANGUAGE=de lesson --lesson=tlb --plain </dev/null >tlb.out 2>&1
grep -Fxq -- "$notice" tlb.out
check $? "lessons: a lesson not translated says so, in German" \
  "$(head -3 tlb.out)"
LANGUAGE=de lesson --lesson=memory-cells --plain </dev/null >mc.out 2>&1
# shellcheck disable=SC2059
same "$(printf "$(tr_ de 'Lesson: %s\n')" 'Speicher: nummerierte Zellen')" \
  "$(sed -n 1p mc.out)" "lessons: the German lesson is the one taken"
! grep -Fxq -- "$notice" mc.out
check $? "lessons: no notice for a translated lesson"
LANGUAGE=es lesson --lesson=tlb --plain </dev/null >es.out 2>&1
# shellcheck disable=SC2059
esnotice=$(printf "$(tr_ es 'This lesson is not translated into your language (%s) yet: it is shown in English.')" es)
! grep -Fxq -- "$esnotice" es.out && ! grep -Fxq -- "$notice" es.out
check $? "lessons: no notice where the language has no lessons at all"
grep -q 'memory-cells' "$tmp/state/vmtutor/progress" \
  && ! grep -q 'de/' "$tmp/state/vmtutor/progress"
check $? "lessons: progress is kept under the English names" \
  "$(cat "$tmp/state/vmtutor/progress" 2>&1)"
sed 's/id: same-page/id: gleiche-seite/' "$L/tlb.yaml" >"$L/de/tlb.yaml"
LANGUAGE=de lesson --check --lesson >check.out 2>&1
st=$?
[ $st -eq 2 ] && grep -q "de/tlb.yaml:[0-9]*:[0-9]*: 'gleiche-seite'" check.out
check $? "lessons: --check --lesson finds a translation that drifted" \
  "status $st: $(cat check.out)"
rm "$L/de/tlb.yaml"

# ---- batch text: columns in display columns, in every language -----------
for l in C de es zh_CN xx; do
  [ "$l" = C ] || [ -f "$LOC/$l/LC_MESSAGES/vmtutor.mo" ] || continue
  LANGUAGE=$l "$VMTUTOR" --batch --refs=1,2,1,1,2 --frames=3 --tlb=2 \
    >batch.$l 2>&1
  hw=$(( $(sed -n 1p batch.$l | width) - $(tr_ $l notes | width) - 2 ))
  rows=$(sed -n '4,6p' batch.$l | widths | sort -u)
  same "$hw" "$rows" "$l: batch text: the rows without notes end under the header's frame"
  sums=$(sed '1,/^[^ ]/d' batch.$l | sed -e 's/  (.*//' -e 's/  （.*//' -e 's/ ns$//' \
         | widths | sort -u)
  [ "$(printf '%s\n' "$sums" | wc -l)" -eq 1 ]
  check $? "$l: batch text: the summary's figures line up" "$(cat batch.$l)"
  LANGUAGE=$l "$VMTUTOR" --batch --format=grid --refs=7,0,1,2,0,3,0,4 \
    --policy=lru --frames=3 >grid.$l 2>&1
  g=$(grep -e '│' -e '┼' -e '|' grid.$l | sed -e 's/│.*//' -e 's/┼.*//' \
      -e 's/|.*//' -e 's/+.*//' | widths | sort -u)
  [ "$(printf '%s\n' "$g" | wc -l)" -eq 1 ]
  check $? "$l: grid: the rule is one column for every row" "$(cat grid.$l)"
  LANGUAGE=$l "$VMTUTOR" --batch --sweep=1-4 --refs=1,2,3,4,1,2,5,1,2,3,4,5 \
    >sweep.$l 2>&1
  s=$(sed -n '1,5p' sweep.$l | widths | sort -u)
  same "$(sed -n 1p sweep.$l | width)" "$s" "$l: sweep: the table's rows as wide as its header"
done

# ---- separators in translatable formats (Chinese "：", "（）") -------------
LANGUAGE=zh_CN "$VMTUTOR" --batch "$top_srcdir/scenarios/belady.yaml" \
  >sep.zh 2>&1
# shellcheck disable=SC2059
inner=$(printf "$(TEXTDOMAINDIR=$LOC LANGUAGE=zh_CN LC_ALL=$UTF8 gettext -d vmtutor \
  --context=expect -- '%s: %s')" "$(tr_ zh_CN 'page faults')" 8)
# shellcheck disable=SC2059
want=$(printf "$(tr_ zh_CN '%s: %s')" "$(tr_ zh_CN 'expect ok')" "$inner")
same "        $want" "$(grep -F -- "$(tr_ zh_CN 'expect ok')" sep.zh | tail -n 1)" \
  "zh_CN: batch: the expect line's label, phrase and separators translated"
# shellcheck disable=SC2059
pct=$(printf "$(tr_ zh_CN '  (%.2f%%)\n')" 33.33)
grep -Fq -- "$pct" sep.zh && ! grep -q '(33.33%)' sep.zh
check $? "zh_CN: batch summary: the share in the catalogue's parentheses" \
  "$(tail -n 10 sep.zh)"

# ---- a scenario in Chinese (and the pseudo-language) in tmux ---------------
if command -v tmux >/dev/null 2>&1; then
  $T new-session -d -s keep "sleep 600"
  for l in zh_CN xx; do
    [ -f "$LOC/$l/LC_MESSAGES/vmtutor.mo" ] || continue
    for size in 80x24 60x20; do
      W=${size%x*} H=${size#*x}
      s=$l-$W
      $T new-session -d -s "$s" -x "$W" -y "$H" \
        "env LANG=$UTF8 LANGUAGE=$l VMTUTOR_LOCALEDIR='$LOC' \
         '$VMTUTOR' '$top_srcdir/scenarios/thrashing.yaml'; echo EXIT=\$?; sleep 600"
      i=0
      while ! $T capture-pane -p -t "$s" | grep -q vmtutor && [ $i -lt 100 ]; do
        sleep 0.1; i=$((i + 1))
      done
      for k in 1 2 3 4 5 6 7 8; do $T send-keys -t "$s" Right; done
      sleep 0.5
      $T capture-pane -p -t "$s" >"cap.$s"
      w=$(width <"cap.$s")
      [ "$w" -le "$W" ] && grep -q vmtutor "cap.$s"
      check $? "$l: thrashing at ${W}x$H: no line wider than $W columns (widest $w)" \
        "$(cat "cap.$s")"
      [ "$(wc -l <"cap.$s")" -le "$H" ] && ! grep -q "$(printf '\357\277\275')" "cap.$s"
      check $? "$l: thrashing at ${W}x$H: no character cut in two" "$(cat "cap.$s")"
      $T send-keys -t "$s" q
      i=0
      while ! $T capture-pane -p -t "$s" | grep -q 'EXIT=' && [ $i -lt 50 ]; do
        sleep 0.1; i=$((i + 1))
      done
      $T capture-pane -p -t "$s" | grep -q 'EXIT=0'
      check $? "$l: thrashing at ${W}x$H: q quits with status 0"
      $T kill-session -t "$s" >/dev/null 2>&1
    done
  done
fi

# ---- --format=json stays English in every language ------------------------
LANGUAGE=C "$VMTUTOR" --batch --refs=1,2,1 --frames=2 --format=json >json.C 2>&1
for l in de es zh_CN; do
  LANGUAGE=$l "$VMTUTOR" --batch --refs=1,2,1 --frames=2 --format=json \
    >json.$l 2>&1
  cmp -s json.C json.$l
  check $? "$l: --format=json (with its why) is the English output" \
    "$(diff json.C json.$l 2>&1 | head -5)"
done

echo "1..$n"
exit $failed
