/* screen.c: the terminal.  Starting curses, and the one restore path that
 * every exit takes: quitting, die() (through die_hook), and the signals
 * SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, whose handler
 * writes the reset sequences with write(2) and tcsetattr(3) (both
 * async-signal-safe), then hands the signal to the previous handler (so
 * AddressSanitizer still reports) or to the default action.  SIGCONT
 * (after Ctrl-Z and fg) turns the keypad mode back on at once. */
#include "system.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <term.h>

#include "ui/ui.h"
#include "util.h"

static volatile sig_atomic_t screen_active;
static struct termios saved_tio;
static bool have_tio;
/* The reset sequences, prepared before curses starts. */
static char reset_seq[256];
static size_t reset_len;
/* What SIGCONT writes: keypad transmit mode back on (smkx).  After Ctrl-Z
   and fg, ncurses turns it on again only at the next key it reads, so
   the first arrow keys would arrive in the wrong mode and be lost. */
static char cont_seq[64];
static size_t cont_len;

static const int fatal_signals[] = {
  SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL
};
static struct sigaction old_actions[ARRAY_SIZE (fatal_signals)];

static void
append_cap (const char *name)
{
  char *s = tigetstr ((char *) name);
  if (s == NULL || s == (char *) -1)
    return;
  size_t n = strlen (s);
  if (reset_len + n < sizeof reset_seq)
    {
      memcpy (reset_seq + reset_len, s, n);
      reset_len += n;
    }
}

static void
append_str (const char *s)
{
  size_t n = strlen (s);
  if (reset_len + n < sizeof reset_seq)
    {
      memcpy (reset_seq + reset_len, s, n);
      reset_len += n;
    }
}

static void
signal_handler (int sig)
{
  if (screen_active)
    {
      ssize_t r = write (STDOUT_FILENO, reset_seq, reset_len);
      (void) r;
      if (have_tio)
        tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_tio);
      screen_active = 0;
    }
  for (size_t i = 0; i < ARRAY_SIZE (fatal_signals); i++)
    if (fatal_signals[i] == sig)
      {
        sigaction (sig, &old_actions[i], NULL);
        break;
      }
  /* A handler that would return (ncurses' own, or one that ignores) is
     not good enough: make sure the signal ends the program. */
  struct sigaction cur;
  sigaction (sig, NULL, &cur);
  if (!(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_IGN)
    signal (sig, SIG_DFL);
  raise (sig);
}

static void
cont_handler (int sig)
{
  (void) sig;
  if (screen_active && cont_len > 0)
    {
      ssize_t r = write (STDOUT_FILENO, cont_seq, cont_len);
      (void) r;
    }
}

void
ui_restore (void)
{
  if (!screen_active)
    return;
  screen_active = 0;
  endwin ();
  fflush (stdout);
  if (have_tio)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_tio);
}

static void
install_signals (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = signal_handler;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND | SA_NODEFER;
  for (size_t i = 0; i < ARRAY_SIZE (fatal_signals); i++)
    {
      struct sigaction old;
      sigaction (fatal_signals[i], &sa, &old);
      /* ncurses installs handlers for SIGINT/SIGTERM that would swallow
         the signal; hand those on to the default action instead. */
      if (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN
          && !(old.sa_flags & SA_SIGINFO)
          && (fatal_signals[i] == SIGINT || fatal_signals[i] == SIGTERM
              || fatal_signals[i] == SIGHUP || fatal_signals[i] == SIGQUIT))
        {
          memset (&old, 0, sizeof old);
          old.sa_handler = SIG_DFL;
        }
      old_actions[i] = old;
    }
  /* SA_RESTART: a getch waiting for a key keeps waiting. */
  sa.sa_handler = cont_handler;
  sa.sa_flags = SA_RESTART;
  sigaction (SIGCONT, &sa, NULL);
}

void
screen_init (struct ui *u)
{
  const char *nc = getenv ("NO_COLOR");

  if (tcgetattr (STDIN_FILENO, &saved_tio) == 0)
    have_tio = true;
  /* The screen checks (VMTUTOR_BENCH=check) read the screen back from
     curses: nothing needs to reach the terminal. */
  FILE *out = stdout;
  const char *bench = getenv ("VMTUTOR_BENCH");
  if (bench && strcmp (bench, "check") == 0)
    out = fopen ("/dev/null", "w");
  if (!out || !newterm (NULL, out, stdin))
    die (2, _("cannot start the screen on this terminal (TERM=%s)"),
         getenv ("TERM") ? getenv ("TERM") : "");
  screen_active = 1;
  die_hook = ui_restore;
  /* ncurses 6.4 flushes its output buffer after every cursor movement of
     an update (one write(2) each, hundreds a frame) until the screen has
     come back once from endwin(); leave and come back before anything
     is drawn, so that an update is written in one go. */
  endwin ();
  doupdate ();

  /* What the signal handler writes: leave the alternate screen, normal
     attributes, cursor visible, keypad and mouse reporting off. */
  append_cap ("sgr0");
  append_cap ("rmcup");
  append_cap ("cnorm");
  append_cap ("rmkx");
  append_str ("\033[?1000l\033[?1002l\033[?1006l\r\n");
  {
    char *smkx = tigetstr ((char *) "smkx");
    if (smkx && smkx != (char *) -1 && strlen (smkx) < sizeof cont_seq)
      {
        cont_len = strlen (smkx);
        memcpy (cont_seq, smkx, cont_len);
      }
  }
  install_signals ();

  cbreak ();
  noecho ();
  nonl ();
  intrflush (stdscr, FALSE);
  keypad (stdscr, TRUE);
  set_escdelay (25);
  curs_set (0);
  mousemask (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED, NULL);
  mouseinterval (0);

  switch (u->opt->color)
    {
    case COLOR_ALWAYS: u->color = true; break;
    case COLOR_NEVER: u->color = false; break;
    case COLOR_AUTO:
    default: u->color = !(nc && *nc); break;
    }
  colors_init (u);
}
