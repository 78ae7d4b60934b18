/*
 * LocalDb: module entry, php.ini, lifecycle, phpinfo, and the LocalDb methods.
 * Each method checks its arguments, calls the core (src/core) and builds the
 * result; values go through the codec (src/php).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_smart_str.h"

#include "php_localdb.h"
#include "ldb.h"
#include "ldb_ring.h"
#include "ldb_codec.h"
#include "ldb_session.h"

#include <errno.h>
#include <string.h>
#include <syslog.h>

ZEND_DECLARE_MODULE_GLOBALS(localdb)

zend_class_entry *localdb_ce;
zend_class_entry *localdb_exception_ce;
static zend_object_handlers localdb_handlers;

/* A handle: per-request state over groups that belong to the process. */
typedef struct {
	ldb_group *group;           /* the first group */
	ldb_group **groups;         /* every group (shards), in order; groups[0] == group */
	int ngroups;
	const ldb_ring *ring;       /* NULL with one group */
	zend_string *prefix;
	ldb_codec_opts codec;
	bool exceptions;
	zend_long res_code;     /* LocalDb::RES_* of the last call */
	zend_string *res_msg;   /* what the last call said beyond its code; NULL: nothing */
	zend_object std;
} localdb_object;

static inline localdb_object *localdb_from_obj(zend_object *obj)
{
	return (localdb_object *)((char *)obj - XtOffsetOf(localdb_object, std));
}
#define Z_LOCALDB_P(zv) localdb_from_obj(Z_OBJ_P(zv))

#include "localdb_arginfo.h"

/* ---- settings: php.ini entries and $options, one table ---- */

static const char *const backend_names[] = { "memcached", "tyrant", NULL };
static const char *const serializer_names[] = { "php", "igbinary", "msgpack", "json", NULL };
static const char *const compression_names[] = { "zlib", "fastlz", "zstd", NULL };

#define LDB_MAX_MS 3600000

/* The options a handle is made with: php.ini's values, then $options. */
typedef struct {
	zend_long connect_timeout, timeout, retry_interval, backend, serializer, compression, compression_threshold;
	zend_long item_size_limit;
	bool failback, persistent, shared_health, exceptions, log_failover, rejoin_clean;
	zend_string *prefix;    /* borrowed; NULL: php.ini's */
	zval *servers;          /* borrowed, from the options */
	HashTable *allowed_classes; /* owned until handed to the handle; NULL: every class */
} handle_options;

typedef enum {
	LDB_SET_LONG,     /* a whole number from min to max, in unit */
	LDB_SET_FLAG,     /* On/Off; an option takes a bool */
	LDB_SET_ENUM,     /* one of names */
	LDB_SET_PREFIX,   /* a key prefix */
	LDB_SET_SERVERS   /* servers in the $servers syntax */
} ldb_setting_kind;

typedef struct {
	const char *name;           /* the option's name; php.ini's is "localdb." name */
	ldb_setting_kind kind;
	zend_long min, max;         /* LDB_SET_LONG */
	const char *unit;           /* LDB_SET_LONG */
	const char *const *names;   /* LDB_SET_ENUM */
	size_t option;              /* offset in handle_options; LDB_NO_FIELD: read elsewhere; LDB_INI_ONLY */
} ldb_setting;

#define LDB_NO_FIELD ((size_t)-1)
/* a php.ini entry that is no $options name (the session handler's) */
#define LDB_INI_ONLY ((size_t)-2)
#define LDB_OPT(f) XtOffsetOf(handle_options, f)

/* Indexes into ldb_settings, for the php.ini entries below. */
enum {
	S_SERVERS, S_CONNECT_TIMEOUT, S_TIMEOUT, S_RETRY_INTERVAL, S_FAILBACK, S_PERSISTENT, S_SHARED_HEALTH,
	S_EXCEPTIONS, S_LOG_FAILOVER, S_REJOIN_CLEAN, S_BACKEND, S_SERIALIZER, S_COMPRESSION, S_COMPRESSION_THRESHOLD,
	S_ITEM_SIZE_LIMIT, S_PREFIX, S_SESSION_LOCKING, S_SESSION_LOCK_WAIT, S_SESSION_PREFIX, S_COUNT
};

static const ldb_setting ldb_settings[S_COUNT] = {
	[S_SERVERS]               = { "servers", LDB_SET_SERVERS, 0, 0, NULL, NULL, LDB_NO_FIELD },
	[S_CONNECT_TIMEOUT]       = { "connect_timeout", LDB_SET_LONG, 1, LDB_MAX_MS, "milliseconds", NULL, LDB_OPT(connect_timeout) },
	[S_TIMEOUT]               = { "timeout", LDB_SET_LONG, 1, LDB_MAX_MS, "milliseconds", NULL, LDB_OPT(timeout) },
	[S_RETRY_INTERVAL]        = { "retry_interval", LDB_SET_LONG, 0, 86400, "seconds", NULL, LDB_OPT(retry_interval) },
	[S_FAILBACK]              = { "failback", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(failback) },
	[S_PERSISTENT]            = { "persistent", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(persistent) },
	[S_SHARED_HEALTH]         = { "shared_health", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(shared_health) },
	[S_EXCEPTIONS]            = { "exceptions", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(exceptions) },
	[S_LOG_FAILOVER]          = { "log_failover", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(log_failover) },
	[S_REJOIN_CLEAN]          = { "rejoin_clean", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_OPT(rejoin_clean) },
	[S_BACKEND]               = { "backend", LDB_SET_ENUM, 0, 0, NULL, backend_names, LDB_OPT(backend) },
	[S_SERIALIZER]            = { "serializer", LDB_SET_ENUM, 0, 0, NULL, serializer_names, LDB_OPT(serializer) },
	[S_COMPRESSION]           = { "compression", LDB_SET_ENUM, 0, 0, NULL, compression_names, LDB_OPT(compression) },
	[S_COMPRESSION_THRESHOLD] = { "compression_threshold", LDB_SET_LONG, 0, INT32_MAX, "bytes", NULL, LDB_OPT(compression_threshold) },
	[S_ITEM_SIZE_LIMIT]       = { "item_size_limit", LDB_SET_LONG, 0, (zend_long)LDB_MAX_VALUE_LEN, "bytes", NULL, LDB_OPT(item_size_limit) },
	[S_PREFIX]                = { "prefix", LDB_SET_PREFIX, 0, 0, NULL, NULL, LDB_NO_FIELD },
	/* sessions: 0 tries the lock once and does not wait */
	[S_SESSION_LOCKING]       = { "session_locking", LDB_SET_FLAG, 0, 0, NULL, NULL, LDB_INI_ONLY },
	[S_SESSION_LOCK_WAIT]     = { "session_lock_wait", LDB_SET_LONG, 0, LDB_MAX_MS, "milliseconds", NULL, LDB_INI_ONLY },
	[S_SESSION_PREFIX]        = { "session_prefix", LDB_SET_PREFIX, 0, 0, NULL, NULL, LDB_INI_ONLY },
};

/* What a setting accepts, in words, for php.ini warnings and option errors alike. */
static void setting_expected(const ldb_setting *st, char *buf, size_t len)
{
	switch (st->kind) {
		case LDB_SET_LONG:
			snprintf(buf, len, "%s from " ZEND_LONG_FMT " to " ZEND_LONG_FMT, st->unit, st->min, st->max);
			return;
		case LDB_SET_FLAG:
			snprintf(buf, len, "On or Off");
			return;
		case LDB_SET_ENUM:
			snprintf(buf, len, "one of");
			for (int k = 0; st->names[k]; k++) {
				strlcat(buf, k ? ", " : " ", len);
				strlcat(buf, st->names[k], len);
			}
			return;
		case LDB_SET_PREFIX:
			snprintf(buf, len, "a prefix of fewer than %d bytes with no whitespace or control character", LDB_MAX_KEY);
			return;
		case LDB_SET_SERVERS:
			snprintf(buf, len, "servers as \"host:port,host:port\"");
			return;
	}
}

static int name_index(const char *const *names, const char *s, size_t len)
{
	for (int i = 0; names[i]; i++) {
		if (strlen(names[i]) == len && strncasecmp(names[i], s, len) == 0) {
			return i;
		}
	}
	return -1;
}

static bool parse_whole(const char *s, size_t len, zend_long min, zend_long max, zend_long *out)
{
	char *end;
	zend_long v;
	if (len == 0 || len > 20) {
		return false;
	}
	errno = 0;
	v = ZEND_STRTOL(s, &end, 10);
	while (*end == ' ') end++;
	if (errno || *end || v < min || v > max) {
		return false;
	}
	*out = v;
	return true;
}

static bool parse_flag(const char *s, size_t len, bool *out)
{
	static const char *const on[] = { "1", "on", "yes", "true", NULL };
	static const char *const off[] = { "0", "off", "no", "false", "", "none", NULL };
	if (name_index(on, s, len) >= 0) {
		*out = true;
		return true;
	}
	if (name_index(off, s, len) >= 0) {
		*out = false;
		return true;
	}
	return false;
}

static bool prefix_ok(const char *s, size_t len)
{
	return len == 0 || (len < LDB_MAX_KEY && ldb_key_check(s, len) == 0);
}

/* shared_health as MINIT found it: the health table is made once per process */
static bool shared_health_started;
static bool localdb_started;

/* A bad value in php.ini gives one warning and leaves the default in place
 * (returning FAILURE at startup makes the engine apply the default). */
static void ini_warn(zend_ini_entry *entry, zend_string *value, const char *expected, int stage)
{
	php_error_docref(NULL, E_WARNING, "Invalid %s value \"%s\": %s; %s",
		ZSTR_VAL(entry->name), ZSTR_VAL(value), expected,
		stage == ZEND_INI_STAGE_STARTUP ? "the default is used" : "the value is left unchanged");
}

/* Every localdb.* entry: mh_arg3 is its row of ldb_settings. */
static ZEND_INI_MH(OnUpdateLdbSetting)
{
	const ldb_setting *st = (const ldb_setting *)mh_arg3;
	const char *s = ZSTR_VAL(new_value);
	size_t len = ZSTR_LEN(new_value);
	void *field = ZEND_INI_GET_ADDR();
	char expected[160];
	bool ok = false, flag = false;
	zend_long v = 0;

	switch (st->kind) {
		case LDB_SET_LONG:
			if ((ok = parse_whole(s, len, st->min, st->max, &v))) {
				*(zend_long *)field = v;
			}
			break;
		case LDB_SET_FLAG:
			ok = parse_flag(s, len, &flag);
			if (ok && st == &ldb_settings[S_SHARED_HEALTH] && localdb_started && flag != shared_health_started) {
				/* php-fpm applies a pool's php_admin_value after startup, in each
				 * worker: too late, the health table exists already */
				char msg[256];
				snprintf(msg, sizeof(msg), "%s cannot be changed to \"%s\" here: it is decided once, when PHP starts (php.ini), and is %s",
					ZSTR_VAL(entry->name), s, shared_health_started ? "On" : "Off");
				if (stage == ZEND_INI_STAGE_ACTIVATE) {
					/* outside a request (php-fpm sets a pool's values as a worker
					 * starts) a warning would be shown to no one: log it */
					char line[300];
					snprintf(line, sizeof(line), "LocalDb: %s", msg);
					php_log_err_with_severity(line, LOG_WARNING);
				} else {
					php_error_docref(NULL, E_WARNING, "%s", msg);
				}
				return FAILURE;
			}
			if (ok) {
				*(bool *)field = flag;
			}
			break;
		case LDB_SET_ENUM:
			if ((ok = (v = name_index(st->names, s, len)) >= 0)) {
				*(zend_long *)field = v;
			}
			break;
		case LDB_SET_PREFIX:
			if ((ok = prefix_ok(s, len))) {
				return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
			}
			break;
		case LDB_SET_SERVERS: {
			ldb_server_list *list;
			char err[LDB_ERR_MAX];
			int r = 0;
			if (len) {
				list = pemalloc(sizeof(*list), 1);
				r = ldb_server_list_parse(s, len, list, err, sizeof(err));
				pefree(list, 1);
			}
			if (r < 0) {
				ini_warn(entry, new_value, err, stage);
				return FAILURE;
			}
			return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
		}
	}
	if (!ok) {
		strlcpy(expected, "expected ", sizeof(expected));
		setting_expected(st, expected + strlen(expected), sizeof(expected) - strlen(expected));
		ini_warn(entry, new_value, expected, stage);
		return FAILURE;
	}
	return SUCCESS;
}

#define LDB_GLOBALS_PTR ((void *)&localdb_globals)	/* no ZTS: php_localdb.h */
#define LDB_INI(row, def, modifiable, field) \
	ZEND_INI_ENTRY3("localdb." #field, def, modifiable, OnUpdateLdbSetting, \
		(void *)XtOffsetOf(zend_localdb_globals, field), LDB_GLOBALS_PTR, (void *)&ldb_settings[row])

PHP_INI_BEGIN()
	LDB_INI(S_SERVERS,               "",          PHP_INI_ALL,    servers)
	LDB_INI(S_CONNECT_TIMEOUT,       "250",       PHP_INI_ALL,    connect_timeout)
	LDB_INI(S_TIMEOUT,               "500",       PHP_INI_ALL,    timeout)
	LDB_INI(S_RETRY_INTERVAL,        "10",        PHP_INI_ALL,    retry_interval)
	LDB_INI(S_FAILBACK,              "1",         PHP_INI_ALL,    failback)
	LDB_INI(S_PERSISTENT,            "1",         PHP_INI_ALL,    persistent)
	LDB_INI(S_SHARED_HEALTH,         "1",         PHP_INI_SYSTEM, shared_health)
	LDB_INI(S_EXCEPTIONS,            "1",         PHP_INI_ALL,    exceptions)
	LDB_INI(S_LOG_FAILOVER,          "1",         PHP_INI_ALL,    log_failover)
	LDB_INI(S_REJOIN_CLEAN,          "1",         PHP_INI_ALL,    rejoin_clean)
	LDB_INI(S_BACKEND,               "memcached", PHP_INI_ALL,    backend)
	LDB_INI(S_SERIALIZER,            "php",       PHP_INI_ALL,    serializer)
	LDB_INI(S_COMPRESSION,           "fastlz",    PHP_INI_ALL,    compression)
	LDB_INI(S_COMPRESSION_THRESHOLD, "2000",      PHP_INI_ALL,    compression_threshold)
	LDB_INI(S_ITEM_SIZE_LIMIT,       "0",         PHP_INI_ALL,    item_size_limit)
	LDB_INI(S_PREFIX,                "",          PHP_INI_ALL,    prefix)
	LDB_INI(S_SESSION_LOCKING,       "1",         PHP_INI_ALL,    session_locking)
	LDB_INI(S_SESSION_LOCK_WAIT,     "30000",     PHP_INI_ALL,    session_lock_wait)
	LDB_INI(S_SESSION_PREFIX,        "ldb.sess.", PHP_INI_ALL,    session_prefix)
PHP_INI_END()

/* ---- result codes and errors ---- */

/* Every data method starts with this: the result of the call before is gone,
 * message included. */
static inline void result_reset(localdb_object *o)
{
	o->res_code = LDB_RES_SUCCESS;
	if (o->res_msg) {
		zend_string_release(o->res_msg);
		o->res_msg = NULL;
	}
}

static void result_set(localdb_object *o, zend_long code, const char *msg)
{
	result_reset(o);
	o->res_code = code;
	if (msg && *msg) {
		o->res_msg = zend_string_init(msg, strlen(msg), 0);
	}
}

static zend_long res_of(ldb_rc rc)
{
	switch (rc) {
		case LDB_OK:              return LDB_RES_SUCCESS;
		case LDB_MISS:            return LDB_RES_NOTFOUND;
		case LDB_NOT_STORED:      return LDB_RES_NOTSTORED;
		case LDB_EXISTS:          return LDB_RES_DATA_EXISTS;
		case LDB_NOT_NUMERIC:     return LDB_RES_NOT_NUMERIC;
		case LDB_TOO_LARGE:       return LDB_RES_E2BIG;
		case LDB_CLIENT_ERROR:    return LDB_RES_CLIENT_ERROR;
		case LDB_SERVER_ERROR:    return LDB_RES_SERVER_ERROR;
		case LDB_OUTCOME_UNKNOWN: return LDB_RES_OUTCOME_UNKNOWN;
		case LDB_UNSUPPORTED:     return LDB_RES_UNSUPPORTED;
		case LDB_NOMEM:           return LDB_RES_FAILURE;
		case LDB_CONNECT_FAILED: case LDB_IO_FAILED: case LDB_NO_SERVER:
			break;
	}
	return LDB_RES_NO_SERVERS;
}

/* The LocalDbException code of a result code; 0 when it is no failure. */
static zend_long exception_code_of(zend_long res)
{
	switch (res) {
		case LDB_RES_NO_SERVERS:      return LDB_E_NO_SERVER;
		case LDB_RES_OUTCOME_UNKNOWN: return LDB_E_OUTCOME_UNKNOWN;
		case LDB_RES_UNSUPPORTED:     return LDB_E_UNSUPPORTED;
		case LDB_RES_BAD_VALUE:       return LDB_E_BAD_VALUE;
		case LDB_RES_SERVER_ERROR:    return LDB_E_SERVER_ERROR;
	}
	return 0;
}

static const char *res_text(zend_long res)
{
	switch (res) {
		case LDB_RES_SUCCESS:           return "SUCCESS";
		case LDB_RES_FAILURE:           return "FAILURE";
		case LDB_RES_CLIENT_ERROR:      return "CLIENT ERROR";
		case LDB_RES_SERVER_ERROR:      return "SERVER ERROR";
		case LDB_RES_DATA_EXISTS:       return "DATA EXISTS";
		case LDB_RES_NOTSTORED:         return "NOT STORED";
		case LDB_RES_NOTFOUND:          return "NOT FOUND";
		case LDB_RES_NO_SERVERS:        return "NO SERVERS";
		case LDB_RES_UNSUPPORTED:       return "UNSUPPORTED";
		case LDB_RES_E2BIG:             return "ITEM TOO BIG";
		case LDB_RES_INVALID_ARGUMENTS: return "INVALID ARGUMENTS";
		case LDB_RES_BAD_VALUE:         return "BAD VALUE";
		case LDB_RES_NOT_NUMERIC:       return "NOT NUMERIC";
		case LDB_RES_OUTCOME_UNKNOWN:   return "OUTCOME UNKNOWN";
	}
	return "UNKNOWN";
}

/* Record how a call on the group ended, answers included; a failure throws when
 * the handle says so (UNSUPPORTED always: it is a mistake in the code, not an
 * outage). Returns true when an exception was thrown. */
static bool report(localdb_object *o, const ldb_group *g, ldb_rc rc)
{
	const char *msg = NULL;
	zend_long res = res_of(rc), code;
	switch (rc) {
		case LDB_OK: case LDB_MISS: case LDB_NOT_STORED: case LDB_EXISTS: case LDB_NOT_NUMERIC:
			/* answers: the code says it all */
			result_set(o, res, NULL);
			return false;
		default:
			break;
	}
	ldb_group_error(g, &msg);
	result_set(o, res, msg);
	if (!(code = exception_code_of(res))) {
		/* an answer with a reason worth keeping (too large, refused) */
		return false;
	}
	if (o->exceptions || rc == LDB_UNSUPPORTED) {
		zend_throw_exception_ex(localdb_exception_ce, code, "LocalDb: %s", msg);
		return true;
	}
	return false;
}

/* The end of a method that answers true or false: true when done; otherwise
 * the failure is reported (an exception, or false). */
static zend_always_inline void return_done(zval *return_value, localdb_object *o, const ldb_group *g, ldb_rc rc)
{
	if (rc == LDB_OK) {
		RETVAL_TRUE;
	} else if (!report(o, g, rc)) {
		RETVAL_FALSE;
	}
}

/* A value that cannot be encoded or decoded: an exception, or with exceptions
 * off a warning (the value reads as a miss). Returns true when it threw. */
static bool codec_error(localdb_object *o, const char *msg)
{
	zend_object *previous = ldb_codec_take_previous();
	result_set(o, LDB_RES_BAD_VALUE, msg);
	if (EG(exception)) {
		/* exit() inside __wakeup: already unwinding */
		if (previous) {
			OBJ_RELEASE(previous);
		}
		return true;
	}
	if (o->exceptions) {
		zend_throw_exception_ex(localdb_exception_ce, LDB_E_BAD_VALUE, "LocalDb: %s", msg);
		if (previous) {
			/* the user's exception stays reachable as getPrevious() */
			zend_exception_set_previous(EG(exception), previous);
		}
		return true;
	}
	if (previous) {
		OBJ_RELEASE(previous);
	}
	php_error_docref(NULL, E_WARNING, "%s", msg);
	return false;
}

/* ---- arguments ---- */

/* The key as sent: prefix + key, checked. Returns NULL after throwing. The
 * buffer is used only when there is a prefix. */
static const char *wire_key(localdb_object *o, zend_string *key, uint32_t arg, char *buf, size_t *len)
{
	size_t plen = o->prefix ? ZSTR_LEN(o->prefix) : 0;
	size_t total = plen + ZSTR_LEN(key);
	long bad;
	o->res_code = LDB_RES_INVALID_ARGUMENTS;
	if (ZSTR_LEN(key) == 0) {
		zend_argument_value_error(arg, "must not be empty");
		return NULL;
	}
	if (total > LDB_MAX_KEY) {
		if (plen) {
			zend_argument_value_error(arg, "must be at most %d bytes with the prefix \"%s\" (%zu given)", LDB_MAX_KEY, ZSTR_VAL(o->prefix), total);
		} else {
			zend_argument_value_error(arg, "must be at most %d bytes (%zu given)", LDB_MAX_KEY, total);
		}
		return NULL;
	}
	if ((bad = ldb_key_check(ZSTR_VAL(key), ZSTR_LEN(key))) != 0) {
		zend_argument_value_error(arg, "must not contain whitespace or control characters (byte 0x%02x at offset %ld)",
			(unsigned char)ZSTR_VAL(key)[bad - 1], bad - 1);
		return NULL;
	}
	o->res_code = LDB_RES_SUCCESS;
	*len = total;
	if (!plen) {
		return ZSTR_VAL(key);
	}
	memcpy(buf, ZSTR_VAL(o->prefix), plen);
	memcpy(buf + plen, ZSTR_VAL(key), ZSTR_LEN(key));
	return buf;
}

/* A value larger than the item size limit is refused before anything is
 * sent: no server could return it, and Tokyo Tyrant 1.1.41 crashes on 2 GiB. */
static bool value_fits(localdb_object *o, size_t len, uint32_t arg)
{
	size_t max = ldb_codec_size_limit(&o->codec);
	if (len > max) {
		o->res_code = LDB_RES_INVALID_ARGUMENTS;
		zend_argument_value_error(arg, "must be at most %zu bytes once encoded (localdb.item_size_limit), %zu given", max, len);
		return false;
	}
	return true;
}

static bool check_ttl(localdb_object *o, zend_long ttl, uint32_t arg)
{
	if (ttl < 0 || ttl > UINT32_MAX) {
		o->res_code = LDB_RES_INVALID_ARGUMENTS;
		zend_argument_value_error(arg, "must be from 0 (never expires) to 4294967295; up to 2592000 (30 days) it counts seconds from now, above that it is a Unix time");
		return false;
	}
	return true;
}

/* One $options entry of the settings table, checked as php.ini's is. */
static int option_setting(const ldb_setting *st, zval *v, handle_options *h)
{
	char expected[160];
	void *field = st->option != LDB_NO_FIELD ? (char *)h + st->option : NULL;
	const char *type = st->kind == LDB_SET_LONG ? "int" : st->kind == LDB_SET_FLAG ? "bool"
		: st->kind == LDB_SET_SERVERS ? "array|string" : "string";
	bool type_ok = st->kind == LDB_SET_LONG ? Z_TYPE_P(v) == IS_LONG
		: st->kind == LDB_SET_FLAG ? Z_TYPE_P(v) == IS_TRUE || Z_TYPE_P(v) == IS_FALSE
		: st->kind == LDB_SET_SERVERS ? Z_TYPE_P(v) == IS_STRING || Z_TYPE_P(v) == IS_ARRAY
		: Z_TYPE_P(v) == IS_STRING;
	bool ok = true;

	if (!type_ok) {
		zend_type_error("LocalDb option \"%s\" must be of type %s, %s given", st->name, type, zend_zval_type_name(v));
		return FAILURE;
	}
	switch (st->kind) {
		case LDB_SET_LONG:
			if ((ok = Z_LVAL_P(v) >= st->min && Z_LVAL_P(v) <= st->max)) {
				*(zend_long *)field = Z_LVAL_P(v);
			}
			break;
		case LDB_SET_FLAG:
			*(bool *)field = Z_TYPE_P(v) == IS_TRUE;
			if (st == &ldb_settings[S_SHARED_HEALTH] && h->shared_health != shared_health_started) {
				zend_value_error("LocalDb option \"shared_health\" cannot be %s here: it is decided once, when PHP starts (php.ini localdb.shared_health), and is %s",
					h->shared_health ? "true" : "false", shared_health_started ? "On" : "Off");
				return FAILURE;
			}
			break;
		case LDB_SET_ENUM: {
			int i = name_index(st->names, Z_STRVAL_P(v), Z_STRLEN_P(v));
			if ((ok = i >= 0)) {
				*(zend_long *)field = i;
			}
			break;
		}
		case LDB_SET_PREFIX:
			if ((ok = prefix_ok(Z_STRVAL_P(v), Z_STRLEN_P(v)))) {
				h->prefix = Z_STR_P(v);
			}
			break;
		case LDB_SET_SERVERS:
			/* checked with $servers, by parse_servers() */
			h->servers = v;
			break;
	}
	if (!ok) {
		setting_expected(st, expected, sizeof(expected));
		if (Z_TYPE_P(v) == IS_LONG) {
			zend_value_error("LocalDb option \"%s\" must be %s, " ZEND_LONG_FMT " given", st->name, expected, Z_LVAL_P(v));
		} else {
			zend_value_error("LocalDb option \"%s\" must be %s, \"%s\" given", st->name, expected, Z_STRVAL_P(v));
		}
		return FAILURE;
	}
	return SUCCESS;
}

/* allowed_classes: true (every class, the default), false (none), or a list of
 * class names, as unserialize() takes them. */
static int option_classes(zend_string *name, zval *v, HashTable **out)
{
	zval *c;
	if (Z_TYPE_P(v) == IS_TRUE) {
		return SUCCESS;
	}
	*out = zend_new_array(0);
	if (Z_TYPE_P(v) == IS_FALSE) {
		return SUCCESS;
	}
	if (Z_TYPE_P(v) != IS_ARRAY) {
		zend_type_error("LocalDb option \"%s\" must be of type array|bool, %s given", ZSTR_VAL(name), zend_zval_type_name(v));
		return FAILURE;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), c) {
		ZVAL_DEREF(c);
		if (Z_TYPE_P(c) != IS_STRING) {
			zend_type_error("LocalDb option \"%s\" must list class names as strings, %s given", ZSTR_VAL(name), zend_zval_type_name(c));
			return FAILURE;
		}
		zend_string *lc = zend_string_tolower(Z_STR_P(c));
		zend_hash_add_empty_element(*out, lc);
		zend_string_release(lc);
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

static int parse_options(HashTable *opts, handle_options *h)
{
	zend_string *name;
	zval *v;
	ZEND_HASH_FOREACH_STR_KEY_VAL(opts, name, v) {
		const ldb_setting *st = NULL;
		if (!name) {
			zend_argument_value_error(2, "must be an array of option names to values (the localdb.* php.ini names without \"localdb.\")");
			return FAILURE;
		}
		ZVAL_DEREF(v);
		if (zend_string_equals_literal(name, "allowed_classes")) {
			/* the one option with no php.ini entry */
			if (h->allowed_classes) {
				zend_array_release(h->allowed_classes);
				h->allowed_classes = NULL;
			}
			if (option_classes(name, v, &h->allowed_classes) != SUCCESS) {
				return FAILURE;
			}
			continue;
		}
		for (int i = 0; i < S_COUNT; i++) {
			/* the first byte first: strlen() of every name cost open() a tenth */
			if (ldb_settings[i].option != LDB_INI_ONLY && ldb_settings[i].name[0] == ZSTR_VAL(name)[0]
					&& zend_string_equals_cstr(name, ldb_settings[i].name, strlen(ldb_settings[i].name))) {
				st = &ldb_settings[i];
				break;
			}
		}
		if (!st) {
			zend_value_error("LocalDb: unknown option \"%s\" (options are the localdb.* php.ini names without \"localdb.\", but for the session ones, and allowed_classes)", ZSTR_VAL(name));
			return FAILURE;
		}
		if (option_setting(st, v, h) != SUCCESS) {
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

/* A [string $host, int $port] pair: one server. */
static bool is_pair(zval *item)
{
	zval *host, *port;
	if (Z_TYPE_P(item) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(item)) != 2) {
		return false;
	}
	host = zend_hash_index_find_deref(Z_ARRVAL_P(item), 0);
	port = zend_hash_index_find_deref(Z_ARRVAL_P(item), 1);
	return host && port && Z_TYPE_P(host) == IS_STRING && Z_TYPE_P(port) == IS_LONG;
}

/* [host, port, weight], as php-memcached's addServers() takes them. */
static bool is_weighted(zval *item)
{
	zval *host, *port, *weight;
	if (Z_TYPE_P(item) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(item)) != 3) {
		return false;
	}
	host = zend_hash_index_find_deref(Z_ARRVAL_P(item), 0);
	port = zend_hash_index_find_deref(Z_ARRVAL_P(item), 1);
	weight = zend_hash_index_find_deref(Z_ARRVAL_P(item), 2);
	return host && port && weight && Z_TYPE_P(host) == IS_STRING && Z_TYPE_P(port) == IS_LONG && Z_TYPE_P(weight) == IS_LONG;
}

static void weights_refused(uint32_t arg)
{
	zend_argument_value_error(arg, "must hold [host, port] pairs: server weights are not supported (keys are placed as php-memcached places them with every weight left at addServer()'s default)");
}

/* One server: "host:port" or a [host, port] pair. */
static int parse_one_server(zval *item, uint32_t arg, ldb_addr *out)
{
	char err[LDB_ERR_MAX];
	if (Z_TYPE_P(item) == IS_STRING) {
		if (Z_STRLEN_P(item) && strspn(Z_STRVAL_P(item), "0123456789") == Z_STRLEN_P(item)) {
			/* ["host", "11211"] is a group of two servers, not a pair: say so */
			zend_argument_value_error(arg, "must hold \"host:port\" strings or [host, int port] pairs, not a port alone (\"%s\")", Z_STRVAL_P(item));
			return FAILURE;
		}
		if (ldb_addr_parse(Z_STRVAL_P(item), Z_STRLEN_P(item), out, err, sizeof(err)) != 0) {
			zend_argument_value_error(arg, "%s", err);
			return FAILURE;
		}
	} else if (is_weighted(item)) {
		weights_refused(arg);
		return FAILURE;
	} else if (Z_TYPE_P(item) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(item)) == 2) {
		zval *host = zend_hash_index_find_deref(Z_ARRVAL_P(item), 0);
		zval *port = zend_hash_index_find_deref(Z_ARRVAL_P(item), 1);
		char buf[LDB_HOST_MAX + 16];
		bool v6;
		if (!is_pair(item)) {
			zend_argument_type_error(arg, "must hold [string $host, int $port] pairs");
			return FAILURE;
		}
		if (Z_LVAL_P(port) < 1 || Z_LVAL_P(port) > 65535) {
			zend_argument_value_error(arg, "must hold [host, port] pairs with a port from 1 to 65535");
			return FAILURE;
		}
		if (Z_STRLEN_P(host) == 0 || Z_STRLEN_P(host) >= LDB_HOST_MAX || strlen(Z_STRVAL_P(host)) != Z_STRLEN_P(host)
				|| Z_STRVAL_P(host)[0] == '/' || Z_STRVAL_P(host)[0] == '[') {
			zend_argument_value_error(arg, "must hold [host, port] pairs with a host name or IP address");
			return FAILURE;
		}
		/* one parser for every form: print the pair as "host:port" */
		v6 = strchr(Z_STRVAL_P(host), ':') != NULL;
		snprintf(buf, sizeof(buf), v6 ? "[%s]:" ZEND_LONG_FMT : "%s:" ZEND_LONG_FMT, Z_STRVAL_P(host), Z_LVAL_P(port));
		if (ldb_addr_parse(buf, strlen(buf), out, err, sizeof(err)) != 0) {
			zend_argument_value_error(arg, "%s", err);
			return FAILURE;
		}
	} else {
		zend_argument_type_error(arg, "must hold \"host:port\" strings or [host, port] pairs, %s given", zend_zval_type_name(item));
		return FAILURE;
	}
	return SUCCESS;
}

/* One group: a list of "host:port" strings and [host, port] pairs. */
static int parse_group_array(HashTable *ht, uint32_t arg, ldb_server_list *list)
{
	ldb_addr *addrs = list->addrs + list->total;
	char err[LDB_ERR_MAX];
	zval *item;
	int n = 0;
	ZEND_HASH_FOREACH_VAL(ht, item) {
		ZVAL_DEREF(item);
		if (n == LDB_MAX_SERVERS || list->total + n == LDB_MAX_ALL_SERVERS) {
			zend_argument_value_error(arg, "must name at most %d servers in a group and %d in all", LDB_MAX_SERVERS, LDB_MAX_ALL_SERVERS);
			return FAILURE;
		}
		if (parse_one_server(item, arg, &addrs[n]) != SUCCESS) {
			return FAILURE;
		}
		n++;
	} ZEND_HASH_FOREACH_END();
	if (n == 0) {
		zend_argument_value_error(arg, "must name at least one server in each group");
		return FAILURE;
	}
	if (ldb_addrs_unique(addrs, n, err, sizeof(err)) != 0) {
		zend_argument_value_error(arg, "%s", err);
		return FAILURE;
	}
	if (ldb_server_list_add(list, addrs, n, err, sizeof(err)) != 0) {
		zend_argument_value_error(arg, "%s", err);
		return FAILURE;
	}
	return SUCCESS;
}

/* Servers: a string "h:p,h:p" (groups separated by ';'), a list of "h:p" strings
 * and [host, port] pairs (one group), or a list of such lists (one per group). */
static int parse_servers(zval *servers, uint32_t arg, ldb_server_list *list)
{
	char err[LDB_ERR_MAX];
	zval *item;
	bool groups = false, plain = false;
	ldb_server_list_init(list);
	if (!servers || Z_TYPE_P(servers) == IS_NULL) {
		const char *ini = LOCALDB_G(servers);
		if (!ini || !*ini) {
			zend_argument_value_error(arg, "must name at least one server: none given and localdb.servers is empty");
			return FAILURE;
		}
		if (ldb_server_list_parse(ini, strlen(ini), list, err, sizeof(err)) < 0) {
			zend_value_error("localdb.servers: %s", err);
			return FAILURE;
		}
		return SUCCESS;
	}
	if (Z_TYPE_P(servers) == IS_STRING) {
		if (ldb_server_list_parse(Z_STRVAL_P(servers), Z_STRLEN_P(servers), list, err, sizeof(err)) < 0) {
			zend_argument_value_error(arg, "%s", err);
			return FAILURE;
		}
		return SUCCESS;
	}
	if (Z_TYPE_P(servers) != IS_ARRAY) {
		zend_argument_type_error(arg, "must be of type array|string|null, %s given", zend_zval_type_name(servers));
		return FAILURE;
	}
	if (zend_hash_num_elements(Z_ARRVAL_P(servers)) == 0) {
		zend_argument_value_error(arg, "must name at least one server");
		return FAILURE;
	}
	/* a list of lists is a list of groups; a [host, port] pair is one server */
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(servers), item) {
		ZVAL_DEREF(item);
		if (is_weighted(item)) {
			weights_refused(arg);
			return FAILURE;
		}
		if (Z_TYPE_P(item) == IS_ARRAY && !is_pair(item)) {
			groups = true;
		} else {
			plain = true;
		}
	} ZEND_HASH_FOREACH_END();
	if (groups && plain) {
		zend_argument_value_error(arg, "must be one group (servers) or a list of groups (lists of servers), not both");
		return FAILURE;
	}
	if (!groups) {
		return parse_group_array(Z_ARRVAL_P(servers), arg, list);
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(servers), item) {
		ZVAL_DEREF(item);
		if (parse_group_array(Z_ARRVAL_P(item), arg, list) != SUCCESS) {
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	if (ldb_server_list_check(list, err, sizeof(err)) != 0) {
		zend_argument_value_error(arg, "%s", err);
		return FAILURE;
	}
	return SUCCESS;
}

/* Every group of the list from the pool, and the ring over their first servers. */
static int open_groups(localdb_object *o, const ldb_server_list *list, const ldb_config *cfg, char *err, size_t errlen)
{
	ldb_group **groups = ecalloc((size_t)list->ngroups, sizeof(ldb_group *));
	ldb_addr firsts[LDB_MAX_GROUPS];
	const ldb_ring *ring = NULL;
	int at = 0;
	for (int i = 0; i < list->ngroups; i++) {
		firsts[i] = list->addrs[at];
		groups[i] = ldb_pool_group(list->addrs + at, list->count[i], cfg, err, errlen);
		if (!groups[i]) {
			while (i-- > 0) {
				ldb_group_release(groups[i]);
			}
			efree(groups);
			return FAILURE;
		}
		at += list->count[i];
	}
	if (list->ngroups > 1 && !(ring = ldb_ring_get(firsts, list->ngroups, err, errlen))) {
		for (int i = 0; i < list->ngroups; i++) {
			ldb_group_release(groups[i]);
		}
		efree(groups);
		return FAILURE;
	}
	o->groups = groups;
	o->ngroups = list->ngroups;
	o->ring = ring;
	o->group = groups[0];
	return SUCCESS;
}

#ifndef ZTS
/* The last server string a handle was opened with, and its parsed list: a worker
 * opens the same handle on every request, and parsing the string again was a third
 * of open()'s instructions. Only a string that parsed is kept; parsing looks nothing
 * up, so the list is what parsing it again would give. */
static struct {
	char *s;
	size_t len;
	ldb_server_list *list;
} servers_seen;
#endif

static const ldb_server_list *servers_cached(const zval *servers)
{
#ifndef ZTS
	if (servers && Z_TYPE_P(servers) == IS_STRING && servers_seen.list && Z_STRLEN_P(servers) == servers_seen.len
			&& memcmp(Z_STRVAL_P(servers), servers_seen.s, servers_seen.len) == 0) {
		return servers_seen.list;
	}
#endif
	(void)servers;
	return NULL;
}

static void servers_remember(const zval *servers, const ldb_server_list *list)
{
#ifndef ZTS
	if (!servers || Z_TYPE_P(servers) != IS_STRING) {
		return;
	}
	if (!servers_seen.list) {
		servers_seen.list = pemalloc(sizeof(*list), 1);
	}
	if (servers_seen.s) {
		pefree(servers_seen.s, 1);
	}
	servers_seen.len = Z_STRLEN_P(servers);
	servers_seen.s = pemalloc(servers_seen.len + 1, 1);
	memcpy(servers_seen.s, Z_STRVAL_P(servers), servers_seen.len + 1);
	servers_seen.list->ngroups = list->ngroups;
	servers_seen.list->total = list->total;
	memcpy(servers_seen.list->count, list->count, sizeof(list->count));
	memcpy(servers_seen.list->addrs, list->addrs, (size_t)list->total * sizeof(list->addrs[0]));
#else
	(void)servers;
	(void)list;
#endif
}

static void servers_forget(void)
{
#ifndef ZTS
	if (servers_seen.s) {
		pefree(servers_seen.s, 1);
	}
	if (servers_seen.list) {
		pefree(servers_seen.list, 1);
	}
	memset(&servers_seen, 0, sizeof(servers_seen));
#endif
}

static int handle_init(localdb_object *o, zval *servers, HashTable *opts)
{
	handle_options h;
	ldb_server_list *list = NULL;
	const ldb_server_list *use;
	ldb_config cfg;
	char err[LDB_ERR_MAX];

	h.connect_timeout = LOCALDB_G(connect_timeout);
	h.timeout = LOCALDB_G(timeout);
	h.retry_interval = LOCALDB_G(retry_interval);
	h.backend = LOCALDB_G(backend);
	h.serializer = LOCALDB_G(serializer);
	h.compression = LOCALDB_G(compression);
	h.compression_threshold = LOCALDB_G(compression_threshold);
	h.item_size_limit = LOCALDB_G(item_size_limit);
	h.failback = LOCALDB_G(failback);
	h.persistent = LOCALDB_G(persistent);
	h.exceptions = LOCALDB_G(exceptions);
	h.log_failover = LOCALDB_G(log_failover);
	h.rejoin_clean = LOCALDB_G(rejoin_clean);
	h.shared_health = LOCALDB_G(shared_health);
	h.prefix = NULL;
	h.servers = NULL;
	h.allowed_classes = NULL;
	if (opts && zend_hash_num_elements(opts) && parse_options(opts, &h) != SUCCESS) {
		goto fail;
	}
	if (h.servers) {
		if (servers && Z_TYPE_P(servers) != IS_NULL) {
			zend_value_error("LocalDb: the servers are given twice, as $servers and as the \"servers\" option");
			goto fail;
		}
		servers = h.servers;
	}
	if (!(use = servers_cached(servers))) {
		list = emalloc(sizeof(*list));
		if (parse_servers(servers, 1, list) != SUCCESS) {
			goto fail;
		}
		servers_remember(servers, list);
		use = list;
	}
	if (h.serializer != LDB_SER_PHP && !ldb_codec_has_serializer((ldb_serializer)h.serializer)) {
		zend_value_error("LocalDb serializer \"%s\" needs the %s extension, which is not loaded", serializer_names[h.serializer], serializer_names[h.serializer]);
		goto fail;
	}
	if (h.allowed_classes && (h.serializer == LDB_SER_IGBINARY || h.serializer == LDB_SER_MSGPACK)) {
		zend_value_error("LocalDb option \"allowed_classes\" needs the php or json serializer: %s cannot limit the classes it creates", serializer_names[h.serializer]);
		goto fail;
	}
	if (!ldb_codec_has_compression((ldb_compression)h.compression)) {
		zend_value_error("LocalDb compression \"%s\" is not available in this build", compression_names[h.compression]);
		goto fail;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.connect_timeout_ms = (uint32_t)h.connect_timeout;
	cfg.timeout_ms = (uint32_t)h.timeout;
	cfg.retry_interval_ms = (uint32_t)h.retry_interval * 1000;
	cfg.backend = (uint8_t)h.backend;
	cfg.failback = h.failback;
	cfg.persistent = h.persistent;
	cfg.log_failover = h.log_failover;
	cfg.rejoin_clean = h.rejoin_clean;
	if (open_groups(o, use, &cfg, err, sizeof(err)) != SUCCESS) {
		zend_throw_exception_ex(localdb_exception_ce, LDB_E_NO_SERVER, "LocalDb: %s", err);
		goto fail;
	}
	if (list) {
		efree(list);
		list = NULL;
	}
	memset(&o->codec, 0, sizeof(o->codec));
	o->codec.allowed_classes = h.allowed_classes;
	o->codec.serializer = (uint8_t)h.serializer;
	o->codec.compression = (uint8_t)h.compression;
	o->codec.tyrant = h.backend == LDB_BACKEND_TYRANT;
	o->codec.compression_threshold = (uint32_t)h.compression_threshold;
	o->codec.item_size_limit = (uint32_t)h.item_size_limit;
	o->exceptions = h.exceptions;
	if (o->prefix) {
		zend_string_release(o->prefix);
		o->prefix = NULL;
	}
	if (h.prefix && ZSTR_LEN(h.prefix)) {
		o->prefix = zend_string_copy(h.prefix);
	} else if (!h.prefix && LOCALDB_G(prefix) && *LOCALDB_G(prefix)) {
		o->prefix = zend_string_init(LOCALDB_G(prefix), strlen(LOCALDB_G(prefix)), 0);
	}
	return SUCCESS;

fail:
	if (list) {
		efree(list);
	}
	if (h.allowed_classes) {
		zend_array_release(h.allowed_classes);
	}
	return FAILURE;
}

/* ---- object ---- */

static zend_object *localdb_create(zend_class_entry *ce)
{
	localdb_object *o = zend_object_alloc(sizeof(localdb_object), ce);
	zend_object_std_init(&o->std, ce);
	object_properties_init(&o->std, ce);
	o->std.handlers = &localdb_handlers;
	return &o->std;
}

static void localdb_free(zend_object *obj)
{
	localdb_object *o = localdb_from_obj(obj);
	if (o->groups) {
		/* groups[0] is o->group */
		for (int i = 0; i < o->ngroups; i++) {
			ldb_group_release(o->groups[i]);
		}
		efree(o->groups);
		o->group = NULL;
	}
	if (o->prefix) {
		zend_string_release(o->prefix);
	}
	if (o->res_msg) {
		zend_string_release(o->res_msg);
	}
	if (o->group) {
		ldb_group_release(o->group);
	}
	if (o->codec.allowed_classes) {
		zend_array_release(o->codec.allowed_classes);
	}
	zend_object_std_dtor(obj);
}

#define LDB_THIS(o) \
	localdb_object *o = Z_LOCALDB_P(ZEND_THIS); \
	if (UNEXPECTED(!o->group)) { \
		zend_throw_error(NULL, "LocalDb object is not initialized"); \
		RETURN_THROWS(); \
	}

/* A data method: the handle, with the result of the call before cleared. */
#define LDB_CALL(o) \
	LDB_THIS(o); \
	result_reset(o)

/* Which group serves a key (as sent, prefix included): every method asks this.
 * The prefix is not hashed, as php-memcached does not hash its own. */
static int group_index(localdb_object *o, const char *key, size_t len)
{
	size_t plen = o->prefix ? ZSTR_LEN(o->prefix) : 0;
	return o->ngroups > 1 ? ldb_ring_pick(o->ring, key + plen, len - plen) : 0;
}

/* The group that serves a key. */
static inline ldb_group *group_for(localdb_object *o, const char *key, size_t key_len)
{
	return o->groups[group_index(o, key, key_len)];
}

PHP_METHOD(LocalDb, __construct)
{
	zval *servers = NULL;
	HashTable *opts = NULL;
	localdb_object *o = Z_LOCALDB_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL_OR_NULL(servers)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (o->group) {
		zend_throw_error(NULL, "LocalDb object is already initialized");
		RETURN_THROWS();
	}
	handle_init(o, servers, opts);
}

PHP_METHOD(LocalDb, open)
{
	zval *servers = NULL;
	HashTable *opts = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL_OR_NULL(servers)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	object_init_ex(return_value, localdb_ce);
	if (handle_init(Z_LOCALDB_P(return_value), servers, opts) != SUCCESS) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
}

/* ---- reading ---- */

typedef struct {
	zend_string **raw;
	uint32_t *flags;
	size_t n;
} collect_ctx;

/* Values are copied out while the connection is read and decoded only after:
 * decoding may run user code (__unserialize, __wakeup) that uses LocalDb. */
static void collect_value(void *p, size_t index, const char *val, size_t len, uint32_t flags)
{
	collect_ctx *c = p;
	if (index == (size_t)-1) {
		for (size_t i = 0; i < c->n; i++) {
			if (c->raw[i]) {
				zend_string_release(c->raw[i]);
				c->raw[i] = NULL;
			}
		}
		return;
	}
	if (c->raw[index]) {
		zend_string_release(c->raw[index]);
		c->raw[index] = NULL;
	}
	if (!val) {
		/* that key's group is asking a server again */
		return;
	}
	c->raw[index] = zend_string_init(val, len, 0);
	c->flags[index] = flags;
}

/* Decode into rv; false after recording the reason (and throwing). */
static bool decode_into(localdb_object *o, zend_string *key, zend_string *raw, uint32_t flags, zval *rv)
{
	char err[200];
	size_t at = 0;
	if (!o->codec.tyrant && flags == 0) {
		/* a plain string: the bytes read are the value */
		ZVAL_STR_COPY(rv, raw);
		return true;
	}
	if (key) {
		/* getMulti: say which value it was */
		at = (size_t)snprintf(err, sizeof(err), "key \"%.64s\": ", ZSTR_VAL(key));
	}
	if (ldb_decode(&o->codec, ZSTR_VAL(raw), ZSTR_LEN(raw), flags, rv, err + at, sizeof(err) - at) != SUCCESS) {
		ZVAL_UNDEF(rv);
		codec_error(o, err);
		return false;
	}
	return true;
}

PHP_METHOD(LocalDb, get)
{
	zend_string *key, *raw = NULL;
	uint32_t flags = 0;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	ldb_group *g;
	ldb_rc rc;
	collect_ctx c = { &raw, &flags, 1 };

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	g = group_for(o, k, klen);
	rc = ldb_get(g, k, klen, collect_value, &c);
	if (rc == LDB_OK && raw) {
		if (!decode_into(o, NULL, raw, flags, return_value) && !EG(exception)) {
			RETVAL_NULL();
		}
		zend_string_release(raw);
		return;
	}
	if (raw) {
		zend_string_release(raw);
	}
	if (report(o, g, rc == LDB_OK ? LDB_MISS : rc)) {
		RETURN_THROWS();
	}
	RETURN_NULL();
}

PHP_METHOD(LocalDb, getWithCas)
{
	zend_string *key, *raw = NULL;
	uint32_t flags = 0;
	uint64_t cas = 0;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	ldb_group *g;
	ldb_rc rc;
	collect_ctx c = { &raw, &flags, 1 };
	zval v;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	g = group_for(o, k, klen);
	rc = ldb_gets(g, k, klen, collect_value, &c, &cas);
	if (rc == LDB_OK && raw) {
		bool ok = decode_into(o, NULL, raw, flags, &v);
		zend_string_release(raw);
		if (!ok) {
			if (EG(exception)) {
				RETURN_THROWS();
			}
			RETURN_NULL();
		}
		array_init_size(return_value, 2);
		add_assoc_zval(return_value, "value", &v);
		/* the token is unsigned 64 bits; cas() takes it back as given */
		add_assoc_long(return_value, "cas", (zend_long)cas);
		return;
	}
	if (raw) {
		zend_string_release(raw);
	}
	if (report(o, g, rc == LDB_OK ? LDB_MISS : rc)) {
		RETURN_THROWS();
	}
	RETURN_NULL();
}

/* Checked wire keys for an array of keys (values of $keys, or keys of $items). */
typedef struct {
	ldb_item *items;
	zend_string **names;   /* the caller's keys, for the result */
	zend_string **wire;    /* with a prefix: the prefixed keys; else NULL */
	size_t n;
} key_list;

static void key_list_free(key_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->names[i]) {
			zend_string_release(l->names[i]);
		}
		if (l->wire) {
			zend_string_release(l->wire[i]);
		}
	}
	efree(l->items);
	efree(l->names);
	if (l->wire) {
		efree(l->wire);
	}
}

static int key_list_add(localdb_object *o, key_list *l, zend_string *key, uint32_t arg)
{
	char tmp[LDB_MAX_KEY + 1];
	size_t len;
	const char *k = wire_key(o, key, arg, tmp, &len);
	if (!k) {
		return FAILURE;
	}
	l->names[l->n] = zend_string_copy(key);
	if (l->wire) {
		/* the prefixed key, in a string of its own size */
		l->wire[l->n] = zend_string_init(k, len, 0);
		k = ZSTR_VAL(l->wire[l->n]);
	}
	l->items[l->n].key = k;
	l->items[l->n].key_len = len;
	l->items[l->n].rc = LDB_OK;
	l->n++;
	return SUCCESS;
}

static void key_list_init(localdb_object *o, key_list *l, size_t cap)
{
	l->items = ecalloc(cap ? cap : 1, sizeof(ldb_item));
	l->names = ecalloc(cap ? cap : 1, sizeof(zend_string *));
	l->wire = o->prefix ? ecalloc(cap ? cap : 1, sizeof(zend_string *)) : NULL;
	l->n = 0;
}

/* A multi-key call split by group: one part per group that has keys. */
typedef struct {
	ldb_part *parts;
	size_t nparts;
	ldb_item *items;       /* every part's items, part after part */
	size_t *index;         /* the caller's index of each of those items */
} key_split;

static void key_split_init(localdb_object *o, key_list *l, key_split *sp)
{
	size_t n = l->n ? l->n : 1, at = 0;
	size_t *count = ecalloc((size_t)o->ngroups, sizeof(size_t));
	int *gi = emalloc(n * sizeof(int));
	sp->parts = ecalloc((size_t)o->ngroups, sizeof(ldb_part));
	sp->items = emalloc(n * sizeof(ldb_item));
	sp->index = emalloc(n * sizeof(size_t));
	sp->nparts = 0;
	for (size_t i = 0; i < l->n; i++) {
		gi[i] = group_index(o, l->items[i].key, l->items[i].key_len);
		count[gi[i]]++;
	}
	for (int g = 0; g < o->ngroups; g++) {
		ldb_part *p;
		if (!count[g]) {
			continue;
		}
		p = &sp->parts[sp->nparts++];
		p->g = o->groups[g];
		p->items = sp->items + at;
		p->index = sp->index + at;
		p->n = 0;
		p->rc = LDB_OK;
		for (size_t i = 0; i < l->n; i++) {
			if (gi[i] == g) {
				sp->items[at] = l->items[i];
				sp->index[at] = i;
				at++;
				p->n++;
			}
		}
	}
	efree(gi);
	efree(count);
}

/* Per-item outcomes (stores, deletes) back into the caller's list. */
static void key_split_done(key_split *sp, key_list *l)
{
	for (size_t p = 0; p < sp->nparts; p++) {
		for (size_t i = 0; i < sp->parts[p].n; i++) {
			l->items[sp->parts[p].index[i]].rc = sp->parts[p].items[i].rc;
		}
	}
	efree(sp->parts);
	efree(sp->items);
	efree(sp->index);
}

/* After a multi-key call: when some groups failed, say which keys they held.
 * rc is the first failed part's outcome. With one group failing and no other
 * part served, this is report() for that group. Returns true when it threw. */
static bool report_parts(localdb_object *o, key_split *sp, key_list *l, ldb_rc rc)
{
	size_t failed = 0;
	const ldb_part *first = NULL;
	smart_str msg = {0};
	zend_long code;
	bool threw = false;

	for (size_t p = 0; p < sp->nparts; p++) {
		if (sp->parts[p].rc != LDB_OK) {
			failed++;
			if (!first) first = &sp->parts[p];
		}
	}
	if (!first) {
		return false;
	}
	if (sp->nparts == 1) {
		return report(o, first->g, rc);
	}
	if (!(code = exception_code_of(res_of(rc)))) {
		/* answers with a reason (too large, refused): the first failed group's */
		return report(o, first->g, rc);
	}
	smart_str_append_printf(&msg, "%zu of %zu groups failed", failed, sp->nparts);
	for (size_t p = 0; p < sp->nparts; p++) {
		const ldb_part *part = &sp->parts[p];
		const char *why;
		size_t shown;
		if (part->rc == LDB_OK) {
			continue;
		}
		ldb_group_error(part->g, &why);
		smart_str_append_printf(&msg, "; group of %s: %s; its keys: ", ldb_group_current(part->g), why);
		for (shown = 0; shown < part->n && shown < 10; shown++) {
			smart_str_append_printf(&msg, "%s%s", shown ? ", " : "", ZSTR_VAL(l->names[part->index[shown]]));
		}
		if (part->n > shown) {
			smart_str_append_printf(&msg, " and %zu more", part->n - shown);
		}
	}
	smart_str_0(&msg);
	result_set(o, res_of(rc), ZSTR_VAL(msg.s));
	if (o->exceptions) {
		zend_throw_exception_ex(localdb_exception_ce, code, "LocalDb: %s", ZSTR_VAL(msg.s));
		threw = true;
	}
	smart_str_free(&msg);
	return threw;
}

static zend_string *key_of(zval *v, uint32_t arg)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) == IS_STRING) {
		return zend_string_copy(Z_STR_P(v));
	}
	if (Z_TYPE_P(v) == IS_LONG) {
		return zend_long_to_str(Z_LVAL_P(v));
	}
	zend_argument_type_error(arg, "must contain only string keys, %s given", zend_zval_type_name(v));
	return NULL;
}

static int keys_from_values(localdb_object *o, HashTable *ht, key_list *l)
{
	zval *v;
	key_list_init(o, l, zend_hash_num_elements(ht));
	ZEND_HASH_FOREACH_VAL(ht, v) {
		zend_string *key = key_of(v, 1);
		int r;
		if (!key) {
			return FAILURE;
		}
		r = key_list_add(o, l, key, 1);
		zend_string_release(key);
		if (r != SUCCESS) {
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

PHP_METHOD(LocalDb, getMulti)
{
	HashTable *keys;
	key_list l;
	key_split sp;
	collect_ctx c;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (keys_from_values(o, keys, &l) != SUCCESS) {
		key_list_free(&l);
		RETURN_THROWS();
	}
	c.n = l.n;
	c.raw = ecalloc(l.n ? l.n : 1, sizeof(zend_string *));
	c.flags = ecalloc(l.n ? l.n : 1, sizeof(uint32_t));
	key_split_init(o, &l, &sp);
	rc = ldb_get_multi_groups(sp.parts, sp.nparts, collect_value, &c);
	for (size_t p = 0; p < sp.nparts; p++) {
		/* a group that failed serves nothing, not what it sent before failing */
		for (size_t i = 0; sp.parts[p].rc != LDB_OK && i < sp.parts[p].n; i++) {
			collect_value(&c, sp.parts[p].index[i], NULL, 0, 0);
		}
	}
	if (rc != LDB_OK && report_parts(o, &sp, &l, rc)) {
		/* thrown: nothing is returned */
	} else {
		/* what the groups that answered served */
		array_init_size(return_value, (uint32_t)l.n);
		for (size_t i = 0; i < l.n; i++) {
			zval v;
			if (!c.raw[i]) {
				continue;
			}
			/* with exceptions off, a value that cannot be decoded is left out
			 * (a warning names its key) and the others are returned */
			if (!EG(exception) && decode_into(o, l.names[i], c.raw[i], c.flags[i], &v)) {
				zend_symtable_update(Z_ARRVAL_P(return_value), l.names[i], &v);
			}
		}
	}
	collect_value(&c, (size_t)-1, NULL, 0, 0);
	efree(c.raw);
	efree(c.flags);
	key_split_done(&sp, &l);
	key_list_free(&l);
	if (EG(exception)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
}

/* ---- writing ---- */

/* set, add, replace: (key, value, ttl); cas: (key, value, cas, ttl) */
static void store(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key, *data = NULL;
	zval *value;
	zend_long ttl = 0, cas = 0;
	char buf[LDB_MAX_KEY + 1], err[200];
	ldb_item it;
	ldb_group *g;
	ldb_rc rc;

	if (op == LDB_OP_CAS) {
		ZEND_PARSE_PARAMETERS_START(3, 4)
			Z_PARAM_STR(key)
			Z_PARAM_ZVAL(value)
			Z_PARAM_LONG(cas)
			Z_PARAM_OPTIONAL
			Z_PARAM_LONG(ttl)
		ZEND_PARSE_PARAMETERS_END();
	} else {
		ZEND_PARSE_PARAMETERS_START(2, 3)
			Z_PARAM_STR(key)
			Z_PARAM_ZVAL(value)
			Z_PARAM_OPTIONAL
			Z_PARAM_LONG(ttl)
		ZEND_PARSE_PARAMETERS_END();
	}
	LDB_CALL(o);
	memset(&it, 0, sizeof(it));
	if (!(it.key = wire_key(o, key, 1, buf, &it.key_len)) || !check_ttl(o, ttl, op == LDB_OP_CAS ? 4 : 3)) {
		RETURN_THROWS();
	}
	/* getWithCas() gives the server's unsigned 64-bit token as an int: above
	 * PHP_INT_MAX it reads negative, and goes back unchanged */
	it.cas = (uint64_t)cas;
	if (ldb_encode(&o->codec, value, &data, &it.flags, err, sizeof(err)) != SUCCESS) {
		if (codec_error(o, err)) {
			RETURN_THROWS();
		}
		RETURN_FALSE;
	}
	if (!value_fits(o, ZSTR_LEN(data), 2)) {
		zend_string_release(data);
		RETURN_THROWS();
	}
	it.val = ZSTR_VAL(data);
	it.val_len = ZSTR_LEN(data);
	it.exptime = (uint32_t)ttl;
	g = group_for(o, it.key, it.key_len);
	rc = ldb_store(g, op, &it);
	zend_string_release(data);
	return_done(return_value, o, g, rc);
}

PHP_METHOD(LocalDb, set) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_SET); }
PHP_METHOD(LocalDb, add) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_ADD); }
PHP_METHOD(LocalDb, replace) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_REPLACE); }
PHP_METHOD(LocalDb, cas) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_CAS); }

static void concat(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key, *value;
	char buf[LDB_MAX_KEY + 1];
	ldb_item it;
	ldb_group *g;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_STR(value)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	memset(&it, 0, sizeof(it));
	if (!(it.key = wire_key(o, key, 1, buf, &it.key_len))) {
		RETURN_THROWS();
	}
	if (!value_fits(o, ZSTR_LEN(value), 2)) {
		RETURN_THROWS();
	}
	/* raw bytes: appending to an encoded value would corrupt it, and on a
	 * plain string (flags 0) they are simply more of the string */
	it.val = ZSTR_VAL(value);
	it.val_len = ZSTR_LEN(value);
	g = group_for(o, it.key, it.key_len);
	rc = ldb_store(g, op, &it);
	return_done(return_value, o, g, rc);
}

PHP_METHOD(LocalDb, append) { concat(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_APPEND); }
PHP_METHOD(LocalDb, prepend) { concat(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_PREPEND); }

PHP_METHOD(LocalDb, setMulti)
{
	HashTable *items;
	zend_long ttl = 0;
	zend_string *skey, **data;
	zend_ulong ikey;
	zval *v;
	key_list l;
	key_split sp;
	char err[200];
	ldb_rc rc;
	bool ok = true;
	size_t i = 0;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(items)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!check_ttl(o, ttl, 2)) {
		RETURN_THROWS();
	}
	key_list_init(o, &l, zend_hash_num_elements(items));
	data = ecalloc(zend_hash_num_elements(items) + 1, sizeof(zend_string *));
	ZEND_HASH_FOREACH_KEY_VAL(items, ikey, skey, v) {
		zend_string *key = skey ? zend_string_copy(skey) : zend_long_to_str((zend_long)ikey);
		int r = key_list_add(o, &l, key, 1);
		zend_string_release(key);
		if (r != SUCCESS) {
			goto out;
		}
		ZVAL_DEREF(v);
		if (ldb_encode(&o->codec, v, &data[i], &l.items[i].flags, err, sizeof(err)) != SUCCESS) {
			/* nothing is written when one value cannot be */
			codec_error(o, err);
			ok = false;
			goto out;
		}
		l.items[i].val = ZSTR_VAL(data[i]);
		l.items[i].val_len = ZSTR_LEN(data[i]);
		l.items[i].exptime = (uint32_t)ttl;
		i++;	/* data[0..i) are released at the end */
		if (!value_fits(o, l.items[i - 1].val_len, 1)) {
			ok = false;
			goto out;
		}
	} ZEND_HASH_FOREACH_END();
	key_split_init(o, &l, &sp);
	rc = ldb_store_multi_groups(sp.parts, sp.nparts, LDB_OP_SET);
	if (rc != LDB_OK) {
		ok = false;
		report_parts(o, &sp, &l, rc);
	}
	key_split_done(&sp, &l);
	if (rc == LDB_OK) {
		for (size_t k = 0; k < l.n; k++) {
			if (l.items[k].rc != LDB_OK) {
				if (ok) {
					/* the first item not stored gives the result */
					char msg[300];
					snprintf(msg, sizeof(msg), "%s: %s", ZSTR_VAL(l.names[k]), ldb_rc_name(l.items[k].rc));
					result_set(o, res_of(l.items[k].rc), msg);
				}
				ok = false;
			}
		}
	}
out:
	for (size_t k = 0; k < i; k++) {
		zend_string_release(data[k]);
	}
	efree(data);
	key_list_free(&l);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(ok);
}

PHP_METHOD(LocalDb, delete)
{
	zend_string *key;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	ldb_group *g;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	g = group_for(o, k, klen);
	rc = ldb_delete(g, k, klen);
	return_done(return_value, o, g, rc);
}

PHP_METHOD(LocalDb, deleteMulti)
{
	HashTable *keys;
	key_list l;
	key_split sp;
	ldb_rc rc;
	bool *failed;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (keys_from_values(o, keys, &l) != SUCCESS) {
		key_list_free(&l);
		RETURN_THROWS();
	}
	key_split_init(o, &l, &sp);
	rc = ldb_store_multi_groups(sp.parts, sp.nparts, LDB_OP_DELETE);
	if (rc != LDB_OK) {
		bool threw = report_parts(o, &sp, &l, rc);
		if (threw || (sp.nparts == 1 && rc != LDB_SERVER_ERROR && rc != LDB_CLIENT_ERROR)) {
			/* one group that failed: as with one group, no key is answered */
			key_split_done(&sp, &l);
			key_list_free(&l);
			if (threw) {
				RETURN_THROWS();
			}
			RETURN_EMPTY_ARRAY();
		}
	}
	/* the keys of a group no server answered are not deleted, as far as we know;
	 * where a server refused some (SERVER_ERROR), each key's answer says */
	failed = ecalloc(l.n ? l.n : 1, sizeof(bool));
	for (size_t p = 0; p < sp.nparts; p++) {
		ldb_rc prc = sp.parts[p].rc;
		for (size_t i = 0; prc != LDB_OK && prc != LDB_SERVER_ERROR && prc != LDB_CLIENT_ERROR && i < sp.parts[p].n; i++) {
			failed[sp.parts[p].index[i]] = true;
		}
	}
	key_split_done(&sp, &l);
	/* every key, false where it was not deleted */
	array_init_size(return_value, (uint32_t)l.n);
	for (size_t i = 0; i < l.n; i++) {
		zval b, *seen;
		/* a key given twice is deleted by its first delete: the second one's
		 * NOT_FOUND does not make it "not deleted" */
		if ((seen = zend_symtable_find(Z_ARRVAL_P(return_value), l.names[i])) && Z_TYPE_P(seen) == IS_TRUE) {
			continue;
		}
		ZVAL_BOOL(&b, l.items[i].rc == LDB_OK && !failed[i]);
		zend_symtable_update(Z_ARRVAL_P(return_value), l.names[i], &b);
	}
	efree(failed);
	/* the first key not deleted gives the result (unless the call failed) */
	for (size_t i = 0; rc == LDB_OK && i < l.n; i++) {
		zval *r = zend_symtable_find(Z_ARRVAL_P(return_value), l.names[i]);
		if (r && Z_TYPE_P(r) == IS_FALSE) {
			char msg[300];
			snprintf(msg, sizeof(msg), "%s: %s", ZSTR_VAL(l.names[i]), ldb_rc_name(l.items[i].rc));
			result_set(o, res_of(l.items[i].rc), l.items[i].rc == LDB_MISS ? NULL : msg);
			break;
		}
	}
	key_list_free(&l);
}

/* incr/decr (key, by, initial, ttl). With $initial, a missing key is created
 * with it: incr answers NOT_FOUND, then an add of $initial; when the add loses
 * (another client created the key in between), incr counts on that value. */
static void arith(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key;
	zend_long by = 1, initial = 0, ttl = 0;
	bool no_initial = true;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	uint64_t value = 0;
	ldb_group *g;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 4)
		Z_PARAM_STR(key)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(by)
		Z_PARAM_LONG_OR_NULL(initial, no_initial)
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!(k = wire_key(o, key, 1, buf, &klen)) || !check_ttl(o, ttl, 4)) {
		RETURN_THROWS();
	}
	if (by < 0) {
		o->res_code = LDB_RES_INVALID_ARGUMENTS;
		zend_argument_value_error(2, "must be greater than or equal to 0 (use %s to go the other way)", op == LDB_OP_INCR ? "decr()" : "incr()");
		RETURN_THROWS();
	}
	if (!no_initial && initial < 0) {
		o->res_code = LDB_RES_INVALID_ARGUMENTS;
		zend_argument_value_error(3, "must be null or greater than or equal to 0 (counters are unsigned)");
		RETURN_THROWS();
	}
	g = group_for(o, k, klen);
	rc = ldb_arith(g, op, k, klen, (uint64_t)by, &value);
	if (rc == LDB_MISS && !no_initial) {
		zval iv;
		zend_string *data = NULL;
		char err[200];
		ldb_item it;
		memset(&it, 0, sizeof(it));
		/* stored as set() stores an int, so get() reads an int and the
		 * server's incr counts on it */
		ZVAL_LONG(&iv, initial);
		if (ldb_encode(&o->codec, &iv, &data, &it.flags, err, sizeof(err)) != SUCCESS) {
			if (codec_error(o, err)) {
				RETURN_THROWS();
			}
			RETURN_FALSE;
		}
		it.key = k;
		it.key_len = klen;
		it.val = ZSTR_VAL(data);
		it.val_len = ZSTR_LEN(data);
		it.exptime = (uint32_t)ttl;
		rc = ldb_store(g, LDB_OP_ADD, &it);
		zend_string_release(data);
		if (rc == LDB_OK) {
			value = (uint64_t)initial;
		} else if (rc == LDB_NOT_STORED) {
			rc = ldb_arith(g, op, k, klen, (uint64_t)by, &value);
		}
	}
	if (rc == LDB_OK) {
		if (value > (uint64_t)ZEND_LONG_MAX) {
			char msg[160];
			snprintf(msg, sizeof(msg), "the counter was changed to %llu, which is above PHP_INT_MAX", (unsigned long long)value);
			if (codec_error(o, msg)) {
				RETURN_THROWS();
			}
			RETURN_FALSE;
		}
		RETURN_LONG((zend_long)value);
	}
	if (report(o, g, rc)) {
		RETURN_THROWS();
	}
	RETURN_FALSE;
}

PHP_METHOD(LocalDb, incr) { arith(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_INCR); }
PHP_METHOD(LocalDb, decr) { arith(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_DECR); }

PHP_METHOD(LocalDb, touch)
{
	zend_string *key;
	zend_long ttl;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	ldb_group *g;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (!(k = wire_key(o, key, 1, buf, &klen)) || !check_ttl(o, ttl, 2)) {
		RETURN_THROWS();
	}
	g = group_for(o, k, klen);
	rc = ldb_touch(g, k, klen, (uint32_t)ttl);
	return_done(return_value, o, g, rc);
}

/* Every server of the group, each asked once; a server marked down is not
 * waited for, and makes the call fail. */
PHP_METHOD(LocalDb, flush)
{
	zend_long delay = 0;
	ldb_group *g;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(delay)
	ZEND_PARSE_PARAMETERS_END();
	LDB_CALL(o);
	if (delay < 0 || delay > UINT32_MAX) {
		o->res_code = LDB_RES_INVALID_ARGUMENTS;
		zend_argument_value_error(1, "must be from 0 (now) to 4294967295 seconds");
		RETURN_THROWS();
	}
	/* every group; the first that failed says why */
	g = o->group;
	rc = LDB_OK;
	for (int i = 0; i < o->ngroups; i++) {
		ldb_rc one = ldb_flush(o->groups[i], (uint32_t)delay);
		if (one != LDB_OK && rc == LDB_OK) {
			rc = one;
			g = o->groups[i];
		}
	}
	return_done(return_value, o, g, rc);
}

PHP_METHOD(LocalDb, getResultCode)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	RETURN_LONG(o->res_code);
}

PHP_METHOD(LocalDb, getResultMessage)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	if (o->res_msg) {
		RETURN_STR_COPY(o->res_msg);
	}
	RETURN_STRING(res_text(o->res_code));
}

/* ---- introspection ---- */

PHP_METHOD(LocalDb, server)
{
	zend_string *key = NULL;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!key) {
		RETURN_STRING(ldb_group_current(o->group));
	}
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	RETURN_STRING(ldb_group_current(group_for(o, k, klen)));
}

PHP_METHOD(LocalDb, servers)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	array_init(return_value);
	for (int gi = 0; gi < o->ngroups; gi++)
	for (int i = 0; i < ldb_group_size(o->groups[gi]); i++) {
		ldb_server_info si;
		zval s;
		static const char *const states[] = { "up", "down", "probing" };
		ldb_group_server_info(o->groups[gi], i, &si);
		array_init(&s);
		add_assoc_long(&s, "group", gi);
		add_assoc_string(&s, "host", (char *)si.addr->host);
		add_assoc_long(&s, "port", si.addr->port);
		add_assoc_string(&s, "state", (char *)states[si.state < 3 ? si.state : 1]);
		add_assoc_bool(&s, "current", si.current);
		add_assoc_long(&s, "failures", si.failures);
		if (si.retry_at_ms) {
			add_assoc_double(&s, "retry_at", (double)si.retry_at_ms / 1000.0);
		} else {
			add_assoc_null(&s, "retry_at");
		}
		if (si.last_failure_ms) {
			add_assoc_double(&s, "last_failure_at", (double)si.last_failure_ms / 1000.0);
		} else {
			add_assoc_null(&s, "last_failure_at");
		}
		add_assoc_long(&s, "requests", (zend_long)si.requests);
		add_assoc_long(&s, "failovers", (zend_long)si.failovers);
		add_assoc_long(&s, "failbacks", (zend_long)si.failbacks);
		add_assoc_long(&s, "probes", (zend_long)si.probes);
		add_assoc_long(&s, "probe_failures", (zend_long)si.probe_failures);
		add_assoc_long(&s, "stale_reports", (zend_long)si.stale_reports);
		if (si.up_since_ms) {
			add_assoc_double(&s, "up_since", (double)si.up_since_ms / 1000.0);
		} else {
			add_assoc_null(&s, "up_since");
		}
		add_assoc_long(&s, "prober", (zend_long)si.prober);
		add_assoc_bool(&s, "shared", si.shared);
		add_assoc_long(&s, "connect_failures", (zend_long)si.connect_failures);
		add_assoc_long(&s, "io_failures", (zend_long)si.io_failures);
		add_assoc_long(&s, "server_errors", (zend_long)si.server_errors);
		if (si.last_error) {
			add_assoc_string(&s, "last_error", (char *)si.last_error);
		} else {
			add_assoc_null(&s, "last_error");
		}
		add_assoc_bool(&s, "connected", si.connected);
		add_next_index_zval(return_value, &s);
	}
}

PHP_METHOD(LocalDb, lastError)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	if (!o->res_msg) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(o->res_msg);
}

PHP_METHOD(LocalDb, lastErrorCode)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	RETURN_LONG(exception_code_of(o->res_code));
}

PHP_METHOD(LocalDb, __toString)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	if (o->ngroups > 1) {
		/* the server in use in each group */
		smart_str str = {0};
		smart_str_appends(&str, "LocalDb.open() (");
		for (int i = 0; i < o->ngroups; i++) {
			if (i) smart_str_appends(&str, "; ");
			smart_str_appends(&str, ldb_group_current(o->groups[i]));
		}
		smart_str_appendc(&str, ')');
		RETURN_STR(smart_str_extract(&str));
	}
	RETURN_STR(zend_strpprintf(0, "LocalDb.open() (%s)", ldb_group_current(o->group)));
}

/* ---- module ---- */

static void log_line(const char *msg)
{
	php_log_err_with_severity((char *)msg, LOG_WARNING);
}

static PHP_GINIT_FUNCTION(localdb)
{
	memset(localdb_globals, 0, sizeof(*localdb_globals));
}

static PHP_MINIT_FUNCTION(localdb)
{
	char err[LDB_ERR_MAX];

	REGISTER_INI_ENTRIES();
	shared_health_started = LOCALDB_G(shared_health);
	localdb_started = true;
	localdb_ce = register_class_LocalDb(zend_ce_stringable);
	localdb_ce->create_object = localdb_create;
	memcpy(&localdb_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	localdb_handlers.offset = XtOffsetOf(localdb_object, std);
	localdb_handlers.free_obj = localdb_free;
	localdb_handlers.clone_obj = NULL;
	localdb_exception_ce = register_class_LocalDbException(spl_ce_RuntimeException);

	ldb_hook.log = log_line;
	if (ldb_init(LOCALDB_G(shared_health), err, sizeof(err)) != 0) {
		php_error_docref(NULL, E_WARNING, "LocalDb: %s", err);
	}
	ldb_codec_minit();
	/* sessions: the "localdb" save handler */
	if (ldb_session_minit() != SUCCESS) {
		php_error_docref(NULL, E_WARNING, "LocalDb: the session save handler could not be registered");
	}
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(localdb)
{
	ldb_shutdown();
	servers_forget();
	UNREGISTER_INI_ENTRIES();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(localdb)
{
	ldb_request_begin();
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(localdb)
{
	/* sessions: ext/session shuts down after us; write the session while the core is open */
	ldb_session_rshutdown();
	ldb_codec_drop_previous();
	ldb_request_end();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(localdb)
{
	ldb_pool_stats st;
	char buf[64];
	const ldb_group *g;
	static const char *const sers[] = { "php", "igbinary", "msgpack", "json" };
	static const char *const comps[] = { "zlib", "fastlz", "zstd" };
	smart_str list = {0};

	php_info_print_table_start();
	php_info_print_table_row(2, "LocalDb support", "enabled");
	php_info_print_table_row(2, "Version", PHP_LOCALDB_VERSION);
	php_info_print_table_row(2, "Protocol", "memcache text protocol (memcached, Tokyo Tyrant)");
	php_info_print_table_row(2, "Server health", ldb_health_is_shared() ? "shared by the processes of this master" : "per process");
	for (int i = 0; i < 4; i++) {
		if (i == 0 || ldb_codec_has_serializer((ldb_serializer)i)) {
			if (list.s) smart_str_appends(&list, ", ");
			smart_str_appends(&list, sers[i]);
		}
	}
	smart_str_0(&list);
	php_info_print_table_row(2, "Serializers", list.s ? ZSTR_VAL(list.s) : "");
	smart_str_free(&list);
	for (int i = 0; i < 3; i++) {
		if (ldb_codec_has_compression((ldb_compression)i)) {
			if (list.s) smart_str_appends(&list, ", ");
			smart_str_appends(&list, comps[i]);
		}
	}
	smart_str_0(&list);
	php_info_print_table_row(2, "Compression", list.s ? ZSTR_VAL(list.s) : "");
	smart_str_free(&list);

	ldb_pool_get_stats(&st);
	snprintf(buf, sizeof(buf), "%u", st.groups);
	php_info_print_table_row(2, "Groups in this process", buf);
	snprintf(buf, sizeof(buf), "%u", st.open);
	php_info_print_table_row(2, "Connections open", buf);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)st.connects);
	php_info_print_table_row(2, "Connections opened", buf);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)st.reuses);
	php_info_print_table_row(2, "Connections reused", buf);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)st.resets);
	php_info_print_table_row(2, "Connections reset", buf);
	ldb_session_minfo();   /* sessions */
	php_info_print_table_end();

	/* one row per group of this process; the server in use is marked with a '*' */
	if (ldb_pool_group_at(0)) {
		php_info_print_table_start();
		php_info_print_table_header(9, "Group", "Servers", "connect_timeout (ms)", "timeout (ms)",
			"retry_interval (s)", "backend", "failback", "persistent", "rejoin_clean");
		for (int i = 0; (g = ldb_pool_group_at(i)) != NULL; i++) {
			const ldb_config *cfg = ldb_group_config(g);
			char num[16], ct[16], to[16], ri[16];
			smart_str names = {0};
			for (int k = 0; k < ldb_group_size(g); k++) {
				ldb_server_info si;
				ldb_group_server_info(g, k, &si);
				if (k) smart_str_appends(&names, ", ");
				smart_str_appends(&names, si.name);
				if (si.current) smart_str_appendc(&names, '*');
			}
			smart_str_0(&names);
			snprintf(num, sizeof(num), "%d", i + 1);
			snprintf(ct, sizeof(ct), "%u", cfg->connect_timeout_ms);
			snprintf(to, sizeof(to), "%u", cfg->timeout_ms);
			snprintf(ri, sizeof(ri), "%u", cfg->retry_interval_ms / 1000);
			php_info_print_table_row(9, num, ZSTR_VAL(names.s), ct, to, ri,
				cfg->backend == LDB_BACKEND_TYRANT ? "tyrant" : "memcached",
				cfg->failback ? "On" : "Off", cfg->persistent ? "On" : "Off", cfg->rejoin_clean ? "On" : "Off");
			smart_str_free(&names);
		}
		php_info_print_table_end();
	}
	if (ldb_ring_key_at(0)) {
		/* several groups: keys placed by ketama over these first servers */
		php_info_print_table_start();
		php_info_print_table_header(2, "Shards", "Groups' first servers (the ketama ring)");
		for (int i = 0; ldb_ring_key_at(i); i++) {
			snprintf(buf, sizeof(buf), "%d", i + 1);
			php_info_print_table_row(2, buf, ldb_ring_key_at(i));
		}
		php_info_print_table_end();
	}

	DISPLAY_INI_ENTRIES();
}

/* sessions: the save handler registers with ext/session, which must start first */
static const zend_module_dep localdb_deps[] = {
	ZEND_MOD_REQUIRED("session")
	ZEND_MOD_END
};

zend_module_entry localdb_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	localdb_deps,
	"localdb",
	NULL,
	PHP_MINIT(localdb),
	PHP_MSHUTDOWN(localdb),
	PHP_RINIT(localdb),
	PHP_RSHUTDOWN(localdb),
	PHP_MINFO(localdb),
	PHP_LOCALDB_VERSION,
	PHP_MODULE_GLOBALS(localdb),
	PHP_GINIT(localdb),
	NULL,
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_LOCALDB
ZEND_GET_MODULE(localdb)
#endif
