# tap.sh: TAP helpers shared by the shell tests; source it after setting
# nothing (it starts the count at 0).
#   ok STATUS NAME [DETAIL]   one TAP line: "ok" when STATUS is 0, else
#                             "not ok" with DETAIL as # lines
#   expect WANT GOT NAME      ok when WANT and GOT are the same text
n=0
ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    [ -n "${3-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
  fi
  return 0
}
expect () {
  if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3" "expected: $1
got:      $2"; fi
}
