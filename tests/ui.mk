## tests/ui.mk: tests of ui, included by Makefile.am.
