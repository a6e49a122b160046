#!/bin/sh
# pseudo-po.sh POT OUT.po: a pseudo-translation of the catalogue POT for
# the tests (the "xx" language of tests/locale): every message with its
# letters fullwidth and 40% longer, so that every width the interface and
# the batch text assume shows up as a misaligned column or an overflow.
# Needs msgen, msgfilter (gettext) and awk.
set -eu
pot=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
msgen "$pot" \
  | sed -e 's/charset=CHARSET/charset=UTF-8/' \
        -e 's/^"Language: \\n"/"Language: xx\\n"/' \
        -e 's/nplurals=INTEGER; plural=EXPRESSION;/nplurals=2; plural=(n != 1);/' \
  | msgfilter --keep-header -o "$out" env LC_ALL=C awk -f "$here/pseudo.awk"
