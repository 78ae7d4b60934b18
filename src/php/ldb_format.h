/*
 * LocalDb value formats, the parts that need no PHP: item flags, compression with its length
 * prefix, the Tokyo Tyrant in-value header, and decimal integers. Plain C (no Zend header), so
 * it is unit-tested (tests/core/test_format.c) and fuzzed without PHP. ldb_codec.c turns zvals
 * into these bytes and back.
 *
 * memcached backend: php-memcached 3.x's layout, so the Memcached class and LocalDb read each
 * other's items. The item flags say what the bytes are:
 *
 *   bits 0-3   type: 0 string, 1 long (decimal text), 2 double (text), 3 bool ("1" or ""),
 *              4 PHP serialize(), 5 igbinary, 6 JSON, 7 msgpack
 *   bit  4     compressed, with exactly one of
 *   bits 5-7   0x20 zlib, 0x40 FastLZ, 0x80 zstd
 *   bits 8-31  not used by LocalDb (php-memcached keeps user flags in bits 16-31): ignored
 *
 * A compressed payload is a 4-byte little-endian original length followed by the compressed
 * data (php-memcached copies a host-order uint32_t: the same bytes on every little-endian
 * host, which is every host it is packaged for). zlib data is a zlib stream (compress()),
 * FastLZ a FastLZ block (ldb_fastlz.h), zstd one zstd frame.
 *
 * tyrant backend: Tokyo Tyrant stores no flags, so what they carry goes into the value, in a
 * header that is there only when it is needed:
 *
 *   byte 0..2  0x00 'L' 'D'     magic
 *   byte 3     flags, as above (type | compression bits); only these 32 combinations are valid
 *   byte 4..   the payload, exactly as it would be stored on memcached with those flags
 *
 * Without a header a value is a number when it is canonical decimal integer text ("0", or an
 * optional '-' and digits without a leading zero, from INT64_MIN to 2^64 - 1, optionally
 * followed by spaces, which memcached's decr leaves behind): an int, or a float above
 * INT64_MAX (Tyrant's incr wraps at 2^64). Anything else is a string. So:
 *   - an integer LocalDb stores is plain decimal text, which the server's incr/decr work on;
 *   - a string another client wrote reads back unchanged, unless it begins with the 4 bytes
 *     of a valid header (magic and a valid flags byte) or is canonical decimal text, which
 *     reads back as a number;
 *   - LocalDb writes every string that begins with the magic or is canonical decimal text
 *     with a header (type string, uncompressed), so every string it writes reads back
 *     unchanged; every other type always carries a header.
 */
#ifndef LDB_FORMAT_H
#define LDB_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* item flags */
#define LDB_FLAG_TYPE_MASK			0x0fu
#define LDB_TYPE_STRING				0
#define LDB_TYPE_LONG				1
#define LDB_TYPE_DOUBLE				2
#define LDB_TYPE_BOOL				3
#define LDB_TYPE_PHP				4
#define LDB_TYPE_IGBINARY			5
#define LDB_TYPE_JSON				6
#define LDB_TYPE_MSGPACK			7
#define LDB_TYPE_MAX				7

#define LDB_FLAG_COMPRESSED			0x10u
#define LDB_FLAG_ZLIB				0x20u
#define LDB_FLAG_FASTLZ				0x40u
#define LDB_FLAG_ZSTD				0x80u
#define LDB_FLAG_COMPRESSION_MASK	0xf0u

/* compression methods: the same numbers as ldb_compression in ldb_codec.h */
#define LDB_METHOD_ZLIB				0
#define LDB_METHOD_FASTLZ			1
#define LDB_METHOD_ZSTD				2
#define LDB_METHOD_COUNT			3

/* the original length in front of compressed data */
#define LDB_COMPRESSED_PREFIX		4

/* Largest value a decoder allocates for: memcached's own upper limit on an item (-I 1024m).
 * A length field above it, or above what the compressed size can expand to, is corruption. */
#define LDB_MAX_VALUE_LEN			((size_t)1 << 30)

/* Tokyo Tyrant header */
#define LDB_TT_HEADER_LEN			4
#define LDB_TT_MAGIC				"\0LD"
#define LDB_TT_MAGIC_LEN			3

/* decimal text of any int64, with its sign, without a terminating NUL */
#define LDB_LONG_TEXT_MAX			20

/* The method of a compressed item (LDB_METHOD_*), -1 when the flags say uncompressed, -2 when
 * its compression bits are not exactly "compressed" plus one known method. */
int ldb_flags_method(uint32_t flags);

/* The flag bits (compressed | method) for a method, 0 for an unknown one. */
uint32_t ldb_method_flags(int method);

/* Whether this build can (de)compress with a method (zstd is optional). */
int ldb_method_available(int method);

/* Name of a method ("zlib", "fastlz", "zstd"), "unknown" otherwise. */
const char *ldb_method_name(int method);

/*
 * Compression rule: a value is compressed only when it is at least the threshold long, and
 * the result is kept only when the stored payload (length prefix + compressed data) is
 * smaller than the original by at least the factor 1.3 (php-memcached's default
 * compression_factor): original > 1.3 * stored. This is the largest stored size that passes.
 */
size_t ldb_compress_max_stored(size_t len);

/* Room a successful ldb_compress() of len bytes may need (prefix included). */
size_t ldb_compress_bound(int method, size_t len);

/*
 * Compress in[0..len) with a method into out (cap bytes): the 4-byte length, then the data.
 * Returns the bytes written, or 0 when the method is not available, len is 0 or too long for
 * the method or the prefix, or the result does not fit in cap (pass ldb_compress_max_stored()
 * as cap to give up as soon as compressing cannot pay off).
 */
size_t ldb_compress(int method, const void *in, size_t len, void *out, size_t cap);

/*
 * Check a compressed payload before decompressing it: the prefix is there, and the original
 * length it gives is within LDB_MAX_VALUE_LEN and within what the compressed bytes can expand
 * to with that method. Returns 0 and the original length, or -1.
 */
int ldb_compressed_len(int method, const void *p, size_t len, size_t *orig_len);

/* Decompress a payload (prefix included) into out, which has room for exactly orig_len bytes
 * (from ldb_compressed_len()). Returns 0 when the data decompressed to exactly orig_len bytes,
 * -1 when it is corrupt, truncated, longer or shorter, or the method is not available. */
int ldb_decompress(int method, const void *p, size_t len, void *out, size_t orig_len);

/* Whether a flags value is one a Tokyo Tyrant header may carry: a type 0..7, and either no
 * compression bits or "compressed" plus exactly one method. */
int ldb_tt_flags_valid(uint32_t flags);

/* 1 and the flags when p begins with a valid header (its payload starts at
 * LDB_TT_HEADER_LEN), 0 when the value has none. */
int ldb_tt_header_parse(const void *p, size_t len, uint32_t *flags);

/* Write the 4 header bytes for flags (valid ones: see ldb_tt_flags_valid()). */
void ldb_tt_header_write(void *out, uint32_t flags);

/* Whether a string must be written with a header on Tokyo Tyrant to read back as that same
 * string: it begins with the magic, or reads as a canonical integer. */
int ldb_tt_string_needs_header(const void *p, size_t len);
/* 1 when a string is a canonical unsigned decimal number (what a counter holds,
 * up to 2^64 - 1): stored without a header on Tokyo Tyrant so that its incr and
 * decr count on it. */
int ldb_tt_counter_text(const void *p, size_t len);

/* Canonical decimal integer text (see above; the form a headerless Tyrant value must have to
 * read as a number): 1 and the value when it is in the int64 range; 2 when it is above it but
 * within 2^64 - 1 (a counter the server incremented past INT64_MAX: read it as a float); 0 when
 * it is not canonical integer text. */
int ldb_parse_canonical_long(const char *p, size_t len, int64_t *out);

/* The text of an item flagged long, read like php-memcached (which uses strtol) but strictly:
 * optional blanks, an optional sign, at least one digit, then only blanks (memcached pads a
 * number that incr/decr made shorter with spaces). Returns 1 and the value; 2 when it is a
 * valid integer outside the int64 range (memcached counters are unsigned 64-bit); 0 when it
 * is not an integer. */
int ldb_parse_long_text(const char *p, size_t len, int64_t *out);

/* Write v in decimal into buf (at least LDB_LONG_TEXT_MAX bytes); returns the length. */
size_t ldb_format_long(char *buf, int64_t v);

/*
 * Whether p[0..len) is exactly one complete msgpack object: every type byte known, every
 * length within the buffer, every array and map with all its elements, nothing after it.
 * The msgpack extension frees memory twice on some truncated input (a value cut short inside
 * an object), so the codec checks the structure before handing it the bytes.
 */
int ldb_msgpack_well_formed(const void *p, size_t len);

#endif
