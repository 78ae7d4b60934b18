--TEST--
A reply that arrives after its request timed out is never read as the answer to the next request
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$f = ldb_test_time_factor();
$late = ldb_test_fixture('late', [400]);
ldb_test_raw($late, "set late1 0 0 9\r\nlate-1-v!\r\n");
ldb_test_raw($late, "set k 0 0 3\r\nk-v\r\n");
ldb_test_raw($late, "set k2 0 0 4\r\nk2-v\r\n");
$db = new LocalDb([$late], ['timeout' => 150, 'exceptions' => false, 'retry_interval' => 0]);
var_dump($db->get('late1'));
/* the late reply lands while the next requests run */
$t = microtime(true);
$seen = [];
while (microtime(true) - $t < 0.6 * $f) {
	foreach (['k', 'k2'] as $key) {
		$v = $db->get($key);
		if ($v !== null) {
			$seen[$key][$v] = true;
		}
	}
	usleep(20000);
}
ksort($seen);
foreach ($seen as $key => $values) {
	echo $key, ': ', implode(',', array_keys($values)), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
NULL
k: k-v
k2: k2-v
