/* policy-model.h: reference models of the policies of
 * src/engine/policy-more.c, written from their rules in vmtutor(1), for
 * tests/check_policy_more.c and tests/check_question.c: a model of
 * second-chance, mru, lfu, mfu, nfu, aging, nru, 2q and wsclock
 * (model_access), and one of the working set that keeps every page in
 * its frame (ws_access).  Frames fill lowest first, as in the engine. */
#ifndef VMTUTOR_POLICY_MODEL_H
#define VMTUTOR_POLICY_MODEL_H

#define MAXF 16

/* The model: frames fill from 0; each holds a page and the figures the
 * rules look at. */
struct model
{
  enum vm_policy p;
  unsigned nf, used, tick;
  long page[MAXF];
  uint64_t loaded[MAXF], last[MAXF], cnt[MAXF];
  bool ref[MAXF], dirty[MAXF];
  unsigned list[MAXF], nlist;   /* second-chance: load order */
  uint64_t ticks;
  bool am[MAXF];                /* 2q: in am (else in a1in) */
  long ghost[MAXF];             /* 2q: a1out, oldest first */
  unsigned nghost;
  unsigned tau, hand;           /* wsclock */
  uint64_t stamp[MAXF];
  uint64_t now;
  unsigned faults;
};

static unsigned
kin2q (const struct model *m)
{
  return m->nf / 4 > 1 ? m->nf / 4 : 1;
}

static unsigned
kout2q (const struct model *m)
{
  return m->nf / 2 > 1 ? m->nf / 2 : 1;
}

/* 2q: take PAGE out of a1out; true if it was there. */
static bool
ghost_take (struct model *m, long page)
{
  for (unsigned i = 0; i < m->nghost; i++)
    if (m->ghost[i] == page)
      {
        memmove (m->ghost + i, m->ghost + i + 1,
                 (m->nghost - i - 1) * sizeof *m->ghost);
        m->nghost--;
        return true;
      }
  return false;
}

static void
list_remove (struct model *m, unsigned f)
{
  unsigned j = 0;
  for (unsigned i = 0; i < m->nlist; i++)
    if (m->list[i] != f)
      m->list[j++] = m->list[i];
  m->nlist = j;
}

/* The frame the rule of M's policy evicts. */
static unsigned
model_victim (struct model *m)
{
  unsigned best = 0;
  switch (m->p)
    {
    case VM_POLICY_SECOND_CHANCE:
      for (;;)
        {
          unsigned h = m->list[0];
          if (!m->ref[h])
            return h;
          m->ref[h] = false;
          list_remove (m, h);
          m->list[m->nlist++] = h;
        }
    case VM_POLICY_WSCLOCK:
      {
        int v = -1, dirty_old = -1, clean = -1;
        unsigned start = m->hand;
        for (unsigned i = 0; i < m->nf && v < 0; i++)
          {
            unsigned f = (start + i) % m->nf;
            if (m->ref[f])
              {
                m->ref[f] = false;
                m->stamp[f] = m->now;
                continue;
              }
            if (!m->dirty[f] && clean < 0)
              clean = (int) f;
            if (m->now - m->stamp[f] > m->tau)
              {
                if (!m->dirty[f])
                  v = (int) f;
                else if (dirty_old < 0)
                  dirty_old = (int) f;
              }
          }
        if (v < 0)
          v = dirty_old >= 0 ? dirty_old : clean >= 0 ? clean : (int) start;
        m->hand = ((unsigned) v + 1) % m->nf;
        return (unsigned) v;
      }
    case VM_POLICY_2Q:
      {
        unsigned nin = 0;
        int in = -1, am = -1;
        for (unsigned f = 0; f < m->nf; f++)
          if (!m->am[f])
            {
              nin++;
              if (in < 0 || m->loaded[f] < m->loaded[in])
                in = (int) f;
            }
          else if (am < 0 || m->last[f] < m->last[am])
            am = (int) f;
        if (in >= 0 && (nin > kin2q (m) || am < 0))
          {
            if (m->nghost == kout2q (m))
              {
                memmove (m->ghost, m->ghost + 1,
                         (m->nghost - 1) * sizeof *m->ghost);
                m->nghost--;
              }
            m->ghost[m->nghost++] = m->page[in];
            return (unsigned) in;
          }
        return (unsigned) am;
      }
    case VM_POLICY_MRU:
      for (unsigned f = 1; f < m->nf; f++)
        if (m->last[f] > m->last[best])
          best = f;
      return best;
    case VM_POLICY_NRU:
      for (unsigned f = 1; f < m->nf; f++)
        if (2 * m->ref[f] + m->dirty[f] < 2 * m->ref[best] + m->dirty[best])
          best = f;
      return best;
    case VM_POLICY_MFU:
      for (unsigned f = 1; f < m->nf; f++)
        if (m->cnt[f] > m->cnt[best]
            || (m->cnt[f] == m->cnt[best] && m->loaded[f] < m->loaded[best]))
          best = f;
      return best;
    default:  /* lfu, nfu, aging */
      for (unsigned f = 1; f < m->nf; f++)
        if (m->cnt[f] < m->cnt[best]
            || (m->cnt[f] == m->cnt[best] && m->loaded[f] < m->loaded[best]))
          best = f;
      return best;
    }
}

/* Access K of PAGE (WRITE or not): the evicted page, or -1. */
static long
model_access (struct model *m, uint64_t k, long page, bool write)
{
  long victim = -1;
  unsigned f;

  m->now = k;

  if (m->p == VM_POLICY_NFU || m->p == VM_POLICY_AGING
      || m->p == VM_POLICY_NRU)
    for (; m->ticks < k / m->tick; m->ticks++)
      for (unsigned i = 0; i < m->used; i++)
        {
          if (m->p == VM_POLICY_NFU)
            m->cnt[i] += m->ref[i];
          else if (m->p == VM_POLICY_AGING)
            m->cnt[i] = (m->cnt[i] >> 1) | ((uint64_t) m->ref[i] << 7);
          m->ref[i] = false;
        }
  for (f = 0; f < m->used; f++)
    if (m->page[f] == page)
      {
        m->ref[f] = true;
        m->last[f] = k;
        m->dirty[f] |= write;
        if (m->p == VM_POLICY_LFU || m->p == VM_POLICY_MFU)
          m->cnt[f]++;
        return -1;
      }
  m->faults++;
  if (m->used < m->nf)
    f = m->used++;
  else
    {
      f = model_victim (m);
      victim = m->page[f];
      list_remove (m, f);
    }
  m->page[f] = page;
  m->loaded[f] = m->last[f] = k;
  m->cnt[f] = m->p == VM_POLICY_LFU || m->p == VM_POLICY_MFU;
  m->ref[f] = true;
  m->dirty[f] = write;
  m->list[m->nlist++] = f;
  if (m->p == VM_POLICY_2Q)
    m->am[f] = ghost_take (m, page);
  m->stamp[f] = k;
  return victim;
}


/* ws with window TAU: before access K, the pages last used more than tau
 * accesses back leave, least recently used first (FIRST: the first of
 * them, or -1; returns how many left, the fault's lru victim included);
 * a fault takes the lowest free frame, else evicts the least recently
 * used page.  PAGE[f] is -1 for a free frame. */
struct ws_model
{
  unsigned nf, tau;
  long page[MAXF];
  uint64_t last[MAXF];
  unsigned faults;
};

static inline void
ws_init (struct ws_model *w, unsigned nf, unsigned tau)
{
  memset (w, 0, sizeof *w);
  w->nf = nf;
  w->tau = tau;
  for (unsigned f = 0; f < MAXF; f++)
    w->page[f] = -1;
}

static inline unsigned
ws_access (struct ws_model *w, uint64_t k, long page, long *first,
           bool *hit)
{
  unsigned gone = 0, f;
  *first = -1;
  *hit = false;
  for (;;)
    {
      int old = -1;
      for (f = 0; f < w->nf; f++)
        if (w->page[f] >= 0 && k - w->last[f] > w->tau
            && (old < 0 || w->last[f] < w->last[old]))
          old = (int) f;
      if (old < 0)
        break;
      if (!gone++)
        *first = w->page[old];
      w->page[old] = -1;
    }
  for (f = 0; f < w->nf; f++)
    if (w->page[f] == page)
      {
        *hit = true;
        w->last[f] = k;
        return gone;
      }
  w->faults++;
  for (f = 0; f < w->nf && w->page[f] >= 0; f++)
    ;
  if (f == w->nf)
    {
      f = 0;
      for (unsigned g = 1; g < w->nf; g++)
        if (w->last[g] < w->last[f])
          f = g;
      if (!gone++)
        *first = w->page[f];
    }
  w->page[f] = page;
  w->last[f] = k;
  return gone;
}

#endif
