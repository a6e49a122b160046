#!/bin/sh
# quiz-screen.sh: screen tests of the quiz interface, driving the real
# program in a detached tmux session (as screen.sh does): answer, go
# back, change an answer, the summary, finish, the last page; practice
# reveals with an explanation; leaving keeps the answers and resuming
# comes back to them.  Every wait polls the pane for a few seconds at
# most.  TAP.
: "${VMTUTOR:=./src/vmtutor}"
: "${top_srcdir:=.}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac

if ! command -v tmux >/dev/null 2>&1; then
  echo "1..0 # SKIP tmux not found"
  exit 0
fi

EXAM=$top_srcdir/tests/quiz/plain.yaml
PRACTICE=$top_srcdir/tests/quiz/practice.yaml
SOCK=vmtutor-quiz-test-$$
TMP=${TMPDIR:-/tmp}/vmtutor-quiz-screen-$$
mkdir -p "$TMP" || exit 99
cd "$TMP" || exit 99
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; cd /; rm -rf "$TMP"' EXIT INT TERM

UTF8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$' || UTF8=en_US.UTF-8

. "$top_srcdir/tests/tmux.sh"
# The answers that score full marks for STUDENT of QUIZ, line by line.
key () { "$VMTUTOR" --quiz="$1" --key --student="$2" | sed -n 's/^Answer: //p'; }

key "$EXAM" scr >exam.key
a1=$(sed -n 1p exam.key)
a2=$(sed -n 2p exam.key)
R=t-plain-scr.results.json

# ---- an exam: the first question with its figure
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=scr"
check "exam: the first question and its points" 'Plain-mode test - question 1 of 4 \(1 point\)'
check "exam: the replacement worksheet" 'frame 2 +\. \. \.'
check "exam: the answer field and its hint" 'Answer: *$'
check "exam: the help line" 'Enter answer +PgDn/Tab next +PgUp/S-Tab back +F2 summary +F10 quit'

# ---- answer: saved at once, nothing revealed, on to question 2
type "$a1"
check "typing shows the answer in the field" "Answer: $a1"
keys Enter
check "Enter saves and goes on to question 2" 'question 2 of 4 \(2 points\)'
check "the answer is announced as saved" 'Saved\.'
check_file "the answer is in the results file at once" "\"given\": \"$a1\"" $R
if cap | grep -q 'Correct answer'; then not_ok "an exam reveals nothing"; else ok "an exam reveals nothing"; fi

# ---- a wrong answer, go back, change it
type 99
keys Enter
check "a second answer goes on to question 3" 'question 3 of 4'
keys PageUp
check "PgUp goes back to question 2" 'question 2 of 4'
check "the answer given is in the field" 'Answer: 99 *$'
keys Home
type 1
keys End BSpace Left
type 2
check "Home, End, Left and Backspace edit in the field" 'Answer: 129 *$'
keys C-a Delete Right Delete Delete
check "Ctrl-A and Delete edit in the field" 'Answer: 2 *$'
keys C-u
type "$a2"
check "the answer is edited" "Answer: $a2 *\$"
keys Enter
check "Enter saves the new answer and goes on" 'question 3 of 4'
check_file "the results file has the changed answer" "\"given\": \"$a2\"" $R
keys BTab BTab
check "Shift-Tab goes back twice" 'question 1 of 4'
keys Tab
check "Tab goes forwards" 'question 2 of 4'

# ---- the summary
keys F2
check "F2 shows the summary" 'Plain-mode test - summary +2 of 4 answered'
check "the summary lists the answers" "  2  answered: $a2"
check "the summary lists what is not answered" '  4  not answered'
check "the summary offers to finish" '\[ Finish the quiz \]'
keys Up Enter
check "Enter on a row opens that question" 'question 1 of 4'
keys F2 Down Down
check "Down moves the selection" 'Up/Down/Home/End choose'
keys End Enter
check "finishing shows the last page with the score" 'Score: 3 of 10'
check "the last page reveals the correct answers" 'correct: '
check "the last page says where the answers are" "Answers saved in $R"
check_file "the results file is finished" '"finished": true' $R
keys q
check "q leaves with exit 0" 'EXIT=0'

# ---- coming back to a finished quiz shows the last page
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=scr"
check "a finished quiz opens on its last page" 'Plain-mode test - finished'
keys F10
check "F10 leaves" 'EXIT=0'

# ---- leaving mid-quiz keeps the answers; starting again resumes
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=later"
check "a second student starts at question 1" 'question 1 of 4'
type 5
keys Enter
check "one answer given" 'question 2 of 4'
keys F10
check "F10 leaves mid-quiz" 'EXIT=0'
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=later"
check "starting again resumes at question 2" 'question 2 of 4'
check "and says so" 'Welcome back: 1 of 4 questions answered'
keys F10

# ---- killed with SIGKILL on the screen: the answers given are kept
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=killed"
check "killed: the quiz starts" 'question 1 of 4'
type 6
keys Enter
check "killed: one answer given" 'question 2 of 4'
type 77
keys Enter
check "killed: two answers given" 'question 3 of 4'
pp=$($T display-message -p -t "$vt" '#{pane_pid}')
# The pane's shell runs vmtutor as its child (a loaded machine may show
# it late: ask again for up to 5 s).
pid= i=0
while [ -z "$pid" ] && [ "$i" -lt 50 ]; do
  pid=$(ps -o pid=,comm= --ppid "$pp" | awk '$2 == "vmtutor" { print $1; exit }')
  [ -n "$pid" ] || sleep 0.1
  i=$((i + 1))
done
[ -n "$pid" ] && kill -KILL "$pid"
check "killed: the program is gone" 'EXIT=137'
check_file "killed: both answers are in the results file" '"given": "77"' t-plain-killed.results.json
if grep -q '"given": "6"' t-plain-killed.results.json; then ok "killed: the first answer too"; else not_ok "killed: the first answer too"; fi

# ---- practice: each answer revealed with its explanation
key "$PRACTICE" scr >practice.key
run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$PRACTICE --student=scr"
check "practice: the translation figure splits the address" 'VPN +offset'
type "$(sed -n 1p practice.key)"
keys Enter
check "practice: the score of the answer" 'Score: 3 of 3'
check "practice: the correct answer" "Correct answer: $(sed -n 1p practice.key)"
check "practice: the explanation" 'PA = '
check "practice: a revealed answer is final" 'Enter/PgDn/Tab next'
type 7
check "practice: typing into a revealed answer is refused" 'This answer is final'
keys Enter
check "practice: Enter goes on" 'question 2 of 2'
keys F10

# ---- a narrow terminal still shows the question and the field
# ---- 80x24, the shipped practice quiz: the worked answer of a
# revealed question whole (the figure gives way: it only repeats the
# data), a grid's hint on two rows rather than cut
SHIP=$top_srcdir/share/quizzes/practice.yaml
W=80 H=24 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$SHIP --student=ship"
check "80x24: the first question" 'question 1 of 5'
type 0
keys Enter
check "80x24: the score" 'Score: 0 of 2'
check "80x24: the worked answer to its last line" '[0-9]+ faults \([0-9]+ of them evictions\), [0-9]+ hits, with FIFO\.'
keys Enter
check "80x24: the grid question" 'question 2 of 5'
check "80x24: its hint whole, on two rows" "^ +reference, '-' for empty *$"
keys F10
check "80x24: F10 leaves" 'EXIT=0'

W=40 H=12 run_in_pane "env LC_ALL=$UTF8 $VMTUTOR --quiz=$EXAM --student=narrow"
check "narrow: the question" 'question 1 of 4'
check "narrow: the prompt" 'Reference string'
check "narrow: the help line, whole (short)" ' Enter  PgDn  PgUp  F2 summary  F10 quit *$'
type abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ
check "narrow: a long answer scrolls to show the cursor" 'Answer: .*ABCDEFGHIJ *$'
keys C-u
type "é漢x"
check "narrow: wide and accented characters in the field" 'Answer: é漢x *$'
keys Left Left BSpace
check "narrow: the cursor moves by characters, not bytes" 'Answer: 漢x *$'
keys F10
check "narrow: F10 leaves" 'EXIT=0'

echo "1..$n"
