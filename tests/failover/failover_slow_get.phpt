--TEST--
Idempotent operations (get, set, delete, replace, touch) move on when the reply times out
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.timeout=200
localdb.retry_interval=60
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set k 0 0 4\r\non b\r\n");
foreach (['get' => fn($db) => $db->get('k'), 'getMulti' => fn($db) => $db->getMulti(['k']),
	'set' => fn($db) => $db->set('s', 'x'), 'replace' => fn($db) => $db->replace('k', 'on b'),
	'delete' => fn($db) => $db->delete('s'), 'touch' => fn($db) => $db->touch('k', 100)] as $name => $op) {
	/* a fresh slow server each time, so that no health is remembered from the case before */
	$slow = ldb_test_fixture('slow', [1500, 'version']);
	$db = new LocalDb([$slow, $b], ['persistent' => false]);
	$t = microtime(true);
	$r = $op($db);
	$took = microtime(true) - $t;
	echo $name, ': ', json_encode($r), ' on b: ', var_export($db->server() === $b, true),
		' waited for the timeout: ', var_export($took >= 0.15 && $took < 1.2 * ldb_test_time_factor(), true), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
get: "on b" on b: true waited for the timeout: true
getMulti: {"k":"on b"} on b: true waited for the timeout: true
set: true on b: true waited for the timeout: true
replace: true on b: true waited for the timeout: true
delete: true on b: true waited for the timeout: true
touch: true on b: true waited for the timeout: true
