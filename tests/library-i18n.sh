#!/bin/sh
# library-i18n.sh: the library's text as the student sees it under a
# test catalogue (language "xx", built here with msgfmt and found through
# VMTUTOR_LOCALEDIR): a library scenario's title and say text in batch
# text output, a quiz's title and choice question in its key, a user's
# own scenario whose text the catalogue lacks left as written.  Skipped
# when msgfmt, the C.UTF-8 locale or VMTUTOR_LOCALEDIR (a catalogue
# directory given at run time) is missing: then even the interface's own
# "scenario" label is not translated.  TAP.
: "${top_srcdir:=.}"
: "${VMTUTOR:=./src/vmtutor}"
case $VMTUTOR in /*) ;; *) VMTUTOR=$(pwd)/$VMTUTOR ;; esac
case $top_srcdir in /*) ;; *) top_srcdir=$(pwd)/$top_srcdir ;; esac
. "$top_srcdir/tests/tap.sh"

if ! command -v msgfmt >/dev/null 2>&1; then
  echo "1..0 # SKIP msgfmt is missing"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/library-i18n.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/xx/LC_MESSAGES"
cat >"$tmp/xx.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "scenario"
msgstr "SZENARIO"

msgid "Thrashing"
msgstr "SEITENFLATTERN"

msgid "Cure 1: fewer processes.  B exits; A alone fits."
msgstr "HEILMITTEL 1: WENIGER PROZESSE."

msgid "Virtual memory practice"
msgstr "VIRTUELLER SPEICHER, ÜBUNG"

msgid "What does mlock() do to a page?"
msgstr "WAS MACHT MLOCK() MIT EINER SEITE?"
PO
msgfmt -o "$tmp/xx/LC_MESSAGES/vmtutor.mo" "$tmp/xx.po" || exit 99

run () {
  VMTUTOR_LOCALEDIR=$tmp LC_ALL=C.UTF-8 LANGUAGE=xx "$VMTUTOR" "$@"
}
cd "$top_srcdir" || exit 99
out=$(run --batch --format=text scenarios/thrashing.yaml 2>&1)
case $out in
  *SZENARIO*) ;;
  *)
    echo "1..0 # SKIP no catalogue through VMTUTOR_LOCALEDIR and C.UTF-8"
    exit 0 ;;
esac
echo "1..5"
case $out in *"SZENARIO: SEITENFLATTERN"*) r=0 ;; *) r=1 ;; esac
ok $r "a library title translated" "$(printf '%s\n' "$out" | head -3)"
case $out in *"HEILMITTEL 1: WENIGER PROZESSE."*) r=0 ;; *) r=1 ;; esac
ok $r "a library say text translated" \
  "$(printf '%s\n' "$out" | grep -n 'Cure 1\|HEILMITTEL')"
case $out in *"8 faults to load the working sets"*) r=0 ;; *) r=1 ;; esac
ok $r "a say text the catalogue lacks stays as written"

# A user's own scenario: the same, one say text changed.
sed 's/Cure 1: fewer processes\./Remedy one: fewer processes./' \
  scenarios/thrashing.yaml >"$tmp/mine.yaml"
out=$(run --batch --format=text "$tmp/mine.yaml" 2>&1)
case $out in
  *"Remedy one: fewer processes.  B exits; A alone fits."*) r=0 ;;
  *) r=1 ;;
esac
ok $r "a user's own say text stays as written" \
  "$(printf '%s\n' "$out" | grep -n 'Remedy\|HEILMITTEL')"

out=$(run --quiz=share/quizzes/practice.yaml --key --student=s1 2>&1)
case $out in
  *"VIRTUELLER SPEICHER, ÜBUNG"*"WAS MACHT MLOCK() MIT EINER SEITE?"*) r=0 ;;
  *) r=1 ;;
esac
ok $r "a quiz's title and choice question translated" \
  "$(printf '%s\n' "$out" | head -2)"
