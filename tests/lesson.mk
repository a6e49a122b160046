## tests/lesson.mk: tests of lesson mode (src/lesson/) and the curriculum
## (share/lessons/), included by Makefile.am.

# Every lesson in plain mode (right, wrong, hint and reveal), the lint,
# the misconceptions; the progress file (resume, reset, corrupt, read-only,
# two at once).
TESTS += tests/lesson-plain.sh tests/lesson-progress.sh tests/lesson-truth.sh
EXTRA_DIST += tests/lesson-plain.sh tests/lesson-progress.sh \
  tests/lesson-truth.sh
if HAVE_TMUX
TESTS += tests/lesson-screen.sh
endif
EXTRA_DIST += tests/lesson-screen.sh

# Unit tests of checkpoints and the progress file.
check_PROGRAMS += tests/check_lesson
TESTS += tests/check_lesson
tests_check_lesson_SOURCES = tests/check_lesson.c
tests_check_lesson_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_lesson_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
