--TEST--
getMulti(): hits only, as key => value; an empty list gives an empty array
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$db->set('a', 'A');
$db->set('b', 2);
$db->set('c', [1, 2]);
$r = $db->getMulti(['a', 'nope', 'b', 'c', 'also_nope']);
ksort($r);
var_dump($r);
var_dump($db->getMulti(['x', 'y']));
var_dump($db->getMulti([]));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
array(3) {
  ["a"]=>
  string(1) "A"
  ["b"]=>
  int(2)
  ["c"]=>
  array(2) {
    [0]=>
    int(1)
    [1]=>
    int(2)
  }
}
array(0) {
}
array(0) {
}
