--TEST--
Sessions, memcached: a lock that could not be given back (its server stopped answering) is given back by its process once the server answers again, not left to block the session until it expires
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=0
localdb.log_failover=Off
localdb.timeout=300
localdb.retry_interval=1
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* session ini entries cannot change once output has sent the headers */
ob_start();
[$a, $b] = ldb_test_memcached(2);
ini_set('session.save_path', "$a,$b");
$child = function () use ($a, $b) {
	[, $out] = ldb_test_php('<?php session_id("o1"); var_dump(@session_start(), $_SESSION["x"] ?? null);', [
		'session.save_handler' => 'localdb', 'session.save_path' => "$a,$b", 'session.use_cookies' => 0,
		'session.cache_limiter' => '', 'localdb.session_lock_wait' => 300, 'localdb.log_failover' => 0]);
	echo $out;
};

session_id('o1');
session_start();
$_SESSION['x'] = 1;
ldb_test_kill($b, SIGSTOP);
session_write_close();
/* a second reply timeout in a row (a request does not wait twice within a second on a
 * server that failed it) marks the server down */
usleep(1100000);
session_id('other');
session_start();
session_write_close();
$db = new LocalDb($b);
var_dump($db->servers()[0]['state']);
ldb_test_kill($b, SIGCONT);
/* the write reached the second server late; the lock is still there, and blocks others */
var_dump((bool) preg_match('/^[0-9a-f]{32} \d+$/', (string) ldb_test_peek($b, 'ldb.sess.o1.lock')), ldb_test_peek($a, 'ldb.sess.o1.lock'));
$child();

/* this process's next sessions probe the server after retry_interval (nothing else here
 * would: the handle above makes no request) and give the lock back once it answers */
$deadline = microtime(true) + 10 * ldb_test_time_factor();
while (ldb_test_peek($b, 'ldb.sess.o1.lock') !== null && microtime(true) < $deadline) {
	session_id('other');
	session_start();
	session_write_close();
	usleep(100000);
}
var_dump(ldb_test_peek($b, 'ldb.sess.o1.lock'));
$child();
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string(4) "down"
bool(true)
NULL
bool(false)
NULL
NULL
bool(true)
int(1)
