## src/narrate/local.mk: the narration (events in words), shared by the
## interface and batch mode; no curses.
src_libvmcore_a_SOURCES += src/narrate/narrate.h src/narrate/narrate.c
