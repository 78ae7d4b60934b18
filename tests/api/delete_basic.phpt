--TEST--
delete(): true when the key existed, false when it was missing
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$db->set('k', 'v');
var_dump($db->delete('k'));
var_dump(ldb_test_peek($a, 'k'));
var_dump($db->delete('k'));
var_dump($db->delete('never'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
NULL
bool(false)
bool(false)
