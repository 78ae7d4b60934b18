/*
 * LocalDb value formats without PHP: see ldb_format.h for the layouts.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#elif !defined(LDB_NO_ZSTD) && !defined(HAVE_LOCALDB_ZSTD)
/* built on its own (C tests, fuzzers): those builds link -lzstd */
# define HAVE_LOCALDB_ZSTD 1
#endif

#include "ldb_format.h"
#include "ldb_fastlz.h"

#include <string.h>
#include <zlib.h>
#ifdef HAVE_LOCALDB_ZSTD
# include <zstd.h>
#endif

/* How far each method can expand data at most (output bytes per compressed byte, rounded
 * up), so that a length field can be checked against the compressed size before anything
 * is allocated. deflate: 258 bytes from a match of at least 2 bits (about 1032:1); FastLZ: a
 * level 2 length byte of 255 adds 255 bytes; zstd: one byte of an RLE block gives up to
 * 128 KiB, next to a 3-byte block header. */
#define LDB_ZLIB_MAX_RATIO		1040
#define LDB_FASTLZ_MAX_RATIO	256
#define LDB_ZSTD_MAX_RATIO		32768

/* zstd level 3 is zstd's own default and what php-memcached uses by default */
#define LDB_ZSTD_LEVEL			3

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)((v >> 8) & 0xff);
	p[2] = (unsigned char)((v >> 16) & 0xff);
	p[3] = (unsigned char)((v >> 24) & 0xff);
}

static uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

int ldb_flags_method(uint32_t flags)
{
	switch (flags & LDB_FLAG_COMPRESSION_MASK) {
		case 0:
			return -1;
		case LDB_FLAG_COMPRESSED | LDB_FLAG_ZLIB:
			return LDB_METHOD_ZLIB;
		case LDB_FLAG_COMPRESSED | LDB_FLAG_FASTLZ:
			return LDB_METHOD_FASTLZ;
		case LDB_FLAG_COMPRESSED | LDB_FLAG_ZSTD:
			return LDB_METHOD_ZSTD;
		default:
			/* a method bit without "compressed", "compressed" without a method, or two
			 * methods: no writer does that, so the item is not ours to guess at */
			return -2;
	}
}

uint32_t ldb_method_flags(int method)
{
	switch (method) {
		case LDB_METHOD_ZLIB:
			return LDB_FLAG_COMPRESSED | LDB_FLAG_ZLIB;
		case LDB_METHOD_FASTLZ:
			return LDB_FLAG_COMPRESSED | LDB_FLAG_FASTLZ;
		case LDB_METHOD_ZSTD:
			return LDB_FLAG_COMPRESSED | LDB_FLAG_ZSTD;
		default:
			return 0;
	}
}

int ldb_method_available(int method)
{
	switch (method) {
		case LDB_METHOD_ZLIB:
		case LDB_METHOD_FASTLZ:
			return 1;
		case LDB_METHOD_ZSTD:
#ifdef HAVE_LOCALDB_ZSTD
			return 1;
#else
			return 0;
#endif
		default:
			return 0;
	}
}

const char *ldb_method_name(int method)
{
	switch (method) {
		case LDB_METHOD_ZLIB:
			return "zlib";
		case LDB_METHOD_FASTLZ:
			return "fastlz";
		case LDB_METHOD_ZSTD:
			return "zstd";
		default:
			return "unknown";
	}
}

size_t ldb_compress_max_stored(size_t len)
{
	/* largest s with len > 1.3 * s, i.e. 10 * len > 13 * s, in integers */
	uint64_t l = len;

	if (l == 0) {
		return 0;
	}
	return (size_t)((l * 10 - 1) / 13);
}

size_t ldb_compress_bound(int method, size_t len)
{
	switch (method) {
		case LDB_METHOD_ZLIB:
			return LDB_COMPRESSED_PREFIX + (size_t)compressBound((uLong)len);
		case LDB_METHOD_FASTLZ:
			return LDB_COMPRESSED_PREFIX + ldb_fastlz_bound(len);
#ifdef HAVE_LOCALDB_ZSTD
		case LDB_METHOD_ZSTD:
			return LDB_COMPRESSED_PREFIX + ZSTD_compressBound(len);
#endif
		default:
			return 0;
	}
}

size_t ldb_compress(int method, const void *in, size_t len, void *out, size_t cap)
{
	unsigned char *o = out;
	size_t room, n = 0;

	if (len == 0 || len > UINT32_MAX || in == NULL || out == NULL || cap <= LDB_COMPRESSED_PREFIX) {
		return 0;
	}
	room = cap - LDB_COMPRESSED_PREFIX;
	switch (method) {
		case LDB_METHOD_ZLIB: {
			uLongf dlen = (uLongf)room;

			if ((uLong)len != len || (uLongf)room != room) {
				return 0;
			}
			if (compress2(o + LDB_COMPRESSED_PREFIX, &dlen, in, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK) {
				return 0;
			}
			n = dlen;
			break;
		}
		case LDB_METHOD_FASTLZ:
			n = ldb_fastlz_compress(in, len, o + LDB_COMPRESSED_PREFIX, room, LDB_FASTLZ_LEVEL_AUTO);
			break;
#ifdef HAVE_LOCALDB_ZSTD
		case LDB_METHOD_ZSTD:
			n = ZSTD_compress(o + LDB_COMPRESSED_PREFIX, room, in, len, LDB_ZSTD_LEVEL);
			if (ZSTD_isError(n)) {
				return 0;
			}
			break;
#endif
		default:
			return 0;
	}
	if (n == 0) {
		return 0;
	}
	put_le32(o, (uint32_t)len);
	return LDB_COMPRESSED_PREFIX + n;
}

int ldb_compressed_len(int method, const void *p, size_t len, size_t *orig_len)
{
	const unsigned char *b = p;
	size_t olen, clen, ratio;

	if (p == NULL || len <= LDB_COMPRESSED_PREFIX) {
		return -1;
	}
	olen = get_le32(b);
	clen = len - LDB_COMPRESSED_PREFIX;
	/* nobody compresses an empty value, and a decoder would have nothing to check */
	if (olen == 0 || olen > LDB_MAX_VALUE_LEN) {
		return -1;
	}
	switch (method) {
		case LDB_METHOD_ZLIB:
			ratio = LDB_ZLIB_MAX_RATIO;
			break;
		case LDB_METHOD_FASTLZ:
			ratio = LDB_FASTLZ_MAX_RATIO;
			break;
#ifdef HAVE_LOCALDB_ZSTD
		case LDB_METHOD_ZSTD: {
			unsigned long long fsize = ZSTD_getFrameContentSize(b + LDB_COMPRESSED_PREFIX, clen);

			if (fsize == ZSTD_CONTENTSIZE_ERROR) {
				return -1;
			}
			/* a frame that states its size must agree with the prefix */
			if (fsize != ZSTD_CONTENTSIZE_UNKNOWN && fsize != olen) {
				return -1;
			}
			ratio = LDB_ZSTD_MAX_RATIO;
			break;
		}
#endif
		default:
			return -1;
	}
	if (clen < LDB_MAX_VALUE_LEN / ratio && olen > clen * ratio + 64) {
		return -1;
	}
	*orig_len = olen;
	return 0;
}

int ldb_decompress(int method, const void *p, size_t len, void *out, size_t orig_len)
{
	const unsigned char *src;
	size_t olen, clen;

	if (ldb_compressed_len(method, p, len, &olen) != 0 || olen != orig_len || out == NULL) {
		return -1;
	}
	src = (const unsigned char *)p + LDB_COMPRESSED_PREFIX;
	clen = len - LDB_COMPRESSED_PREFIX;
	switch (method) {
		case LDB_METHOD_ZLIB: {
			uLongf dlen = (uLongf)olen;

			if ((uLong)clen != clen) {
				return -1;
			}
			/* uncompress() fails with Z_BUF_ERROR when the data is longer than the room,
			 * and with Z_DATA_ERROR when it is corrupt or truncated */
			if (uncompress(out, &dlen, src, (uLong)clen) != Z_OK || dlen != olen) {
				return -1;
			}
			return 0;
		}
		case LDB_METHOD_FASTLZ: {
			size_t dlen = 0;

			if (ldb_fastlz_decompress(src, clen, out, olen, &dlen) != 0 || dlen != olen) {
				return -1;
			}
			return 0;
		}
#ifdef HAVE_LOCALDB_ZSTD
		case LDB_METHOD_ZSTD: {
			size_t r = ZSTD_decompress(out, olen, src, clen);

			if (ZSTD_isError(r) || r != olen) {
				return -1;
			}
			return 0;
		}
#endif
		default:
			return -1;
	}
}

int ldb_tt_flags_valid(uint32_t flags)
{
	if (flags > 0xffu || (flags & LDB_FLAG_TYPE_MASK) > LDB_TYPE_MAX) {
		return 0;
	}
	return ldb_flags_method(flags) != -2;
}

int ldb_tt_header_parse(const void *p, size_t len, uint32_t *flags)
{
	const unsigned char *b = p;

	if (p == NULL || len < LDB_TT_HEADER_LEN || memcmp(b, LDB_TT_MAGIC, LDB_TT_MAGIC_LEN) != 0) {
		return 0;
	}
	if (!ldb_tt_flags_valid(b[LDB_TT_MAGIC_LEN])) {
		return 0;
	}
	*flags = b[LDB_TT_MAGIC_LEN];
	return 1;
}

void ldb_tt_header_write(void *out, uint32_t flags)
{
	unsigned char *b = out;

	memcpy(b, LDB_TT_MAGIC, LDB_TT_MAGIC_LEN);
	b[LDB_TT_MAGIC_LEN] = (unsigned char)(flags & 0xff);
}

int ldb_tt_string_needs_header(const void *p, size_t len)
{
	int64_t dummy;

	if (len >= LDB_TT_MAGIC_LEN && memcmp(p, LDB_TT_MAGIC, LDB_TT_MAGIC_LEN) == 0) {
		return 1;
	}
	return ldb_parse_canonical_long(p, len, &dummy) != 0;
}

int ldb_tt_counter_text(const void *p, size_t len)
{
	int64_t v = 0;
	int k = ldb_parse_canonical_long(p, len, &v);

	return k == 2 || (k == 1 && v >= 0);
}

/* Digits p[i..end) as a magnitude: 1 when it fits in limit, 0 when it does not. */
static int parse_magnitude(const char *p, size_t i, size_t end, uint64_t limit, uint64_t *out)
{
	uint64_t v = 0;

	for (; i < end; i++) {
		unsigned d = (unsigned)(p[i] - '0');

		if (v > (limit - d) / 10) {
			return 0;
		}
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

int ldb_parse_canonical_long(const char *p, size_t len, int64_t *out)
{
	size_t i = 0, end, digits_start;
	int neg = 0;
	uint64_t mag;

	if (p == NULL || len == 0) {
		return 0;
	}
	/* trailing spaces: memcached's decr leaves them when the number gets shorter */
	end = len;
	while (end > 0 && p[end - 1] == ' ') {
		end--;
	}
	if (end == 0) {
		return 0;
	}
	if (p[0] == '-') {
		neg = 1;
		i = 1;
	}
	digits_start = i;
	if (i == end || end - i > 20) {
		return 0;
	}
	for (size_t j = i; j < end; j++) {
		if (p[j] < '0' || p[j] > '9') {
			return 0;
		}
	}
	/* "0" alone is canonical; "-0", "00", "01" are not */
	if (p[digits_start] == '0' && (end - digits_start > 1 || neg)) {
		return 0;
	}
	if (!parse_magnitude(p, digits_start, end, neg ? (uint64_t)INT64_MAX + 1 : UINT64_MAX, &mag)) {
		return 0;
	}
	if (!neg && mag > (uint64_t)INT64_MAX) {
		return 2;
	}
	if (neg) {
		*out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	} else {
		*out = (int64_t)mag;
	}
	return 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int ldb_parse_long_text(const char *p, size_t len, int64_t *out)
{
	size_t i = 0, end = len, start;
	int neg = 0;
	uint64_t mag;

	if (p == NULL) {
		return 0;
	}
	while (i < end && is_blank(p[i])) {
		i++;
	}
	while (end > i && is_blank(p[end - 1])) {
		end--;
	}
	if (i < end && (p[i] == '-' || p[i] == '+')) {
		neg = p[i] == '-';
		i++;
	}
	if (i == end) {
		return 0;
	}
	for (size_t j = i; j < end; j++) {
		if (p[j] < '0' || p[j] > '9') {
			return 0;
		}
	}
	/* leading zeros do not change the value, and must not count against the range */
	while (end - i > 1 && p[i] == '0') {
		i++;
	}
	start = i;
	if (end - start > 20 ||
		!parse_magnitude(p, start, end, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &mag)) {
		return 2;
	}
	if (neg) {
		*out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
	} else {
		*out = (int64_t)mag;
	}
	return 1;
}

size_t ldb_format_long(char *buf, int64_t v)
{
	char tmp[LDB_LONG_TEXT_MAX];
	/* the magnitude as unsigned, so INT64_MIN needs no special case */
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	if (v < 0) {
		buf[len++] = '-';
	}
	while (n > 0) {
		buf[len++] = tmp[--n];
	}
	return len;
}

static uint64_t get_be(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++) {
		v = (v << 8) | p[i];
	}
	return v;
}

int ldb_msgpack_well_formed(const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t pos = 0;
	/* objects still to read; each takes at least one byte, which bounds it by the bytes
	 * left, so it cannot overflow */
	uint64_t pending = 1;

	if (p == NULL) {
		return 0;
	}
	while (pending > 0) {
		unsigned c;
		size_t head = 0;		/* bytes of length (or of value) after the type byte */
		uint64_t skip = 0;		/* payload bytes after those */
		uint64_t items = 0;		/* objects the container adds */

		if (pos >= len || pending > len - pos) {
			return 0;
		}
		c = b[pos++];
		pending--;
		if (c <= 0x7f || c >= 0xe0 || c == 0xc0 || c == 0xc2 || c == 0xc3) {
			continue;
		} else if (c >= 0x80 && c <= 0x8f) {
			items = 2 * (uint64_t)(c & 0x0f);
		} else if (c >= 0x90 && c <= 0x9f) {
			items = c & 0x0f;
		} else if (c >= 0xa0 && c <= 0xbf) {
			skip = c & 0x1f;
		} else {
			switch (c) {
				case 0xc4: case 0xd9: head = 1; break;					/* bin8, str8 */
				case 0xc5: case 0xda: head = 2; break;					/* bin16, str16 */
				case 0xc6: case 0xdb: head = 4; break;					/* bin32, str32 */
				case 0xc7: head = 1; skip = 1; break;					/* ext8: length, type */
				case 0xc8: head = 2; skip = 1; break;					/* ext16 */
				case 0xc9: head = 4; skip = 1; break;					/* ext32 */
				case 0xca: skip = 4; break;								/* float32 */
				case 0xcb: skip = 8; break;								/* float64 */
				case 0xcc: case 0xd0: skip = 1; break;					/* (u)int8 */
				case 0xcd: case 0xd1: skip = 2; break;					/* (u)int16 */
				case 0xce: case 0xd2: skip = 4; break;					/* (u)int32 */
				case 0xcf: case 0xd3: skip = 8; break;					/* (u)int64 */
				case 0xd4: skip = 2; break;								/* fixext1: type + data */
				case 0xd5: skip = 3; break;
				case 0xd6: skip = 5; break;
				case 0xd7: skip = 9; break;
				case 0xd8: skip = 17; break;
				case 0xdc: case 0xdd: case 0xde: case 0xdf:				/* array16/32, map16/32 */
					head = (c == 0xdc || c == 0xde) ? 2 : 4;
					if (len - pos < head) {
						return 0;
					}
					items = get_be(b + pos, head) * ((c == 0xde || c == 0xdf) ? 2 : 1);
					pos += head;
					head = 0;
					break;
				default:
					/* 0xc1 is never used */
					return 0;
			}
			if (head > 0) {
				if (len - pos < head) {
					return 0;
				}
				skip += get_be(b + pos, head);
				pos += head;
			}
		}
		if (skip > len - pos) {
			return 0;
		}
		pos += (size_t)skip;
		if (items > len - pos) {
			return 0;
		}
		pending += items;
	}
	return pos == len;
}
