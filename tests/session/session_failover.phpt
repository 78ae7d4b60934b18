--TEST--
Sessions, memcached: the server in use is killed mid-session and the session goes on; a server back empty gets the surviving copy; one back with an old copy does not win
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
session.save_handler=localdb
session.use_cookies=0
session.cache_limiter=
session.use_strict_mode=1
localdb.log_failover=Off
localdb.retry_interval=1
localdb.failback=On
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
ini_set('session.save_path', "$a,$b");
$ini = ['session.save_handler' => 'localdb', 'session.save_path' => "$a,$b", 'session.use_cookies' => 0,
	'session.cache_limiter' => '', 'session.use_strict_mode' => 1,
	'localdb.log_failover' => 0, 'localdb.retry_interval' => 1, 'localdb.failback' => 1];
$page = '<?php session_id("f1"); if (!session_start()) { exit("no session\n"); } $_SESSION["n"] = ($_SESSION["n"] ?? 0) + 1; echo session_id(), " n=", $_SESSION["n"], "\n";';
$run = function () use ($page, $ini) {
	[$rc, $out] = ldb_test_php($page, $ini);
	echo $out;
};
/* strict mode: the id must exist first */
ldb_test_raw($a, "set ldb.sess.f1 0 0 0\r\n\r\n");
$run();
$run();
ldb_test_kill($a, SIGKILL);
$run();
$run();
/* it comes back empty; failback makes it current again after retry_interval */
ldb_test_restart($a);
sleep(3);
$run();
$run();
var_dump(str_ends_with((string) ldb_test_peek($a, 'ldb.sess.f1'), 'n|i:6;'), str_ends_with((string) ldb_test_peek($b, 'ldb.sess.f1'), 'n|i:6;'));

/* the server in use stops (its copy stays), the session goes on on the other; it comes back
 * with its old copy and is current again (failback): the newer copy wins */
ldb_test_kill($a, SIGSTOP);
$run();
ldb_test_kill($a, SIGCONT);
sleep(3);
var_dump(str_ends_with((string) ldb_test_peek($a, 'ldb.sess.f1'), 'n|i:6;'));
$run();
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
f1 n=1
f1 n=2
f1 n=3
f1 n=4
f1 n=5
f1 n=6
bool(true)
bool(true)
f1 n=7
bool(true)
f1 n=8
