--TEST--
Failover: a long-running script (one request) whose servers all failed gets back to the first one that returns, within a second, without waiting for retry_interval
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b], ['retry_interval' => 30]);
var_dump($db->set('k', 'v'));
ldb_test_kill($a);
ldb_test_kill($b);
try {
	$db->get('k');
	echo "no exception\n";
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::NO_SERVER);
}
var_dump(array_column($db->servers(), 'state'));
/* within the same request a failed server is not waited on twice... */
$t = microtime(true);
try {
	$db->get('k');
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::NO_SERVER);
}
/* a failed longest ago: it is the one a fail-open tries first */
ldb_test_restart($a);
/* ...but a second later the script tries again (fail open), long before retry_interval */
usleep(1100000);
var_dump($db->set('k', 'back'), $db->get('k'), $db->server() === $a);
var_dump(array_column($db->servers(), 'state'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
array(2) {
  [0]=>
  string(4) "down"
  [1]=>
  string(4) "down"
}
bool(true)
bool(true)
string(4) "back"
bool(true)
array(2) {
  [0]=>
  string(2) "up"
  [1]=>
  string(4) "down"
}
