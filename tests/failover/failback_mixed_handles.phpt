--TEST--
failback On and Off handles on the same servers keep a current server each: after an outage the On handle goes back to the first server, the Off handle stays; one connection per server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.retry_interval=1
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$t0 = ldb_test_stat($b, 'total_connections');
$on = new LocalDb([$a, $b], ['failback' => true]);
$off = new LocalDb([$a, $b], ['failback' => false]);
$on->get('x');
$off->get('x');
ldb_test_kill($a);
$on->get('x');
$off->get('x');
echo "during the outage: on ", $on->server() === $b ? 'b' : 'a', ", off ", $off->server() === $b ? 'b' : 'a', "\n";
ldb_test_restart($a);
$deadline = microtime(true) + 20 * ldb_test_time_factor();
while (microtime(true) < $deadline && $on->server() !== $a) {
	$on->get('x');
	$off->get('x');
	usleep(50000);
}
/* both saw a come back: one server, one health */
echo "after: on ", $on->server() === $a ? 'a' : 'b', ", off ", $off->server() === $b ? 'b' : 'a', "\n";
echo "a: ", $on->servers()[0]['state'], " for both: ", var_export($on->servers()[0]['state'] === $off->servers()[0]['state'], true), "\n";
/* less the stats connection that asks */
echo "connections to b: ", ldb_test_stat($b, 'total_connections') - $t0 - 1, "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
during the outage: on b, off b
after: on a, off b
a: up for both: true
connections to b: 1
