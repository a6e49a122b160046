## share/lessons/de/local.mk: the German translation of the lessons,
## installed beside the English ones (same names, same structure).
lessons_dedir = $(pkgdatadir)/lessons/de
dist_lessons_de_DATA = \
	share/lessons/de/memory-cells.yaml \
	share/lessons/de/address-spaces.yaml \
	share/lessons/de/pages-frames.yaml \
	share/lessons/de/translation.yaml \
	share/lessons/de/page-faults.yaml \
	share/lessons/de/swap.yaml \
	share/lessons/de/replacement.yaml \
	share/lessons/de/thrashing.yaml \
	share/lessons/de/protection.yaml \
	share/lessons/de/tlb.yaml \
	share/lessons/de/multi-level.yaml \
	share/lessons/de/huge-pages.yaml \
	share/lessons/de/lazy-allocation.yaml \
	share/lessons/de/fork-cow.yaml \
	share/lessons/de/shared-memory.yaml \
	share/lessons/de/mmap-files.yaml \
	share/lessons/de/aslr.yaml \
	share/lessons/de/overcommit-oom.yaml
