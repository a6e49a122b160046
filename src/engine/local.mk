## src/engine/local.mk: the paging engine, part of libvmcore.a.
src_libvmcore_a_SOURCES += \
	src/engine/vm.h src/engine/vm-internal.h \
	src/engine/hmap.c src/engine/hmap.h \
	src/engine/names.c \
	src/engine/config.c \
	src/engine/pagetable.c \
	src/engine/tlb.c \
	src/engine/frames.c \
	src/engine/policy.c \
	src/engine/policy-more.c \
	src/engine/vm.c \
	src/engine/region.c \
	src/engine/access.c \
	src/engine/stream.c \
	src/engine/fault.c \
	src/engine/info.c \
	src/engine/evicted.c \
	src/engine/values.c \
	src/engine/future.c
