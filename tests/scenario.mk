## tests/scenario.mk: tests of the scenario loader, runner and library.
check_PROGRAMS += tests/check_scenario
tests_check_scenario_SOURCES = tests/check_scenario.c
tests_check_scenario_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_scenario_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

TESTS += tests/check_scenario tests/scenarios.sh tests/bad.sh
# Whole directories: tests/bad/*.yaml + *.err, the fuzzing seeds.
EXTRA_DIST += tests/scenarios.sh tests/bad.sh tests/bad \
	tests/fuzz/corpus

## The libFuzzer target: configure with CC=clang --enable-fuzzing (and
## --enable-sanitizers for ASan+UBSan in the engine too).  The loader is
## compiled again here with coverage instrumentation; the rest comes from
## libvmcore.a.  Run: tests/fuzz/fuzz_scenario tests/fuzz/corpus
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_scenario
endif
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
tests_fuzz_fuzz_scenario_SOURCES = tests/fuzz/fuzz_scenario.c \
	src/scenario/yaml-tree.c src/scenario/scenario-values.c \
	src/scenario/scenario-load.c src/scenario/scenario-region.c \
	src/scenario/scenario-steps.c \
	src/scenario/scenario-trace.c src/scenario/expect.c \
	src/scenario/scenario-setup.c src/scenario/scenario-run.c
tests_fuzz_fuzz_scenario_CPPFLAGS = $(AM_CPPFLAGS) $(YAML_CFLAGS)
tests_fuzz_fuzz_scenario_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_scenario_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_scenario_LDADD = src/libvmcore.a $(VMCORE_LIBS)
