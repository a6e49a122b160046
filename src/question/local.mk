## src/question/local.mk: questions the engine answers (generate, check,
## explain), part of libvmcore.a; no curses.
src_libvmcore_a_SOURCES += \
	src/question/question.h src/question/question-internal.h \
	src/question/rng.c \
	src/question/spec.c src/question/spec-values.c \
	src/question/spec-values.h \
	src/question/question.c \
	src/question/answer.c \
	src/question/words.c src/question/words.h \
	src/question/numeric.c src/question/numeric.h \
	src/question/repl-sim.c src/question/repl-sim.h \
	src/question/replacement.c src/question/replacement.h \
	src/question/repl-check.c \
	src/question/translate.c \
	src/question/tlb.c \
	src/question/eat.c \
	src/question/sizes.c \
	src/question/scenario-q.c \
	src/question/choice.c
