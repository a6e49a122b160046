## bench/local.mk: included by Makefile.am.
