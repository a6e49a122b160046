/* progress.h: where the student is in every lesson, kept in
 * $XDG_STATE_HOME/vmtutor/progress (default ~/.local/state/vmtutor/):
 * a small plain-text file, written atomically (temporary file, fsync,
 * rename).  A missing file is a fresh start; an unreadable or corrupt one
 * gives a warning and a fresh start, and a corrupt one is kept aside
 * (renamed to progress.corrupt) rather than overwritten.
 *
 * The file:
 *   vmtutor-progress 1
 *   lesson NAME POSITION started|done
 *   checkpoint NAME ID solved|revealed|wrong
 * NAME and ID are words of 1 to 64 letters, digits, '-', '_' and '.';
 * a lesson whose name is not such a word is not recorded. */
#ifndef VMTUTOR_PROGRESS_H
#define VMTUTOR_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cp_status
{
  CP_NONE,      /* not answered yet */
  CP_SOLVED,    /* answered right (with or without the hint) */
  CP_REVEALED,  /* the student asked for the answer */
  CP_WRONG      /* answered wrong, then shown the answer */
};

struct progress_lesson
{
  char *name;
  uint64_t pos;          /* ticks done: where to resume */
  bool done;
};

struct progress_cp
{
  char *lesson, *id;
  enum cp_status status;
};

struct progress
{
  char *path;            /* NULL: nowhere to save (no HOME) */
  struct progress_lesson *lessons;
  size_t nlessons;
  struct progress_cp *cps;
  size_t ncps;
  bool warned;           /* a save failed and was reported */
};

/* Read the progress file (warnings on stderr; never fails). */
struct progress *progress_load (void);
void progress_free (struct progress *p);
/* Write P atomically; on failure warn once and return false. */
bool progress_save (struct progress *p);

/* The record of lesson NAME, NULL if none (created when CREATE). */
struct progress_lesson *progress_lesson (struct progress *p,
                                         const char *name, bool create);
enum cp_status progress_cp (const struct progress *p, const char *lesson,
                            const char *id);
void progress_cp_set (struct progress *p, const char *lesson,
                      const char *id, enum cp_status st);
/* Forget lesson NAME (position and checkpoints). */
void progress_reset_lesson (struct progress *p, const char *name);
/* Forget everything. */
void progress_reset_all (struct progress *p);
/* The word for ST in the file ("solved", ...). */
const char *progress_status_name (enum cp_status st);

#endif
