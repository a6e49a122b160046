## tests/narrate.mk: the narration oracle (tests/check_narrate.c): every
## step of every library scenario and random reference strings under every
## policy and both backings, narrated and held against the events.
check_PROGRAMS += tests/check_narrate
TESTS += tests/check_narrate
tests_check_narrate_SOURCES = tests/check_narrate.c
tests_check_narrate_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_narrate_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)
