/*
 * The process-wide registry of groups. A group is found by a key made of its
 * canonical server list and every option that shapes its connections or its
 * policy, so two handles share connections only when they would use them the
 * same way. Groups and their connections live as long as the process; a
 * non-persistent group's connections are closed at the end of each request.
 */
#include "ldb_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

uint32_t ldb_fork_gen;
ldb_pool_stats ldb_stats;

static ldb_group *groups;
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
		int r = snprintf(buf + w, len - w, "|%u|%u|%u|%u|%u|%u|%u", cfg->connect_timeout_ms, cfg->timeout_ms,
			cfg->retry_interval_ms, cfg->backend, cfg->failback, cfg->persistent, cfg->log_failover);
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
			|| g->cfg.log_failover != cfg->log_failover) {
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (g->servers[i].addr.port != addrs[i].port || strcmp(g->servers[i].addr.host, addrs[i].host) != 0) {
			return 0;
		}
	}
	return 1;
}

ldb_group *ldb_pool_group(const ldb_addr *addrs, int n, const ldb_config *cfg, char *err, size_t errlen)
{
	char key[LDB_MAX_SERVERS * LDB_NAME_MAX + 96];
	size_t klen;
	ldb_group *g;
	char *list_end;

	for (g = groups; g; g = g->next) {
		if (group_is(g, addrs, n, cfg)) {
			return g;
		}
	}
	klen = make_key(key, sizeof(key), addrs, n, cfg);
	if (!fork_hook_set) {
		pthread_atfork(NULL, NULL, on_fork_child);
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
	/* the shared "current server" belongs to the list of servers alone */
	list_end = strchr(key, '|');
	if (list_end) {
		*list_end = '\0';
	}
	g->gs = ldb_health_group(key);
	for (int i = 0; i < n && g->gs; i++) {
		ldb_server *s = &g->servers[i];
		s->addr = addrs[i];
		ldb_addr_format(&addrs[i], s->name, sizeof(s->name));
		s->h = ldb_health_server(s->name);
		s->conn.fd = -1;
		s->probe.fd = -1;
		if (!s->h) {
			g->gs = NULL;
		}
	}
	for (int i = 0; i < n && g->gs; i++) {
		ldb_lookup_start(&g->servers[i], cfg->connect_timeout_ms);
	}
	if (!g->gs) {
		ldb_mfree(g->key);
		ldb_mfree(g);
		snprintf(err, errlen, "the server health table is full");
		return NULL;
	}
	g->next = groups;
	groups = g;
	ldb_stats.groups++;
	return g;
}

void ldb_request_begin(void)
{
	ldb_epoch++;
}

void ldb_request_end(void)
{
	for (ldb_group *g = groups; g; g = g->next) {
		for (int i = 0; i < g->n; i++) {
			ldb_conn *c = &g->servers[i].conn;
			if (c->fd < 0) {
				continue;
			}
			if (c->busy || ldb_reader_pending(&c->rd) || c->gen != ldb_fork_gen) {
				/* an exchange cut short (fatal error, exit) may leave a reply
				 * unread: it must never reach the next request */
				ldb_conn_close(c, 1);
			} else if (!g->cfg.persistent) {
				ldb_conn_close(c, 0);
			}
		}
	}
	ldb_epoch++;
}

void ldb_shutdown(void)
{
	while (groups) {
		ldb_group *g = groups;
		groups = g->next;
		for (int i = 0; i < g->n; i++) {
			ldb_conn_release(&g->servers[i].conn);
			ldb_probe_abandon(&g->servers[i].probe);
			ldb_lookup_release(&g->servers[i]);
		}
		ldb_mfree(g->key);
		ldb_mfree(g);
	}
	memset(&ldb_stats, 0, sizeof(ldb_stats));
	ldb_health_detach();
}

void ldb_pool_get_stats(ldb_pool_stats *st)
{
	*st = ldb_stats;
}

const ldb_group *ldb_pool_group_at(int i)
{
	const ldb_group *g = groups;
	while (g && i-- > 0) {
		g = g->next;
	}
	return g;
}

const char *ldb_group_key(const ldb_group *g)
{
	return g->key;
}
