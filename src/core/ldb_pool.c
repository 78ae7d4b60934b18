/*
 * The process-wide registry of servers and groups.
 *
 * A server (its connection, probe and health) exists once per process, shared
 * by every group that names it, whatever their options: timeouts, backend and
 * policy (failback, retry interval, logging) never multiply connections. Only
 * persistence does, since it decides when a connection is closed: a server has
 * one object for persistent groups and one for the others (health is per
 * server name either way). A group is found by a key made
 * of its canonical server list and its options; it is small (pointers to its
 * servers). Handles hold a reference to their group; groups no handle uses are
 * kept for reuse, and beyond LDB_POOL_IDLE_MAX of them the least recently used
 * is freed, with the servers no other group names (connections closed).
 *
 * Health slots come from the shared table; when it is full, a server or group
 * keeps its health in process memory (logged once), so opening never fails
 * for lack of room.
 */
#include "ldb_internal.h"
#include "ldb_ring.h"

#include <stdio.h>
#include <string.h>

uint32_t ldb_fork_gen;
ldb_pool_stats ldb_stats;

static ldb_group *groups;
static ldb_server *servers;
static uint64_t tick;
static int idle;                /* groups no handle uses */
static int fork_hook_set;

static void on_fork_child(void)
{
	/* connections and probes opened before the fork belong to the parent */
	ldb_fork_gen++;
}

static size_t make_key(char *buf, size_t len, const ldb_addr *addrs, int n, const ldb_config *cfg)
{
	size_t w = 0;
	for (int i = 0; i < n && w < len; i++) {
		if (i) {
			buf[w++] = ',';
		}
		w += ldb_addr_format(&addrs[i], buf + w, len - w);
	}
	if (w < len) {
		/* "|failback" first: the shared current server is per list and failback */
		int r = snprintf(buf + w, len - w, "|%u|%u|%u|%u|%u|%u|%u|%u", cfg->failback, cfg->connect_timeout_ms,
			cfg->timeout_ms, cfg->retry_interval_ms, cfg->backend, cfg->persistent, cfg->log_failover, cfg->rejoin_clean);
		w += r > 0 ? (size_t)r : 0;
	}
	return w < len ? w : len - 1;
}

/* Whether g is the group make_key() would name for these servers and options: the same
 * comparison as of the keys, without printing one (an open of a pooled group is mostly
 * this lookup). */
static int group_is(const ldb_group *g, const ldb_addr *addrs, int n, const ldb_config *cfg)
{
	if (g->n != n || g->cfg.connect_timeout_ms != cfg->connect_timeout_ms || g->cfg.timeout_ms != cfg->timeout_ms
			|| g->cfg.retry_interval_ms != cfg->retry_interval_ms || g->cfg.backend != cfg->backend
			|| g->cfg.failback != cfg->failback || g->cfg.persistent != cfg->persistent
			|| g->cfg.log_failover != cfg->log_failover || g->cfg.rejoin_clean != cfg->rejoin_clean) {
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (g->servers[i]->addr.port != addrs[i].port || strcmp(g->servers[i]->addr.host, addrs[i].host) != 0) {
			return 0;
		}
	}
	return 1;
}

static void server_free(ldb_server *s)
{
	ldb_conn_release(&s->conn);
	ldb_probe_abandon(&s->probe);
	ldb_lookup_release(s);
	ldb_mfree(s->own);
	ldb_mfree(s);
}

static ldb_server *server_get(const ldb_addr *a, int persistent, uint32_t connect_timeout_ms)
{
	char name[LDB_NAME_MAX];
	ldb_server *s;
	ldb_addr_format(a, name, sizeof(name));
	for (s = servers; s; s = s->next) {
		if (s->persistent == persistent && strcmp(s->name, name) == 0) {
			return s;
		}
	}
	if (!(s = ldb_calloc(sizeof(*s)))) {
		return NULL;
	}
	s->addr = *a;
	s->persistent = persistent;
	memcpy(s->name, name, sizeof(name));
	s->conn.fd = -1;
	s->probe.fd = -1;
	if (!(s->h = ldb_health_server(name))) {
		if (!(s->own = ldb_calloc(sizeof(*s->own)))) {
			ldb_mfree(s);
			return NULL;
		}
		ldb_health_slot_init(s->own, name);
		s->h = s->own;
		ldb_health_table_full();
	}
	ldb_lookup_start(s, connect_timeout_ms);
	s->next = servers;
	servers = s;
	return s;
}

static void server_put(ldb_server *s)
{
	ldb_server **pp;
	if (--s->refs > 0) {
		return;
	}
	for (pp = &servers; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	server_free(s);
}

static void group_free(ldb_group *g)
{
	for (int i = 0; i < g->n; i++) {
		if (g->servers[i]) {
			server_put(g->servers[i]);
		}
	}
	ldb_mfree(g->key);
	ldb_mfree(g);
}

/* Free the least recently used idle groups beyond the limit. */
static void evict_idle(void)
{
	while (idle > LDB_POOL_IDLE_MAX) {
		ldb_group **pp, **lru = NULL;
		ldb_group *g;
		for (pp = &groups; *pp; pp = &(*pp)->next) {
			if ((*pp)->refs == 0 && (!lru || (*pp)->used < (*lru)->used)) {
				lru = pp;
			}
		}
		if (!lru) {
			return;
		}
		g = *lru;
		*lru = g->next;
		group_free(g);
		idle--;
		ldb_stats.groups--;
		ldb_stats.evicted++;
	}
}

void ldb_pool_touch(ldb_group *g)
{
	g->used = ++tick;
}

ldb_group *ldb_pool_group(const ldb_addr *addrs, int n, const ldb_config *cfg, char *err, size_t errlen)
{
	char key[LDB_MAX_SERVERS * LDB_NAME_MAX + 96];
	size_t klen;
	ldb_group *g;
	char *opts;

	for (g = groups; g; g = g->next) {
		if (group_is(g, addrs, n, cfg)) {
			if (g->refs++ == 0) {
				idle--;
			}
			ldb_pool_touch(g);
			return g;
		}
	}
	klen = make_key(key, sizeof(key), addrs, n, cfg);
	if (!fork_hook_set) {
		ldb_at_fork_child(on_fork_child);
		fork_hook_set = 1;
	}
	g = ldb_calloc(sizeof(*g));
	if (!g || !(g->key = ldb_alloc(klen + 1))) {
		ldb_mfree(g);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(g->key, key, klen + 1);
	g->n = n;
	g->cfg = *cfg;
	for (int i = 0; i < n; i++) {
		if (!(g->servers[i] = server_get(&addrs[i], cfg->persistent, cfg->connect_timeout_ms))) {
			group_free(g);
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		g->servers[i]->refs++;
	}
	/* the shared "current server" belongs to the list of servers and the
	 * failback setting: the key up to the second '|' */
	opts = strchr(key, '|');
	if (opts && (opts = strchr(opts + 1, '|')) != NULL) {
		*opts = '\0';
	}
	if (!(g->gs = ldb_health_group(key))) {
		g->own_gs.key = ldb_hash(key, strlen(key));
		g->gs = &g->own_gs;
		ldb_health_table_full();
	}
	g->refs = 1;
	ldb_pool_touch(g);
	g->next = groups;
	groups = g;
	ldb_stats.groups++;
	return g;
}

void ldb_group_release(ldb_group *g)
{
	if (g && g->refs > 0 && --g->refs == 0) {
		idle++;
		evict_idle();
	}
}

void ldb_request_begin(void)
{
	ldb_epoch++;
}

void ldb_request_end(void)
{
	for (ldb_server *s = servers; s; s = s->next) {
		ldb_conn *c = &s->conn;
		if (c->fd < 0) {
			continue;
		}
		if (c->busy || ldb_reader_pending(&c->rd) || c->gen != ldb_fork_gen) {
			/* an exchange cut short (fatal error, exit) may leave a reply
			 * unread: it must never reach the next request */
			ldb_conn_close(c, 1);
		} else if (!s->persistent) {
			ldb_conn_close(c, 0);
		}
	}
	ldb_epoch++;
}

void ldb_shutdown(void)
{
	while (groups) {
		ldb_group *g = groups;
		groups = g->next;
		group_free(g);
	}
	while (servers) {
		/* servers still named by a group that leaked a reference */
		ldb_server *s = servers;
		servers = s->next;
		server_free(s);
	}
	idle = 0;
	ldb_ring_shutdown();
	memset(&ldb_stats, 0, sizeof(ldb_stats));
	ldb_health_detach();
}

void ldb_pool_get_stats(ldb_pool_stats *st)
{
	*st = ldb_stats;
	st->servers = 0;
	for (const ldb_server *s = servers; s; s = s->next) {
		st->servers++;
	}
}

const ldb_group *ldb_pool_group_at(int i)
{
	const ldb_group *g = groups;
	while (g && i-- > 0) {
		g = g->next;
	}
	return g;
}
