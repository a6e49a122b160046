## tests/trace.mk: tests of trace, included by Makefile.am.
