--TEST--
SERVER_ERROR from the first server (out of memory) moves the request to the next
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$bad = ldb_test_fixture('garbage', ['server_error']);
[$b] = ldb_test_memcached(1);
$db = new LocalDb([$bad, $b]);
var_dump($db->set('k', 'v'));
/* one SERVER_ERROR does not mark the first server down: the group does not move */
var_dump(ldb_test_peek($b, 'k'), $db->server() === $bad);
/* with only a failing server (a fresh one): SERVER_ERROR */
$db = new LocalDb([ldb_test_fixture('garbage', ['server_error'])]);
try {
	$db->set('k', 'v');
	echo "no exception\n";
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::SERVER_ERROR);
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(1) "v"
bool(true)
bool(true)
