/* check_question.c: Check tests of the question module (src/question/).
 *
 * Every generator is checked over thousands of seeds against a
 * computation written here, independently of the engine: a reference
 * replacement simulator, translation with shifts and masks, a TLB
 * simulation, the EAT and size formulas.  The variant's `data` (what a
 * student sees) is the only input of those computations.  Then: the
 * PRNG's published values, determinism, answer reading, partial credit,
 * the grid's carry-forward, misconception naming and parse errors. */
#include <config.h>

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "question/question.h"
#include "question/question-internal.h"
#include "scenario/yaml-tree.h"
#include "engine/vm.h"

#include "policy-model.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])
#define SEEDS 3000

static const char *const extra[] = { "points", NULL };

/* A spec from YAML text, named NAME (for relative scenario paths). */
static struct q_spec *
spec_named (const char *name, const char *yaml)
{
  char *err = NULL;
  struct ynode *root = ytree_parse (name, (const unsigned char *) yaml,
                                    strlen (yaml), &err);
  struct q_spec *s;

  ck_assert_msg (root != NULL, "yaml: %s", err ? err : "?");
  s = q_spec_parse (name, root, extra, &err);
  ck_assert_msg (s != NULL, "spec: %s", err ? err : "?");
  ytree_free (root);
  return s;
}

static struct q_spec *
spec (const char *yaml)
{
  return spec_named ("t.yaml", yaml);
}

/* The error of parsing YAML as a spec (must fail); newly allocated. */
static char *
spec_error (const char *yaml)
{
  char *err = NULL;
  struct ynode *root = ytree_parse ("t.yaml", (const unsigned char *) yaml,
                                    strlen (yaml), &err);
  struct q_spec *s;

  ck_assert_msg (root != NULL, "yaml: %s", err ? err : "?");
  s = q_spec_parse ("t.yaml", root, extra, &err);
  ck_assert_msg (s == NULL, "expected an error for: %s", yaml);
  ytree_free (root);
  return err;
}

static struct q_variant *
gen (const struct q_spec *s, uint64_t seed)
{
  char *err = NULL;
  struct q_variant *v = q_generate (s, seed, &err);
  ck_assert_msg (v != NULL, "generate: %s", err ? err : "?");
  return v;
}

static double
score (const struct q_variant *v, const char *given)
{
  struct q_result r;
  double x;
  q_check (v, given, &r);
  x = r.score;
  q_result_free (&r);
  return x;
}

/* The feedback to GIVEN; newly allocated. */
static char *
feedback (const struct q_variant *v, const char *given, double *sc)
{
  struct q_result r;
  q_check (v, given, &r);
  if (sc)
    *sc = r.score;
  return r.feedback;
}

static int64_t
jint (json_object *o, const char *key)
{
  json_object *x;
  ck_assert_msg (json_object_object_get_ex (o, key, &x), "no key %s", key);
  return json_object_get_int64 (x);
}

static const char *
jstr (json_object *o, const char *key)
{
  json_object *x;
  ck_assert_msg (json_object_object_get_ex (o, key, &x), "no key %s", key);
  return json_object_get_string (x);
}

static json_object *
jget (json_object *o, const char *key)
{
  json_object *x;
  ck_assert_msg (json_object_object_get_ex (o, key, &x), "no key %s", key);
  return x;
}

/* The typed answer always gets full marks. */
static void
assert_typed_full (const struct q_variant *v)
{
  double s = score (v, v->typed);
  ck_assert_msg (s == 1.0, "typed '%s' scored %g for:\n%s", v->typed, s,
                 v->prompt);
}

/* ------------------------------------------------------------- PRNG */

START_TEST (test_rng)
{
  /* splitmix64 from seed 1234567 (the values published with the
     reference implementation). */
  static const uint64_t want[] = {
    6457827717110365317ull, 3203168211198807973ull, 9817491932198370423ull,
    4593380528125082431ull, 16408922859458223821ull
  };
  struct q_rng r;
  unsigned seen[7] = { 0 };

  q_rng_init (&r, 1234567);
  for (size_t i = 0; i < NELEM (want); i++)
    ck_assert_uint_eq (q_rng_next (&r), want[i]);
  for (int i = 0; i < 7000; i++)
    {
      uint64_t x = q_rng_below (&r, 7);
      ck_assert_uint_lt (x, 7);
      seen[x]++;
    }
  for (int i = 0; i < 7; i++)
    ck_assert_uint_gt (seen[i], 800);
  for (int i = 0; i < 1000; i++)
    {
      uint64_t x = q_rng_range (&r, 10, 12);
      double u = q_rng_unit (&r);
      ck_assert (x >= 10 && x <= 12);
      ck_assert (u >= 0 && u < 1);
    }
  ck_assert_uint_eq (q_rng_below (&r, 0), 0);
}
END_TEST

START_TEST (test_seed)
{
  unsigned char h1[32] = { 1 }, h2[32] = { 2 };
  uint64_t a = q_rng_seed (h1, 32, 7, "alice", 1);

  ck_assert_uint_eq (a, q_rng_seed (h1, 32, 7, "alice", 1));
  ck_assert_uint_ne (a, q_rng_seed (h2, 32, 7, "alice", 1));
  ck_assert_uint_ne (a, q_rng_seed (h1, 32, 8, "alice", 1));
  ck_assert_uint_ne (a, q_rng_seed (h1, 32, 7, "alicf", 1));
  ck_assert_uint_ne (a, q_rng_seed (h1, 32, 7, "alice", 2));
  ck_assert_uint_ne (q_rng_seed (h1, 32, 7, "ab", 1),
                     q_rng_seed (h1, 32, 7, "a", 1));
  ck_assert_uint_ne (q_rng_seed (h1, 32, 7, "", 1),
                     q_rng_seed (h1, 31, 7, "", 1));
  ck_assert_int_eq (QUESTION_GENERATOR_VERSION, 1);
}
END_TEST

/* --------------------------------------------------- replacement ref */

/* The reference simulator: DESIGN.md's four policies, written afresh.
 * GRID[i][f] after reference i; returns the faults; VICTIM[i] or -1. */
static unsigned
ref_sim (const char *policy, unsigned nf, const int64_t *refs, size_t n,
         int64_t grid[][8], int64_t *victim)
{
  int64_t page[8];
  size_t loaded[8], used[8];
  bool bit[8];
  unsigned hand = 0, faults = 0;

  for (unsigned f = 0; f < nf; f++)
    page[f] = -1, bit[f] = false, loaded[f] = used[f] = 0;
  for (size_t i = 0; i < n; i++)
    {
      unsigned f, v = 0;
      victim[i] = -1;
      for (f = 0; f < nf && page[f] != refs[i]; f++)
        ;
      if (f < nf)
        {
          used[f] = i;
          bit[f] = true;
        }
      else
        {
          faults++;
          for (f = 0; f < nf && page[f] != -1; f++)
            ;
          if (f == nf)
            {
              if (strcmp (policy, "fifo") == 0)
                for (unsigned g = 1; g < nf; g++)
                  v = loaded[g] < loaded[v] ? g : v;
              else if (strcmp (policy, "lru") == 0)
                for (unsigned g = 1; g < nf; g++)
                  v = used[g] < used[v] ? g : v;
              else if (strcmp (policy, "opt") == 0)
                {
                  size_t best = 0;
                  for (unsigned g = 0; g < nf; g++)
                    {
                      size_t k;
                      for (k = i + 1; k < n && refs[k] != page[g]; k++)
                        ;
                      if (g == 0 || k > best)
                        best = k, v = g;
                    }
                }
              else
                {
                  while (bit[hand])
                    {
                      bit[hand] = false;
                      hand = (hand + 1) % nf;
                    }
                  v = hand;
                  hand = (hand + 1) % nf;
                }
              victim[i] = page[v];
              f = v;
            }
          page[f] = refs[i];
          loaded[f] = used[f] = i;
          bit[f] = true;
        }
      for (unsigned g = 0; g < nf; g++)
        grid[i][g] = page[g];
    }
  return faults;
}

/* JSON page (number or null) equals P (-1 = empty). */
static bool
jpage_is (json_object *o, int64_t p)
{
  if (p < 0)
    return o == NULL;
  return o != NULL && json_object_get_int64 (o) == p;
}

START_TEST (test_replacement_reference)
{
  struct q_spec *s = spec ("kind: replacement\n"
                           "policy: [fifo, lru, clock, opt]\n"
                           "frames: 1-5\nlength: 5-24\npages: 0-9\n"
                           "locality: 0-1\n"
                           "ask: [faults, hits, victim, frames, grid]\n"
                           "points: 2\n");
  unsigned asked[5] = { 0 };

  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      const char *pol = jstr (v->data, "policy");
      unsigned nf = (unsigned) jint (v->data, "frames");
      json_object *jr = jget (v->data, "refs");
      const char *ask = jstr (v->data, "ask");
      size_t n = json_object_array_length (jr);
      int64_t refs[40], grid[40][8], victim[40];
      unsigned faults;

      ck_assert_uint_le (n, 40);
      for (size_t i = 0; i < n; i++)
        refs[i] = json_object_get_int64 (json_object_array_get_idx (jr, i));
      faults = ref_sim (pol, nf, refs, n, grid, victim);
      if (strcmp (ask, "faults") == 0)
        {
          asked[0]++;
          ck_assert_int_eq (json_object_get_int (v->answer), (int) faults);
        }
      else if (strcmp (ask, "hits") == 0)
        {
          asked[1]++;
          ck_assert_int_eq (json_object_get_int (v->answer),
                            (int) (n - faults));
        }
      else if (strcmp (ask, "victim") == 0)
        {
          size_t at = (size_t) jint (v->data, "at") - 1;
          asked[2]++;
          ck_assert_int_ge (victim[at], 0);
          ck_assert_int_eq (json_object_get_int64 (v->answer), victim[at]);
        }
      else if (strcmp (ask, "frames") == 0)
        {
          size_t at = (size_t) jint (v->data, "at") - 1;
          asked[3]++;
          ck_assert_uint_eq (json_object_array_length (v->answer), nf);
          for (unsigned f = 0; f < nf; f++)
            ck_assert (jpage_is (json_object_array_get_idx (v->answer, f),
                                 grid[at][f]));
        }
      else
        {
          asked[4]++;
          ck_assert_str_eq (ask, "grid");
          ck_assert_uint_eq (json_object_array_length (v->answer), nf);
          for (unsigned f = 0; f < nf; f++)
            {
              json_object *row = json_object_array_get_idx (v->answer, f);
              ck_assert_uint_eq (json_object_array_length (row), n);
              for (size_t i = 0; i < n; i++)
                ck_assert (jpage_is (json_object_array_get_idx (row, i),
                                     grid[i][f]));
            }
          /* Any policy: a slip in the last column costs one cell. */
          {
            char t[1200];
            size_t k = 0;
            unsigned f = (unsigned) (seed % nf);
            for (unsigned g = 0; g < nf; g++)
              {
                for (size_t i = 0; i < n; i++)
                  {
                    int64_t c = g == f && i == n - 1 ? 99 : grid[i][g];
                    k += (size_t) (c < 0
                                   ? snprintf (t + k, sizeof t - k, " -")
                                   : snprintf (t + k, sizeof t - k, " %lld",
                                               (long long) c));
                  }
                k += (size_t) snprintf (t + k, sizeof t - k, ";");
              }
            ck_assert (fabs (score (v, t) - (double) (nf * n - 1) / (nf * n))
                       < 1e-12);
          }
        }
      assert_typed_full (v);
      q_variant_free (v);
    }
  for (int k = 0; k < 5; k++)
    ck_assert_uint_gt (asked[k], SEEDS / 10);
  q_spec_free (s);
}
END_TEST

/* The policies of policy-more.c: every answer (the engine's) equals the
 * reference model of tests/policy-model.h (written from vmtutor(1)'s
 * rules, shared with check_policy_more), over SEEDS variants of drawn
 * strings, frame counts, ticks and windows; a slip in the grid's last
 * column costs one cell. */
START_TEST (test_replacement_more_policies)
{
  struct q_spec *s = spec ("kind: replacement\n"
                           "policy: [second-chance, mru, lfu, mfu, nfu, "
                           "aging, nru, 2q, wsclock, ws]\n"
                           "frames: 1-5\nlength: 5-24\npages: 0-9\n"
                           "locality: 0-1\ntick: 1-5\ntau: 0-6\n"
                           "ask: [faults, hits, victim, frames, grid]\n"
                           "points: 2\n");
  unsigned asked[5] = { 0 }, per_policy[VM_POLICY_COUNT] = { 0 };

  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      int pol = vm_policy_parse (jstr (v->data, "policy"));
      unsigned nf = (unsigned) jint (v->data, "frames");
      json_object *jr = jget (v->data, "refs"), *x;
      const char *ask = jstr (v->data, "ask");
      size_t n = json_object_array_length (jr);
      unsigned tick = json_object_object_get_ex (v->data, "tick", &x)
                      ? (unsigned) json_object_get_int (x) : 4;
      unsigned tau = json_object_object_get_ex (v->data, "tau", &x)
                     ? (unsigned) json_object_get_int (x) : 4;
      long grid[40][8], victim[40];
      unsigned left[40], faults;
      struct model m;
      struct ws_model w;

      ck_assert_int_ge (pol, 0);
      ck_assert_uint_le (n, 40);
      per_policy[pol]++;
      memset (&m, 0, sizeof m);
      m.p = (enum vm_policy) pol;
      m.nf = nf;
      m.tick = tick;
      m.tau = tau;
      ws_init (&w, nf, tau);
      for (size_t i = 0; i < n; i++)
        {
          long page = (long) json_object_get_int64
                        (json_object_array_get_idx (jr, i));
          if (pol == VM_POLICY_WS)
            {
              bool hit;
              left[i] = ws_access (&w, i, page, &victim[i], &hit);
              for (unsigned f = 0; f < nf; f++)
                grid[i][f] = w.page[f];
            }
          else
            {
              victim[i] = model_access (&m, i, page, false);
              left[i] = victim[i] >= 0;
              for (unsigned f = 0; f < nf; f++)
                grid[i][f] = f < m.used ? m.page[f] : -1;
            }
        }
      faults = pol == VM_POLICY_WS ? w.faults : m.faults;
      if (strcmp (ask, "faults") == 0)
        {
          asked[0]++;
          ck_assert_int_eq (json_object_get_int (v->answer), (int) faults);
        }
      else if (strcmp (ask, "hits") == 0)
        {
          asked[1]++;
          ck_assert_int_eq (json_object_get_int (v->answer),
                            (int) (n - faults));
        }
      else if (strcmp (ask, "victim") == 0)
        {
          size_t at = (size_t) jint (v->data, "at") - 1;
          asked[2]++;
          ck_assert_uint_eq (left[at], 1);
          ck_assert_int_eq (json_object_get_int64 (v->answer), victim[at]);
        }
      else if (strcmp (ask, "frames") == 0)
        {
          size_t at = (size_t) jint (v->data, "at") - 1;
          asked[3]++;
          ck_assert_uint_eq (json_object_array_length (v->answer), nf);
          for (unsigned f = 0; f < nf; f++)
            ck_assert (jpage_is (json_object_array_get_idx (v->answer, f),
                                 grid[at][f]));
        }
      else
        {
          char t[1200];
          size_t k = 0;
          unsigned slip = (unsigned) (seed % nf);
          asked[4]++;
          ck_assert_uint_eq (json_object_array_length (v->answer), nf);
          for (unsigned f = 0; f < nf; f++)
            {
              json_object *row = json_object_array_get_idx (v->answer, f);
              ck_assert_uint_eq (json_object_array_length (row), n);
              for (size_t i = 0; i < n; i++)
                ck_assert_msg (jpage_is (json_object_array_get_idx (row, i),
                                         grid[i][f]),
                               "%s seed %llu: frame %u after %zu",
                               vm_policy_name ((enum vm_policy) pol),
                               (unsigned long long) seed, f, i);
            }
          for (unsigned g = 0; g < nf; g++)
            {
              for (size_t i = 0; i < n; i++)
                {
                  long c = g == slip && i == n - 1 ? 99 : grid[i][g];
                  k += (size_t) (c < 0
                                 ? snprintf (t + k, sizeof t - k, " -")
                                 : snprintf (t + k, sizeof t - k, " %ld", c));
                }
              k += (size_t) snprintf (t + k, sizeof t - k, ";");
            }
          ck_assert (fabs (score (v, t) - (double) (nf * n - 1) / (nf * n))
                     < 1e-12);
        }
      assert_typed_full (v);
      q_variant_free (v);
    }
  for (int k = 0; k < 5; k++)
    ck_assert_uint_gt (asked[k], SEEDS / 10);
  for (int p = VM_POLICY_SECOND_CHANCE; p < VM_POLICY_COUNT; p++)
    ck_assert_uint_gt (per_policy[p], SEEDS / 20);
  q_spec_free (s);
}
END_TEST

/* Silberschatz's string: FIFO 15 faults, LRU 12, OPT 9 with 3 frames. */
#define SILB "7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1"

START_TEST (test_replacement_textbook)
{
  static const struct { const char *pol; int faults; } t[] = {
    { "fifo", 15 }, { "lru", 12 }, { "opt", 9 }
  };
  for (size_t i = 0; i < NELEM (t); i++)
    {
      char yaml[200];
      struct q_spec *s;
      struct q_variant *v;
      snprintf (yaml, sizeof yaml, "kind: replacement\npolicy: %s\n"
                "frames: 3\nrefs: \"" SILB "\"\n", t[i].pol);
      s = spec (yaml);
      v = gen (s, 1);
      ck_assert_int_eq (json_object_get_int (v->answer), t[i].faults);
      q_variant_free (v);
      q_spec_free (s);
    }
}
END_TEST

START_TEST (test_replacement_misconceptions)
{
  struct q_spec *s = spec ("kind: replacement\npolicy: fifo\nframes: 3\n"
                           "refs: [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1,"
                           " 2, 0, 1, 7, 0, 1]\n");
  struct q_variant *v = gen (s, 1);
  double sc;
  char *fb;

  ck_assert (score (v, "15") == 1);
  ck_assert (score (v, " 15.0 ") == 1);
  ck_assert (score (v, "0xf") == 1);
  fb = feedback (v, "12", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "LRU") && strstr (fb, "FIFO"), "%s", fb);
  free (fb);
  fb = feedback (v, "5", &sc); /* the hits */
  ck_assert_msg (strstr (fb, "hits"), "%s", fb);
  free (fb);
  fb = feedback (v, "12 ", &sc);
  ck_assert_msg (strstr (fb, "that is what LRU would give")
                 || strstr (fb, "That is what LRU would give"), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);

  /* The victim at reference 6 (page 3): FIFO evicts 0; from FIFO's frames
     {2, 0, 1} LRU would evict 1 and OPT 1... OPT's next uses: 2 at 9, 0
     at 7, 1 at 14: OPT evicts 1 too; LRU is named first. */
  s = spec ("kind: replacement\npolicy: fifo\nframes: 3\nask: victim\n"
            "at: 6\nrefs: \"" SILB "\"\n");
  v = gen (s, 1);
  ck_assert_int_eq (json_object_get_int (v->answer), 0);
  ck_assert (score (v, "0") == 1);
  fb = feedback (v, "1", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "That is what LRU would evict; this is FIFO"),
                 "%s", fb);
  free (fb);
  fb = feedback (v, "4", &sc);
  ck_assert_msg (strstr (fb, "not in memory"), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);

  /* A whole grid of another policy is named. */
  s = spec ("kind: replacement\npolicy: lru\nframes: 3\nask: grid\n"
            "refs: \"1 2 3 4 1 2 5 1 2 3 4 5\"\n");
  v = gen (s, 1);
  {
    struct q_spec *f = spec ("kind: replacement\npolicy: fifo\nframes: 3\n"
                             "ask: grid\nrefs: \"1 2 3 4 1 2 5 1 2 3 4 5\"\n");
    struct q_variant *fv = gen (f, 1);
    fb = feedback (v, fv->typed, &sc);
    ck_assert (sc < 1);
    ck_assert_msg (strstr (fb, "That is what FIFO would give; this is LRU"),
                   "%s", fb);
    free (fb);
    q_variant_free (fv);
    q_spec_free (f);
  }
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* Carry-forward: one slip in a grid costs one cell. */
START_TEST (test_grid_carry_forward)
{
  struct q_spec *s = spec ("kind: replacement\npolicy: lru\nframes: 3\n"
                           "ask: grid\nrefs: \"" SILB "\"\n");
  struct q_variant *v = gen (s, 1);
  int64_t refs[20], grid[20][8], victim[20], page[3];
  char buf[1000];
  size_t len = 0, n = 20, slip = 4; /* reference 5 (page 0) is a hit */
  unsigned differ = 0;

  {
    const char *p = SILB;
    for (size_t i = 0; i < n; i++)
      refs[i] = strtoll (p, (char **) &p, 10);
  }
  ref_sim ("lru", 3, refs, n, grid, victim);
  ck_assert_int_eq (grid[slip][1], 0);
  /* The student writes 9 for page 0 in frame 1 at reference 5, then goes
     on correctly from there (LRU over their own frames: 9 is never used,
     so it is evicted first). */
  for (unsigned f = 0; f < 3; f++)
    page[f] = grid[slip][f];
  page[1] = 9;
  int64_t student[20][3];
  for (size_t i = 0; i < n; i++)
    {
      if (i <= slip)
        {
          for (unsigned f = 0; f < 3; f++)
            student[i][f] = i == slip ? page[f] : grid[i][f];
          continue;
        }
      unsigned f;
      for (f = 0; f < 3 && page[f] != refs[i]; f++)
        ;
      if (f == 3)
        {
          long best = 0, bu = 0;
          for (unsigned g = 0; g < 3; g++)
            {
              long u = -1;
              for (size_t k = 0; k < i; k++)
                if (refs[k] == page[g])
                  u = (long) k;
              if (g == 0 || u < bu)
                bu = u, best = g;
            }
          page[best] = refs[i];
        }
      for (unsigned g = 0; g < 3; g++)
        student[i][g] = page[g];
    }
  for (unsigned f = 0; f < 3; f++)
    {
      for (size_t i = 0; i < n; i++)
        {
          if (student[i][f] < 0)
            len += (size_t) snprintf (buf + len, sizeof buf - len, "%s-",
                                      i ? "," : "");
          else
            len += (size_t) snprintf (buf + len, sizeof buf - len, "%s%lld",
                                      i ? "," : "",
                                      (long long) student[i][f]);
          differ += student[i][f] != grid[i][f];
        }
      len += (size_t) snprintf (buf + len, sizeof buf - len, "\n");
    }
  /* Without carry-forward more than one cell would be wrong. */
  ck_assert_uint_gt (differ, 1);
  {
    double sc;
    char *fb = feedback (v, buf, &sc);
    ck_assert_msg (fabs (sc - 59.0 / 60.0) < 1e-12, "score %g: %s", sc, fb);
    ck_assert_msg (strstr (fb, "59 of 60"), "%s", fb);
    ck_assert_msg (strstr (fb, "your own earlier columns"), "%s", fb);
    free (fb);
  }
  /* One wrong cell in the last column: exactly one cell lost too. */
  {
    char *t = strdup (v->typed);
    char *last = strrchr (t, ' ');
    double sc;
    last[1] = last[1] == '9' ? '8' : '9';
    last[2] = '\0';
    sc = score (v, t);
    ck_assert_msg (fabs (sc - 59.0 / 60.0) < 1e-12, "score %g", sc);
    free (t);
  }
  /* Rows with commas, '|' between rows, '.' for empty: the same grid. */
  {
    char t[1000];
    size_t k = 0;
    for (const char *p = v->typed; *p; p++)
      t[k++] = *p == ';' ? '|' : *p == ' ' ? ',' : *p == '-' ? '.' : *p;
    t[k] = '\0';
    ck_assert (score (v, t) == 1);
  }
  /* A last row marking the faults, as textbooks draw it, is allowed. */
  {
    char t[1000];
    snprintf (t, sizeof t, "%s\nF F F - - F", v->typed);
    ck_assert (score (v, t) == 1);
  }
  /* Only the first row: a third of the cells. */
  {
    char t[1000];
    snprintf (t, sizeof t, "%.*s", (int) strcspn (v->typed, ";"), v->typed);
    ck_assert_msg (fabs (score (v, t) - 1.0 / 3.0) < 1e-12, "%s", t);
  }
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* Carry-forward under FIFO: a wrong victim costs the two cells of that
 * column; a student who then goes on by FIFO from their own frames loses
 * nothing more. */
START_TEST (test_grid_carry_forward_fifo)
{
  struct q_spec *s = spec ("kind: replacement\npolicy: fifo\nframes: 3\n"
                           "ask: grid\nrefs: \"" SILB "\"\n");
  struct q_variant *v = gen (s, 1);
  int64_t refs[20], grid[20][8], victim[20], page[3], student[20][3];
  size_t loaded[3], n = 20, slip = 3, len = 0;
  char buf[1000];
  unsigned differ = 0;

  {
    const char *p = SILB;
    for (size_t i = 0; i < n; i++)
      refs[i] = strtoll (p, (char **) &p, 10);
  }
  ref_sim ("fifo", 3, refs, n, grid, victim);
  /* Reference 4 (page 2) evicts 7 from frame 0; the student evicts 0
     from frame 1 instead. */
  ck_assert_int_eq (victim[slip], 7);
  ck_assert_int_eq (grid[slip - 1][1], 0);
  for (unsigned f = 0; f < 3; f++)
    page[f] = grid[slip - 1][f], loaded[f] = f;
  page[1] = refs[slip];
  loaded[1] = slip;
  for (size_t i = 0; i < n; i++)
    {
      if (i > slip)
        {
          unsigned f;
          for (f = 0; f < 3 && page[f] != refs[i]; f++)
            ;
          if (f == 3)
            {
              unsigned old = 0;
              for (unsigned g = 1; g < 3; g++)
                if (loaded[g] < loaded[old])
                  old = g;
              page[old] = refs[i];
              loaded[old] = i;
            }
        }
      for (unsigned f = 0; f < 3; f++)
        {
          student[i][f] = i < slip ? grid[i][f] : page[f];
          differ += student[i][f] != grid[i][f];
        }
    }
  for (unsigned f = 0; f < 3; f++)
    {
      for (size_t i = 0; i < n; i++)
        len += (size_t) (student[i][f] < 0
                         ? snprintf (buf + len, sizeof buf - len, " -")
                         : snprintf (buf + len, sizeof buf - len, " %lld",
                                     (long long) student[i][f]));
      len += (size_t) snprintf (buf + len, sizeof buf - len, ";");
    }
  ck_assert_uint_gt (differ, 2);
  {
    double sc;
    char *fb = feedback (v, buf, &sc);
    ck_assert_msg (fabs (sc - 58.0 / 60.0) < 1e-12, "score %g: %s", sc, fb);
    free (fb);
  }
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

START_TEST (test_frames_partial)
{
  /* FIFO, 3 frames, 1 2 3 4: after reference 4 the frames are 4 2 3. */
  struct q_spec *s = spec ("kind: replacement\npolicy: fifo\nframes: 3\n"
                           "ask: frames\nat: 4\nrefs: [1, 2, 3, 4, 1]\n");
  struct q_variant *v = gen (s, 3);

  ck_assert_str_eq (v->typed, "4 2 3");
  ck_assert (score (v, "4,2,3") == 1);
  ck_assert (score (v, "[4, 2, 3]") == 1);
  ck_assert (fabs (score (v, "4 2 9") - 2.0 / 3) < 1e-12);
  ck_assert (fabs (score (v, "1 2 3") - 2.0 / 3) < 1e-12);
  ck_assert (fabs (score (v, "4") - 1.0 / 3) < 1e-12);
  ck_assert (score (v, "") == 0);
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* ------------------------------------------------------ translation */

START_TEST (test_translate_reference)
{
  struct q_spec *s = spec ("kind: translate\nva_bits: 8-40\n"
                           "page_size: [16, 64, 256, 4K]\nlevels: 1-3\n"
                           "entries: 1-16\nmin_invalid: 0\nfault: 0.3\n"
                           "ask: [all, vpn, offset, indices, pa]\n");
  unsigned faults = 0, multi = 0;

  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      uint64_t va = (uint64_t) jint (v->data, "va");
      uint64_t page = (uint64_t) jint (v->data, "page_size");
      unsigned va_bits = (unsigned) jint (v->data, "va_bits");
      json_object *lv = jget (v->data, "levels"), *map = jget (v->data,
                                                              "mapping");
      json_object *idx = jget (v->answer, "indices"), *f, *pa;
      unsigned off = 0, sum = 0, nl = (unsigned) json_object_array_length (lv);
      uint64_t vpn, offset, rest;
      char key[32];

      while ((1ull << off) < page)
        off++;
      for (unsigned l = 0; l < nl; l++)
        sum += (unsigned) json_object_get_int (json_object_array_get_idx (lv, l));
      ck_assert_uint_eq (sum + off, va_bits);
      multi += nl > 1;
      vpn = va >> off;
      offset = va & (page - 1);
      ck_assert_uint_eq ((uint64_t) jint (v->answer, "vpn"), vpn);
      ck_assert_uint_eq ((uint64_t) jint (v->answer, "offset"), offset);
      /* indices: the low bits belong to the last level */
      rest = vpn;
      for (unsigned l = nl; l-- > 0;)
        {
          unsigned w = (unsigned) json_object_get_int (json_object_array_get_idx (lv, l));
          ck_assert_uint_eq ((uint64_t) json_object_get_int64 (json_object_array_get_idx (idx, l)),
                             rest & ((1ull << w) - 1));
          rest >>= w;
        }
      snprintf (key, sizeof key, "%llu", (unsigned long long) vpn);
      pa = jget (v->answer, "pa");
      if (!json_object_object_get_ex (map, key, &f) || f == NULL)
        {
          faults++;
          ck_assert_str_eq (json_object_get_string (pa), "fault");
        }
      else
        ck_assert_uint_eq ((uint64_t) json_object_get_int64 (pa),
                           ((uint64_t) json_object_get_int64 (f) << off)
                           | offset);
      assert_typed_full (v);
      q_variant_free (v);
    }
  ck_assert_uint_gt (faults, SEEDS / 10);
  ck_assert_uint_gt (multi, SEEDS / 10);
  q_spec_free (s);
}
END_TEST

START_TEST (test_translate_check)
{
  /* A single level, 16-bit addresses, 256-byte pages, an address that
     does not fault. */
  struct q_spec *s = spec ("kind: translate\nfault: 0\nask: pa\n");
  struct q_variant *v = gen (s, 5);
  uint64_t va = (uint64_t) jint (v->data, "va");
  uint64_t pa = (uint64_t) jint (v->answer, "pa");
  char buf[64], *fb;
  double sc;

  snprintf (buf, sizeof buf, "%llu", (unsigned long long) pa);
  ck_assert (score (v, buf) == 1);          /* decimal */
  snprintf (buf, sizeof buf, "0X%llX", (unsigned long long) pa);
  ck_assert (score (v, buf) == 1);          /* HEX */
  snprintf (buf, sizeof buf, "0x%llx", (unsigned long long) va);
  fb = feedback (v, buf, &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "virtual address"), "%s", fb);
  free (fb);
  snprintf (buf, sizeof buf, "%llu", (unsigned long long) (pa >> 8));
  fb = feedback (v, buf, &sc);
  ck_assert_msg (strstr (fb, "frame number"), "%s", fb);
  free (fb);
  fb = feedback (v, "fault", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "is valid"), "%s", fb);
  free (fb);
  fb = feedback (v, "banana", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "Could not read"), "%s", fb);
  free (fb);
  /* The student's text comes back without control bytes. */
  fb = feedback (v, "\033[2Jx\001", &sc);
  ck_assert_msg (!strchr (fb, '\033') && !strchr (fb, '\001'), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);

  /* ask all, two levels: five parts, each a fifth. */
  s = spec ("kind: translate\nlevels: 2\nfault: 1\nmin_invalid: 1\n");
  v = gen (s, 9);
  ck_assert_str_eq (jstr (v->answer, "pa"), "fault");
  {
    char t[200];
    snprintf (t, sizeof t, "%s", v->typed);
    ck_assert (strstr (t, "fault"));
    *strstr (t, "fault") = '\0';
    strcat (t, "0x1234");
    fb = feedback (v, t, &sc);
    ck_assert_msg (fabs (sc - 4.0 / 5) < 1e-12, "%g: %s", sc, fb);
    ck_assert_msg (strstr (fb, "4 of 5") && strstr (fb, "faults"), "%s", fb);
    free (fb);
  }
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* -------------------------------------------------------------- TLB */

START_TEST (test_tlb_reference)
{
  struct q_spec *s = spec ("kind: tlb\nentries: 1-6\npolicy: [lru, fifo]\n"
                           "page_size: [256, 4096]\nlength: 1-30\n"
                           "pages: 0-11\nlocality: 0-1\n"
                           "ask: [all, hits, misses, ratio]\n");

  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      unsigned n = (unsigned) jint (v->data, "entries");
      bool lru = strcmp (jstr (v->data, "policy"), "lru") == 0;
      uint64_t page = (uint64_t) jint (v->data, "page_size");
      json_object *ad = jget (v->data, "addresses");
      size_t len = json_object_array_length (ad);
      uint64_t tlb[8], stamp[8];
      unsigned used = 0, hits = 0;

      for (size_t i = 0; i < len; i++)
        {
          uint64_t vpn = (uint64_t) json_object_get_int64 (json_object_array_get_idx (ad, i)) / page;
          unsigned k;
          for (k = 0; k < used && tlb[k] != vpn; k++)
            ;
          if (k < used)
            {
              hits++;
              if (lru)
                stamp[k] = i;
              continue;
            }
          if (used < n)
            k = used++;
          else
            {
              k = 0;
              for (unsigned j = 1; j < used; j++)
                if (stamp[j] < stamp[k])
                  k = j;
            }
          tlb[k] = vpn;
          stamp[k] = i;
        }
      ck_assert_int_eq (jint (v->answer, "hits"), hits);
      ck_assert_int_eq (jint (v->answer, "misses"), (int64_t) (len - hits));
      /* Counting repeated addresses instead of pages is named. */
      if (strcmp (jstr (v->data, "ask"), "hits") == 0)
        {
          unsigned same = 0, distinct = 0;
          for (size_t i = 0; i < len; i++)
            {
              size_t k, d;
              int64_t a = json_object_get_int64 (json_object_array_get_idx (ad, i));
              for (k = 0; k < i && json_object_get_int64 (json_object_array_get_idx (ad, k)) != a; k++)
                ;
              same += k < i;
              for (d = 0; d < i && (uint64_t) json_object_get_int64 (json_object_array_get_idx (ad, d)) / page != (uint64_t) a / page; d++)
                ;
              distinct += d == i;
            }
          if (same != hits && same != len - hits && same != len - distinct)
            {
              char g[16], *fb;
              double sc;
              snprintf (g, sizeof g, "%u", same);
              fb = feedback (v, g, &sc);
              ck_assert (sc == 0);
              ck_assert_msg (strstr (fb, "whole page")
                             || strstr (fb, "would give"), "%s", fb);
              free (fb);
            }
        }
      assert_typed_full (v);
      q_variant_free (v);
    }
  q_spec_free (s);
}
END_TEST

START_TEST (test_tlb_check)
{
  struct q_spec *s = spec ("kind: tlb\nask: all\nmin_hits: 2\n");
  struct q_variant *v = gen (s, 4);
  int h = (int) jint (v->answer, "hits"), m = (int) jint (v->answer, "misses");
  char buf[64], *fb;
  double sc;

  snprintf (buf, sizeof buf, "%d, %d", h, m);
  ck_assert (score (v, buf) == 1);
  snprintf (buf, sizeof buf, "%d %d", h, m + 1);
  ck_assert (score (v, buf) == 0.5);
  snprintf (buf, sizeof buf, "%d %d", m, h);
  fb = feedback (v, buf, &sc);
  if (h != m)
    {
      ck_assert (sc == 0);
      ck_assert_msg (strstr (fb, "misses, not the hits"), "%s", fb);
    }
  free (fb);
  q_variant_free (v);
  q_spec_free (s);

  s = spec ("kind: tlb\nask: ratio\nlength: 8\nmin_hits: 1\n");
  v = gen (s, 2);
  {
    double r = json_object_get_double (jget (v->answer, "ratio"));
    int hits = (int) jint (v->answer, "hits");
    snprintf (buf, sizeof buf, "%d/8", hits);
    ck_assert (score (v, buf) == 1);
    snprintf (buf, sizeof buf, "%g%%", r * 100);
    ck_assert (score (v, buf) == 1);
    snprintf (buf, sizeof buf, "%.4f", 1 - r);
    if (r != 0.5)
      {
        fb = feedback (v, buf, &sc);
        ck_assert (sc == 0);
        ck_assert_msg (strstr (fb, "miss ratio"), "%s", fb);
        free (fb);
      }
  }
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* ------------------------------------------------------ EAT, sizes */

START_TEST (test_eat_reference)
{
  struct q_spec *s = spec ("kind: eat\n"
                           "ask: [tlb, fault, max_fault_rate, combined]\n"
                           "mem_ns: 20-200\ntlb_ns: 0-20\nlevels: 1-4\n"
                           "hit_rate: 0.5-1\nfault_rate: [0.01, 0.001, "
                           "0.0001]\nslowdown: 1-50\n"
                           "fault_ns: 201-100000\n");
  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      const char *ask = jstr (v->data, "ask");
      double mem = (double) jint (v->data, "mem_ns"), want;
      double got = json_object_get_double (v->answer);

      if (strcmp (ask, "tlb") == 0 || strcmp (ask, "combined") == 0)
        {
          double h = json_object_get_double (jget (v->data, "hit_rate"));
          double t = (double) jint (v->data, "tlb_ns");
          double l = (double) jint (v->data, "levels");
          want = h * (t + mem) + (1 - h) * (t + l * mem + mem);
          if (strcmp (ask, "combined") == 0)
            want += json_object_get_double (jget (v->data, "fault_rate"))
                    * (double) jint (v->data, "fault_ns");
        }
      else if (strcmp (ask, "fault") == 0)
        {
          double p = json_object_get_double (jget (v->data, "fault_rate"));
          want = (1 - p) * mem + p * (double) jint (v->data, "fault_ns");
        }
      else
        {
          /* the largest p with (1 - p) mem + p F <= mem (1 + s) */
          double F = (double) jint (v->data, "fault_ns");
          double sl = (double) jint (v->data, "slowdown") / 100;
          want = sl * mem / (F - mem);
          ck_assert ((1 - want) * mem + want * F <= mem * (1 + sl) * 1.000001);
        }
      ck_assert_msg (fabs (got - want) <= 1e-9 * want, "%s: %g vs %g", ask,
                     got, want);
      assert_typed_full (v);
      q_variant_free (v);
    }
  q_spec_free (s);
}
END_TEST

START_TEST (test_eat_misconceptions)
{
  /* 100 ns memory, 10 ns TLB, 2 levels, 90% hits: 10 + 90 + 0.1 x 300 =
     130 ns; without the TLB time 120. */
  struct q_spec *s = spec ("kind: eat\nask: tlb\nmem_ns: 100\ntlb_ns: 10\n"
                           "levels: 2\nhit_rate: 0.9\n");
  struct q_variant *v = gen (s, 1);
  double sc;
  char *fb;

  ck_assert_str_eq (v->typed, "130");
  ck_assert (score (v, "130.0") == 1);
  ck_assert (score (v, "130.5") == 1);      /* within 0.5% */
  ck_assert (score (v, "131") == 0);
  fb = feedback (v, "120", &sc);
  ck_assert_msg (strstr (fb, "TLB lookup"), "%s", fb);
  free (fb);
  fb = feedback (v, "120 ns", &sc);
  ck_assert_msg (strstr (fb, "TLB lookup"), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);
  /* Together: 0 + 0.99 x 100 + 0.01 x 300 + 0.001 x 10 ms = 10102 ns. */
  s = spec ("kind: eat\nask: combined\nmem_ns: 100\ntlb_ns: 0\nlevels: 2\n"
            "hit_rate: 0.99\nfault_ns: 10000000\nfault_rate: 0.001\n");
  v = gen (s, 1);
  ck_assert_str_eq (v->typed, "10102");
  fb = feedback (v, "102", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "page faults"), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

START_TEST (test_sizes_reference)
{
  struct q_spec *s = spec ("kind: sizes\nask: [offset_bits, vpn_bits, "
                           "entries, table_size, levels, tlb_reach]\n"
                           "va_bits: 16-48\npage_size: [256, 1K, 4K, 16K, "
                           "64K]\npte_size: [2, 4, 8]\ntlb_entries: 1-512\n");
  for (uint64_t seed = 0; seed < SEEDS; seed++)
    {
      struct q_variant *v = gen (s, seed);
      const char *ask = jstr (v->data, "ask");
      uint64_t va = (uint64_t) jint (v->data, "va_bits");
      uint64_t page = (uint64_t) jint (v->data, "page_size");
      uint64_t got = (uint64_t) json_object_get_int64 (v->answer), want;
      unsigned off = (unsigned) log2 ((double) page);

      if (strcmp (ask, "offset_bits") == 0)
        want = off;
      else if (strcmp (ask, "vpn_bits") == 0)
        want = va - off;
      else if (strcmp (ask, "entries") == 0)
        want = 1ull << (va - off);
      else if (strcmp (ask, "table_size") == 0)
        want = (1ull << (va - off)) * (uint64_t) jint (v->data, "pte_size");
      else if (strcmp (ask, "levels") == 0)
        {
          /* the smallest L whose one-page tables cover the VPN */
          uint64_t per = page / (uint64_t) jint (v->data, "pte_size");
          double bits = 0;
          want = 0;
          while (bits < (double) (va - off))
            bits += log2 ((double) per), want++;
        }
      else
        want = page * (uint64_t) jint (v->data, "tlb_entries");
      ck_assert_msg (got == want, "%s: %llu vs %llu", ask,
                     (unsigned long long) got, (unsigned long long) want);
      assert_typed_full (v);
      q_variant_free (v);
    }
  q_spec_free (s);
}
END_TEST

START_TEST (test_sizes_check)
{
  /* 32-bit, 4 KiB pages, 4-byte entries: a linear table is 4 MiB. */
  struct q_spec *s = spec ("kind: sizes\nask: table_size\nva_bits: 32\n"
                           "page_size: 4K\npte_size: 4\n");
  struct q_variant *v = gen (s, 1);
  double sc;
  char *fb;

  ck_assert_str_eq (v->typed, "4194304");
  ck_assert (score (v, "4 MiB") == 1);
  ck_assert (score (v, "4M") == 1);
  ck_assert (score (v, "0x400000") == 1);
  ck_assert (score (v, "4194304 bytes") == 1);
  fb = feedback (v, "1048576", &sc);
  ck_assert (sc == 0);
  ck_assert_msg (strstr (fb, "entry size"), "%s", fb);
  free (fb);
  q_variant_free (v);
  q_spec_free (s);
}
END_TEST

/* ------------------------------------------------ choice, scenario */

START_TEST (test_choice)
{
  struct q_spec *s = spec ("kind: choice\n"
                           "question: What does mlock do?\n"
                           "correct: Keeps pages resident\n"
                           "wrong:\n"
                           "  - Frees pages\n"
                           "  - { text: Makes pages read-only, why: That is "
                           "mprotect. }\n"
                           "  - Maps a file\n");
  unsigned first[4] = { 0 };

  for (uint64_t seed = 0; seed < 400; seed++)
    {
      struct q_variant *v = gen (s, seed);
      json_object *ch = jget (v->data, "choices");
      const char *a = json_object_get_string (v->answer);
      int k = a[0] - 'a';
      ck_assert_uint_eq (json_object_array_length (ch), 4);
      ck_assert_str_eq (json_object_get_string (json_object_array_get_idx (ch, k)),
                        "Keeps pages resident");
      first[k]++;
      assert_typed_full (v);
      {
        char up[4] = { (char) (a[0] - 32), ')', 0 };
        ck_assert (score (v, up) == 1);
      }
      for (int i = 0; i < 4; i++)
        {
          const char *t = json_object_get_string (json_object_array_get_idx (ch, i));
          char g[2] = { (char) ('a' + i), 0 };
          double sc;
          char *fb = feedback (v, g, &sc);
          ck_assert (sc == (i == k));
          if (strcmp (t, "Makes pages read-only") == 0)
            ck_assert_msg (strstr (fb, "mprotect"), "%s", fb);
          free (fb);
        }
      ck_assert (score (v, "e") == 0);
      q_variant_free (v);
    }
  for (int k = 0; k < 4; k++)
    ck_assert_uint_gt (first[k], 50);   /* shuffled */
  q_spec_free (s);
  {
    char *err = NULL;
    s = spec ("kind: choice\nquestion: Q\ncorrect: A\nwrong: [B, A]\n");
    ck_assert (q_generate (s, 1, &err) == NULL);
    ck_assert_msg (strstr (err, "t.yaml:4:8:"), "%s", err);
    free (err);
    q_spec_free (s);
  }
}
END_TEST

START_TEST (test_scenario_kind)
{
  static const struct { int at; const char *ask, *typed; } t[] = {
    { 4, "result", "major" }, { 4, "victim", "2" }, { 4, "frame", "1" },
    { 4, "pa", "0x110" }, { 3, "victim", "1" }, { 3, "result", "minor" },
    { 1, "victim", "none" },
  };
  char name[512];
  const char *srcdir = getenv ("top_srcdir");

  snprintf (name, sizeof name, "%s/tests/data/quiz.yaml",
            srcdir ? srcdir : ".");
  for (size_t i = 0; i < NELEM (t); i++)
    {
      char yaml[200];
      struct q_spec *s;
      struct q_variant *v;
      snprintf (yaml, sizeof yaml, "kind: scenario\n"
                "file: question-scenario.yaml\nat: %d\nask: %s\n",
                t[i].at, t[i].ask);
      s = spec_named (name, yaml);
      v = gen (s, 1);
      ck_assert_str_eq (v->typed, t[i].typed);
      ck_assert_str_eq (jstr (v->data, "scenario"), "question-scenario.yaml");
      ck_assert_int_eq (jint (v->data, "at"), t[i].at);
      assert_typed_full (v);
      q_variant_free (v);
      q_spec_free (s);
    }
  /* Without `at`: a victim question picks an access that evicts. */
  {
    struct q_spec *s = spec_named (name, "kind: scenario\n"
                                   "file: question-scenario.yaml\n"
                                   "ask: victim\n");
    for (uint64_t seed = 0; seed < 20; seed++)
      {
        struct q_variant *v = gen (s, seed);
        ck_assert (strcmp (v->typed, "1") == 0 || strcmp (v->typed, "2") == 0);
        q_variant_free (v);
      }
    q_spec_free (s);
  }
  /* Access 9 does not exist. */
  {
    struct q_spec *s = spec_named (name, "kind: scenario\n"
                                   "file: question-scenario.yaml\n"
                                   "at: 9\n");
    char *err = NULL;
    ck_assert (q_generate (s, 1, &err) == NULL);
    ck_assert_msg (strstr (err, "quiz.yaml:3:5:") && strstr (err, "at most 4"),
                   "%s", err);
    free (err);
    q_spec_free (s);
  }
}
END_TEST

START_TEST (test_scenario_value)
{
  static const struct { int at; const char *typed; } t[] = {
    { 2, "5" }, { 4, "5" }, { 5, "hi" }, { 6, "0" },
  };
  char name[512];
  const char *srcdir = getenv ("top_srcdir");

  snprintf (name, sizeof name, "%s/tests/data/quiz.yaml",
            srcdir ? srcdir : ".");
  for (size_t i = 0; i < NELEM (t); i++)
    {
      char yaml[200];
      struct q_spec *s;
      struct q_variant *v;
      snprintf (yaml, sizeof yaml, "kind: scenario\n"
                "file: question-values.yaml\nat: %d\nask: value\n", t[i].at);
      s = spec_named (name, yaml);
      v = gen (s, 1);
      ck_assert_str_eq (v->typed, t[i].typed);
      ck_assert_str_eq (jstr (v->data, "ask"), "value");
      ck_assert (strstr (v->prompt, "What value does this read return?"));
      assert_typed_full (v);
      q_variant_free (v);
      q_spec_free (s);
    }
  /* A string is answered bare or quoted, exactly; a number as a number. */
  {
    struct q_spec *s = spec_named (name, "kind: scenario\n"
                                   "file: question-values.yaml\n"
                                   "at: 5\nask: value\n");
    struct q_variant *v = gen (s, 1);
    ck_assert (score (v, "hi") == 1);
    ck_assert (score (v, " \"hi\" ") == 1);
    ck_assert (score (v, "HI") == 0);
    ck_assert (score (v, "5") == 0);
    q_variant_free (v);
    q_spec_free (s);
    s = spec_named (name, "kind: scenario\nfile: question-values.yaml\n"
                    "at: 4\nask: value\n");
    v = gen (s, 1);
    ck_assert (score (v, "5") == 1);
    ck_assert (score (v, "0x5") == 1);
    ck_assert (score (v, "7") == 0);
    q_variant_free (v);
    q_spec_free (s);
  }
  /* Without `at`: only reads are asked about. */
  {
    struct q_spec *s = spec_named (name, "kind: scenario\n"
                                   "file: question-values.yaml\n"
                                   "ask: value\n");
    for (uint64_t seed = 0; seed < 20; seed++)
      {
        struct q_variant *v = gen (s, seed);
        ck_assert_str_eq (jstr (v->data, "op"), "read");
        q_variant_free (v);
      }
    q_spec_free (s);
  }
}
END_TEST

/* ------------------------------------------- determinism, variants */

START_TEST (test_determinism)
{
  /* the kinds, and how many of 50 students at least get their own */
  static const char *const kinds[] = {
    "kind: replacement\nask: [faults, grid, victim]\npolicy: [fifo, lru]\n",
    "kind: translate\nlevels: 1-2\n",
    "kind: tlb\n",
    "kind: eat\nask: [tlb, fault]\n",
    "kind: sizes\nask: [entries, levels]\n",
  };
  static const unsigned want[] = { 40, 40, 40, 30, 10 };
  unsigned char hash[32] = { 0xab, 0xcd };

  for (size_t k = 0; k < NELEM (kinds); k++)
    {
      struct q_spec *s = spec (kinds[k]);
      char *seen[50];
      unsigned distinct = 0;
      for (int st = 0; st < 50; st++)
        {
          char id[16];
          uint64_t seed;
          struct q_variant *a, *b;
          snprintf (id, sizeof id, "s%03d", st);
          seed = q_rng_seed (hash, 32, 42, id, 1);
          a = gen (s, seed);
          b = gen (s, seed);
          ck_assert_str_eq (a->prompt, b->prompt);
          ck_assert_str_eq (a->typed, b->typed);
          ck_assert_str_eq (json_object_to_json_string (a->data),
                            json_object_to_json_string (b->data));
          ck_assert_str_eq (json_object_to_json_string (a->answer),
                            json_object_to_json_string (b->answer));
          seen[st] = strdup (json_object_to_json_string (a->data));
          {
            int j;
            for (j = 0; j < st && strcmp (seen[j], seen[st]) != 0; j++)
              ;
            distinct += j == st;
          }
          q_variant_free (a);
          q_variant_free (b);
        }
      ck_assert_msg (distinct >= want[k], "%s: %u distinct", kinds[k],
                     distinct);
      for (int st = 0; st < 50; st++)
        free (seen[st]);
      q_spec_free (s);
    }
}
END_TEST

/* Variants are pinned: the same quiz, seed and student give these
 * answers in every release with this QUESTION_GENERATOR_VERSION.  A
 * change here means a generator changed: bump the version. */
START_TEST (test_pinned_variants)
{
  static const struct { const char *spec; uint64_t seed; const char *typed; }
  t[] = {
    { "kind: replacement\nask: grid\npolicy: [fifo, lru, clock, opt]\n",
      5755188982788375735ull,
      "5 5 5 5 5 5 5 5 2 2 2 2; - - 6 6 6 6 6 0 0 0 0 0; "
      "- - - 2 2 2 7 7 7 3 3 3" },
    { "kind: replacement\nask: victim\n", 13395980765843116240ull, "5" },
    { "kind: translate\nlevels: 2\nva_bits: 20\n", 13922751841022237756ull,
      "0xe73 0xd2 57 51 0x373d2" },
    { "kind: tlb\n", 1036379175338511537ull, "6 4" },
    { "kind: eat\nask: [tlb, fault, max_fault_rate]\n",
      6033662290931683526ull, "179.999" },
    { "kind: sizes\nask: [entries, levels, table_size]\n",
      6209021082256431648ull, "137438953472" },
    { "kind: choice\nquestion: Q\ncorrect: A\nwrong: [B, C, D]\n",
      7559797393523473042ull, "c" },
  };
  unsigned char hash[32] = { 1, 2, 3 };

  ck_assert_int_eq (QUESTION_GENERATOR_VERSION, 1);
  for (size_t i = 0; i < NELEM (t); i++)
    {
      struct q_spec *s = spec (t[i].spec);
      struct q_variant *v;
      ck_assert_uint_eq (q_rng_seed (hash, 32, 2026, "student-1",
                                     (unsigned) i + 1), t[i].seed);
      v = gen (s, t[i].seed);
      ck_assert_str_eq (v->typed, t[i].typed);
      q_variant_free (v);
      q_spec_free (s);
    }
}
END_TEST

/* ----------------------------------------------- answers and specs */

START_TEST (test_answer_items)
{
  static struct qa_parsed a;

  qa_parse ("12, 0x1F  fault\tB - 3/8 25% 0.5 4KiB 4 MiB 12 bits", &a);
  ck_assert_uint_eq (a.nrows, 1);
  ck_assert_uint_eq (a.n, 11);
  ck_assert (qa_is (&a.items[10], 12));
  ck_assert (qa_is (&a.items[0], 12));
  ck_assert (qa_is (&a.items[1], 31));
  ck_assert (qa_is_word (&a.items[2], "fault"));
  ck_assert (qa_is_word (&a.items[3], "b"));
  ck_assert_int_eq (a.items[4].type, QA_EMPTY);
  ck_assert (a.items[5].type == QA_REAL && a.items[5].d == 0.375);
  ck_assert (a.items[6].type == QA_REAL && a.items[6].d == 0.25);
  ck_assert (a.items[7].type == QA_REAL && a.items[7].d == 0.5);
  ck_assert (qa_is (&a.items[8], 4096));
  ck_assert (qa_is (&a.items[9], 4u << 20));
  qa_parse ("130ns 12bits 15 faults 3 hits, 7 misses 0.5ns", &a);
  ck_assert_uint_eq (a.n, 6);
  ck_assert (qa_is (&a.items[0], 130));
  ck_assert (qa_is (&a.items[1], 12));
  ck_assert (qa_is (&a.items[2], 15));
  ck_assert (qa_is (&a.items[3], 3));
  ck_assert (qa_is (&a.items[4], 7));
  ck_assert (a.items[5].type == QA_REAL && a.items[5].d == 0.5);
  qa_parse ("1 2; 3 4\n5 6 | 7", &a);
  ck_assert_uint_eq (a.nrows, 4);
  ck_assert_uint_eq (a.lens[0], 2);
  ck_assert_uint_eq (a.lens[3], 1);
  ck_assert (qa_is (&a.items[a.starts[2] + 1], 6));
  qa_parse ("0x 12x -5 1e999", &a);
  ck_assert_int_eq (a.items[0].type, QA_BAD);
  ck_assert_int_eq (a.items[1].type, QA_BAD);
  ck_assert_int_eq (a.items[2].type, QA_BAD);
  ck_assert_int_eq (a.items[3].type, QA_BAD);
  qa_parse ("faul___GiB_GGGGG______t_ra abcdefghijklmnopqrstuvwxyz", &a);
  ck_assert_int_eq (a.items[0].type, QA_BAD);
  ck_assert_int_eq (a.items[1].type, QA_BAD);
  qa_parse ("99999999999999999999999", &a);
  ck_assert_int_ne (a.items[0].type, QA_NUM);
  /* A huge answer is read in bounded memory. */
  {
    size_t n = 100000;
    char *big = malloc (2 * n + 1);
    for (size_t i = 0; i < n; i++)
      big[2 * i] = '1', big[2 * i + 1] = ' ';
    big[2 * n] = '\0';
    qa_parse (big, &a);
    ck_assert_uint_eq (a.n, QA_MAX);
    free (big);
  }
}
END_TEST

START_TEST (test_spec_errors)
{
  char *e;

  e = spec_error ("kind: replacment\n");
  ck_assert_msg (strstr (e, "t.yaml:1:7:") && strstr (e, "replacement"),
                 "%s", e);
  free (e);
  e = spec_error ("kind: replacement\npolcy: lru\n");
  ck_assert_msg (strstr (e, "t.yaml:2:1:") && strstr (e, "'policy'"), "%s", e);
  free (e);
  e = spec_error ("kind: replacement\npolicy: lur\n");
  ck_assert_msg (strstr (e, "t.yaml:2:9:") && strstr (e, "'lru'"), "%s", e);
  free (e);
  e = spec_error ("kind: replacement\nframes: 5-2\n");
  ck_assert_msg (strstr (e, "t.yaml:2:9:"), "%s", e);
  free (e);
  e = spec_error ("kind: replacement\nframes: 0-99\n");
  ck_assert_msg (strstr (e, "from 1 to 8"), "%s", e);
  free (e);
  e = spec_error ("kind: replacement\npages: 5\n");
  ck_assert_msg (strstr (e, "range of page numbers"), "%s", e);
  free (e);
  e = spec_error ("kind: tlb\npages: [all, ratio]\n");
  ck_assert_msg (strstr (e, "t.yaml:2:8:") && strstr (e, "range of page"),
                 "%s", e);
  free (e);
  e = spec_error ("kind: replacement\nlocality: 2\n");
  ck_assert_msg (strstr (e, "decimal from 0 to 1"), "%s", e);
  free (e);
  e = spec_error ("kind: translate\npage_size: 1000\n");
  ck_assert_msg (strstr (e, "power of two"), "%s", e);
  free (e);
  e = spec_error ("kind: choice\nquestion: Q\ncorrect: A\n");
  ck_assert_msg (strstr (e, "'wrong'"), "%s", e);
  free (e);
  e = spec_error ("kind: scenario\nfile: ../etc/passwd\n");
  ck_assert_msg (strstr (e, "without '..'"), "%s", e);
  free (e);
  e = spec_error ("kind: scenario\nfile: /etc/passwd\n");
  ck_assert_msg (strstr (e, "relative"), "%s", e);
  free (e);
  e = spec_error ("kind: translate\nva_bits: \n");
  ck_assert_msg (strstr (e, "t.yaml:2:"), "%s", e);
  free (e);
  e = spec_error ("- kind: tlb\n");
  ck_assert_msg (strstr (e, "t.yaml:1:1:"), "%s", e);
  free (e);
  /* points is the caller's key: accepted. */
  q_spec_free (spec ("kind: tlb\npoints: 3\n"));
}
END_TEST

START_TEST (test_impossible_knob)
{
  struct q_spec *s = spec ("kind: replacement\nframes: 8\nlength: 4\n"
                           "min_evictions: 3\n");
  char *err = NULL;

  ck_assert (q_generate (s, 1, &err) == NULL);
  ck_assert_msg (strstr (err, "t.yaml:4:16:")
                 && strstr (err, "satisfies 'min_evictions'"), "%s", err);
  free (err);
  q_spec_free (s);
  s = spec ("kind: translate\nentries: 4\nmin_invalid: 5\n");
  ck_assert (q_generate (s, 1, &err) == NULL);
  ck_assert_msg (strstr (err, "t.yaml:3:14:")
                 && strstr (err, "satisfies 'min_invalid'"), "%s", err);
  free (err);
  q_spec_free (s);
  /* A default is blamed at the question. */
  s = spec ("kind: sizes\nva_bits: 8\n");
  ck_assert (q_generate (s, 1, &err) == NULL);
  ck_assert_msg (strstr (err, "t.yaml:1:1:")
                 && strstr (err, "satisfies 'page_size'"), "%s", err);
  free (err);
  q_spec_free (s);
  s = spec ("kind: eat\nask: fault\nfault_ns: 10\n");
  ck_assert (q_generate (s, 1, &err) == NULL);
  ck_assert_msg (strstr (err, "t.yaml:3:11:")
                 && strstr (err, "satisfies 'fault_ns'"), "%s", err);
  free (err);
  q_spec_free (s);
}
END_TEST

START_TEST (test_explain)
{
  struct q_spec *s = spec ("kind: replacement\npolicy: fifo\nframes: 3\n"
                           "ask: victim\nat: 4\nrefs: [1, 2, 3, 4]\n");
  struct q_variant *v = gen (s, 1);
  char *x = q_explain (v);

  ck_assert_msg (strstr (x, "frame 0") && strstr (x, "page 1 was loaded "
                                                  "earliest (reference 1)"),
                 "%s", x);
  free (x);
  q_variant_free (v);
  q_spec_free (s);
  {
    static const char *const all[] = {
      "kind: translate\nlevels: 2\n", "kind: tlb\n", "kind: eat\n",
      "kind: eat\nask: max_fault_rate\n", "kind: sizes\nask: levels\n",
    };
    for (size_t i = 0; i < NELEM (all); i++)
      {
        s = spec (all[i]);
        v = gen (s, 7);
        x = q_explain (v);
        ck_assert (x && *x);
        ck_assert (v->prompt && *v->prompt && v->hint && *v->hint);
        free (x);
        q_variant_free (v);
        q_spec_free (s);
      }
  }
}
END_TEST

static Suite *
question_suite (void)
{
  Suite *s = suite_create ("question");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_rng);
  tcase_add_test (tc, test_seed);
  tcase_add_test (tc, test_replacement_reference);
  tcase_add_test (tc, test_replacement_textbook);
  tcase_add_test (tc, test_replacement_more_policies);
  tcase_add_test (tc, test_replacement_misconceptions);
  tcase_add_test (tc, test_grid_carry_forward);
  tcase_add_test (tc, test_grid_carry_forward_fifo);
  tcase_add_test (tc, test_frames_partial);
  tcase_add_test (tc, test_translate_reference);
  tcase_add_test (tc, test_translate_check);
  tcase_add_test (tc, test_tlb_reference);
  tcase_add_test (tc, test_tlb_check);
  tcase_add_test (tc, test_eat_reference);
  tcase_add_test (tc, test_eat_misconceptions);
  tcase_add_test (tc, test_sizes_reference);
  tcase_add_test (tc, test_sizes_check);
  tcase_add_test (tc, test_choice);
  tcase_add_test (tc, test_scenario_kind);
  tcase_add_test (tc, test_scenario_value);
  tcase_add_test (tc, test_determinism);
  tcase_add_test (tc, test_pinned_variants);
  tcase_add_test (tc, test_answer_items);
  tcase_add_test (tc, test_spec_errors);
  tcase_add_test (tc, test_impossible_knob);
  tcase_add_test (tc, test_explain);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (question_suite ());
  int failed;

  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
