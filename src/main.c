/* main.c: option parsing and dispatch to the batch, check and
 * interactive modes.  Nothing else lives here. */
#include "system.h"

#include <getopt.h>
#include <stdarg.h>
#include <locale.h>
#include <limits.h>
#include <unistd.h>

#include "budget.h"
#include "numparse.h"
#include "options.h"
#include "util.h"

enum
{
  OPT_BATCH = 256, OPT_FORMAT, OPT_QUIET, OPT_REFS, OPT_TRACE, OPT_TRACE_FORMAT,
  OPT_POLICY, OPT_FRAMES, OPT_PAGE_SIZE, OPT_VA_BITS, OPT_LEVELS, OPT_TLB,
  OPT_TLB_POLICY, OPT_SWAP, OPT_SEED, OPT_CHECK, OPT_COLOR, OPT_PROJECT,
  OPT_THEME, OPT_HELP, OPT_VERSION, OPT_QUIZ, OPT_STUDENT, OPT_RESULTS,
  OPT_PLAIN, OPT_KEY, OPT_GRADE, OPT_VARIANTS, OPT_EXPORT, OPT_BACKING,
  OPT_EXPLAIN, OPT_MAX_MEMORY, OPT_LESSON, OPT_LIST, OPT_RESET, OPT_SWEEP,
  OPT_PID, OPT_SELF, OPT_TICK, OPT_TAU, OPT_COMPARE
};

static const struct option long_options[] = {
  { "batch", no_argument, NULL, OPT_BATCH },
  { "format", required_argument, NULL, OPT_FORMAT },
  { "quiet", no_argument, NULL, OPT_QUIET },
  { "refs", required_argument, NULL, OPT_REFS },
  { "trace", required_argument, NULL, OPT_TRACE },
  { "trace-format", required_argument, NULL, OPT_TRACE_FORMAT },
  { "backing", required_argument, NULL, OPT_BACKING },
  { "explain", no_argument, NULL, OPT_EXPLAIN },
  { "policy", required_argument, NULL, OPT_POLICY },
  { "frames", required_argument, NULL, OPT_FRAMES },
  { "page-size", required_argument, NULL, OPT_PAGE_SIZE },
  { "va-bits", required_argument, NULL, OPT_VA_BITS },
  { "levels", required_argument, NULL, OPT_LEVELS },
  { "tlb", required_argument, NULL, OPT_TLB },
  { "tlb-policy", required_argument, NULL, OPT_TLB_POLICY },
  { "swap", required_argument, NULL, OPT_SWAP },
  { "seed", required_argument, NULL, OPT_SEED },
  { "max-memory", required_argument, NULL, OPT_MAX_MEMORY },
  { "check", no_argument, NULL, OPT_CHECK },
  { "color", required_argument, NULL, OPT_COLOR },
  { "colour", required_argument, NULL, OPT_COLOR },
  { "project", no_argument, NULL, OPT_PROJECT },
  { "compare", required_argument, NULL, OPT_COMPARE },
  { "theme", required_argument, NULL, OPT_THEME },
  { "quiz", required_argument, NULL, OPT_QUIZ },
  { "student", required_argument, NULL, OPT_STUDENT },
  { "results", required_argument, NULL, OPT_RESULTS },
  { "plain", no_argument, NULL, OPT_PLAIN },
  { "key", no_argument, NULL, OPT_KEY },
  { "grade", no_argument, NULL, OPT_GRADE },
  { "variants", required_argument, NULL, OPT_VARIANTS },
  { "export", required_argument, NULL, OPT_EXPORT },
  { "lesson", optional_argument, NULL, OPT_LESSON },
  { "list", no_argument, NULL, OPT_LIST },
  { "reset", no_argument, NULL, OPT_RESET },
  { "sweep", required_argument, NULL, OPT_SWEEP },
  { "pid", required_argument, NULL, OPT_PID },
  { "self", no_argument, NULL, OPT_SELF },
  { "tick", required_argument, NULL, OPT_TICK },
  { "tau", required_argument, NULL, OPT_TAU },
  { "help", no_argument, NULL, OPT_HELP },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 }
};

static void usage_error (const char *fmt, ...)
  __attribute__ ((noreturn, format (printf, 1, 2)));

static void
usage_error (const char *fmt, ...)
{
  va_list ap;
  fprintf (stderr, "%s: ", program_name);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  fprintf (stderr, _("Try '%s --help' for more information.\n"), program_name);
  exit (2);
}

static void
print_help (void)
{
  printf (_("Usage: %s [OPTION]... [SCENARIO.yaml]\n"
            "  or:  %s --batch [--format=text|json] [--quiet] SOURCE [MACHINE OPTION]...\n"
            "  or:  %s --check SCENARIO.yaml|QUIZ.yaml...\n"),
          program_name, program_name, program_name);
  printf (_("  or:  %s --quiz=QUIZ.yaml --student=ID [--results=FILE] [--plain]\n"
            "  or:  %s --quiz=QUIZ.yaml --key --student=ID|--variants=N"
            " [--format=F]\n"
            "  or:  %s --grade --quiz=QUIZ.yaml [--format=csv|json] RESULTS...\n"
            "  or:  %s --quiz=QUIZ.yaml --export=gift|moodle-xml"
            " [--variants=N]\n"),
          program_name, program_name, program_name, program_name);
  printf (_("  or:  %s --lesson[=NAME|FILE] [--plain]\n"
            "  or:  %s --lesson --list\n"), program_name, program_name);
  fputs (_("Show virtual memory at work, one memory access at a time.\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Modes:\n"
           "      --batch              run without the screen and print each access\n"
           "      --check              validate scenario or quiz files without running them\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Quizzes (see vmtutor-quiz(5)):\n"
           "      --quiz=FILE          take the quiz FILE (with --student)\n"
           "      --student=ID         the student: 1 to 64 of A-Z a-z 0-9 . _ @ -\n"
           "      --results=FILE       where the answers are kept (default:\n"
           "                             QUIZID-STUDENT.results.json)\n"
           "      --plain              plain lines instead of the screen\n"
           "      --key                print the answer key of a student's variant\n"
           "      --variants=N         N variants (for --key and --export)\n"
           "      --grade              regrade results files into a gradebook\n"
           "      --export=FORMAT      'gift' or 'moodle-xml' for a course site\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Lessons (see vmtutor(1), LESSONS):\n"
           "      --lesson[=NAME]      the lessons, or lesson NAME (or FILE);\n"
           "                             with --plain as lines, --key its answers,\n"
           "                             --check replays its checkpoints\n"
           "      --list               with --lesson: NAME MINUTES STATUS TITLE lines\n"
           "      --reset              with --lesson: forget the progress of lesson\n"
           "                             NAME, or of all lessons (asks first)\n"),
         stdout);
  fputs ("\n", stdout);
  fputs (_("Batch output:\n"
           "      --format=FORMAT      'text' (default) or 'json' (one object per line);\n"
           "                             --grade: 'csv' (default) or 'json'\n"
           "      --quiet              print only the summary\n"
           "      --format=grid        (--batch) the textbook grid of a refs or trace run\n"
           "      --sweep=MIN-MAX      (--batch) faults for every frame count from MIN\n"
           "                             to MAX, for each policy of --policy=P1,P2,...\n"
           "                             (default fifo,lru,clock,opt); text, json, csv\n"
           "      --pid=PID, --self    (--batch) the address space of a real process:\n"
           "                             regions, VSZ, RSS, resident pages\n"
           "      --explain            text: the narration under each access\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Sources (instead of a scenario file):\n"
           "      --refs=LIST          virtual page numbers, e.g. 7,0,1,2 (append 'w'\n"
           "                             for a write: 3w); --refs=@FILE reads the\n"
           "                             list from FILE\n"
           "      --trace=FILE         a trace file ('-' for standard input)\n"
           "      --trace-format=FMT   auto (default), pages, addr or lackey\n"
           "      --backing=KIND       store (default: every page starts on the\n"
           "                             backing store, every fault is major) or\n"
           "                             zero (anonymous demand-zero memory)\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Machine (these override the scenario's):\n"
           "      --policy=NAME        fifo, lru, clock, opt, random, sc-dirty,\n"
           "                             second-chance, mru, lfu, mfu, nfu, aging, nru,\n"
           "                             2q, wsclock or ws (working set)\n"
           "      --tick=N             nfu, aging, nru: accesses per clock tick (4)\n"
           "      --tau=N              wsclock, ws: the working-set window in accesses (8)\n"
           "      --frames=N           physical frames\n"
           "      --page-size=BYTES    page size, a power of two (4096, 4KiB, 2MiB)\n"
           "      --va-bits=N          virtual address bits (8 to 64)\n"
           "      --levels=W1,W2,...   page-table level widths in bits, top first\n"
           "      --tlb=ENTRIES[,WAYS] a TLB (fully associative without WAYS)\n"
           "      --tlb-policy=NAME    lru (default), fifo or random\n"
           "      --swap=SLOTS         swap slots (default: unbounded)\n"
           "      --seed=N             seed for random choices\n"), stdout);
  fputs (_("      --max-memory=SIZE    memory for the machine's own data: page tables,\n"
           "                           frames, opt's future, history (default 1GiB)\n"),
         stdout);
  fputs ("\n", stdout);
  fputs (_("Display:\n"
           "      --color=WHEN         auto (default), always or never\n"
           "      --theme=THEME        dark (default) or light\n"
           "      --project            projection mode: large and high contrast\n"
           "      --compare=P1,...     the compare view's policies, 1 to 4\n"
           "                             (default fifo,lru,clock,opt)\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("      --help               display this help and exit\n"
           "      --version            output version information and exit\n"), stdout);
  fputs ("\n", stdout);
  fputs (_("Exit status: 0 success; 1 an 'expect' of the scenario did not hold;\n"
           "2 bad usage or bad input.\n"), stdout);
  fputs ("\n", stdout);
  printf (_("Examples:\n"
            "  %s scenarios/thrashing.yaml\n"
            "  %s --batch --refs=1,2,3,4,1,2,5,1,2,3,4,5 --policy=fifo --frames=3\n"
            "  %s --quiz=practice.yaml --student=ada\n"),
          program_name, program_name, program_name);
  fputs ("\n", stdout);
  printf (_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

static void
print_version (void)
{
  printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  fputs ("Copyright (C) 2026 the vmtutor authors.\n", stdout);
  fputs (_("License GPLv3+: GNU GPL version 3 or later "
           "<https://gnu.org/licenses/gpl.html>\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

static uint64_t
opt_number (const char *opt, const char *arg, uint64_t min, uint64_t max)
{
  uint64_t v;
  if (!parse_u64 (arg, &v) || v < min || v > max)
    {
      fprintf (stderr, _("%s: invalid value '%s' for %s (expected a number "
                         "from %llu to %llu)\n"),
               program_name, arg, opt, (unsigned long long) min,
               (unsigned long long) max);
      fprintf (stderr, _("Try '%s --help' for more information.\n"), program_name);
      exit (2);
    }
  return v;
}

static void
parse_levels (struct machine_opts *m, const char *arg)
{
  const char *p = arg;
  m->levels = 0;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma ? (size_t) (comma - p) : strlen (p);
      uint64_t w;
      if (m->levels == VM_MAX_LEVELS || !parse_u64n (p, len, &w) || w < 1 || w > 60)
        usage_error (_("invalid --levels '%s' (expected 1 to 6 widths in bits, "
                       "e.g. 10,10)"), arg);
      m->level_bits[m->levels++] = (unsigned) w;
      if (!comma)
        break;
      p = comma + 1;
    }
  m->has_levels = true;
}

static void
parse_tlb (struct machine_opts *m, const char *arg)
{
  const char *comma = strchr (arg, ',');
  uint64_t e, w = 0;
  size_t len = comma ? (size_t) (comma - arg) : strlen (arg);
  if (!parse_u64n (arg, len, &e) || e > VM_MAX_TLB
      || (comma && (!parse_u64 (comma + 1, &w) || w < 1 || (e && e % w))))
    usage_error (_("invalid --tlb '%s' (expected ENTRIES[,WAYS], at most 4096 "
                   "entries, WAYS dividing ENTRIES)"), arg);
  m->has_tlb = true;
  m->tlb_entries = (uint32_t) e;
  m->tlb_ways = (uint32_t) w;
}

/* The language the environment names (LC_ALL, else LC_MESSAGES, else
   LANG), or NULL for none, "C" or "POSIX"; *EXPLICIT_C is set when
   LC_ALL or LC_MESSAGES asks for "C" or "POSIX" (untranslated output,
   as gettext has it). */
static const char *
env_language (bool *explicit_c)
{
  static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
  *explicit_c = false;
  for (size_t i = 0; i < ARRAY_SIZE (vars); i++)
    {
      const char *v = getenv (vars[i]);
      if (v && *v)
        {
          bool c = strcmp (v, "C") == 0 || strcmp (v, "POSIX") == 0
                   || strncmp (v, "C.", 2) == 0;
          *explicit_c = c && i < 2;
          return c ? NULL : v;
        }
    }
  return NULL;
}

/* True when LANGUAGE asks for a language other than English. */
static bool
language_asked (void)
{
  const char *l = getenv ("LANGUAGE");
  return l && *l && strncmp (l, "en", 2) != 0 && strcmp (l, "C") != 0;
}

/* Set the locale from the environment, and the message catalogues from
   LOCALEDIR or $VMTUTOR_LOCALEDIR.  gettext ignores LANGUAGE when the
   locale is "C" or "POSIX" (nothing set, or a locale that is not
   installed): when a language is asked for all the same, use C.UTF-8
   (UTF-8 text, the language from LANGUAGE), and when the language came
   from a locale that is not installed, set LANGUAGE to it.  LC_ALL or
   LC_MESSAGES set to "C" or "POSIX" still means untranslated. */
#if ENABLE_NLS
/* Where the catalogues are: VMTUTOR_LOCALEDIR; else, for the program run
   from its build tree (not installed), the catalogues make built there
   (tests/locale, from the po files), so that LANGUAGE=de ./src/vmtutor speaks
   German before make install; else the installed ones.  */
static const char *
locale_dir (void)
{
  const char *dir = getenv ("VMTUTOR_LOCALEDIR");
  if (dir && *dir)
    return dir;
#if defined BUILD_LOCALEDIR && defined BUILD_PROGRAM
  {
    static char self[PATH_MAX], built[PATH_MAX];
    ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
    if (n > 0)
      {
        self[n] = '\0';
        if (realpath (BUILD_PROGRAM, built) && strcmp (self, built) == 0
            && access (BUILD_LOCALEDIR, R_OK) == 0)
          return BUILD_LOCALEDIR;
      }
  }
#endif
  return LOCALEDIR;
}
#endif

static void
locale_init (void)
{
  const char *loc = setlocale (LC_ALL, "");
  bool explicit_c;
  const char *want = env_language (&explicit_c);
  bool is_c = !loc || strcmp (loc, "C") == 0 || strcmp (loc, "POSIX") == 0;

  if (!loc && want)
    {
      /* Not installed.  Keep what can be kept (LC_CTYPE alone, say).  */
      setlocale (LC_ALL, "C");
    }
  if (is_c && !explicit_c && (language_asked () || want)
      && (setlocale (LC_ALL, "C.UTF-8") || setlocale (LC_ALL, "C.utf8")))
    {
      if (!language_asked () && want)
        {
          /* "de_DE.UTF-8@euro" -> "de_DE" */
          char lang[32];
          size_t n = strcspn (want, ".@");
          if (n < sizeof lang)
            {
              memcpy (lang, want, n);
              lang[n] = '\0';
              setenv ("LANGUAGE", lang, 1);
            }
        }
    }
#if ENABLE_NLS
  bindtextdomain (PACKAGE, locale_dir ());
  textdomain (PACKAGE);
#endif
}

int
main (int argc, char **argv)
{
  struct options o;
  int c;

  memset (&o, 0, sizeof o);
  o.trace_format = "auto";
  locale_init ();

  while ((c = getopt_long (argc, argv, "", long_options, NULL)) != -1)
    {
      struct machine_opts *m = &o.machine;
      switch (c)
        {
        case OPT_BATCH: o.mode = MODE_BATCH; break;
        case OPT_CHECK: o.mode = MODE_CHECK; break;
        case OPT_FORMAT:
          if (strcmp (optarg, "text") == 0)
            o.format = FORMAT_TEXT;
          else if (strcmp (optarg, "json") == 0)
            o.format = FORMAT_JSON;
          else if (strcmp (optarg, "csv") == 0)
            o.format = FORMAT_CSV;
          else if (strcmp (optarg, "grid") == 0)
            o.format = FORMAT_GRID;
          else
            usage_error (_("invalid --format '%s' (expected text, json, "
                           "csv or grid)"), optarg);
          o.has_format = true;
          break;
        case OPT_QUIZ: o.quiz = optarg; break;
        case OPT_STUDENT: o.student = optarg; break;
        case OPT_RESULTS: o.results = optarg; break;
        case OPT_PLAIN: o.plain = true; break;
        case OPT_LESSON: o.lesson = true; o.lesson_name = optarg; break;
        case OPT_LIST: o.list = true; break;
        case OPT_RESET: o.reset = true; break;
        case OPT_KEY: o.mode = MODE_KEY; break;
        case OPT_GRADE: o.mode = MODE_GRADE; break;
        case OPT_VARIANTS:
          o.variants = (unsigned) opt_number ("--variants", optarg, 1, 10000);
          break;
        case OPT_EXPORT:
          if (strcmp (optarg, "gift") == 0)
            o.export_format = FORMAT_GIFT;
          else if (strcmp (optarg, "moodle-xml") == 0)
            o.export_format = FORMAT_MOODLE_XML;
          else
            usage_error (_("invalid --export '%s' (expected gift or "
                           "moodle-xml)"), optarg);
          o.mode = MODE_EXPORT;
          break;
        case OPT_QUIET: o.quiet = true; break;
        case OPT_EXPLAIN: o.explain = true; break;
        case OPT_BACKING:
          if (strcmp (optarg, "store") == 0)
            o.backing_zero = false;
          else if (strcmp (optarg, "zero") == 0)
            o.backing_zero = true;
          else
            usage_error (_("invalid --backing '%s' (expected store or zero)"),
                         optarg);
          break;
        case OPT_REFS: o.refs = optarg; break;
        case OPT_TRACE: o.trace = optarg; break;
        case OPT_TRACE_FORMAT:
          if (strcmp (optarg, "auto") && strcmp (optarg, "pages")
              && strcmp (optarg, "addr") && strcmp (optarg, "lackey"))
            usage_error (_("invalid --trace-format '%s' (expected auto, pages, "
                           "addr or lackey)"), optarg);
          o.trace_format = optarg;
          break;
        case OPT_SWEEP: o.sweep = optarg; break;
        case OPT_PID:
          o.pid = (long) opt_number ("--pid", optarg, 1, 0x7fffffff);
          break;
        case OPT_SELF: o.self = true; break;
        case OPT_POLICY:
          {
            int p = strchr (optarg, ',') ? 0 : vm_policy_parse (optarg);
            o.policies = optarg;
            if (p < 0)
              usage_error (_("invalid --policy '%s' (expected fifo, lru, clock, "
                             "opt, random, sc-dirty, second-chance, mru, lfu, "
                             "mfu, nfu, aging, nru, 2q, wsclock or ws)"), optarg);
            m->has_policy = true;
            m->policy = (enum vm_policy) p;
          }
          break;
        case OPT_FRAMES:
          m->has_frames = true;
          m->frames = (uint32_t) opt_number ("--frames", optarg, 1, VM_MAX_FRAMES);
          break;
        case OPT_PAGE_SIZE:
          if (!parse_size (optarg, &m->page_size) || m->page_size < 16
              || m->page_size > (1ull << 30) || (m->page_size & (m->page_size - 1)))
            usage_error (_("invalid --page-size '%s' (expected a power of two "
                           "from 16 to 1GiB)"), optarg);
          m->has_page_size = true;
          break;
        case OPT_VA_BITS:
          m->has_va_bits = true;
          m->va_bits = (unsigned) opt_number ("--va-bits", optarg, 8, 64);
          break;
        case OPT_LEVELS: parse_levels (m, optarg); break;
        case OPT_TLB: parse_tlb (m, optarg); break;
        case OPT_TLB_POLICY:
          {
            int p = vm_tlb_policy_parse (optarg);
            if (p < 0)
              usage_error (_("invalid --tlb-policy '%s' (expected lru, fifo or "
                             "random)"), optarg);
            m->has_tlb_policy = true;
            m->tlb_policy = (enum vm_tlb_policy) p;
          }
          break;
        case OPT_SWAP:
          m->has_swap = true;
          m->swap_slots = (uint32_t) opt_number ("--swap", optarg, 0, 1u << 28);
          break;
        case OPT_TICK:
          m->has_tick = true;
          m->tick = (uint32_t) opt_number ("--tick", optarg, 1, 1u << 30);
          break;
        case OPT_TAU:
          m->has_tau = true;
          m->tau = (uint32_t) opt_number ("--tau", optarg, 0, 1u << 30);
          break;
        case OPT_SEED:
          m->has_seed = true;
          m->seed = opt_number ("--seed", optarg, 0, UINT64_MAX);
          break;
        case OPT_COLOR:
          if (strcmp (optarg, "auto") == 0)
            o.color = COLOR_AUTO;
          else if (strcmp (optarg, "always") == 0)
            o.color = COLOR_ALWAYS;
          else if (strcmp (optarg, "never") == 0)
            o.color = COLOR_NEVER;
          else
            usage_error (_("invalid --color '%s' (expected auto, always or never)"),
                         optarg);
          break;
        case OPT_PROJECT: o.project = true; break;
        case OPT_COMPARE:
          {
            char *list = xstrdup (optarg), *save = NULL;
            o.ncompare = 0;
            for (char *w = strtok_r (list, ",", &save); w;
                 w = strtok_r (NULL, ",", &save))
              {
                int p = vm_policy_parse (w);
                if (p < 0)
                  usage_error (_("invalid --compare policy '%s' (expected "
                                 "fifo, lru, clock, opt, random, sc-dirty, "
                                 "second-chance, mru, lfu, mfu, nfu, aging, "
                                 "nru, 2q, wsclock or ws)"), w);
                if (o.ncompare == 4)
                  usage_error ("%s", _("--compare takes at most 4 "
                                       "policies"));
                o.compare[o.ncompare++] = (enum vm_policy) p;
              }
            free (list);
            if (!o.ncompare)
              usage_error ("%s", _("--compare needs a policy"));
          }
          break;
        case OPT_THEME:
          if (strcmp (optarg, "light") == 0)
            o.light = true;
          else if (strcmp (optarg, "dark") == 0)
            o.light = false;
          else
            usage_error (_("invalid --theme '%s' (expected dark or light)"), optarg);
          break;
        case OPT_MAX_MEMORY:
          {
            uint64_t v;
            if (!parse_size (optarg, &v) || v < (1ULL << 20))
              usage_error (_("invalid --max-memory '%s' (expected a size of at "
                             "least 1MiB, e.g. 512MiB or 4GiB)"), optarg);
            budget_set_limit (v);
          }
          break;
        case OPT_HELP: print_help (); return 0;
        case OPT_VERSION: print_version (); return 0;
        default:
          fprintf (stderr, _("Try '%s --help' for more information.\n"), program_name);
          return 2;
        }
    }
  o.nfiles = argc - optind;
  o.files = argv + optind;

  if (o.refs && o.trace)
    usage_error ("%s", _("--refs and --trace cannot be used together"));
  if ((o.refs || o.trace) && o.nfiles > 0)
    usage_error ("%s", _("give either a scenario file or --refs/--trace, not both"));

  if (o.quiz && o.mode == MODE_UI)
    o.mode = MODE_QUIZ;
  if ((o.list || o.reset) && !o.lesson)
    usage_error ("%s", _("--list and --reset go with --lesson"));
  if (o.lesson && (o.mode == MODE_UI || o.mode == MODE_KEY
                   || o.mode == MODE_CHECK) && !o.quiz)
    return lesson_main (&o);
  if (o.format == FORMAT_CSV && o.mode != MODE_GRADE && !o.sweep)
    usage_error ("%s", _("--format=csv is only for --grade and --sweep"));
  if (o.format == FORMAT_GRID && (o.mode != MODE_BATCH || o.sweep))
    usage_error ("%s", _("--format=grid is only for --batch without --sweep"));
  if ((o.pid || o.self) && (o.mode != MODE_BATCH || o.refs || o.trace
                            || o.nfiles > 0 || o.sweep || (o.pid && o.self)
                            || o.format == FORMAT_GRID))
    usage_error ("%s", _("--pid=PID or --self goes with --batch "
                         "[--format=text|json] and nothing else"));
  if (o.sweep && o.mode != MODE_BATCH)
    usage_error ("%s", _("--sweep is only for --batch"));
  if (o.policies && strchr (o.policies, ',') && !o.sweep)
    usage_error ("%s", _("a list of policies is only for --sweep"));

  /* JSON is for scripts: its words ("why" included) and, with it, the
     messages on standard error are English in every language. */
  if (o.format == FORMAT_JSON)
    setlocale (LC_MESSAGES, "C");

  switch (o.mode)
    {
    case MODE_QUIZ: case MODE_KEY: case MODE_GRADE: case MODE_EXPORT:
      return quiz_main (&o);
    case MODE_BATCH: return batch_main (&o);
    case MODE_CHECK: return check_main (&o);
    case MODE_UI: default: return ui_main (&o);
    }
}
