#!/bin/sh
# quiz-plain.sh: a quiz taken in plain mode, then graded.  Every question
# of a variant answered right (full score), wrong (zero) and half right
# (the exact partial score); the results files regraded, then regraded
# after a stored score was edited (the edit ignored and flagged); resuming;
# a program killed with SIGKILL mid-quiz keeps every answer it was given;
# student ids and results files that must be refused.  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
LC_ALL=C LANGUAGE=C
export LC_ALL LANGUAGE
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vmtutor-quiz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 99
quiz=$top_srcdir/tests/quiz/plain.yaml
practice=$top_srcdir/tests/quiz/practice.yaml

. "$top_srcdir/tests/tap.sh"

# The answers of STUDENT that score full marks, one per line.
key () {
  "$VMTUTOR" --quiz="$1" --key --student="$2" | sed -n 's/^Answer: //p'
}
# A wrong answer for each right one: another letter, another number.
wrong () {
  while IFS= read -r a; do
    case $a in
      a) echo b ;; [b-z]) echo a ;;
      *) echo 999999 ;;
    esac
  done
}

# Right, wrong, and right on questions 1 and 3 (1 + 3 of 10 points).
key "$quiz" right >right.in
key "$quiz" wrong | wrong >wrong.in
{ key "$quiz" half | sed -n 1p; key "$quiz" half | wrong | sed -n 2p
  key "$quiz" half | sed -n 3p; key "$quiz" half | wrong | sed -n 4p; } >half.in
expect 4 "$(wc -l <right.in | tr -d ' ')" "the key has one answer per question"

for s in right wrong half; do
  "$VMTUTOR" --quiz="$quiz" --student=$s --plain <$s.in >$s.out 2>$s.err
  ok $? "plain: student $s takes the quiz (exit 0)" "$(cat $s.err)"
done
expect 4 "$(grep -c '^answer> ' right.out)" "plain: one answer> line per question"
expect "Score: 10 of 10" "$(grep '^Score:' right.out)" "plain: all right scores 10 of 10"
expect "Score: 0 of 10" "$(grep '^Score:' wrong.out)" "plain: all wrong scores 0 of 10"
expect "Score: 4 of 10" "$(grep '^Score:' half.out)" "plain: questions 1 and 3 right score 4 of 10"
grep -q '"finished": true' t-plain-right.results.json
ok $? "results: finished is true after the last question"
grep -q '"score": 4,' t-plain-half.results.json && grep -q '"max": 10' t-plain-half.results.json
ok $? "results: the stored total of half is 4 of 10"

"$VMTUTOR" --grade --quiz="$quiz" t-plain-right.results.json \
  t-plain-wrong.results.json t-plain-half.results.json >grades.csv 2>grade.err
ok $? "grade: exit 0" "$(cat grade.err)"
printf 'student,score,max,q1,q2,q3,q4,flag\r\nright,10,10,1,2,3,4,\r\nwrong,0,10,0,0,0,0,\r\nhalf,4,10,1,0,3,0,\r\n' >want.csv
cmp -s want.csv grades.csv
ok $? "grade: the CSV gradebook (RFC 4180, CRLF)" "$(cat -A grades.csv)"

# The stored score of half edited to full marks: ignored and flagged.
sed 's/"score": 4,/"score": 10,/; s/"score": 0,/"score": 4,/' \
  t-plain-half.results.json >edited.results.json
"$VMTUTOR" --grade --quiz="$quiz" edited.results.json >edited.csv 2>&1
ok $? "grade: an edited file is graded (exit 0)"
expect "half,4,10,1,0,3,0,score edited" "$(sed -n 2p edited.csv | tr -d '\r')" \
  "grade: an edited score is ignored and flagged"

# Another student's answers copied under a new id: another variant.
sed 's/"student": "right"/"student": "mallory"/' t-plain-right.results.json >copied.results.json
"$VMTUTOR" --grade --quiz="$quiz" copied.results.json >copied.csv 2>&1
case $(sed -n 2p copied.csv) in
  mallory,*"edited variant"*) ok 0 "grade: answers copied to another id are flagged" ;;
  *) ok 1 "grade: answers copied to another id are flagged" "$(cat copied.csv)" ;;
esac
# The same answers graded against another seed of the quiz.
sed 's/^seed: 42/seed: 43/' "$quiz" >reseeded.yaml
"$VMTUTOR" --grade --quiz=reseeded.yaml t-plain-right.results.json >reseeded.csv 2>&1
case $(sed -n 2p reseeded.csv) in
  *"quiz file changed; other seed"*) ok 0 "grade: results of another seed are flagged" ;;
  *) ok 1 "grade: results of another seed are flagged" "$(cat reseeded.csv)" ;;
esac
"$VMTUTOR" --grade --quiz="$quiz" --format=json t-plain-half.results.json >grades.json
expect '{"file":"t-plain-half.results.json","student":"half","score":4,"max":10,"questions":[1,0,3,0],"flags":[]}' \
  "$(cat grades.json)" "grade: JSON gradebook"

# Resuming: two answers, end of input, then the rest.
key "$quiz" resume >resume.all
sed -n 1,2p resume.all | "$VMTUTOR" --quiz="$quiz" --student=resume --plain >resume1.out
ok $? "resume: end of input after two answers exits 0"
grep -q '"finished": false' t-plain-resume.results.json
ok $? "resume: the file is not finished"
sed -n 3,4p resume.all | "$VMTUTOR" --quiz="$quiz" --student=resume --plain >resume2.out
grep -q '^Resuming: 2 of 4 questions answered' resume2.out && grep -q '^Question 3 of 4' resume2.out \
  && ! grep -q '^Question 1 of 4' resume2.out
ok $? "resume: starting again resumes at question 3" "$(cat resume2.out)"
expect "Score: 10 of 10" "$(grep '^Score:' resume2.out)" "resume: the answers of both sittings count"

# Practice: each answer revealed; a translation with one part wrong.
key "$practice" p | sed -n 1p | awk '{ print $1, $2, "0x0" }' >p.in
"$VMTUTOR" --quiz="$practice" --student=p --plain <p.in >p.out
expect "Score: 2 of 3" "$(grep '^Score:' p.out | sed -n 1p)" "practice: two of three parts score 2 of 3"
grep -q '^Correct answer: ' p.out
ok $? "practice: the answer is revealed with its explanation"
grep -q '"revealed": true' t-practice-p.results.json
ok $? "practice: the answer is recorded as revealed"
awk '/^Correct answer/ && !done { bad = 1 } /^Quiz finished/ { done = 1 }
     END { exit bad || !done }' right.out && grep -q '^Correct answer' right.out
ok $? "exam: nothing is revealed before the end, everything at the end"

# An exam that never reveals: neither answers nor scores, even at the end.
awk '{ print } /^mode: exam/ { print "reveal: never" }' "$quiz" >never.yaml
"$VMTUTOR" --quiz=never.yaml --student=right --results=never.json --plain <right.in >never.out
! grep -q 'Correct answer\|Score' never.out && grep -q 'The answers are not shown' never.out
ok $? "reveal: never shows no answer and no score" "$(cat never.out)"
grep -q '"revealed": true' t-plain-right.results.json && grep -q '"finished": true' never.json && ! grep -q '"revealed": true' never.json
ok $? "reveal: end marks the answers revealed, never does not"

# A program killed with SIGKILL keeps every answer it was given.
mkfifo kill.fifo
"$VMTUTOR" --quiz="$quiz" --student=killed --plain <kill.fifo >kill.out 2>&1 &
pid=$!
exec 3>kill.fifo
given=0
for a in 5 12 b; do
  echo "$a" >&3
  given=$((given + 1))
  i=0
  while [ $i -lt 200 ] && [ "$(grep -c '"given"' t-plain-killed.results.json 2>/dev/null)" != $given ]; do
    sleep 0.05
    i=$((i + 1))
  done
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
exec 3>&-
expect '5 12 b' "$(sed -n 's/.*"given": "\(.*\)",/\1/p' t-plain-killed.results.json | tr '\n' ' ' | sed 's/ $//')" \
  "SIGKILL: every answer given is in the results file"
"$VMTUTOR" --grade --quiz="$quiz" t-plain-killed.results.json >/dev/null 2>kill.err
ok $? "SIGKILL: the results file left behind is whole" "$(cat kill.err)"
ls | grep -q 'tmp' && ok 1 "SIGKILL: no temporary file is left" "$(ls)" || ok 0 "SIGKILL: no temporary file is left"

# Refused before the first question.
for id in ../x .hidden -x 'a b' '' \
  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; do
  "$VMTUTOR" --quiz="$quiz" --student="$id" --plain </dev/null >id.out 2>id.err
  rc=$?
  [ $rc -eq 2 ] && [ ! -s id.out ] && grep -q "invalid --student" id.err
  ok $? "student id '$id' is refused (exit $rc)" "$(cat id.err)"
done
"$VMTUTOR" --quiz="$quiz" --student=ok --results=no-such-dir/r.json --plain \
  <right.in >unwritable.out 2>unwritable.err
rc=$?
[ $rc -eq 2 ] && ! grep -q Question unwritable.out \
  && grep -q "^vmtutor: no-such-dir/r.json: cannot write the results file" unwritable.err
ok $? "a results file that cannot be written is an error before the first question" "$(cat unwritable.err)"
cp t-plain-right.results.json theirs.json
"$VMTUTOR" --quiz="$quiz" --student=other --results=theirs.json --plain \
  </dev/null >theirs.out 2>theirs.err
rc=$?
[ $rc -eq 2 ] && cmp -s theirs.json t-plain-right.results.json \
  && grep -q "found the results of student 'right'" theirs.err
ok $? "another student's results file is refused and left alone" "$(cat theirs.err)"

# Usage.
"$VMTUTOR" --quiz="$quiz" --plain </dev/null >/dev/null 2>&1
expect 2 $? "--quiz without --student is bad usage"
"$VMTUTOR" --grade --quiz="$quiz" >/dev/null 2>&1
expect 2 $? "--grade without results files is bad usage"
"$VMTUTOR" --grade --quiz="$quiz" no-such.json >/dev/null 2>&1
expect 2 $? "--grade of a missing file exits 2"

echo "1..$n"
