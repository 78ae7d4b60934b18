/*
 * Value formats (src/php/ldb_format.c): flag decoding, compression with its length prefix
 * for every method (round trips, the keep rule, corrupt and lying length fields), the Tokyo
 * Tyrant header, and decimal integers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ldb_format.h"
#include "ldb_fastlz.h"

#include "test.h"


static void fill_text(unsigned char *p, size_t n)
{
	static const char *words[] = {"alpha ", "beta ", "gamma ", "delta\n", "s:5:\"value\";", "i:42;", "a:2:{"};

	for (size_t i = 0; i < n;) {
		const char *w = words[rnd() % (sizeof(words) / sizeof(words[0]))];

		for (size_t j = 0; w[j] && i < n; j++) {
			p[i++] = (unsigned char)w[j];
		}
	}
}

static void fill_random(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		p[i] = (unsigned char)rnd();
	}
}

static void test_flags(void)
{
	int counts[5] = {0};

	CHECK(ldb_flags_method(0) == -1);
	CHECK(ldb_flags_method(LDB_TYPE_PHP) == -1);
	CHECK(ldb_flags_method(0x10 | 0x20) == LDB_METHOD_ZLIB);
	CHECK(ldb_flags_method(0x10 | 0x40 | LDB_TYPE_PHP) == LDB_METHOD_FASTLZ);
	CHECK(ldb_flags_method(0x10 | 0x80 | LDB_TYPE_STRING) == LDB_METHOD_ZSTD);
	/* user flags in the high bits change nothing */
	CHECK(ldb_flags_method(0xabcd0000u | 0x10 | 0x40 | 4) == LDB_METHOD_FASTLZ);
	CHECK(ldb_flags_method(0xffff0000u | 1) == -1);
	/* inconsistent compression bits */
	CHECK(ldb_flags_method(0x10) == -2);
	CHECK(ldb_flags_method(0x20) == -2);
	CHECK(ldb_flags_method(0x40 | 4) == -2);
	CHECK(ldb_flags_method(0x10 | 0x20 | 0x40) == -2);
	CHECK(ldb_flags_method(0xf0) == -2);
	/* over all 256 low bytes: 16 types x (uncompressed + 3 methods), the rest invalid */
	for (uint32_t f = 0; f < 256; f++) {
		counts[ldb_flags_method(f) + 2]++;
	}
	CHECK(counts[0] == 256 - 64);
	CHECK(counts[1] == 16 && counts[2] == 16 && counts[3] == 16 && counts[4] == 16);

	for (int m = 0; m < LDB_METHOD_COUNT; m++) {
		CHECK(ldb_flags_method(ldb_method_flags(m)) == m);
		CHECK(strcmp(ldb_method_name(m), "unknown") != 0);
	}
	CHECK(ldb_method_flags(LDB_METHOD_ZLIB) == 0x30);
	CHECK(ldb_method_flags(LDB_METHOD_FASTLZ) == 0x50);
	CHECK(ldb_method_flags(LDB_METHOD_ZSTD) == 0x90);
	CHECK(ldb_method_flags(3) == 0 && ldb_method_flags(-1) == 0);
	CHECK(strcmp(ldb_method_name(9), "unknown") == 0);
	CHECK(ldb_method_available(LDB_METHOD_ZLIB) && ldb_method_available(LDB_METHOD_FASTLZ));
	CHECK(!ldb_method_available(7));
#ifndef LDB_NO_ZSTD
	CHECK(ldb_method_available(LDB_METHOD_ZSTD));
#endif
}

static void test_keep_rule(void)
{
	/* original > 1.3 * stored */
	CHECK(ldb_compress_max_stored(0) == 0);
	CHECK(ldb_compress_max_stored(13) == 9);		/* 13 > 11.7; 10 would be 13 = 13, not more */
	CHECK(ldb_compress_max_stored(130) == 99);
	CHECK(ldb_compress_max_stored(2000) == 1538);	/* 1.3 * 1538 = 1999.4 */
	for (size_t len = 1; len < 5000; len++) {
		size_t s = ldb_compress_max_stored(len);

		CHECKF(len * 10 > s * 13 && len * 10 <= (s + 1) * 13, "len %zu -> %zu", len, s);
	}
	CHECK(ldb_compress_max_stored((size_t)1 << 40) > ((size_t)1 << 40) / 2);
}

/* compress with a method, check the prefix, decompress, compare */
static size_t method_round_trip(int method, const unsigned char *in, size_t n, const char *what)
{
	size_t cap = ldb_compress_bound(method, n), clen, olen = 0;
	unsigned char *c = malloc(cap), *d = malloc(n);
	uint32_t prefix;

	clen = ldb_compress(method, in, n, c, cap);
	CHECKF(clen > LDB_COMPRESSED_PREFIX && clen <= cap, "%s %s n=%zu clen=%zu", ldb_method_name(method), what,
		n, clen);
	if (clen == 0) {
		free(c);
		free(d);
		return 0;
	}
	prefix = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
	CHECKF(prefix == n, "little-endian length prefix %u for %zu", prefix, n);
	CHECK(ldb_compressed_len(method, c, clen, &olen) == 0 && olen == n);
	CHECKF(ldb_decompress(method, c, clen, d, n) == 0 && memcmp(d, in, n) == 0, "%s %s n=%zu",
		ldb_method_name(method), what, n);
	/* asking for another size than the prefix says fails */
	if (n > 1) {
		CHECK(ldb_decompress(method, c, clen, d, n - 1) == -1);
	}
	free(c);
	free(d);
	return clen;
}

static void test_methods(void)
{
	static const size_t sizes[] = {1, 2, 10, 100, 1999, 2000, 65535, 65536, 70000, 1 << 20, (1 << 22) + 3};
	size_t maxn = (1 << 22) + 3;
	unsigned char *buf = malloc(maxn);

	for (int m = 0; m < LDB_METHOD_COUNT; m++) {
		if (!ldb_method_available(m)) {
			continue;
		}
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			fill_text(buf, sizes[s]);
			method_round_trip(m, buf, sizes[s], "text");
			fill_random(buf, sizes[s]);
			method_round_trip(m, buf, sizes[s], "random");
		}
		/* compressible text pays off within the keep rule; random data does not */
		{
			size_t n = 10000, cap = ldb_compress_max_stored(n), clen;
			unsigned char *c = malloc(cap);

			fill_text(buf, n);
			clen = ldb_compress(m, buf, n, c, cap);
			CHECKF(clen > 0 && clen <= cap, "%s: text did not compress within %zu", ldb_method_name(m), cap);
			fill_random(buf, n);
			CHECKF(ldb_compress(m, buf, n, c, cap) == 0, "%s: random data compressed", ldb_method_name(m));
			free(c);
		}
		/* bad arguments */
		{
			unsigned char c[64];

			CHECK(ldb_compress(m, buf, 0, c, sizeof(c)) == 0);
			CHECK(ldb_compress(m, NULL, 10, c, sizeof(c)) == 0);
			CHECK(ldb_compress(m, buf, 10, NULL, sizeof(c)) == 0);
			CHECK(ldb_compress(m, buf, 10, c, LDB_COMPRESSED_PREFIX) == 0);
		}
	}
	{
		unsigned char c[64];

		CHECK(ldb_compress(5, buf, 10, c, sizeof(c)) == 0);
		CHECK(ldb_compress_bound(5, 10) == 0);
	}
	free(buf);
}

/* a valid payload for a method, with a length prefix we then lie in */
static size_t make_payload(int method, unsigned char *in, size_t n, unsigned char **out)
{
	size_t cap = ldb_compress_bound(method, n);

	*out = malloc(cap);
	return ldb_compress(method, in, n, *out, cap);
}

static void set_prefix(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static void test_corrupt_payloads(void)
{
	size_t n = 30000;
	unsigned char *in = malloc(n), *out = malloc(n + 1000);
	size_t olen;

	fill_text(in, n);
	for (int m = 0; m < LDB_METHOD_COUNT; m++) {
		unsigned char *p;
		size_t plen;

		if (!ldb_method_available(m)) {
			continue;
		}
		plen = make_payload(m, in, n, &p);
		CHECK(plen > 0);

		/* nothing or only the prefix */
		CHECK(ldb_compressed_len(m, p, 0, &olen) == -1);
		CHECK(ldb_compressed_len(m, p, 3, &olen) == -1);
		CHECK(ldb_compressed_len(m, p, 4, &olen) == -1);
		CHECK(ldb_compressed_len(m, NULL, 40, &olen) == -1);
		/* truncated data: every cut fails (through the exact-size allocation ASan watches) */
		for (size_t cut = LDB_COMPRESSED_PREFIX + 1; cut < plen; cut += 1 + cut / 7) {
			unsigned char *t = malloc(cut);

			memcpy(t, p, cut);
			CHECKF(ldb_decompress(m, t, cut, out, n) == -1, "%s cut at %zu of %zu", ldb_method_name(m), cut,
				plen);
			free(t);
		}
		/* length fields that lie */
		set_prefix(p, (uint32_t)n + 1);
		CHECK(ldb_compressed_len(m, p, plen, &olen) == (m == LDB_METHOD_ZSTD ? -1 : 0));
		CHECK(ldb_decompress(m, p, plen, out, n + 1) == -1);
		set_prefix(p, (uint32_t)n - 1);
		CHECK(ldb_decompress(m, p, plen, out, n - 1) == -1);
		set_prefix(p, 0);
		CHECK(ldb_compressed_len(m, p, plen, &olen) == -1);
		/* above the maximum: refused before any allocation */
		set_prefix(p, (uint32_t)LDB_MAX_VALUE_LEN + 1);
		CHECK(ldb_compressed_len(m, p, plen, &olen) == -1);
		set_prefix(p, 0xffffffffu);
		CHECK(ldb_compressed_len(m, p, plen, &olen) == -1);
		/* more than the compressed bytes can expand to */
		{
			unsigned char small[12];

			memcpy(small, p, sizeof(small));
			set_prefix(small, 100u * 1000 * 1000);
			CHECK(ldb_compressed_len(m, small, sizeof(small), &olen) == -1);
		}
		set_prefix(p, (uint32_t)n);
		CHECK(ldb_compressed_len(m, p, plen, &olen) == 0 && olen == n);

		/* bit flips: decoding either fails or stays in bounds */
		for (int iter = 0; iter < 3000; iter++) {
			unsigned char *t = malloc(plen);
			size_t pos = LDB_COMPRESSED_PREFIX + rnd() % (plen - LDB_COMPRESSED_PREFIX);

			memcpy(t, p, plen);
			t[pos] ^= (unsigned char)(1u << (rnd() % 8));
			if (ldb_compressed_len(m, t, plen, &olen) == 0 && olen <= n) {
				unsigned char *o = malloc(olen);

				(void)ldb_decompress(m, t, plen, o, olen);
				free(o);
			}
			free(t);
		}
		free(p);
	}
	/* garbage of every method */
	for (int iter = 0; iter < 3000; iter++) {
		size_t l = LDB_COMPRESSED_PREFIX + 1 + rnd() % 100;
		unsigned char *t = malloc(l);
		int m = (int)(rnd() % LDB_METHOD_COUNT);

		fill_random(t, l);
		set_prefix(t, 1 + rnd() % 5000);
		if (ldb_compressed_len(m, t, l, &olen) == 0) {
			unsigned char *o = malloc(olen);

			(void)ldb_decompress(m, t, l, o, olen);
			free(o);
		}
		free(t);
	}
	CHECK(ldb_decompress(9, in, 100, out, 10) == -1);
	CHECK(ldb_compressed_len(9, in, 100, &olen) == -1);
	free(in);
	free(out);
}

/* what php-memcached writes: a zlib stream from compress(), behind a host-order uint32 */
static void test_foreign_zlib(void)
{
	const char *text = "a value compressed the way php-memcached does it, a value compressed";
	size_t n = strlen(text);
	unsigned char buf[256], out[256];
	uLongf dlen = sizeof(buf) - 4;
	uint32_t len32 = (uint32_t)n;

	CHECK(compress(buf + 4, &dlen, (const Bytef *)text, n) == Z_OK);
	memcpy(buf, &len32, 4);
	CHECK(ldb_decompress(LDB_METHOD_ZLIB, buf, 4 + dlen, out, n) == 0 && memcmp(out, text, n) == 0);
}

static void test_tt_header(void)
{
	unsigned char b[16];
	uint32_t flags = 0;
	int valid = 0;

	for (uint32_t f = 0; f < 256; f++) {
		ldb_tt_header_write(b, f);
		CHECK(memcmp(b, "\0LD", 3) == 0);
		if (ldb_tt_flags_valid(f)) {
			valid++;
			CHECK(ldb_tt_header_parse(b, 4, &flags) == 1 && flags == f);
			CHECK(ldb_tt_header_parse(b, 10, &flags) == 1);
			CHECK(ldb_tt_header_parse(b, 3, &flags) == 0);
		} else {
			CHECK(ldb_tt_header_parse(b, 4, &flags) == 0);
		}
	}
	/* 8 types x (uncompressed + 3 methods) */
	CHECK(valid == 32);
	CHECK(ldb_tt_flags_valid(LDB_TYPE_MSGPACK | 0x50));
	CHECK(!ldb_tt_flags_valid(8));
	CHECK(!ldb_tt_flags_valid(0x100));
	CHECK(!ldb_tt_flags_valid(0x10));

	/* near misses of the magic */
	CHECK(ldb_tt_header_parse("\0LE\x01", 4, &flags) == 0);
	CHECK(ldb_tt_header_parse("\1LD\x01", 4, &flags) == 0);
	CHECK(ldb_tt_header_parse("LD\0\x01", 4, &flags) == 0);
	CHECK(ldb_tt_header_parse("", 0, &flags) == 0);
	CHECK(ldb_tt_header_parse(NULL, 4, &flags) == 0);
	CHECK(ldb_tt_header_parse("\0LD\x02" "1.5", 7, &flags) == 1 && flags == LDB_TYPE_DOUBLE);

	/* which strings need a header */
	CHECK(!ldb_tt_string_needs_header("", 0));
	CHECK(!ldb_tt_string_needs_header("hello", 5));
	CHECK(!ldb_tt_string_needs_header("\0L", 2));
	CHECK(ldb_tt_string_needs_header("\0LD", 3));
	CHECK(ldb_tt_string_needs_header("\0LD\x09", 4));	/* not a valid header, escaped anyway */
	CHECK(ldb_tt_string_needs_header("\0LD\x01" "5", 5));
	CHECK(!ldb_tt_string_needs_header("\0Ld", 3));
	CHECK(ldb_tt_string_needs_header("0", 1));
	CHECK(ldb_tt_string_needs_header("42", 2));
	CHECK(ldb_tt_string_needs_header("-42", 3));
	CHECK(ldb_tt_string_needs_header("42  ", 4));
	CHECK(!ldb_tt_string_needs_header("042", 3));
	CHECK(!ldb_tt_string_needs_header("+42", 3));
	CHECK(!ldb_tt_string_needs_header(" 42", 3));
	CHECK(!ldb_tt_string_needs_header("4.2", 3));
	CHECK(!ldb_tt_string_needs_header("-0", 2));
	CHECK(ldb_tt_string_needs_header("9223372036854775808", 19));
	CHECK(ldb_tt_string_needs_header("18446744073709551615", 20));
	CHECK(!ldb_tt_string_needs_header("18446744073709551616", 20));
	CHECK(ldb_tt_string_needs_header("9223372036854775807", 19));
	CHECK(!ldb_tt_string_needs_header("42\n", 3));
	/* counters: unsigned canonical decimals go without a header */
	CHECK(ldb_tt_counter_text("0", 1));
	CHECK(ldb_tt_counter_text("42", 2));
	CHECK(ldb_tt_counter_text("42  ", 4));
	CHECK(ldb_tt_counter_text("18446744073709551615", 20));
	CHECK(!ldb_tt_counter_text("-42", 3));
	CHECK(!ldb_tt_counter_text("042", 3));
	CHECK(!ldb_tt_counter_text("18446744073709551616", 20));
	CHECK(!ldb_tt_counter_text("", 0));
}

static void test_canonical_long(void)
{
	int64_t v = 0;

	CHECK(ldb_parse_canonical_long("0", 1, &v) == 1 && v == 0);
	CHECK(ldb_parse_canonical_long("7", 1, &v) == 1 && v == 7);
	CHECK(ldb_parse_canonical_long("-7", 2, &v) == 1 && v == -7);
	CHECK(ldb_parse_canonical_long("1234567890", 10, &v) == 1 && v == 1234567890);
	CHECK(ldb_parse_canonical_long("9223372036854775807", 19, &v) == 1 && v == INT64_MAX);
	CHECK(ldb_parse_canonical_long("-9223372036854775808", 20, &v) == 1 && v == INT64_MIN);
	CHECK(ldb_parse_canonical_long("5  ", 3, &v) == 1 && v == 5);
	CHECK(ldb_parse_canonical_long("9223372036854775808", 19, &v) == 2);
	CHECK(ldb_parse_canonical_long("18446744073709551615", 20, &v) == 2);
	CHECK(ldb_parse_canonical_long("18446744073709551615 ", 21, &v) == 2);
	CHECK(ldb_parse_canonical_long("18446744073709551616", 20, &v) == 0);
	CHECK(ldb_parse_canonical_long("-9223372036854775809", 20, &v) == 0);
	CHECK(ldb_parse_canonical_long("-18446744073709551615", 21, &v) == 0);
	CHECK(ldb_parse_canonical_long("99999999999999999999", 20, &v) == 0);
	CHECK(ldb_parse_canonical_long("100000000000000000000", 21, &v) == 0);
	CHECK(ldb_parse_canonical_long("", 0, &v) == 0);
	CHECK(ldb_parse_canonical_long(" ", 1, &v) == 0);
	CHECK(ldb_parse_canonical_long("-", 1, &v) == 0);
	CHECK(ldb_parse_canonical_long("- 1", 3, &v) == 0);
	CHECK(ldb_parse_canonical_long("--1", 3, &v) == 0);
	CHECK(ldb_parse_canonical_long("-0", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("00", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("01", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("+1", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long(" 1", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("1x", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("1\0", 2, &v) == 0);
	CHECK(ldb_parse_canonical_long("1 2", 3, &v) == 0);
	CHECK(ldb_parse_canonical_long("1e3", 3, &v) == 0);
	CHECK(ldb_parse_canonical_long("12", 1, &v) == 1 && v == 1);	/* the length is what counts */
	CHECK(ldb_parse_canonical_long(NULL, 0, &v) == 0);

	/* every int64 written by ldb_format_long reads back */
	for (int i = 0; i < 100000; i++) {
		char buf[LDB_LONG_TEXT_MAX + 1];
		int64_t x = (int64_t)(((uint64_t)rnd() << 32) ^ ((uint64_t)rnd() << 16) ^ rnd());
		size_t n;

		if (i % 3 == 1) {
			x >>= rnd() % 63;
		}
		n = ldb_format_long(buf, x);
		buf[n] = 0;
		CHECKF(ldb_parse_canonical_long(buf, n, &v) == 1 && v == x, "%s", buf);
		if (t_fail > 20) {
			break;
		}
	}
}

static void test_long_text(void)
{
	int64_t v = 0;

	CHECK(ldb_parse_long_text("42", 2, &v) == 1 && v == 42);
	CHECK(ldb_parse_long_text("0 ", 2, &v) == 1 && v == 0);
	CHECK(ldb_parse_long_text("13      ", 8, &v) == 1 && v == 13);
	CHECK(ldb_parse_long_text(" -5\r\n", 5, &v) == 1 && v == -5);
	CHECK(ldb_parse_long_text("+5", 2, &v) == 1 && v == 5);
	CHECK(ldb_parse_long_text("007", 3, &v) == 1 && v == 7);
	CHECK(ldb_parse_long_text("-0", 2, &v) == 1 && v == 0);
	CHECK(ldb_parse_long_text("00000000000000000000000000001", 29, &v) == 1 && v == 1);
	CHECK(ldb_parse_long_text("9223372036854775807", 19, &v) == 1 && v == INT64_MAX);
	CHECK(ldb_parse_long_text("-9223372036854775808", 20, &v) == 1 && v == INT64_MIN);
	CHECK(ldb_parse_long_text("9223372036854775808", 19, &v) == 2);
	CHECK(ldb_parse_long_text("18446744073709551615", 20, &v) == 2);
	CHECK(ldb_parse_long_text("123456789012345678901234567890", 30, &v) == 2);
	CHECK(ldb_parse_long_text("-9223372036854775809", 20, &v) == 2);
	CHECK(ldb_parse_long_text("", 0, &v) == 0);
	CHECK(ldb_parse_long_text("   ", 3, &v) == 0);
	CHECK(ldb_parse_long_text("-", 1, &v) == 0);
	CHECK(ldb_parse_long_text("abc", 3, &v) == 0);
	CHECK(ldb_parse_long_text("12abc", 5, &v) == 0);
	CHECK(ldb_parse_long_text("1 2", 3, &v) == 0);
	CHECK(ldb_parse_long_text("1.5", 3, &v) == 0);
	CHECK(ldb_parse_long_text("--1", 3, &v) == 0);
	CHECK(ldb_parse_long_text(NULL, 0, &v) == 0);
}

static void test_format_long(void)
{
	char buf[LDB_LONG_TEXT_MAX];
	size_t n;

	n = ldb_format_long(buf, 0);
	CHECK(n == 1 && memcmp(buf, "0", 1) == 0);
	n = ldb_format_long(buf, -1);
	CHECK(n == 2 && memcmp(buf, "-1", 2) == 0);
	n = ldb_format_long(buf, INT64_MAX);
	CHECK(n == 19 && memcmp(buf, "9223372036854775807", 19) == 0);
	n = ldb_format_long(buf, INT64_MIN);
	CHECK(n == 20 && memcmp(buf, "-9223372036854775808", 20) == 0);
	n = ldb_format_long(buf, 1000000);
	CHECK(n == 7 && memcmp(buf, "1000000", 7) == 0);
}

static int mp(const char *s, size_t n)
{
	/* a heap copy of the exact size: ASan catches a read past the end */
	unsigned char *b = malloc(n ? n : 1);
	int r;

	memcpy(b, s, n);
	r = ldb_msgpack_well_formed(b, n);
	free(b);
	return r;
}

#define MP(lit) mp(lit, sizeof(lit) - 1)

static void test_msgpack_check(void)
{
	/* what the msgpack extension writes for [1, 2, ["x" => new Foo]] (php_only mode: an object
	 * is a map whose nil key names the class), then its every prefix */
	static const char foo[] = "\x93\x01\x02\x81\xa1x\x82\xc0\xa3" "Foo\xa1" "a\x01";
	size_t n = sizeof(foo) - 1;

	CHECK(mp(foo, n) == 1);
	for (size_t k = 0; k < n; k++) {
		CHECKF(mp(foo, k) == 0, "prefix of %zu bytes", k);
	}
	/* a string cut short inside the object: the input that makes the extension free twice */
	CHECK(MP("\x93\x71\x02\x81\xa1\x78\x82\xc0\x93\x46\x6f\x6f\xa1\x61\xb5") == 0);
	/* trailing bytes */
	{
		char more[sizeof(foo)];

		memcpy(more, foo, n);
		more[n] = 0x01;
		CHECK(mp(more, n + 1) == 0);
	}
	/* scalars of every width */
	CHECK(MP("\x00") && MP("\x7f") && MP("\xe0") && MP("\xff") && MP("\xc0") && MP("\xc2") && MP("\xc3"));
	CHECK(MP("\xcc\x01") && MP("\xcd\x01\x02") && MP("\xce\x01\x02\x03\x04"));
	CHECK(MP("\xcf\x01\x02\x03\x04\x05\x06\x07\x08") && MP("\xd3\x01\x02\x03\x04\x05\x06\x07\x08"));
	CHECK(MP("\xca\x01\x02\x03\x04") && MP("\xcb\x01\x02\x03\x04\x05\x06\x07\x08"));
	CHECK(!MP("\xcb\x01\x02\x03\x04\x05\x06\x07"));
	CHECK(!MP("\xcd\x01"));
	CHECK(!MP("\xc1"));
	CHECK(!MP(""));
	CHECK(ldb_msgpack_well_formed(NULL, 0) == 0);
	/* strings, bin, ext */
	CHECK(MP("\xa0") && MP("\xa3" "abc") && !MP("\xa3" "ab") && !MP("\xa3" "abcd"));
	CHECK(MP("\xd9\x03" "abc") && !MP("\xd9\x04" "abc") && !MP("\xd9"));
	CHECK(MP("\xda\x00\x02" "ab") && !MP("\xda\x00"));
	CHECK(MP("\xdb\x00\x00\x00\x01" "a") && !MP("\xdb\xff\xff\xff\xff" "a"));
	CHECK(MP("\xc4\x02" "ab") && MP("\xc5\x00\x01" "a") && MP("\xc6\x00\x00\x00\x00"));
	CHECK(MP("\xc7\x02\x05" "ab") && !MP("\xc7\x02\x05" "a") && MP("\xc8\x00\x01\x05" "a") && MP("\xc9\x00\x00\x00\x00\x05"));
	CHECK(MP("\xd4\x05" "a") && MP("\xd5\x05" "ab") && MP("\xd6\x05" "abcd") && MP("\xd7\x05" "abcdefgh"));
	CHECK(MP("\xd8\x05" "abcdefghijklmnop") && !MP("\xd8\x05" "abcdefghijklmno"));
	/* containers */
	CHECK(MP("\x90") && MP("\x80") && MP("\x92\x01\x02") && !MP("\x92\x01") && !MP("\x91"));
	CHECK(MP("\x81\x01\x02") && !MP("\x81\x01"));
	CHECK(MP("\xdc\x00\x02\x01\x02") && !MP("\xdc\x00\x03\x01\x02") && !MP("\xdc\x00"));
	CHECK(MP("\xde\x00\x01\x01\x02") && !MP("\xde\x00\x01\x01"));
	/* a container claiming far more elements than there are bytes */
	CHECK(!MP("\xdd\xff\xff\xff\xff\x01\x02"));
	CHECK(!MP("\xdf\x7f\xff\xff\xff\x01\x02"));
	/* deep nesting is fine as long as it is complete */
	{
		size_t depth = 100000;
		char *d = malloc(depth + 1);

		memset(d, 0x91, depth);
		d[depth] = 0x01;
		CHECK(mp(d, depth + 1) == 1);
		CHECK(mp(d, depth) == 0);
		free(d);
	}
	/* random bytes: no crash, no read past the end */
	for (int i = 0; i < 100000; i++) {
		size_t l = rnd() % 40;
		unsigned char r[40];

		fill_random(r, l);
		(void)mp((const char *)r, l);
	}
}

int main(void)
{
	t_rng = 0x2545f4914f6cdd1dull;
	test_flags();
	test_keep_rule();
	test_methods();
	test_corrupt_payloads();
	test_foreign_zlib();
	test_tt_header();
	test_canonical_long();
	test_long_text();
	test_format_long();
	test_msgpack_check();
	return DONE();
}
