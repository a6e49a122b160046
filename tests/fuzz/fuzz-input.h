/* fuzz-input.h: a libFuzzer input read byte by byte (zeros once it runs
 * out), shared by the engine and stream targets. */
#ifndef VMTUTOR_FUZZ_INPUT_H
#define VMTUTOR_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct in
{
  const uint8_t *p;
  size_t n;
};

static inline unsigned
byte (struct in *in)
{
  if (in->n == 0)
    return 0;
  in->n--;
  return *in->p++;
}

/* BYTES bytes of the input, the first the highest. */
static inline uint64_t
word (struct in *in, unsigned bytes)
{
  uint64_t v = 0;
  for (unsigned i = 0; i < bytes; i++)
    v = v << 8 | byte (in);
  return v;
}

#endif
