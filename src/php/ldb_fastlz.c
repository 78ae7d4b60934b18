/*
 * FastLZ levels 1 and 2 (format: see ldb_fastlz.h).
 *
 * The compressor is a greedy LZ77 over a hash table of 3-byte sequences: it keeps the last
 * position of each hash, and at every position either extends a match with the candidate it
 * finds there or moves on by one byte. It aims to be compatible and safe rather than to match
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

typedef struct {
	uint8_t *p;
	uint8_t *end;
} flz_out;

static inline uint32_t flz_read3(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
}

static inline uint32_t flz_hash(uint32_t v)
{
	/* multiplicative hashing: the top bits of the product mix all three bytes */
	return (v * 2654435761u) >> (32 - FLZ_HASH_LOG);
}

static int flz_put_literals(flz_out *o, const uint8_t *src, size_t n)
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

static int flz_put_match_l1(flz_out *o, size_t n, size_t d)
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

static int flz_put_match_l2(flz_out *o, size_t n, size_t d)
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

size_t ldb_fastlz_compress(const void *in, size_t len, void *out, size_t cap, int level)
{
	const uint8_t *src = in;
	uint32_t table[FLZ_HASH_SIZE];
	flz_out o;
	size_t ip = 0, anchor = 0, max_dist;

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
	max_dist = level == 1 ? FLZ_L1_MAX_DIST : FLZ_L2_MAX_DIST;
	/* positions are stored plus one, so 0 means "none yet" */
	memset(table, 0, sizeof(table));

	while (ip + FLZ_MIN_MATCH <= len) {
		uint32_t v = flz_read3(src + ip);
		uint32_t h = flz_hash(v);
		size_t cand = table[h];

		table[h] = (uint32_t)(ip + 1);
		if (cand != 0) {
			size_t ref = cand - 1, d = ip - ref;

			if (d <= max_dist && flz_read3(src + ref) == v) {
				size_t n = FLZ_MIN_MATCH, maxn = len - ip;

				while (n < maxn && src[ref + n] == src[ip + n]) {
					n++;
				}
				if (!(level == 2 && d > FLZ_L2_NEAR && n < FLZ_L2_FAR_MIN)) {
					size_t end = ip + n, k;

					if (!flz_put_literals(&o, src + anchor, ip - anchor)) {
						return 0;
					}
					if (!(level == 1 ? flz_put_match_l1(&o, n, d) : flz_put_match_l2(&o, n, d))) {
						return 0;
					}
					/* index the positions inside the match (only its end for long runs,
					 * where every position hashes the same few sequences anyway) */
					for (k = n > 16 ? end - 2 : ip + 1; k < end && k + FLZ_MIN_MATCH <= len; k++) {
						table[flz_hash(flz_read3(src + k))] = (uint32_t)(k + 1);
					}
					ip = anchor = end;
					continue;
				}
			}
		}
		ip++;
	}
	if (!flz_put_literals(&o, src + anchor, len - anchor)) {
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
