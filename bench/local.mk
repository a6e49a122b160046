## bench/local.mk: `make bench` — trace generator, full-path and engine
## benchmarks.  Built only by `make bench` (EXTRA_PROGRAMS).
EXTRA_PROGRAMS = bench/gen-trace bench/bench-run bench/bench-engine \
	bench/bench-limits
bench_gen_trace_SOURCES = bench/gen-trace.c bench/gen.h
bench_bench_run_SOURCES = bench/bench-run.c
bench_bench_engine_SOURCES = bench/bench-engine.c bench/gen.h
bench_bench_engine_LDADD = src/libvmcore.a $(VMCORE_LIBS)
bench_bench_limits_SOURCES = bench/bench-limits.c
bench_bench_limits_LDADD = src/libvmcore.a $(VMCORE_LIBS)
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
# The floor, the TLB, opt's memory and a big machine (bench-limits.c).
BENCH_TARGETS += bench-limits
.PHONY: bench-limits
bench-limits: bench/gen-trace$(EXEEXT) bench/bench-limits$(EXEEXT) \
		src/vmtutor$(EXEEXT)
	@$(MKDIR_P) bench/out
	@test -s bench/out/trace-10M.pages || \
	  bench/gen-trace$(EXEEXT) 10000000 bench/out/trace-10M.pages
	@test -s bench/out/trace-30M.pages || \
	  bench/gen-trace$(EXEEXT) 30000000 bench/out/trace-30M.pages 3
	@test -s bench/out/trace-1M.pages || \
	  bench/gen-trace$(EXEEXT) 1000000 bench/out/trace-1M.pages
	@bench/bench-limits$(EXEEXT) src/vmtutor$(EXEEXT) bench/out
bench-clean:
	rm -rf bench/out
