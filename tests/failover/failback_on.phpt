--TEST--
failback On: the first server takes over again once it is back
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.failback=On
localdb.retry_interval=1
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
ldb_test_kill($a);
var_dump($db->set('k', 'on b'), $db->server() === $b);
ldb_test_restart($a);
ldb_test_raw($a, "set where 0 0 4\r\non a\r\n");
$deadline = microtime(true) + 20;
while (microtime(true) < $deadline && $db->server() !== $a) {
	$db->get('k');
	usleep(100000);
}
/* back on a; k, written to b while a was out, was deleted from a before it served */
var_dump($db->server() === $a, $db->get('where'), $db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
string(4) "on a"
NULL
