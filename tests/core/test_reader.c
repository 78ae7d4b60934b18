/* The reply reader without a socket: every reply form, each stream fed whole
 * and split in two at every byte position, and in single bytes; protocol
 * errors; buffer growth with what arrives, not with what is announced. */
#include "ldb_internal.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* One reply as text, to compare what two readings returned. */
static size_t describe(const ldb_reply *r, char *out, size_t cap)
{
	switch (r->type) {
		case LDB_REPLY_VALUE:
			return (size_t)snprintf(out, cap, "VALUE[%.*s|%u|%s%llu|%.*s]", (int)r->key_len, r->key, r->flags,
				r->has_cas ? "cas=" : "", r->has_cas ? (unsigned long long)r->cas : 0ull, (int)r->len, r->data);
		case LDB_REPLY_NUMBER:
			return (size_t)snprintf(out, cap, "NUMBER[%llu]", (unsigned long long)r->number);
		default:
			return (size_t)snprintf(out, cap, "T%d[%.*s]", (int)r->type, (int)r->len, r->data ? r->data : "");
	}
}

/* Feed stream in the pieces given by cuts (positions, ascending), take every
 * reply after each piece; the replies as text and the final status. */
static ldb_read_status read_split(const char *stream, size_t n, const size_t *cuts, int ncuts, char *out, size_t cap)
{
	ldb_reader r;
	ldb_read_status st = LDB_READ_MORE;
	size_t at = 0, used = 0;
	out[0] = '\0';
	ldb_reader_init(&r);
	for (int c = 0; c <= ncuts && st != LDB_READ_ERROR; c++) {
		size_t end = c < ncuts ? cuts[c] : n;
		ldb_reply rep;
		CHECK(ldb_reader_feed(&r, stream + at, end - at) == 0);
		at = end;
		while ((st = ldb_reader_get(&r, &rep)) == LDB_READ_REPLY) {
			used += describe(&rep, out + used, cap - used);
			if (used >= cap) {
				used = cap - 1;
			}
		}
	}
	ldb_reader_free(&r);
	return st;
}

static void split_everywhere(const char *stream, const char *expect, ldb_read_status expect_st)
{
	size_t n = strlen(stream);
	char whole[8192], part[8192];
	ldb_read_status st = read_split(stream, n, NULL, 0, whole, sizeof(whole));
	CHECKF(st == expect_st, "status %d for \"%s\"", st, stream);
	CHECKF(strcmp(whole, expect) == 0, "got %s, expected %s", whole, expect);
	for (size_t cut = 1; cut < n; cut++) {
		st = read_split(stream, n, &cut, 1, part, sizeof(part));
		CHECKF(st == expect_st && strcmp(part, whole) == 0, "split at %zu: %s (status %d)", cut, part, st);
	}
	{
		/* one byte at a time */
		size_t *cuts = malloc(n * sizeof(size_t));
		for (size_t i = 0; i + 1 < n; i++) {
			cuts[i] = i + 1;
		}
		st = read_split(stream, n, cuts, n > 0 ? (int)n - 1 : 0, part, sizeof(part));
		CHECKF(st == expect_st && strcmp(part, whole) == 0, "byte by byte: %s", part);
		free(cuts);
	}
}

static void test_replies(void)
{
	char expect[512];
	split_everywhere("VALUE a 0 3\r\nabc\r\nVALUE key:2 4294967295 0\r\n\r\nEND\r\n",
		"VALUE[a|0|0|abc]VALUE[key:2|4294967295|0|]T1[]", LDB_READ_MORE);
	/* a data block may hold CRLF, END and VALUE: its length decides */
	split_everywhere("VALUE k 1 11 99\r\nEND\r\nVALUE \r\nEND\r\n",
		"VALUE[k|1|cas=99|END\r\nVALUE ]T1[]", LDB_READ_MORE);
	snprintf(expect, sizeof(expect), "T%d[]T%d[]T%d[]T%d[]T%d[]T%d[]T%d[]", LDB_REPLY_STORED, LDB_REPLY_NOT_STORED,
		LDB_REPLY_EXISTS, LDB_REPLY_NOT_FOUND, LDB_REPLY_DELETED, LDB_REPLY_TOUCHED, LDB_REPLY_OK);
	split_everywhere("STORED\r\nNOT_STORED\r\nEXISTS\r\nNOT_FOUND\r\nDELETED\r\nTOUCHED\r\nOK\r\n", expect, LDB_READ_MORE);
	/* memcached pads decr results with spaces */
	split_everywhere("42\r\n18446744073709551615\r\n7   \r\n", "NUMBER[42]NUMBER[18446744073709551615]NUMBER[7]", LDB_READ_MORE);
	snprintf(expect, sizeof(expect), "T%d[1.6.18]T%d[]T%d[unknown command]T%d[out of memory]T%d[]T%d[bad data chunk]",
		LDB_REPLY_VERSION, LDB_REPLY_ERROR, LDB_REPLY_ERROR, LDB_REPLY_SERVER_ERROR, LDB_REPLY_SERVER_ERROR, LDB_REPLY_CLIENT_ERROR);
	split_everywhere("VERSION 1.6.18\r\nERROR\r\nERROR unknown command\r\nSERVER_ERROR out of memory\r\nSERVER_ERROR\r\n"
		"CLIENT_ERROR bad data chunk\r\n", expect, LDB_READ_MORE);
	/* a reply cut short is "more", never a reply */
	split_everywhere("VALUE a 0 10\r\n01234", "", LDB_READ_MORE);
	split_everywhere("STOR", "", LDB_READ_MORE);
}

static void test_errors(void)
{
	static const char *const bad[] = {
		"12abc\r\n",                       /* not a number */
		"18446744073709551616\r\n",        /* past 2^64-1 */
		"STORED\n",                        /* no CR */
		"\r\n",                            /* empty line */
		"WHAT\r\n",
		"STOREDX\r\n",
		"VALUE a 0 3\r\nabcX\r\n",         /* block not ended by CRLF */
		"VALUE a x 3\r\nabc\r\n",
		"VALUE a 4294967296 1\r\nx\r\n",   /* flags past 32 bits */
		"VALUE a 0 1073741825\r\n",        /* over 1 GiB */
		"VALUE  0 1\r\nx\r\n",             /* no key */
		"VALUE a 0 1 x\r\nx\r\n",          /* cas not a number */
		"VALUE a 0 1 5 6\r\nx\r\n",
		"SERVER_ERRORS\r\n",
		"\x80\xff\r\n",
		NULL
	};
	for (int i = 0; bad[i]; i++) {
		char out[256];
		ldb_read_status st = read_split(bad[i], strlen(bad[i]), NULL, 0, out, sizeof(out));
		CHECKF(st == LDB_READ_ERROR, "accepted \"%s\" as %s", bad[i], out);
	}
	{
		/* a reply after good ones: those come first, then the error, with a message
		 * that holds no control byte */
		ldb_reader r;
		ldb_reply rep;
		ldb_reader_init(&r);
		CHECK(ldb_reader_feed(&r, "END\r\nbad\x01line\r\n", 16) == 0);
		CHECK(ldb_reader_get(&r, &rep) == LDB_READ_REPLY && rep.type == LDB_REPLY_END);
		CHECK(ldb_reader_get(&r, &rep) == LDB_READ_ERROR);
		CHECK(strstr(r.errstr, "bad?line") != NULL);
		ldb_reader_free(&r);
	}
	{
		/* a line with no end is refused once it is longer than any reply line */
		char line[LDB_MAX_LINE + 10];
		char out[64];
		memset(line, 'A', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\0';
		CHECK(read_split(line, strlen(line), NULL, 0, out, sizeof(out)) == LDB_READ_ERROR);
		CHECK(read_split(line, LDB_MAX_LINE, NULL, 0, out, sizeof(out)) == LDB_READ_MORE);
	}
}

static void test_growth(void)
{
	ldb_reader r;
	ldb_reply rep;
	size_t room;
	char *p;
	static const char head[] = "VALUE big 0 1073741824\r\n";
	ldb_reader_init(&r);
	CHECK(ldb_reader_feed(&r, head, sizeof(head) - 1) == 0);
	CHECK(ldb_reader_get(&r, &rep) == LDB_READ_MORE);
	CHECK_EQ(r.need, sizeof(head) - 1 + (1u << 30) + 2);
	/* announced 1 GiB, nothing more arrived: the buffer stays small */
	p = ldb_reader_space(&r, &room);
	CHECK(p != NULL);
	CHECKF(r.cap <= 65536, "cap %zu after an announced 1 GiB", r.cap);
	ldb_reader_free(&r);

	/* a 300 KB value arriving in 1000-byte pieces: read whole, buffer near its size */
	{
		size_t len = 300000, total;
		char *stream = malloc(len + 64);
		int hl = snprintf(stream, 64, "VALUE v 3 %zu\r\n", len);
		for (size_t i = 0; i < len; i++) {
			stream[hl + i] = (char)('a' + i % 26);
		}
		memcpy(stream + hl + len, "\r\nEND\r\n", 7);
		total = (size_t)hl + len + 7;
		ldb_reader_init(&r);
		for (size_t at = 0; at < total; at += 1000) {
			size_t piece = total - at < 1000 ? total - at : 1000;
			CHECK(ldb_reader_feed(&r, stream + at, piece) == 0);
			if (at + piece < (size_t)hl + len + 2) {
				CHECK(ldb_reader_get(&r, &rep) == LDB_READ_MORE);
			}
		}
		CHECK(ldb_reader_get(&r, &rep) == LDB_READ_REPLY);
		CHECK(rep.type == LDB_REPLY_VALUE && rep.len == len && rep.flags == 3 && memcmp(rep.data, stream + hl, len) == 0);
		CHECK(ldb_reader_get(&r, &rep) == LDB_READ_REPLY && rep.type == LDB_REPLY_END);
		CHECK(ldb_reader_get(&r, &rep) == LDB_READ_MORE);
		CHECKF(r.cap < 2 * total, "cap %zu for a %zu-byte reply", r.cap, total);
		ldb_reader_reset(&r, 16384);
		CHECK(r.buf == NULL && ldb_reader_pending(&r) == 0);
		ldb_reader_free(&r);
		free(stream);
	}
}

int main(void)
{
	test_replies();
	test_errors();
	test_growth();
	return DONE();
}
