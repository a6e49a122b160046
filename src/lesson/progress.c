/* progress.c: the progress file (see progress.h). */
#include "system.h"

#include <ctype.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "numparse.h"
#include "lesson/progress.h"

#define PROGRESS_MAX_BYTES (1u << 20)
#define PROGRESS_MAGIC "vmtutor-progress 1"

static const char *const status_names[] = {
  "none", "solved", "revealed", "wrong"
};

const char *
progress_status_name (enum cp_status st)
{
  return status_names[st];
}

/* Whether S is a NAME or ID word. */
static bool
word_ok (const char *s)
{
  size_t n = strlen (s);
  if (n == 0 || n > 64)
    return false;
  for (; *s; s++)
    if (!(isalnum ((unsigned char) *s) || *s == '-' || *s == '_'
          || *s == '.'))
      return false;
  return true;
}

/* The file's name, its directory created; NULL if there is no HOME. */
static char *
progress_path (void)
{
  const char *x = getenv ("XDG_STATE_HOME");
  const char *home = getenv ("HOME");
  char *dir, *base, *path;

  if (x && x[0] == '/')
    base = xstrdup (x);
  else if (home && home[0])
    base = xasprintf ("%s/.local/state", home);
  else
    return NULL;
  dir = xasprintf ("%s/vmtutor", base);
  /* Make the parents too (~/.local/state may not exist).  */
  for (char *s = dir + 1; *s; s++)
    if (*s == '/')
      {
        *s = '\0';
        mkdir (dir, 0700);
        *s = '/';
      }
  mkdir (dir, 0700);
  path = xasprintf ("%s/progress", dir);
  free (dir);
  free (base);
  return path;
}

struct progress_lesson *
progress_lesson (struct progress *p, const char *name, bool create)
{
  for (size_t i = 0; i < p->nlessons; i++)
    if (strcmp (p->lessons[i].name, name) == 0)
      return &p->lessons[i];
  if (!create)
    return NULL;
  p->lessons = xreallocarray (p->lessons, p->nlessons + 1,
                              sizeof *p->lessons);
  memset (&p->lessons[p->nlessons], 0, sizeof *p->lessons);
  p->lessons[p->nlessons].name = xstrdup (name);
  return &p->lessons[p->nlessons++];
}

enum cp_status
progress_cp (const struct progress *p, const char *lesson, const char *id)
{
  for (size_t i = 0; i < p->ncps; i++)
    if (strcmp (p->cps[i].lesson, lesson) == 0
        && strcmp (p->cps[i].id, id) == 0)
      return p->cps[i].status;
  return CP_NONE;
}

void
progress_cp_set (struct progress *p, const char *lesson, const char *id,
                 enum cp_status st)
{
  for (size_t i = 0; i < p->ncps; i++)
    if (strcmp (p->cps[i].lesson, lesson) == 0
        && strcmp (p->cps[i].id, id) == 0)
      {
        p->cps[i].status = st;
        return;
      }
  p->cps = xreallocarray (p->cps, p->ncps + 1, sizeof *p->cps);
  p->cps[p->ncps].lesson = xstrdup (lesson);
  p->cps[p->ncps].id = xstrdup (id);
  p->cps[p->ncps].status = st;
  p->ncps++;
}

void
progress_reset_lesson (struct progress *p, const char *name)
{
  size_t k = 0;
  for (size_t i = 0; i < p->ncps; i++)
    if (strcmp (p->cps[i].lesson, name) == 0)
      {
        free (p->cps[i].lesson);
        free (p->cps[i].id);
      }
    else
      p->cps[k++] = p->cps[i];
  p->ncps = k;
  k = 0;
  for (size_t i = 0; i < p->nlessons; i++)
    if (strcmp (p->lessons[i].name, name) == 0)
      free (p->lessons[i].name);
    else
      p->lessons[k++] = p->lessons[i];
  p->nlessons = k;
}

void
progress_reset_all (struct progress *p)
{
  for (size_t i = 0; i < p->nlessons; i++)
    free (p->lessons[i].name);
  p->nlessons = 0;
  for (size_t i = 0; i < p->ncps; i++)
    {
      free (p->cps[i].lesson);
      free (p->cps[i].id);
    }
  p->ncps = 0;
}

/* Parse the file's TEXT into P; false if it is not a progress file. */
static bool
parse (struct progress *p, char *text)
{
  char *save = NULL;
  char *line = strtok_r (text, "\n", &save);

  if (!line || strcmp (line, PROGRESS_MAGIC) != 0)
    return false;
  while ((line = strtok_r (NULL, "\n", &save)))
    {
      char *f[5];
      int n = 0;
      char *s2 = NULL;
      for (char *w = strtok_r (line, " ", &s2); w; w = strtok_r (NULL, " ",
                                                                &s2))
        {
          if (n == 4)
            return false;
          f[n++] = w;
        }
      if (n == 4 && strcmp (f[0], "lesson") == 0)
        {
          uint64_t pos;
          struct progress_lesson *l;
          if (!word_ok (f[1]) || !parse_u64 (f[2], &pos)
              || (strcmp (f[3], "started") != 0
                  && strcmp (f[3], "done") != 0))
            return false;
          l = progress_lesson (p, f[1], true);
          l->pos = pos;
          l->done = strcmp (f[3], "done") == 0;
        }
      else if (n == 4 && strcmp (f[0], "checkpoint") == 0)
        {
          int st = -1;
          for (int i = CP_SOLVED; i <= CP_WRONG; i++)
            if (strcmp (f[3], status_names[i]) == 0)
              st = i;
          if (st < 0 || !word_ok (f[1]) || !word_ok (f[2]))
            return false;
          progress_cp_set (p, f[1], f[2], (enum cp_status) st);
        }
      else
        return false;
    }
  return true;
}

struct progress *
progress_load (void)
{
  struct progress *p = xcalloc (1, sizeof *p);
  FILE *f;
  char *buf;
  size_t len;

  p->path = progress_path ();
  if (!p->path)
    return p;
  f = fopen (p->path, "r");
  if (!f)
    {
      if (errno != ENOENT)
        warn_msg (_("%s: cannot read the progress file (%s); starting "
                    "afresh"), p->path, strerror (errno));
      return p;
    }
  buf = xmalloc (PROGRESS_MAX_BYTES + 1);
  len = fread (buf, 1, PROGRESS_MAX_BYTES + 1, f);
  if (ferror (f))
    {
      warn_msg (_("%s: cannot read the progress file (%s); starting "
                  "afresh"), p->path, strerror (errno));
      len = 0;
    }
  else
    {
      buf[len > PROGRESS_MAX_BYTES ? PROGRESS_MAX_BYTES : len] = '\0';
      if (len > PROGRESS_MAX_BYTES || memchr (buf, '\0', len)
          || !parse (p, buf))
        {
          char *aside = xasprintf ("%s.corrupt", p->path);
          progress_reset_all (p);
          if (rename (p->path, aside) == 0)
            warn_msg (_("%s: not a progress file; kept as %s, starting "
                        "afresh"), p->path, aside);
          else
            {
              warn_msg (_("%s: not a progress file, and it cannot be kept "
                          "aside (%s); progress will not be saved"),
                        p->path, strerror (errno));
              free (p->path);
              p->path = NULL;
            }
          free (aside);
        }
    }
  fclose (f);
  free (buf);
  return p;
}

void
progress_free (struct progress *p)
{
  if (!p)
    return;
  progress_reset_all (p);
  free (p->lessons);
  free (p->cps);
  free (p->path);
  free (p);
}

static bool
write_all (int fd, const char *buf, size_t len)
{
  while (len > 0)
    {
      ssize_t w = write (fd, buf, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return false;
      buf += w;
      len -= (size_t) w;
    }
  return true;
}

bool
progress_save (struct progress *p)
{
  char *text, *tmp;
  size_t len = 0, cap = 256;
  int fd, e = 0;

  if (!p->path)
    return false;
  text = xmalloc (cap);
  len = (size_t) snprintf (text, cap, "%s\n", PROGRESS_MAGIC);
  for (size_t i = 0; i < p->nlessons + p->ncps; i++)
    {
      char *line;
      /* A lesson whose file name is no NAME word (a space, a long name)
         is not recorded, so the file stays readable.  */
      if (i < p->nlessons ? !word_ok (p->lessons[i].name)
          : !word_ok (p->cps[i - p->nlessons].lesson))
        continue;
      if (i < p->nlessons)
        line = xasprintf ("lesson %s %llu %s\n", p->lessons[i].name,
                          (unsigned long long) p->lessons[i].pos,
                          p->lessons[i].done ? "done" : "started");
      else
        {
          const struct progress_cp *c = &p->cps[i - p->nlessons];
          if (c->status == CP_NONE)
            continue;
          line = xasprintf ("checkpoint %s %s %s\n", c->lesson, c->id,
                            status_names[c->status]);
        }
      while (len + strlen (line) + 1 > cap)
        cap *= 2;
      text = xrealloc (text, cap);
      memcpy (text + len, line, strlen (line) + 1);
      len += strlen (line);
      free (line);
    }
  tmp = xasprintf ("%s.tmpXXXXXX", p->path);
  fd = mkstemp (tmp);
  if (fd < 0)
    e = errno;
  else
    {
      if (!write_all (fd, text, len) || fsync (fd) != 0)
        e = errno ? errno : EIO;
      if (close (fd) != 0 && !e)
        e = errno;
      if (!e && rename (tmp, p->path) != 0)
        e = errno;
      if (e)
        unlink (tmp);
    }
  if (e && !p->warned)
    {
      warn_msg (_("%s: cannot save progress: %s"), p->path, strerror (e));
      p->warned = true;
    }
  free (tmp);
  free (text);
  return e == 0;
}
