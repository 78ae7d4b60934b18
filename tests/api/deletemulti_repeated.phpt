--TEST--
deleteMulti() with a key given twice reports it deleted; a missing key false, and the result NOTFOUND
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['prefix' => 'x:']);
$db->setMulti(['a' => 1, 'b' => 2]);
var_dump($db->deleteMulti(['a', 'a', 'b', 'nope', 'b']), $db->getResultCode() === LocalDb::RES_NOTFOUND);
$db->setMulti(['a' => 1, 'b' => 2]);
var_dump($db->deleteMulti(['a', 'b', 'a']), $db->getResultCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(3) {
  ["a"]=>
  bool(true)
  ["b"]=>
  bool(true)
  ["nope"]=>
  bool(false)
}
bool(true)
array(2) {
  ["a"]=>
  bool(true)
  ["b"]=>
  bool(true)
}
int(0)
