## share/lessons/zh_CN/local.mk: the lessons in Simplified Chinese (issue 13),
## one file per English lesson, same structure.
lessons_zh_CNdir = $(pkgdatadir)/lessons/zh_CN
dist_lessons_zh_CN_DATA = \
	share/lessons/zh_CN/memory-cells.yaml \
	share/lessons/zh_CN/address-spaces.yaml \
	share/lessons/zh_CN/pages-frames.yaml \
	share/lessons/zh_CN/translation.yaml \
	share/lessons/zh_CN/page-faults.yaml \
	share/lessons/zh_CN/swap.yaml \
	share/lessons/zh_CN/replacement.yaml \
	share/lessons/zh_CN/thrashing.yaml \
	share/lessons/zh_CN/protection.yaml \
	share/lessons/zh_CN/tlb.yaml \
	share/lessons/zh_CN/multi-level.yaml \
	share/lessons/zh_CN/huge-pages.yaml \
	share/lessons/zh_CN/lazy-allocation.yaml \
	share/lessons/zh_CN/fork-cow.yaml \
	share/lessons/zh_CN/shared-memory.yaml \
	share/lessons/zh_CN/mmap-files.yaml \
	share/lessons/zh_CN/aslr.yaml \
	share/lessons/zh_CN/overcommit-oom.yaml
