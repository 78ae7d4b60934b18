/*
 * One server connection: a non-blocking connect bounded by connect_timeout,
 * then exchanges with one deadline each. Writes never block (MSG_DONTWAIT):
 * when the socket is full, poll waits for the time left. The first read of an
 * exchange that has not waited yet blocks in recv, bounded by SO_RCVTIMEO
 * (= timeout, almost all of the time left); every later read polls for the
 * time left first. A signal resumes the wait against the same deadline. The
 * deadline is `timeout` after the exchange starts, plus one millisecond for
 * every LDB_ALLOWANCE_BYTES_PER_MS bytes moved, so that a large value on a
 * healthy server fits and a trickling server is cut off after about
 * `timeout`. After any failure the connection is closed: a connection out of
 * step with its server is never used again. Host names are looked up here,
 * off the request path (ldb_lookup_start). What the commands and replies mean
 * is ldb_exchange.c's.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* getaddrinfo_a */
#endif
#include "ldb_internal.h"	/* and ldb_sys.h: sockets on POSIX and Windows */

#include <stdio.h>
#include <string.h>

/* A read buffer larger than this is freed after its exchange: one very large
 * reply does not pin its memory for the life of the worker. */
#define LDB_KEEP_RBUF ((size_t)1 << 20)
/* A kept connection idle longer than this is checked for EOF before a request
 * that is safe to repeat (one that is not is checked every time). */
#define LDB_IDLE_CHECK_MS 1000

void ldb_conn_close(ldb_conn *c, int reset)
{
	if (c->fd >= 0) {
		/* in a forked child the socket is the parent's too: close only our copy */
		ldb_sock_close(c->fd);
		c->fd = -1;
		if (reset) {
			ldb_stats.resets++;
		}
		if (ldb_stats.open) {
			ldb_stats.open--;
		}
	}
	ldb_reader_reset(&c->rd, LDB_KEEP_RBUF);
	c->busy = 0;
}

void ldb_conn_release(ldb_conn *c)
{
	ldb_conn_close(c, 0);
	ldb_reader_free(&c->rd);
	ldb_mfree(c->wbuf);
	c->wbuf = NULL;
	c->wcap = c->wlen = 0;
}

int ldb_io_fail(ldb_io *io, ldb_xkind kind, ldb_rc rc, int waited, const char *fmt, const char *detail)
{
	ldb_result *res = io->res;
	res->kind = kind;
	res->rc = rc;
	res->waited = (uint8_t)waited;
	snprintf(res->msg, sizeof(res->msg), fmt, detail);
	return -1;
}

/* Wait until the socket is ready for ev. 1 ready, 0 the deadline passed, -1 error. */
static int io_wait(ldb_io *io, short ev)
{
	for (;;) {
		int64_t allowance = (int64_t)(io->moved >> LDB_ALLOWANCE_SHIFT), left;
		struct pollfd p;
		int r;
		if (io->waits++) {
			/* the clock is read again only when a wait did not finish the exchange */
			io->now = ldb_now_ms();
		}
		left = io->deadline + allowance - io->now;
		if (left <= 0) {
			return 0;
		}
		if (left > (int64_t)io->budget_ms + allowance) {
			/* the clock stepped back: never wait longer than the whole budget */
			left = (int64_t)io->budget_ms + allowance;
		}
		p.fd = io->c->fd;
		p.events = ev;
		p.revents = 0;
		r = ldb_poll(&p, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (r > 0) {
			return 1;
		}
		if (r == 0) {
			/* poll waited for all the time that was left, or longer */
			return 0;
		}
		if (errno != EINTR) {
			return -1;
		}
	}
}

static int io_error(ldb_io *io, const char *what)
{
	io->closed = errno == ECONNRESET || errno == EPIPE;
	if (io->closed) {
		return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "%s: connection closed by server", what);
	}
	return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "%s", strerror(errno));
}

static int io_timeout(ldb_io *io, const char *what)
{
	char buf[LDB_ERR_MAX];
	snprintf(buf, sizeof(buf), "%s timed out after %u ms", what, io->budget_ms);
	return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 1, "%s", buf);
}

int ldb_io_send(ldb_io *io, struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t w;
		if (cnt == 1) {
			w = ldb_send(io->c->fd, iov->iov_base, iov->iov_len, MSG_NOSIGNAL | MSG_DONTWAIT);
		} else {
			w = ldb_sendv(io->c->fd, iov, cnt, MSG_NOSIGNAL | MSG_DONTWAIT);
		}
		if (w < 0) {
			int r;
			if (errno == EINTR) {
				continue;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK) {
				return io_error(io, "sending");
			}
			if ((r = io_wait(io, POLLOUT)) == 0) {
				return io_timeout(io, "sending");
			}
			if (r < 0) {
				return io_error(io, "waiting to send");
			}
			continue;
		}
		if (w > 0) {
			io->res->sent = 1;
			io->moved += (uint64_t)w;
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

int ldb_io_fill(ldb_io *io)
{
	ldb_reader *rd = &io->c->rd;
	for (;;) {
		size_t room;
		ssize_t n;
		char *p;
		int flags = MSG_DONTWAIT;
		if (!io->readable) {
			if (io->waits == 0 && io->c->rcvtimeo_ms == io->budget_ms) {
				/* The exchange has not waited yet, so (almost) all of its
				 * time is left: a blocking read bounded by SO_RCVTIMEO
				 * (= timeout) is that wait, in one call instead of poll
				 * and read. Any later wait polls for the time left. */
				io->waits = 1;
				flags = 0;
			} else {
				int r = io_wait(io, POLLIN);
				if (r == 0) {
					return io_timeout(io, "reading the reply");
				}
				if (r < 0) {
					return io_error(io, "waiting for the reply");
				}
			}
		}
		if (!(p = ldb_reader_space(rd, &room))) {
			return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_NOMEM, 0, "%s", "out of memory");
		}
		n = ldb_recv(io->c->fd, p, room, flags);
		if (n > 0) {
			ldb_reader_wrote(rd, (size_t)n);
			io->moved += (uint64_t)n;
			io->readable = (size_t)n == room;
			return 0;
		}
		if (n == 0) {
			io->closed = 1;
			return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "%s", "connection closed by server");
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (flags == 0) {
				/* SO_RCVTIMEO ran out */
				return io_timeout(io, "reading the reply");
			}
		} else if (errno != EINTR) {
			return io_error(io, "reading the reply");
		}
		io->readable = 0;
	}
}

int ldb_io_bad_reply(ldb_io *io)
{
	return ldb_io_fail(io, LDB_X_IO_FAILED, LDB_IO_FAILED, 0, "reply does not parse: %s", io->c->rd.errstr);
}

/* ---- host names: looked up off the request path, cached ---- */

typedef struct lookup_req {
	struct gaicb cb;
	struct addrinfo hints;
	char host[LDB_HOST_MAX];
	char port[8];
	struct lookup_req *next;  /* on the abandoned list */
	uint32_t gen;             /* ldb_fork_gen of the process that started it */
} lookup_req;

/* Lookups whose server went away while libc's thread still ran them: libc
 * writes into them until they finish, so they are kept here and freed by a
 * later lookup once finished. One started before a fork is never finished in
 * the child (the thread is the parent's): it stays. */
static lookup_req *abandoned;

static void abandoned_sweep(void)
{
	lookup_req **p = &abandoned;
	while (*p) {
		lookup_req *q = *p;
		if (q->gen == ldb_fork_gen && gai_error(&q->cb) != EAI_INPROGRESS) {
			*p = q->next;
			if (q->cb.ar_result) {
				freeaddrinfo(q->cb.ar_result);
			}
			ldb_mfree(q);
		} else {
			p = &q->next;
		}
	}
}

static int is_literal(const ldb_addr *a)
{
	struct in6_addr tmp;
	return a->port == 0 || inet_pton(AF_INET, a->host, &tmp) == 1 || inet_pton(AF_INET6, a->host, &tmp) == 1;
}

/* Take the result of a finished lookup. 1 when it finished, 0 while it runs. */
static int lookup_harvest(ldb_lookup *lk)
{
	lookup_req *q = lk->pending;
	int e;
	if (!q) {
		return 1;
	}
	if (lk->gen != ldb_fork_gen) {
		/* started by the parent: its thread is not in this process, and the
		 * request may still be on libc's list, so it is left, not freed */
		q->next = abandoned;
		abandoned = q;
		lk->pending = NULL;
		return 1;
	}
	e = gai_error(&q->cb);
	if (e == EAI_INPROGRESS) {
		return 0;
	}
	if (e == 0) {
		int n = 0;
		for (struct addrinfo *ai = q->cb.ar_result; ai && n < LDB_LOOKUP_ADDRS; ai = ai->ai_next) {
			if (ai->ai_addrlen <= sizeof(lk->sa[0])) {
				memcpy(&lk->sa[n], ai->ai_addr, ai->ai_addrlen);
				lk->len[n] = ai->ai_addrlen;
				n++;
			}
		}
		if (n) {
			lk->n = n;
			lk->err[0] = '\0';
		} else {
			snprintf(lk->err, sizeof(lk->err), "host lookup: no address");
		}
	} else {
		/* a failed lookup leaves the addresses found before in place */
		snprintf(lk->err, sizeof(lk->err), "host lookup: %s", gai_strerror(e));
	}
	if (q->cb.ar_result) {
		freeaddrinfo(q->cb.ar_result);
	}
	ldb_mfree(q);
	lk->pending = NULL;
	return 1;
}

void ldb_lookup_start(ldb_server *s, uint32_t wait_ms)
{
	ldb_lookup *lk = &s->lookup;
	lookup_req *q;
	struct gaicb *list[1];
	int e;
	if (is_literal(&s->addr) || !lookup_harvest(lk)) {
		return;
	}
	if (abandoned) {
		abandoned_sweep();
	}
	if (!(q = ldb_calloc(sizeof(*q)))) {
		snprintf(lk->err, sizeof(lk->err), "host lookup: out of memory");
		return;
	}
	snprintf(q->host, sizeof(q->host), "%s", s->addr.host);
	snprintf(q->port, sizeof(q->port), "%u", s->addr.port);
	q->hints.ai_socktype = SOCK_STREAM;
	q->hints.ai_flags = AI_NUMERICSERV;
	q->cb.ar_name = q->host;
	q->cb.ar_service = q->port;
	q->cb.ar_request = &q->hints;
	list[0] = &q->cb;
	lk->at_ms = ldb_now_ms();
	if ((e = getaddrinfo_a(GAI_NOWAIT, list, 1, NULL)) != 0) {
		snprintf(lk->err, sizeof(lk->err), "host lookup: %s", gai_strerror(e));
		ldb_mfree(q);
		return;
	}
	lk->pending = q;
	lk->gen = q->gen = ldb_fork_gen;
	if (wait_ms) {
		/* bounded: what is not known by then is taken later, by a connect
		 * or a probe that finds it done */
		int64_t deadline = ldb_now_ms() + wait_ms;
		for (;;) {
			int64_t left = deadline - ldb_now_ms();
			struct timespec ts;
			const struct gaicb *wait[1] = { &q->cb };
			if (left <= 0) {
				break;
			}
			ts.tv_sec = left / 1000;
			ts.tv_nsec = (left % 1000) * 1000000;
			e = gai_suspend(wait, 1, &ts);
			if (e != EAI_INTR) {
				break;
			}
		}
		lookup_harvest(lk);
	}
}

void ldb_lookup_release(ldb_server *s)
{
	ldb_lookup *lk = &s->lookup;
	lookup_req *q = lk->pending;
	if (q && lk->gen == ldb_fork_gen && !lookup_harvest(lk)) {
		int e = gai_cancel(&q->cb);
		if (e == EAI_CANCELED || e == EAI_ALLDONE) {
			if (q->cb.ar_result) {
				freeaddrinfo(q->cb.ar_result);
			}
			ldb_mfree(q);
		} else {
			/* EAI_NOTCANCELED: libc's thread still writes into it */
			q->next = abandoned;
			abandoned = q;
		}
	}
	lk->pending = NULL;
	lk->n = 0;
}

/* Start a non-blocking connect to one address; the fd (connected or in
 * progress), or -1 with why. */
static int connect_one(int family, const struct sockaddr *sa, socklen_t len, int *in_progress, char *why, size_t whylen)
{
	int fd = ldb_socket(family);
	if (fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		return -1;
	}
	if (ldb_connect(fd, sa, len) == 0) {
		return fd;
	}
	if (errno == EINPROGRESS) {
		*in_progress = 1;
		return fd;
	}
	snprintf(why, whylen, "connect: %s", strerror(errno));
	ldb_sock_close(fd);
	return -1;
}

/* Start a non-blocking connect to s; returns the fd (connected or in
 * progress) or -1. A host name is never looked up here: its cached addresses
 * are used, and a lookup is started in the background when they are old. */
static int start_connect(ldb_server *s, int *in_progress, char *why, size_t whylen)
{
	const ldb_addr *a = &s->addr;
	int fd = -1;
	*in_progress = 0;
	if (a->port == 0) {
		struct sockaddr_un sun;
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		memcpy(sun.sun_path, a->host, strlen(a->host) + 1);
		return connect_one(AF_UNIX, (struct sockaddr *)&sun, sizeof(sun), in_progress, why, whylen);
	}
	{
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		memset(&v4, 0, sizeof(v4));
		memset(&v6, 0, sizeof(v6));
		if (inet_pton(AF_INET, a->host, &v4.sin_addr) == 1) {
			v4.sin_family = AF_INET;
			v4.sin_port = htons(a->port);
			fd = connect_one(AF_INET, (struct sockaddr *)&v4, sizeof(v4), in_progress, why, whylen);
		} else if (inet_pton(AF_INET6, a->host, &v6.sin6_addr) == 1) {
			v6.sin6_family = AF_INET6;
			v6.sin6_port = htons(a->port);
			fd = connect_one(AF_INET6, (struct sockaddr *)&v6, sizeof(v6), in_progress, why, whylen);
		} else {
			ldb_lookup *lk = &s->lookup;
			lookup_harvest(lk);
			if (!lk->pending && (lk->n == 0 || ldb_now_ms() - lk->at_ms > LDB_LOOKUP_TTL_MS)) {
				ldb_lookup_start(s, 0);
			}
			if (lk->n == 0) {
				snprintf(why, whylen, "%s", lk->pending ? "host lookup still under way" : lk->err[0] ? lk->err : "host lookup failed");
				return -1;
			}
			for (int i = 0; i < lk->n && fd < 0; i++) {
				fd = connect_one(lk->sa[i].ss_family, (struct sockaddr *)&lk->sa[i], lk->len[i], in_progress, why, whylen);
			}
		}
	}
	if (fd >= 0) {
		int one = 1;
		/* without it a request can wait for the previous one's ACK (Nagle) */
		if (ldb_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
			snprintf(why, whylen, "TCP_NODELAY: %s", strerror(errno));
			ldb_sock_close(fd);
			return -1;
		}
	}
	return fd;
}

/* Wait for a non-blocking connect, against its own deadline. 0 connected, or
 * -1 with why (*timed_out set when the deadline passed). */
static int connect_wait(int fd, uint32_t ms, int *timed_out, char *why, size_t whylen)
{
	int64_t deadline = ldb_now_ms() + ms;
	int soerr;
	*timed_out = 0;
	for (;;) {
		struct pollfd p = { fd, POLLOUT, 0 };
		int64_t left = deadline - ldb_now_ms();
		int r;
		if (left > (int64_t)ms) {
			left = ms;
		}
		r = left > 0 ? ldb_poll(&p, 1, (int)left) : 0;
		if (r == 0) {
			*timed_out = 1;
			snprintf(why, whylen, "connect timed out after %u ms", ms);
			return -1;
		}
		if (r > 0) {
			break;
		}
		if (errno != EINTR) {
			snprintf(why, whylen, "connect: %s", strerror(errno));
			return -1;
		}
	}
	if ((soerr = ldb_sock_error(fd)) != 0) {
		snprintf(why, whylen, "connect: %s", strerror(soerr));
		return -1;
	}
	return 0;
}

/* Open s's connection. 0, or -1 with io->res filled. */
static int conn_open(ldb_server *s, const ldb_config *cfg, ldb_io *io)
{
	ldb_conn *c = &s->conn;
	char why[128];
	int in_progress, fd, timed_out = 0;

	fd = start_connect(s, &in_progress, why, sizeof(why));
	if (fd >= 0 && in_progress && connect_wait(fd, cfg->connect_timeout_ms, &timed_out, why, sizeof(why)) != 0) {
		ldb_sock_close(fd);
		fd = -1;
	}
	if (fd < 0) {
		return ldb_io_fail(io, LDB_X_CONNECT_FAILED, LDB_CONNECT_FAILED, timed_out, "%s", why);
	}
	/* Blocking, with the reply timeout as SO_RCVTIMEO, for the first read of
	 * an exchange (ldb_io_fill); every other call says MSG_DONTWAIT. Without
	 * them every read polls first. */
	c->rcvtimeo_ms = ldb_sock_block_rcvtimeo(fd, cfg->timeout_ms) == 0 ? cfg->timeout_ms : 0;
	c->fd = fd;
	c->gen = ldb_fork_gen;
	c->busy = 0;
	ldb_reader_reset(&c->rd, LDB_KEEP_RBUF);
	ldb_stats.connects++;
	ldb_stats.open++;
	return 0;
}

/* Whether a kept connection can take a request: not closed by the server and
 * with nothing unasked for to read. One non-blocking peek. */
static int conn_alive(ldb_conn *c)
{
	char b;
	ssize_t r = ldb_recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	return r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
}

static int exchange(ldb_io *io, ldb_req *req)
{
	switch (req->op) {
		case LDB_OP_GET: case LDB_OP_GETS:
			return ldb_exchange_get(io, req);
		case LDB_OP_INCR: case LDB_OP_DECR:
			return ldb_exchange_arith(io, req);
		case LDB_OP_VERSION: case LDB_OP_FLUSH:
			return ldb_exchange_version(io, req);
		default:
			return ldb_exchange_store(io, req);
	}
}

/* Before an exchange: res cleared, a kept connection checked. Returns 1 when
 * the kept connection is used. */
static int exchange_prepare(ldb_conn *c, const ldb_req *req, int64_t now, ldb_result *res)
{
	res->kind = LDB_X_ANSWERED;
	res->rc = LDB_OK;
	res->sent = res->waited = res->first = 0;
	if (c->fd >= 0 && (c->gen != ldb_fork_gen || c->busy || ldb_reader_pending(&c->rd))) {
		ldb_conn_close(c, 1);
	}
	if (c->fd >= 0) {
		/* A request that is not safe to repeat is never written to a
		 * connection the server has closed (it restarted, or dropped idle
		 * clients): it would look sent and its outcome unknown. */
		if ((!ldb_op_idempotent(req->op) || now - c->last_used_ms > LDB_IDLE_CHECK_MS) && !conn_alive(c)) {
			ldb_conn_close(c, 1);
		} else {
			ldb_stats.reuses++;
			return 1;
		}
	}
	return 0;
}

/* One try: a connection (opened when needed) and the exchange's deadline.
 * 0, or -1 when the connect failed (io->res filled). */
static int exchange_start(ldb_server *s, const ldb_config *cfg, ldb_io *io, int64_t *now)
{
	ldb_conn *c = &s->conn;
	io->c = c;
	io->budget_ms = cfg->timeout_ms;
	io->now = *now;
	io->moved = 0;
	io->waits = io->readable = io->closed = 0;
	if (c->fd < 0) {
		if (conn_open(s, cfg, io) != 0) {
			return -1;
		}
		io->now = *now = ldb_now_ms();
	}
	io->deadline = io->now + cfg->timeout_ms;
	c->busy = 1;
	c->wlen = 0;
	return 0;
}

/* After a try (r: what the exchange returned). 0: done, answered or not;
 * 1: an i/o failure on a connection the server closed, with a request that may
 * be sent again; 2: another i/o failure. */
static int exchange_finish(ldb_conn *c, ldb_io *io, const ldb_req *req, int r, int64_t now)
{
	ldb_result *res = io->res;
	if (r == 0 && res->rc != LDB_CLIENT_ERROR && !ldb_reader_pending(&c->rd)) {
		c->busy = 0;
		c->last_used_ms = now;
		if (c->rd.cap > LDB_KEEP_RBUF) {
			ldb_reader_reset(&c->rd, LDB_KEEP_RBUF);
		}
		return 0;
	}
	ldb_conn_close(c, 1);
	if (r == 0 || res->kind != LDB_X_IO_FAILED) {
		/* an answer that leaves the connection out of step (CLIENT_ERROR), or SERVER_ERROR */
		return 0;
	}
	return io->closed && (!res->sent || ldb_op_idempotent(req->op)) ? 1 : 2;
}

void ldb_conn_exec(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, ldb_result *res)
{
	int reused = exchange_prepare(&s->conn, req, now, res), again = 1, k;
	ldb_io io;

	io.res = res;
	for (;;) {
		if (exchange_start(s, cfg, &io, &now) != 0) {
			return;
		}
		k = exchange_finish(&s->conn, &io, req, exchange(&io, req), now);
		if (k == 0) {
			return;
		}
		if (!(k == 1 && reused && again)) {
			break;
		}
		/* A kept connection the server had closed says nothing about the
		 * server yet: ask again, once, on a new connection. */
		again = 0;
		reused = 0;
		res->sent = 0;
		if (req->cb) {
			req->cb(req->ctx, (size_t)-1, NULL, 0, 0);
		}
	}
	if (req->op == LDB_OP_FLUSH && io.closed && !reused) {
		/* A connection opened for it, and closed by the server in reply to
		 * flush_all: a proxy that has no flush_all (twemproxy closes the
		 * connection on a command it does not forward). The server is
		 * there; it refused the command. */
		res->kind = LDB_X_ANSWERED;
		res->rc = LDB_UNSUPPORTED;
		res->sent = 0;
		snprintf(res->msg, sizeof(res->msg), "%s", "the server closed the connection on flush_all (a proxy such as twemproxy has none)");
		return;
	}
	res->first = !reused;
}

int ldb_conn_send(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, ldb_result *res, ldb_split *x)
{
	int k;
	x->reused = exchange_prepare(&s->conn, req, now, res);
	x->io.res = res;
	if (exchange_start(s, cfg, &x->io, &now) != 0) {
		return -1;
	}
	if (ldb_exchange_send(&x->io, req) == 0) {
		return 0;
	}
	k = exchange_finish(&s->conn, &x->io, req, -1, now);
	if (k == 1 && x->reused) {
		return 1;
	}
	res->first = !x->reused;
	return -1;
}

int ldb_conn_recv(ldb_server *s, ldb_req *req, ldb_split *x)
{
	int k = exchange_finish(&s->conn, &x->io, req, ldb_exchange_recv(&x->io, req), x->io.now);
	if (k == 1 && x->reused) {
		return 1;
	}
	if (k != 0) {
		x->io.res->first = !x->reused;
	}
	return 0;
}

void ldb_conn_timed_out(ldb_server *s, ldb_split *x)
{
	char why[64];
	snprintf(why, sizeof(why), "reading the reply timed out after %u ms", x->io.budget_ms);
	ldb_io_fail(&x->io, LDB_X_IO_FAILED, LDB_IO_FAILED, 1, "%s", why);
	ldb_conn_close(&s->conn, 1);
	x->io.res->first = !x->reused;
}

/* ---- probes: a version request on a socket of its own, never waited for ---- */

void ldb_probe_abandon(ldb_probe *p)
{
	if (p->fd >= 0) {
		ldb_sock_close(p->fd);
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
	p->fd = start_connect(s, &in_progress, why, sizeof(why));
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
	if (ldb_poll(&pf, 1, 0) <= 0) {
		if (now > p->deadline_ms) {
			snprintf(why, whylen, "probe timed out");
			ldb_probe_abandon(p);
			return 1;
		}
		return 0;
	}
	if (p->phase == 1) {
		int soerr = ldb_sock_error(p->fd);
		if (soerr != 0 || ldb_send(p->fd, "version\r\n", 9, MSG_NOSIGNAL) != 9) {
			snprintf(why, whylen, "probe: %s", strerror(soerr ? soerr : errno));
			ldb_probe_abandon(p);
			return 1;
		}
		p->phase = 2;
		return 0;
	} else {
		char buf[128];
		ssize_t r = ldb_recv(p->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
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
