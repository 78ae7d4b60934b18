--TEST--
A failure that cost no time (refused, EOF on a kept connection) does not shut the server out of the rest of the request; a timeout does
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$f = ldb_test_time_factor();
[$mc] = ldb_test_memcached(1);
$db = new LocalDb([$mc], ['exceptions' => false]);
var_dump($db->set('k', 'v'));
ldb_test_kill($mc);
$failed = microtime(true);
var_dump($db->get('k'));           /* EOF on the kept connection, then refused: no wait */
ldb_test_restart($mc);
ldb_test_raw($mc, "set k 0 0 2\r\nv2\r\n");
var_dump($db->get('k'));           /* the server is back: served at once */
$after = microtime(true) - $failed;
echo $after < 1.0 ? "within a second of the failure\n" : "restart took $after s: the test proves nothing\n";

/* a server that made the request wait is not waited for again in this request */
[$hung] = ldb_test_memcached(1);
$db = new LocalDb([$hung], ['exceptions' => false, 'timeout' => 200]);
ldb_test_kill($hung, SIGSTOP);
$t = microtime(true);
var_dump($db->get('k'));
$first = microtime(true) - $t;
$t = microtime(true);
var_dump($db->get('k'));
$second = microtime(true) - $t;
echo $first >= 0.19 && $second < 0.1 * $f ? "waited once\n" : "first $first s, second $second s\n";
ldb_test_kill($hung, SIGCONT);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
NULL
string(2) "v2"
within a second of the failure
NULL
NULL
waited once
