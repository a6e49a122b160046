## src/real/local.mk: a real process's address space (--pid, --self).
src_libvmcore_a_SOURCES += src/real/procmap.h src/real/procmap.c \
	src/real/real-out.c
