## src/scenario/local.mk: the scenario loader and runner.
src_libvmcore_a_SOURCES += src/scenario/scenario.h \
	src/scenario/scenario-internal.h \
	src/scenario/yaml-tree.h src/scenario/yaml-tree.c \
	src/scenario/yaml-problems.c \
	src/scenario/scenario-values.c \
	src/scenario/scenario-load.c \
	src/scenario/scenario-region.c \
	src/scenario/scenario-steps.c src/scenario/say-extent.c \
	src/scenario/scenario-text.c \
	src/scenario/scenario-trace.c \
	src/scenario/expect.c \
	src/scenario/scenario-setup.c \
	src/scenario/scenario-run.c \
	src/scenario/check.c \
	src/scenario/budget-check.c \
	src/scenario/scenario-lesson.h src/scenario/scenario-lesson.c

scenariosdir = $(pkgdatadir)/scenarios
SCENARIO_FILES = \
	scenarios/aslr.yaml \
	scenarios/belady.yaml \
	scenarios/copy-on-write.yaml \
	scenarios/demand-paging.yaml \
	scenarios/early-computers.yaml \
	scenarios/fault-handler.yaml \
	scenarios/huge-pages.yaml \
	scenarios/lazy-allocation.yaml \
	scenarios/mlock.yaml \
	scenarios/mmap-file.yaml \
	scenarios/model-weights.yaml \
	scenarios/overcommit-oom.yaml \
	scenarios/page-table.yaml \
	scenarios/paging-to-swap.yaml \
	scenarios/more-policies.yaml \
	scenarios/policies.yaml \
	scenarios/segfault.yaml \
	scenarios/shared-memory.yaml \
	scenarios/thrashing.yaml \
	scenarios/tlb-locality.yaml \
	scenarios/two-processes.yaml \
	scenarios/vmm-project.yaml \
	scenarios/x86-64-la57.yaml \
	scenarios/x86-64-walk.yaml
dist_scenarios_DATA = $(SCENARIO_FILES) scenarios/order.txt
scenariosdatadir = $(pkgdatadir)/scenarios/data
dist_scenariosdata_DATA = scenarios/data/vmm-addresses.txt

# The library's human text (titles, abouts, say texts, questions, group
# headings: vmtutor-scenario(5), "Translations") for xgettext, in a
# generated, checked-in file that is not compiled.  After changing a
# library scenario, quiz or order.txt: make update-library-text (and
# tests/library-text.sh fails until then).
EXTRA_DIST += src/scenario/library-text.c
noinst_PROGRAMS += src/extract-text
src_extract_text_SOURCES = src/scenario/extract-text.c
src_extract_text_CPPFLAGS = $(AM_CPPFLAGS) $(JSONC_CFLAGS)
src_extract_text_LDADD = src/libvmcore.a $(VMCORE_LIBS)

update-library-text: src/extract-text$(EXEEXT)
	$(AM_V_GEN)src/extract-text$(EXEEXT) --library $(srcdir) \
	  >$(srcdir)/src/scenario/library-text.c-t \
	  && mv -f $(srcdir)/src/scenario/library-text.c-t \
	     $(srcdir)/src/scenario/library-text.c
.PHONY: update-library-text
