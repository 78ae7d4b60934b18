/*
 * The memcache text-protocol reply grammar, over a buffer of bytes fed in.
 * No socket, no clock: what comes back depends only on the bytes, whatever
 * the pieces they arrived in.
 */
#include "ldb_internal.h"
#include "ldb_reader.h"

#include <stdio.h>
#include <string.h>

#define LDB_READER_MIN 16384
/* Growth step for a large data block: the buffer doubles with what has
 * arrived, by at least this much. */
#define LDB_READER_STEP 65536

void ldb_reader_init(ldb_reader *r)
{
	memset(r, 0, sizeof(*r));
}

void ldb_reader_reset(ldb_reader *r, size_t keep_cap)
{
	r->pos = r->len = r->need = 0;
	r->errstr[0] = '\0';
	if (r->cap > keep_cap) {
		ldb_mfree(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
}

void ldb_reader_free(ldb_reader *r)
{
	ldb_mfree(r->buf);
	ldb_reader_init(r);
}

char *ldb_reader_grow(ldb_reader *r, size_t *room)
{
	if (r->pos == r->len) {
		r->pos = r->len = 0;
	}
	if (r->len == r->cap || (r->need > r->cap - r->pos && r->pos > 0)) {
		/* unread bytes to the front first: often that is room enough */
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->len - r->pos);
			r->len -= r->pos;
			r->pos = 0;
		}
		if (r->len == r->cap) {
			size_t step = r->len > LDB_READER_STEP ? r->len : LDB_READER_STEP;
			size_t cap = r->cap ? r->len + step : LDB_READER_MIN;
			char *p;
			if (r->need > r->len && r->need < cap) {
				/* a large value: exactly its size, not the next step */
				cap = r->need;
			}
			p = ldb_hook.realloc(r->buf, cap);
			if (!p) {
				return NULL;
			}
			r->buf = p;
			r->cap = cap;
		}
	}
	*room = r->cap - r->len;
	return r->buf + r->len;
}

int ldb_reader_feed(ldb_reader *r, const char *p, size_t n)
{
	while (n > 0) {
		size_t room;
		char *dst = ldb_reader_space(r, &room);
		if (!dst) {
			return -1;
		}
		if (room > n) {
			room = n;
		}
		memcpy(dst, p, room);
		ldb_reader_wrote(r, room);
		p += room;
		n -= room;
	}
	return 0;
}

static ldb_read_status bad(ldb_reader *r, const char *why, const char *l, size_t len)
{
	char text[64];
	size_t n = len < sizeof(text) - 1 ? len : sizeof(text) - 1;
	/* the text may reach a log: no control bytes */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)l[i];
		text[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	text[n] = '\0';
	if (l) {
		snprintf(r->errstr, sizeof(r->errstr), "%s \"%s\"", why, text);
	} else {
		snprintf(r->errstr, sizeof(r->errstr), "%s", why);
	}
	return LDB_READ_ERROR;
}

static inline __attribute__((always_inline)) int parse_u64(const char **p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;
	int digits = 0;
	if (s == end || (unsigned)(*s - '0') > 9) {
		return -1;
	}
	do {
		unsigned d = (unsigned)(*s - '0');
		/* 19 digits always fit in 64 bits: check only past them */
		if (++digits > 19 && v > (UINT64_MAX - d) / 10) {
			return -1;
		}
		v = v * 10 + d;
		s++;
	} while (s < end && (unsigned)(*s - '0') <= 9);
	*p = s;
	*out = v;
	return 0;
}

#define IS(w) (len == sizeof(w) - 1 && memcmp(l, w, sizeof(w) - 1) == 0)
/* the word alone, or the word, a space and a text */
#define WORD(w) (len >= sizeof(w) - 1 && memcmp(l, w, sizeof(w) - 1) == 0 \
	&& (len == sizeof(w) - 1 || l[sizeof(w) - 1] == ' '))

static ldb_read_status value(ldb_reader *r, const char *l, size_t len, ldb_reply *out)
{
	const char *end = l + len, *key = l + 6, *p;
	uint64_t flags, bytes, total;
	p = memchr(key, ' ', (size_t)(end - key));
	if (!p || p == key) {
		return bad(r, "VALUE line without a key:", l, len);
	}
	out->key = key;
	out->key_len = (size_t)(p - key);
	p++;
	if (parse_u64(&p, end, &flags) != 0 || flags > UINT32_MAX || p == end || *p++ != ' '
			|| parse_u64(&p, end, &bytes) != 0) {
		return bad(r, "VALUE line does not parse:", l, len);
	}
	if (bytes > LDB_MAX_ITEM) {
		return bad(r, "VALUE larger than 1 GiB:", l, len);
	}
	out->has_cas = 0;
	if (p != end) {
		if (*p++ != ' ' || parse_u64(&p, end, &out->cas) != 0 || p != end) {
			return bad(r, "VALUE line does not parse:", l, len);
		}
		out->has_cas = 1;
	}
	total = len + 2 + bytes + 2;
	if (r->len - r->pos < total) {
		r->need = (size_t)total;
		return LDB_READ_MORE;
	}
	p = end + 2;
	if (p[bytes] != '\r' || p[bytes + 1] != '\n') {
		return bad(r, "data block of a VALUE does not end with CRLF", NULL, 0);
	}
	out->type = LDB_REPLY_VALUE;
	out->flags = (uint32_t)flags;
	out->data = p;
	out->len = (size_t)bytes;
	r->pos += (size_t)total;
	r->need = 0;
	return LDB_READ_REPLY;
}

ldb_read_status ldb_reader_get(ldb_reader *r, ldb_reply *out)
{
	size_t avail = r->len - r->pos, len;
	const char *l, *nl;

	if (avail == 0) {
		r->need = 0;
		return LDB_READ_MORE;
	}
	l = r->buf + r->pos;
	nl = memchr(l, '\n', avail < LDB_MAX_LINE + 2 ? avail : LDB_MAX_LINE + 2);
	if (!nl) {
		if (avail >= LDB_MAX_LINE + 2) {
			return bad(r, "reply line too long:", l, 40);
		}
		r->need = 0;
		return LDB_READ_MORE;
	}
	len = (size_t)(nl - l);
	if (len == 0 || nl[-1] != '\r') {
		return bad(r, "reply line without CR:", l, len);
	}
	len--;
	if (len > 6 && memcmp(l, "VALUE ", 6) == 0) {
		return value(r, l, len, out);
	}
	out->data = NULL;
	out->len = 0;
	if (l[0] >= '0' && l[0] <= '9') {
		const char *p = l, *end = l + len;
		/* memcached pads decr results with spaces; Tokyo Tyrant does not */
		while (end > l && end[-1] == ' ') {
			end--;
		}
		if (parse_u64(&p, end, &out->number) != 0 || p != end) {
			return bad(r, "number does not parse:", l, len);
		}
		out->type = LDB_REPLY_NUMBER;
	} else if (IS("END")) {
		out->type = LDB_REPLY_END;
	} else if (IS("STORED")) {
		out->type = LDB_REPLY_STORED;
	} else if (IS("NOT_STORED")) {
		out->type = LDB_REPLY_NOT_STORED;
	} else if (IS("EXISTS")) {
		out->type = LDB_REPLY_EXISTS;
	} else if (IS("NOT_FOUND")) {
		out->type = LDB_REPLY_NOT_FOUND;
	} else if (IS("DELETED")) {
		out->type = LDB_REPLY_DELETED;
	} else if (IS("TOUCHED")) {
		out->type = LDB_REPLY_TOUCHED;
	} else if (IS("OK")) {
		out->type = LDB_REPLY_OK;
	} else if (len > 8 && memcmp(l, "VERSION ", 8) == 0) {
		out->type = LDB_REPLY_VERSION;
		out->data = l + 8;
		out->len = len - 8;
	} else if (WORD("ERROR")) {
		out->type = LDB_REPLY_ERROR;
		out->data = l + (len > 5 ? 6 : 5);
		out->len = len > 5 ? len - 6 : 0;
	} else if (WORD("CLIENT_ERROR")) {
		out->type = LDB_REPLY_CLIENT_ERROR;
		out->data = l + (len > 12 ? 13 : 12);
		out->len = len > 12 ? len - 13 : 0;
	} else if (WORD("SERVER_ERROR")) {
		out->type = LDB_REPLY_SERVER_ERROR;
		out->data = l + (len > 12 ? 13 : 12);
		out->len = len > 12 ? len - 13 : 0;
	} else {
		return bad(r, "unexpected reply", l, len);
	}
	r->pos += len + 2;
	r->need = 0;
	return LDB_READ_REPLY;
}
