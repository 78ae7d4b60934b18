--TEST--
Shards: getMulti/setMulti/deleteMulti over 4 groups with one group down: the others' keys are served; the exception names the failed keys
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$s = ldb_test_memcached(4);
$opts = ['retry_interval' => 60, 'log_failover' => false, 'connect_timeout' => 200];
$db = new LocalDb([[$s[0]], [$s[1]], [$s[2]], [$s[3]]], $opts);
$keys = array_map(fn($i) => "k$i", range(1, 100));
$items = array_combine($keys, array_map(fn($k) => "value of $k", $keys));
var_dump($db->setMulti($items));
$down = array_values(array_filter($keys, fn($k) => $db->server($k) === $s[2]));
$up = array_values(array_diff($keys, $down));
echo "keys of group 3: ", count($down) > 5 ? 'some' : count($down), "\n";

ldb_test_kill($s[2]);

/* exceptions Off: what the other groups served */
$off = new LocalDb([[$s[0]], [$s[1]], [$s[2]], [$s[3]]], $opts + ['exceptions' => false]);
$t = microtime(true);
$got = $off->getMulti($keys);
$t = microtime(true) - $t;
echo "off: served ", count($got) === count($up) ? 'every key of the groups up' : count($got), ", none of group 3: ",
	array_intersect(array_keys($got), $down) === [] ? 'yes' : 'no', ", values right: ",
	array_intersect_key($items, $got) == $got ? 'yes' : 'no', "\n";
echo "off: code ", $off->lastErrorCode(), ", message names a key of group 3: ", str_contains($off->lastError(), $down[0]) ? 'yes' : 'no',
	", names one of another group: ", str_contains($off->lastError(), " $up[0],") || str_contains($off->lastError(), " $up[0];") ? 'yes' : 'no', "\n";
echo "off: took less than a second: ", $t < 1 ? 'yes' : $t, "\n";

/* exceptions On */
try {
	$db->getMulti($keys);
	echo "on: no exception\n";
} catch (LocalDbException $e) {
	echo "on: ", get_class($e), " code ", $e->getCode(), "\n";
	echo "on: says 1 of 4 groups failed: ", str_contains($e->getMessage(), '1 of 4 groups failed') ? 'yes' : $e->getMessage(), "\n";
	echo "on: names the server and a key: ", str_contains($e->getMessage(), $s[2]) && str_contains($e->getMessage(), $down[0]) ? 'yes' : $e->getMessage(), "\n";
}

/* setMulti: the other groups' keys are written */
$new = array_map(fn($v) => "new $v", $items);
var_dump($off->setMulti($new));
$written = 0;
foreach ($up as $k) {
	$written += ldb_test_peek($db->server($k), $k) === $new[$k];
}
echo "setMulti wrote the keys of the groups up: ", $written === count($up) ? 'all' : $written, "\n";
try {
	$db->setMulti($new);
	echo "on: setMulti no exception\n";
} catch (LocalDbException $e) {
	echo "on: setMulti ", get_class($e), "\n";
}

/* deleteMulti: true for the deleted, false for group 3's */
$r = $off->deleteMulti($keys);
echo "deleteMulti: ", count(array_filter($r)) === count($up) ? 'the keys up deleted' : count(array_filter($r)),
	", group 3's false: ", array_filter(array_intersect_key($r, array_flip($down))) === [] && count($r) === 100 ? 'yes' : 'no', "\n";
echo "deleted on the servers: ", count(array_filter($up, fn($k) => ldb_test_peek($db->server($k), $k) === null)) === count($up) ? 'yes' : 'no', "\n";

/* single-key calls of the other groups go on */
echo "get of a key of another group: ", var_export($off->set($up[0], 'x') && $off->get($up[0]) === 'x', true), "\n";
var_dump($off->get($down[0]));
echo "code ", $off->lastErrorCode(), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
keys of group 3: some
off: served every key of the groups up, none of group 3: yes, values right: yes
off: code 1, message names a key of group 3: yes, names one of another group: no
off: took less than a second: yes
on: LocalDbException code 1
on: says 1 of 4 groups failed: yes
on: names the server and a key: yes
bool(false)
setMulti wrote the keys of the groups up: all
on: setMulti LocalDbException
deleteMulti: the keys up deleted, group 3's false: yes
deleted on the servers: yes
get of a key of another group: true
NULL
code 1
