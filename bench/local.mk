## bench/local.mk: `make bench` — trace generator, full-path and engine
## benchmarks.  Built only by `make bench` (EXTRA_PROGRAMS).
EXTRA_PROGRAMS = bench/gen-trace bench/bench-run bench/bench-engine
bench_gen_trace_SOURCES = bench/gen-trace.c bench/gen.h
bench_bench_run_SOURCES = bench/bench-run.c
bench_bench_engine_SOURCES = bench/bench-engine.c bench/gen.h
bench_bench_engine_LDADD = src/libvmcore.a $(VMCORE_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/sweep.sh

BENCH_FRAMES = 64
BENCH_TARGETS += bench-run
.PHONY: bench-run bench-clean
bench-run: bench/gen-trace$(EXEEXT) bench/bench-run$(EXEEXT) \
		bench/bench-engine$(EXEEXT) src/vmtutor$(EXEEXT)
	@$(MKDIR_P) bench/out
	@test -s bench/out/trace-10M.pages || \
	  bench/gen-trace$(EXEEXT) 10000000 bench/out/trace-10M.pages
	@test -s bench/out/trace-1M.pages || \
	  bench/gen-trace$(EXEEXT) 1000000 bench/out/trace-1M.pages
	@st=0; \
	bench/bench-run$(EXEEXT) src/vmtutor$(EXEEXT) bench/out $(BENCH_FRAMES) \
	  || st=1; echo; \
	bench/bench-engine$(EXEEXT) 10000000 $(BENCH_FRAMES) || st=1; \
	echo; $(SHELL) $(srcdir)/bench/sweep.sh src/vmtutor$(EXEEXT) \
	  bench/out/trace-10M.pages || st=1; \
	exit $$st
bench-clean:
	rm -rf bench/out
