## src/scenario/local.mk: the scenario loader and runner.
src_libvmcore_a_SOURCES += src/scenario/scenario.h src/scenario/check.c
