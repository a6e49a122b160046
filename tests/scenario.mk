## tests/scenario.mk: tests of scenario, included by Makefile.am.
