#ifndef PHP_LOCALDB_H
#define PHP_LOCALDB_H

extern zend_module_entry localdb_module_entry;
#define phpext_localdb_ptr &localdb_module_entry

#define PHP_LOCALDB_VERSION "0.2.0"

/* config.m4 refuses thread-safe PHP; this stops builds that bypass it (an
 * in-tree build, config.w32): health, connections and the pool are per
 * process and not synchronised between threads. */
#ifdef ZTS
# error "LocalDb does not support thread-safe (ZTS) PHP builds; use a non-thread-safe PHP"
#endif

/* LocalDbException codes */
#define LDB_E_NO_SERVER       1
#define LDB_E_OUTCOME_UNKNOWN 2
#define LDB_E_UNSUPPORTED     3
#define LDB_E_BAD_VALUE       4
#define LDB_E_SERVER_ERROR    5

/* LocalDb::RES_* result codes: php-memcached's values where it has the same
 * code (Memcached::RES_*), LocalDb's own from 1001 on. */
#define LDB_RES_SUCCESS           0
#define LDB_RES_FAILURE           1     /* Memcached::RES_FAILURE */
#define LDB_RES_CLIENT_ERROR      9     /* Memcached::RES_CLIENT_ERROR */
#define LDB_RES_SERVER_ERROR      10    /* Memcached::RES_SERVER_ERROR */
#define LDB_RES_DATA_EXISTS       12    /* Memcached::RES_DATA_EXISTS */
#define LDB_RES_NOTSTORED         14    /* Memcached::RES_NOTSTORED */
#define LDB_RES_NOTFOUND          16    /* Memcached::RES_NOTFOUND */
#define LDB_RES_NO_SERVERS        20    /* Memcached::RES_NO_SERVERS */
#define LDB_RES_UNSUPPORTED       28    /* Memcached::RES_NOT_SUPPORTED */
#define LDB_RES_E2BIG             37    /* Memcached::RES_E2BIG */
#define LDB_RES_INVALID_ARGUMENTS 38    /* Memcached::RES_INVALID_ARGUMENTS */
#define LDB_RES_BAD_VALUE         (-1001) /* Memcached::RES_PAYLOAD_FAILURE */
#define LDB_RES_NOT_NUMERIC       1001
#define LDB_RES_OUTCOME_UNKNOWN   1002

ZEND_BEGIN_MODULE_GLOBALS(localdb)
	char *servers;
	zend_long connect_timeout;
	zend_long timeout;
	zend_long retry_interval;
	bool failback;
	bool persistent;
	bool shared_health;
	bool exceptions;
	bool log_failover;
	bool rejoin_clean;
	zend_long backend;
	zend_long serializer;
	zend_long compression;
	zend_long compression_threshold;
	zend_long item_size_limit;
	char *prefix;
	/* sessions (src/php/ldb_session.c) */
	bool session_locking;
	zend_long session_lock_wait;
	char *session_prefix;
ZEND_END_MODULE_GLOBALS(localdb)

ZEND_EXTERN_MODULE_GLOBALS(localdb)
#define LOCALDB_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(localdb, v)

extern zend_class_entry *localdb_ce;
extern zend_class_entry *localdb_exception_ce;

#endif
