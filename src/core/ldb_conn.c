/*
 * One server connection: a non-blocking connect bounded by connect_timeout,
 * then exchanges with one deadline each. Before every write and read that
 * would block, poll waits for the time left; a signal resumes the wait against
 * the same deadline. The deadline is `timeout` after the exchange starts, plus
 * one millisecond for every LDB_ALLOWANCE_BYTES_PER_MS bytes moved, so that a
 * large value on a healthy server fits and a trickling server is cut off after
 * about `timeout`. After any failure the connection is closed: a connection
 * out of step with its server is never used again. What the commands and
 * replies mean is ldb_exchange.c's.
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
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

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
		close(c->fd);
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
		r = poll(&p, 1, left > INT32_MAX ? INT32_MAX : (int)left);
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
			w = send(io->c->fd, iov->iov_base, iov->iov_len, MSG_NOSIGNAL | MSG_DONTWAIT);
		} else {
			struct msghdr m = { 0 };
			m.msg_iov = iov;
			m.msg_iovlen = (size_t)cnt;
			w = sendmsg(io->c->fd, &m, MSG_NOSIGNAL | MSG_DONTWAIT);
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
		n = recv(io->c->fd, p, room, flags);
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

/* Wait for a non-blocking connect, against its own deadline. 0 connected, or
 * -1 with why (*timed_out set when the deadline passed). */
static int connect_wait(int fd, uint32_t ms, int *timed_out, char *why, size_t whylen)
{
	int64_t deadline = ldb_now_ms() + ms;
	int soerr = 0;
	socklen_t sl = sizeof(soerr);
	*timed_out = 0;
	for (;;) {
		struct pollfd p = { fd, POLLOUT, 0 };
		int64_t left = deadline - ldb_now_ms();
		int r;
		if (left > (int64_t)ms) {
			left = ms;
		}
		r = left > 0 ? poll(&p, 1, (int)left) : 0;
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
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0) {
		snprintf(why, whylen, "connect: %s", strerror(soerr ? soerr : errno));
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

	fd = start_connect(&s->addr, &in_progress, why, sizeof(why));
	if (fd >= 0 && in_progress && connect_wait(fd, cfg->connect_timeout_ms, &timed_out, why, sizeof(why)) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		return ldb_io_fail(io, LDB_X_CONNECT_FAILED, LDB_CONNECT_FAILED, timed_out, "%s", why);
	}
	/* Blocking, with the reply timeout as SO_RCVTIMEO, for the first read of
	 * an exchange (ldb_io_fill); every other call says MSG_DONTWAIT. Without
	 * them every read polls first. */
	{
		struct timeval tv;
		int fl = fcntl(fd, F_GETFL);
		tv.tv_sec = cfg->timeout_ms / 1000;
		tv.tv_usec = (cfg->timeout_ms % 1000) * 1000;
		c->rcvtimeo_ms = fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0
			&& setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 ? cfg->timeout_ms : 0;
	}
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
	ssize_t r = recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	return r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
}

static int exchange(ldb_io *io, ldb_req *req)
{
	switch (req->op) {
		case LDB_OP_GET:
			return ldb_exchange_get(io, req);
		case LDB_OP_INCR: case LDB_OP_DECR:
			return ldb_exchange_arith(io, req);
		case LDB_OP_VERSION:
			return ldb_exchange_version(io, req);
		default:
			return ldb_exchange_store(io, req);
	}
}

void ldb_conn_exec(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, ldb_result *res)
{
	ldb_conn *c = &s->conn;
	int reused = 0, again = 1, r;
	ldb_io io;

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
			reused = 1;
			ldb_stats.reuses++;
		}
	}
	io.c = c;
	io.res = res;
	io.budget_ms = cfg->timeout_ms;
	for (;;) {
		io.now = now;
		io.moved = 0;
		io.waits = io.readable = io.closed = 0;
		if (c->fd < 0) {
			if (conn_open(s, cfg, &io) != 0) {
				return;
			}
			io.now = now = ldb_now_ms();
		}
		io.deadline = io.now + cfg->timeout_ms;
		c->busy = 1;
		c->wlen = 0;
		r = exchange(&io, req);
		if (r == 0 && res->rc != LDB_CLIENT_ERROR && !ldb_reader_pending(&c->rd)) {
			c->busy = 0;
			c->last_used_ms = now;
			if (c->rd.cap > LDB_KEEP_RBUF) {
				ldb_reader_reset(&c->rd, LDB_KEEP_RBUF);
			}
			return;
		}
		ldb_conn_close(c, 1);
		if (r == 0 || res->kind != LDB_X_IO_FAILED) {
			/* an answer that leaves the connection out of step (CLIENT_ERROR), or SERVER_ERROR */
			return;
		}
		if (!(reused && again && io.closed && (!res->sent || ldb_op_idempotent(req->op)))) {
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
	res->first = !reused;
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
