#!/bin/sh
# quiz-export.sh: the example quizzes pass --check; their keys come out
# as text and as JSON lines with the keys of DESIGN.md; their exports are
# well-formed: Moodle XML through xmllint --noout, GIFT checked for its
# structure (one question per blank-line-separated block, "::name::",
# one answer set in unescaped braces, the answer forms expected).  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-export.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

. "$top_srcdir/tests/tap.sh"

for q in "$top_srcdir"/share/quizzes/practice.yaml "$top_srcdir"/share/quizzes/midterm.yaml; do
  name=$(basename "$q" .yaml)
  out=$("$VMTUTOR" --check "$q" 2>&1)
  ok $? "check $name" "$out"

  "$VMTUTOR" --quiz="$q" --key --variants=3 --format=json >"$tmp/$name.key" 2>"$tmp/err"
  ok $? "key $name --format=json" "$(cat "$tmp/err")"
  nq=$(grep -c '^  - kind:' "$q")
  lines=$(wc -l <"$tmp/$name.key" | tr -d ' ')
  bad=$(grep -v '^{"student":"variant-[123]","n":[0-9]*,"kind":"[a-z]*","points":[0-9.]*,"prompt":".*","data":{.*},"answer":.*,"typed":".*"}$' "$tmp/$name.key")
  [ "$lines" -eq $((nq * 3)) ] && [ -z "$bad" ]
  ok $? "key $name: one JSON line per question and variant, keys in order" "$lines lines for $nq questions
$bad"

  "$VMTUTOR" --quiz="$q" --export=moodle-xml --variants=3 >"$tmp/$name.xml" 2>"$tmp/err"
  ok $? "export $name moodle-xml" "$(cat "$tmp/err")"
  if command -v xmllint >/dev/null 2>&1; then
    out=$(xmllint --noout "$tmp/$name.xml" 2>&1)
    ok $? "xmllint --noout $name.xml" "$out"
  else
    n=$((n + 1)); echo "ok $n - # SKIP xmllint not installed"
  fi
  expect=$((nq * 3 + 1))
  got=$(grep -c '<question type=' "$tmp/$name.xml")
  [ "$got" -eq "$expect" ]
  ok $? "export $name moodle-xml: $expect questions (category included)" "got $got"

  "$VMTUTOR" --quiz="$q" --export=gift --variants=3 >"$tmp/$name.gift" 2>"$tmp/err"
  ok $? "export $name gift" "$(cat "$tmp/err")"
  # Blocks: comment lines, then one question line "::NAME::TEXT{ANSWERS}"
  # (a choice's answers on lines of their own up to "}").  Braces,
  # colons, = ~ # in texts must all be escaped.
  out=$(awk -v want=$((nq * 3)) '
    function strip(s) { gsub(/\\./, "", s); return s }
    /^\/\// || /^\$CATEGORY: / { next }
    /^$/ { if (inq) { print "unterminated block before line " NR; bad = 1 }
           inq = 0; next }
    !inq {
      if ($0 !~ /^::[A-Za-z0-9._@-]+ q[0-9]+ v[0-9]+::\[html\]/) {
        print "line " NR ": not a question: " $0; bad = 1; next }
      questions++
      s = strip($0); sub(/^::[^:]*::/, "", s)
      nopen = gsub(/{/, "{", s); nclose = gsub(/}/, "}", s)
      if (nopen != 1) { print "line " NR ": " nopen " unescaped {"; bad = 1 }
      if (s ~ /[=~#:]/ && s !~ /{[=#]/ && s !~ /{$/) {
        print "line " NR ": unescaped = ~ # or : in the text"; bad = 1 }
      if (nclose == 1) next
      inq = 1; next
    }
    inq {
      s = strip($0)
      if (s == "}") { inq = 0; next }
      if (s !~ /^  ([=~]|####)/ || s ~ /[{}]/) { print "line " NR ": bad choice: " $0; bad = 1 }
      next
    }
    END { if (questions != want) { print questions " questions, expected " want; bad = 1 }
          exit bad }' "$tmp/$name.gift")
  ok $? "export $name gift: well-formed, $((nq * 3)) questions" "$out"

  # The worked answer goes with every question, as Moodle XML's
  # generalfeedback did: GIFT's "####" last before the closing brace.
  got=$(grep -c '####<pre>.*</pre>}\{0,1\}$' "$tmp/$name.gift")
  expect $((nq * 3)) "$got" "export $name gift: every question has its worked answer as general feedback"
  # A Moodle numerical answer is a plain number: no K, M, G or fractions
  # promised in the stem (vmtutor's own hints allow them).
  ! grep -q 'K, M, G, KiB\.\.\. allowed\|fraction such as 3/8' "$tmp/$name.gift" "$tmp/$name.xml"
  ok $? "export $name: no hint promises what a course site does not read"
done

q=$top_srcdir/share/quizzes/midterm.yaml
"$VMTUTOR" --quiz="$q" --export=gift --variants=3 >"$tmp/m.gift" 2>&1
# A wrong choice's why is its feedback; no quoted choice ends in "..".
expect 3 "$(grep -c '^  ~The TLB ran out of entries\.#A TLB miss only costs a page-table walk, never a kill\.$' "$tmp/m.gift")" \
  "gift: a wrong choice's why is its feedback (#)"
! grep -q '\.\.' "$tmp/m.gift"
ok $? "gift: no sentence ends in two full stops" "$(grep '\.\.' "$tmp/m.gift")"
# What vmtutor reads as the same answer, a course site takes too.
grep -Eq '\{=[0-9]+ [0-9]+ =[0-9]+, [0-9]+ =[0-9]+,[0-9]+ ####' "$tmp/m.gift"
ok $? "gift: two numbers also right with a comma between them"
# A TLB-reach question names no address size: its worked answer is the
# product, not "page-number bits = 48 - 12" of addresses never given.
"$VMTUTOR" --quiz="$q" --key --variants=3 >"$tmp/m.key" 2>&1
reach=$(grep -A2 'TLB reach in bytes' "$tmp/m.key")
echo "$reach" | grep -q '^reach = [0-9]* entries x [0-9]* bytes = [0-9]* bytes$' \
  && ! echo "$reach" | grep -q 'page-number bits'
ok $? "key: a TLB-reach answer is worked without an address size" "$reach"
"$VMTUTOR" --quiz="$q" --export=moodle-xml --variants=3 >"$tmp/m.xml" 2>&1
expect 3 "$(grep -c '<text>The TLB ran out of entries\.</text><feedback><text>A TLB miss only costs a page-table walk, never a kill\.</text></feedback>' "$tmp/m.xml")" \
  "moodle-xml: a wrong choice's why is its feedback"

# Every kind of question is in the examples.
kinds=$(cat "$top_srcdir"/share/quizzes/*.yaml | sed -n 's/^  - kind: //p' | sort -u | tr '\n' ' ')
[ "$kinds" = "choice eat replacement scenario sizes tlb translate " ]
ok $? "the example quizzes use every kind of question" "$kinds"

# GIFT escaping of a teacher's text full of special characters.
cat >"$tmp/special.yaml" <<'YAML'
quiz: special
title: Special characters
seed: 1
mode: exam
questions:
  - kind: choice
    points: 1
    question: "Which is {right}? a=b ~c #d: e\\f <g> & \"h\""
    correct: "{x} = y"
    wrong: ["~z", "#w:", "a & <b>"]
YAML
"$VMTUTOR" --quiz="$tmp/special.yaml" --export=gift >"$tmp/special.gift"
grep -qF 'Which is \{right\}? a\=b \~c \#d\: e\\f &lt;g&gt; &amp; &quot;h&quot;' "$tmp/special.gift" \
  && grep -qF '\{x\} \= y' "$tmp/special.gift" && grep -qF '\#w\:' "$tmp/special.gift"
ok $? "gift: \\ { } = ~ # : escaped" "$(cat "$tmp/special.gift")"
"$VMTUTOR" --quiz="$tmp/special.yaml" --export=moodle-xml >"$tmp/special.xml"
if command -v xmllint >/dev/null 2>&1; then
  out=$(xmllint --noout "$tmp/special.xml" 2>&1)
  ok $? "moodle-xml: special characters stay well-formed" "$out"
fi

echo "1..$n"
