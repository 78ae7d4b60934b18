/*
 * Server health: a fixed table of slots, one per server and one per group.
 * It lives in an anonymous shared mapping made before the worker processes are
 * forked, so that all of them see one server found down by any of them. Every
 * field is read and written with atomics and no lock is ever held, so a worker
 * killed at any instant leaves the table usable; a probe token whose owner died
 * expires at its deadline.
 */
#include "ldb_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define LDB_HEALTH_MAGIC 0x4c444231u

static ldb_health_table *table;
static ldb_health_table *overflow;  /* process memory, once the shared table is full */
static int table_shared;

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
	if (table) {
		return 0;
	}
	if (shared) {
		void *p = mmap(NULL, sizeof(ldb_health_table), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
			table = p;
			table_shared = 1;
			table->magic = LDB_HEALTH_MAGIC;
			return 0;
		}
		if (err && errlen) {
			snprintf(err, errlen, "shared memory for server health refused (%s): health is kept per process", strerror(errno));
		}
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
	ldb_mfree(overflow);
	overflow = NULL;
	if (!table) {
		return;
	}
	if (table_shared) {
		munmap(table, sizeof(ldb_health_table));
	} else {
		ldb_mfree(table);
	}
	table = NULL;
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

static ldb_hslot *server_slot(ldb_health_table *t, const char *name, size_t len, uint64_t key)
{
	FIND_SLOT(t->servers, LDB_HEALTH_SERVERS, key,
		memcpy(s_->name, name, len < LDB_NAME_MAX ? len + 1 : LDB_NAME_MAX - 1));
}

static ldb_gslot *group_slot(ldb_health_table *t, uint64_t key)
{
	FIND_SLOT(t->groups, LDB_HEALTH_GROUPS, key, (void)0);
}

/* The shared table is full: what does not fit is kept per process, said once. */
static ldb_health_table *overflow_table(void)
{
	if (!overflow) {
		overflow = ldb_calloc(sizeof(ldb_health_table));
		if (overflow && ldb_hook.log) {
			ldb_hook.log("LocalDb: the shared server health table is full: further servers keep their health per process");
		}
	}
	return overflow;
}

ldb_hslot *ldb_health_server(const char *name)
{
	size_t len = strlen(name);
	uint64_t key = ldb_hash(name, len);
	ldb_hslot *h;
	if (!table) {
		return NULL;
	}
	if ((h = server_slot(table, name, len, key)) == NULL && overflow_table()) {
		h = server_slot(overflow, name, len, key);
	}
	return h;
}

ldb_gslot *ldb_health_group(const char *gkey)
{
	uint64_t key = ldb_hash(gkey, strlen(gkey));
	ldb_gslot *g;
	if (!table) {
		return NULL;
	}
	if ((g = group_slot(table, key)) == NULL && overflow_table()) {
		g = group_slot(overflow, key);
	}
	return g;
}

static const char *state_name(uint32_t st)
{
	return st == LDB_STATE_UP ? "up" : st == LDB_STATE_DOWN ? "down" : "probing";
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

/* xorshift, seeded per process: jitter only needs to differ between workers */
uint32_t ldb_jitter(uint32_t range)
{
	static uint64_t x;
	if (range == 0) {
		return 0;
	}
	if (x == 0) {
		x = (uint64_t)ldb_clock_ms() ^ ((uint64_t)getpid() << 32) ^ 0x9e3779b97f4a7c15ull;
	}
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x % range);
}

static int64_t next_retry(int64_t now, int64_t interval)
{
	/* +-10% so that workers and hosts do not probe in step */
	int64_t spread = interval / 10;
	return now + interval - spread + (int64_t)ldb_jitter((uint32_t)(2 * spread + 1));
}

void ldb_health_ok(ldb_hslot *h, int64_t now, const ldb_config *cfg)
{
	uint32_t st = LDB_LOAD(&h->state);
	if (LDB_LOAD(&h->failures) != 0) {
		LDB_STORE(&h->failures, 0);
	}
	if (st != LDB_STATE_UP && LDB_CAS(&h->state, &st, LDB_STATE_UP)) {
		LDB_STORE(&h->retry_at_ms, 0);
		LDB_STORE(&h->interval_ms, 0);
		LDB_STORE(&h->up_since_ms, now);
		log_change(h, cfg, st, LDB_STATE_UP, "answered again");
	}
}

int ldb_health_fail(ldb_hslot *h, ldb_fail_kind kind, int64_t now, const ldb_config *cfg, const char *why)
{
	uint32_t fails = LDB_ADD(&h->failures, 1);
	uint32_t st;

	LDB_STORE(&h->last_failure_ms, now);
	LDB_STORE(&h->last_kind, (uint32_t)kind + 1);
	LDB_ADD(kind == LDB_FAIL_CONNECT ? &h->connect_failures : kind == LDB_FAIL_SERVER ? &h->server_errors : &h->io_failures, 1);
	if (kind != LDB_FAIL_CONNECT && kind != LDB_FAIL_FIRST_REPLY && fails < LDB_IO_FAILURE_LIMIT) {
		return 0;
	}
	st = LDB_LOAD(&h->state);
	if (st != LDB_STATE_UP) {
		return 0;
	}
	LDB_STORE(&h->interval_ms, (int64_t)cfg->retry_interval_ms);
	LDB_STORE(&h->retry_at_ms, next_retry(now, cfg->retry_interval_ms));
	if (LDB_CAS(&h->state, &st, LDB_STATE_DOWN)) {
		log_change(h, cfg, st, LDB_STATE_DOWN, why);
		return 1;
	}
	return 0;
}

int ldb_health_probe_claim(ldb_hslot *h, int64_t now, const ldb_config *cfg)
{
	uint32_t st = LDB_LOAD(&h->state);
	int64_t deadline = now + cfg->connect_timeout_ms + cfg->timeout_ms;

	if (st == LDB_STATE_PROBING) {
		/* a prober that died or never came back: its token lapses */
		if (now <= LDB_LOAD(&h->probe_deadline_ms) + 1000) {
			return 0;
		}
	} else if (st != LDB_STATE_DOWN || now < LDB_LOAD(&h->retry_at_ms)) {
		return 0;
	}
	if (!LDB_CAS(&h->state, &st, LDB_STATE_PROBING)) {
		return 0;
	}
	LDB_STORE(&h->probe_deadline_ms, deadline);
	LDB_ADD(&h->probes, 1);
	return 1;
}

void ldb_health_probe_done(ldb_hslot *h, int ok, int64_t now, const ldb_config *cfg, const char *why)
{
	uint32_t st = LDB_STATE_PROBING;
	if (ok) {
		if (LDB_CAS(&h->state, &st, LDB_STATE_UP)) {
			LDB_STORE(&h->failures, 0);
			LDB_STORE(&h->retry_at_ms, 0);
			LDB_STORE(&h->interval_ms, 0);
			LDB_STORE(&h->up_since_ms, now);
			log_change(h, cfg, LDB_STATE_PROBING, LDB_STATE_UP, "answered a probe");
		}
		return;
	}
	LDB_ADD(&h->probe_failures, 1);
	{
		int64_t iv = LDB_LOAD(&h->interval_ms);
		int64_t cap = (int64_t)cfg->retry_interval_ms * LDB_BACKOFF_CAP_FACTOR;
		if (iv <= 0) {
			iv = cfg->retry_interval_ms;
		} else {
			iv = iv * LDB_BACKOFF_NUM / LDB_BACKOFF_DEN;
			if (iv > cap) {
				iv = cap;
			}
		}
		LDB_STORE(&h->interval_ms, iv);
		LDB_STORE(&h->retry_at_ms, next_retry(now, iv));
		LDB_STORE(&h->last_failure_ms, now);
	}
	/* still down: no log line, the state did not change */
	(void)why;
	LDB_CAS(&h->state, &st, LDB_STATE_DOWN);
}
