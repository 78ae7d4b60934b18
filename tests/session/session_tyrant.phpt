--TEST--
Sessions, backend=tyrant: the current server only; expiry travels in the value and an expired session reads as missing; update_timestamp sets again; a lock past its expiry is taken over
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
session.lazy_write=1
localdb.backend=tyrant
localdb.log_failover=Off
localdb.session_lock_wait=300
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* session ini entries cannot change once output has sent the headers */
ob_start();
$t1 = ldb_test_fixture('tyrant');
$t2 = ldb_test_fixture('tyrant');
ini_set('session.save_path', "$t1,$t2");
function header_of(?string $v): ?array
{
	return $v !== null && preg_match('/^\0LS1 (\d+) (\d+)\n/', $v, $m) ? [(int) $m[1], (int) $m[2]] : null;
}

ini_set('session.gc_maxlifetime', '100');
session_id('t1');
session_start();
$_SESSION['n'] = 1;
session_write_close();
[$expiry, $version] = header_of(ldb_test_peek($t1, 'ldb.sess.t1'));
var_dump(abs($expiry - (time() + 100)) <= 2, $version, ldb_test_peek($t2, 'ldb.sess.t1'));
/* the lock is gone: Tyrant keeps no expiry, so a lock left behind would stay */
var_dump(ldb_test_peek($t1, 'ldb.sess.t1.lock'));

/* unchanged data with lazy_write: update_timestamp sets it again with a later expiry */
ini_set('session.gc_maxlifetime', '1000');
session_id('t1');
session_start();
session_write_close();
[$expiry2, $version2] = header_of(ldb_test_peek($t1, 'ldb.sess.t1'));
var_dump(abs($expiry2 - (time() + 1000)) <= 2, $version2);

/* a lock whose expiry (in its value) has passed is taken over; a live one is not */
ldb_test_raw($t1, "set ldb.sess.t1.lock 0 0 14\r\nold 1000000000\r\n");
session_id('t1');
var_dump(session_start(), $_SESSION);
session_write_close();
var_dump(ldb_test_peek($t1, 'ldb.sess.t1.lock'));
$live = 'other ' . (time() + 60);
ldb_test_raw($t1, "set ldb.sess.t1.lock 0 0 " . strlen($live) . "\r\n$live\r\n");
session_id('t1');
var_dump(@session_start());
var_dump(ldb_test_peek($t1, 'ldb.sess.t1.lock') === $live);
ldb_test_raw($t1, "delete ldb.sess.t1.lock\r\n");

/* expired: reads as missing */
$old = "\0LS1 " . (time() - 5) . " 9\nn|i:99;";
ldb_test_raw($t1, "set ldb.sess.t1 0 0 " . strlen($old) . "\r\n$old\r\n");
session_id('t1');
session_start();
var_dump($_SESSION);
session_write_close();
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
int(1)
NULL
NULL
bool(true)
int(1)
bool(true)
array(1) {
  ["n"]=>
  int(1)
}
NULL
bool(false)
bool(true)
array(0) {
}
