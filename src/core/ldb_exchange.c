/*
 * The memcache text-protocol requests, one function per family: get, storage
 * (set/add/replace/append/prepend, delete, touch), incr/decr and version. Each
 * writes its commands, reads the replies through the reader and says what they
 * mean. Sockets and deadlines are ldb_conn.c's.
 */
#include "ldb_internal.h"

#include <stdio.h>
#include <string.h>

/* Requests are sent in slices of about this many bytes before their replies
 * are read, so that neither side can block on a full socket buffer. */
#define LDB_PIPELINE_BYTES 65536
#define LDB_KEYS_PER_GET 100
/* Values larger than this are sent from the caller's memory, not copied. */
#define LDB_COPY_MAX 4096

static int wreserve(ldb_conn *c, size_t more)
{
	if (c->wlen + more > c->wcap) {
		size_t cap = c->wcap ? c->wcap : 1024;
		char *p;
		while (cap < c->wlen + more) {
			cap *= 2;
		}
		p = ldb_hook.realloc(c->wbuf, cap);
		if (!p) {
			return -1;
		}
		c->wbuf = p;
		c->wcap = cap;
	}
	return 0;
}

static inline void wput(ldb_conn *c, const char *s, size_t n)
{
	memcpy(c->wbuf + c->wlen, s, n);
	c->wlen += n;
}

static inline void wnum(ldb_conn *c, uint64_t v)
{
	char tmp[24];
	int i = 24;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	wput(c, tmp + i, (size_t)(24 - i));
}

static int nomem(ldb_io *io)
{
	return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_NOMEM, 0, "%s", "out of memory");
}

/* Send the write buffer, then (when big) a value from the caller's memory. */
static int flush_with(ldb_io *io, const ldb_item *big)
{
	ldb_conn *c = io->c;
	struct iovec iov[3];
	int n = 1;
	iov[0].iov_base = c->wbuf;
	iov[0].iov_len = c->wlen;
	if (big) {
		iov[1].iov_base = (void *)big->val;
		iov[1].iov_len = big->val_len;
		iov[2].iov_base = (void *)"\r\n";
		iov[2].iov_len = 2;
		n = 3;
	}
	c->wlen = 0;
	return ldb_io_send(io, iov, n);
}

/* A reply that answers no request of this family: the connection is out of step. */
static int unexpected(ldb_io *io, const ldb_reply *rep)
{
	static const char *const names[] = {
		"VALUE", "END", "STORED", "NOT_STORED", "EXISTS", "NOT_FOUND", "DELETED", "TOUCHED", "OK",
		"a number", "VERSION", "ERROR", "CLIENT_ERROR", "SERVER_ERROR"
	};
	return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "unexpected reply: %s", names[rep->type]);
}

/* SERVER_ERROR, CLIENT_ERROR or ERROR: what it means, with the server's text in res->msg. */
static ldb_rc error_reply(ldb_io *io, const ldb_reply *rep)
{
	const char *word = rep->type == LDB_REPLY_SERVER_ERROR ? "SERVER_ERROR" : rep->type == LDB_REPLY_CLIENT_ERROR ? "CLIENT_ERROR" : "ERROR";
	char text[96];
	size_t n = rep->len < 80 ? rep->len : 80;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)rep->data[i];
		text[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	text[n] = '\0';
	snprintf(io->res->msg, sizeof(io->res->msg), "%s%s%s", word, n ? " " : "", text);
	if (rep->type != LDB_REPLY_SERVER_ERROR) {
		return LDB_CLIENT_ERROR;
	}
	return strstr(text, "too large") ? LDB_TOO_LARGE : LDB_SERVER_ERROR;
}

/* The replies of one get command covering keys[first..last). Values must come
 * in the order of the keys asked, each for a key asked: anything else means the
 * connection is out of step. */
static int read_values(ldb_io *io, ldb_req *req, size_t first, size_t last)
{
	ldb_reader *rd = &io->c->rd;
	size_t next = first;
	ldb_reply rep;
	for (;;) {
		/* the reader straight, not through ldb_io_reply: this is the hot path */
		ldb_read_status st = ldb_reader_pending(rd) ? ldb_reader_get(rd, &rep) : LDB_READ_MORE;
		if (st != LDB_READ_REPLY) {
			if (st == LDB_READ_ERROR) {
				return ldb_io_bad_reply(io);
			}
			if (ldb_io_fill(io) != 0) {
				return -1;
			}
			continue;
		}
		if (rep.type == LDB_REPLY_END) {
			return 0;
		}
		if (rep.type != LDB_REPLY_VALUE) {
			if (rep.type == LDB_REPLY_SERVER_ERROR || rep.type == LDB_REPLY_CLIENT_ERROR || rep.type == LDB_REPLY_ERROR) {
				ldb_rc rc = error_reply(io, &rep);
				io->res->rc = rc;
				io->res->kind = rc == LDB_SERVER_ERROR ? LDB_X_SERVER_ERROR : LDB_X_ANSWERED;
				return -1;
			}
			return unexpected(io, &rep);
		}
		while (next < last && !(req->items[next].key_len == rep.key_len && memcmp(req->items[next].key, rep.key, rep.key_len) == 0)) {
			next++;
		}
		if (next == last) {
			return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "%s", "a value for a key not asked, or out of order");
		}
		if (req->op == LDB_OP_GETS) {
			/* gets: "VALUE key flags bytes cas" */
			if (!rep.has_cas) {
				return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "%s", "a gets reply without a cas token");
			}
			req->number = rep.cas;
		}
		if (req->cb) {
			req->cb(req->ctx, next, rep.data, rep.len, rep.flags);
		}
		next++;
	}
}

int ldb_exchange_get(ldb_io *io, ldb_req *req)
{
	ldb_conn *c = io->c;
	size_t i = 0;
	if (req->n == 1) {
		/* one key: one line */
		if (wreserve(c, 7 + req->items[0].key_len) != 0) {
			return nomem(io);
		}
		if (req->op == LDB_OP_GETS) {
			wput(c, "gets ", 5);
		} else {
			wput(c, "get ", 4);
		}
		wput(c, req->items[0].key, req->items[0].key_len);
		wput(c, "\r\n", 2);
		if (flush_with(io, NULL) != 0) {
			return -1;
		}
		return read_values(io, req, 0, 1);
	}
	/* pipelined writes of get lines of up to LDB_KEYS_PER_GET keys */
	while (i < req->n) {
		size_t lines = 0;
		size_t starts[LDB_PIPELINE_BYTES / 256 + 2];
		while (i < req->n && c->wlen < LDB_PIPELINE_BYTES && lines < sizeof(starts) / sizeof(starts[0]) - 1) {
			starts[lines++] = i;
			if (wreserve(c, 4 + (LDB_MAX_KEY + 1) * LDB_KEYS_PER_GET + 2) != 0) {
				return nomem(io);
			}
			if (req->op == LDB_OP_GETS) {
				wput(c, "gets", 4);
			} else {
				wput(c, "get", 3);
			}
			for (size_t k = 0; k < LDB_KEYS_PER_GET && i < req->n; k++, i++) {
				wput(c, " ", 1);
				wput(c, req->items[i].key, req->items[i].key_len);
			}
			wput(c, "\r\n", 2);
		}
		starts[lines] = i;
		if (flush_with(io, NULL) != 0) {
			return -1;
		}
		for (size_t L = 0; L < lines; L++) {
			if (read_values(io, req, starts[L], starts[L + 1]) != 0) {
				return -1;
			}
		}
	}
	return 0;
}

static const char *verb(ldb_op op, size_t *len)
{
	static const char *const v[] = {
		"get ", "set ", "add ", "replace ", "append ", "prepend ", "delete ", "incr ", "decr ", "touch ", "version", "flush_all",
		"gets ", "cas "
	};
	/* their lengths, in the same order (no strlen on every command) */
	static const unsigned char l[] = { 4, 4, 4, 8, 7, 8, 7, 5, 5, 6, 7, 9, 5, 4 };
	_Static_assert(sizeof(l) == sizeof(v) / sizeof(v[0]), "one length per verb");
	*len = l[op];
	return v[op];
}

/* Append one storage/delete/touch command for item to the write buffer. Large
 * values are not copied: *big is set and the caller sends them from the item. */
static int put_command(ldb_conn *c, ldb_op op, const ldb_item *it, int *big)
{
	size_t vl;
	const char *v = verb(op, &vl);
	*big = 0;
	if (wreserve(c, vl + it->key_len + 64) != 0) {
		return -1;
	}
	wput(c, v, vl);
	wput(c, it->key, it->key_len);
	if (op == LDB_OP_DELETE) {
		wput(c, "\r\n", 2);
		return 0;
	}
	if (op == LDB_OP_TOUCH) {
		wput(c, " ", 1);
		wnum(c, it->exptime);
		wput(c, "\r\n", 2);
		return 0;
	}
	wput(c, " ", 1);
	wnum(c, it->flags);
	wput(c, " ", 1);
	wnum(c, it->exptime);
	wput(c, " ", 1);
	wnum(c, it->val_len);
	if (op == LDB_OP_CAS) {
		wput(c, " ", 1);
		wnum(c, it->cas);
	}
	wput(c, "\r\n", 2);
	if (it->val_len > LDB_COPY_MAX) {
		*big = 1;
		return 0;
	}
	if (wreserve(c, it->val_len + 2) != 0) {
		return -1;
	}
	wput(c, it->val, it->val_len);
	wput(c, "\r\n", 2);
	return 0;
}

/* What one reply to a storage, delete or touch command says about its item.
 * Returns -1 when the reply answers no such command. */
static inline __attribute__((always_inline)) int store_outcome(ldb_io *io, ldb_op op, const ldb_reply *rep, ldb_rc *out)
{
	switch (rep->type) {
		case LDB_REPLY_STORED:
			if (op == LDB_OP_DELETE || op == LDB_OP_TOUCH) {
				return -1;
			}
			*out = LDB_OK;
			return 0;
		case LDB_REPLY_DELETED:
			if (op != LDB_OP_DELETE) {
				return -1;
			}
			*out = LDB_OK;
			return 0;
		case LDB_REPLY_TOUCHED:
			if (op != LDB_OP_TOUCH) {
				return -1;
			}
			*out = LDB_OK;
			return 0;
		case LDB_REPLY_NOT_FOUND:
			/* cas of an item that is gone: a miss; Tokyo Tyrant's replace of a
			 * missing key: not stored */
			*out = op == LDB_OP_DELETE || op == LDB_OP_TOUCH || op == LDB_OP_CAS ? LDB_MISS : LDB_NOT_STORED;
			return 0;
		case LDB_REPLY_NOT_STORED:
		case LDB_REPLY_EXISTS:
			if (op == LDB_OP_DELETE || op == LDB_OP_TOUCH) {
				return -1;
			}
			*out = rep->type == LDB_REPLY_EXISTS ? LDB_EXISTS : LDB_NOT_STORED;
			return 0;
		case LDB_REPLY_SERVER_ERROR:
		case LDB_REPLY_CLIENT_ERROR:
		case LDB_REPLY_ERROR:
			*out = error_reply(io, rep);
			return 0;
		default:
			return -1;
	}
}

/* Read the outcomes of items [first, last) of a pipelined store or delete into
 * req->out. 0, or -1 when the exchange failed (io->res says why). */
static int read_outcomes(ldb_io *io, ldb_req *req, size_t first, size_t last, size_t *server_errors, ldb_rc *refused)
{
	for (size_t k = first; k < last; k++) {
		ldb_reply rep;
		ldb_rc one;
		if (ldb_io_reply(io, &rep) != 0) {
			return -1;
		}
		if (store_outcome(io, req->op, &rep, &one) != 0) {
			return unexpected(io, &rep);
		}
		req->out[k].rc = one;
		if (one == LDB_SERVER_ERROR) {
			/* memcached and Tokyo Tyrant read the data block of a command
			 * they refuse this way: the replies stay in step */
			(*server_errors)++;
		} else if (one == LDB_CLIENT_ERROR) {
			/* the rest of a refused command may have been read as
			 * commands: stop here; the items after it stay not done */
			*refused = one;
			break;
		}
	}
	return 0;
}

/* The exchange's result once a multi store's outcomes are read. */
static int multi_result(ldb_io *io, const ldb_req *req, size_t server_errors, ldb_rc refused)
{
	if (server_errors) {
		io->res->kind = LDB_X_SERVER_ERROR;
		io->res->rc = LDB_SERVER_ERROR;
		return -1;
	}
	io->res->kind = LDB_X_ANSWERED;
	io->res->rc = req->n == 1 ? req->out[0].rc : refused;
	return 0;
}

/* Storage, delete and touch, one item or many, pipelined. Every item's outcome
 * is set: its answer, or LDB_NO_SERVER while its reply has not been read. */
int ldb_exchange_store(ldb_io *io, ldb_req *req)
{
	ldb_conn *c = io->c;
	size_t i = 0, server_errors = 0;
	ldb_rc refused = LDB_OK;
	if (req->n == 1) {
		/* one item: one command, one reply */
		ldb_reply rep;
		ldb_rc one;
		int big;
		req->out[0].rc = LDB_NO_SERVER;
		if (put_command(c, req->op, &req->items[0], &big) != 0) {
			return nomem(io);
		}
		if (flush_with(io, big ? &req->items[0] : NULL) != 0 || ldb_io_reply(io, &rep) != 0) {
			return -1;
		}
		if (store_outcome(io, req->op, &rep, &one) != 0) {
			return unexpected(io, &rep);
		}
		req->out[0].rc = io->res->rc = one;
		io->res->kind = one == LDB_SERVER_ERROR ? LDB_X_SERVER_ERROR : LDB_X_ANSWERED;
		return one == LDB_SERVER_ERROR ? -1 : 0;
	}
	for (size_t k = 0; k < req->n; k++) {
		req->out[k].rc = LDB_NO_SERVER;
	}
	while (i < req->n) {
		size_t first = i;
		int big = 0;
		while (i < req->n && c->wlen < LDB_PIPELINE_BYTES && !big) {
			if (put_command(c, req->op, &req->items[i], &big) != 0) {
				return nomem(io);
			}
			i++;
		}
		if (flush_with(io, big ? &req->items[i - 1] : NULL) != 0) {
			return -1;
		}
		if (read_outcomes(io, req, first, i, &server_errors, &refused) != 0) {
			return -1;
		}
		if (refused != LDB_OK) {
			break;
		}
	}
	return multi_result(io, req, server_errors, refused);
}

int ldb_exchange_arith(ldb_io *io, ldb_req *req)
{
	ldb_conn *c = io->c;
	ldb_reply rep;
	size_t vl;
	const char *v = verb(req->op, &vl);
	if (wreserve(c, vl + req->items[0].key_len + 32) != 0) {
		return nomem(io);
	}
	wput(c, v, vl);
	wput(c, req->items[0].key, req->items[0].key_len);
	wput(c, " ", 1);
	wnum(c, req->delta);
	wput(c, "\r\n", 2);
	if (flush_with(io, NULL) != 0 || ldb_io_reply(io, &rep) != 0) {
		return -1;
	}
	io->res->kind = LDB_X_ANSWERED;
	switch (rep.type) {
		case LDB_REPLY_NUMBER:
			req->number = rep.number;
			io->res->rc = LDB_OK;
			return 0;
		case LDB_REPLY_NOT_FOUND:
			io->res->rc = LDB_MISS;
			return 0;
		case LDB_REPLY_CLIENT_ERROR:
			if (rep.len >= 41 && memcmp(rep.data, "cannot increment or decrement non-numeric", 41) == 0) {
				io->res->rc = LDB_NOT_NUMERIC;
				return 0;
			}
			/* fall through */
		case LDB_REPLY_SERVER_ERROR:
		case LDB_REPLY_ERROR:
			io->res->rc = error_reply(io, &rep);
			if (io->res->rc == LDB_SERVER_ERROR) {
				io->res->kind = LDB_X_SERVER_ERROR;
				return -1;
			}
			return 0;
		default:
			return unexpected(io, &rep);
	}
}

/* version (answered VERSION <text>) or flush_all [delay] (answered OK) */
int ldb_exchange_version(ldb_io *io, ldb_req *req)
{
	ldb_conn *c = io->c;
	ldb_reply rep;
	int flush = req->op == LDB_OP_FLUSH;
	if (wreserve(c, 40) != 0) {
		return nomem(io);
	}
	if (flush) {
		wput(c, "flush_all", 9);
		if (req->n && req->items && req->items[0].exptime) {
			/* flush(): items vanish after this many seconds */
			wput(c, " ", 1);
			wnum(c, req->items[0].exptime);
		}
		wput(c, "\r\n", 2);
	} else {
		wput(c, "version\r\n", 9);
	}
	if (flush_with(io, NULL) != 0 || ldb_io_reply(io, &rep) != 0) {
		return -1;
	}
	if (rep.type == (flush ? LDB_REPLY_OK : LDB_REPLY_VERSION)) {
		io->res->kind = LDB_X_ANSWERED;
		io->res->rc = LDB_OK;
		return 0;
	}
	if (rep.type == LDB_REPLY_SERVER_ERROR) {
		error_reply(io, &rep);
		io->res->kind = LDB_X_SERVER_ERROR;
		io->res->rc = LDB_SERVER_ERROR;
		return -1;
	}
	return unexpected(io, &rep);
}

/* ---- one exchange in two halves, for several groups at once ---- */

size_t ldb_exchange_one_write(const ldb_req *req)
{
	size_t total = 0;
	if (req->n == 0) {
		return 0;
	}
	if (req->op == LDB_OP_GET) {
		total = (req->n / LDB_KEYS_PER_GET + 1) * 5;
		for (size_t i = 0; i < req->n; i++) {
			total += req->items[i].key_len + 1;
		}
	} else if (req->op == LDB_OP_SET || req->op == LDB_OP_DELETE) {
		for (size_t i = 0; i < req->n; i++) {
			if (req->items[i].val_len > LDB_COPY_MAX) {
				return 0;
			}
			total += req->items[i].key_len + req->items[i].val_len + 72;
		}
	} else {
		return 0;
	}
	return total < LDB_PIPELINE_BYTES ? total : 0;
}

int ldb_exchange_send(ldb_io *io, ldb_req *req)
{
	ldb_conn *c = io->c;
	if (wreserve(c, ldb_exchange_one_write(req) + 64) != 0) {
		return nomem(io);
	}
	if (req->op == LDB_OP_GET) {
		for (size_t i = 0; i < req->n;) {
			wput(c, "get", 3);
			for (size_t k = 0; k < LDB_KEYS_PER_GET && i < req->n; k++, i++) {
				wput(c, " ", 1);
				wput(c, req->items[i].key, req->items[i].key_len);
			}
			wput(c, "\r\n", 2);
		}
	} else {
		for (size_t i = 0; i < req->n; i++) {
			int big;
			req->out[i].rc = LDB_NO_SERVER;
			if (put_command(c, req->op, &req->items[i], &big) != 0) {
				return nomem(io);
			}
		}
	}
	return flush_with(io, NULL);
}

/* The replies to what ldb_exchange_send sent: what ldb_exchange_get and
 * ldb_exchange_store say about the same replies. */
int ldb_exchange_recv(ldb_io *io, ldb_req *req)
{
	size_t server_errors = 0;
	ldb_rc refused = LDB_OK;
	if (req->op == LDB_OP_GET) {
		for (size_t first = 0; first < req->n; first += LDB_KEYS_PER_GET) {
			size_t last = first + LDB_KEYS_PER_GET < req->n ? first + LDB_KEYS_PER_GET : req->n;
			if (read_values(io, req, first, last) != 0) {
				return -1;
			}
		}
		return 0;
	}
	if (read_outcomes(io, req, 0, req->n, &server_errors, &refused) != 0) {
		return -1;
	}
	return multi_result(io, req, server_errors, refused);
}
