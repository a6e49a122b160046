## src/trace/local.mk: trace readers and the batch mode.
src_libvmcore_a_SOURCES += src/batch.c
