--TEST--
Shards: getMulti over 3 groups when one group's first server black-holes connections: one connect timeout, that group served by its second server, no exception
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$bh = ldb_test_blackhole();
[$a, $b2, $c] = ldb_test_memcached(3);
$keys = array_map(fn($i) => "k$i", range(1, 60));
$db = new LocalDb([[$a], [$bh, $b2], [$c]], ['connect_timeout' => 200, 'retry_interval' => 60, 'log_failover' => false]);
$in_b = array_values(array_filter($keys, fn($k) => $db->server($k) === $bh));
echo "keys of the black-holed group: ", count($in_b) > 5 ? 'some' : count($in_b), "\n";
/* the items, written straight to the server that will serve each key */
foreach ($keys as $k) {
	$srv = $db->server($k) === $bh ? $b2 : $db->server($k);
	ldb_test_raw($srv, "set $k 0 0 " . strlen("v$k") . "\r\nv$k\r\n");
}
$t = microtime(true);
$got = $db->getMulti($keys);
$t = microtime(true) - $t;
echo "served ", count($got), " of ", count($keys), ", right: ", $got == array_combine($keys, array_map(fn($k) => "v$k", $keys)) ? 'yes' : 'no', "\n";
echo "one connect timeout: ", $t >= 0.2 && $t < 0.2 + 0.3 * ldb_test_time_factor() ? 'yes' : $t, "\n";
echo "the group moved to its second server: ", $db->server($in_b[0]) === $b2 ? 'yes' : $db->server($in_b[0]), "\n";
$t = microtime(true);
$got = $db->getMulti($keys);
$t = microtime(true) - $t;
echo "next getMulti: ", count($got), " served, no wait: ", $t < 0.1 * ldb_test_time_factor() ? 'yes' : $t, "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
keys of the black-holed group: some
served 60 of 60, right: yes
one connect timeout: yes
the group moved to its second server: yes
next getMulti: 60 served, no wait: yes
