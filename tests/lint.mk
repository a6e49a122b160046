## tests/lint.mk: checks of the tree itself, included by Makefile.am.
TESTS += tests/potfiles.sh
EXTRA_DIST += tests/potfiles.sh
