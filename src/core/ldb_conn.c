/*
 * One server connection and the memcache text protocol over it.
 *
 * The socket is blocking with SO_RCVTIMEO/SO_SNDTIMEO set to the reply timeout,
 * so an exchange costs one send and (usually) one receive. Connects are
 * non-blocking with a poll bounded by the connect timeout. After any timeout,
 * short reply or reply that does not parse, the connection is closed: a
 * connection out of step with its server is never used again.
 */
#include "ldb_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* Largest item we accept from a server; memcached's own ceiling is 1 GiB. */
#define LDB_MAX_ITEM ((size_t)1 << 30)
/* Requests are sent in slices of about this many bytes before their replies
 * are read, so that neither side can block on a full socket buffer. */
#define LDB_PIPELINE_BYTES 65536
#define LDB_KEYS_PER_GET 100

static ldb_rc fail(ldb_server *s, ldb_rc rc, const char *fmt, const char *detail)
{
	snprintf(s->last_error, sizeof(s->last_error), fmt, detail);
	return rc;
}

void ldb_conn_close(ldb_conn *c, int reset)
{
	if (c->fd >= 0) {
		/* in a forked child the socket is the parent's too: close only our copy */
		close(c->fd);
		c->fd = -1;
		if (reset) {
			ldb_stats.resets++;
		}
		if (ldb_stats.open) {
			ldb_stats.open--;
		}
	}
	c->rpos = c->rlen = 0;
	c->busy = 0;
}

void ldb_conn_release(ldb_conn *c)
{
	ldb_conn_close(c, 0);
	ldb_mfree(c->rbuf);
	ldb_mfree(c->wbuf);
	c->rbuf = c->wbuf = NULL;
	c->rcap = c->wcap = 0;
}

static int sock_wait(int fd, short ev, int ms)
{
	struct pollfd p = { fd, ev, 0 };
	int r;
	do {
		r = poll(&p, 1, ms);
	} while (r < 0 && errno == EINTR);
	return r;
}

/* Start a non-blocking connect; returns the fd (connected or in progress) or -1. */
static int start_connect(const ldb_addr *a, int *in_progress, char *why, size_t whylen)
{
	int fd = -1;
	*in_progress = 0;
	if (a->port == 0) {
		struct sockaddr_un sun;
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		memcpy(sun.sun_path, a->host, strlen(a->host) + 1);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			snprintf(why, whylen, "socket: %s", strerror(errno));
			return -1;
		}
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
			snprintf(why, whylen, "connect: %s", strerror(errno));
			close(fd);
			return -1;
		}
		return fd;
	} else {
		struct addrinfo hints, *res = NULL, *ai;
		char port[8];
		int gai;
		memset(&hints, 0, sizeof(hints));
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_flags = AI_NUMERICSERV;
		{
			/* an IP literal needs no lookup (a lookup reads files at each connect) */
			struct in6_addr tmp;
			if (inet_pton(AF_INET, a->host, &tmp) == 1) {
				hints.ai_family = AF_INET;
				hints.ai_flags |= AI_NUMERICHOST;
			} else if (inet_pton(AF_INET6, a->host, &tmp) == 1) {
				hints.ai_family = AF_INET6;
				hints.ai_flags |= AI_NUMERICHOST;
			}
		}
		snprintf(port, sizeof(port), "%u", a->port);
		gai = getaddrinfo(a->host, port, &hints, &res);
		if (gai != 0) {
			snprintf(why, whylen, "host lookup: %s", gai_strerror(gai));
			return -1;
		}
		snprintf(why, whylen, "no address");
		for (ai = res; ai; ai = ai->ai_next) {
			fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
			if (fd < 0) {
				snprintf(why, whylen, "socket: %s", strerror(errno));
				continue;
			}
			if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
				break;
			}
			if (errno == EINPROGRESS) {
				*in_progress = 1;
				break;
			}
			snprintf(why, whylen, "connect: %s", strerror(errno));
			close(fd);
			fd = -1;
		}
		freeaddrinfo(res);
		if (fd >= 0) {
			int one = 1;
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		}
		return fd;
	}
}

static ldb_rc conn_open(ldb_server *s, const ldb_config *cfg)
{
	ldb_conn *c = &s->conn;
	char why[128];
	int in_progress, fd;
	struct timeval tv;

	fd = start_connect(&s->addr, &in_progress, why, sizeof(why));
	if (fd < 0) {
		return fail(s, LDB_CONNECT_FAILED, "%s", why);
	}
	if (in_progress) {
		int r = sock_wait(fd, POLLOUT, (int)cfg->connect_timeout_ms), soerr = 0;
		socklen_t sl = sizeof(soerr);
		if (r == 0) {
			close(fd);
			snprintf(s->last_error, sizeof(s->last_error), "connect timed out after %u ms", cfg->connect_timeout_ms);
			return LDB_CONNECT_FAILED;
		}
		if (r < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0) {
			close(fd);
			return fail(s, LDB_CONNECT_FAILED, "connect: %s", strerror(soerr ? soerr : errno));
		}
	}
	/* blocking from here on, each send and receive bounded by the reply timeout */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	tv.tv_sec = cfg->timeout_ms / 1000;
	tv.tv_usec = (cfg->timeout_ms % 1000) * 1000;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	c->fd = fd;
	c->gen = ldb_fork_gen;
	c->fresh = 1;
	c->busy = 0;
	c->rpos = c->rlen = 0;
	ldb_stats.connects++;
	ldb_stats.open++;
	return LDB_OK;
}

/* ---- request assembly ---- */

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

static int send_all(ldb_conn *c, struct iovec *iov, int cnt)
{
	struct msghdr m;
	memset(&m, 0, sizeof(m));
	while (cnt > 0) {
		ssize_t w;
		m.msg_iov = iov;
		m.msg_iovlen = (size_t)cnt;
		w = sendmsg(c->fd, &m, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR) {
				continue;
			}
			return -1;
		}
		while (cnt > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/* ---- reply parsing ---- */

static int rfill(ldb_conn *c, size_t need)
{
	/* make room for `need` unread bytes, then read at least one more */
	if (c->rpos == c->rlen) {
		c->rpos = c->rlen = 0;
	}
	if (c->rpos + need > c->rcap || c->rlen == c->rcap) {
		if (c->rpos > 0) {
			memmove(c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
			c->rlen -= c->rpos;
			c->rpos = 0;
		}
		if (need + 1 > c->rcap || c->rlen == c->rcap) {
			size_t cap = c->rcap ? c->rcap : 16384;
			char *p;
			while (cap < need + 1 || cap <= c->rlen) {
				cap *= 2;
			}
			if (need + 1 > 65536 && cap > need + 1 && need + 1 > c->rlen) {
				/* a large value: exactly its size, not the next power of two */
				cap = need + 1;
			}
			p = ldb_hook.realloc(c->rbuf, cap);
			if (!p) {
				errno = ENOMEM;
				return -1;
			}
			c->rbuf = p;
			c->rcap = cap;
		}
	}
	for (;;) {
		ssize_t r = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, 0);
		if (r > 0) {
			c->rlen += (size_t)r;
			return 0;
		}
		if (r == 0) {
			errno = ECONNRESET;
			return -1;
		}
		if (errno != EINTR) {
			return -1;
		}
	}
}

/* Next reply line, without its "\r\n"; NULL on failure. */
static const char *read_line(ldb_conn *c, size_t *len)
{
	for (;;) {
		char *start = c->rbuf ? c->rbuf + c->rpos : NULL;
		char *nl = c->rlen > c->rpos ? memchr(start, '\n', c->rlen - c->rpos) : NULL;
		if (nl) {
			size_t l = (size_t)(nl - start);
			if (l == 0 || nl[-1] != '\r') {
				errno = EPROTO;
				return NULL;
			}
			c->rpos += l + 1;
			*len = l - 1;
			return start;
		}
		if (c->rlen - c->rpos > 2048) {
			errno = EPROTO;
			return NULL;
		}
		if (rfill(c, c->rlen - c->rpos + 512) != 0) {
			return NULL;
		}
	}
}

static inline int line_is(const char *l, size_t len, const char *word, size_t wlen)
{
	return len == wlen && memcmp(l, word, wlen) == 0;
}

static inline int line_starts(const char *l, size_t len, const char *word, size_t wlen)
{
	return len >= wlen && memcmp(l, word, wlen) == 0;
}

#define IS(w) line_is(l, len, w, sizeof(w) - 1)
#define STARTS(w) line_starts(l, len, w, sizeof(w) - 1)

static int parse_u64(const char **p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;
	if (s == end || *s < '0' || *s > '9') {
		return -1;
	}
	while (s < end && *s >= '0' && *s <= '9') {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10) {
			return -1;
		}
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

/* A reply line that is no answer to a storage, delete, touch or arithmetic request. */
static ldb_rc other_line(ldb_server *s, const char *l, size_t len)
{
	char text[96];
	snprintf(text, sizeof(text), "%.*s", (int)(len > 80 ? 80 : len), l);
	if (STARTS("SERVER_ERROR")) {
		if (strstr(text, "too large")) {
			return fail(s, LDB_TOO_LARGE, "%s", text);
		}
		return fail(s, LDB_SERVER_ERROR, "%s", text);
	}
	if (STARTS("CLIENT_ERROR") || IS("ERROR")) {
		return fail(s, LDB_CLIENT_ERROR, "%s", text);
	}
	return fail(s, LDB_IO_FAILED, "unexpected reply \"%s\"", text);
}

static ldb_rc io_error(ldb_server *s, const char *what)
{
	char buf[96];
	s->closed_by_peer = errno == ECONNRESET || errno == EPIPE;
	if (errno == EAGAIN || errno == EWOULDBLOCK) {
		snprintf(buf, sizeof(buf), "%s timed out", what);
	} else if (errno == EPROTO) {
		snprintf(buf, sizeof(buf), "%s: reply does not parse", what);
	} else if (errno == ECONNRESET) {
		snprintf(buf, sizeof(buf), "%s: connection closed by server", what);
	} else {
		snprintf(buf, sizeof(buf), "%s: %s", what, strerror(errno));
	}
	return fail(s, LDB_IO_FAILED, "%s", buf);
}

/* Read the replies of one get command covering keys[first..last). Values must
 * come in the order of the keys asked, each for a key asked: anything else means
 * the connection is out of step and it is dropped. */
static ldb_rc read_values(ldb_server *s, ldb_req *req, size_t first, size_t last)
{
	ldb_conn *c = &s->conn;
	size_t next = first;
	for (;;) {
		size_t len;
		const char *l = read_line(c, &len), *p, *end;
		const char *key;
		uint64_t flags, bytes;
		size_t klen;
		if (!l) {
			return io_error(s, "reading a value");
		}
		if (IS("END")) {
			return LDB_OK;
		}
		if (!STARTS("VALUE ")) {
			ldb_rc rc = other_line(s, l, len);
			return rc == LDB_CLIENT_ERROR || rc == LDB_SERVER_ERROR ? rc : LDB_IO_FAILED;
		}
		end = l + len;
		key = l + 6;
		p = memchr(key, ' ', (size_t)(end - key));
		if (!p) {
			errno = EPROTO;
			return io_error(s, "reading a value");
		}
		klen = (size_t)(p - key);
		while (next < last && !(req->items[next].key_len == klen && memcmp(req->items[next].key, key, klen) == 0)) {
			next++;
		}
		p++;
		if (next == last || parse_u64(&p, end, &flags) != 0 || flags > UINT32_MAX || p == end || *p++ != ' '
				|| parse_u64(&p, end, &bytes) != 0 || bytes > LDB_MAX_ITEM || (p != end && *p != ' ')) {
			errno = EPROTO;
			return io_error(s, "reading a value");
		}
		if (req->op == LDB_OP_GETS) {
			/* gets: "VALUE key flags bytes cas" */
			if (p == end || *p++ != ' ' || parse_u64(&p, end, &req->number) != 0 || p != end) {
				errno = EPROTO;
				return io_error(s, "reading a value");
			}
		}
		while (c->rlen - c->rpos < bytes + 2) {
			/* grow with what arrives, not with what the server announced */
			size_t have = c->rlen - c->rpos, step = have > 65536 ? have : 65536;
			size_t want = bytes + 2 - have > step ? have + step : (size_t)bytes + 2;
			if (rfill(c, want) != 0) {
				return io_error(s, "reading a value");
			}
		}
		if (c->rbuf[c->rpos + bytes] != '\r' || c->rbuf[c->rpos + bytes + 1] != '\n') {
			errno = EPROTO;
			return io_error(s, "reading a value");
		}
		if (req->cb) {
			req->cb(req->ctx, next, c->rbuf + c->rpos, (size_t)bytes, (uint32_t)flags);
		}
		c->rpos += bytes + 2;
		next++;
	}
}

static ldb_rc read_store_reply(ldb_server *s, ldb_op op, ldb_rc *out)
{
	size_t len;
	const char *l = read_line(&s->conn, &len);
	if (!l) {
		return io_error(s, "reading the reply");
	}
	switch (op) {
		case LDB_OP_DELETE:
			*out = IS("DELETED") ? LDB_OK : IS("NOT_FOUND") ? LDB_MISS : other_line(s, l, len);
			break;
		case LDB_OP_TOUCH:
			*out = IS("TOUCHED") ? LDB_OK : IS("NOT_FOUND") ? LDB_MISS : other_line(s, l, len);
			break;
		case LDB_OP_CAS:
			/* EXISTS: changed since the gets; NOT_FOUND: gone */
			*out = IS("STORED") ? LDB_OK : IS("EXISTS") ? LDB_EXISTS : IS("NOT_FOUND") ? LDB_MISS : other_line(s, l, len);
			break;
		default:
			*out = IS("STORED") ? LDB_OK : IS("NOT_STORED") ? LDB_NOT_STORED : IS("EXISTS") ? LDB_EXISTS
				: IS("NOT_FOUND") ? LDB_NOT_STORED : other_line(s, l, len);
	}
	return LDB_OK;
}

static const char *verb(ldb_op op, size_t *len)
{
	static const char *const v[] = {
		"get ", "set ", "add ", "replace ", "append ", "prepend ", "delete ", "incr ", "decr ", "touch ", "version",
		"gets ", "cas ", "flush_all"
	};
	*len = strlen(v[op]);
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
	if (it->val_len > 4096) {
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

static int flush_with(ldb_conn *c, const ldb_item *big)
{
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
	return send_all(c, iov, n);
}

/* Is an idle connection still open? A server that restarted or closed it shows
 * up as readable (EOF); finding it now costs nothing, finding it after sending
 * a write would make its outcome unknown. */
static int conn_stale(ldb_conn *c)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	return poll(&p, 1, 0) != 0;
}

ldb_rc ldb_conn_exec(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, int *sent)
{
	ldb_conn *c = &s->conn;
	ldb_rc rc = LDB_OK;

	*sent = 0;
	if (c->fd >= 0 && (c->gen != ldb_fork_gen || c->busy || c->rpos != c->rlen)) {
		ldb_conn_close(c, 1);
	}
	if (c->fd >= 0) {
		if (now - c->last_used_ms > 1000 && conn_stale(c)) {
			ldb_conn_close(c, 1);
		} else {
			ldb_stats.reuses++;
		}
	}
	if (c->fd < 0 && (rc = conn_open(s, cfg)) != LDB_OK) {
		return rc;
	}
	c->busy = 1;
	c->wlen = 0;

	switch (req->op) {
		case LDB_OP_GET: case LDB_OP_GETS: {
			/* one pipelined write of get lines of up to LDB_KEYS_PER_GET keys */
			size_t i = 0;
			while (i < req->n && rc == LDB_OK) {
				size_t first = i, lines = 0;
				size_t starts[LDB_PIPELINE_BYTES / 256 + 2];
				while (i < req->n && c->wlen < LDB_PIPELINE_BYTES && lines < sizeof(starts) / sizeof(starts[0]) - 1) {
					size_t k = 0;
					starts[lines++] = i;
					if (wreserve(c, 4 + (LDB_MAX_KEY + 1) * LDB_KEYS_PER_GET + 2) != 0) {
						return fail(s, LDB_NOMEM, "%s", "out of memory");
					}
					if (req->op == LDB_OP_GETS) {
						wput(c, "gets", 4);
					} else {
						wput(c, "get", 3);
					}
					for (; k < LDB_KEYS_PER_GET && i < req->n; k++, i++) {
						wput(c, " ", 1);
						wput(c, req->items[i].key, req->items[i].key_len);
					}
					wput(c, "\r\n", 2);
				}
				starts[lines] = i;
				if (flush_with(c, NULL) != 0) {
					rc = io_error(s, "sending");
					break;
				}
				*sent = 1;
				for (size_t L = 0; L < lines && rc == LDB_OK; L++) {
					rc = read_values(s, req, starts[L], starts[L + 1]);
				}
				(void)first;
			}
			break;
		}
		case LDB_OP_SET: case LDB_OP_ADD: case LDB_OP_REPLACE: case LDB_OP_APPEND: case LDB_OP_PREPEND:
		case LDB_OP_DELETE: case LDB_OP_TOUCH: case LDB_OP_CAS: {
			size_t i = 0;
			while (i < req->n && rc == LDB_OK) {
				size_t first = i;
				int big = 0;
				while (i < req->n && c->wlen < LDB_PIPELINE_BYTES && !big) {
					if (put_command(c, req->op, &req->items[i], &big) != 0) {
						return fail(s, LDB_NOMEM, "%s", "out of memory");
					}
					i++;
				}
				if (flush_with(c, big ? &req->items[i - 1] : NULL) != 0) {
					rc = io_error(s, "sending");
					break;
				}
				*sent = 1;
				for (size_t k = first; k < i && rc == LDB_OK; k++) {
					ldb_rc one = LDB_OK;
					rc = read_store_reply(s, req->op, &one);
					req->out[k].rc = one;
					if (rc == LDB_OK && (one == LDB_CLIENT_ERROR || one == LDB_SERVER_ERROR)) {
						/* the rest of a refused command may be read as commands: stop here */
						rc = one;
					}
				}
			}
			if (rc == LDB_OK && req->n == 1) {
				rc = req->out[0].rc;
			}
			break;
		}
		case LDB_OP_INCR: case LDB_OP_DECR: {
			size_t vl, len;
			const char *v = verb(req->op, &vl), *l, *p;
			if (wreserve(c, vl + req->items[0].key_len + 32) != 0) {
				return fail(s, LDB_NOMEM, "%s", "out of memory");
			}
			wput(c, v, vl);
			wput(c, req->items[0].key, req->items[0].key_len);
			wput(c, " ", 1);
			wnum(c, req->delta);
			wput(c, "\r\n", 2);
			if (flush_with(c, NULL) != 0) {
				rc = io_error(s, "sending");
				break;
			}
			*sent = 1;
			if (!(l = read_line(c, &len))) {
				rc = io_error(s, "reading the reply");
				break;
			}
			p = l;
			if (len > 0 && l[0] >= '0' && l[0] <= '9') {
				/* Tokyo Tyrant pads nothing, memcached pads decr results with spaces */
				const char *end = l + len;
				while (end > l && end[-1] == ' ') end--;
				if (parse_u64(&p, end, &req->number) != 0 || p != end) {
					errno = EPROTO;
					rc = io_error(s, "reading the reply");
				}
			} else if (IS("NOT_FOUND")) {
				rc = LDB_MISS;
			} else if (STARTS("CLIENT_ERROR cannot increment or decrement non-numeric")) {
				rc = LDB_NOT_NUMERIC;
			} else {
				rc = other_line(s, l, len);
			}
			break;
		}
		case LDB_OP_FLUSH: {
			/* "flush_all [delay]" answered OK */
			size_t len;
			const char *l;
			if (wreserve(c, 40) != 0) {
				return fail(s, LDB_NOMEM, "%s", "out of memory");
			}
			wput(c, "flush_all", 9);
			if (req->items[0].exptime) {
				wput(c, " ", 1);
				wnum(c, req->items[0].exptime);
			}
			wput(c, "\r\n", 2);
			if (flush_with(c, NULL) != 0) {
				rc = io_error(s, "sending");
				break;
			}
			*sent = 1;
			if (!(l = read_line(c, &len))) {
				rc = io_error(s, "reading the reply");
			} else if (!IS("OK")) {
				rc = other_line(s, l, len);
			}
			break;
		}
		case LDB_OP_VERSION: {
			size_t len;
			const char *l;
			if (wreserve(c, 16) != 0) {
				return fail(s, LDB_NOMEM, "%s", "out of memory");
			}
			wput(c, "version\r\n", 9);
			if (flush_with(c, NULL) != 0) {
				rc = io_error(s, "sending");
				break;
			}
			*sent = 1;
			if (!(l = read_line(c, &len))) {
				rc = io_error(s, "reading the reply");
			} else if (!STARTS("VERSION ")) {
				rc = other_line(s, l, len);
			}
			break;
		}
	}

	if (rc == LDB_IO_FAILED || rc == LDB_CLIENT_ERROR || rc == LDB_NOMEM || c->rpos != c->rlen) {
		ldb_conn_close(c, 1);
	} else {
		c->busy = 0;
		c->fresh = 0;
		c->last_used_ms = now;
		/* one very large reply should not pin its buffer for the life of the worker */
		if (c->rcap > (1u << 20)) {
			ldb_mfree(c->rbuf);
			c->rbuf = NULL;
			c->rcap = c->rpos = c->rlen = 0;
		}
	}
	return rc;
}

/* ---- probes: a version request on a socket of its own, never waited for ---- */

void ldb_probe_abandon(ldb_probe *p)
{
	if (p->fd >= 0) {
		close(p->fd);
	}
	p->fd = -1;
	p->phase = 0;
}

int ldb_probe_start(ldb_server *s, const ldb_config *cfg, int64_t now)
{
	ldb_probe *p = &s->probe;
	char why[128];
	int in_progress;
	ldb_probe_abandon(p);
	p->fd = start_connect(&s->addr, &in_progress, why, sizeof(why));
	p->gen = ldb_fork_gen;
	p->deadline_ms = now + cfg->connect_timeout_ms + cfg->timeout_ms;
	if (p->fd < 0) {
		snprintf(s->last_error, sizeof(s->last_error), "probe: %s", why);
		return -1;
	}
	p->phase = 1;
	return 0;
}

int ldb_probe_poll(ldb_server *s, int64_t now, int *ok, char *why, size_t whylen)
{
	ldb_probe *p = &s->probe;
	struct pollfd pf;
	*ok = 0;
	if (p->phase == 0) {
		return 0;
	}
	if (p->gen != ldb_fork_gen) {
		/* the parent's probe: not ours to finish; close only our copy */
		ldb_probe_abandon(p);
		return 0;
	}
	pf.fd = p->fd;
	pf.events = p->phase == 1 ? POLLOUT : POLLIN;
	pf.revents = 0;
	if (poll(&pf, 1, 0) <= 0) {
		if (now > p->deadline_ms) {
			snprintf(why, whylen, "probe timed out");
			ldb_probe_abandon(p);
			return 1;
		}
		return 0;
	}
	if (p->phase == 1) {
		int soerr = 0;
		socklen_t sl = sizeof(soerr);
		if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0
				|| send(p->fd, "version\r\n", 9, MSG_NOSIGNAL) != 9) {
			snprintf(why, whylen, "probe: %s", strerror(soerr ? soerr : errno));
			ldb_probe_abandon(p);
			return 1;
		}
		p->phase = 2;
		return 0;
	} else {
		char buf[128];
		ssize_t r = recv(p->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
		if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
			return 0;
		}
		if (r > 8 && memcmp(buf, "VERSION ", 8) == 0 && memchr(buf, '\n', (size_t)r)) {
			*ok = 1;
		} else {
			snprintf(why, whylen, r <= 0 ? "probe: connection closed" : "probe: unexpected reply");
		}
		ldb_probe_abandon(p);
		return 1;
	}
}
