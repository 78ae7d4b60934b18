--TEST--
Failover: first server black-holed (connect never completes); only the first request waits
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.connect_timeout=250
localdb.retry_interval=60
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$bh = ldb_test_blackhole();
[$b] = ldb_test_memcached(1);
$t = microtime(true);
$db = new LocalDb([$bh, $b]);
var_dump($db->set('k', 'v'));
$first = microtime(true) - $t;
var_dump($db->server() === $b);
/* it waited about connect_timeout, not the kernel's connect timeout */
var_dump($first >= 0.2, $first < 1.5 * ldb_test_time_factor());
/* the old client's fault #2: afterwards no request waits, also on new handles */
$t = microtime(true);
for ($i = 0; $i < 20; $i++) {
	$h = new LocalDb([$bh, $b]);
	if ($h->get('k') !== 'v') {
		echo "wrong answer\n";
	}
}
$rest = microtime(true) - $t;
$limit = 0.5 * ldb_test_time_factor();
var_dump($rest < $limit);
if ($rest >= $limit) {
	echo "20 requests took $rest s\n";
}
var_dump($db->servers()[0]['state']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(4) "down"
