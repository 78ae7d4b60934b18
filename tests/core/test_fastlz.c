/*
 * FastLZ (src/php/ldb_fastlz.c): round trips at both levels over random, compressible and
 * incompressible data; hand-made streams of each instruction form; and truncated, corrupt
 * and oversized input rejected without reading or writing out of bounds (run it under
 * ASan/UBSan, as tests/core/Makefile does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldb_fastlz.h"

#include "test.h"

/* xorshift: the same data on every run */

static void fill_random(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		p[i] = (unsigned char)rnd();
	}
}

/* text-like: words from a small vocabulary, so there are many matches at many distances */
static void fill_text(unsigned char *p, size_t n)
{
	static const char *words[] = {"lorem", "ipsum", "dolor", "sit", "amet", "memcached", "tyrant",
		"failover", "a", "the", "server", "value", "\x00\x01", "0123456789", "{\"k\":1}"};
	size_t i = 0;

	while (i < n) {
		const char *w = words[rnd() % (sizeof(words) / sizeof(words[0]))];
		size_t l = w[0] ? strlen(w) : 2;

		for (size_t j = 0; j < l && i < n; j++) {
			p[i++] = (unsigned char)w[j];
		}
		if (i < n) {
			p[i++] = (unsigned char)(rnd() % 4 == 0 ? '\n' : ' ');
		}
	}
}

/* repeats far apart: blocks copied from 9 KiB to 70 KiB back (level 2's 16-bit offsets) */
static void fill_far(unsigned char *p, size_t n)
{
	size_t block = 4096;

	fill_random(p, n < 16384 ? n : 16384);
	for (size_t i = 16384; i < n; i += block) {
		size_t back = 9000 + rnd() % 61000;
		size_t l = n - i < block ? n - i : block;

		if (back > i) {
			back = i;
		}
		memmove(p + i, p + i - back, l);
	}
}

/* compress at a level, decompress, compare; returns the compressed size (0 on failure) */
static size_t round_trip(const unsigned char *in, size_t n, int level, const char *what)
{
	size_t cap = ldb_fastlz_bound(n), clen, dlen = 0;
	unsigned char *c = malloc(cap), *d = malloc(n + 1);
	int rc;

	clen = ldb_fastlz_compress(in, n, c, cap, level);
	CHECKF(clen > 0 && clen <= cap, "%s: n=%zu level=%d clen=%zu cap=%zu", what, n, level, clen, cap);
	if (clen == 0) {
		free(c);
		free(d);
		return 0;
	}
	if (level != 0) {
		CHECKF(ldb_fastlz_level(c, clen) == level, "%s: level byte %d", what, ldb_fastlz_level(c, clen));
	}
	/* exact-size output buffer: a decoder that writes one byte too many trips ASan */
	rc = ldb_fastlz_decompress(c, clen, d, n, &dlen);
	CHECKF(rc == 0 && dlen == n && memcmp(d, in, n) == 0, "%s: n=%zu level=%d rc=%d dlen=%zu", what, n,
		level, rc, dlen);
	/* one byte too small: must fail rather than overflow */
	if (n > 0) {
		unsigned char *small = malloc(n - 1 > 0 ? n - 1 : 1);

		rc = ldb_fastlz_decompress(c, clen, small, n - 1, &dlen);
		CHECKF(rc == -1, "%s: n=%zu level=%d: decoded into a buffer one byte short", what, n, level);
		free(small);
	}
	free(c);
	free(d);
	return clen;
}

static void test_round_trips(void)
{
	static const size_t sizes[] = {1, 2, 3, 4, 5, 8, 31, 32, 33, 64, 100, 255, 256, 1000, 2000, 8191,
		8192, 8193, 65535, 65536, 65537, 200000, 1 << 20};
	size_t maxn = 1 << 20;
	unsigned char *buf = malloc(maxn);

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t n = sizes[s];

		for (int level = 0; level <= 2; level++) {
			fill_random(buf, n);
			round_trip(buf, n, level, "random");
			fill_text(buf, n);
			round_trip(buf, n, level, "text");
			memset(buf, 'x', n);
			round_trip(buf, n, level, "one byte");
			for (size_t i = 0; i < n; i++) {
				buf[i] = (unsigned char)(i % 7);
			}
			round_trip(buf, n, level, "period 7");
			fill_far(buf, n);
			round_trip(buf, n, level, "far");
		}
	}

	/* compressible data shrinks; the auto level picks like FastLZ's own */
	fill_text(buf, 100000);
	{
		size_t c1 = round_trip(buf, 100000, 1, "ratio l1"), c2 = round_trip(buf, 100000, 2, "ratio l2");

		CHECKF(c1 > 0 && c1 < 100000 / 2, "text level 1 only went to %zu", c1);
		CHECKF(c2 > 0 && c2 < 100000 / 2, "text level 2 only went to %zu", c2);
	}
	memset(buf, 0, maxn);
	{
		size_t c1 = round_trip(buf, maxn, 1, "zeros l1"), c2 = round_trip(buf, maxn, 2, "zeros l2");

		/* level 1 needs 3 bytes per 264, level 2's chained lengths far fewer */
		CHECKF(c1 > 0 && c1 < maxn / 80, "zeros level 1: %zu", c1);
		CHECKF(c2 > 0 && c2 < maxn / 200, "zeros level 2: %zu", c2);
	}
	{
		unsigned char out[64];

		CHECK(ldb_fastlz_compress(buf, 1000, out, sizeof(out), 0) > 0);
		CHECK(ldb_fastlz_level(out, 1) == 1);
		fill_random(buf, 70000);
		{
			unsigned char *o = malloc(ldb_fastlz_bound(70000));

			CHECK(ldb_fastlz_compress(buf, 70000, o, ldb_fastlz_bound(70000), 0) > 0);
			CHECK(ldb_fastlz_level(o, 1) == 2);
			free(o);
		}
	}

	/* many random sizes and contents, mixing random and repeated stretches */
	for (int iter = 0; iter < 300; iter++) {
		size_t n = 1 + rnd() % 20000, i = 0;

		while (i < n) {
			size_t l = 1 + rnd() % 300;

			if (l > n - i) {
				l = n - i;
			}
			if (i > 0 && rnd() % 2) {
				size_t back = 1 + rnd() % (i < 9000 ? i : 9000);

				for (size_t j = 0; j < l; j++) {
					buf[i + j] = buf[i + j - back];
				}
			} else {
				fill_random(buf + i, l);
			}
			i += l;
		}
		round_trip(buf, n, 1 + iter % 2, "mixed");
	}
	free(buf);
}

/* a 64-byte block repeated exactly d bytes later, over random filler: matches at the edges
 * of each level's reach (level 1: 8192; level 2: 8191 near, then 16-bit offsets to 73727) */
static void test_distances(void)
{
	static const size_t dists[] = {1, 2, 255, 256, 257, 8190, 8191, 8192, 8193, 8194, 65535, 65536,
		73726, 73727, 73728, 80000};
	unsigned char *buf = malloc(80000 + 64);

	for (size_t i = 0; i < sizeof(dists) / sizeof(dists[0]); i++) {
		size_t d = dists[i], n = d + 64;

		fill_random(buf, n);
		memmove(buf + d, buf, 64);
		for (int level = 1; level <= 2; level++) {
			size_t c = round_trip(buf, n, level, "distance");
			/* within reach the repeat is found: the output is smaller than for random data
			 * (checked up to the near limits only: one slot per hash means that across 64 KiB
			 * of random bytes the old positions are overwritten, as in FastLZ itself) */
			int reach = level == 1 ? d <= 8192 : d <= 8194;

			if (d >= 64 && reach) {
				CHECKF(c > 0 && c < ldb_fastlz_bound(n) - 40, "distance %zu level %d: %zu bytes", d, level, c);
			}
		}
	}
	free(buf);
}

static void test_incompressible_bound(void)
{
	size_t n = 100000, cap = ldb_fastlz_bound(n), clen;
	unsigned char *in = malloc(n), *c = malloc(cap);

	fill_random(in, n);
	clen = ldb_fastlz_compress(in, n, c, cap, 1);
	CHECKF(clen > n && clen <= cap, "random data: %zu for %zu (bound %zu)", clen, n, cap);
	/* too little room: fails cleanly instead of writing past the end */
	CHECK(ldb_fastlz_compress(in, n, c, n, 1) == 0);
	CHECK(ldb_fastlz_compress(in, n, c, n, 2) == 0);
	CHECK(ldb_fastlz_compress(in, 10, c, 5, 1) == 0);
	free(in);
	free(c);
}

static void test_bad_arguments(void)
{
	unsigned char in[16] = "abcabcabcabc", out[64];
	size_t dlen = 12345;

	CHECK(ldb_fastlz_compress(in, 0, out, sizeof(out), 1) == 0);
	CHECK(ldb_fastlz_compress(in, sizeof(in), out, sizeof(out), 3) == 0);
	CHECK(ldb_fastlz_compress(in, sizeof(in), out, sizeof(out), -1) == 0);
	CHECK(ldb_fastlz_compress(NULL, 5, out, sizeof(out), 1) == 0);
	CHECK(ldb_fastlz_compress(in, LDB_FASTLZ_MAX_INPUT + 1, out, sizeof(out), 1) == 0);
	CHECK(ldb_fastlz_decompress(in, 0, out, sizeof(out), &dlen) == -1);
	CHECK(ldb_fastlz_decompress(NULL, 0, out, sizeof(out), &dlen) == -1);
	CHECK(dlen == 12345);
	CHECK(ldb_fastlz_level(NULL, 3) == 0);
	CHECK(ldb_fastlz_level(in, 0) == 0);
}

/* decode a hand-written stream into exactly cap bytes; returns rc, output in out */
static int decode(const unsigned char *s, size_t n, unsigned char *out, size_t cap, size_t *dlen)
{
	/* copy the stream to a heap block of its exact size: ASan catches any read past it */
	unsigned char *in = malloc(n ? n : 1);
	int rc;

	memcpy(in, s, n);
	rc = ldb_fastlz_decompress(in, n, out, cap, dlen);
	free(in);
	return rc;
}

static void test_hand_streams(void)
{
	unsigned char out[1024];
	size_t dlen = 0;

	/* level 1: literal "abc", then a short match (n=3+2=5 from d=3): "abcabcab" */
	{
		static const unsigned char s[] = {0x02, 'a', 'b', 'c', (3 << 5) | 0, 2};

		CHECK(decode(s, sizeof(s), out, 8, &dlen) == 0 && dlen == 8 && memcmp(out, "abcabcab", 8) == 0);
		/* the same stream needs 8 bytes of room */
		CHECK(decode(s, sizeof(s), out, 7, &dlen) == -1);
		/* truncated in the middle of the match or the literal */
		CHECK(decode(s, 5, out, sizeof(out), &dlen) == -1);
		CHECK(decode(s, 3, out, sizeof(out), &dlen) == -1);
		/* a literal run alone is a whole stream */
		CHECK(decode(s, 4, out, sizeof(out), &dlen) == 0 && dlen == 3);
	}
	/* level 1 long match: 9 + 20 = 29 copies of 'z' from d=1 */
	{
		static const unsigned char s[] = {0x00, 'z', (7 << 5) | 0, 20, 0};

		CHECK(decode(s, sizeof(s), out, 30, &dlen) == 0 && dlen == 30);
		CHECK(out[0] == 'z' && out[29] == 'z');
		CHECK(decode(s, 3, out, sizeof(out), &dlen) == -1);
		CHECK(decode(s, 4, out, sizeof(out), &dlen) == -1);
	}
	/* level 2: chained length 9 + 255 + 10 = 274, d=1 */
	{
		static const unsigned char s[] = {0x20, 'q', (7 << 5) | 0, 255, 10, 0};

		CHECK(decode(s, sizeof(s), out, 275, &dlen) == 0 && dlen == 275 && out[274] == 'q');
		CHECK(decode(s, sizeof(s), out, 274, &dlen) == -1);
		CHECK(decode(s, 4, out, sizeof(out), &dlen) == -1);
		CHECK(decode(s, 5, out, sizeof(out), &dlen) == -1);
	}
	/* level 2 far match marker: needs two more bytes */
	{
		static const unsigned char s[] = {0x20, 'q', (1 << 5) | 31, 255, 0x00, 0x00};

		/* d = 8192: reaches before the start of a 1-byte output */
		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == -1);
		CHECK(decode(s, 4, out, sizeof(out), &dlen) == -1);
		CHECK(decode(s, 5, out, sizeof(out), &dlen) == -1);
	}
	/* the same control bytes at level 1 are a plain 13-bit offset (d = 8192): too far back */
	{
		static const unsigned char s[] = {0x00, 'q', (1 << 5) | 31, 255};

		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == -1);
	}
	/* a match as the first instruction cannot happen: the first control byte is a literal */
	{
		static const unsigned char s[] = {0x1f, 'a'};

		/* 32 literal bytes announced, 1 present */
		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == -1);
	}
	/* a match reaching one byte before the output */
	{
		static const unsigned char s[] = {0x01, 'a', 'b', (1 << 5) | 0, 2};

		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == -1);
	}
	/* d exactly the output so far is fine */
	{
		static const unsigned char s[] = {0x01, 'a', 'b', (1 << 5) | 0, 1};

		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == 0 && dlen == 5 && memcmp(out, "ababa", 5) == 0);
	}
	/* unknown levels 3..8 in the top bits */
	for (int lv = 2; lv < 8; lv++) {
		unsigned char s[] = {(unsigned char)((lv << 5) | 0), 'a'};

		CHECK(decode(s, sizeof(s), out, sizeof(out), &dlen) == -1);
	}
	/* an endless run of 255 length bytes stops at the output's room, not at the input's end */
	{
		size_t n = 100000;
		unsigned char *s = malloc(n);

		memset(s, 255, n);
		s[0] = 0x20;
		s[1] = 'x';
		s[2] = (7 << 5);
		CHECK(decode(s, n, out, sizeof(out), &dlen) == -1);
		free(s);
	}
}

/* every prefix and many single-byte corruptions of real streams: no crash, no overflow; a
 * decode that succeeds stays within its buffer (checked by ASan) */
static void test_corruption(void)
{
	size_t n = 5000, cap = ldb_fastlz_bound(n);
	unsigned char *in = malloc(n), *c = malloc(cap), *out = malloc(n);

	for (int level = 1; level <= 2; level++) {
		size_t clen, dlen;
		int ok_prefix = 0, ok_mut = 0;

		fill_text(in, n);
		clen = ldb_fastlz_compress(in, n, c, cap, level);
		CHECK(clen > 0);
		for (size_t k = 1; k < clen; k++) {
			unsigned char *p = malloc(k);

			memcpy(p, c, k);
			if (ldb_fastlz_decompress(p, k, out, n, &dlen) == 0) {
				/* a prefix ending on an instruction boundary decodes to a prefix */
				CHECK(dlen < n && memcmp(out, in, dlen) == 0);
				ok_prefix++;
			}
			free(p);
		}
		CHECK(ok_prefix < (int)clen);
		for (int iter = 0; iter < 20000; iter++) {
			unsigned char *p = malloc(clen);

			memcpy(p, c, clen);
			p[rnd() % clen] = (unsigned char)rnd();
			if (iter % 3 == 0) {
				p[rnd() % clen] = (unsigned char)rnd();
			}
			if (ldb_fastlz_decompress(p, clen, out, n, &dlen) == 0) {
				CHECK(dlen <= n);
				ok_mut++;
			}
			free(p);
		}
		(void)ok_mut;
		/* pure garbage */
		for (int iter = 0; iter < 20000; iter++) {
			size_t l = 1 + rnd() % 64;
			unsigned char *p = malloc(l);

			fill_random(p, l);
			if (ldb_fastlz_decompress(p, l, out, n, &dlen) == 0) {
				CHECK(dlen <= n);
			}
			free(p);
		}
	}
	free(in);
	free(c);
	free(out);
}

int main(void)
{
	test_bad_arguments();
	test_hand_streams();
	test_round_trips();
	test_distances();
	test_incompressible_bound();
	test_corruption();
	return DONE();
}
