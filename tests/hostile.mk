## tests/hostile.mk: hostile sources and signals (issue 8): trace inputs
## that are devices, endless pipes or FIFOs, --refs=@FILE, a trace include
## flipped between a file and a FIFO (all under ulimit -v and timeout),
## and the keypad mode after Ctrl-Z and fg (in tmux).
TESTS += tests/bad-trace.sh
if HAVE_TMUX
TESTS += tests/screen-sigcont.sh
endif
# tests/bad-trace/NAME.FORMAT + NAME.err: broken traces, run by tests/bad.sh.
EXTRA_DIST += tests/bad-trace.sh tests/screen-sigcont.sh tests/bad-trace
