--TEST--
setMulti(): stores every item, with the ttl
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->setMulti(['m1' => 'one', 'm2' => 'two', 'm3' => 3]));
var_dump(ldb_test_peek($a, 'm1'), ldb_test_peek($a, 'm2'), ldb_test_peek($a, 'm3'));
var_dump($db->get('m3'));
var_dump($db->setMulti(['t1' => 'a', 't2' => 'b'], 100));
$ttl = ldb_test_ttl($a, 't2');
var_dump($ttl > 90 && $ttl <= 100);
var_dump($db->setMulti([]));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(3) "one"
string(3) "two"
string(1) "3"
int(3)
bool(true)
bool(true)
bool(true)
