## tests/trace.mk: tests of the trace readers and the batch mode.
check_PROGRAMS += tests/check_trace
tests_check_trace_SOURCES = tests/check_trace.c
tests_check_trace_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_trace_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

TESTS += tests/check_trace tests/batch-golden.sh
EXTRA_DIST += tests/batch-golden.sh tests/data/vmm-addresses.txt \
	tests/golden/sample.lackey tests/golden/span.lackey \
	tests/golden/belady-fifo3.txt tests/golden/silberschatz-lru3.jsonl \
	tests/golden/silberschatz-opt3.txt tests/golden/silberschatz-clock3.txt \
	tests/golden/span-lackey.txt tests/golden/span-lackey.jsonl \
	tests/golden/vmm-summary.txt tests/golden/expect-fail.yaml \
	tests/golden/expect-pass.yaml tests/golden/expect-fail.txt \
	tests/golden/belady-fifo3-explain.txt \
	tests/golden/writes-lru2-zero-explain.txt
