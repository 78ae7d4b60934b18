/*
 * The failover policy: which server an operation goes to, what each outcome
 * means for that server's health, and when to move on.
 *
 * - The group's current server (shared by all workers) is tried first; with
 *   failback off it stays wherever the last failover left it, so a pair of
 *   masters has one writer at a time.
 * - A server marked down costs nothing: it is skipped until its retry time,
 *   when one worker (the token holder) sends it a probe on a socket of its own
 *   and reads the answer on a later call; no request waits for it.
 * - Answers (miss, not stored, exists, not a number) never move anything.
 * - A request that may have been applied is never sent to another server.
 * - When every server is down, the one that failed longest ago is still tried,
 *   once per request.
 */
#include "ldb_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

uint64_t ldb_epoch = 1;

static void set_error(ldb_group *g, ldb_rc rc, const char *msg)
{
	g->err = rc;
	snprintf(g->errmsg, sizeof(g->errmsg), "%s", msg);
}

ldb_rc ldb_group_error(const ldb_group *g, const char **msg)
{
	*msg = g->errmsg;
	return g->err;
}

int ldb_group_size(const ldb_group *g)
{
	return g->n;
}

static uint32_t current_index(const ldb_group *g)
{
	uint32_t cur = LDB_LOAD(&g->gs->current);
	return cur < (uint32_t)g->n ? cur : 0;
}

const char *ldb_group_current(const ldb_group *g)
{
	return g->servers[current_index(g)].name;
}

/* Finish probes this process started and start the ones that are due. */
static void tend_probes(ldb_group *g, int64_t now)
{
	for (int i = 0; i < g->n; i++) {
		ldb_server *s = &g->servers[i];
		uint32_t st = LDB_LOAD(&s->h->state);
		if (s->probe.phase) {
			char why[128];
			int ok;
			if (ldb_probe_poll(s, now, &ok, why, sizeof(why))) {
				ldb_health_probe_done(s->h, ok, now, &g->cfg, why);
			}
		} else if (st != LDB_STATE_UP && ldb_health_probe_claim(s->h, now, &g->cfg)) {
			if (ldb_probe_start(s, &g->cfg, now) != 0) {
				ldb_health_probe_done(s->h, 0, now, &g->cfg, s->last_error);
			}
		}
	}
}

/* failback on: the first server takes over again once it has been up (answered
 * probes or requests) for a whole retry interval */
static uint32_t maybe_failback(ldb_group *g, uint32_t cur, int64_t now)
{
	ldb_hslot *h0 = g->servers[0].h;
	if (cur != 0 && LDB_LOAD(&h0->state) == LDB_STATE_UP
			&& now - LDB_LOAD(&h0->up_since_ms) >= (int64_t)g->cfg.retry_interval_ms) {
		if (LDB_CAS(&g->gs->current, &cur, 0) && g->cfg.log_failover && ldb_hook.log) {
			char line[2 * LDB_NAME_MAX + 64];
			snprintf(line, sizeof(line), "LocalDb: failback from %s to %s", g->servers[cur].name, g->servers[0].name);
			ldb_hook.log(line);
		}
		return 0;
	}
	return cur;
}

static void switch_current(ldb_group *g, uint32_t from, uint32_t to)
{
	if (from == to) {
		return;
	}
	LDB_ADD(&g->servers[from].h->failovers, 1);
	if (LDB_CAS(&g->gs->current, &from, to) && g->cfg.log_failover && ldb_hook.log) {
		char line[2 * LDB_NAME_MAX + 64];
		snprintf(line, sizeof(line), "LocalDb: failover from %s to %s", g->servers[from].name, g->servers[to].name);
		ldb_hook.log(line);
	}
}

/* Try one server. Returns 1 when the caller is done (rc final), 0 to move on. */
static int settle(ldb_group *g, uint32_t i, uint32_t cur, ldb_req *req, int64_t now, const ldb_result *res,
	ldb_rc *rc, char *why, size_t whylen);

static int attempt(ldb_group *g, uint32_t i, uint32_t cur, ldb_req *req, int64_t now, ldb_rc *rc, char *why, size_t whylen)
{
	ldb_server *s = &g->servers[i];
	ldb_result res;

	LDB_ADD(&s->h->requests, 1);
	if (*why && req->cb) {
		/* values delivered by a server that then failed are dropped */
		req->cb(req->ctx, (size_t)-1, NULL, 0, 0);
	}
	ldb_conn_exec(s, &g->cfg, req, now, &res);
	return settle(g, i, cur, req, now, &res, rc, why, whylen);
}

/* What an exchange's result means for its server and the group. Returns 1
 * when the caller is done (rc final), 0 to move on. */
static int settle(ldb_group *g, uint32_t i, uint32_t cur, ldb_req *req, int64_t now, const ldb_result *res,
	ldb_rc *rc, char *why, size_t whylen)
{
	ldb_server *s = &g->servers[i];
	ldb_fail_kind kind;

	*rc = res->rc;
	if (res->kind == LDB_X_ANSWERED) {
		if (*rc == LDB_TOO_LARGE || *rc == LDB_CLIENT_ERROR) {
			/* an answer that means false: the server's words are the reason */
			snprintf(s->last_error, sizeof(s->last_error), "%s", res->msg);
		}
		ldb_health_ok(s->h, now, &g->cfg);
		switch_current(g, cur, i);
		return 1;
	}
	if (*rc == LDB_NOMEM) {
		return 1;
	}
	snprintf(s->last_error, sizeof(s->last_error), "%s", res->msg);
	if (res->waited) {
		/* the failure took a whole timeout: read the clock again, and do not
		 * let this request wait on this server a second time. A failure that
		 * cost nothing (refused, EOF) does not shut the server out. */
		now = ldb_now_ms();
		s->failed_epoch = ldb_epoch;
		s->failed_at_ms = now;
	}
	/* A server that accepts a connection and then never answers its first
	 * request is as down as one that does not accept: count it as a connect. */
	kind = res->kind == LDB_X_CONNECT_FAILED ? LDB_FAIL_CONNECT : res->kind == LDB_X_SERVER_ERROR ? LDB_FAIL_SERVER
		: res->first ? LDB_FAIL_FIRST_REPLY : LDB_FAIL_IO;
	ldb_health_fail(s->h, kind, now, &g->cfg, s->last_error);
	snprintf(why + strlen(why), whylen - strlen(why), "%s%s: %s", *why ? "; " : "", s->name, s->last_error);
	if (res->kind == LDB_X_IO_FAILED && res->sent && !ldb_op_idempotent(req->op)) {
		*rc = LDB_OUTCOME_UNKNOWN;
		return 1;
	}
	return 0;
}

/* A request does not wait twice on a server that failed it, unless the server
 * has been seen to come back since (a probe, or another worker). A long-running
 * script (a queue worker, a daemon) is one request: there the memory lasts a
 * second, so that such a process gets back to a group that was all down. */
#define LDB_REQUEST_MEMORY_MS 1000

static inline int failed_here(const ldb_group *g, const ldb_server *s, int64_t now)
{
	(void)g;
	return s->failed_epoch == ldb_epoch && now - s->failed_at_ms < LDB_REQUEST_MEMORY_MS
		&& LDB_LOAD(&s->h->up_since_ms) <= s->failed_at_ms;
}

/* run(), after the servers in `tried` failed the request as `why_before`
 * says, the last with `before` (a multi-group call tried its first server
 * itself: run_parts()). */
static ldb_rc run_after(ldb_group *g, ldb_req *req, uint32_t tried, const char *why_before, ldb_rc before)
{
	int64_t now = ldb_now_ms();
	uint32_t cur, i;
	ldb_rc rc = LDB_NO_SERVER, one;
	int failed = tried != 0, server_errors = tried != 0 && before == LDB_SERVER_ERROR;
	char why[LDB_ERR_MAX * 2];

	snprintf(why, sizeof(why), "%s", why_before);
	tend_probes(g, now);
	cur = current_index(g);
	if (g->cfg.failback) {
		cur = maybe_failback(g, cur, now);
	}
	for (uint32_t k = 0; k < (uint32_t)g->n; k++) {
		i = (cur + k) % (uint32_t)g->n;
		if (LDB_LOAD(&g->servers[i].h->state) != LDB_STATE_UP || failed_here(g, &g->servers[i], now) || (tried & (1u << i))) {
			continue;
		}
		tried |= 1u << i;
		if (attempt(g, i, cur, req, now, &one, why, sizeof(why))) {
			rc = one;
			goto done;
		}
		failed++;
		server_errors += one == LDB_SERVER_ERROR;
	}
	for (;;) {
		/* Nothing served: fail open on the server that failed longest ago,
		 * unless this request already saw it fail, rather than give up
		 * without trying; a group that was all down recovers at once. While
		 * such tries fail at no cost (refused), the next one is tried too. */
		int best = -1;
		int64_t oldest = 0;
		for (int j = 0; j < g->n; j++) {
			ldb_server *s = &g->servers[j];
			int64_t t = LDB_LOAD(&s->h->last_failure_ms);
			if (failed_here(g, s, now) || s->probe.phase || (tried & (1u << j))) {
				continue;
			}
			if (best < 0 || t < oldest) {
				best = j;
				oldest = t;
			}
		}
		if (best < 0) {
			break;
		}
		tried |= 1u << best;
		if (attempt(g, (uint32_t)best, cur, req, now, &one, why, sizeof(why))) {
			rc = one;
			goto done;
		}
		failed++;
		server_errors += one == LDB_SERVER_ERROR;
		if (failed_here(g, &g->servers[best], ldb_now_ms())) {
			/* that one made the request wait: enough */
			break;
		}
	}
	if (!*why) {
		snprintf(why, sizeof(why), "every server is down or failed earlier in this request");
	}
	/* every server tried answered, with an error: say so rather than "no server" */
	rc = failed && server_errors == failed ? LDB_SERVER_ERROR : LDB_NO_SERVER;
	set_error(g, rc, why);
	return rc;

done:
	if (rc == LDB_OUTCOME_UNKNOWN) {
		g->err = rc;
		snprintf(g->errmsg, sizeof(g->errmsg), "the write may or may not have been applied, so it was not sent again: %.300s", why);
	} else if (rc != LDB_OK && rc != LDB_MISS) {
		const char *m = rc == LDB_NOMEM ? "out of memory" : ldb_rc_name(rc);
		char msg[sizeof(g->errmsg)];
		snprintf(msg, sizeof(msg), "%s", rc == LDB_TOO_LARGE || rc == LDB_CLIENT_ERROR ? g->servers[current_index(g)].last_error : m);
		set_error(g, rc, msg);
	}
	return rc;
}

static ldb_rc run(ldb_group *g, ldb_req *req)
{
	return run_after(g, req, 0, "", LDB_OK);
}

static int tyrant_refuses(ldb_group *g, ldb_op op)
{
	if (g->cfg.backend == LDB_BACKEND_TYRANT && op == LDB_OP_TOUCH) {
		/* Tokyo Tyrant closes the connection on a command it does not know */
		set_error(g, LDB_UNSUPPORTED, "touch is not supported by the tyrant backend");
		return 1;
	}
	return 0;
}

ldb_rc ldb_get(ldb_group *g, const char *key, size_t key_len, ldb_value_cb cb, void *ctx)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK };
	ldb_req req = { LDB_OP_GET, &it, 1, 0, cb, ctx, 0, NULL };
	return run(g, &req);
}

ldb_rc ldb_get_multi(ldb_group *g, const ldb_item *keys, size_t n, ldb_value_cb cb, void *ctx)
{
	ldb_req req = { LDB_OP_GET, keys, n, 0, cb, ctx, 0, NULL };
	if (n == 0) {
		return LDB_OK;
	}
	return run(g, &req);
}

/* A value over the ceiling is refused before anything is sent: no server
 * could return it (and Tokyo Tyrant 1.1.41 crashes on a 2 GiB item). */
static int too_large(ldb_group *g, const ldb_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (items[i].val_len > LDB_MAX_ITEM) {
			set_error(g, LDB_TOO_LARGE, "the value is larger than 1 GiB");
			return 1;
		}
	}
	return 0;
}

ldb_rc ldb_store(ldb_group *g, ldb_op op, ldb_item *item)
{
	ldb_req req = { op, item, 1, 0, NULL, NULL, 0, item };
	if (tyrant_refuses(g, op)) {
		return LDB_UNSUPPORTED;
	}
	if (too_large(g, item, 1)) {
		return item->rc = LDB_TOO_LARGE;
	}
	return run(g, &req);
}

static ldb_rc store_multi_after(ldb_group *g, ldb_op op, ldb_item *items, size_t n, uint32_t tried, const char *why, ldb_rc before)
{
	ldb_req req = { op, items, n, 0, NULL, NULL, 0, items };
	ldb_rc rc;
	if (n == 0) {
		return LDB_OK;
	}
	if (too_large(g, items, n)) {
		for (size_t i = 0; i < n; i++) {
			items[i].rc = LDB_TOO_LARGE;
		}
		return LDB_TOO_LARGE;
	}
	rc = run_after(g, &req, tried, why, before);
	/* one item: its answer is in items[0].rc */
	return n == 1 && ldb_rc_answered(rc) && rc != LDB_CLIENT_ERROR ? LDB_OK : rc;
}

ldb_rc ldb_store_multi(ldb_group *g, ldb_op op, ldb_item *items, size_t n)
{
	return store_multi_after(g, op, items, n, 0, "", LDB_OK);
}

ldb_rc ldb_delete(ldb_group *g, const char *key, size_t key_len)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK };
	return ldb_store(g, LDB_OP_DELETE, &it);
}

ldb_rc ldb_touch(ldb_group *g, const char *key, size_t key_len, uint32_t exptime)
{
	ldb_item it = { key, key_len, NULL, 0, 0, exptime, LDB_OK };
	return ldb_store(g, LDB_OP_TOUCH, &it);
}

ldb_rc ldb_arith(ldb_group *g, ldb_op op, const char *key, size_t key_len, uint64_t delta, uint64_t *value)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK };
	ldb_req req = { op, &it, 1, delta, NULL, NULL, 0, &it };
	ldb_rc rc = run(g, &req);
	*value = req.number;
	return rc;
}

void ldb_group_server_info(const ldb_group *g, int i, ldb_server_info *out)
{
	const ldb_server *s = &g->servers[i];
	const ldb_hslot *h = s->h;
	uint32_t kind = LDB_LOAD(&h->last_kind);
	out->name = s->name;
	out->addr = &s->addr;
	out->state = (int)LDB_LOAD(&h->state);
	out->current = (uint32_t)i == current_index(g);
	out->failures = LDB_LOAD(&h->failures);
	out->retry_at_ms = out->state == LDB_STATE_UP ? 0 : LDB_LOAD(&h->retry_at_ms);
	out->last_failure_ms = LDB_LOAD(&h->last_failure_ms);
	out->requests = LDB_LOAD(&h->requests);
	out->failovers = LDB_LOAD(&h->failovers);
	out->probes = LDB_LOAD(&h->probes);
	out->probe_failures = LDB_LOAD(&h->probe_failures);
	out->connect_failures = LDB_LOAD(&h->connect_failures);
	out->io_failures = LDB_LOAD(&h->io_failures);
	out->server_errors = LDB_LOAD(&h->server_errors);
	out->last_error = s->last_error[0] ? s->last_error
		: kind == 1 ? "connect failed" : kind == 2 ? "i/o failed" : kind == 3 ? "server error" : NULL;
	out->connected = s->conn.fd >= 0;
}

/* ---- several groups (shards) ---- */

typedef struct {
	const ldb_part *part;
	ldb_value_cb cb;
	void *ctx;
} part_ctx;

/* A hit of one part, reported under the caller's index of the key. */
static void part_value(void *p, size_t index, const char *val, size_t len, uint32_t flags)
{
	part_ctx *pc = p;
	if (index == (size_t)-1) {
		/* this group's request goes to a server again: forget this group's values only */
		for (size_t i = 0; i < pc->part->n; i++) {
			pc->cb(pc->ctx, pc->part->index[i], NULL, 0, 0);
		}
		return;
	}
	pc->cb(pc->ctx, pc->part->index[index], val, len, flags);
}

/* One group's share of a multi-group call. */
typedef struct {
	ldb_req req;
	part_ctx pc;
	ldb_split x;
	ldb_result res;
	uint32_t i, cur;          /* the server asked, the group's current one then */
	uint32_t tried;           /* servers that failed it: run_after() goes on without them */
	ldb_rc before;            /* how the last of them failed */
	int state;                /* PART_* */
	char why[LDB_ERR_MAX * 2];
} part_run;

enum { PART_WAITING, PART_DONE, PART_ALONE };

/* The server a request of the group goes to first, as run() chooses it; -1 when
 * none is up (run() then decides whom to try anyway). */
static int first_choice(ldb_group *g, int64_t now, uint32_t *cur)
{
	tend_probes(g, now);
	*cur = current_index(g);
	if (g->cfg.failback) {
		*cur = maybe_failback(g, *cur, now);
	}
	for (uint32_t k = 0; k < (uint32_t)g->n; k++) {
		uint32_t i = (*cur + k) % (uint32_t)g->n;
		if (LDB_LOAD(&g->servers[i].h->state) == LDB_STATE_UP && !failed_here(g, &g->servers[i], now)) {
			return (int)i;
		}
	}
	return -1;
}

/* The result of a part's exchange: done, or left to run_after(). k: what
 * ldb_conn_send/recv returned (1: a kept connection the server had closed). */
static void part_settle(ldb_part *part, part_run *r, int k, int64_t now)
{
	ldb_group *g = part->g;
	ldb_rc rc;

	if (k == 1) {
		/* that says nothing about the server: run() asks again on a new connection */
		r->state = PART_ALONE;
		return;
	}
	if (!settle(g, r->i, r->cur, &r->req, now, &r->res, &rc, r->why, sizeof(r->why))) {
		/* the server failed (and is marked so): run_after() goes on without it */
		r->tried = 1u << r->i;
		r->before = rc;
		r->state = PART_ALONE;
		return;
	}
	r->state = PART_DONE;
	if (r->req.op == LDB_OP_GET) {
		part->rc = rc;
	} else {
		part->rc = r->req.n == 1 && ldb_rc_answered(rc) && rc != LDB_CLIENT_ERROR ? LDB_OK : rc;
	}
	if (rc != LDB_OK && rc != LDB_MISS) {
		set_error(g, rc, rc == LDB_NOMEM ? "out of memory" : g->servers[r->i].last_error);
	}
}

static ldb_rc parts_outcome(const ldb_part *parts, size_t nparts)
{
	for (size_t i = 0; i < nparts; i++) {
		if (parts[i].rc != LDB_OK) {
			return parts[i].rc;
		}
	}
	return LDB_OK;
}

/* Every group's request is sent before any reply is read, then one poll() over
 * all their sockets reads the replies as they come: the groups' round trips
 * overlap. A part whose request does not go in one write, that has no server
 * up, or whose server fails, runs on its own afterwards (run_after(): the
 * group's whole failover policy, without the server that failed it). */
static ldb_rc run_parts(ldb_part *parts, size_t nparts, ldb_op op, ldb_value_cb cb, void *ctx)
{
	part_run *pr = nparts > 1 ? ldb_calloc(nparts * sizeof(*pr)) : NULL;
	struct pollfd *pfd = pr ? ldb_calloc(nparts * sizeof(*pfd)) : NULL;
	size_t *at = pfd ? ldb_calloc(nparts * sizeof(*at)) : NULL;
	int64_t now = ldb_now_ms();
	size_t waiting = 0;

	for (size_t p = 0; p < nparts; p++) {
		part_run *r;
		ldb_group *g = parts[p].g;
		int i, k;
		parts[p].rc = LDB_OK;
		if (!at) {
			break;
		}
		r = &pr[p];
		r->pc.part = &parts[p];
		r->pc.cb = cb;
		r->pc.ctx = ctx;
		r->req.op = op;
		r->req.items = parts[p].items;
		r->req.n = parts[p].n;
		r->req.cb = cb ? part_value : NULL;
		r->req.ctx = &r->pc;
		r->req.out = op == LDB_OP_GET ? NULL : parts[p].items;
		r->state = PART_ALONE;
		if (!ldb_exchange_one_write(&r->req) || (i = first_choice(g, now, &r->cur)) < 0) {
			continue;
		}
		r->i = (uint32_t)i;
		LDB_ADD(&g->servers[i].h->requests, 1);
		k = ldb_conn_send(&g->servers[i], &g->cfg, &r->req, now, &r->res, &r->x);
		if (k == 0) {
			r->state = PART_WAITING;
			waiting++;
		} else {
			part_settle(&parts[p], r, k, now);
		}
	}
	while (waiting) {
		int nfd = 0, ready;
		int64_t wait = -1;
		for (size_t p = 0; p < nparts; p++) {
			if (pr[p].state == PART_WAITING) {
				/* each exchange keeps its own deadline, from when it was sent */
				int64_t left = pr[p].x.io.deadline - now;
				pfd[nfd].fd = parts[p].g->servers[pr[p].i].conn.fd;
				pfd[nfd].events = POLLIN;
				pfd[nfd].revents = 0;
				at[nfd++] = p;
				wait = wait < 0 || left < wait ? (left > 0 ? left : 0) : wait;
			}
		}
		ready = poll(pfd, (nfds_t)nfd, wait > INT32_MAX ? INT32_MAX : (int)wait);
		if (ready < 0 && errno == EINTR) {
			now = ldb_now_ms();
			continue;
		}
		now = ldb_now_ms();
		for (int j = 0; j < nfd; j++) {
			size_t p = at[j];
			ldb_server *s = &parts[p].g->servers[pr[p].i];
			if (ready > 0 && pfd[j].revents) {
				pr[p].x.io.now = now;
				part_settle(&parts[p], &pr[p], ldb_conn_recv(s, &pr[p].req, &pr[p].x), now);
			} else if (ready < 0 || pr[p].x.io.deadline <= now) {
				/* its deadline passed (or poll failed): no reply in time */
				ldb_conn_timed_out(s, &pr[p].x);
				part_settle(&parts[p], &pr[p], 0, now);
			} else {
				continue;
			}
			waiting--;
		}
	}
	for (size_t p = 0; p < nparts; p++) {
		part_ctx pc = { &parts[p], cb, ctx };
		part_run *r = pr ? &pr[p] : NULL;
		if (r && r->state != PART_ALONE) {
			continue;
		}
		if (r && cb) {
			/* whatever a failed exchange delivered is forgotten */
			part_value(&pc, (size_t)-1, NULL, 0, 0);
		}
		if (op == LDB_OP_GET) {
			ldb_req req = { LDB_OP_GET, parts[p].items, parts[p].n, 0, part_value, &pc, 0, NULL };
			parts[p].rc = parts[p].n == 0 ? LDB_OK : run_after(parts[p].g, &req, r ? r->tried : 0, r ? r->why : "", r ? r->before : LDB_OK);
		} else {
			parts[p].rc = store_multi_after(parts[p].g, op, parts[p].items, parts[p].n, r ? r->tried : 0, r ? r->why : "", r ? r->before : LDB_OK);
		}
	}
	ldb_mfree(at);
	ldb_mfree(pfd);
	ldb_mfree(pr);
	return parts_outcome(parts, nparts);
}

ldb_rc ldb_get_multi_groups(ldb_part *parts, size_t nparts, ldb_value_cb cb, void *ctx)
{
	return run_parts(parts, nparts, LDB_OP_GET, cb, ctx);
}

ldb_rc ldb_store_multi_groups(ldb_part *parts, size_t nparts, ldb_op op)
{
	return run_parts(parts, nparts, op, NULL, NULL);
}
