#!/bin/sh
# lesson-plain.sh: every lesson of share/lessons in plain mode with
# scripted answers: all right (completes, all solved), all wrong
# (completes, explanations shown, recorded wrong), hint and reveal
# (recorded as revealed); the lint of every lesson; the misconceptions
# named for typical wrong answers; --list.  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-lesson.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 99
VMTUTOR_LESSONDIR=$top_srcdir/share/lessons
XDG_STATE_HOME=$tmp/state
export VMTUTOR_LESSONDIR XDG_STATE_HOME

. "$top_srcdir/tests/tap.sh"

# Input lines from a key (KIND TAB ID TAB ANSWER): MODE right, wrong
# (two wrong answers per checkpoint) or reveal (? then !).
script () {
  awk -F '\t' -v mode="$1" '
    $1 == "page" || $1 == "pause" { print ""; next }
    $1 == "ask" { print $3; next }
    mode == "right" { print $3; next }
    mode == "reveal" { print "?"; print "!"; next }
    {
      w = "999999"
      if ($1 == "result") w = ($3 == "hit") ? "major" : "hit"
      else if ($1 == "tlb") w = ($3 == "hit") ? "miss" : "hit"
      else if ($1 == "victim") w = ($3 == "none") ? "999999" : "none"
      else if ($1 == "choice") w = ($3 == "a") ? "b" : "a"
      print w; print w
    }'
}

lessons=$(grep -v '^#' "$top_srcdir/share/lessons/order.txt")
expect 18 "$(echo "$lessons" | wc -l | tr -d ' ')" "18 lessons in order.txt"

"$VMTUTOR" --check --lesson >check.out 2>check.err
ok $? "--check --lesson: every checkpoint of every lesson is computable" \
  "$(cat check.err)"
expect 18 "$(grep -c ': ok$' check.out)" "--check reports every lesson ok"

"$VMTUTOR" --check swap >check1.out 2>&1
ok $? "--check NAME checks the lesson NAME" "$(cat check1.out)"
grep -q '/swap.yaml: ok$' check1.out
ok $? "--check NAME names the lesson's file"

"$VMTUTOR" --lesson --list >list.out 2>list.err
ok $? "--lesson --list exits 0"
expect "$(echo "$lessons")" "$(cut -f1 list.out)" "--list: teaching order"
expect 0 "$(awk -F '\t' 'NF != 4 || $2 < 5 || $2 > 15 || $3 != "new"' \
  list.out | wc -l | tr -d ' ')" "--list: 4 fields, 5-15 minutes, all new"

for l in $lessons; do
  f=$top_srcdir/share/lessons/$l.yaml
  grep -q '^      Summary$' "$f" && grep -q 'Try it on your own machine' "$f"
  ok $? "$l: ends with a summary and a try-it note"
  "$VMTUTOR" --lesson="$l" --key >"$l.key" 2>"$l.keyerr"
  ok $? "$l: --key" "$(cat "$l.keyerr")"
  cps=$(grep -vc '^\(page\|pause\|ask\)	' "$l.key")
  [ "$cps" -ge 2 ]
  ok $? "$l: at least two checkpoints ($cps)"
  for mode in right wrong reveal; do
    rm -rf state
    script $mode <"$l.key" >"$l.$mode.in"
    "$VMTUTOR" --lesson="$l" --plain <"$l.$mode.in" >"$l.$mode.out" \
      2>"$l.$mode.err"
    ok $? "$l $mode: exits 0" "$(cat "$l.$mode.err")"
    expect "" "$(cat "$l.$mode.err")" "$l $mode: nothing on stderr"
    p=state/vmtutor/progress
    grep -q "^lesson $l 0 done\$" $p
    ok $? "$l $mode: recorded done" "$(cat $p)"
    case $mode in
      right) st=solved; s=$cps ;;
      wrong) st=wrong; s=0 ;;
      reveal) st=revealed; s=0 ;;
    esac
    expect "$cps" "$(grep -c "^checkpoint $l .* $st\$" $p)" \
      "$l $mode: every checkpoint recorded $st"
    grep -q "^Lesson complete: $s of $cps checkpoints solved\.\$" \
      "$l.$mode.out"
    ok $? "$l $mode: completes, $s of $cps solved" \
      "$(tail -3 "$l.$mode.out")"
    case $mode in
      wrong)
        expect "$((2 * cps))" "$(grep -c 'Not quite\.' "$l.$mode.out")" \
          "$l wrong: every wrong answer is told"
        expect "$cps" "$(grep -c 'The answer: ' "$l.$mode.out")" \
          "$l wrong: the answer shown after two tries" ;;
      reveal)
        hints=$(grep -c 'Hint: ' "$l.$mode.out")
        expect "$cps" "$hints" "$l reveal: a hint for every checkpoint" ;;
    esac
  done
done

# Misconceptions: an 8-bit offset, the virtual address for the physical
# one, a minor fault for a major one.
answer () { # LESSON ID GIVEN...: the right script with GIVEN for ID.
  les=$1 id=$2; shift 2
  script right <"$les.key" | awk -v id="$id" -v n="$(grep -n "	$id	" \
    "$les.key" | cut -d: -f1)" -v giv="$*" '
    NR == n { c = split(giv, g, "|"); for (i = 1; i <= c; i++) print g[i];
              next } { print }'
}
rm -rf state
answer translation indices "0 1" | "$VMTUTOR" --lesson=translation --plain \
  >mis1.out 2>&1
grep -q "The offset has 12 bits here (pages of 4096 bytes), not 8" mis1.out
ok $? "translation: '0 1' for 0xB123 is an 8-bit offset"
rm -rf state
answer translation paddr "0x3a7c" | "$VMTUTOR" --lesson=translation \
  --plain >mis2.out 2>&1
grep -q "That is the virtual address" mis2.out
ok $? "translation: the virtual address given for the physical one"
rm -rf state
answer swap swap-in "minor" | "$VMTUTOR" --lesson=swap --plain >mis3.out 2>&1
grep -q "A minor fault needs no disk" mis3.out
ok $? "swap: minor for a swap-in is told why it is major"
rm -rf state
answer replacement lru-victim "2" | "$VMTUTOR" --lesson=replacement \
  --plain >mis4.out 2>&1
grep -q "Not quite" mis4.out
ok $? "replacement: a wrong LRU victim"
rm -rf state
answer page-faults first-fetch "maybe|major" | "$VMTUTOR" \
  --lesson=page-faults --plain >mis5.out 2>&1
grep -q "Answer with one of: hit, minor, major" mis5.out \
  && grep -q "Right\." mis5.out && ! grep -q "Not quite" mis5.out
ok $? "an unreadable answer is not counted as a try"

# A lesson whose answers cannot be computed fails the lint.
cat >bad.yaml <<'EOY'
title: bad
lesson: { minutes: 5 }
machine: { va_bits: 16, page_size: 4KiB, levels: [4], frames: 4 }
processes:
  - { name: P, regions: [ { name: d, start: 0, pages: 4, perm: rw- } ] }
steps:
  - access: { process: P, region: d, page: 0 }
  - predict: { id: t, what: tlb }
  - access: { process: P, region: d, page: 0 }
  - predict: { id: f, what: faults, accesses: 5 }
  - access: { process: P, region: d, page: 1 }
  - predict: { id: c, what: choice, question: q, choices: [x, x], answer: 1 }
  - predict: { id: z, what: frame }
EOY
"$VMTUTOR" --check bad.yaml >bad.out 2>bad.err
expect 2 $? "--check on a bad lesson exits 2"
expect 4 "$(grep -c 'bad.yaml:[0-9]*: ' bad.err)" \
  "--check names each bad checkpoint" "$(cat bad.err)"
printf 'title: b\nlesson: { minutes: 5 }\nsteps:\n  - predict: { id: a, what: result, answer: hit }\n' >ans.yaml
"$VMTUTOR" --check ans.yaml >/dev/null 2>ans.err
expect "vmtutor: ans.yaml:4:45: found 'hit'; expected no answer (the engine computes it by running ahead; answers go with 'what: choice')" \
  "$(cat ans.err)" "an answer written into a predict is refused"
printf 'title: b\nlesson: { minutes: 5 }\nsteps:\n  - predict: { id: a, what: result }\n  - predict: { id: a, what: tlb }\n' >dup.yaml
"$VMTUTOR" --check dup.yaml >/dev/null 2>dup.err
grep -q "dup.yaml:5:5: found checkpoint id 'a' a second time" dup.err
ok $? "checkpoint ids are unique" "$(cat dup.err)"

echo "1..$n"
