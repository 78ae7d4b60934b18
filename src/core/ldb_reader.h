/*
 * A reader of memcache text-protocol replies. It is fed bytes and hands back
 * whole replies; it knows no socket and no deadline (hiredis's read.c is the
 * model). The connection layer reads into the reader's buffer
 * (ldb_reader_space / ldb_reader_wrote) or copies into it (ldb_reader_feed),
 * then takes replies with ldb_reader_get until it says it needs more.
 */
#ifndef LDB_READER_H
#define LDB_READER_H

#include <stddef.h>
#include <stdint.h>

/* Largest data block accepted in a VALUE reply; memcached's own ceiling. */
#define LDB_MAX_ITEM ((size_t)1 << 30)
/* Longest reply line accepted, without its CRLF. */
#define LDB_MAX_LINE 2048

typedef enum {
	LDB_REPLY_VALUE,         /* VALUE <key> <flags> <bytes> [<cas>] and the data block */
	LDB_REPLY_END,
	LDB_REPLY_STORED,
	LDB_REPLY_NOT_STORED,
	LDB_REPLY_EXISTS,
	LDB_REPLY_NOT_FOUND,
	LDB_REPLY_DELETED,
	LDB_REPLY_TOUCHED,
	LDB_REPLY_OK,
	LDB_REPLY_NUMBER,        /* an incr/decr result (memcached pads decr results with spaces) */
	LDB_REPLY_VERSION,       /* VERSION <text> */
	LDB_REPLY_ERROR,         /* ERROR */
	LDB_REPLY_CLIENT_ERROR,  /* CLIENT_ERROR [<text>] */
	LDB_REPLY_SERVER_ERROR   /* SERVER_ERROR [<text>] */
} ldb_reply_type;

/* One reply. Pointers point into the reader's buffer: valid until the next
 * call on the reader. */
typedef struct {
	ldb_reply_type type;
	const char *key;         /* VALUE */
	size_t key_len;
	uint32_t flags;          /* VALUE */
	int has_cas;
	uint64_t cas;            /* VALUE, when the line carries one */
	uint64_t number;         /* NUMBER */
	const char *data;        /* VALUE: the data block; VERSION/ERRORs: the text after the word */
	size_t len;
} ldb_reply;

typedef enum {
	LDB_READ_MORE = 0,       /* no whole reply yet: feed more bytes */
	LDB_READ_REPLY = 1,      /* *out holds the next reply */
	LDB_READ_ERROR = -1      /* the bytes are no memcache reply: the stream is out of step */
} ldb_read_status;

typedef struct {
	char *buf;
	size_t cap;
	size_t pos, len;         /* unread bytes are buf[pos..len) */
	size_t need;             /* bytes the reply under way needs in all (0: unknown yet) */
	char errstr[96];         /* why, after LDB_READ_ERROR */
} ldb_reader;

void ldb_reader_init(ldb_reader *r);
/* Forget unread bytes; keep the buffer unless it is larger than keep_cap. */
void ldb_reader_reset(ldb_reader *r, size_t keep_cap);
void ldb_reader_free(ldb_reader *r);

/* Room for at least one more byte, for a read straight into the buffer:
 * returns where to write and how much fits (*room), NULL when out of memory.
 * It grows with what has arrived, not with what a reply announces, so a
 * server cannot make the reader allocate a gigabyte by saying so. */
char *ldb_reader_grow(ldb_reader *r, size_t *room);
static inline char *ldb_reader_space(ldb_reader *r, size_t *room)
{
	if (r->pos == r->len && r->cap) {
		/* everything read was taken: the whole buffer is free */
		r->pos = r->len = 0;
		*room = r->cap;
		return r->buf;
	}
	return ldb_reader_grow(r, room);
}
/* n bytes were written at the pointer ldb_reader_space returned. */
static inline void ldb_reader_wrote(ldb_reader *r, size_t n)
{
	r->len += n;
}
/* Copy bytes in. 0, or -1 when out of memory. */
int ldb_reader_feed(ldb_reader *r, const char *p, size_t n);

ldb_read_status ldb_reader_get(ldb_reader *r, ldb_reply *out);

/* Bytes fed and not yet returned as replies. */
static inline size_t ldb_reader_pending(const ldb_reader *r)
{
	return r->len - r->pos;
}

#endif
