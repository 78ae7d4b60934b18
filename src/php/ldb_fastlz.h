/*
 * FastLZ block format, levels 1 and 2: what php-memcached writes when its compression type is
 * "fastlz" (its default). Plain C, no PHP header, so it is unit-tested and fuzzed on its own.
 *
 * Written from the format's description; the stream is a sequence of instructions, each
 * starting with a control byte c (the top 3 bits of the very first byte hold the level minus
 * one and are masked off; the first instruction is always a literal run):
 *
 *   c < 32        literal run: the next c + 1 bytes are copied to the output
 *   c >= 32       match: copy n bytes starting d bytes back in the output (n may exceed d:
 *                 the copy then repeats the last d bytes), with
 *                 n = (c >> 5) + 2, or when c >> 5 == 7:
 *                     level 1: n = 9 + next byte                       (n <= 264)
 *                     level 2: n = 9 + sum of next bytes up to the first one below 255
 *                 then the low byte of the offset: d = ((c & 31) << 8) + byte + 1
 *                 level 2 only: when (c & 31) == 31 and that byte is 255, two more bytes
 *                 follow (big-endian) and d = 8192 + their value (up to 73727)
 *
 * The stream ends where the input ends; a decoder must bound every read and write.
 */
#ifndef LDB_FASTLZ_H
#define LDB_FASTLZ_H

#include <stddef.h>
#include <stdint.h>

/* Largest input the compressor takes (positions are kept in 32 bits, and other FastLZ
 * implementations use int lengths). */
#define LDB_FASTLZ_MAX_INPUT ((size_t)0x7fffffff)

/* Level 0 asks for what FastLZ's own fastlz_compress() picks: 1 below 64 KiB, else 2. */
#define LDB_FASTLZ_LEVEL_AUTO 0

/* Output room that is always enough for ldb_fastlz_compress() of len bytes. */
size_t ldb_fastlz_bound(size_t len);

/* Compress in[0..len) into out (cap bytes). Returns the compressed size, or 0 when len is 0 or
 * above LDB_FASTLZ_MAX_INPUT, the level is not 0, 1 or 2, or the output does not fit in cap. */
size_t ldb_fastlz_compress(const void *in, size_t len, void *out, size_t cap, int level);

/* Decompress in[0..len) into out (cap bytes). Returns 0 and the decompressed size in *outlen,
 * or -1 when the input is empty, truncated, corrupt (an unknown level, a match reaching before
 * the start of the output) or would write more than cap bytes. Never reads or writes out of
 * bounds, whatever the input. */
int ldb_fastlz_decompress(const void *in, size_t len, void *out, size_t cap, size_t *outlen);

/* The level recorded in a compressed block (1 or 2), or 0 when it is neither. */
int ldb_fastlz_level(const void *in, size_t len);

#endif
