--TEST--
deleteMulti(): key => bool for every key asked for
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$db->setMulti(['a' => 1, 'c' => 3]);
$r = $db->deleteMulti(['a', 'b', 'c']);
ksort($r);
var_dump($r);
var_dump(ldb_test_peek($a, 'a'), ldb_test_peek($a, 'c'));
var_dump($db->deleteMulti([]));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(3) {
  ["a"]=>
  bool(true)
  ["b"]=>
  bool(false)
  ["c"]=>
  bool(true)
}
NULL
NULL
array(0) {
}
