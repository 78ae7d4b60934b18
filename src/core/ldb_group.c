/*
 * The failover policy: which server an operation goes to, what each outcome
 * means for that server's health, and when to move on.
 *
 * - The group's current server (shared by all workers, one per server list and
 *   failback setting) is tried first. It moves to another server only when it
 *   is marked down: a slow reply that did not mark it down sends that one
 *   request on to the next server and moves nothing.
 * - Failback on (the default): the first server that is up and has stayed up
 *   for retry_interval since it came back takes over again, so every host
 *   that uses the group ends on the same server whatever outages it saw.
 *   Failback off: the group stays wherever the last failover left it.
 * - A server marked down costs nothing: it is skipped until its retry time,
 *   when one process (the probe token's owner) sends it a probe on a socket of
 *   its own and reads the answer on a later call; no request waits for it.
 * - A server with no verdict yet (the first contact since the health table
 *   was made) is tried by the one process that takes its first-contact token;
 *   the others skip it for that request, exactly as if it were down but
 *   without moving the current server: see first_contact below.
 * - Answers (miss, not stored, exists, not a number) never move anything.
 * - A request that may have been applied is never sent to another server.
 * - When every server is down, the one that failed longest ago is still tried,
 *   once per request.
 * - memcached: a server is cleaned (the keys written elsewhere deleted from
 *   it, or it is flushed) before it serves again; see clean_before_use.
 */
#include "ldb_internal.h"

#include <errno.h>
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

const ldb_config *ldb_group_config(const ldb_group *g)
{
	return &g->cfg;
}

static uint32_t current_index(const ldb_group *g)
{
	uint32_t cur = LDB_LOAD(&g->gs->current);
	return cur < (uint32_t)g->n ? cur : 0;
}

const char *ldb_group_current(const ldb_group *g)
{
	return g->servers[current_index(g)]->name;
}

static void log_line(const ldb_group *g, const char *fmt, const char *a, const char *b, const char *why)
{
	char line[2 * LDB_NAME_MAX + LDB_ERR_MAX + 96];
	if (!g->cfg.log_failover || !ldb_hook.log) {
		return;
	}
	snprintf(line, sizeof(line), fmt, a, b, why && *why ? why : "-");
	ldb_hook.log(line);
}

/* Finish the probe this process started on s, or start one when it is due. */
static __attribute__((noinline)) void tend_probe(ldb_group *g, ldb_server *s, uint32_t st, int64_t now)
{
	{
		if (s->probe.phase) {
			char why[128];
			int ok;
			if (ldb_probe_poll(s, now, &ok, why, sizeof(why))) {
				ldb_health_probe_done(s->h, s->probe_token, ok, now, &g->cfg, why);
				s->probe_token = 0;
			} else if (ldb_health_word(s->h) != s->probe_token) {
				/* overtaken (a request found it up): the answer would be stale */
				ldb_probe_abandon(&s->probe);
				s->probe_token = 0;
			}
		} else if ((st == LDB_W_DOWN || st == LDB_W_PROBING)
				&& (s->probe_token = ldb_health_probe_claim(s->h, now, &g->cfg)) != 0) {
			if (ldb_probe_start(s, &g->cfg, now) != 0) {
				ldb_health_probe_done(s->h, s->probe_token, 0, now, &g->cfg, s->last_error);
				s->probe_token = 0;
			}
		}
	}
}

/* Finish probes this process started and start the ones that are due. On every
 * request: the scan is inline and cheap, the work (rare) is out of line. */
static inline void tend_probes(ldb_group *g, int64_t now)
{
	for (int i = 0; i < g->n; i++) {
		ldb_server *s = g->servers[i];
		uint32_t st = ldb_w_state(ldb_health_word(s->h));
		if (s->probe.phase || st == LDB_W_DOWN || st == LDB_W_PROBING) {
			tend_probe(g, s, st, now);
		}
	}
}

/* Failback on: the first server that is up and settled (never marked down, or
 * up for a whole retry interval since a probe or a request found it back)
 * takes over from a later one. */
static uint32_t maybe_failback(ldb_group *g, uint32_t cur, int64_t now)
{
	for (uint32_t j = 0; j < cur; j++) {
		ldb_server *s = g->servers[j];
		if (!ldb_health_settled(s->h, now, (int64_t)g->cfg.retry_interval_ms)) {
			continue;
		}
		if (LDB_CAS(&g->gs->current, &cur, j)) {
			char why[64];
			LDB_ADD(&s->h->failbacks, 1);
			snprintf(why, sizeof(why), "it has been up for %u s", g->cfg.retry_interval_ms / 1000);
			log_line(g, "LocalDb: failback from %s to %s: %s", g->servers[cur]->name, s->name, why);
			return j;
		}
		/* another process moved it: follow */
		return current_index(g);
	}
	return cur;
}

/* The request was served by `to` while `from` is current: the group moves only
 * when `from` is out of service (down, or probed after being down). */
static void maybe_failover(ldb_group *g, uint32_t from, uint32_t to)
{
	ldb_server *f;
	uint64_t w;
	uint32_t st;
	if (from == to) {
		return;
	}
	f = g->servers[from];
	w = ldb_health_word(f->h);
	st = ldb_w_state(w);
	if (st != LDB_W_DOWN && !(st == LDB_W_PROBING && ldb_w_step(w) != LDB_STEP_FIRST)) {
		return;
	}
	if (LDB_CAS(&g->gs->current, &from, to)) {
		char why[LDB_ERR_MAX];
		LDB_ADD(&f->h->failovers, 1);
		ldb_health_error(f->h, why, sizeof(why));
		log_line(g, "LocalDb: failover from %s to %s: %s", f->name, g->servers[to]->name, *why ? why : "marked down");
	}
}

/* ---- rejoin (memcached) ---- */

/* Whether writes are tracked for rejoin in this group: the inline test that
 * spares a group of one server (most) the calls of note_written and
 * clean_before_use, which test it again. */
static inline int rejoin_tracked(const ldb_group *g)
{
	return g->n >= 2 && g->cfg.backend == LDB_BACKEND_MEMCACHED && g->cfg.rejoin_clean;
}

static int is_write(ldb_op op)
{
	return op != LDB_OP_GET && op != LDB_OP_GETS && op != LDB_OP_VERSION && op != LDB_OP_FLUSH && op != LDB_OP_TOUCH;
}

/* A write was applied (or may have been) on served: every other server of the
 * group now holds an older value of those keys, or none. Count them on its
 * slot, pool-wide, and log the keys while few are pending. */
static __attribute__((noinline)) void note_written(ldb_group *g, uint32_t served, const ldb_req *req)
{
	if (!rejoin_tracked(g) || !is_write(req->op)) {
		return;
	}
	for (uint32_t j = 0; j < (uint32_t)g->n; j++) {
		ldb_hslot *h = g->servers[j]->h;
		if (j == served || h == g->servers[served]->h) {
			continue;
		}
		for (size_t k = 0; k < req->n; k++) {
			const ldb_item *it = &req->items[k];
			uint64_t t = __atomic_fetch_add(&h->behind, 1, __ATOMIC_ACQ_REL);
			ldb_missed *e;
			if (t - LDB_LOAD(&h->cleaned) >= LDB_MISSED_MAX || it->key_len > LDB_MAX_KEY) {
				continue;   /* too many pending: whoever cleans it flushes it */
			}
			e = &h->missed[t % LDB_MISSED_MAX];
			LDB_STORE(&e->seq, 0);
			for (size_t c = 0; c < it->key_len; c++) {
				__atomic_store_n(&e->key[c], it->key[c], __ATOMIC_RELAXED);
			}
			LDB_STORE(&e->len, (uint32_t)it->key_len);
			LDB_STORE(&e->seq, t + 1);
		}
	}
}

/* Copy the pending keys [from, to) of a slot; 0 when one is missing (being
 * written, or overwritten): then the caller flushes instead. */
static int pending_keys(const ldb_hslot *h, uint64_t from, uint64_t to, char (*keys)[LDB_MAX_KEY + 1], ldb_item *items)
{
	for (uint64_t t = from; t < to; t++) {
		const ldb_missed *e = &h->missed[t % LDB_MISSED_MAX];
		size_t i = (size_t)(t - from), len;
		if (LDB_LOAD(&e->seq) != t + 1) {
			return 0;
		}
		len = LDB_LOAD(&e->len);
		if (len > LDB_MAX_KEY) {
			return 0;
		}
		for (size_t c = 0; c < len; c++) {
			keys[i][c] = __atomic_load_n(&e->key[c], __ATOMIC_RELAXED);
		}
		keys[i][len] = '\0';
		if (LDB_LOAD(&e->seq) != t + 1) {
			return 0;
		}
		memset(&items[i], 0, sizeof(items[i]));
		items[i].key = keys[i];
		items[i].key_len = len;
	}
	return 1;
}

/* One cleaner at a time: a second one's flush would drop what the first wrote
 * after its own cleaning. Returns the claim taken, or 0 when another process
 * cleaned the server up to `behind` while this one waited. A claim lapses
 * after the longest exchange (connect, then a reply) the cleaner can make;
 * sleeps are counted too, so a clock that does not move cannot hold a waiter. */
static uint64_t claim_cleaning(ldb_hslot *h, const ldb_config *cfg, uint64_t behind)
{
	uint64_t span = (uint64_t)cfg->connect_timeout_ms + cfg->timeout_ms + 100, slept = 0;
	uint64_t me = (uint64_t)ldb_health_me() & 0x3fffff;
	for (;;) {
		int64_t now = ldb_now_ms();
		uint64_t c = LDB_LOAD(&h->clean_claim);
		if (LDB_LOAD(&h->cleaned) >= behind) {
			return 0;
		}
		if (c == 0 || (int64_t)(c >> 22) <= now || slept > span) {
			uint64_t mine = ((uint64_t)now + span) << 22 | me;
			if (LDB_CAS(&h->clean_claim, &c, mine)) {
				return mine;
			}
			continue;
		}
		ldb_sleep_ms(1);
		slept++;
	}
}

/* Before a memcached server serves: when keys were written to other servers
 * of a group it is in since it was last cleaned (by any process of the pool),
 * it may hold older values of them. Few: delete them from it; more than the
 * slot keeps: flush it. Any process that finds it behind does this before
 * using it, so none reads it stale. Returns 0 when it is clean (or needed
 * nothing); -1 with res filled (the request itself not sent) otherwise. */
static __attribute__((noinline)) int clean_before_use(ldb_group *g, ldb_server *s, int64_t *now, ldb_result *res)
{
	ldb_hslot *h = s->h;
	uint64_t behind, cleaned, claim;
	ldb_req req;
	int flush = 1;
	if (!rejoin_tracked(g)) {
		/* a group of one server has no elsewhere: it reads the server as it
		 * is (the session handler writes every server through such groups);
		 * rejoin_clean Off: its servers share their data (proxies in front of
		 * the same memcached, replicated servers), none is behind another */
		return 0;
	}
	cleaned = LDB_LOAD(&h->cleaned);
	behind = LDB_LOAD(&h->behind);
	if (behind == cleaned) {
		return 0;
	}
	if ((claim = claim_cleaning(h, &g->cfg, behind)) == 0) {
		*now = ldb_now_ms();
		return 0;
	}
	/* what another cleaner did while this one waited, and the time after it */
	*now = ldb_now_ms();
	cleaned = LDB_LOAD(&h->cleaned);
	behind = LDB_LOAD(&h->behind);
	if (cleaned >= behind) {
		LDB_CAS(&h->clean_claim, &claim, 0);
		return 0;
	}
	memset(&req, 0, sizeof(req));
	if (behind - cleaned <= LDB_MISSED_MAX) {
		char (*keys)[LDB_MAX_KEY + 1] = ldb_alloc(sizeof(*keys) * LDB_MISSED_MAX);
		ldb_item *items = ldb_alloc(sizeof(*items) * LDB_MISSED_MAX);
		if (!keys || !items) {
			ldb_mfree(keys);
			ldb_mfree(items);
			res->kind = LDB_X_ANSWERED;
			res->rc = LDB_NOMEM;
			snprintf(res->msg, sizeof(res->msg), "out of memory");
			LDB_CAS(&h->clean_claim, &claim, 0);
			return -1;
		}
		if (pending_keys(h, cleaned, behind, keys, items)) {
			req.op = LDB_OP_DELETE;
			req.items = items;
			req.n = (size_t)(behind - cleaned);
			req.out = items;
			ldb_conn_exec(s, &g->cfg, &req, *now, res);
			flush = 0;
		}
		ldb_mfree(keys);
		ldb_mfree(items);
	}
	if (flush) {
		req.op = LDB_OP_FLUSH;
		ldb_conn_exec(s, &g->cfg, &req, *now, res);
		if (res->kind == LDB_X_ANSWERED && res->rc == LDB_OK) {
			LDB_ADD(&h->flushes, 1);
		}
	}
	if (res->kind != LDB_X_ANSWERED || (res->rc != LDB_OK && res->rc != LDB_MISS)) {
		if (res->kind == LDB_X_ANSWERED && res->rc != LDB_NOMEM) {
			/* refused: it must not serve before it is clean */
			if (res->rc == LDB_UNSUPPORTED) {
				/* a proxy: set rejoin_clean Off for servers that share their data */
				char was[sizeof(res->msg)];
				memcpy(was, res->msg, sizeof(was));
				snprintf(res->msg, sizeof(res->msg), "could not be cleaned before use (see rejoin_clean): %.*s",
					(int)(sizeof(res->msg) - 56), was);
			} else {
				snprintf(res->msg, sizeof(res->msg), "could not be cleaned before use: %s", ldb_rc_name(res->rc));
			}
			res->kind = LDB_X_SERVER_ERROR;
			res->rc = LDB_SERVER_ERROR;
		}
		/* the request itself was not sent */
		res->sent = 0;
		LDB_CAS(&h->clean_claim, &claim, 0);
		return -1;
	}
	LDB_ADD(&h->cleanings, 1);
	/* publish "clean up to `behind`" unless someone published a later count */
	while (cleaned < behind && !LDB_CAS(&h->cleaned, &cleaned, behind)) {
	}
	LDB_CAS(&h->clean_claim, &claim, 0);
	return 0;
}

/* Try one server. Returns 1 when the caller is done (rc final), 0 to move on.
 * seen: the server's word when it was chosen. */
static inline int settle(ldb_group *g, uint32_t i, uint32_t cur, uint64_t seen, ldb_req *req, int64_t now,
	const ldb_result *res, ldb_rc *rc, char *why, size_t whylen);

static int attempt(ldb_group *g, uint32_t i, uint32_t cur, uint64_t seen, ldb_req *req, int64_t now, ldb_rc *rc,
	char *why, size_t whylen)
{
	ldb_server *s = g->servers[i];
	ldb_result res;

	LDB_ADD(&s->h->requests, 1);
	if (*why && req->cb) {
		/* values delivered by a server that then failed are dropped */
		req->cb(req->ctx, (size_t)-1, NULL, 0, 0);
	}
	/* not memset: msg is 192 bytes, and only ever written with snprintf */
	res.kind = LDB_X_ANSWERED;
	res.rc = LDB_OK;
	res.sent = res.waited = res.first = 0;
	res.msg[0] = '\0';
	if (!rejoin_tracked(g) || clean_before_use(g, s, &now, &res) == 0) {
		ldb_conn_exec(s, &g->cfg, req, now, &res);
	}
	return settle(g, i, cur, seen, req, now, &res, rc, why, whylen);
}

static int settle_failed(ldb_group *g, uint32_t i, uint64_t seen, ldb_req *req, int64_t now,
	const ldb_result *res, ldb_rc *rc, char *why, size_t whylen);

/* What an exchange's result means for its server and the group. Returns 1
 * when the caller is done (rc final), 0 to move on. An answer (most calls) is
 * settled inline, a failure out of line. */
static inline int settle(ldb_group *g, uint32_t i, uint32_t cur, uint64_t seen, ldb_req *req, int64_t now,
	const ldb_result *res, ldb_rc *rc, char *why, size_t whylen)
{
	ldb_server *s = g->servers[i];

	*rc = res->rc;
	if (res->kind == LDB_X_ANSWERED) {
		if (*rc == LDB_TOO_LARGE || *rc == LDB_CLIENT_ERROR) {
			/* an answer that means false: the server's words are the reason */
			snprintf(s->last_error, sizeof(s->last_error), "%s", res->msg);
		}
		/* up, no failure counted: nothing to report (ldb_health_ok would
		 * return at once); the call is for the rest */
		if (ldb_w_state(ldb_health_word(s->h)) != LDB_W_UP || LDB_LOAD(&s->h->failures) != 0) {
			ldb_health_ok(s->h, seen, now, &g->cfg);
		}
		if (rejoin_tracked(g)) {
			note_written(g, i, req);
		}
		if (i != cur) {
			maybe_failover(g, cur, i);
		}
		if (i != cur && current_index(g) == cur) {
			g->detour_epoch = ldb_epoch;
			g->detour_at_ms = now;
			g->detour_from = cur;
			g->detour_to = i;
		}
		return 1;
	}
	return settle_failed(g, i, seen, req, now, res, rc, why, whylen);
}

static __attribute__((noinline)) int settle_failed(ldb_group *g, uint32_t i, uint64_t seen, ldb_req *req, int64_t now,
	const ldb_result *res, ldb_rc *rc, char *why, size_t whylen)
{
	ldb_server *s = g->servers[i];
	ldb_fail_kind kind;

	if (*rc == LDB_NOMEM) {
		return 1;
	}
	if (res->kind == LDB_X_IO_FAILED && res->sent && !ldb_op_idempotent(req->op)) {
		/* it may have been applied here (an error reply means it was not) */
		note_written(g, i, req);
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
	ldb_health_fail(s->h, seen, kind, now, &g->cfg, s->last_error);
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

static inline int failed_here(const ldb_server *s, int64_t now)
{
	uint64_t w;
	if (s->failed_epoch != ldb_epoch || now - s->failed_at_ms >= LDB_REQUEST_MEMORY_MS) {
		return 0;
	}
	w = ldb_health_word(s->h);
	/* back up since it failed here: a probe or another worker found it up */
	return !(ldb_w_state(w) == LDB_W_UP && ldb_w_time(w) != 0 && ldb_w_since(now, ldb_w_time(w)) < now - s->failed_at_ms);
}

/*
 * The startup herd: a server nobody has contacted yet (NEW) is tried by the
 * one process that takes its first-contact token. Every other process that
 * wants it as its current server waits for the verdict a little (up to
 * LDB_HERD_WAIT_MS: a server that answers at all gives it within a round
 * trip), then serves that request from the next server without moving the
 * group's current server, until the verdict is in (at most connect_timeout +
 * timeout, after which a token whose owner vanished lapses). So a black-holed
 * first server costs one connect timeout pool-wide, not one per worker. For a
 * dual-master pair this is safe: the few requests served meanwhile go to the
 * other master, which replicates to the first as after any failover; the rest
 * of such a request stays on that master (see detour), and the current server
 * does not move, so no host is left writing to the second.
 */
#define LDB_HERD_WAIT_MS 50

/* Wait (a little) for another process's first contact with s to end. Returns
 * the word then. */
static uint64_t herd_wait(ldb_server *s, const ldb_config *cfg, uint64_t w)
{
	int64_t limit = cfg->connect_timeout_ms / 4 < LDB_HERD_WAIT_MS ? cfg->connect_timeout_ms / 4 : LDB_HERD_WAIT_MS;
	for (int64_t waited = 0; waited < limit; waited++) {
		if (!(ldb_w_state(w) == LDB_W_PROBING && ldb_w_step(w) == LDB_STEP_FIRST) && ldb_w_state(w) != LDB_W_NEW) {
			break;
		}
		ldb_sleep_ms(1);
		w = ldb_health_word(s->h);
	}
	return w;
}
static int first_contact(ldb_group *g, uint32_t i, uint32_t cur, ldb_req *req, int64_t now, ldb_rc *rc,
	char *why, size_t whylen, int *tried)
{
	ldb_server *s = g->servers[i];
	uint64_t token = ldb_health_probe_claim(s->h, now, &g->cfg);
	int done;
	*tried = 0;
	if (!token) {
		return 0;
	}
	*tried = 1;
	done = attempt(g, i, cur, token, req, now, rc, why, whylen);
	/* a server error, or a reply failure short of marking it down: it answered
	 * or connected, so the first contact says up (unless ok/fail already decided) */
	if (ldb_health_word(s->h) == token) {
		ldb_health_probe_done(s->h, token, *rc != LDB_CONNECT_FAILED, ldb_now_ms(), &g->cfg, s->last_error);
	}
	return done;
}

/* run(), after the servers in `tried` failed the request as `why_before`
 * says, the last with `before` (a multi-group call tried its first server
 * itself: run_parts()). */
static ldb_rc run_after(ldb_group *g, ldb_req *req, uint32_t tried, const char *why_before, ldb_rc before)
{
	int64_t now = ldb_now_ms();
	uint32_t cur, start, i;
	ldb_rc rc = LDB_NO_SERVER, one;
	int failed = tried != 0, server_errors = tried != 0 && before == LDB_SERVER_ERROR;
	char why[LDB_ERR_MAX * 2];

	if (*why_before) {
		/* snprintf("%s") would cost a get a fifth of its instructions */
		size_t l = strlen(why_before);
		l = l < sizeof(why) ? l : sizeof(why) - 1;
		memcpy(why, why_before, l);
		why[l] = '\0';
	} else {
		why[0] = '\0';   /* the first try (most calls) */
	}
	ldb_pool_touch(g);
	tend_probes(g, now);
	cur = current_index(g);
	if (g->cfg.failback && cur != 0) {
		cur = maybe_failback(g, cur, now);
	}
	start = cur;
	if (g->detour_epoch == ldb_epoch && now - g->detour_at_ms < LDB_REQUEST_MEMORY_MS && g->detour_from == cur
			&& g->detour_to < (uint32_t)g->n) {
		/* an earlier call of this request was served elsewhere while the
		 * current server was skipped (a first contact under way, a failure
		 * short of marking it down): the rest of the request goes there too,
		 * so that it reads what it wrote */
		start = g->detour_to;
	}
	for (uint32_t k = 0; k < (uint32_t)g->n; k++) {
		ldb_server *s;
		uint64_t w;
		i = (start + k) % (uint32_t)g->n;
		s = g->servers[i];
		w = ldb_health_word(s->h);
		if (failed_here(s, now) || (tried & (1u << i))) {
			continue;
		}
		if (ldb_w_state(w) == LDB_W_NEW) {
			int took;
			if (first_contact(g, i, cur, req, now, &one, why, sizeof(why), &took)) {
				rc = one;
				goto done;
			}
			if (took) {
				tried |= 1u << i;
				failed++;
				server_errors += one == LDB_SERVER_ERROR;
				continue;
			}
			w = ldb_health_word(s->h);
		}
		if (i == cur && ldb_w_state(w) == LDB_W_PROBING && ldb_w_step(w) == LDB_STEP_FIRST && k == 0) {
			w = herd_wait(s, &g->cfg, w);
			now = ldb_now_ms();
		}
		if (ldb_w_state(w) == LDB_W_PROBING && ldb_w_step(w) == LDB_STEP_FIRST && i != cur) {
			/* another process is making its first contact: the herd rule
			 * spares the current server; a later one is this request's
			 * only way on, so it is tried (an answer brings it up) */
		} else if (ldb_w_state(w) != LDB_W_UP) {
			continue;
		}
		tried |= 1u << i;
		if (attempt(g, i, cur, w, req, now, &one, why, sizeof(why))) {
			rc = one;
			goto done;
		}
		failed++;
		server_errors += one == LDB_SERVER_ERROR;
	}
	for (;;) {
		/* Nothing served: fail open on the server that failed longest ago,
		 * unless this request already saw it fail, rather than give up
		 * without trying; a group that was all down recovers at once. A
		 * server whose first contact another process is making is left to it
		 * unless there is nothing else (a group of one server): then it is
		 * tried as without the herd rule. While such tries fail at no cost
		 * (refused), the next one is tried too. */
		int best = -1, first = -1;
		int64_t oldest = 0;
		for (int j = 0; j < g->n; j++) {
			ldb_server *s = g->servers[j];
			uint64_t w = ldb_health_word(s->h);
			int64_t t = LDB_LOAD(&s->h->last_failure_ms);
			if (failed_here(s, now) || s->probe.phase || (tried & (1u << j))) {
				continue;
			}
			if (ldb_w_state(w) == LDB_W_PROBING && ldb_w_step(w) == LDB_STEP_FIRST) {
				first = first < 0 ? j : first;
				continue;
			}
			if (best < 0 || t < oldest) {
				best = j;
				oldest = t;
			}
		}
		best = best < 0 ? first : best;
		if (best < 0) {
			break;
		}
		tried |= 1u << best;
		{
			uint64_t w = ldb_health_word(g->servers[best]->h);
			int took = 1;
			if (ldb_w_state(w) == LDB_W_NEW) {
				if (first_contact(g, (uint32_t)best, cur, req, now, &one, why, sizeof(why), &took)) {
					rc = one;
					goto done;
				}
			} else if (attempt(g, (uint32_t)best, cur, w, req, now, &one, why, sizeof(why))) {
				rc = one;
				goto done;
			}
			failed += took;
			server_errors += took && one == LDB_SERVER_ERROR;
		}
		if (failed_here(g->servers[best], ldb_now_ms())) {
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
		snprintf(msg, sizeof(msg), "%s", rc == LDB_TOO_LARGE || rc == LDB_CLIENT_ERROR ? g->servers[current_index(g)]->last_error : m);
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
	if (g->cfg.backend == LDB_BACKEND_TYRANT && (op == LDB_OP_TOUCH || op == LDB_OP_CAS || op == LDB_OP_GETS)) {
		/* Tokyo Tyrant closes the connection on a command it does not know,
		 * and its gets returns no cas token */
		set_error(g, LDB_UNSUPPORTED, op == LDB_OP_TOUCH ? "touch is not supported by the tyrant backend"
			: op == LDB_OP_CAS ? "cas is not supported by the tyrant backend"
			: "getWithCas is not supported by the tyrant backend (it keeps no cas token)");
		return 1;
	}
	return 0;
}

ldb_rc ldb_get(ldb_group *g, const char *key, size_t key_len, ldb_value_cb cb, void *ctx)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK, 0 };
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
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK, 0 };
	return ldb_store(g, LDB_OP_DELETE, &it);
}

ldb_rc ldb_touch(ldb_group *g, const char *key, size_t key_len, uint32_t exptime)
{
	ldb_item it = { key, key_len, NULL, 0, 0, exptime, LDB_OK, 0 };
	return ldb_store(g, LDB_OP_TOUCH, &it);
}

ldb_rc ldb_arith(ldb_group *g, ldb_op op, const char *key, size_t key_len, uint64_t delta, uint64_t *value)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK, 0 };
	ldb_req req = { op, &it, 1, delta, NULL, NULL, 0, &it };
	ldb_rc rc = run(g, &req);
	*value = req.number;
	return rc;
}

ldb_rc ldb_gets(ldb_group *g, const char *key, size_t key_len, ldb_value_cb cb, void *ctx, uint64_t *cas)
{
	ldb_item it = { key, key_len, NULL, 0, 0, 0, LDB_OK, 0 };
	ldb_req req = { LDB_OP_GETS, &it, 1, 0, cb, ctx, 0, NULL };
	ldb_rc rc;
	*cas = 0;
	if (tyrant_refuses(g, LDB_OP_GETS)) {
		return LDB_UNSUPPORTED;
	}
	rc = run(g, &req);
	*cas = req.number;
	return rc;
}

/* "name: what" after what is in why already (cut short when it is full). */
static void add_why(char *why, size_t whylen, const char *name, const char *what)
{
	size_t used = strlen(why);
	if (snprintf(why + used, whylen - used, "%s%s: %s", used ? "; " : "", name, what) < 0) {
		why[used] = '\0';
	}
}

/* Not through run(): every server is asked, and none becomes current. */
ldb_rc ldb_flush(ldb_group *g, uint32_t delay)
{
	ldb_item it = { NULL, 0, NULL, 0, 0, delay, LDB_OK, 0 };
	ldb_rc rc = LDB_OK;
	char why[LDB_ERR_MAX * 2];

	why[0] = '\0';
	for (int i = 0; i < g->n; i++) {
		ldb_server *s = g->servers[i];
		ldb_req req = { LDB_OP_FLUSH, &it, 1, 0, NULL, NULL, 0, NULL };
		int64_t now = ldb_now_ms();
		uint64_t w = ldb_health_word(s->h);
		ldb_result res;
		if (ldb_w_state(w) == LDB_W_DOWN || ldb_w_state(w) == LDB_W_PROBING) {
			add_why(why, sizeof(why), s->name, "marked down, not flushed");
			rc = LDB_NO_SERVER;
			continue;
		}
		LDB_ADD(&s->h->requests, 1);
		memset(&res, 0, sizeof(res));
		ldb_conn_exec(s, &g->cfg, &req, now, &res);
		if (res.kind == LDB_X_ANSWERED) {
			ldb_health_ok(s->h, w, now, &g->cfg);
		} else if (res.rc != LDB_NOMEM) {
			snprintf(s->last_error, sizeof(s->last_error), "%s", res.msg);
			ldb_health_fail(s->h, w, res.kind == LDB_X_CONNECT_FAILED ? LDB_FAIL_CONNECT : res.kind == LDB_X_SERVER_ERROR ? LDB_FAIL_SERVER
				: res.first ? LDB_FAIL_FIRST_REPLY : LDB_FAIL_IO, ldb_now_ms(), &g->cfg, s->last_error);
		}
		if (res.rc != LDB_OK) {
			add_why(why, sizeof(why), s->name, res.msg);
			rc = res.kind == LDB_X_ANSWERED || res.kind == LDB_X_SERVER_ERROR || res.rc == LDB_NOMEM ? res.rc : LDB_NO_SERVER;
		}
	}
	if (rc != LDB_OK) {
		set_error(g, rc, why);
	}
	return rc;
}

void ldb_group_server_info(const ldb_group *g, int i, ldb_server_info *out)
{
	ldb_server *s = g->servers[i];
	const ldb_hslot *h = s->h;
	int64_t now = ldb_now_ms();
	uint64_t w = ldb_health_word(h);
	uint32_t st = ldb_w_state(w);
	uint32_t kind = LDB_LOAD(&h->last_kind);
	out->name = s->name;
	out->addr = &s->addr;
	/* no verdict yet shows as up; a first contact under way as probing */
	out->state = st == LDB_W_DOWN ? LDB_STATE_DOWN : st == LDB_W_PROBING ? LDB_STATE_PROBING : LDB_STATE_UP;
	out->current = (uint32_t)i == current_index(g);
	out->failures = LDB_LOAD(&h->failures);
	out->retry_at_ms = st == LDB_W_DOWN ? ldb_health_due_ms(h, now) : 0;
	out->up_since_ms = st == LDB_W_UP && ldb_w_time(w) ? now - ldb_w_since(now, ldb_w_time(w)) : 0;
	out->prober = st == LDB_W_PROBING ? ldb_w_owner(w) : 0;
	out->last_failure_ms = LDB_LOAD(&h->last_failure_ms);
	out->requests = LDB_LOAD(&h->requests);
	out->failovers = LDB_LOAD(&h->failovers);
	out->failbacks = LDB_LOAD(&h->failbacks);
	out->probes = LDB_LOAD(&h->probes);
	out->probe_failures = LDB_LOAD(&h->probe_failures);
	out->stale_reports = LDB_LOAD(&h->stale_reports);
	out->connect_failures = LDB_LOAD(&h->connect_failures);
	out->io_failures = LDB_LOAD(&h->io_failures);
	out->server_errors = LDB_LOAD(&h->server_errors);
	out->last_error = NULL;
	if (st != LDB_W_UP && st != LDB_W_NEW) {
		/* the reason it is out, whichever process saw it */
		ldb_health_error(h, s->info_error, sizeof(s->info_error));
		out->last_error = s->info_error[0] ? s->info_error
			: kind == 1 ? "connect failed" : kind == 2 || kind == 4 ? "i/o failed" : kind == 3 ? "server error" : "down";
	} else if (out->failures > 0) {
		/* up, with failures short of marking it down */
		ldb_health_error(h, s->info_error, sizeof(s->info_error));
		out->last_error = s->info_error[0] ? s->info_error : NULL;
	}
	out->connected = s->conn.fd >= 0;
	out->shared = s->own == NULL;
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
	uint64_t seen;            /* its health word when it was chosen */
	uint32_t tried;           /* servers that failed it: run_after() goes on without them */
	ldb_rc before;            /* how the last of them failed */
	int state;                /* PART_* */
	char why[LDB_ERR_MAX * 2];
} part_run;

enum { PART_WAITING, PART_DONE, PART_ALONE };

/* The server run() would send the group's request to, when that choice is
 * plain: the current server, up, not failed in this request, no detour of this
 * request elsewhere. -1 otherwise: run() decides (first contacts, the herd
 * rule, failover). */
static int first_choice(ldb_group *g, int64_t now, uint32_t *cur, uint64_t *seen)
{
	ldb_server *s;
	ldb_pool_touch(g);
	tend_probes(g, now);
	*cur = current_index(g);
	if (g->cfg.failback) {
		*cur = maybe_failback(g, *cur, now);
	}
	if (g->detour_epoch == ldb_epoch && now - g->detour_at_ms < LDB_REQUEST_MEMORY_MS && g->detour_from == *cur) {
		return -1;
	}
	s = g->servers[*cur];
	*seen = ldb_health_word(s->h);
	if (ldb_w_state(*seen) != LDB_W_UP || failed_here(s, now)) {
		return -1;
	}
	return (int)*cur;
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
	if (!settle(g, r->i, r->cur, r->seen, &r->req, now, &r->res, &rc, r->why, sizeof(r->why))) {
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
		set_error(g, rc, rc == LDB_NOMEM ? "out of memory" : g->servers[r->i]->last_error);
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
		if (!ldb_exchange_one_write(&r->req) || (i = first_choice(g, now, &r->cur, &r->seen)) < 0) {
			continue;
		}
		r->i = (uint32_t)i;
		LDB_ADD(&g->servers[i]->h->requests, 1);
		memset(&r->res, 0, sizeof(r->res));
		if (clean_before_use(g, g->servers[i], &now, &r->res) != 0) {
			/* it could not be made clean: as a failed attempt */
			part_settle(&parts[p], r, 0, now);
			continue;
		}
		k = ldb_conn_send(g->servers[i], &g->cfg, &r->req, now, &r->res, &r->x);
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
				pfd[nfd].fd = parts[p].g->servers[pr[p].i]->conn.fd;
				pfd[nfd].events = POLLIN;
				pfd[nfd].revents = 0;
				at[nfd++] = p;
				wait = wait < 0 || left < wait ? (left > 0 ? left : 0) : wait;
			}
		}
		ready = ldb_poll(pfd, (unsigned)nfd, wait > INT32_MAX ? INT32_MAX : (int)wait);
		if (ready < 0 && errno == EINTR) {
			now = ldb_now_ms();
			continue;
		}
		now = ldb_now_ms();
		for (int j = 0; j < nfd; j++) {
			size_t p = at[j];
			ldb_server *s = parts[p].g->servers[pr[p].i];
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
