/*
 * The reply reader (ldb_reader.c) on its own: fuzzer bytes are a stream of
 * server replies, fed to one reader whole and to another in pieces whose sizes
 * come from byte 0 of the input (pieces of 1 byte included).
 *
 * Invariants: no crash, no read or write out of bounds, no leak; both readers
 * return the same replies in the same order and end the same way (needing more,
 * or a protocol error at the same place); every reply is well formed: a VALUE's
 * key is not empty and has no space, its data lies inside the bytes fed and is
 * followed there by CRLF, its length is at most LDB_MAX_ITEM; a number reply
 * starts with a digit in the stream; an error always comes with a message.
 */
#include "ldb_internal.h"
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

static int64_t fixed_clock(void) { return 1700000000000; }

typedef struct {
	char *p;
	size_t len, cap;
} sink;

static void put(sink *s, const void *p, size_t n)
{
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : 1024;
		while (cap < s->len + n) {
			cap *= 2;
		}
		s->p = realloc(s->p, cap);
		FUZZ_CHECK(s->p != NULL);
		s->cap = cap;
	}
	memcpy(s->p + s->len, p, n);
	s->len += n;
}

/* Append a canonical form of one reply, checking it on the way. */
static void record(sink *s, const ldb_reader *r, const ldb_reply *rep)
{
	put(s, &rep->type, sizeof(rep->type));
	switch (rep->type) {
		case LDB_REPLY_VALUE:
			FUZZ_CHECK(rep->key_len > 0 && memchr(rep->key, ' ', rep->key_len) == NULL);
			FUZZ_CHECK(rep->len <= LDB_MAX_ITEM);
			FUZZ_CHECK(rep->data >= r->buf && rep->data + rep->len + 2 <= r->buf + r->len);
			FUZZ_CHECK(rep->data[rep->len] == '\r' && rep->data[rep->len + 1] == '\n');
			put(s, &rep->key_len, sizeof(rep->key_len));
			put(s, rep->key, rep->key_len);
			put(s, &rep->flags, sizeof(rep->flags));
			put(s, &rep->has_cas, sizeof(rep->has_cas));
			if (rep->has_cas) {
				put(s, &rep->cas, sizeof(rep->cas));
			}
			put(s, &rep->len, sizeof(rep->len));
			put(s, rep->data, rep->len);
			break;
		case LDB_REPLY_NUMBER:
			put(s, &rep->number, sizeof(rep->number));
			break;
		case LDB_REPLY_VERSION:
		case LDB_REPLY_ERROR:
		case LDB_REPLY_CLIENT_ERROR:
		case LDB_REPLY_SERVER_ERROR:
			FUZZ_CHECK(rep->len == 0 || (rep->data >= r->buf && rep->data + rep->len <= r->buf + r->len));
			put(s, &rep->len, sizeof(rep->len));
			put(s, rep->data, rep->len);
			break;
		default:
			break;
	}
}

/* Take every reply the reader has; returns the last status. */
static ldb_read_status drain(ldb_reader *r, sink *s)
{
	for (;;) {
		ldb_reply rep;
		ldb_read_status st = ldb_reader_get(r, &rep);
		if (st != LDB_READ_REPLY) {
			if (st == LDB_READ_ERROR) {
				FUZZ_CHECK(r->errstr[0] != '\0');
			}
			return st;
		}
		record(s, r, &rep);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ldb_reader whole, pieces;
	sink a = { 0 }, b = { 0 };
	ldb_read_status sa, sb = LDB_READ_MORE;
	uint32_t seed;
	size_t at = 0, n;
	const char *stream;

	if (size < 1 || size > 65536) {
		return 0;
	}
	ldb_now_ms = fixed_clock;
	seed = data[0] * 2654435761u + 1;
	stream = (const char *)data + 1;
	n = size - 1;

	ldb_reader_init(&whole);
	ldb_reader_init(&pieces);
	FUZZ_CHECK(ldb_reader_feed(&whole, stream, n) == 0);
	sa = drain(&whole, &a);

	while (at < n && sb != LDB_READ_ERROR) {
		size_t piece;
		seed ^= seed << 13;
		seed ^= seed >> 17;
		seed ^= seed << 5;
		/* mostly small pieces, sometimes large ones */
		piece = (seed & 3) == 0 ? 1 + seed % 4096 : 1 + seed % 7;
		if (piece > n - at) {
			piece = n - at;
		}
		FUZZ_CHECK(ldb_reader_feed(&pieces, stream + at, piece) == 0);
		at += piece;
		sb = drain(&pieces, &b);
	}
	if (n == 0) {
		sb = drain(&pieces, &b);
	}
	FUZZ_CHECK(sa == sb);
	FUZZ_CHECK(a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0));
	if (sa == LDB_READ_MORE) {
		FUZZ_CHECK(ldb_reader_pending(&whole) == ldb_reader_pending(&pieces));
	}

	ldb_reader_free(&whole);
	ldb_reader_free(&pieces);
	free(a.p);
	free(b.p);
	return 0;
}
