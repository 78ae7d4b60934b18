--TEST--
Multi calls against servers that answer SERVER_ERROR: every item false with the SERVER_ERROR code; on failover every item is the next server's answer
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* only a failing server: no item is "done" */
$db = new LocalDb([ldb_test_fixture('garbage', ['server_error'])], ['exceptions' => false]);
var_dump($db->deleteMulti(['a', 'b', 'c']));
var_dump($db->lastErrorCode() === LocalDbException::SERVER_ERROR);
var_dump($db->setMulti(['a' => 1, 'b' => 2, 'c' => 3]));
var_dump($db->lastErrorCode() === LocalDbException::SERVER_ERROR);
var_dump($db->getMulti(['a', 'b']), $db->lastErrorCode() === LocalDbException::SERVER_ERROR);

/* with exceptions on, the same is an exception */
$db = new LocalDb([ldb_test_fixture('garbage', ['server_error'])]);
try {
	$db->setMulti(['a' => 1, 'b' => 2]);
	echo "no exception\n";
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::SERVER_ERROR);
}

/* a failing server, then a good one: the outcomes are the good one's, each reset */
[$mc] = ldb_test_memcached(1);
ldb_test_raw($mc, "set b 0 0 1\r\nx\r\n");
$db = new LocalDb([ldb_test_fixture('garbage', ['server_error']), $mc]);
var_dump($db->deleteMulti(['a', 'b', 'c']));
var_dump($db->setMulti(['a' => 'A', 'c' => 'C']), ldb_test_peek($mc, 'a'), ldb_test_peek($mc, 'c'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(3) {
  ["a"]=>
  bool(false)
  ["b"]=>
  bool(false)
  ["c"]=>
  bool(false)
}
bool(true)
bool(false)
bool(true)
array(0) {
}
bool(true)
bool(true)
array(3) {
  ["a"]=>
  bool(false)
  ["b"]=>
  bool(true)
  ["c"]=>
  bool(false)
}
bool(true)
string(1) "A"
string(1) "C"
