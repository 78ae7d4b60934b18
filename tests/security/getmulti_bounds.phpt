--TEST--
Security: getMulti of 10,000 keys answers exactly what was asked; an empty getMulti sends nothing
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$r = new LocalDb([$rec], ['log_failover' => false]);
var_dump($r->getMulti([]), $r->deleteMulti([]), $r->setMulti([]));
var_dump(array_values(array_filter(ldb_test_commands((string) @file_get_contents($file)), fn($c) => $c !== 'version')));

[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['log_failover' => false]);
$items = [];
for ($i = 0; $i < 10000; $i += 2) {
	$items["key:$i"] = "value of key:$i";
}
var_dump($db->setMulti($items));
/* 10,000 keys, every other one stored */
$keys = [];
for ($i = 0; $i < 10000; $i++) {
	$keys[] = "key:$i";
}
$got = $db->getMulti($keys);
$wrong = 0;
foreach ($got as $k => $v) {
	if (!isset($items[$k]) || $v !== $items[$k]) {
		$wrong++;
	}
}
echo count($got), " hits, $wrong wrong\n";
/* 10,000 keys of 250 bytes: a 2.5 MB request, sent and answered in slices */
$long = [];
for ($i = 0; $i < 10000; $i++) {
	$long[] = str_pad("L$i:", 250, 'x');
}
var_dump($db->set($long[9999], 'last'), $db->set($long[0], 'first'));
foreach ($db->getMulti($long) as $k => $v) {
	echo substr($k, 0, 6), '... (', strlen($k), " bytes) => $v\n";
}
/* the same key many times, and integer-like keys */
var_dump($db->set('7', 'seven'));
var_dump($db->getMulti(array_fill(0, 1000, 'key:0') + [1000 => 7]));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(0) {
}
array(0) {
}
bool(true)
array(0) {
}
bool(true)
5000 hits, 0 wrong
bool(true)
bool(true)
L0:xxx... (250 bytes) => first
L9999:... (250 bytes) => last
bool(true)
array(2) {
  ["key:0"]=>
  string(14) "value of key:0"
  [7]=>
  string(5) "seven"
}
