## src/ui/local.mk: the ncurses interface (linked into vmtutor only).
# The label-fitting every pane uses, the frames' policy view, and the
# screen checks (tests/screens.sh drives them: VMTUTOR_BENCH=check).
src_vmtutor_SOURCES += src/ui/label.c src/ui/screen-check.c \
	src/ui/frames-policy.c
src_vmtutor_SOURCES += \
	src/ui/ui.h src/ui/ui.c \
	src/ui/history.h src/ui/history.c \
	src/ui/screen.c src/ui/colors.c src/ui/keys.c src/ui/layout.c \
	src/ui/draw.c src/ui/canvas.c src/ui/project.c src/ui/compare.c \
	src/ui/start.c \
	src/ui/pane-header.c src/ui/pane-vspace.c src/ui/pane-walk.c \
	src/ui/pane-tlb.c src/ui/pane-frames.c src/ui/pane-swap.c src/ui/pane-memory.c \
	src/ui/pane-log.c src/ui/pane-narrate.c src/ui/source.c \
	src/ui/bench.c src/ui/ask.c \
	src/ui/pictures.c src/ui/pane-grid.c src/ui/pane-curve.c \
	src/ui/pane-strip.c
