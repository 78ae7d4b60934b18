/*
 * Value formats (src/php/ldb_format.h) on any bytes: what a server hands back
 * is decoded here before PHP sees it.
 *
 * The first byte picks what the rest is:
 *   0  a compressed payload (next byte: method) as found in an item: the length
 *      check, then decompression into a buffer of exactly the length it allows;
 *      anything that decompresses compresses and decompresses back to itself;
 *      a wrong expected length is always refused
 *   1  data to compress with each method and decompress back; the result fits
 *      the bound, and a cap below it is respected
 *   2  item flags and a Tokyo Tyrant header: method and header round trips
 *   3  numbers: canonical and lenient integer text against references, and the
 *      print/parse round trip of int64
 * Buffers are allocated at their exact size so that AddressSanitizer sees a
 * single byte read or written past them.
 */
#include "ldb_format.h"
#include "fuzz.h"

#include <stdint.h>
#include <string.h>

/* Decompressed sizes above this are checked but not allocated (speed). */
#define ALLOC_MAX ((size_t)4 << 20)

static void round_trip(int method, const uint8_t *p, size_t len)
{
	size_t cap, n, olen = 0, small;
	uint8_t *c, *back;

	if (!ldb_method_available(method)) {
		return;
	}
	cap = ldb_compress_bound(method, len);
	FUZZ_CHECK(cap > LDB_COMPRESSED_PREFIX);
	c = malloc(cap);
	n = ldb_compress(method, p, len, c, cap);
	if (len == 0) {
		FUZZ_CHECK(n == 0);
		free(c);
		return;
	}
	FUZZ_CHECK(n > LDB_COMPRESSED_PREFIX && n <= cap);
	FUZZ_CHECK(ldb_compressed_len(method, c, n, &olen) == 0 && olen == len);
	back = malloc(len);
	FUZZ_CHECK(ldb_decompress(method, c, n, back, len) == 0);
	FUZZ_CHECK(memcmp(back, p, len) == 0);
	free(back);
	/* with the "worth keeping" cap: either nothing or something that fits */
	small = ldb_compress_max_stored(len);
	if (small > 0) {
		uint8_t *s = malloc(small);
		size_t m = ldb_compress(method, p, len, s, small);
		FUZZ_CHECK(m == 0 || (m <= small && m > LDB_COMPRESSED_PREFIX));
		free(s);
	}
	free(c);
}

static void decompress(int method, const uint8_t *p, size_t len)
{
	size_t olen = 0;
	uint8_t *out;

	if (ldb_compressed_len(method, p, len, &olen) != 0) {
		/* refused by the check: decompression refuses it too, whatever length is asked */
		uint8_t one[1];
		FUZZ_CHECK(ldb_decompress(method, p, len, one, 1) == -1);
		return;
	}
	FUZZ_CHECK(olen > 0 && olen <= LDB_MAX_VALUE_LEN);
	if (olen > ALLOC_MAX) {
		return;
	}
	out = malloc(olen);
	if (ldb_decompress(method, p, len, out, olen) == 0) {
		round_trip(method, out, olen);
	}
	/* the room must be exactly the announced length */
	if (olen > 1) {
		FUZZ_CHECK(ldb_decompress(method, p, len, out, olen - 1) == -1);
	}
	free(out);
}

static void flags(const uint8_t *p, size_t len)
{
	uint32_t f, parsed = 0;
	int m;
	uint8_t hdr[LDB_TT_HEADER_LEN];

	if (len < 4) {
		return;
	}
	f = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	m = ldb_flags_method(f);
	FUZZ_CHECK(m >= -2 && m < LDB_METHOD_COUNT);
	if (m >= 0) {
		FUZZ_CHECK(ldb_method_flags(m) == (f & LDB_FLAG_COMPRESSION_MASK));
		FUZZ_CHECK(strcmp(ldb_method_name(m), "unknown") != 0);
	} else if (m == -1) {
		FUZZ_CHECK((f & LDB_FLAG_COMPRESSION_MASK) == 0);
	}
	if (ldb_tt_flags_valid(f)) {
		FUZZ_CHECK(f <= 0xff && (f & LDB_FLAG_TYPE_MASK) <= LDB_TYPE_MAX && m != -2);
		ldb_tt_header_write(hdr, f);
		FUZZ_CHECK(ldb_tt_header_parse(hdr, sizeof(hdr), &parsed) == 1 && parsed == f);
		/* a header is never mistaken for plain text that needs none */
		FUZZ_CHECK(ldb_tt_string_needs_header(hdr, sizeof(hdr)) == 1);
	}
	p += 4;
	len -= 4;
	if (ldb_tt_header_parse(p, len, &parsed) == 1) {
		FUZZ_CHECK(len >= LDB_TT_HEADER_LEN && memcmp(p, LDB_TT_MAGIC, LDB_TT_MAGIC_LEN) == 0);
		FUZZ_CHECK(parsed == p[LDB_TT_MAGIC_LEN] && ldb_tt_flags_valid(parsed));
	}
	/* a string stored without a header must read back as that string: no header, not an int */
	if (!ldb_tt_string_needs_header(p, len)) {
		int64_t v;
		FUZZ_CHECK(ldb_tt_header_parse(p, len, &parsed) == 0);
		FUZZ_CHECK(ldb_parse_canonical_long((const char *)p, len, &v) == 0);
	}
}

static int blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ldb_parse_long_text() written again from its description, in 128-bit arithmetic. */
static int ref_long_text(const uint8_t *p, size_t len, int64_t *out)
{
	size_t i = 0, end = len;
	int neg = 0;
	unsigned __int128 mag = 0, cap = (unsigned __int128)1 << 80;

	while (i < end && blank(p[i])) i++;
	while (end > i && blank(p[end - 1])) end--;
	if (i < end && (p[i] == '+' || p[i] == '-')) {
		neg = p[i++] == '-';
	}
	if (i == end) {
		return 0;
	}
	for (size_t j = i; j < end; j++) {
		if (p[j] < '0' || p[j] > '9') {
			return 0;
		}
		if (mag < cap) {
			mag = mag * 10 + (p[j] - '0');
		}
	}
	if (neg ? mag > (unsigned __int128)INT64_MAX + 1 : mag > (unsigned __int128)INT64_MAX) {
		return 2;
	}
	*out = neg ? (int64_t)(0 - (uint64_t)mag) : (int64_t)mag;
	return 1;
}

/* ldb_parse_canonical_long() written again from its description: trailing spaces, an
 * optional '-', digits without a leading zero ("0" alone, never "-0"), INT64_MIN..2^64-1. */
static int ref_canonical(const uint8_t *p, size_t len, int64_t *out)
{
	size_t i = 0, end = len;
	int neg = 0;
	unsigned __int128 mag = 0, cap = (unsigned __int128)1 << 80;

	while (end > 0 && p[end - 1] == ' ') end--;
	if (end > 0 && p[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == end || (p[i] == '0' && (end - i > 1 || neg))) {
		return 0;
	}
	for (size_t j = i; j < end; j++) {
		if (p[j] < '0' || p[j] > '9') {
			return 0;
		}
		if (mag < cap) {
			mag = mag * 10 + (p[j] - '0');
		}
	}
	if (neg) {
		if (mag > (unsigned __int128)INT64_MAX + 1) {
			return 0;
		}
		*out = (int64_t)(0 - (uint64_t)mag);
		return 1;
	}
	if (mag > UINT64_MAX) {
		return 0;
	}
	if (mag > INT64_MAX) {
		return 2;
	}
	*out = (int64_t)mag;
	return 1;
}

static void numbers(const uint8_t *p, size_t len)
{
	char buf[LDB_LONG_TEXT_MAX + 1];
	int64_t v = 0, w = 0;
	int r, want;
	size_t n;

	r = ldb_parse_long_text((const char *)p, len, &v);
	want = ref_long_text(p, len, &w);
	FUZZ_CHECK(r == want);
	if (r == 1) {
		FUZZ_CHECK(v == w);
	}
	r = ldb_parse_canonical_long((const char *)p, len, &v);
	want = ref_canonical(p, len, &w);
	FUZZ_CHECK(r == want);
	if (r != 0) {
		/* canonical text needs a header on Tyrant to stay a string */
		FUZZ_CHECK(ldb_tt_string_needs_header(p, len) == 1);
	}
	if (r == 1) {
		size_t end = len;
		while (end > 0 && p[end - 1] == ' ') end--;
		/* canonical: printing the value gives back the text */
		FUZZ_CHECK(v == w);
		n = ldb_format_long(buf, v);
		FUZZ_CHECK(n == end && memcmp(buf, p, n) == 0);
	}
	if (len >= 8) {
		uint64_t u = 0;
		for (int i = 0; i < 8; i++) {
			u = u << 8 | p[i];
		}
		v = (int64_t)u;
		n = ldb_format_long(buf, v);
		FUZZ_CHECK(n >= 1 && n <= LDB_LONG_TEXT_MAX);
		FUZZ_CHECK(ldb_parse_canonical_long(buf, n, &w) == 1 && w == v);
		FUZZ_CHECK(ldb_parse_long_text(buf, n, &w) == 1 && w == v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2) {
		return 0;
	}
	switch (data[0] % 4) {
		case 0:
			decompress(data[1] % LDB_METHOD_COUNT, data + 2, size - 2);
			break;
		case 1:
			for (int m = 0; m < LDB_METHOD_COUNT; m++) {
				round_trip(m, data + 1, size - 1);
			}
			break;
		case 2:
			flags(data + 1, size - 1);
			break;
		case 3:
			numbers(data + 1, size - 1);
			break;
	}
	return 0;
}
