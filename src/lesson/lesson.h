/* lesson.h: lesson mode (`vmtutor --lesson`, DESIGN.md "Lessons"): the
 * list of lessons in teaching order, the plain-lines mode, the answer
 * key and the lint.  The lessons are scenario files with a `lesson:`
 * block (scenario-lesson.h) in the directory named by $VMTUTOR_LESSONDIR,
 * else ./share/lessons (a source tree), else PKGDATADIR/lessons; the
 * directory's order.txt gives the order.  Translations live in LANG/
 * under it; progress always uses the English names. */
#ifndef VMTUTOR_LESSON_H
#define VMTUTOR_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/scenario.h"
#include "lesson/progress.h"

struct lesson_entry
{
  char *name;            /* the file name without .yaml */
  char *file;            /* path */
  char *title;           /* NULL if the file does not load */
  unsigned minutes;
  size_t ncps;           /* checkpoints */
};

struct lesson_list
{
  struct lesson_entry *v;
  size_t n;
};

/* The directory of the lessons (the English originals; DIR/LANG/ holds
 * the translations, under the same file names). */
const char *lesson_dir (void);
/* The file of lesson NAME of DIR in the user's language: DIR/LANG/NAME.yaml
 * for the first language of LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as
 * gettext chooses, "es_ES.UTF-8" trying es_ES then es) that has one, else
 * DIR/NAME.yaml.  When NOTICE is not NULL, *NOTICE is a newly allocated
 * one-line notice (translated) if the user's language has lessons but not
 * this one, else NULL.  Newly allocated. */
char *lesson_localize (const char *dir, const char *name, char **notice);
/* The notice of lesson_localize for lesson FILE (a file of lesson_dir ()
 * shown in English while the user's language has lessons), or NULL. */
char *lesson_notice (const char *file);
/* Every lesson, in teaching order.  Never fails (an empty list). */
void lesson_list_load (struct lesson_list *l);
void lesson_list_free (struct lesson_list *l);
/* The file of lesson NAME, or NAME itself if it names a file (contains a
 * '/' or ends in .yaml); newly allocated, NULL if there is none. */
char *lesson_find (const char *name);
/* The progress name of lesson FILE (its base name without .yaml). */
char *lesson_name_of (const char *file);

/* "new", "started" or "done", and the checkpoints solved, of lesson E. */
const char *lesson_status (const struct progress *p,
                           const struct lesson_entry *e, size_t *solved);

/* `--lesson --list`: NAME TAB MINUTES TAB STATUS TAB TITLE lines. */
int lesson_print_list (void);
/* `--lesson=NAME --plain`: exit status. */
int lesson_plain (const char *file);
/* `--lesson=NAME --key`: the stops and the computed answers. */
int lesson_key (const char *file);
/* Replay every checkpoint of SC (loaded from FILE); report each one the
 * engine cannot answer, or answers ambiguously, as FILE:LINE: message on
 * stderr.  True if all are fine. */
bool lesson_lint (const struct scenario *sc, const char *file);

/* The first way TRANSLATION (a translated lesson) differs in structure
 * from ORIGINAL (its English file), as "TRANSLATION:LINE:COL: message",
 * or a load error; NULL when only the human text differs.  Newly
 * allocated. */
char *lesson_drift (const char *original, const char *translation);

#endif
