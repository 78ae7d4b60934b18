/*
 * FastLZ levels 1 and 2 (format: see ldb_fastlz.h).
 *
 * The compressor is a greedy LZ77 over a hash table of 3-byte sequences, as FastLZ's own: it
 * keeps the last position of each hash, and at every position either extends a match with
 * the candidate it finds there or moves on by one byte; after a match only the match's last
 * two positions are indexed. It aims to be compatible and safe rather than to match
 * any other implementation byte for byte: every stream it writes decodes with any FastLZ
 * decoder, and the decoder below accepts every valid stream.
 */
#include "ldb_fastlz.h"

#include <string.h>

#define FLZ_HASH_LOG	13
#define FLZ_HASH_SIZE	(1u << FLZ_HASH_LOG)

#define FLZ_MAX_RUN		32		/* literal bytes per control byte */
#define FLZ_MIN_MATCH	3
#define FLZ_L1_MAX_LEN	264		/* 9 + 255 */
#define FLZ_L1_MAX_DIST	8192	/* 13-bit offset, stored minus one */
#define FLZ_L2_NEAR		8191	/* level 2: farther than this needs the 16-bit extension */
#define FLZ_L2_MAX_DIST	(8192 + 65535)
#define FLZ_L2_FAR_MIN	5		/* a far match costs 4 bytes: shorter ones are not worth it */

/* flz_compress_with() is specialised by its constant arguments, once per table width and level */
#if defined(__GNUC__) || defined(__clang__)
# define FLZ_ALWAYS_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
# define FLZ_ALWAYS_INLINE __forceinline
#else
# define FLZ_ALWAYS_INLINE inline
#endif

typedef struct {
	uint8_t *p;
	uint8_t *end;
} flz_out;

/* The first three bytes of p, read as one unaligned 32-bit load (the caller guarantees four
 * readable bytes) with the byte that is not one of the three masked off. Only equality and
 * the hash are taken of it, so the byte order does not matter beyond the mask. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
# define FLZ_MASK3	0xffffff00u
#else
# define FLZ_MASK3	0x00ffffffu
#endif

static inline uint32_t flz_load3(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v & FLZ_MASK3;
}

static inline uint32_t flz_hash(uint32_t v, unsigned shift)
{
	/* multiplicative hashing: the top bits of the product mix all three bytes */
	return (v * 2654435761u) >> shift;
}

/* How many bytes from a and b on are equal, b + result <= end (a < b; they may overlap, as
 * an LZ77 match may). Eight bytes a step: the first differing byte is the lowest set byte of
 * the XOR on a little-endian machine, the highest on a big-endian one. */
static inline size_t flz_match_len(const uint8_t *a, const uint8_t *b, const uint8_t *end)
{
	const uint8_t *start = b;

	while (end - b >= 8) {
		uint64_t x, y;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		x ^= y;
		if (x != 0) {
#if defined(__GNUC__) || defined(__clang__)
# if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			return (size_t)(b - start) + ((unsigned)__builtin_clzll(x) >> 3);
# else
			return (size_t)(b - start) + ((unsigned)__builtin_ctzll(x) >> 3);
# endif
#else
			break;
#endif
		}
		a += 8;
		b += 8;
	}
	while (b < end && *a == *b) {
		a++;
		b++;
	}
	return (size_t)(b - start);
}

static inline int flz_put_literals(flz_out *o, const uint8_t *src, size_t n)
{
	while (n > 0) {
		size_t k = n > FLZ_MAX_RUN ? FLZ_MAX_RUN : n;

		if ((size_t)(o->end - o->p) < k + 1) {
			return 0;
		}
		*o->p++ = (uint8_t)(k - 1);
		memcpy(o->p, src, k);
		o->p += k;
		src += k;
		n -= k;
	}
	return 1;
}

static inline int flz_put_match_l1(flz_out *o, size_t n, size_t d)
{
	size_t ofs = d - 1;

	while (n > 0) {
		size_t k = n;

		if (k > FLZ_L1_MAX_LEN) {
			/* never leave a tail shorter than a match can be */
			k = (n - FLZ_L1_MAX_LEN < FLZ_MIN_MATCH) ? n - FLZ_MIN_MATCH : FLZ_L1_MAX_LEN;
		}
		if (k <= 8) {
			if (o->end - o->p < 2) {
				return 0;
			}
			*o->p++ = (uint8_t)(((k - 2) << 5) | (ofs >> 8));
		} else {
			if (o->end - o->p < 3) {
				return 0;
			}
			*o->p++ = (uint8_t)((7 << 5) | (ofs >> 8));
			*o->p++ = (uint8_t)(k - 9);
		}
		*o->p++ = (uint8_t)(ofs & 255);
		n -= k;
	}
	return 1;
}

static inline int flz_put_match_l2(flz_out *o, size_t n, size_t d)
{
	size_t ofs = d - 1, far = 0, f = n - FLZ_MIN_MATCH, need;
	int is_far = ofs >= FLZ_L2_NEAR;
	unsigned hi, lo;

	if (is_far) {
		/* (31, 255) in the short offset fields is the marker of a 16-bit offset */
		hi = 31;
		lo = 255;
		far = ofs - FLZ_L2_NEAR;
	} else {
		hi = (unsigned)(ofs >> 8);
		lo = (unsigned)(ofs & 255);
	}
	need = 2 + (f >= 6 ? (f - 6) / 255 + 1 : 0) + (is_far ? 2 : 0);
	if ((size_t)(o->end - o->p) < need) {
		return 0;
	}
	if (f < 6) {
		*o->p++ = (uint8_t)(((f + 1) << 5) | hi);
	} else {
		size_t r = f - 6;

		*o->p++ = (uint8_t)((7 << 5) | hi);
		while (r >= 255) {
			*o->p++ = 255;
			r -= 255;
		}
		*o->p++ = (uint8_t)r;
	}
	*o->p++ = (uint8_t)lo;
	if (is_far) {
		*o->p++ = (uint8_t)(far >> 8);
		*o->p++ = (uint8_t)(far & 255);
	}
	return 1;
}

size_t ldb_fastlz_bound(size_t len)
{
	/* all literals: one control byte per 32 bytes; a match never costs more than the bytes
	 * it replaces plus the control byte it may add to the literal run that follows it */
	return len + len / FLZ_MAX_RUN + 2;
}

/*
 * The search. The hash table holds, per hash of 3 bytes, the last position seen with it; it
 * starts all zeros, which reads as "position 0": a real position, checked like any other, so
 * no entry needs a "none" value. Inputs of up to 64 KiB keep positions in 16 bits, and the
 * table has one slot per two to four input bytes (from 2^10 to 2^13, FastLZ's): clearing it is
 * part of every call's cost, and a small value does not need 8192 slots.
 */
static FLZ_ALWAYS_INLINE size_t flz_compress_with(const uint8_t *src, size_t len, flz_out *o,
	int level, unsigned hash_log, uint16_t *t16, uint32_t *t32)
{
	const unsigned shift = 32 - hash_log;
	const size_t max_dist = level == 1 ? FLZ_L1_MAX_DIST : FLZ_L2_MAX_DIST;
	/* positions below limit have four readable bytes, for flz_load3 */
	const size_t limit = len >= 4 ? len - 3 : 0;
	size_t ip = 1, anchor = 0;

	/* position 0 cannot match (nothing precedes it): it only goes into the table, where the
	 * zeros already say 0 */
	while (ip < limit) {
		uint32_t v = flz_load3(src + ip);
		uint32_t h = flz_hash(v, shift);
		size_t ref = t16 != NULL ? t16[h] : t32[h], d = ip - ref;

		if (t16 != NULL) {
			t16[h] = (uint16_t)ip;
		} else {
			t32[h] = (uint32_t)ip;
		}
		if (d - 1 < max_dist && flz_load3(src + ref) == v) {
			size_t n = FLZ_MIN_MATCH + flz_match_len(src + ref + FLZ_MIN_MATCH, src + ip + FLZ_MIN_MATCH, src + len);

			if (!(level == 2 && d > FLZ_L2_NEAR && n < FLZ_L2_FAR_MIN)) {
				size_t end = ip + n, k;

				if (!flz_put_literals(o, src + anchor, ip - anchor)) {
					return 0;
				}
				if (!(level == 1 ? flz_put_match_l1(o, n, d) : flz_put_match_l2(o, n, d))) {
					return 0;
				}
				/* index the match's last two positions, as FastLZ does: the ones inside it
				 * would cost a hash each and seldom start a better match */
				for (k = end - 2; k < end && k < limit; k++) {
					if (t16 != NULL) {
						t16[flz_hash(flz_load3(src + k), shift)] = (uint16_t)k;
					} else {
						t32[flz_hash(flz_load3(src + k), shift)] = (uint32_t)k;
					}
				}
				ip = anchor = end;
				continue;
			}
		}
		ip++;
	}
	if (!flz_put_literals(o, src + anchor, len - anchor)) {
		return 0;
	}
	return 1;
}

size_t ldb_fastlz_compress(const void *in, size_t len, void *out, size_t cap, int level)
{
	union {
		uint16_t t16[FLZ_HASH_SIZE];
		uint32_t t32[FLZ_HASH_SIZE];
	} table;
	flz_out o;
	unsigned hash_log = FLZ_HASH_LOG;
	size_t ok;

	if (len == 0 || len > LDB_FASTLZ_MAX_INPUT || in == NULL || out == NULL) {
		return 0;
	}
	if (level == LDB_FASTLZ_LEVEL_AUTO) {
		level = len < 65536 ? 1 : 2;
	}
	if (level != 1 && level != 2) {
		return 0;
	}
	o.p = out;
	o.end = o.p + cap;
	while (hash_log > 10 && ((size_t)1 << (hash_log + 1)) > len) {
		hash_log--;
	}
	if (len <= 65536) {
		memset(table.t16, 0, sizeof(uint16_t) << hash_log);
		ok = level == 1 ? flz_compress_with(in, len, &o, 1, hash_log, table.t16, NULL)
			: flz_compress_with(in, len, &o, 2, hash_log, table.t16, NULL);
	} else {
		memset(table.t32, 0, sizeof(uint32_t) << hash_log);
		ok = level == 1 ? flz_compress_with(in, len, &o, 1, hash_log, NULL, table.t32)
			: flz_compress_with(in, len, &o, 2, hash_log, NULL, table.t32);
	}
	if (!ok) {
		return 0;
	}
	/* the first instruction is always a literal run (nothing precedes it to match), so its
	 * control byte is below 32 and its top bits are free to carry the level */
	if (level == 2) {
		*(uint8_t *)out |= (1 << 5);
	}
	return (size_t)(o.p - (uint8_t *)out);
}

int ldb_fastlz_level(const void *in, size_t len)
{
	int level;

	if (in == NULL || len == 0) {
		return 0;
	}
	level = (*(const uint8_t *)in >> 5) + 1;
	return (level == 1 || level == 2) ? level : 0;
}

int ldb_fastlz_decompress(const void *in, size_t len, void *out, size_t cap, size_t *outlen)
{
	const uint8_t *ip, *ip_end;
	uint8_t *op, *op_end;
	int level = ldb_fastlz_level(in, len);
	uint32_t ctrl;

	if (level == 0 || out == NULL || outlen == NULL) {
		return -1;
	}
	ip = in;
	ip_end = ip + len;
	op = out;
	op_end = op + cap;
	ctrl = *ip++ & 31;

	for (;;) {
		if (ctrl < 32) {
			size_t n = ctrl + 1;

			if ((size_t)(ip_end - ip) < n || (size_t)(op_end - op) < n) {
				return -1;
			}
			memcpy(op, ip, n);
			ip += n;
			op += n;
		} else {
			size_t n = (ctrl >> 5) - 1, d = (size_t)(ctrl & 31) << 8;
			const uint8_t *ref;
			uint8_t code;

			if (n == 6) {
				if (level == 1) {
					if (ip >= ip_end) {
						return -1;
					}
					n += *ip++;
				} else {
					do {
						if (ip >= ip_end) {
							return -1;
						}
						code = *ip++;
						n += code;
						/* a run of 255s cannot be longer than the room left */
						if (n > (size_t)(op_end - op)) {
							return -1;
						}
					} while (code == 255);
				}
			}
			if (ip >= ip_end) {
				return -1;
			}
			code = *ip++;
			d += (size_t)code + 1;
			if (level == 2 && code == 255 && (ctrl & 31) == 31) {
				if (ip_end - ip < 2) {
					return -1;
				}
				d = ((size_t)ip[0] << 8 | ip[1]) + FLZ_L2_NEAR + 1;
				ip += 2;
			}
			n += FLZ_MIN_MATCH;
			if (d > (size_t)(op - (uint8_t *)out) || n > (size_t)(op_end - op)) {
				return -1;
			}
			ref = op - d;
			if (d >= n) {
				memcpy(op, ref, n);
				op += n;
			} else {
				/* overlapping: the copy repeats the last d bytes, byte by byte */
				while (n--) {
					*op++ = *ref++;
				}
			}
		}
		if (ip >= ip_end) {
			break;
		}
		ctrl = *ip++;
	}
	*outlen = (size_t)(op - (uint8_t *)out);
	return 0;
}
