## tests/engine.mk: tests of engine, included by Makefile.am.
