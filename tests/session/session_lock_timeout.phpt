--TEST--
Sessions: a request that cannot get the lock within localdb.session_lock_wait fails session_start() with a warning and writes nothing; the lock is released only by its owner
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
localdb.log_failover=Off
localdb.session_lock_wait=400
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
ini_set('session.save_path', "$a,$b");
/* the session, and a lock some other request holds on the first server */
ldb_test_raw($a, "set ldb.sess.s1 0 0 15\r\n\0LS1 0 7\nn|i:7;\r\n");
ldb_test_raw($a, "set ldb.sess.s1.lock 0 60 5\r\nother\r\n");

session_id('s1');
$t = microtime(true);
var_dump(session_start());
$took = microtime(true) - $t;
var_dump($took >= 0.39 && $took < 3 * ldb_test_time_factor(), session_status() === PHP_SESSION_NONE);
$_SESSION = ['n' => 0];
session_write_close();
/* nothing written, the other request's lock untouched */
var_dump(ldb_test_peek($a, 'ldb.sess.s1') === "\0LS1 0 7\nn|i:7;", ldb_test_peek($b, 'ldb.sess.s1'));
var_dump(ldb_test_peek($a, 'ldb.sess.s1.lock'), ldb_test_peek($b, 'ldb.sess.s1.lock'));
$info = (function () { ob_start(); phpinfo(INFO_MODULES); return ob_get_clean(); })();
preg_match_all('/Session lock (waits|timeouts) \(this process\) => (\d+)/', $info, $m, PREG_SET_ORDER);
foreach ($m as [, $what, $n]) {
	echo "lock $what: $n\n";
}

/* the lock goes away (its owner released it): the next start gets it */
ldb_test_raw($a, "delete ldb.sess.s1.lock\r\n");
session_id('s1');
var_dump(session_start(), $_SESSION);
/* another request's lock appears on a server while we hold ours: closing leaves it alone */
ldb_test_raw($b, "set ldb.sess.s1.lock 0 60 5\r\nthief\r\n");
session_write_close();
var_dump(ldb_test_peek($a, 'ldb.sess.s1.lock'), ldb_test_peek($b, 'ldb.sess.s1.lock'));

/* lock_wait 0: one try, no wait */
ldb_test_raw($a, "set ldb.sess.s1.lock 0 60 5\r\nother\r\n");
ini_set('localdb.session_lock_wait', '0');
$t = microtime(true);
session_id('s1');
var_dump(@session_start(), microtime(true) - $t < 0.2 * ldb_test_time_factor());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
Warning: session_start(): LocalDb session: session s1 is locked by another request; gave up after localdb.session_lock_wait (400 ms) in %s on line %d

Warning: session_start(): Failed to read session data: localdb (path: %s) in %s on line %d
bool(false)
bool(true)
bool(true)
bool(true)
NULL
string(5) "other"
NULL
lock waits: 1
lock timeouts: 1
bool(true)
array(1) {
  ["n"]=>
  int(7)
}
NULL
string(5) "thief"
bool(false)
bool(true)
