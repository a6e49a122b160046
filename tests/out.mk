## tests/out.mk: tests of the picture writers (src/out/): the sweep's
## one-pass curves against engine runs, and the grid and sweep goldens.
check_PROGRAMS += tests/check_sweep
tests_check_sweep_SOURCES = tests/check_sweep.c
tests_check_sweep_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_sweep_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

# the LRU pass compiled again with a short clock (see the file)
check_PROGRAMS += tests/check_stackdist
tests_check_stackdist_SOURCES = tests/check_stackdist.c
tests_check_stackdist_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_stackdist_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

TESTS += tests/check_sweep tests/check_stackdist tests/pictures.sh
EXTRA_DIST += tests/pictures.sh
EXTRA_DIST += tests/golden/grid-belady-fifo3.txt  \
	tests/golden/grid-belady-fifo4.txt  \
	tests/golden/grid-ostep-fifo3.txt  \
	tests/golden/grid-ostep-lru3.txt  \
	tests/golden/grid-ostep-opt3.txt  \
	tests/golden/grid-silb-clock3-utf8.txt  \
	tests/golden/grid-silb-fifo3.txt  \
	tests/golden/grid-silb-lru3.txt  \
	tests/golden/grid-silb-opt3-40.txt  \
	tests/golden/sweep-belady-ascii.txt  \
	tests/golden/sweep-belady-utf8.txt  \
	tests/golden/sweep-belady.csv tests/golden/sweep-silb.jsonl

check_PROGRAMS += tests/check_real
tests_check_real_SOURCES = tests/check_real.c
tests_check_real_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_real_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
TESTS += tests/check_real

check_PROGRAMS += tests/check_policy_more
tests_check_policy_more_SOURCES = tests/check_policy_more.c tests/policy-model.h
tests_check_policy_more_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_policy_more_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
TESTS += tests/check_policy_more
