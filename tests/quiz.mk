## tests/quiz.mk: tests of the quiz mode (src/quiz/), included by
## Makefile.am.  The question module's own tests are in question.mk.

# Plain mode, grading, resuming, SIGKILL; exports and keys; broken
# results files (broken quiz files are tests/bad/quiz-*.yaml, bad.sh).
TESTS += tests/quiz-plain.sh tests/quiz-export.sh tests/quiz-bad.sh
if HAVE_TMUX
TESTS += tests/quiz-screen.sh
endif
EXTRA_DIST += tests/quiz-plain.sh tests/quiz-export.sh tests/quiz-bad.sh \
	tests/quiz-screen.sh tests/quiz tests/bad-results \
	tests/fuzz/quiz-corpus

## The libFuzzer target of the quiz and results readers (see scenario.mk):
## tests/fuzz/fuzz_quiz tests/fuzz/quiz-corpus
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_quiz
endif
tests_fuzz_fuzz_quiz_SOURCES = tests/fuzz/fuzz_quiz.c \
	src/quiz/quiz-load.c src/quiz/results.c src/quiz/results-read.c
tests_fuzz_fuzz_quiz_CPPFLAGS = $(AM_CPPFLAGS) $(YAML_CFLAGS) $(JSONC_CFLAGS) \
	$(NETTLE_CFLAGS)
tests_fuzz_fuzz_quiz_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_quiz_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_quiz_LDADD = src/libvmcore.a $(VMCORE_LIBS)

# Unit tests of the curses-free parts: ids, scores, loader, hash, results.
check_PROGRAMS += tests/check_quiz
TESTS += tests/check_quiz
tests_check_quiz_SOURCES = tests/check_quiz.c
tests_check_quiz_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_check_quiz_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
