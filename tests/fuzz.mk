## tests/fuzz.mk: the libFuzzer targets (scenario loader and runner, trace
## readers, engine, the engine's quiet stream; the quiz and question
## targets live in tests/quiz.mk and tests/question.mk), their seed corpora
## and `make fuzz`.
##
## Configure with CC=clang --enable-fuzzing (clang with libFuzzer: Debian's
## clang and libclang-rt-dev), best in a separate build directory:
##   mkdir ../fuzz && cd ../fuzz && ../vmtutor/configure CC=clang --enable-fuzzing
##   make fuzz FUZZ_SECONDS=600
## runs each target in turn for FUZZ_SECONDS seconds on a copy of its seed
## corpus (fuzz-out/NAME/; crashes are written as fuzz-out/NAME-crash-*).
## The code under test is compiled again with coverage instrumentation;
## the rest comes from libvmcore.a.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_scenario tests/fuzz/fuzz_trace \
	tests/fuzz/fuzz_engine tests/fuzz/fuzz_stream
endif
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

FUZZ_ENGINE_SOURCES = src/engine/hmap.c src/engine/names.c \
	src/engine/config.c src/engine/pagetable.c src/engine/tlb.c \
	src/engine/frames.c src/engine/policy.c src/engine/vm.c \
	src/engine/region.c src/engine/access.c src/engine/fault.c \
	src/engine/info.c src/engine/future.c src/engine/evicted.c \
	src/engine/values.c src/engine/stream.c

# The scenario loader and runner, and the engine under them (coverage
# feedback from both).  Run: tests/fuzz/fuzz_scenario tests/fuzz/corpus
tests_fuzz_fuzz_scenario_SOURCES = tests/fuzz/fuzz_scenario.c \
	src/scenario/yaml-tree.c src/scenario/scenario-values.c \
	src/scenario/scenario-load.c src/scenario/scenario-region.c \
	src/scenario/scenario-steps.c \
	src/scenario/scenario-trace.c src/scenario/expect.c \
	src/scenario/scenario-setup.c src/scenario/scenario-run.c \
	$(FUZZ_ENGINE_SOURCES)
tests_fuzz_fuzz_scenario_CPPFLAGS = $(AM_CPPFLAGS) $(YAML_CFLAGS)
tests_fuzz_fuzz_scenario_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_scenario_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_scenario_LDADD = src/libvmcore.a $(VMCORE_LIBS)

tests_fuzz_fuzz_trace_SOURCES = tests/fuzz/fuzz_trace.c \
	src/trace/trace.c src/trace/parse.c
tests_fuzz_fuzz_trace_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_trace_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_trace_LDADD = src/libvmcore.a $(VMCORE_LIBS)

tests_fuzz_fuzz_engine_SOURCES = tests/fuzz/fuzz_engine.c tests/fuzz/fuzz-input.h \
	$(FUZZ_ENGINE_SOURCES)
tests_fuzz_fuzz_engine_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_engine_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_engine_LDADD = src/libvmcore.a $(VMCORE_LIBS)

# vm_access_stream against vm_access one access at a time.
tests_fuzz_fuzz_stream_SOURCES = tests/fuzz/fuzz_stream.c tests/fuzz/fuzz-input.h \
	$(FUZZ_ENGINE_SOURCES)
tests_fuzz_fuzz_stream_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_stream_LDFLAGS = $(FUZZ_FLAGS)
tests_fuzz_fuzz_stream_LDADD = src/libvmcore.a $(VMCORE_LIBS)

EXTRA_DIST += tests/fuzz/scenario.dict tests/fuzz/trace.dict \
	tests/fuzz/corpus tests/fuzz/corpus-trace tests/fuzz/corpus-engine \
	tests/fuzz/corpus-stream

FUZZ_SECONDS = 60
FUZZ_RSS_MB = 2048
FUZZ_TARGETS = scenario:corpus:scenario.dict trace:corpus-trace:trace.dict \
	engine:corpus-engine: stream:corpus-stream: quiz:quiz-corpus: \
	answer:answer-corpus: question:question-corpus:

if FUZZING
fuzz: tests/fuzz/fuzz_scenario tests/fuzz/fuzz_trace tests/fuzz/fuzz_engine \
	tests/fuzz/fuzz_stream tests/fuzz/fuzz_quiz tests/fuzz/fuzz_answer \
	tests/fuzz/fuzz_question
	@set -e; for spec in $(FUZZ_TARGETS); do \
	  name=$${spec%%:*}; rest=$${spec#*:}; \
	  seeds=$${rest%%:*}; dict=$${rest#*:}; \
	  mkdir -p fuzz-out/$$name; \
	  echo "fuzz: fuzz_$$name for $(FUZZ_SECONDS) s"; \
	  ./tests/fuzz/fuzz_$$name -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=$(FUZZ_RSS_MB) -print_final_stats=1 \
	    -artifact_prefix=fuzz-out/$$name- \
	    $${dict:+-dict=$(srcdir)/tests/fuzz/$$dict} \
	    fuzz-out/$$name $(srcdir)/tests/fuzz/$$seeds; \
	done
else
fuzz:
	@echo "make fuzz: configure with CC=clang --enable-fuzzing first" >&2; \
	exit 1
endif
.PHONY: fuzz
