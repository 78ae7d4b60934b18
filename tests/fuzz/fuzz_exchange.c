/*
 * Server replies end to end: fuzzer bytes are what a server answers, read by
 * the core through ldb_get / ldb_get_multi / ldb_store / ldb_store_multi /
 * ldb_delete / ldb_touch / ldb_arith on a group of two servers.
 *
 * Each server's connection is one end of a socketpair that the core takes as a
 * kept connection; the other end holds the reply, then shuts down for writing
 * (EOF after the reply, as from a server that closes). The core reads it with
 * its own code (ldb_conn.c, ldb_exchange.c, ldb_reader.c) and its failover policy (ldb_group.c) decides what
 * happens next: the second server's reply, a reconnect (the addresses are
 * socket paths that do not exist, so a new connection fails at once), or "no
 * server". The clock is fixed so that every run is the same.
 *
 * Input: byte 0 the operation, byte 1 which keys (a mask over 8 keys, some of
 * which are prefixes of others), byte 2 options (backend, failback, the second
 * server, a stale connection, buffers not allocated yet), then server 0's reply, then "~~~~" and server
 * 1's reply.
 *
 * Invariants: no crash, no read or write out of bounds, no leak (the core is
 * shut down after each input); every value handed to the callback is for an
 * index of a key that was asked, and it is the data block of a VALUE line for
 * that very key (with that flags and length) in the bytes a server sent; after
 * a reset (index -1) only the values that follow count; every outcome is one of
 * the core's codes, and its message is a terminated string.
 */
#define _GNU_SOURCE /* memmem */
#include "ldb_internal.h"
#include "fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define NKEYS 8
#define SEP "~~~~"

static const char *const key_names[NKEYS] = { "a", "ab", "k1", "k10", "key:2", "x_y-z", "K1", "long.key.name.7" };

static int64_t fixed_now = 1700000000000;
static int64_t fixed_clock(void) { return fixed_now; }
static void quiet_log(const char *msg) { (void)msg; }

typedef struct {
	const ldb_item *keys;
	size_t n;
	const uint8_t *reply[2];
	size_t reply_len[2];
	int have[NKEYS];
	size_t calls;
} check_ctx;

/* Parse a decimal number at *p (leading zeros allowed, as the core does). */
static int number(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
	uint64_t v = 0;
	const uint8_t *s = *p;
	if (s == end || *s < '0' || *s > '9') {
		return 0;
	}
	while (s < end && *s >= '0' && *s <= '9') {
		if (v > (UINT64_MAX - 9) / 10) {
			return 0;
		}
		v = v * 10 + (uint64_t)(*s++ - '0');
	}
	*p = s;
	*out = v;
	return 1;
}

/* Whether r holds, at the start of a line, "VALUE <key> <flags> <len>" (anything
 * after a further space), CRLF, then exactly val and CRLF. */
static int sent_for_key(const uint8_t *r, size_t rl, const char *key, size_t kl, const char *val, size_t len, uint32_t flags)
{
	for (size_t at = 0; at + 6 + kl + 1 <= rl; at++) {
		const uint8_t *p, *end = r + rl, *eol;
		uint64_t f, l;
		if ((at > 0 && r[at - 1] != '\n') || memcmp(r + at, "VALUE ", 6) != 0
				|| memcmp(r + at + 6, key, kl) != 0 || r[at + 6 + kl] != ' ') {
			continue;
		}
		p = r + at + 6 + kl + 1;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol || eol == p || eol[-1] != '\r') {
			continue;
		}
		if (!number(&p, eol - 1, &f) || p >= eol - 1 || *p++ != ' ' || !number(&p, eol - 1, &l)) {
			continue;
		}
		if (f != flags || l != len || (size_t)(end - (eol + 1)) < len + 2) {
			continue;
		}
		if ((len == 0 || memcmp(eol + 1, val, len) == 0) && eol[1 + len] == '\r' && eol[2 + len] == '\n') {
			return 1;
		}
	}
	return 0;
}

static void on_value(void *ctx, size_t index, const char *val, size_t len, uint32_t flags)
{
	check_ctx *c = ctx;
	c->calls++;
	FUZZ_CHECK(c->calls < 100000);
	if (index == (size_t)-1) {
		memset(c->have, 0, sizeof(c->have));
		return;
	}
	FUZZ_CHECK(index < c->n);
	FUZZ_CHECK(len == 0 || val != NULL);
	FUZZ_CHECK(sent_for_key(c->reply[0], c->reply_len[0], c->keys[index].key, c->keys[index].key_len, val, len, flags)
		|| sent_for_key(c->reply[1], c->reply_len[1], c->keys[index].key, c->keys[index].key_len, val, len, flags));
	c->have[index % NKEYS]++;
}

/* Hand the core a kept connection whose server has answered `reply` and closed. */
static int plant(ldb_server *s, const uint8_t *reply, size_t len, int stale, int new_buffers, int *peer)
{
	int sv[2];
	struct timeval tv = { 0, 50000 };
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		return -1;
	}
	/* the request the core sends is never read: let it fill the buffer, not block */
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	while (len > 0) {
		ssize_t w = write(sv[1], reply, len);
		if (w <= 0) {
			break;
		}
		reply += w;
		len -= (size_t)w;
	}
	shutdown(sv[1], SHUT_WR);
	s->conn.fd = sv[0];
	s->conn.gen = ldb_fork_gen;
	s->conn.busy = 0;
	ldb_reader_reset(&s->conn.rd, 0);
	if (!new_buffers) {
		/* a connection that has been used has its read buffer already */
		size_t room;
		(void)ldb_reader_space(&s->conn.rd, &room);
	}
	/* an idle connection is checked for EOF before use: a stale one is dropped */
	s->conn.last_used_ms = stale ? fixed_now - 5000 : fixed_now;
	ldb_stats.open++;
	*peer = sv[1];
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const ldb_op stores[] = { LDB_OP_SET, LDB_OP_ADD, LDB_OP_REPLACE, LDB_OP_APPEND, LDB_OP_PREPEND };
	ldb_addr addrs[2];
	ldb_config cfg;
	ldb_item items[NKEYS];
	check_ctx c;
	char err[LDB_ERR_MAX];
	const char *msg;
	ldb_group *g;
	ldb_rc rc = LDB_OK;
	int peers[2] = { -1, -1 }, nserv;
	uint8_t op, mask, opt;
	const uint8_t *body, *sep;
	size_t blen, n = 0;
	uint64_t number_out = 0;

	if (size < 3 || size > 65536) {
		return 0;
	}
	op = data[0];
	mask = data[1];
	opt = data[2];
	body = data + 3;
	blen = size - 3;

	memset(&c, 0, sizeof(c));
	sep = blen >= 4 ? memmem(body, blen, SEP, 4) : NULL;
	c.reply[0] = body;
	c.reply_len[0] = sep ? (size_t)(sep - body) : blen;
	c.reply[1] = sep ? sep + 4 : body + blen;
	c.reply_len[1] = sep ? blen - c.reply_len[0] - 4 : 0;

	for (int i = 0; i < NKEYS; i++) {
		if (mask & (1u << i)) {
			memset(&items[n], 0, sizeof(items[n]));
			items[n].key = key_names[i];
			items[n].key_len = strlen(key_names[i]);
			items[n].val = "v4lue\r\nEND";
			items[n].val_len = (size_t)(i % 4) * 3;
			items[n].flags = (uint32_t)i;
			n++;
		}
	}
	if (n == 0) {
		memset(&items[0], 0, sizeof(items[0]));
		items[0].key = key_names[0];
		items[0].key_len = 1;
		items[0].val = "x";
		items[0].val_len = 1;
		items[0].flags = 0;
		items[0].exptime = 0;
		n = 1;
	}
	/* the same key twice, if asked: a getMulti may repeat keys */
	if ((opt & 0x40) && n < NKEYS) {
		items[n] = items[0];
		n++;
	}
	c.keys = items;
	c.n = n;

	ldb_now_ms = fixed_clock;
	ldb_hook.log = quiet_log;
	FUZZ_CHECK(ldb_init(0, err, sizeof(err)) == 0);
	ldb_request_begin();

	nserv = (opt & 0x04) ? 2 : 1;
	FUZZ_CHECK(ldb_addrs_parse("/nonexistent-localdb-fuzz/s0,/nonexistent-localdb-fuzz/s1", 57, addrs, 2, err, sizeof(err)) == 2);
	memset(&cfg, 0, sizeof(cfg));
	cfg.connect_timeout_ms = 50;
	cfg.timeout_ms = 50;
	cfg.retry_interval_ms = 1000;
	cfg.backend = (opt & 0x01) ? LDB_BACKEND_TYRANT : LDB_BACKEND_MEMCACHED;
	cfg.failback = (opt & 0x02) ? 1 : 0;
	cfg.persistent = 1;
	cfg.log_failover = 1;
	cfg.rejoin_clean = 1;
	g = ldb_pool_group(addrs, nserv, &cfg, err, sizeof(err));
	FUZZ_CHECK(g != NULL);
	for (int i = 0; i < nserv; i++) {
		if (plant(g->servers[i], c.reply[i], c.reply_len[i], i == 0 && (opt & 0x08), opt & 0x20, &peers[i]) != 0) {
			goto out;
		}
	}
	if (opt & 0x10) {
		/* the second server is where the group is: the first is tried last */
		LDB_STORE(&g->gs->current, (uint32_t)(nserv - 1));
	}

	switch (op % 12) {
		case 0:
			c.n = 1;
			if (op & 0x40) {
				uint64_t cas = 0;
				rc = ldb_gets(g, items[0].key, items[0].key_len, on_value, &c, &cas);
			} else {
				rc = ldb_get(g, items[0].key, items[0].key_len, on_value, &c);
			}
			break;
		case 1:
		case 2:
			rc = ldb_get_multi(g, items, n, on_value, &c);
			break;
		case 3: case 4: case 5: case 6: case 7:
			if (op % 12 == 3 && (op & 0x40)) {
				items[0].cas = (uint64_t)mask * 7919u;
				rc = ldb_store(g, LDB_OP_CAS, &items[0]);
			} else {
				rc = ldb_store(g, stores[op % 12 - 3], &items[0]);
			}
			break;
		case 8:
			rc = ldb_store_multi(g, (op & 0x80) ? LDB_OP_DELETE : LDB_OP_SET, items, n);
			for (size_t i = 0; i < n; i++) {
				FUZZ_CHECK(items[i].rc <= LDB_NOMEM);
			}
			break;
		case 9:
			if (op & 0x40) {
				rc = ldb_flush(g, (op & 0x80) ? 10 : 0);
			} else {
				rc = (op & 0x80) ? ldb_touch(g, items[0].key, items[0].key_len, 60) : ldb_delete(g, items[0].key, items[0].key_len);
			}
			break;
		case 10:
		case 11:
			rc = ldb_arith(g, op % 12 == 10 ? LDB_OP_INCR : LDB_OP_DECR, items[0].key, items[0].key_len,
				(uint64_t)mask * 1000003u, &number_out);
			break;
	}
	FUZZ_CHECK((unsigned)rc <= LDB_NOMEM);
	if (cfg.backend == LDB_BACKEND_TYRANT && (op & 0x40) && (op % 12 == 0 || op % 12 == 3)) {
		/* gets and cas: refused before anything is sent */
		FUZZ_CHECK(rc == LDB_UNSUPPORTED);
	} else if (cfg.backend == LDB_BACKEND_TYRANT && op % 12 == 9 && (op & 0x80) && !(op & 0x40)) {
		FUZZ_CHECK(rc == LDB_UNSUPPORTED);
	}
	if (rc != LDB_OK && rc != LDB_MISS) {
		ldb_group_error(g, &msg);
		FUZZ_CHECK(memchr(msg, '\0', sizeof(g->errmsg)) != NULL);
	}
	for (int i = 0; i < nserv; i++) {
		ldb_server_info info;
		ldb_group_server_info(g, i, &info);
		FUZZ_CHECK(info.state >= LDB_STATE_UP && info.state <= LDB_STATE_PROBING);
		FUZZ_CHECK(memchr(g->servers[i]->last_error, '\0', LDB_ERR_MAX) != NULL);
		/* a connection left open is one whose exchange ended on a boundary */
		if (g->servers[i]->conn.fd >= 0) {
			FUZZ_CHECK(!g->servers[i]->conn.busy && ldb_reader_pending(&g->servers[i]->conn.rd) == 0);
		}
	}
	FUZZ_CHECK(strlen(ldb_group_current(g)) > 0);

out:
	ldb_request_end();
	ldb_shutdown();
	for (int i = 0; i < 2; i++) {
		if (peers[i] >= 0) {
			close(peers[i]);
		}
	}
	return 0;
}
