## man/local.mk: manual pages.
dist_man_MANS += man/vmtutor.1
