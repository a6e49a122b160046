## tests/scenario.mk: tests of the scenario loader, runner and library.
check_PROGRAMS += tests/check_scenario
tests_check_scenario_SOURCES = tests/check_scenario.c
tests_check_scenario_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_scenario_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

TESTS += tests/check_scenario tests/scenarios.sh tests/bad.sh
# Whole directories: tests/bad/*.yaml + *.err.  The fuzzing target and its
# seeds are in tests/fuzz.mk.
EXTRA_DIST += tests/scenarios.sh tests/bad.sh tests/bad

# The library's text in the catalogue: the checked-in extraction is
# current, and a test catalogue translates what the loaders read.
check_PROGRAMS += tests/check_library_text
tests_check_library_text_SOURCES = tests/check_library_text.c
tests_check_library_text_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_check_library_text_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
TESTS += tests/check_library_text tests/library-text.sh tests/library-i18n.sh
EXTRA_DIST += tests/library-text.sh tests/library-i18n.sh
