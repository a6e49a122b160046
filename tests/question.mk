## tests/question.mk: Check tests of the question module.
check_PROGRAMS += tests/check_question
TESTS += tests/check_question
tests_check_question_SOURCES = tests/check_question.c tests/policy-model.h
tests_check_question_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_check_question_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
EXTRA_DIST += tests/data/question-scenario.yaml tests/data/question-values.yaml

## libFuzzer targets (configure with CC=clang --enable-fuzzing): typed
## answers, and questions of a quiz file.  The question module is
## compiled again with coverage; the rest comes from libvmcore.a.
## Run: tests/fuzz/fuzz_answer tests/fuzz/answer-corpus
##      tests/fuzz/fuzz_question tests/fuzz/question-corpus
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_answer tests/fuzz/fuzz_question
endif
QUESTION_SOURCES = \
	src/question/rng.c src/question/spec.c src/question/spec-values.c \
	src/question/question.c \
	src/question/answer.c src/question/numeric.c src/question/repl-sim.c \
	src/question/replacement.c src/question/repl-check.c \
	src/question/translate.c \
	src/question/tlb.c src/question/eat.c src/question/sizes.c \
	src/question/scenario-q.c src/question/choice.c
tests_fuzz_fuzz_answer_SOURCES = tests/fuzz/fuzz_answer.c $(QUESTION_SOURCES)
tests_fuzz_fuzz_answer_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_answer_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_answer_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_answer_LDADD = src/libvmcore.a $(VMCORE_LIBS)
tests_fuzz_fuzz_question_SOURCES = tests/fuzz/fuzz_question.c \
	$(QUESTION_SOURCES)
tests_fuzz_fuzz_question_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
tests_fuzz_fuzz_question_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_question_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_question_LDADD = src/libvmcore.a $(VMCORE_LIBS)
EXTRA_DIST += tests/fuzz/answer-corpus tests/fuzz/question-corpus
