/*
 * The session save handler: session.save_handler = localdb.
 *
 * session.save_path names one group of servers in the $servers string syntax (empty:
 * localdb.servers). Keys are localdb.session_prefix + session id; the lock of a session is
 * that key + ".lock".
 *
 * memcached backend: data and lock go to every server of the group that is up; a read asks
 * each of them and takes the newest copy (a version travels in the value), so a failover, or
 * a server that comes back with an old copy, keeps the session. tyrant backend: the group's
 * current server only (the masters replicate each other); expiry travels in the value since
 * Tokyo Tyrant keeps none, and an expired session reads as missing.
 *
 * Locking (localdb.session_locking, On by default): read takes the lock before it reads,
 * close releases it. See ldb_session.c.
 */
#ifndef LDB_SESSION_H
#define LDB_SESSION_H

#include "php.h"

/* MINIT: register the "localdb" save handler with ext/session. */
zend_result ldb_session_minit(void);
/* RSHUTDOWN, before the core's request end: write and close a session of ours still open. */
void ldb_session_rshutdown(void);

/* phpinfo: the handler's rows (its counters) in the table being printed. */
void ldb_session_minfo(void);

#endif
