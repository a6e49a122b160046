## src/trace/local.mk: trace readers and the batch mode.
src_libvmcore_a_SOURCES += src/batch.c \
	src/trace/trace.h src/trace/trace-internal.h \
	src/trace/trace.c src/trace/parse.c \
	src/trace/batch-out.h src/trace/batch-out.c
src_libvmcore_a_SOURCES += src/trace/batch-summary.c
