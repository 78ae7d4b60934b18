/* Structures shared by the core's files; not part of the embedder's API. */
#ifndef LDB_INTERNAL_H
#define LDB_INTERNAL_H

#include "ldb.h"
#include "ldb_reader.h"
#include "ldb_sys.h"

#define LDB_LOAD(p)        __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define LDB_STORE(p, v)    __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define LDB_ADD(p, v)      __atomic_add_fetch((p), (v), __ATOMIC_RELAXED)
#define LDB_CAS(p, e, d)   __atomic_compare_exchange_n((p), (e), (d), 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)

void *ldb_alloc(size_t n);
void *ldb_calloc(size_t n);
void ldb_mfree(void *p);

/* ---- health: one slot per server, one per group, in a table that may be shared ---- */

/* Reply failures in a row before a server that connects is marked down. One
 * late reply can be a pause of the server or the network; two in a row, seen by
 * any worker, means it is not answering. A failed connect counts at once. */
#define LDB_IO_FAILURE_LIMIT 2
/* Backoff of the probe interval while a server stays down. */
#define LDB_BACKOFF_NUM 3
#define LDB_BACKOFF_DEN 2
#define LDB_BACKOFF_CAP_FACTOR 6

/* LDB_FAIL_FIRST_REPLY: a new connection whose first request got no reply (a
 * hung server accepts connections): counted as an i/o failure, but it takes the
 * server down at once, as a failed connect does. */
typedef enum { LDB_FAIL_CONNECT, LDB_FAIL_IO, LDB_FAIL_SERVER, LDB_FAIL_FIRST_REPLY } ldb_fail_kind;

/*
 * A server's state is one 64-bit word, changed only by a CAS of the whole word
 * (mcrouter's TkoTracker keeps "who may change this" in one word the same way):
 *
 *   bits  0-1   state: LDB_W_NEW (0: a slot nobody has contacted yet, no
 *               verdict), LDB_W_DOWN, LDB_W_PROBING, LDB_W_UP
 *   bits  2-4   backoff step (probe interval = retry_interval * 1.5^step, capped);
 *               LDB_STEP_FIRST on a token taken for the very first contact
 *   bits  5-7   generation: +1 on every change, so that a word read before a
 *               change never matches after it (a stale report's CAS fails)
 *   bits  8-29  owner: pid of the probe token's holder (PROBING only)
 *   bits 30-63  a time in ms, modulo 2^34 (compared as a signed difference, so
 *               it is right for 99 days either side): UP: up since (0: never
 *               marked down, or up long enough to be settled); DOWN: retry at;
 *               PROBING: the token's deadline
 *
 * Every field a decision needs is in the word, so a reader never sees a state
 * with the fields of another: they are published together by the one CAS.
 * The other fields of a slot (counters, last error) are informational.
 */
#define LDB_W_NEW        0u
#define LDB_W_DOWN       1u
#define LDB_W_PROBING    2u
#define LDB_W_UP         3u
#define LDB_STEP_FIRST   7u
#define LDB_STEP_MAX     5u    /* 1.5^5 > LDB_BACKOFF_CAP_FACTOR */
#define LDB_TIME_BITS    34
#define LDB_TIME_MASK    ((UINT64_C(1) << LDB_TIME_BITS) - 1)
#define LDB_OWNER_MASK   0x3fffffu
/* A token whose owner neither reported by its deadline nor died visibly
 * lapses this long after the deadline; then another process may take it. */
#define LDB_TOKEN_GRACE_MS 1000

static inline uint32_t ldb_w_state(uint64_t w) { return (uint32_t)(w & 3u); }
static inline uint32_t ldb_w_step(uint64_t w)  { return (uint32_t)(w >> 2) & 7u; }
static inline uint32_t ldb_w_gen(uint64_t w)   { return (uint32_t)(w >> 5) & 7u; }
static inline uint32_t ldb_w_owner(uint64_t w) { return (uint32_t)(w >> 8) & LDB_OWNER_MASK; }
static inline uint64_t ldb_w_time(uint64_t w)  { return w >> 30; }
static inline uint64_t ldb_w_make(uint32_t state, uint32_t step, uint32_t gen, uint32_t owner, uint64_t t)
{
	return (uint64_t)(state & 3u) | (uint64_t)(step & 7u) << 2 | (uint64_t)(gen & 7u) << 5
		| (uint64_t)(owner & LDB_OWNER_MASK) << 8 | (t & LDB_TIME_MASK) << 30;
}
/* now - t, for a time stored in a word */
static inline int64_t ldb_w_since(int64_t now, uint64_t t)
{
	uint64_t d = ((uint64_t)now - t) & LDB_TIME_MASK;
	return d & (UINT64_C(1) << (LDB_TIME_BITS - 1)) ? (int64_t)d - (int64_t)(UINT64_C(1) << LDB_TIME_BITS) : (int64_t)d;
}
/* a time as stored; 0 is kept for "none" */
static inline uint64_t ldb_w_at(int64_t t)
{
	uint64_t v = (uint64_t)t & LDB_TIME_MASK;
	return v ? v : 1;
}

/* Keys written elsewhere that a server must have deleted before it serves
 * again (memcached); more pending than this and it is flushed instead. */
#define LDB_MISSED_MAX 64

typedef struct {
	uint64_t seq;             /* t + 1 once key number t is complete; 0 while written */
	uint32_t len;
	char key[LDB_MAX_KEY];
} ldb_missed;

typedef struct {
	uint64_t key;             /* hash of the canonical name; 0: free slot */
	char name[LDB_NAME_MAX];
	uint64_t word;            /* see above */
	uint32_t failures;        /* consecutive */
	uint32_t last_kind;       /* ldb_fail_kind + 1; 0 none */
	int64_t last_failure_ms;
	uint32_t err_seq;         /* even: err is stable; odd: being written */
	char err[LDB_ERR_MAX];    /* why it last failed; "" once it is up again */
	uint64_t requests, failovers, failbacks, probes, probe_failures, stale_reports;
	uint64_t connect_failures, io_failures, server_errors;
	/* rejoin (memcached): a count of keys written to another server of a group
	 * it is in, and that count when it was last cleaned; it may serve only when
	 * they are equal. Key number t is kept in missed[t % LDB_MISSED_MAX] while
	 * fewer than LDB_MISSED_MAX are pending; past that it is flushed. */
	uint64_t behind, cleaned;
	/* 0, or the claim of the one process cleaning it: (deadline ms << 22) |
	 * (pid & 0x3fffff). Others wait for it (a flush sent by a second cleaner
	 * would drop what the first wrote since); it lapses at the deadline. */
	uint64_t clean_claim;
	uint64_t cleanings, flushes;
	ldb_missed missed[LDB_MISSED_MAX];
} ldb_hslot;

typedef struct {
	uint64_t key;
	uint32_t current;
} ldb_gslot;

#define LDB_HEALTH_SERVERS 256
#define LDB_HEALTH_GROUPS  128

typedef struct {
	uint32_t magic;
	ldb_hslot servers[LDB_HEALTH_SERVERS];
	ldb_gslot groups[LDB_HEALTH_GROUPS];
} ldb_health_table;

uint64_t ldb_hash(const char *s, size_t len);
/* The shared slot, or NULL when the table is full (the caller then keeps the
 * server's health in a slot of its own, per process). */
ldb_hslot *ldb_health_server(const char *name);
ldb_gslot *ldb_health_group(const char *key);
/* Called once when something did not fit in the shared table: logs it once. */
void ldb_health_table_full(void);
void ldb_health_slot_init(ldb_hslot *h, const char *name);
void ldb_health_detach(void);

/* Test hook: called between reading the word and the CAS that changes it, so
 * that a test can make another "process" act at exactly that point. */
typedef enum { LDB_RACE_CLAIM, LDB_RACE_DONE, LDB_RACE_FAIL, LDB_RACE_OK } ldb_race_point;
extern void (*ldb_health_race_hook)(ldb_hslot *h, ldb_race_point at);

static inline uint64_t ldb_health_word(const ldb_hslot *h) { return LDB_LOAD(&h->word); }
/* The pid that owns probe tokens taken by this process (settable by tests). */
extern uint32_t ldb_health_self;
uint32_t ldb_health_me(void);

/* A request got an answer. seen: the word read when the server was chosen; a
 * report made against a word that has changed since is stale and changes
 * nothing. Returns 1 when this call changed the state. */
int ldb_health_ok(ldb_hslot *h, uint64_t seen, int64_t now, const ldb_config *cfg);
int ldb_health_fail(ldb_hslot *h, uint64_t seen, ldb_fail_kind kind, int64_t now, const ldb_config *cfg, const char *why);
/* Take the probe token of a server that is due (DOWN past its retry time, a
 * PROBING token that lapsed, or NEW: the first contact). Returns the token
 * (the word as published), or 0 when this caller may not probe. */
uint64_t ldb_health_probe_claim(ldb_hslot *h, int64_t now, const ldb_config *cfg);
/* Only the token's owner reports; a report with a token that is no longer the
 * word is stale and dropped (counted). Returns 1 when applied. */
int ldb_health_probe_done(ldb_hslot *h, uint64_t token, int ok, int64_t now, const ldb_config *cfg, const char *why);
/* UP and settled: not marked down, or up for at least hold_ms since. */
int ldb_health_settled(const ldb_hslot *h, int64_t now, int64_t hold_ms);
/* retry time (DOWN) or token deadline (PROBING) as ms since the epoch; 0 none */
int64_t ldb_health_due_ms(const ldb_hslot *h, int64_t now);
void ldb_health_error(const ldb_hslot *h, char *buf, size_t len);
uint32_t ldb_jitter(uint32_t range);

/* ---- connection: one per server per group per process ---- */

typedef struct {
	int fd;
	uint32_t gen;             /* fork generation it was opened in */
	int busy;                 /* an exchange is under way */
	int64_t last_used_ms;
	uint32_t rcvtimeo_ms;     /* SO_RCVTIMEO of the socket, which blocks; 0: none */
	ldb_reader rd;            /* replies read and not yet taken */
	char *wbuf;
	size_t wcap, wlen;
} ldb_conn;

/* A probe in flight, started by this process, read later. */
typedef struct {
	int fd;
	int phase;                /* 0 idle, 1 connecting, 2 waiting for the reply */
	uint32_t gen;
	int64_t deadline_ms;
} ldb_probe;

/* The addresses of a host name, looked up at group creation (waiting at most
 * connect_timeout) and again in the background once they are older than
 * LDB_LOOKUP_TTL_MS; connects use them and never look anything up. IP
 * literals and socket paths need none. */
#define LDB_LOOKUP_ADDRS 4
#define LDB_LOOKUP_TTL_MS 60000
typedef struct {
	struct sockaddr_storage sa[LDB_LOOKUP_ADDRS];
	socklen_t len[LDB_LOOKUP_ADDRS];
	int n;                    /* addresses known; 0: none (yet) */
	int64_t at_ms;            /* when the lookup that gave them started */
	void *pending;            /* a lookup under way (getaddrinfo_a), or NULL */
	uint32_t gen;             /* fork generation the pending lookup runs in */
	char err[96];             /* why the last lookup failed */
} ldb_lookup;

/* One server in this process: its connection, its probe, and a pointer to its
 * health. Shared by every group of the process that names it, whatever their
 * options, so connections and health are per server. */
typedef struct ldb_server {
	ldb_addr addr;
	char name[LDB_NAME_MAX];
	ldb_lookup lookup;
	ldb_hslot *h;             /* the shared slot, or own */
	ldb_hslot *own;           /* per-process health when the shared table was full */
	ldb_conn conn;
	ldb_probe probe;
	uint64_t probe_token;     /* the token this process's probe holds */
	uint64_t failed_epoch;    /* request in which it last failed here */
	int64_t failed_at_ms;
	char last_error[LDB_ERR_MAX];
	char info_error[LDB_ERR_MAX]; /* the shared error, copied for ldb_group_server_info */
	int persistent;           /* kept across requests (else closed at request end) */
	int refs;                 /* groups naming it */
	struct ldb_server *next;
} ldb_server;

struct ldb_group {
	char *key;
	int n;
	ldb_config cfg;
	ldb_gslot *gs;            /* shared, or &own_gs when the table was full */
	ldb_gslot own_gs;
	ldb_server *servers[LDB_MAX_SERVERS];
	ldb_rc err;
	char errmsg[LDB_ERR_MAX * 2];
	int refs;                 /* handles using it */
	uint64_t used;            /* pool tick of its last use, for LRU eviction */
	/* this request was served by detour_to while detour_from stayed current */
	uint64_t detour_epoch;
	int64_t detour_at_ms;
	uint32_t detour_from, detour_to;
	struct ldb_group *next;
};

/* Idle groups (no handle uses them) kept for reuse; the least recently used
 * beyond this are freed, with connections no other group shares. */
#define LDB_POOL_IDLE_MAX 64

void ldb_pool_touch(ldb_group *g);

extern uint32_t ldb_fork_gen;
extern uint64_t ldb_epoch;
extern ldb_pool_stats ldb_stats;

/* One request on one server, no failover. */
typedef struct {
	ldb_op op;
	const ldb_item *items;    /* keys (and values for stores) */
	size_t n;
	uint64_t delta;
	ldb_value_cb cb;
	void *ctx;
	uint64_t number;          /* incr/decr result */
	ldb_item *out;            /* per-item outcomes for stores/deletes/touch */
} ldb_req;

/* How an exchange ended, as the failover policy needs to know it. */
typedef enum {
	LDB_X_ANSWERED,           /* the server answered (rc: OK, MISS, NOT_STORED, ...) */
	LDB_X_CONNECT_FAILED,     /* no connection: nothing was sent */
	LDB_X_IO_FAILED,          /* timeout, reset, EOF or a reply that does not parse */
	LDB_X_SERVER_ERROR        /* the server answered SERVER_ERROR */
} ldb_xkind;

typedef struct {
	ldb_xkind kind;
	ldb_rc rc;                /* the answer, or the failure (LDB_NOMEM when local) */
	uint8_t sent;             /* some byte of the request may have reached the server */
	uint8_t waited;           /* the failure made the request wait out a timeout */
	uint8_t first;            /* i/o failure on a connection opened for this very request */
	char msg[LDB_ERR_MAX];    /* why, when rc is not an answer (or the server's own text) */
} ldb_result;

/* Bytes moved per millisecond of allowance added to the reply timeout: a
 * transfer slower than this (32 MiB/s) gets no more than `timeout`. */
#define LDB_ALLOWANCE_SHIFT 15
#define LDB_ALLOWANCE_BYTES_PER_MS ((uint64_t)1 << LDB_ALLOWANCE_SHIFT)

/* Run one request on s's connection, opening one when needed. now: the
 * operation's clock reading, taken once by the caller. The exchange touches
 * only s->addr and s->conn. */
void ldb_conn_exec(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, ldb_result *res);

/* The socket part of an exchange, used by the request functions (ldb_exchange.c). */
typedef struct {
	ldb_conn *c;
	ldb_result *res;
	int64_t now;              /* the latest clock reading */
	int64_t deadline;         /* when the reply must be complete, before the allowance */
	uint64_t moved;           /* bytes sent and received: the transfer allowance */
	uint32_t budget_ms;       /* timeout: no single wait is longer than budget + allowance */
	int waits;                /* waits so far (the first uses the caller's clock reading) */
	int readable;             /* the last read filled the room it had: more may be there */
	int closed;               /* the server closed or reset the connection */
} ldb_io;

/* Send iov[0..cnt) whole. 0, or -1 with io->res filled. */
int ldb_io_send(ldb_io *io, struct iovec *iov, int cnt);
/* Read once into the reader (waiting for bytes when none are ready). 0, or -1
 * with io->res filled. */
int ldb_io_fill(ldb_io *io);
/* The reader refused the bytes: fill io->res; returns -1. */
int ldb_io_bad_reply(ldb_io *io);
/* The next reply. 0, or -1 with io->res filled. */
static inline int ldb_io_reply(ldb_io *io, ldb_reply *rep)
{
	for (;;) {
		if (ldb_reader_pending(&io->c->rd)) {
			ldb_read_status st = ldb_reader_get(&io->c->rd, rep);
			if (st == LDB_READ_REPLY) {
				return 0;
			}
			if (st == LDB_READ_ERROR) {
				return ldb_io_bad_reply(io);
			}
		}
		if (ldb_io_fill(io) != 0) {
			return -1;
		}
	}
}

/* Fill io->res for a failure; returns -1. */
int ldb_io_fail(ldb_io *io, ldb_xkind kind, ldb_rc rc, int waited, const char *fmt, const char *detail);
/* Request families: each sends req and reads its replies. 0, or -1 with io->res filled. */
int ldb_exchange_get(ldb_io *io, ldb_req *req);
int ldb_exchange_store(ldb_io *io, ldb_req *req);
int ldb_exchange_arith(ldb_io *io, ldb_req *req);
int ldb_exchange_version(ldb_io *io, ldb_req *req);

/* For several groups at once: an exchange in two halves, so that every group's
 * request is sent before any reply is awaited. Only a get, set or delete whose
 * commands go in one write (ldb_exchange_one_write() != 0: under 64 KiB, no
 * value over 4 KiB). */
size_t ldb_exchange_one_write(const ldb_req *req);
int ldb_exchange_send(ldb_io *io, ldb_req *req);
int ldb_exchange_recv(ldb_io *io, ldb_req *req);

typedef struct {
	ldb_io io;
	int reused;               /* the connection was kept from an earlier exchange */
} ldb_split;

/* Open (or reuse) s's connection and send req. 0 sent; -1 failed, with res filled
 * (the connection is closed); 1 a kept connection the server had closed: nothing
 * is judged, ask again on a new connection (ldb_conn_exec). */
int ldb_conn_send(ldb_server *s, const ldb_config *cfg, ldb_req *req, int64_t now, ldb_result *res, ldb_split *x);
/* Read the replies once the socket is readable (or with the time left).
 * 0 with res filled (answered or failed), 1 as for ldb_conn_send. */
int ldb_conn_recv(ldb_server *s, ldb_req *req, ldb_split *x);
/* The deadline passed before the socket became readable. */
void ldb_conn_timed_out(ldb_server *s, ldb_split *x);

void ldb_conn_close(ldb_conn *c, int reset);
/* Look s's host name up when it is one, waiting at most wait_ms. */
void ldb_lookup_start(ldb_server *s, uint32_t wait_ms);
void ldb_lookup_release(ldb_server *s);
void ldb_conn_release(ldb_conn *c);
int ldb_probe_start(ldb_server *s, const ldb_config *cfg, int64_t now);
/* Advance a probe; returns 1 when it finished (ok in *ok), 0 while pending. */
int ldb_probe_poll(ldb_server *s, int64_t now, int *ok, char *why, size_t whylen);
void ldb_probe_abandon(ldb_probe *p);

#endif
