## tests/question.mk: Check tests of the question module.
check_PROGRAMS += tests/check_question
TESTS += tests/check_question
tests_check_question_SOURCES = tests/check_question.c
tests_check_question_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_check_question_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
EXTRA_DIST += tests/data/question-scenario.yaml
