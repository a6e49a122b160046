## src/out/local.mk: the picture writers of the batch mode (grid, sweep).
src_libvmcore_a_SOURCES += src/out/out.h src/out/term.c src/out/grid.c \
	src/out/sweep.h src/out/sweep.c src/out/sweep-out.c src/out/stackdist.c
