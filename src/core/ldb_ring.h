/*
 * Shards: which failover group a key goes to.
 *
 * The ring is libmemcached's own ketama continuum, built the way php-memcached
 * builds it with Memcached::OPT_LIBKETAMA_COMPATIBLE (MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED:
 * MD5, 160 points per server, "host:port-N" point names, port 11211 left out),
 * over the first server of each group, added in group order. The memcached_st
 * is never connected: it only answers memcached_generate_hash(). So a key lands
 * on group i exactly when php-memcached, given those servers in that order,
 * sends it to server i.
 */
#ifndef LDB_RING_H
#define LDB_RING_H

#include "ldb.h"

typedef struct ldb_ring ldb_ring;

/* The ring over these servers (one per group, in order): made on first use and
 * kept for the life of the process, shared by every handle on the same list.
 * NULL with a message when libmemcached refuses a server or memory runs out. */
const ldb_ring *ldb_ring_get(const ldb_addr *firsts, int n, char *err, size_t errlen);

/* The group (0 .. n-1) for a key, the prefix left out (php-memcached does not
 * hash its prefix either). */
int ldb_ring_pick(const ldb_ring *r, const char *key, size_t len);

/* The i-th ring's servers ("a:1,b:2"), for phpinfo; NULL past the end. */
const char *ldb_ring_key_at(int i);

/* Free every ring (process shutdown). */
void ldb_ring_shutdown(void);

#endif
