## src/quiz/local.mk: quiz mode (vmtutor-quiz(5)): the loader, results
## files and the curses-free modes in libvmcore; the screen in vmtutor.
src_libvmcore_a_SOURCES += src/quiz/quiz.h src/quiz/quiz-load.c \
	src/quiz/results.h src/quiz/results.c src/quiz/results-read.c \
	src/quiz/session.h src/quiz/session.c \
	src/quiz/quiz-modes.h src/quiz/quiz-plain.c src/quiz/quiz-key.c \
	src/quiz/quiz-grade.c src/quiz/quiz-export.c src/quiz/quiz-check.c
src_vmtutor_SOURCES += src/quiz/quiz-main.c src/quiz/quiz-tui.h \
	src/quiz/quiz-tui.c src/quiz/quiz-figure.c

quizzesdir = $(pkgdatadir)/quizzes
dist_quizzes_DATA = share/quizzes/practice.yaml share/quizzes/midterm.yaml \
	share/quizzes/two-procs.yaml
