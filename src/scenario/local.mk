## src/scenario/local.mk: the scenario loader and runner.
src_libvmcore_a_SOURCES += src/scenario/scenario.h \
	src/scenario/scenario-internal.h \
	src/scenario/yaml-tree.h src/scenario/yaml-tree.c \
	src/scenario/scenario-values.c \
	src/scenario/scenario-load.c \
	src/scenario/scenario-steps.c \
	src/scenario/scenario-trace.c \
	src/scenario/expect.c \
	src/scenario/scenario-setup.c \
	src/scenario/scenario-run.c \
	src/scenario/check.c

scenariosdir = $(pkgdatadir)/scenarios
SCENARIO_FILES =
dist_scenarios_DATA = $(SCENARIO_FILES)
scenariosdatadir = $(pkgdatadir)/scenarios/data
dist_scenariosdata_DATA = scenarios/data/vmm-addresses.txt
