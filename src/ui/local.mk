## src/ui/local.mk: the ncurses interface (linked into vmtutor only).
src_vmtutor_SOURCES += src/ui/ui.c
