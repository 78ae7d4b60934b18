/*
 * Server health: a fixed table of slots, one per server and one per group.
 * It lives in an anonymous shared mapping made before the worker processes are
 * forked, so that all of them see one server found down by any of them. Every
 * field is read and written with atomics and no lock is ever held, so a worker
 * killed at any instant leaves the table usable; a probe token whose owner died
 * lapses after its deadline. A server's state is one word (ldb_internal.h):
 * every change is one CAS of it, so a report made against a word that has
 * changed since (a stale prober, a failure seen before a recovery) fails its
 * CAS and changes nothing.
 */
#include "ldb_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define LDB_HEALTH_MAGIC 0x4c444231u

static ldb_health_table *table;
static int table_shared;
static int table_mapped;
static int full_said;

void (*ldb_health_race_hook)(ldb_hslot *h, ldb_race_point at);
uint32_t ldb_health_self;

uint64_t ldb_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ? h : 1;
}

int ldb_health_is_shared(void)
{
	return table_shared;
}

int ldb_init(int shared, char *err, size_t errlen)
{
	void *p;
	if (table) {
		return 0;
	}
	/* an anonymous mapping either way: pages of slots never used are never touched */
	p = ldb_map(sizeof(ldb_health_table), shared);
	if (p) {
		table = p;
		table_shared = shared;
		table_mapped = 1;
		table->magic = LDB_HEALTH_MAGIC;
		return 0;
	}
	if (shared && err && errlen) {
		snprintf(err, errlen, "shared memory for server health refused (%s): health is kept per process", strerror(errno));
	}
	table = ldb_calloc(sizeof(ldb_health_table));
	if (!table) {
		return -1;
	}
	table->magic = LDB_HEALTH_MAGIC;
	return shared ? -1 : 0;
}

void ldb_health_detach(void)
{
	full_said = 0;
	if (!table) {
		return;
	}
	if (table_mapped) {
		ldb_unmap(table, sizeof(ldb_health_table));
	} else {
		ldb_mfree(table);
	}
	table = NULL;
	table_shared = 0;
	table_mapped = 0;
}

/* Find or claim the slot for a key: a CAS on the key makes the claim. */
#define FIND_SLOT(arr, count, hkey, on_claim)                                  \
	do {                                                                       \
		size_t start_ = (size_t)(hkey % (count));                              \
		for (size_t k_ = 0; k_ < (count); k_++) {                              \
			__typeof__(&(arr)[0]) s_ = &(arr)[(start_ + k_) % (count)];        \
			uint64_t cur_ = LDB_LOAD(&s_->key);                                \
			if (cur_ == hkey) {                                                \
				return s_;                                                     \
			}                                                                  \
			if (cur_ == 0) {                                                   \
				uint64_t zero_ = 0;                                            \
				if (LDB_CAS(&s_->key, &zero_, hkey)) {                         \
					on_claim;                                                  \
					return s_;                                                 \
				}                                                              \
				if (zero_ == hkey) {                                           \
					return s_;                                                 \
				}                                                              \
			}                                                                  \
		}                                                                      \
		return NULL;                                                           \
	} while (0)

static void copy_name(char *dst, const char *name)
{
	size_t len = strlen(name);
	if (len >= LDB_NAME_MAX) {
		len = LDB_NAME_MAX - 1;
	}
	memcpy(dst, name, len);
	dst[len] = '\0';
}

static ldb_hslot *server_slot(ldb_health_table *t, const char *name, uint64_t key)
{
	/* a free slot is all zero: its word already says NEW */
	FIND_SLOT(t->servers, LDB_HEALTH_SERVERS, key, copy_name(s_->name, name));
}

static ldb_gslot *group_slot(ldb_health_table *t, uint64_t key)
{
	FIND_SLOT(t->groups, LDB_HEALTH_GROUPS, key, (void)0);
}

void ldb_health_slot_init(ldb_hslot *h, const char *name)
{
	memset(h, 0, sizeof(*h));
	h->key = ldb_hash(name, strlen(name));
	copy_name(h->name, name);
}

void ldb_health_table_full(void)
{
	if (!full_said) {
		full_said = 1;
		if (ldb_hook.log) {
			ldb_hook.log("LocalDb: the shared server health table is full: servers and groups that do not fit keep their health per process");
		}
	}
}

ldb_hslot *ldb_health_server(const char *name)
{
	uint64_t key = ldb_hash(name, strlen(name));
	if (!table) {
		return NULL;
	}
	return server_slot(table, name, key);
}

ldb_gslot *ldb_health_group(const char *gkey)
{
	uint64_t key = ldb_hash(gkey, strlen(gkey));
	if (!table) {
		return NULL;
	}
	return group_slot(table, key);
}

static const char *state_name(uint32_t st)
{
	/* a server with no verdict yet is shown as up, as servers() does */
	return st == LDB_W_DOWN ? "down" : st == LDB_W_PROBING ? "probing" : "up";
}

static void log_change(const ldb_hslot *h, const ldb_config *cfg, uint32_t from, uint32_t to, const char *why)
{
	char line[LDB_NAME_MAX + LDB_ERR_MAX + 64];
	if (!ldb_hook.log || !cfg->log_failover) {
		return;
	}
	snprintf(line, sizeof(line), "LocalDb: server %s %s -> %s: %s", h->name, state_name(from), state_name(to),
		why && *why ? why : "-");
	ldb_hook.log(line);
}

/* The last error, under a sequence counter: a writer that finds it odd (another
 * writer at work) leaves it; readers retry a copy that changed under them. */
static void set_error(ldb_hslot *h, const char *why)
{
	uint32_t seq = LDB_LOAD(&h->err_seq);
	size_t len;
	if ((seq & 1u) || !LDB_CAS(&h->err_seq, &seq, seq + 1)) {
		return;
	}
	len = why ? strlen(why) : 0;
	if (len >= sizeof(h->err)) {
		len = sizeof(h->err) - 1;
	}
	for (size_t i = 0; i < len; i++) {
		__atomic_store_n(&h->err[i], why[i], __ATOMIC_RELAXED);
	}
	__atomic_store_n(&h->err[len], '\0', __ATOMIC_RELAXED);
	LDB_STORE(&h->err_seq, seq + 2);
}

void ldb_health_error(const ldb_hslot *h, char *buf, size_t len)
{
	buf[0] = '\0';
	if (len == 0) {
		return;
	}
	for (int tries = 0; tries < 4; tries++) {
		uint32_t seq = LDB_LOAD(&h->err_seq);
		size_t i;
		if (seq & 1u) {
			continue;
		}
		for (i = 0; i + 1 < len && i < sizeof(h->err); i++) {
			buf[i] = __atomic_load_n(&h->err[i], __ATOMIC_RELAXED);
			if (!buf[i]) {
				break;
			}
		}
		buf[i < len ? i : len - 1] = '\0';
		if (LDB_LOAD(&h->err_seq) == seq) {
			return;
		}
	}
	buf[0] = '\0';
}

/* xorshift, seeded per process: jitter only needs to differ between workers */
uint32_t ldb_jitter(uint32_t range)
{
	static uint64_t x;
	if (range == 0) {
		return 0;
	}
	if (x == 0) {
		x = (uint64_t)ldb_clock_ms() ^ ((uint64_t)ldb_getpid() << 32) ^ 0x9e3779b97f4a7c15ull;
	}
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x % range);
}

uint32_t ldb_health_me(void)
{
	uint32_t me = ldb_health_self ? ldb_health_self : (uint32_t)ldb_getpid();
	me &= LDB_OWNER_MASK;
	return me ? me : 1;
}

static int64_t interval_of(uint32_t step, const ldb_config *cfg)
{
	int64_t iv = cfg->retry_interval_ms, cap = (int64_t)cfg->retry_interval_ms * LDB_BACKOFF_CAP_FACTOR;
	for (uint32_t i = 0; i < step && i < LDB_STEP_MAX; i++) {
		iv = iv * LDB_BACKOFF_NUM / LDB_BACKOFF_DEN;
	}
	return iv > cap ? cap : iv;
}

static int64_t next_retry(int64_t now, int64_t interval)
{
	/* +-10% so that workers and hosts do not probe in step */
	int64_t spread = interval / 10;
	return now + interval - spread + (int64_t)ldb_jitter((uint32_t)(2 * spread + 1));
}

static inline void race_point(ldb_hslot *h, ldb_race_point at)
{
	if (ldb_health_race_hook) {
		ldb_health_race_hook(h, at);
	}
}

int ldb_health_settled(const ldb_hslot *h, int64_t now, int64_t hold_ms)
{
	uint64_t w = LDB_LOAD(&h->word);
	uint32_t st = ldb_w_state(w);
	if (st == LDB_W_NEW) {
		return 1;
	}
	if (st != LDB_W_UP) {
		return 0;
	}
	return ldb_w_time(w) == 0 || ldb_w_since(now, ldb_w_time(w)) >= hold_ms;
}

int64_t ldb_health_due_ms(const ldb_hslot *h, int64_t now)
{
	uint64_t w = LDB_LOAD(&h->word);
	uint32_t st = ldb_w_state(w);
	if (st != LDB_W_DOWN && st != LDB_W_PROBING) {
		return 0;
	}
	return now - ldb_w_since(now, ldb_w_time(w));
}

int ldb_health_ok(ldb_hslot *h, uint64_t seen, int64_t now, const ldb_config *cfg)
{
	uint64_t w = LDB_LOAD(&h->word), up;
	uint32_t st = ldb_w_state(w);

	if (LDB_LOAD(&h->failures) != 0) {
		LDB_STORE(&h->failures, 0);
	}
	if (st == LDB_W_UP) {
		return 0;
	}
	if (seen && seen != w) {
		/* the word changed while this request ran: a newer report decided */
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	/* NEW, or the first contact's token: up, and no hold-down (it never was
	 * down); otherwise up since now, and a failback waits for it to hold */
	up = ldb_w_make(LDB_W_UP, 0, ldb_w_gen(w) + 1, 0,
		st == LDB_W_NEW || ldb_w_step(w) == LDB_STEP_FIRST ? 0 : ldb_w_at(now));
	race_point(h, LDB_RACE_OK);
	if (!LDB_CAS(&h->word, &w, up)) {
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	set_error(h, "");
	if (st == LDB_W_DOWN || (st == LDB_W_PROBING && ldb_w_step(w) != LDB_STEP_FIRST)) {
		log_change(h, cfg, st, LDB_W_UP, "answered a request");
	}
	return 1;
}

int ldb_health_fail(ldb_hslot *h, uint64_t seen, ldb_fail_kind kind, int64_t now, const ldb_config *cfg, const char *why)
{
	uint32_t fails = LDB_ADD(&h->failures, 1);
	uint64_t w, down;
	uint32_t st;

	LDB_STORE(&h->last_failure_ms, now);
	LDB_STORE(&h->last_kind, (uint32_t)kind + 1);
	LDB_ADD(kind == LDB_FAIL_CONNECT ? &h->connect_failures : kind == LDB_FAIL_SERVER ? &h->server_errors : &h->io_failures, 1);
	set_error(h, why);
	if (kind != LDB_FAIL_CONNECT && kind != LDB_FAIL_FIRST_REPLY && fails < LDB_IO_FAILURE_LIMIT) {
		return 0;
	}
	w = LDB_LOAD(&h->word);
	st = ldb_w_state(w);
	if (seen && seen != w) {
		/* it went down, or down and up again, since this request chose it:
		 * the failure is older news than the word */
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	if (st == LDB_W_DOWN) {
		return 0;
	}
	if (st == LDB_W_PROBING && ldb_w_owner(w) != ldb_health_me()) {
		/* another process holds the token: its probe decides */
		return 0;
	}
	down = ldb_w_make(LDB_W_DOWN, 0, ldb_w_gen(w) + 1, 0, ldb_w_at(next_retry(now, cfg->retry_interval_ms)));
	race_point(h, LDB_RACE_FAIL);
	if (!LDB_CAS(&h->word, &w, down)) {
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	log_change(h, cfg, st == LDB_W_PROBING && ldb_w_step(w) == LDB_STEP_FIRST ? LDB_W_NEW : st, LDB_W_DOWN, why);
	return 1;
}

uint64_t ldb_health_probe_claim(ldb_hslot *h, int64_t now, const ldb_config *cfg)
{
	uint64_t w = LDB_LOAD(&h->word), token;
	uint32_t st = ldb_w_state(w), step;
	int64_t deadline = now + cfg->connect_timeout_ms + cfg->timeout_ms;

	if (st == LDB_W_UP) {
		return 0;
	}
	if (st == LDB_W_PROBING) {
		/* a prober that died or never came back: its token lapses */
		if (ldb_w_since(now, ldb_w_time(w)) <= LDB_TOKEN_GRACE_MS) {
			return 0;
		}
	} else if (st == LDB_W_DOWN && ldb_w_since(now, ldb_w_time(w)) < 0) {
		return 0;
	}
	step = st == LDB_W_NEW ? LDB_STEP_FIRST : ldb_w_step(w);
	token = ldb_w_make(LDB_W_PROBING, step, ldb_w_gen(w) + 1, ldb_health_me(), ldb_w_at(deadline));
	race_point(h, LDB_RACE_CLAIM);
	if (!LDB_CAS(&h->word, &w, token)) {
		return 0;
	}
	if (step != LDB_STEP_FIRST) {
		LDB_ADD(&h->probes, 1);
	}
	return token;
}

int ldb_health_probe_done(ldb_hslot *h, uint64_t token, int ok, int64_t now, const ldb_config *cfg, const char *why)
{
	uint64_t w = LDB_LOAD(&h->word), next;
	uint32_t step = ldb_w_step(token);
	int first = step == LDB_STEP_FIRST;

	if (!first) {
		if (!ok) {
			LDB_ADD(&h->probe_failures, 1);
		}
	}
	if (w != token || ldb_w_state(token) != LDB_W_PROBING) {
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	if (ok) {
		next = ldb_w_make(LDB_W_UP, 0, ldb_w_gen(w) + 1, 0, first ? 0 : ldb_w_at(now));
	} else {
		step = first ? 0 : step < LDB_STEP_MAX ? step + 1 : LDB_STEP_MAX;
		next = ldb_w_make(LDB_W_DOWN, step, ldb_w_gen(w) + 1, 0,
			ldb_w_at(next_retry(now, interval_of(step, cfg))));
	}
	race_point(h, LDB_RACE_DONE);
	if (!LDB_CAS(&h->word, &w, next)) {
		LDB_ADD(&h->stale_reports, 1);
		return 0;
	}
	if (ok) {
		LDB_STORE(&h->failures, 0);
		set_error(h, "");
		if (!first) {
			log_change(h, cfg, LDB_W_DOWN, LDB_W_UP, "answered a probe");
		}
	} else {
		LDB_STORE(&h->last_failure_ms, now);
		set_error(h, why);
		if (first) {
			log_change(h, cfg, LDB_W_NEW, LDB_W_DOWN, why);
		}
		/* a failed probe of a server already down changes nothing visible: no log line */
	}
	return 1;
}
