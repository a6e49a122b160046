/* numparse.h: strict number parsing shared by the command line, the
 * scenario loader and the trace readers. */
#ifndef VMTUTOR_NUMPARSE_H
#define VMTUTOR_NUMPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parse all of S (length LEN) as an unsigned integer in decimal or 0x hex.
 * No sign, no spaces, overflow detected.  True on success. */
bool parse_u64n (const char *s, size_t len, uint64_t *out);
bool parse_u64 (const char *s, uint64_t *out);

/* Like parse_u64, then an optional size suffix: K, KiB, M, MiB, G, GiB,
 * T, TiB (powers of 1024; "B" alone allowed).  Overflow detected. */
bool parse_size (const char *s, uint64_t *out);

#endif
