## src/lesson/local.mk: lesson mode (DESIGN.md "Lessons"): checkpoints,
## progress, the list, plain mode and the lint, all curses-free, in
## libvmcore; the curriculum in share/lessons.
src_libvmcore_a_SOURCES += src/lesson/checkpoint.h src/lesson/checkpoint.c \
	src/lesson/progress.h src/lesson/progress.c \
	src/lesson/lesson.h src/lesson/lesson-list.c \
	src/lesson/lesson-plain.c src/lesson/lesson-check.c \
	src/lesson/lesson-drift.c

lessonsdir = $(pkgdatadir)/lessons
dist_lessons_DATA = share/lessons/order.txt $(LESSON_FILES)
LESSON_FILES = \
	share/lessons/memory-cells.yaml \
	share/lessons/address-spaces.yaml \
	share/lessons/pages-frames.yaml \
	share/lessons/translation.yaml \
	share/lessons/page-faults.yaml \
	share/lessons/swap.yaml \
	share/lessons/replacement.yaml \
	share/lessons/thrashing.yaml \
	share/lessons/protection.yaml \
	share/lessons/tlb.yaml \
	share/lessons/multi-level.yaml \
	share/lessons/huge-pages.yaml \
	share/lessons/lazy-allocation.yaml \
	share/lessons/fork-cow.yaml \
	share/lessons/shared-memory.yaml \
	share/lessons/mmap-files.yaml \
	share/lessons/aslr.yaml \
	share/lessons/overcommit-oom.yaml
src_vmtutor_SOURCES += src/lesson/lesson-main.c src/lesson/lesson-tui.h \
	src/lesson/lesson-tui.c
