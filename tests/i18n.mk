## tests/i18n.mk: the translations under test (issue 13), included by
## Makefile.am.  tests/locale/LANG/LC_MESSAGES/vmtutor.mo is built from
## po/LANG.po for every language of po/LINGUAS, and tests/locale/xx from
## a pseudo-translation of po/vmtutor.pot (tests/pseudo-po.sh: letters
## fullwidth, 40% longer); the tests run the uninstalled program with
## VMTUTOR_LOCALEDIR=tests/locale.

# Built by make (all), not only by make check: the program run from the
# build tree reads its catalogues there (src/main.c, locale_dir).
noinst_DATA = tests/locale.stamp
tests/locale.stamp: $(srcdir)/po/LINGUAS $(wildcard $(srcdir)/po/*.po) \
		$(srcdir)/tests/pseudo-po.sh $(srcdir)/tests/pseudo.awk
	$(AM_V_GEN)rm -rf tests/locale && $(MKDIR_P) tests/locale && \
	if test "$(GMSGFMT)" != ":" && test -n "$(GMSGFMT)"; then \
	  for l in `sed -e 's/#.*//' $(srcdir)/po/LINGUAS`; do \
	    $(MKDIR_P) tests/locale/$$l/LC_MESSAGES && \
	    $(GMSGFMT) -o tests/locale/$$l/LC_MESSAGES/$(PACKAGE).mo \
	      $(srcdir)/po/$$l.po || exit 1; \
	  done; \
	  pot=$(srcdir)/po/$(PACKAGE).pot; \
	  test -f "$$pot" || pot=po/$(PACKAGE).pot; \
	  if test -f "$$pot" && command -v msgen >/dev/null 2>&1 \
	     && command -v msgfilter >/dev/null 2>&1; then \
	    $(MKDIR_P) tests/locale/xx/LC_MESSAGES && \
	    $(SHELL) $(srcdir)/tests/pseudo-po.sh "$$pot" tests/locale/xx.po && \
	    $(GMSGFMT) -o tests/locale/xx/LC_MESSAGES/$(PACKAGE).mo \
	      tests/locale/xx.po || exit 1; \
	  fi; \
	fi; \
	touch $@
clean-local: clean-local-i18n
.PHONY: clean-local-i18n
clean-local-i18n:
	rm -rf tests/locale
CLEANFILES += tests/locale.stamp
EXTRA_DIST += tests/pseudo-po.sh tests/pseudo.awk

# Every catalogue complete (msgfmt --check, no fuzzy, no untranslated);
# the translated lessons have the structure of the English ones; the
# program in German, Spanish, Chinese and the pseudo-language.
TESTS += tests/po-check.sh tests/i18n.sh
if HAVE_TMUX
TESTS += tests/screens-i18n.sh tests/screens-fit-i18n.sh
endif
EXTRA_DIST += tests/po-check.sh tests/i18n.sh tests/screens-i18n.sh \
	tests/screens-fit-i18n.sh
check_PROGRAMS += tests/check_i18n
TESTS += tests/check_i18n
tests_check_i18n_SOURCES = tests/check_i18n.c
tests_check_i18n_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_i18n_LDADD = src/libvmcore.a $(CHECK_LIBS) $(VMCORE_LIBS)

# The translators' glossaries (po/glossary-LANG.txt) go into the tarball
# with the catalogues, whatever languages there are.
dist-hook: dist-glossaries
.PHONY: dist-glossaries
dist-glossaries:
	for f in $(srcdir)/po/glossary-*.txt; do \
	  if test -f "$$f"; then cp -p "$$f" $(distdir)/po/ || exit 1; fi; \
	done
