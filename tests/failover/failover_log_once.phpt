--TEST--
log_failover: each server state change is logged once, not once per request
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=On
log_errors=1
display_errors=0
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$log = ldb_test_tempfile('error.log');
ini_set('error_log', $log);
$a = ldb_test_refused();
[$b] = ldb_test_memcached(1);
$naming = fn() => count(array_filter(file($log, FILE_IGNORE_NEW_LINES) ?: [], fn($l) => str_contains($l, $a)));
$db = new LocalDb([$a, $b]);
$db->set('k', 1);
$first = $naming();
/* 20 more requests, on new handles too: a is still down, nothing new to log */
for ($i = 0; $i < 20; $i++) {
	$db = new LocalDb([$a, $b]);
	$db->set("k$i", $i);
	$db->get("k$i");
}
var_dump($first > 0, $naming() === $first);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
