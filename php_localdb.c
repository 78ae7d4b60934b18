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
#include "ldb_codec.h"
#include "ldb_session.h"

#include <errno.h>
#include <string.h>
#include <syslog.h>

ZEND_DECLARE_MODULE_GLOBALS(localdb)

zend_class_entry *localdb_ce;
zend_class_entry *localdb_exception_ce;
static zend_object_handlers localdb_handlers;

/* A handle: per-request state over a group that belongs to the process. */
typedef struct {
	ldb_group *group;
	zend_string *prefix;
	ldb_codec_opts codec;
	bool exceptions;
	zend_long last_code;
	zend_string *last_error;
	zend_object std;
} localdb_object;

static inline localdb_object *localdb_from_obj(zend_object *obj)
{
	return (localdb_object *)((char *)obj - XtOffsetOf(localdb_object, std));
}
#define Z_LOCALDB_P(zv) localdb_from_obj(Z_OBJ_P(zv))

#include "localdb_arginfo.h"

/* ---- php.ini ---- */

static const char *const backend_names[] = { "memcached", "tyrant", NULL };
static const char *const serializer_names[] = { "php", "igbinary", "msgpack", "json", NULL };
static const char *const compression_names[] = { "zlib", "fastlz", "zstd", NULL };

static int name_index(const char *const *names, const char *s, size_t len)
{
	for (int i = 0; names[i]; i++) {
		if (strlen(names[i]) == len && strncasecmp(names[i], s, len) == 0) {
			return i;
		}
	}
	return -1;
}

/* A bad value in php.ini gives one warning and leaves the default in place
 * (returning FAILURE at startup makes the engine apply the default). */
static void ini_warn(zend_ini_entry *entry, zend_string *value, const char *expected, int stage)
{
	php_error_docref(NULL, E_WARNING, "Invalid %s value \"%s\": %s; %s",
		ZSTR_VAL(entry->name), ZSTR_VAL(value), expected,
		stage == ZEND_INI_STAGE_STARTUP ? "the default is used" : "the value is left unchanged");
}

static bool parse_whole(zend_string *value, zend_long min, zend_long max, zend_long *out)
{
	const char *s = ZSTR_VAL(value);
	char *end;
	zend_long v;
	if (ZSTR_LEN(value) == 0 || ZSTR_LEN(value) > 20) {
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

static bool parse_flag(zend_string *value, bool *out)
{
	static const char *const on[] = { "1", "on", "yes", "true", NULL };
	static const char *const off[] = { "0", "off", "no", "false", "", "none", NULL };
	if (name_index(on, ZSTR_VAL(value), ZSTR_LEN(value)) >= 0) {
		*out = true;
		return true;
	}
	if (name_index(off, ZSTR_VAL(value), ZSTR_LEN(value)) >= 0) {
		*out = false;
		return true;
	}
	return false;
}

#define LDB_MAX_MS 3600000

static ZEND_INI_MH(OnUpdateLdbMs)
{
	zend_long v;
	if (!parse_whole(new_value, 1, LDB_MAX_MS, &v)) {
		ini_warn(entry, new_value, "expected milliseconds from 1 to 3600000", stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLdbSeconds)
{
	zend_long v;
	if (!parse_whole(new_value, 0, 86400, &v)) {
		ini_warn(entry, new_value, "expected seconds from 0 to 86400", stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLdbBytes)
{
	zend_long v;
	if (!parse_whole(new_value, 0, INT32_MAX, &v)) {
		ini_warn(entry, new_value, "expected a number of bytes from 0 to 2147483647", stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLdbSizeLimit)
{
	zend_long v;
	if (!parse_whole(new_value, 0, (zend_long)LDB_MAX_VALUE_LEN, &v)) {
		ini_warn(entry, new_value, "expected a number of bytes from 0 (1 GiB) to 1073741824", stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLdbFlag)
{
	bool v;
	if (!parse_flag(new_value, &v)) {
		ini_warn(entry, new_value, "expected On or Off", stage);
		return FAILURE;
	}
	*(bool *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

/* mh_arg3 holds the list of accepted names */
static ZEND_INI_MH(OnUpdateLdbEnum)
{
	const char *const *names = (const char *const *)mh_arg3;
	int i = name_index(names, ZSTR_VAL(new_value), ZSTR_LEN(new_value));
	if (i < 0) {
		char expected[128] = "expected one of";
		for (int k = 0; names[k]; k++) {
			strlcat(expected, k ? ", " : " ", sizeof(expected));
			strlcat(expected, names[k], sizeof(expected));
		}
		ini_warn(entry, new_value, expected, stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = i;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLdbServers)
{
	ldb_addr addrs[LDB_MAX_SERVERS];
	char err[LDB_ERR_MAX];
	if (ZSTR_LEN(new_value) && ldb_addrs_parse(ZSTR_VAL(new_value), ZSTR_LEN(new_value), addrs, LDB_MAX_SERVERS, err, sizeof(err)) < 0) {
		ini_warn(entry, new_value, err, stage);
		return FAILURE;
	}
	return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateLdbPrefix)
{
	if (ZSTR_LEN(new_value) && (ZSTR_LEN(new_value) >= LDB_MAX_KEY || ldb_key_check(ZSTR_VAL(new_value), ZSTR_LEN(new_value)) != 0)) {
		ini_warn(entry, new_value, "a prefix has fewer than 250 bytes and no space or control character", stage);
		return FAILURE;
	}
	return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* localdb.session_lock_wait: 0 tries once and does not wait */
static ZEND_INI_MH(OnUpdateLdbWaitMs)
{
	zend_long v;
	if (!parse_whole(new_value, 0, LDB_MAX_MS, &v)) {
		ini_warn(entry, new_value, "expected milliseconds from 0 to 3600000", stage);
		return FAILURE;
	}
	*(zend_long *)ZEND_INI_GET_ADDR() = v;
	return SUCCESS;
}

#define LDB_GLOBALS_PTR ((void *)&localdb_globals)	/* no ZTS: php_localdb.h */
#define LDB_INI_ENUM(name, def, field, names) \
	ZEND_INI_ENTRY3(name, def, PHP_INI_ALL, OnUpdateLdbEnum, (void *)XtOffsetOf(zend_localdb_globals, field), LDB_GLOBALS_PTR, (void *)names)

PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("localdb.servers",               "",          PHP_INI_ALL,    OnUpdateLdbServers, servers,               zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.connect_timeout",       "250",       PHP_INI_ALL,    OnUpdateLdbMs,      connect_timeout,       zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.timeout",               "500",       PHP_INI_ALL,    OnUpdateLdbMs,      timeout,               zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.retry_interval",        "10",        PHP_INI_ALL,    OnUpdateLdbSeconds, retry_interval,        zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.failback",              "1",         PHP_INI_ALL,    OnUpdateLdbFlag,    failback,              zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.persistent",            "1",         PHP_INI_ALL,    OnUpdateLdbFlag,    persistent,            zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.shared_health",         "1",         PHP_INI_SYSTEM, OnUpdateLdbFlag,    shared_health,         zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.exceptions",            "1",         PHP_INI_ALL,    OnUpdateLdbFlag,    exceptions,            zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.log_failover",          "1",         PHP_INI_ALL,    OnUpdateLdbFlag,    log_failover,          zend_localdb_globals, localdb_globals)
	LDB_INI_ENUM("localdb.backend",                    "memcached", backend,     backend_names)
	LDB_INI_ENUM("localdb.serializer",                 "php",       serializer,  serializer_names)
	LDB_INI_ENUM("localdb.compression",                "fastlz",    compression, compression_names)
	STD_PHP_INI_ENTRY("localdb.compression_threshold", "2000",      PHP_INI_ALL,    OnUpdateLdbBytes,   compression_threshold, zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.item_size_limit",       "0",         PHP_INI_ALL,    OnUpdateLdbSizeLimit, item_size_limit,     zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.prefix",                "",          PHP_INI_ALL,    OnUpdateLdbPrefix,  prefix,                zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.session_locking",       "1",         PHP_INI_ALL,    OnUpdateLdbFlag,    session_locking,       zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.session_lock_wait",     "30000",     PHP_INI_ALL,    OnUpdateLdbWaitMs,  session_lock_wait,     zend_localdb_globals, localdb_globals)
	STD_PHP_INI_ENTRY("localdb.session_prefix",        "ldb.sess.", PHP_INI_ALL,    OnUpdateLdbPrefix,  session_prefix,        zend_localdb_globals, localdb_globals)
PHP_INI_END()

/* ---- errors ---- */

static void set_last_error(localdb_object *o, zend_long code, const char *msg)
{
	if (o->last_error) {
		zend_string_release(o->last_error);
	}
	o->last_code = code;
	o->last_error = msg ? zend_string_init(msg, strlen(msg), 0) : NULL;
}

static inline void clear_last_error(localdb_object *o)
{
	if (o->last_code) {
		set_last_error(o, 0, NULL);
	}
}

/* A failure of the group: remember it, and throw when the handle says so.
 * Returns true when an exception was thrown. */
static bool report(localdb_object *o, ldb_rc rc)
{
	const char *msg;
	zend_long code;
	ldb_group_error(o->group, &msg);
	switch (rc) {
		case LDB_NO_SERVER:       code = LDB_E_NO_SERVER; break;
		case LDB_OUTCOME_UNKNOWN: code = LDB_E_OUTCOME_UNKNOWN; break;
		case LDB_UNSUPPORTED:     code = LDB_E_UNSUPPORTED; break;
		case LDB_SERVER_ERROR:    code = LDB_E_SERVER_ERROR; break;
		case LDB_OK: case LDB_MISS: case LDB_NOT_STORED: case LDB_EXISTS: case LDB_NOT_NUMERIC:
			/* answers, not failures */
			return false;
		default:
			/* an answer that means false, with a reason worth keeping (too large, refused) */
			set_last_error(o, 0, msg);
			return false;
	}
	set_last_error(o, code, msg);
	if (o->exceptions || rc == LDB_UNSUPPORTED) {
		zend_throw_exception_ex(localdb_exception_ce, code, "LocalDb: %s", msg);
		return true;
	}
	return false;
}

/* A value that cannot be encoded or decoded: an exception, or with exceptions
 * off a warning (the value reads as a miss). Returns true when it threw. */
static bool codec_error(localdb_object *o, const char *msg)
{
	set_last_error(o, LDB_E_BAD_VALUE, msg);
	if (EG(exception)) {
		/* exit() inside __wakeup: already unwinding */
		return true;
	}
	if (o->exceptions) {
		zend_throw_exception_ex(localdb_exception_ce, LDB_E_BAD_VALUE, "LocalDb: %s", msg);
		return true;
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
		zend_argument_value_error(arg, "must be at most %zu bytes once encoded (localdb.item_size_limit), %zu given", max, len);
		return false;
	}
	return true;
}

static bool check_ttl(zend_long ttl, uint32_t arg)
{
	if (ttl < 0 || ttl > UINT32_MAX) {
		zend_argument_value_error(arg, "must be from 0 (never expires) to 4294967295; up to 2592000 (30 days) it counts seconds from now, above that it is a Unix time");
		return false;
	}
	return true;
}

static int option_long(zend_string *name, zval *v, zend_long min, zend_long max, zend_long *out)
{
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_type_error("LocalDb option \"%s\" must be of type int, %s given", ZSTR_VAL(name), zend_zval_type_name(v));
		return FAILURE;
	}
	if (Z_LVAL_P(v) < min || Z_LVAL_P(v) > max) {
		zend_value_error("LocalDb option \"%s\" must be from " ZEND_LONG_FMT " to " ZEND_LONG_FMT, ZSTR_VAL(name), min, max);
		return FAILURE;
	}
	*out = Z_LVAL_P(v);
	return SUCCESS;
}

static int option_bool(zend_string *name, zval *v, bool *out)
{
	if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
		zend_type_error("LocalDb option \"%s\" must be of type bool, %s given", ZSTR_VAL(name), zend_zval_type_name(v));
		return FAILURE;
	}
	*out = Z_TYPE_P(v) == IS_TRUE;
	return SUCCESS;
}

static int option_enum(zend_string *name, zval *v, const char *const *names, zend_long *out)
{
	int i;
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_type_error("LocalDb option \"%s\" must be of type string, %s given", ZSTR_VAL(name), zend_zval_type_name(v));
		return FAILURE;
	}
	if ((i = name_index(names, Z_STRVAL_P(v), Z_STRLEN_P(v))) < 0) {
		zend_value_error("LocalDb option \"%s\" does not accept \"%s\"", ZSTR_VAL(name), Z_STRVAL_P(v));
		return FAILURE;
	}
	*out = i;
	return SUCCESS;
}

typedef struct {
	zend_long connect_timeout, timeout, retry_interval, backend, serializer, compression, compression_threshold, item_size_limit;
	bool failback, persistent, exceptions, log_failover;
	zend_string *prefix;    /* borrowed */
	zval *servers;          /* borrowed, from the options */
	HashTable *allowed_classes; /* owned until handed to the handle; NULL: every class */
} handle_options;

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
		int r;
		if (!name) {
			zend_argument_value_error(2, "must be an array of option names to values (the localdb.* php.ini names without \"localdb.\")");
			return FAILURE;
		}
		ZVAL_DEREF(v);
		if (zend_string_equals_literal(name, "connect_timeout")) {
			r = option_long(name, v, 1, LDB_MAX_MS, &h->connect_timeout);
		} else if (zend_string_equals_literal(name, "timeout")) {
			r = option_long(name, v, 1, LDB_MAX_MS, &h->timeout);
		} else if (zend_string_equals_literal(name, "retry_interval")) {
			r = option_long(name, v, 0, 86400, &h->retry_interval);
		} else if (zend_string_equals_literal(name, "compression_threshold")) {
			r = option_long(name, v, 0, INT32_MAX, &h->compression_threshold);
		} else if (zend_string_equals_literal(name, "item_size_limit")) {
			r = option_long(name, v, 0, (zend_long)LDB_MAX_VALUE_LEN, &h->item_size_limit);
		} else if (zend_string_equals_literal(name, "failback")) {
			r = option_bool(name, v, &h->failback);
		} else if (zend_string_equals_literal(name, "persistent")) {
			r = option_bool(name, v, &h->persistent);
		} else if (zend_string_equals_literal(name, "exceptions")) {
			r = option_bool(name, v, &h->exceptions);
		} else if (zend_string_equals_literal(name, "log_failover")) {
			r = option_bool(name, v, &h->log_failover);
		} else if (zend_string_equals_literal(name, "backend")) {
			r = option_enum(name, v, backend_names, &h->backend);
		} else if (zend_string_equals_literal(name, "serializer")) {
			r = option_enum(name, v, serializer_names, &h->serializer);
		} else if (zend_string_equals_literal(name, "compression")) {
			r = option_enum(name, v, compression_names, &h->compression);
		} else if (zend_string_equals_literal(name, "prefix")) {
			if (Z_TYPE_P(v) != IS_STRING) {
				zend_type_error("LocalDb option \"prefix\" must be of type string, %s given", zend_zval_type_name(v));
				return FAILURE;
			}
			if (Z_STRLEN_P(v) && (Z_STRLEN_P(v) >= LDB_MAX_KEY || ldb_key_check(Z_STRVAL_P(v), Z_STRLEN_P(v)) != 0)) {
				zend_value_error("LocalDb option \"prefix\" must have fewer than 250 bytes and no whitespace or control character");
				return FAILURE;
			}
			h->prefix = Z_STR_P(v);
			r = SUCCESS;
		} else if (zend_string_equals_literal(name, "servers")) {
			h->servers = v;
			r = SUCCESS;
		} else if (zend_string_equals_literal(name, "allowed_classes")) {
			if (h->allowed_classes) {
				zend_array_release(h->allowed_classes);
				h->allowed_classes = NULL;
			}
			r = option_classes(name, v, &h->allowed_classes);
		} else if (zend_string_equals_literal(name, "shared_health")) {
			bool b = false;
			r = option_bool(name, v, &b);
			if (r == SUCCESS && b != LOCALDB_G(shared_health)) {
				zend_value_error("LocalDb option \"shared_health\" is decided once per process: set localdb.shared_health in php.ini");
				r = FAILURE;
			}
		} else {
			zend_value_error("LocalDb: unknown option \"%s\" (options are the localdb.* php.ini names without \"localdb.\")", ZSTR_VAL(name));
			r = FAILURE;
		}
		if (r != SUCCESS) {
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

/* Servers as a string "h:p,h:p", a list of "h:p", or a list of [host, port]. */
static int parse_servers(zval *servers, uint32_t arg, ldb_addr *addrs, int *n)
{
	char err[LDB_ERR_MAX];
	zval *item;
	if (!servers || Z_TYPE_P(servers) == IS_NULL) {
		const char *ini = LOCALDB_G(servers);
		if (!ini || !*ini) {
			zend_argument_value_error(arg, "must name at least one server: none given and localdb.servers is empty");
			return FAILURE;
		}
		*n = ldb_addrs_parse(ini, strlen(ini), addrs, LDB_MAX_SERVERS, err, sizeof(err));
		if (*n < 0) {
			zend_value_error("localdb.servers: %s", err);
			return FAILURE;
		}
		return SUCCESS;
	}
	if (Z_TYPE_P(servers) == IS_STRING) {
		*n = ldb_addrs_parse(Z_STRVAL_P(servers), Z_STRLEN_P(servers), addrs, LDB_MAX_SERVERS, err, sizeof(err));
		if (*n < 0) {
			zend_argument_value_error(arg, "%s", err);
			return FAILURE;
		}
		return SUCCESS;
	}
	if (Z_TYPE_P(servers) != IS_ARRAY) {
		zend_argument_type_error(arg, "must be of type array|string|null, %s given", zend_zval_type_name(servers));
		return FAILURE;
	}
	*n = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(servers), item) {
		ZVAL_DEREF(item);
		if (*n == LDB_MAX_SERVERS) {
			zend_argument_value_error(arg, "must name at most %d servers", LDB_MAX_SERVERS);
			return FAILURE;
		}
		if (Z_TYPE_P(item) == IS_STRING) {
			if (ldb_addr_parse(Z_STRVAL_P(item), Z_STRLEN_P(item), &addrs[*n], err, sizeof(err)) != 0) {
				zend_argument_value_error(arg, "%s", err);
				return FAILURE;
			}
		} else if (Z_TYPE_P(item) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(item)) == 2) {
			zval *host = zend_hash_index_find_deref(Z_ARRVAL_P(item), 0);
			zval *port = zend_hash_index_find_deref(Z_ARRVAL_P(item), 1);
			char buf[LDB_HOST_MAX + 16];
			bool v6;
			if (!host || !port || Z_TYPE_P(host) != IS_STRING || Z_TYPE_P(port) != IS_LONG) {
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
			if (ldb_addr_parse(buf, strlen(buf), &addrs[*n], err, sizeof(err)) != 0) {
				zend_argument_value_error(arg, "%s", err);
				return FAILURE;
			}
		} else {
			zend_argument_type_error(arg, "must hold \"host:port\" strings or [host, port] pairs, %s given", zend_zval_type_name(item));
			return FAILURE;
		}
		(*n)++;
	} ZEND_HASH_FOREACH_END();
	if (*n == 0) {
		zend_argument_value_error(arg, "must name at least one server");
		return FAILURE;
	}
	return SUCCESS;
}

static int handle_init(localdb_object *o, zval *servers, HashTable *opts)
{
	handle_options h;
	ldb_addr addrs[LDB_MAX_SERVERS];
	ldb_config cfg;
	char err[LDB_ERR_MAX];
	int n;

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
	if (parse_servers(servers, 1, addrs, &n) != SUCCESS) {
		goto fail;
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
	o->group = ldb_pool_group(addrs, n, &cfg, err, sizeof(err));
	if (!o->group) {
		zend_throw_exception_ex(localdb_exception_ce, LDB_E_NO_SERVER, "LocalDb: %s", err);
		goto fail;
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
	if (o->prefix) {
		zend_string_release(o->prefix);
	}
	if (o->last_error) {
		zend_string_release(o->last_error);
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
	}
	c->raw[index] = zend_string_init(val, len, 0);
	c->flags[index] = flags;
}

/* Decode into rv; false after recording the reason (and throwing). */
static bool decode_into(localdb_object *o, zend_string *raw, uint32_t flags, zval *rv)
{
	char err[200];
	if (!o->codec.tyrant && flags == 0) {
		/* a plain string: the bytes read are the value */
		ZVAL_STR_COPY(rv, raw);
		return true;
	}
	if (ldb_decode(&o->codec, ZSTR_VAL(raw), ZSTR_LEN(raw), flags, rv, err, sizeof(err)) != SUCCESS) {
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
	ldb_rc rc;
	collect_ctx c = { &raw, &flags, 1 };

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	clear_last_error(o);
	rc = ldb_get(o->group, k, klen, collect_value, &c);
	if (rc == LDB_OK && raw) {
		if (!decode_into(o, raw, flags, return_value) && !EG(exception)) {
			RETVAL_NULL();
		}
		zend_string_release(raw);
		return;
	}
	if (raw) {
		zend_string_release(raw);
	}
	if (rc != LDB_OK && rc != LDB_MISS && report(o, rc)) {
		RETURN_THROWS();
	}
	RETURN_NULL();
}

/* Checked wire keys for an array of keys (values of $keys, or keys of $items). */
typedef struct {
	ldb_item *items;
	zend_string **names;   /* the caller's keys, for the result */
	char *buf;             /* prefixed keys */
	size_t n;
} key_list;

static void key_list_free(key_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->names[i]) {
			zend_string_release(l->names[i]);
		}
	}
	efree(l->items);
	efree(l->names);
	if (l->buf) {
		efree(l->buf);
	}
}

static int key_list_add(localdb_object *o, key_list *l, zend_string *key, uint32_t arg)
{
	size_t plen = o->prefix ? ZSTR_LEN(o->prefix) : 0;
	char tmp[LDB_MAX_KEY + 1];
	size_t len;
	const char *k = wire_key(o, key, arg, tmp, &len);
	if (!k) {
		return FAILURE;
	}
	l->names[l->n] = zend_string_copy(key);
	if (plen) {
		char *dst = l->buf + l->n * (LDB_MAX_KEY + 1);
		memcpy(dst, k, len);
		k = dst;
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
	l->buf = o->prefix ? emalloc((cap ? cap : 1) * (LDB_MAX_KEY + 1)) : NULL;
	l->n = 0;
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
	collect_ctx c;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (keys_from_values(o, keys, &l) != SUCCESS) {
		key_list_free(&l);
		RETURN_THROWS();
	}
	clear_last_error(o);
	c.n = l.n;
	c.raw = ecalloc(l.n ? l.n : 1, sizeof(zend_string *));
	c.flags = ecalloc(l.n ? l.n : 1, sizeof(uint32_t));
	rc = ldb_get_multi(o->group, l.items, l.n, collect_value, &c);
	if (rc == LDB_OK) {
		array_init_size(return_value, (uint32_t)l.n);
		for (size_t i = 0; i < l.n; i++) {
			zval v;
			if (!c.raw[i]) {
				continue;
			}
			if (!EG(exception) && decode_into(o, c.raw[i], c.flags[i], &v)) {
				zend_symtable_update(Z_ARRVAL_P(return_value), l.names[i], &v);
			}
		}
	}
	collect_value(&c, (size_t)-1, NULL, 0, 0);
	efree(c.raw);
	efree(c.flags);
	key_list_free(&l);
	if (EG(exception)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
	if (rc != LDB_OK) {
		if (report(o, rc)) {
			RETURN_THROWS();
		}
		RETURN_EMPTY_ARRAY();
	}
}

/* ---- writing ---- */

static void store(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key, *data = NULL;
	zval *value;
	zend_long ttl = 0;
	char buf[LDB_MAX_KEY + 1], err[200];
	ldb_item it;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(key)
		Z_PARAM_ZVAL(value)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(it.key = wire_key(o, key, 1, buf, &it.key_len)) || !check_ttl(ttl, 3)) {
		RETURN_THROWS();
	}
	clear_last_error(o);
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
	rc = ldb_store(o->group, op, &it);
	zend_string_release(data);
	if (rc == LDB_OK) {
		RETURN_TRUE;
	}
	if (report(o, rc)) {
		RETURN_THROWS();
	}
	RETURN_FALSE;
}

PHP_METHOD(LocalDb, set) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_SET); }
PHP_METHOD(LocalDb, add) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_ADD); }
PHP_METHOD(LocalDb, replace) { store(INTERNAL_FUNCTION_PARAM_PASSTHRU, LDB_OP_REPLACE); }

static void concat(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key, *value;
	char buf[LDB_MAX_KEY + 1];
	ldb_item it;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_STR(value)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(it.key = wire_key(o, key, 1, buf, &it.key_len)) || !value_fits(o, ZSTR_LEN(value), 2)) {
		RETURN_THROWS();
	}
	clear_last_error(o);
	/* raw bytes: appending to an encoded value would corrupt it, and on a
	 * plain string (flags 0) they are simply more of the string */
	it.val = ZSTR_VAL(value);
	it.val_len = ZSTR_LEN(value);
	it.flags = 0;
	it.exptime = 0;
	rc = ldb_store(o->group, op, &it);
	if (rc == LDB_OK) {
		RETURN_TRUE;
	}
	if (report(o, rc)) {
		RETURN_THROWS();
	}
	RETURN_FALSE;
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
	char err[200];
	ldb_rc rc;
	bool ok = true;
	size_t i = 0;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ARRAY_HT(items)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!check_ttl(ttl, 2)) {
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
		if (!value_fits(o, ZSTR_LEN(data[i]), 1)) {
			i++;
			ok = false;
			goto out;
		}
		l.items[i].val = ZSTR_VAL(data[i]);
		l.items[i].val_len = ZSTR_LEN(data[i]);
		l.items[i].exptime = (uint32_t)ttl;
		i++;
	} ZEND_HASH_FOREACH_END();
	clear_last_error(o);
	rc = ldb_store_multi(o->group, LDB_OP_SET, l.items, l.n);
	if (rc != LDB_OK) {
		ok = false;
		report(o, rc);
	} else {
		for (size_t k = 0; k < l.n; k++) {
			if (l.items[k].rc != LDB_OK) {
				if (ok) {
					char msg[300];
					snprintf(msg, sizeof(msg), "%s: %s", ZSTR_VAL(l.names[k]), ldb_rc_name(l.items[k].rc));
					set_last_error(o, 0, msg);
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
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(key)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	clear_last_error(o);
	rc = ldb_delete(o->group, k, klen);
	if (rc == LDB_OK) {
		RETURN_TRUE;
	}
	if (report(o, rc)) {
		RETURN_THROWS();
	}
	RETURN_FALSE;
}

PHP_METHOD(LocalDb, deleteMulti)
{
	HashTable *keys;
	key_list l;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(keys)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (keys_from_values(o, keys, &l) != SUCCESS) {
		key_list_free(&l);
		RETURN_THROWS();
	}
	clear_last_error(o);
	rc = ldb_store_multi(o->group, LDB_OP_DELETE, l.items, l.n);
	if (rc != LDB_OK && report(o, rc)) {
		key_list_free(&l);
		RETURN_THROWS();
	}
	if (rc != LDB_OK && rc != LDB_SERVER_ERROR && rc != LDB_CLIENT_ERROR) {
		key_list_free(&l);
		RETURN_EMPTY_ARRAY();
	}
	/* every key, false where it was not deleted (a server refused it: SERVER_ERROR) */
	array_init_size(return_value, (uint32_t)l.n);
	for (size_t i = 0; i < l.n; i++) {
		zval b;
		ZVAL_BOOL(&b, l.items[i].rc == LDB_OK);
		zend_symtable_update(Z_ARRVAL_P(return_value), l.names[i], &b);
	}
	key_list_free(&l);
}

static void arith(INTERNAL_FUNCTION_PARAMETERS, ldb_op op)
{
	zend_string *key;
	zend_long by = 1;
	char buf[LDB_MAX_KEY + 1];
	const char *k;
	size_t klen;
	uint64_t value = 0;
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(key)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(by)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(k = wire_key(o, key, 1, buf, &klen))) {
		RETURN_THROWS();
	}
	if (by < 0) {
		zend_argument_value_error(2, "must be greater than or equal to 0 (use %s to go the other way)", op == LDB_OP_INCR ? "decr()" : "incr()");
		RETURN_THROWS();
	}
	clear_last_error(o);
	rc = ldb_arith(o->group, op, k, klen, (uint64_t)by, &value);
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
	if (rc != LDB_MISS && rc != LDB_NOT_NUMERIC && report(o, rc)) {
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
	ldb_rc rc;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(key)
		Z_PARAM_LONG(ttl)
	ZEND_PARSE_PARAMETERS_END();
	LDB_THIS(o);
	if (!(k = wire_key(o, key, 1, buf, &klen)) || !check_ttl(ttl, 2)) {
		RETURN_THROWS();
	}
	clear_last_error(o);
	rc = ldb_touch(o->group, k, klen, (uint32_t)ttl);
	if (rc == LDB_OK) {
		RETURN_TRUE;
	}
	if (report(o, rc)) {
		RETURN_THROWS();
	}
	RETURN_FALSE;
}

/* ---- introspection ---- */

PHP_METHOD(LocalDb, server)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	RETURN_STRING(ldb_group_current(o->group));
}

PHP_METHOD(LocalDb, servers)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	array_init_size(return_value, (uint32_t)ldb_group_size(o->group));
	for (int i = 0; i < ldb_group_size(o->group); i++) {
		ldb_server_info si;
		zval s;
		static const char *const states[] = { "up", "down", "probing" };
		ldb_group_server_info(o->group, i, &si);
		array_init(&s);
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
	if (!o->last_error) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(o->last_error);
}

PHP_METHOD(LocalDb, lastErrorCode)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
	RETURN_LONG(o->last_code);
}

PHP_METHOD(LocalDb, __toString)
{
	ZEND_PARSE_PARAMETERS_NONE();
	LDB_THIS(o);
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
	for (int i = 0; (g = ldb_pool_group_at(i)) != NULL; i++) {
		snprintf(buf, sizeof(buf), "Group %d", i + 1);
		php_info_print_table_row(2, buf, ldb_group_key(g));
	}
	ldb_session_minfo();   /* sessions */
	php_info_print_table_end();

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
