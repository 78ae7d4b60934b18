/*
 * The "localdb" session save handler (see ldb_session.h for what goes where).
 *
 * Stored value: a header "\0LS1 <expiry> <version>\n", then the session data as PHP's
 * session serializer made it. expiry is a Unix time on the tyrant backend (0 on memcached,
 * whose items expire by themselves; a touch there moves the item's expiry, not the header's);
 * version counts the writes of the session, so that a read that finds several copies takes
 * the newest. A value without the header (another client wrote it) is data, version 0.
 * On memcached, session_destroy() leaves a tombstone, "\0LS1 0 <version> gone\n" with no
 * data, that expires with gc_maxlifetime: a server that missed the destroy (it was not
 * answering) and comes back with its copy does not bring the session back, since the
 * tombstone's version is newer. A tombstone reads as missing.
 *
 * The lock: an `add` of "<random token> <expiry>" under key + ".lock", with an expiry of
 * max_execution_time (30 s when it is 0) plus LDB_SESS_LOCK_MARGIN, on every server the data
 * goes to. Taking it: each server in turn, the group's current one first; when one says the
 * key exists, what was taken is given back and the request waits (exponential backoff with
 * jitter, bounded by localdb.session_lock_wait) before trying again. Giving it back: read the
 * lock, compare with our value, delete when they match. That is two requests, not one: if our
 * lock expired between them (the request outlived the lock's expiry) and another request
 * took it, the delete removes that request's lock. Tokyo Tyrant keeps no expiry, so there a
 * lock whose expiry (in its value) has passed is removed by the next request that wants it.
 * On memcached, a lock that could not be given back because its server did not answer is
 * remembered by the process (orphans[]) and given back when that server answers again.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/session/php_session.h"
#include "ext/random/php_random.h"
#include "ext/standard/info.h"

#include "php_localdb.h"
#include "ldb.h"
#include "ldb_session.h"

#include <time.h>
#include <unistd.h>

#define LDB_SESS_LOCK_MARGIN      5      /* s added to max_execution_time */
#define LDB_SESS_LOCK_DEFAULT     30     /* s of lock when max_execution_time is 0 */
#define LDB_SESS_BACKOFF_FIRST_MS 2
#define LDB_SESS_BACKOFF_MAX_MS   100
#define LDB_SESS_HEADER           "\0LS1 "
#define LDB_SESS_HEADER_LEN       5
#define LDB_SESS_LOCK_SUFFIX      ".lock"
#define LDB_SESS_TTL_RELATIVE_MAX 2592000 /* memcached: above 30 days an exptime is a Unix time */

typedef struct {
	ldb_group *group;                    /* every server: "current" and failover */
	ldb_group *one[LDB_MAX_SERVERS];     /* memcached: a group of one for each server */
	int n;
	bool tyrant;
	uint64_t version;                    /* of the copy read */
	zend_string *lock_key;               /* the lock we hold; NULL: none */
	char lock_val[64];
	size_t lock_len;
	uint32_t lock_on;                    /* servers (bits of one[]) that may hold it */
	ldb_config cfg;
} ldb_sess;

/* memcached: locks this process could not give back because their server was not
 * answering; given back (owner compared) once it answers again, at the next session open
 * of this process, rather than left to block that session until they expire */
typedef struct {
	ldb_addr addr;
	ldb_config cfg;
	char key[LDB_MAX_KEY + 1];
	size_t key_len;
	char val[64];
	size_t val_len;
	time_t expiry;
} ldb_sess_orphan;

#define LDB_SESS_ORPHANS 32
static ldb_sess_orphan orphans[LDB_SESS_ORPHANS];
static int n_orphans;

/* counters of this process */
static struct {
	uint64_t lock_waits;    /* reads that found the lock held and waited */
	uint64_t lock_timeouts; /* reads that gave up: session_start() failed */
} stats;

void ldb_session_minfo(void)
{
	char buf[32];
	php_info_print_table_row(2, "Session save handler", "localdb");
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)__atomic_load_n(&stats.lock_waits, __ATOMIC_RELAXED));
	php_info_print_table_row(2, "Session lock waits (this process)", buf);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)__atomic_load_n(&stats.lock_timeouts, __ATOMIC_RELAXED));
	php_info_print_table_row(2, "Session lock timeouts (this process)", buf);
}

/* ---- where requests go ---- */

/* The groups to send to, in order: on memcached, the one-server groups of the servers that
 * are up, the current one first (every server when none is up: the core then tries each,
 * but not again within a second in a request that saw it fail); on tyrant, the group
 * itself. Returns the count; idx gets the
 * server index of each (0 on tyrant). */
static int targets(ldb_sess *s, ldb_group **out, int *idx)
{
	ldb_server_info si;
	int cur = 0, m = 0;
	if (s->tyrant) {
		out[0] = s->group;
		idx[0] = 0;
		return 1;
	}
	for (int i = 0; i < s->n; i++) {
		ldb_group_server_info(s->group, i, &si);
		if (si.current) {
			cur = i;
		}
	}
	for (int pass = 0; pass < 2 && m == 0; pass++) {
		for (int k = 0; k < s->n; k++) {
			int i = (cur + k) % s->n;
			if (pass == 0) {
				ldb_group_server_info(s->one[i], 0, &si);
				if (si.state != LDB_STATE_UP) {
					continue;
				}
			}
			out[m] = s->one[i];
			idx[m++] = i;
		}
	}
	return m;
}

/* ---- values ---- */

typedef struct {
	zend_string *val;
} sess_buf;

static void collect(void *ctx, size_t index, const char *val, size_t len, uint32_t flags)
{
	sess_buf *b = ctx;
	(void)flags;
	if (b->val) {
		zend_string_release(b->val);
		b->val = NULL;
	}
	if (index != (size_t)-1) {
		b->val = zend_string_init(val, len, 0);
	}
}

/* memcached: requests go to the one-server groups of the servers that are up, so nothing
 * would ever probe a server that is down. An operation on the whole group does: the core
 * starts the probes that are due, and reads the answers of those this process started, on
 * every operation of a group. So when a probe is due or under way, read a key through the
 * group (one round trip to its current server; a miss is an answer). */
static void tend_probes(ldb_sess *s)
{
	ldb_server_info si;
	int64_t now = ldb_now_ms();
	bool due = false;
	if (s->tyrant || s->n < 2) {
		return;   /* tyrant works on the group itself; with one server it is the group */
	}
	for (int i = 0; i < s->n && !due; i++) {
		ldb_group_server_info(s->group, i, &si);
		due = si.state == LDB_STATE_PROBING || (si.state == LDB_STATE_DOWN && si.retry_at_ms <= now);
	}
	if (due) {
		sess_buf b = { NULL };
		ldb_get(s->group, "ldb.sess.probe", sizeof("ldb.sess.probe") - 1, collect, &b);
		if (b.val) {
			zend_string_release(b.val);
		}
	}
}

/* Split a stored value into expiry, version and data. */
static void parse_value(const zend_string *v, time_t *expiry, uint64_t *version, bool *gone, const char **data, size_t *len)
{
	const char *p = ZSTR_VAL(v), *end = p + ZSTR_LEN(v), *nl;
	*expiry = 0;
	*version = 0;
	*gone = false;
	*data = p;
	*len = ZSTR_LEN(v);
	if (ZSTR_LEN(v) < LDB_SESS_HEADER_LEN || memcmp(p, LDB_SESS_HEADER, LDB_SESS_HEADER_LEN) != 0
			|| !(nl = memchr(p, '\n', ZSTR_LEN(v))) || nl - p > 64) {
		return;
	}
	{
		char buf[72];
		char mark[8] = "";
		unsigned long long e = 0, ver = 0;
		memcpy(buf, p + LDB_SESS_HEADER_LEN, (size_t)(nl - p) - LDB_SESS_HEADER_LEN);
		buf[(nl - p) - LDB_SESS_HEADER_LEN] = '\0';
		if (sscanf(buf, "%llu %llu %7s", &e, &ver, mark) < 2) {
			return;
		}
		*expiry = (time_t)e;
		*version = ver;
		*gone = strcmp(mark, "gone") == 0;
		*data = nl + 1;
		*len = (size_t)(end - nl - 1);
	}
}

/* data NULL: a tombstone */
static zend_string *make_value(ldb_sess *s, const zend_string *data, zend_long maxlifetime, uint64_t version)
{
	char head[72];
	time_t expiry = s->tyrant ? time(NULL) + (maxlifetime > 0 ? maxlifetime : 0) : 0;
	size_t dl = data ? ZSTR_LEN(data) : 0;
	int hl = snprintf(head + LDB_SESS_HEADER_LEN, sizeof(head) - LDB_SESS_HEADER_LEN, "%llu %llu%s\n",
		(unsigned long long)expiry, (unsigned long long)version, data ? "" : " gone");
	zend_string *v;
	memcpy(head, LDB_SESS_HEADER, LDB_SESS_HEADER_LEN);
	hl += LDB_SESS_HEADER_LEN;
	v = zend_string_alloc((size_t)hl + dl, 0);
	memcpy(ZSTR_VAL(v), head, (size_t)hl);
	if (dl) {
		memcpy(ZSTR_VAL(v) + hl, ZSTR_VAL(data), dl);
	}
	ZSTR_VAL(v)[ZSTR_LEN(v)] = '\0';
	return v;
}

static uint32_t data_exptime(ldb_sess *s, zend_long maxlifetime)
{
	if (s->tyrant || maxlifetime <= 0) {
		return 0;
	}
	if (maxlifetime > LDB_SESS_TTL_RELATIVE_MAX) {
		return (uint32_t)(time(NULL) + maxlifetime);
	}
	return (uint32_t)maxlifetime;
}

/* The key of a session id (with suffix, e.g. the lock's), or NULL after a warning. */
static zend_string *sess_key(const zend_string *id, const char *suffix)
{
	const char *prefix = LOCALDB_G(session_prefix) ? LOCALDB_G(session_prefix) : "";
	zend_string *k = zend_strpprintf(0, "%s%s%s", prefix, ZSTR_VAL(id), suffix);
	if (ZSTR_LEN(k) > LDB_MAX_KEY || ldb_key_check(ZSTR_VAL(k), ZSTR_LEN(k)) != 0) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: the key \"%s\" is too long or holds a space or control character", ZSTR_VAL(k));
		zend_string_release(k);
		return NULL;
	}
	return k;
}

/* The newest copy of a session: *out (NULL: none), *version (of the newest copy or
 * tombstone). Returns LDB_OK (a copy or none) or the failure when no server answered.
 * Expired copies (tyrant) count as none; a newest tombstone makes *out NULL. */
static ldb_rc read_newest(ldb_sess *s, const zend_string *key, zend_string **out, uint64_t *version)
{
	ldb_group *t[LDB_MAX_SERVERS];
	int idx[LDB_MAX_SERVERS];
	int m = targets(s, t, idx), answered = 0;
	ldb_rc last = LDB_NO_SERVER;
	time_t now = time(NULL);
	bool found = false;
	*out = NULL;
	*version = 0;
	for (int k = 0; k < m; k++) {
		sess_buf b = { NULL };
		ldb_rc rc = ldb_get(t[k], ZSTR_VAL(key), ZSTR_LEN(key), collect, &b);
		if (rc == LDB_OK && b.val) {
			time_t expiry;
			uint64_t ver;
			bool gone;
			const char *d;
			size_t dl;
			answered++;
			parse_value(b.val, &expiry, &ver, &gone, &d, &dl);
			if ((expiry && expiry <= now) || (found && ver <= *version)) {
				zend_string_release(b.val);
				continue;
			}
			if (*out) {
				zend_string_release(*out);
			}
			found = true;
			*out = gone ? NULL : b.val;
			*version = ver;
			if (gone) {
				zend_string_release(b.val);
			}
			continue;
		}
		if (b.val) {
			zend_string_release(b.val);
		}
		if (ldb_rc_answered(rc)) {
			answered++;
		} else {
			last = rc;
		}
	}
	return answered ? LDB_OK : last;
}

/* ---- the lock ---- */

static zend_long lock_seconds(void)
{
	zend_long met = zend_ini_long("max_execution_time", sizeof("max_execution_time") - 1, 0);
	return (met > 0 ? met : LDB_SESS_LOCK_DEFAULT) + LDB_SESS_LOCK_MARGIN;
}

static bool server_up(ldb_group *g)
{
	ldb_server_info si;
	ldb_group_server_info(g, 0, &si);
	return si.state == LDB_STATE_UP;
}

/* Give a lock back if it is still ours: read, compare, delete (the window is described at
 * the top). Returns false when the server could not be asked. */
static bool release_one(ldb_group *g, const char *key, size_t klen, const char *val, size_t vlen)
{
	sess_buf b = { NULL };
	ldb_rc rc = ldb_get(g, key, klen, collect, &b);
	bool done = ldb_rc_answered(rc);
	if (rc == LDB_OK && b.val && ZSTR_LEN(b.val) == vlen && memcmp(ZSTR_VAL(b.val), val, vlen) == 0) {
		done = ldb_rc_answered(ldb_delete(g, key, klen));
	}
	if (b.val) {
		zend_string_release(b.val);
	}
	return done;
}

static void orphan_add(ldb_sess *s, int i)
{
	ldb_sess_orphan *o;
	ldb_server_info si;
	const char *sp = memchr(s->lock_val, ' ', s->lock_len);
	if (n_orphans == LDB_SESS_ORPHANS || ZSTR_LEN(s->lock_key) > LDB_MAX_KEY) {
		return;   /* it expires by itself */
	}
	o = &orphans[n_orphans++];
	ldb_group_server_info(s->one[i], 0, &si);
	o->addr = *si.addr;
	o->cfg = s->cfg;
	memcpy(o->key, ZSTR_VAL(s->lock_key), ZSTR_LEN(s->lock_key));
	o->key_len = ZSTR_LEN(s->lock_key);
	memcpy(o->val, s->lock_val, s->lock_len);
	o->val_len = s->lock_len;
	o->expiry = sp ? (time_t)atoll(sp + 1) : time(NULL) + lock_seconds();
}

/* Give back the locks of orphans[] whose server answers again; forget expired ones. */
static void orphans_sweep(void)
{
	time_t now = time(NULL);
	for (int k = 0; k < n_orphans; ) {
		ldb_sess_orphan *o = &orphans[k];
		char err[LDB_ERR_MAX];
		ldb_group *g = o->expiry >= now ? ldb_pool_group(&o->addr, 1, &o->cfg, err, sizeof(err)) : NULL;
		bool keep = g && (!server_up(g) || !release_one(g, o->key, o->key_len, o->val, o->val_len));
		ldb_group_release(g);
		if (keep) {
			k++;
			continue;
		}
		*o = orphans[--n_orphans];
	}
}

static void lock_release(ldb_sess *s)
{
	if (!s->lock_key) {
		return;
	}
	for (int i = 0; i < (s->tyrant ? 1 : s->n); i++) {
		ldb_group *g = s->tyrant ? s->group : s->one[i];
		if (!(s->lock_on & (1u << i))) {
			continue;
		}
		if (s->tyrant) {
			/* a lock left behind there is taken over once the expiry in its value passed */
			release_one(g, ZSTR_VAL(s->lock_key), ZSTR_LEN(s->lock_key), s->lock_val, s->lock_len);
		} else if (!server_up(g) || !release_one(g, ZSTR_VAL(s->lock_key), ZSTR_LEN(s->lock_key), s->lock_val, s->lock_len)) {
			orphan_add(s, i);
		}
	}
	zend_string_release(s->lock_key);
	s->lock_key = NULL;
	s->lock_on = 0;
}

/* tyrant: remove a lock whose expiry (in its value) has passed. Returns true when it did. */
static bool lock_break_stale(ldb_group *g, const zend_string *key)
{
	sess_buf b = { NULL };
	bool broke = false;
	if (ldb_get(g, ZSTR_VAL(key), ZSTR_LEN(key), collect, &b) == LDB_OK && b.val) {
		const char *sp = memchr(ZSTR_VAL(b.val), ' ', ZSTR_LEN(b.val));
		long long expiry = sp ? atoll(sp + 1) : 0;
		if (expiry > 0 && expiry < (long long)time(NULL)) {
			/* compare again right before the delete: another request may have broken it
			 * and taken it since */
			sess_buf again = { NULL };
			if (ldb_get(g, ZSTR_VAL(key), ZSTR_LEN(key), collect, &again) == LDB_OK && again.val
					&& zend_string_equals(again.val, b.val)) {
				broke = ldb_delete(g, ZSTR_VAL(key), ZSTR_LEN(key)) == LDB_OK;
			}
			if (again.val) {
				zend_string_release(again.val);
			}
		}
	}
	if (b.val) {
		zend_string_release(b.val);
	}
	return broke;
}

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Take the lock of a session. FAILURE after a warning: held by another request for all of
 * localdb.session_lock_wait, or no server answered. */
static zend_result lock_take(ldb_sess *s, const zend_string *id)
{
	zend_string *key = sess_key(id, LDB_SESS_LOCK_SUFFIX);
	unsigned char rnd[16];
	zend_long secs = lock_seconds();
	int64_t deadline = mono_ms() + LOCALDB_G(session_lock_wait);
	int64_t delay = LDB_SESS_BACKOFF_FIRST_MS;
	bool waited = false;
	char why[LDB_ERR_MAX] = "";

	if (!key) {
		return FAILURE;
	}
	if (php_random_bytes_silent(rnd, sizeof(rnd)) != SUCCESS) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: no random bytes for the lock token");
		zend_string_release(key);
		return FAILURE;
	}
	for (size_t i = 0; i < sizeof(rnd); i++) {
		snprintf(s->lock_val + 2 * i, 3, "%02x", rnd[i]);
	}

	for (;;) {
		ldb_group *t[LDB_MAX_SERVERS];
		int idx[LDB_MAX_SERVERS];
		int m = targets(s, t, idx), taken = 0;
		bool held_elsewhere = false;
		int64_t now;

		/* the expiry in the value (what tyrant goes by) counts from this attempt */
		s->lock_len = 32 + (size_t)snprintf(s->lock_val + 32, sizeof(s->lock_val) - 32, " %lld",
			(long long)time(NULL) + (long long)secs);
		s->lock_key = key;
		s->lock_on = 0;
		for (int k = 0; k < m; k++) {
			ldb_item it = { ZSTR_VAL(key), ZSTR_LEN(key), s->lock_val, s->lock_len, 0, (uint32_t)secs, LDB_OK, 0 };
			ldb_rc rc = ldb_store(t[k], LDB_OP_ADD, &it);
			if (rc == LDB_NOT_STORED && s->tyrant && lock_break_stale(t[k], key)) {
				rc = ldb_store(t[k], LDB_OP_ADD, &it);
			}
			if (rc == LDB_OK) {
				s->lock_on |= 1u << idx[k];
				taken++;
			} else if (rc == LDB_NOT_STORED) {
				held_elsewhere = true;
				break;
			} else {
				const char *msg;
				if (rc == LDB_OUTCOME_UNKNOWN) {
					/* it may be there: give it back with the others */
					s->lock_on |= 1u << idx[k];
				}
				ldb_group_error(t[k], &msg);
				snprintf(why, sizeof(why), "%s", msg);
			}
		}
		if (!held_elsewhere && taken) {
			s->lock_key = key;
			return SUCCESS;
		}
		zend_string_addref(key);
		lock_release(s);   /* releases key once; we keep our reference */
		if (!held_elsewhere) {
			php_error_docref(NULL, E_WARNING, "LocalDb session: cannot lock session %s: no server answered (%s)",
				ZSTR_VAL(id), why[0] ? why : "no server");
			zend_string_release(key);
			return FAILURE;
		}
		if (!waited) {
			waited = true;
			__atomic_add_fetch(&stats.lock_waits, 1, __ATOMIC_RELAXED);
		}
		now = mono_ms();
		if (now >= deadline) {
			__atomic_add_fetch(&stats.lock_timeouts, 1, __ATOMIC_RELAXED);
			php_error_docref(NULL, E_WARNING, "LocalDb session: session %s is locked by another request; gave up after localdb.session_lock_wait (" ZEND_LONG_FMT " ms)",
				ZSTR_VAL(id), LOCALDB_G(session_lock_wait));
			zend_string_release(key);
			return FAILURE;
		}
		{
			/* sleep between delay/2 and delay, never past the deadline; random bytes, not
			 * mt_rand(): a page's mt_srand() sequence stays its own */
			uint32_t r = 0;
			int64_t sleep_ms;
			(void)php_random_bytes_silent(&r, sizeof(r));
			sleep_ms = delay / 2 + (int64_t)(r % (uint32_t)(delay - delay / 2 + 1));
			if (sleep_ms > deadline - now) {
				sleep_ms = deadline - now;
			}
			usleep((useconds_t)(sleep_ms > 0 ? sleep_ms : 1) * 1000);
			delay = delay * 2 > LDB_SESS_BACKOFF_MAX_MS ? LDB_SESS_BACKOFF_MAX_MS : delay * 2;
		}
	}
}

/* ---- the handler ---- */

PS_FUNCS_UPDATE_TIMESTAMP(localdb);

static const ps_module ps_mod_localdb = {
	PS_MOD_UPDATE_TIMESTAMP(localdb)
};

/* The pool keeps a group while a reference to it is held: give them back. */
static void sess_release_groups(ldb_sess *s)
{
	ldb_group_release(s->group);
	s->group = NULL;
	for (int i = 0; i < LDB_MAX_SERVERS; i++) {
		ldb_group_release(s->one[i]);
		s->one[i] = NULL;
	}
}

PS_OPEN_FUNC(localdb)
{
	ldb_addr addrs[LDB_MAX_SERVERS];
	char err[LDB_ERR_MAX];
	ldb_config cfg;
	const char *path = save_path;
	zend_stat_t st;
	ldb_sess *s;
	int n;

	/* an existing directory is the files handler's save_path (PHP's default on Debian is
	 * /var/lib/php/sessions), never a server: then localdb.servers is meant */
	if (!path || !*path || (path[0] == '/' && VCWD_STAT(path, &st) == 0 && S_ISDIR(st.st_mode))) {
		path = LOCALDB_G(servers);
	}

	PS_SET_MOD_DATA(NULL);
	if (!path || !*path) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: no servers: session.save_path and localdb.servers are empty");
		return FAILURE;
	}
	if (strchr(path, ';')) {
		/* shards: a session's data and its lock live in one group */
		php_error_docref(NULL, E_WARNING, "LocalDb session: \"%s\" names several groups (shards); sessions need one group: set session.save_path to it", path);
		return FAILURE;
	}
	n = ldb_addrs_parse(path, strlen(path), addrs, LDB_MAX_SERVERS, err, sizeof(err));
	if (n <= 0) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: bad servers \"%s\": %s", path, n < 0 ? err : "none given");
		return FAILURE;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.connect_timeout_ms = (uint32_t)LOCALDB_G(connect_timeout);
	cfg.timeout_ms = (uint32_t)LOCALDB_G(timeout);
	cfg.retry_interval_ms = (uint32_t)LOCALDB_G(retry_interval) * 1000;
	cfg.backend = (uint8_t)LOCALDB_G(backend);
	cfg.failback = LOCALDB_G(failback);
	cfg.persistent = LOCALDB_G(persistent);
	cfg.log_failover = LOCALDB_G(log_failover);
	cfg.rejoin_clean = LOCALDB_G(rejoin_clean);

	s = ecalloc(1, sizeof(*s));
	s->n = n;
	s->cfg = cfg;
	s->tyrant = cfg.backend == LDB_BACKEND_TYRANT;
	s->group = ldb_pool_group(addrs, n, &cfg, err, sizeof(err));
	for (int i = 0; s->group && !s->tyrant && i < n; i++) {
		if (!(s->one[i] = ldb_pool_group(&addrs[i], 1, &cfg, err, sizeof(err)))) {
			ldb_group_release(s->group);
			s->group = NULL;
		}
	}
	if (!s->group) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: %s", err);
		sess_release_groups(s);
		efree(s);
		return FAILURE;
	}
	PS_SET_MOD_DATA(s);
	tend_probes(s);
	if (n_orphans) {
		orphans_sweep();
	}
	return SUCCESS;
}

PS_CLOSE_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	if (s) {
		tend_probes(s);   /* reads the answer of a probe started at open */
		lock_release(s);
		sess_release_groups(s);
		efree(s);
		PS_SET_MOD_DATA(NULL);
	}
	return SUCCESS;
}

PS_READ_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	zend_string *k, *raw;
	ldb_rc rc;

	if (!s) {
		return FAILURE;
	}
	lock_release(s);   /* a lock of another id (session_regenerate_id reads the new one) */
	if (LOCALDB_G(session_locking) && lock_take(s, key) != SUCCESS) {
		return FAILURE;
	}
	if (!(k = sess_key(key, ""))) {
		return FAILURE;
	}
	rc = read_newest(s, k, &raw, &s->version);
	if (rc != LDB_OK) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: cannot read session %s: no server answered", ZSTR_VAL(key));
		zend_string_release(k);
		return FAILURE;
	}
	if (raw) {
		time_t expiry;
		bool gone;
		const char *d;
		size_t dl;
		parse_value(raw, &expiry, &s->version, &gone, &d, &dl);
		*val = zend_string_init(d, dl, 0);
		zend_string_release(raw);
	} else {
		*val = ZSTR_EMPTY_ALLOC();
	}
	zend_string_release(k);
	return SUCCESS;
}

/* Store the session on every target with this version. SUCCESS when one took it. */
static zend_result store_all(ldb_sess *s, const zend_string *key, const zend_string *data, zend_long maxlifetime, uint64_t version)
{
	ldb_group *t[LDB_MAX_SERVERS];
	int idx[LDB_MAX_SERVERS];
	zend_string *k = sess_key(key, ""), *v;
	int m, ok = 0;
	if (!k) {
		return FAILURE;
	}
	v = make_value(s, data, maxlifetime, version);
	m = targets(s, t, idx);
	for (int i = 0; i < m; i++) {
		ldb_item it = { ZSTR_VAL(k), ZSTR_LEN(k), ZSTR_VAL(v), ZSTR_LEN(v), 0, data_exptime(s, maxlifetime), LDB_OK, 0 };
		ok += ldb_store(t[i], LDB_OP_SET, &it) == LDB_OK;
	}
	zend_string_release(v);
	zend_string_release(k);
	if (!ok) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: cannot write session %s: no server took it", ZSTR_VAL(key));
		return FAILURE;
	}
	return SUCCESS;
}

PS_WRITE_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	if (!s) {
		return FAILURE;
	}
	if (store_all(s, key, val, maxlifetime, s->version + 1) != SUCCESS) {
		return FAILURE;
	}
	s->version++;
	return SUCCESS;
}

PS_UPDATE_TIMESTAMP_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	ldb_group *t[LDB_MAX_SERVERS];
	int idx[LDB_MAX_SERVERS];
	zend_string *k;
	int m, ok = 0;

	if (!s) {
		return FAILURE;
	}
	if (s->tyrant) {
		/* no touch on Tokyo Tyrant, and the expiry is in the value: set it again */
		return store_all(s, key, val, maxlifetime, s->version);
	}
	if (!(k = sess_key(key, ""))) {
		return FAILURE;
	}
	m = targets(s, t, idx);
	for (int i = 0; i < m; i++) {
		ldb_rc rc = ldb_touch(t[i], ZSTR_VAL(k), ZSTR_LEN(k), data_exptime(s, maxlifetime));
		if (rc == LDB_MISS) {
			/* this server lost its copy (it restarted): give it one */
			zend_string *v = make_value(s, val, maxlifetime, s->version);
			ldb_item it = { ZSTR_VAL(k), ZSTR_LEN(k), ZSTR_VAL(v), ZSTR_LEN(v), 0, data_exptime(s, maxlifetime), LDB_OK, 0 };
			rc = ldb_store(t[i], LDB_OP_SET, &it);
			zend_string_release(v);
		}
		ok += rc == LDB_OK;
	}
	zend_string_release(k);
	if (!ok) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: cannot update the expiry of session %s: no server answered", ZSTR_VAL(key));
		return FAILURE;
	}
	return SUCCESS;
}

PS_DESTROY_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	ldb_group *t[LDB_MAX_SERVERS];
	int idx[LDB_MAX_SERVERS];
	zend_string *k;
	int m, answered = 0;

	if (!s || !(k = sess_key(key, ""))) {
		return FAILURE;
	}
	m = targets(s, t, idx);
	if (s->tyrant) {
		/* one server at a time and no expiry: a tombstone would stay for good */
		for (int i = 0; i < m; i++) {
			answered += ldb_rc_answered(ldb_delete(t[i], ZSTR_VAL(k), ZSTR_LEN(k)));
		}
	} else {
		zend_long life = zend_ini_long("session.gc_maxlifetime", sizeof("session.gc_maxlifetime") - 1, 0);
		zend_string *v = make_value(s, NULL, life, s->version + 1);
		for (int i = 0; i < m; i++) {
			ldb_item it = { ZSTR_VAL(k), ZSTR_LEN(k), ZSTR_VAL(v), ZSTR_LEN(v), 0, data_exptime(s, life), LDB_OK, 0 };
			answered += ldb_rc_answered(ldb_store(t[i], LDB_OP_SET, &it));
		}
		zend_string_release(v);
		s->version++;
	}
	zend_string_release(k);
	if (!answered) {
		php_error_docref(NULL, E_WARNING, "LocalDb session: cannot destroy session %s: no server answered", ZSTR_VAL(key));
		return FAILURE;
	}
	return SUCCESS;
}

PS_GC_FUNC(localdb)
{
	/* memcached expires items itself; Tokyo Tyrant cannot list keys: an expired session
	 * there reads as missing and is replaced by the next write under its id */
	*nrdels = 0;
	return 0;
}

/* Whether a session exists: SUCCESS, FAILURE (missing or no server answered). */
static zend_result sess_exists(ldb_sess *s, const zend_string *id)
{
	zend_string *k = sess_key(id, ""), *raw = NULL;
	uint64_t ver;
	if (!k) {
		return FAILURE;
	}
	read_newest(s, k, &raw, &ver);
	zend_string_release(k);
	if (raw) {
		zend_string_release(raw);
		return SUCCESS;
	}
	return FAILURE;
}

PS_CREATE_SID_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	for (int i = 0; i < 3; i++) {
		zend_string *id = php_session_create_id(mod_data);
		if (!id || !s || sess_exists(s, id) == FAILURE) {
			return id;
		}
		zend_string_release(id);
	}
	php_error_docref(NULL, E_WARNING, "LocalDb session: three new session ids in a row already existed");
	return NULL;
}

PS_VALIDATE_SID_FUNC(localdb)
{
	ldb_sess *s = PS_GET_MOD_DATA();
	return s ? sess_exists(s, key) : FAILURE;
}

zend_result ldb_session_minit(void)
{
	return php_session_register_module(&ps_mod_localdb);
}

void ldb_session_rshutdown(void)
{
	if (PS(mod) == &ps_mod_localdb && PS(session_status) == php_session_active) {
		php_session_flush(1);
	}
}
