## tests/ui.mk: tests of ui, included by Makefile.am.

# Screen tests: the real program in a detached tmux session.
if HAVE_TMUX
TESTS += tests/screen.sh tests/screen-runner.sh tests/screen-memory.sh \
	tests/screen-pictures.sh tests/screen-policies.sh
endif
EXTRA_DIST += tests/screen-memory.sh tests/screen-pictures.sh tests/screen-policies.sh
EXTRA_DIST += tests/screen.sh tests/screen-basic.yaml tests/screen-bench.sh \
	tests/screen-runner.sh tests/screen-ask.yaml

# make bench: a 10,000-tick run drawn in a 200x60 pane, and stepping back
# at tick 1,000,000.
BENCH_TARGETS += bench-ui
.PHONY: bench-ui
bench-ui: src/vmtutor
	VMTUTOR='$(abs_top_builddir)/src/vmtutor' top_srcdir='$(top_srcdir)' \
	  $(SHELL) $(top_srcdir)/tests/screen-bench.sh

# Unit tests of the curses-free parts: narration and history.
check_PROGRAMS += tests/screen-units
TESTS += tests/screen-units
tests_screen_units_SOURCES = tests/screen-units.c \
	src/ui/history.c src/ui/history.h
tests_screen_units_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_screen_units_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

# Every step of every library scenario at 80x24, 60x20 and in projection
# mode, forwards and back (src/ui/screen-check.c does the checking).
if HAVE_TMUX
TESTS += tests/screens.sh
endif
EXTRA_DIST += tests/screens.sh
