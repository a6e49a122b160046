## man/local.mk: manual pages.
dist_man_MANS += man/vmtutor.1
dist_man_MANS += man/vmtutor-scenario.5
dist_man_MANS += man/vmtutor-quiz.5
