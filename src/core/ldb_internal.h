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

typedef struct {
	uint64_t key;             /* hash of the canonical name; 0: free slot */
	char name[LDB_NAME_MAX];
	uint32_t state;           /* ldb_state */
	uint32_t failures;        /* consecutive */
	int64_t last_failure_ms;
	int64_t retry_at_ms;
	int64_t interval_ms;      /* current probe interval */
	int64_t probe_deadline_ms;
	int64_t up_since_ms;
	uint32_t last_kind;       /* ldb_fail_kind + 1; 0 none */
	uint64_t requests, failovers, probes, probe_failures;
	uint64_t connect_failures, io_failures, server_errors;
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
ldb_hslot *ldb_health_server(const char *name);       /* NULL when the table is full */
ldb_gslot *ldb_health_group(const char *key);

/* State changes; each returns 1 when this call made the change (and logged it). */
void ldb_health_ok(ldb_hslot *h, int64_t now, const ldb_config *cfg);
void ldb_health_detach(void);

int ldb_health_fail(ldb_hslot *h, ldb_fail_kind kind, int64_t now, const ldb_config *cfg, const char *why);
/* A down server whose retry time has come: take the pool-wide probe token. */
int ldb_health_probe_claim(ldb_hslot *h, int64_t now, const ldb_config *cfg);
void ldb_health_probe_done(ldb_hslot *h, int ok, int64_t now, const ldb_config *cfg, const char *why);
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

typedef struct {
	ldb_addr addr;
	char name[LDB_NAME_MAX];
	ldb_lookup lookup;
	ldb_hslot *h;
	ldb_conn conn;
	ldb_probe probe;
	uint64_t failed_epoch;    /* request in which it last failed here */
	int64_t failed_at_ms;
	char last_error[LDB_ERR_MAX];
} ldb_server;

struct ldb_group {
	char *key;
	int n;
	ldb_config cfg;
	ldb_gslot *gs;
	ldb_server servers[LDB_MAX_SERVERS];
	ldb_rc err;
	char errmsg[LDB_ERR_MAX * 2];
	struct ldb_group *next;
};

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
