--TEST--
Failover: the first server is killed (kill -9) while in use; requests go on on the second
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
var_dump($db->set('k', 'on a'), $db->server() === $a);
ldb_test_kill($a);
/* a read is idempotent: it moves to b, where the key is a miss, not an error */
var_dump($db->get('k'));
var_dump($db->server() === $b);
var_dump($db->set('k', 'on b'), $db->get('k'), ldb_test_peek($b, 'k'));
for ($i = 0; $i < 5; $i++) {
	$db->set("n$i", $i);
}
var_dump($db->getMulti(['n0', 'n4']));
$states = array_column($db->servers(), 'state');
var_dump($states[0] !== 'up', $states[1]);
/* another handle on the same group starts on the server that works */
$db2 = new LocalDb([$a, $b]);
var_dump($db2->get('k'), $db2->server() === $b);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
NULL
bool(true)
bool(true)
string(4) "on b"
string(4) "on b"
array(2) {
  ["n0"]=>
  int(0)
  ["n4"]=>
  int(4)
}
bool(true)
string(2) "up"
string(4) "on b"
bool(true)
