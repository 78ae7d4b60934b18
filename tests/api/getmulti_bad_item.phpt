--TEST--
getMulti() with one value that cannot be decoded: the message names its key; with exceptions off the others are returned and the result is BAD_VALUE
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['exceptions' => false]);
$db->setMulti(['a' => 1, 'c' => [3]]);
/* flags 4 (php-serialized) over bytes that are not */
ldb_test_raw($a, "set b 4 0 5\r\nnot:s\r\n");
$r = $db->getMulti(['a', 'b', 'c']);
var_dump($r, $db->getResultCode() === LocalDb::RES_BAD_VALUE, str_starts_with($db->getResultMessage(), 'key "b": '));
$db = new LocalDb([$a]);
try {
	$db->getMulti(['a', 'b', 'c']);
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::BAD_VALUE, str_starts_with($e->getMessage(), 'LocalDb: key "b": '));
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
Warning: LocalDb::getMulti(): key "b": %s in %s on line %d
array(2) {
  ["a"]=>
  int(1)
  ["c"]=>
  array(1) {
    [0]=>
    int(3)
  }
}
bool(true)
bool(true)
bool(true)
bool(true)
