## tests/engine.mk: tests of engine, included by Makefile.am.
check_PROGRAMS += tests/check_engine
TESTS += tests/check_engine
tests_check_engine_SOURCES = tests/check_engine.c tests/check_engine.h \
	tests/check_engine_misc.c tests/check_engine_mem.c \
	tests/check_engine_proc.c tests/check_engine_tlb.c \
	tests/check_engine_extra.c tests/check_engine_stress.c \
	tests/check_engine_edge.c tests/check_engine_model.c \
	tests/check_engine_budget.c
tests_check_engine_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_engine_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

# Inputs that once took gigabytes or minutes (issue 8), under ulimit -v.
TESTS += tests/budget.sh
EXTRA_DIST += tests/budget.sh
