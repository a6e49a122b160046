## src/lesson/local.mk: lesson mode (DESIGN.md "Lessons"): checkpoints,
## progress, the list, plain mode and the lint, all curses-free, in
## libvmcore; the curriculum in share/lessons.
src_libvmcore_a_SOURCES += src/lesson/checkpoint.h src/lesson/checkpoint.c \
	src/lesson/progress.h src/lesson/progress.c \
	src/lesson/lesson.h src/lesson/lesson-list.c \
	src/lesson/lesson-plain.c src/lesson/lesson-check.c

lessonsdir = $(pkgdatadir)/lessons
dist_lessons_DATA = share/lessons/order.txt $(LESSON_FILES)
LESSON_FILES =
src_vmtutor_SOURCES += src/lesson/lesson-main.c src/lesson/lesson-tui.h \
	src/lesson/lesson-tui.c
