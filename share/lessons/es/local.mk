## share/lessons/es/local.mk: the lessons in Spanish (issue 13).
lessons_esdir = $(pkgdatadir)/lessons/es
dist_lessons_es_DATA = \
	share/lessons/es/memory-cells.yaml \
	share/lessons/es/address-spaces.yaml \
	share/lessons/es/pages-frames.yaml \
	share/lessons/es/translation.yaml \
	share/lessons/es/page-faults.yaml \
	share/lessons/es/swap.yaml \
	share/lessons/es/replacement.yaml \
	share/lessons/es/thrashing.yaml \
	share/lessons/es/protection.yaml \
	share/lessons/es/tlb.yaml \
	share/lessons/es/multi-level.yaml \
	share/lessons/es/huge-pages.yaml \
	share/lessons/es/lazy-allocation.yaml \
	share/lessons/es/fork-cow.yaml \
	share/lessons/es/shared-memory.yaml \
	share/lessons/es/mmap-files.yaml \
	share/lessons/es/aslr.yaml \
	share/lessons/es/overcommit-oom.yaml
