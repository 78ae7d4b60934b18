/*
 * LocalDb failover core: plain C, no Zend header.
 *
 * A group is an ordered list of memcache-protocol servers. Each operation runs on
 * the group's current server and moves to the next one when that server fails,
 * following the rules below. Server health lives in a table that all processes
 * forked from one parent can share (ldb_health.c); connections belong to the
 * process (ldb_conn.c); groups are kept for the life of the process (ldb_pool.c).
 */
#ifndef LDB_H
#define LDB_H

#include <stddef.h>
#include <stdint.h>

/* Every outcome, classified once where the reply (or its absence) is seen. */
typedef enum {
	LDB_OK = 0,
	LDB_MISS,            /* the server answered: no such key */
	LDB_NOT_STORED,      /* add: key exists; replace/append/prepend: key missing */
	LDB_EXISTS,
	LDB_NOT_NUMERIC,     /* incr/decr of a value that is not a number */
	LDB_TOO_LARGE,       /* the server refused the item's size */
	LDB_CLIENT_ERROR,    /* the server refused the request (CLIENT_ERROR, ERROR) */
	LDB_CONNECT_FAILED,  /* nothing was sent: refused, connect timeout, unreachable */
	LDB_IO_FAILED,       /* reply timeout, reset, EOF, garbage: maybe applied */
	LDB_SERVER_ERROR,    /* the server answered SERVER_ERROR (out of memory, busy) */
	LDB_OUTCOME_UNKNOWN, /* a non-idempotent request was sent and then its server failed */
	LDB_NO_SERVER,       /* no server of the group could serve */
	LDB_UNSUPPORTED,     /* the backend has no such command */
	LDB_NOMEM
} ldb_rc;

const char *ldb_rc_name(ldb_rc rc);

/* Answers from a server never cause a failover. */
static inline int ldb_rc_answered(ldb_rc rc)
{
	return rc <= LDB_CLIENT_ERROR;
}

#define LDB_MAX_SERVERS   16
#define LDB_MAX_KEY       250
#define LDB_HOST_MAX      256
#define LDB_NAME_MAX      (LDB_HOST_MAX + 8)
#define LDB_DEFAULT_PORT  11211
#define LDB_ERR_MAX       192

typedef enum { LDB_BACKEND_MEMCACHED = 0, LDB_BACKEND_TYRANT = 1 } ldb_backend;

typedef enum { LDB_STATE_UP = 0, LDB_STATE_DOWN = 1, LDB_STATE_PROBING = 2 } ldb_state;

/* One server address: a host name, an IP literal (no brackets) or a unix socket path. */
typedef struct {
	char host[LDB_HOST_MAX];
	uint16_t port;            /* 0 for a unix socket */
} ldb_addr;

/* Parse "host", "host:port", "[v6]:port", "/path/sock". 0, or -1 with a message. */
int ldb_addr_parse(const char *s, size_t len, ldb_addr *out, char *err, size_t errlen);
/* Parse a comma-separated list. Returns the count, or -1 with a message (also
 * when a server is named twice). */
int ldb_addrs_parse(const char *s, size_t len, ldb_addr *out, int max, char *err, size_t errlen);
/* 0 when no server is named twice; else -1 with a message. */
int ldb_addrs_unique(const ldb_addr *a, int n, char *err, size_t errlen);
/* Several groups (shards): "a:1,b:2;c:3,d:4", groups separated by ';'. */
#define LDB_MAX_GROUPS      32
#define LDB_MAX_ALL_SERVERS 64
typedef struct {
	int ngroups;
	int count[LDB_MAX_GROUPS];          /* servers in each group */
	int total;
	ldb_addr addrs[LDB_MAX_ALL_SERVERS]; /* group 0's servers, then group 1's, ... */
} ldb_server_list;
/* Parse the string form into out. 0, or -1 with a message. */
int ldb_server_list_parse(const char *s, size_t len, ldb_server_list *out, char *err, size_t errlen);
/* Append one group of n servers. 0, or -1 with a message (too many). */
int ldb_server_list_add(ldb_server_list *out, const ldb_addr *addrs, int n, char *err, size_t errlen);
/* Two groups with the same first server are refused: the ring places keys by
 * the first servers. 0, or -1 with a message. */
int ldb_server_list_check(const ldb_server_list *l, char *err, size_t errlen);

/* Canonical "host:port", "[v6]:port" or "/path". Returns the length written. */
size_t ldb_addr_format(const ldb_addr *a, char *buf, size_t len);

/* 0 when a key (prefix included) can be sent as is; otherwise the offending
 * byte's position + 1, or -1 for a bad length. */
long ldb_key_check(const char *key, size_t len);

typedef struct {
	uint32_t connect_timeout_ms;
	uint32_t timeout_ms;
	uint32_t retry_interval_ms;
	uint8_t backend;      /* ldb_backend */
	uint8_t failback;
	uint8_t persistent;
	uint8_t log_failover;
	/* memcached: clean a server that missed writes made to another server of
	 * the group before it serves again; off for servers that share their data
	 * (proxies in front of the same memcached, replicated servers) */
	uint8_t rejoin_clean;
} ldb_config;

/* Hooks the embedder sets once, before anything else. */
typedef struct {
	void *(*malloc)(size_t);
	void *(*realloc)(void *, size_t);
	void (*free)(void *);
	/* one line per server state change */
	void (*log)(const char *msg);
} ldb_hooks;
extern ldb_hooks ldb_hook;

/* Time in ms since the epoch; tests replace it to drive the state machine. */
extern int64_t (*ldb_now_ms)(void);
int64_t ldb_clock_ms(void);

/* ---- operations ---- */

typedef enum {
	LDB_OP_GET, LDB_OP_SET, LDB_OP_ADD, LDB_OP_REPLACE, LDB_OP_APPEND, LDB_OP_PREPEND,
	LDB_OP_DELETE, LDB_OP_INCR, LDB_OP_DECR, LDB_OP_TOUCH, LDB_OP_VERSION, LDB_OP_FLUSH,
	LDB_OP_GETS, LDB_OP_CAS
} ldb_op;

/* May an operation be sent again to another server after its reply was lost? */
static inline int ldb_op_idempotent(ldb_op op)
{
	return op == LDB_OP_GET || op == LDB_OP_SET || op == LDB_OP_REPLACE
		|| op == LDB_OP_DELETE || op == LDB_OP_TOUCH || op == LDB_OP_VERSION || op == LDB_OP_FLUSH
		|| op == LDB_OP_GETS;
}

typedef struct {
	const char *key;
	size_t key_len;
	const char *val;
	size_t val_len;
	uint32_t flags;
	uint32_t exptime;
	ldb_rc rc;            /* per-item outcome of a multi operation */
	uint64_t cas;         /* cas: the token a gets returned */
} ldb_item;

/* Called for each hit of a get; index is the key's position in the request.
 * index == (size_t)-1 means "forget what you were given: the request is being
 * sent again to another server"; val == NULL with a key's index (multi-group
 * calls) means "forget that key's value". Data is valid only during the call. */
typedef void (*ldb_value_cb)(void *ctx, size_t index, const char *val, size_t len, uint32_t flags);

typedef struct ldb_group ldb_group;

/* The group for these servers and options, created on first use (pool), with
 * one reference for the caller: give it back with ldb_group_release(). A group
 * no handle uses is kept for reuse until LDB_POOL_IDLE_MAX others are idle.
 * NULL with a message only when out of memory. */
ldb_group *ldb_pool_group(const ldb_addr *addrs, int n, const ldb_config *cfg, char *err, size_t errlen);
void ldb_group_release(ldb_group *g);

ldb_rc ldb_get(ldb_group *g, const char *key, size_t key_len, ldb_value_cb cb, void *ctx);
ldb_rc ldb_get_multi(ldb_group *g, const ldb_item *keys, size_t n, ldb_value_cb cb, void *ctx);
ldb_rc ldb_store(ldb_group *g, ldb_op op, ldb_item *item);
/* set/delete of many items, pipelined. item->rc holds each outcome: the
 * server's answer, or LDB_NO_SERVER for an item no server answered. Returns
 * LDB_OK when a server answered every item, whatever each answer; otherwise
 * why not (LDB_SERVER_ERROR, LDB_CLIENT_ERROR, LDB_NO_SERVER, ...). */
ldb_rc ldb_store_multi(ldb_group *g, ldb_op op, ldb_item *items, size_t n);
ldb_rc ldb_delete(ldb_group *g, const char *key, size_t key_len);
ldb_rc ldb_arith(ldb_group *g, ldb_op op, const char *key, size_t key_len, uint64_t delta, uint64_t *value);
ldb_rc ldb_touch(ldb_group *g, const char *key, size_t key_len, uint32_t exptime);
/* get with the item's cas token in *cas (memcached backend only) */
ldb_rc ldb_gets(ldb_group *g, const char *key, size_t key_len, ldb_value_cb cb, void *ctx, uint64_t *cas);
/* flush_all on every server of the group that is not marked down: LDB_OK when
 * all of them flushed, else the last failure (message on the group) */
ldb_rc ldb_flush(ldb_group *g, uint32_t delay);

/* Multi-key calls over several groups (shards): one part per group, each with
 * that group's keys. Each part gets its own outcome; a group that fails does not
 * fail the others. */
typedef struct {
	ldb_group *g;
	ldb_item *items;          /* this group's keys (and values, and per-item outcomes) */
	size_t n;
	const size_t *index;      /* items[i] is the caller's key index[i]: gets report hits under it */
	ldb_rc rc;                /* this group's outcome, as ldb_get_multi/ldb_store_multi return it */
} ldb_part;

/* Returns LDB_OK when every part ended LDB_OK, else the outcome of the first
 * part that did not (part->rc says which). */
ldb_rc ldb_get_multi_groups(ldb_part *parts, size_t nparts, ldb_value_cb cb, void *ctx);
ldb_rc ldb_store_multi_groups(ldb_part *parts, size_t nparts, ldb_op op);

/* The last failure on the group in this process: a code and a sentence. */
ldb_rc ldb_group_error(const ldb_group *g, const char **msg);
/* Name ("host:port") of the server in use now. */
const char *ldb_group_current(const ldb_group *g);
int ldb_group_size(const ldb_group *g);
const ldb_config *ldb_group_config(const ldb_group *g);

typedef struct {
	const char *name;
	const ldb_addr *addr;
	int state;            /* ldb_state */
	int current;
	uint32_t failures;
	int64_t retry_at_ms;  /* 0: none */
	int64_t last_failure_ms;
	int64_t up_since_ms;  /* when it last came back after being marked down; 0: never */
	uint32_t prober;      /* pid holding the probe token (probing), or 0 */
	uint64_t requests, failovers, failbacks, probes, probe_failures, stale_reports;
	uint64_t connect_failures, io_failures, server_errors;
	const char *last_error; /* NULL once it is up again */
	int connected;        /* this process holds an open connection */
	int shared;           /* its health is in the shared table (not per process) */
} ldb_server_info;

void ldb_group_server_info(const ldb_group *g, int i, ldb_server_info *out);

/* ---- process lifecycle ---- */

/* Make the health table: shared between forked processes when shared != 0.
 * Returns 0, or -1 when it fell back to process memory (message in err). */
int ldb_init(int shared, char *err, size_t errlen);
void ldb_shutdown(void);
int ldb_health_is_shared(void);
/* Request boundaries: begin starts a new request epoch (a server that failed
 * in this request is not tried again in it); end closes the connections of
 * non-persistent groups and any left in the middle of an exchange. */
void ldb_request_begin(void);
void ldb_request_end(void);

typedef struct {
	uint32_t groups;        /* groups in the pool now */
	uint32_t servers;       /* servers in the pool now */
	uint64_t evicted;       /* idle groups freed */
	uint32_t open;          /* connections open now */
	uint64_t connects, reuses, resets;
} ldb_pool_stats;
void ldb_pool_get_stats(ldb_pool_stats *st);
/* Iterate groups for phpinfo: returns NULL past the end. */
const ldb_group *ldb_pool_group_at(int i);

#endif
