/* Shards: key -> group by libmemcached's ketama (see ldb_ring.h). */
#include "ldb_ring.h"
#include "ldb_internal.h"

#include <libmemcached/memcached.h>
#include <stdio.h>
#include <string.h>

struct ldb_ring {
	memcached_st *mc;
	int n;
	char *key;                 /* the servers, canonical, comma-separated */
	struct ldb_ring *next;
};

static ldb_ring *rings;

const ldb_ring *ldb_ring_get(const ldb_addr *firsts, int n, char *err, size_t errlen)
{
	size_t cap = (size_t)n * (LDB_NAME_MAX + 1) + 1, w = 0;
	char *key = ldb_alloc(cap);
	ldb_ring *r;

	if (!key) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		if (i) {
			key[w++] = ',';
		}
		w += ldb_addr_format(&firsts[i], key + w, cap - w);
	}
	key[w] = '\0';
	for (r = rings; r; r = r->next) {
		if (strcmp(r->key, key) == 0) {
			ldb_mfree(key);
			return r;
		}
	}
	r = ldb_calloc(sizeof(*r));
	if (!r || !(r->mc = memcached_create(NULL))) {
		ldb_mfree(r);
		ldb_mfree(key);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->key = key;
	r->n = n;
	/* what Memcached::OPT_LIBKETAMA_COMPATIBLE => true sets: ketama with MD5 for
	 * both the key and the points */
	memcached_behavior_set(r->mc, MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED, 1);
	for (int i = 0; i < n; i++) {
		/* as php-memcached's addServer($host, $port) passes them: the host
		 * without brackets, a unix socket by its path */
		memcached_return_t mrc = firsts[i].port == 0
			? memcached_server_add_unix_socket_with_weight(r->mc, firsts[i].host, 0)
			: memcached_server_add_with_weight(r->mc, firsts[i].host, firsts[i].port, 0);
		if (mrc != MEMCACHED_SUCCESS) {
			snprintf(err, errlen, "libmemcached refused server %s for the shard ring: %s", firsts[i].host, memcached_strerror(r->mc, mrc));
			memcached_free(r->mc);
			ldb_mfree(r->key);
			ldb_mfree(r);
			return NULL;
		}
	}
	r->next = rings;
	rings = r;
	return r;
}

int ldb_ring_pick(const ldb_ring *r, const char *key, size_t len)
{
	uint32_t i;
	if (!r || r->n < 2) {
		return 0;
	}
	i = memcached_generate_hash(r->mc, key, len);
	return i < (uint32_t)r->n ? (int)i : 0;
}

const char *ldb_ring_key_at(int i)
{
	const ldb_ring *r = rings;
	while (r && i-- > 0) {
		r = r->next;
	}
	return r ? r->key : NULL;
}

void ldb_ring_shutdown(void)
{
	while (rings) {
		ldb_ring *r = rings;
		rings = r->next;
		memcached_free(r->mc);
		ldb_mfree(r->key);
		ldb_mfree(r);
	}
}
