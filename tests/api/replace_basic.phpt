--TEST--
replace(): false when the key is missing, stores when it exists
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->replace('k', 'x'));
var_dump($db->get('k'));
$db->set('k', 'old');
var_dump($db->replace('k', 'new'));
var_dump($db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(false)
NULL
bool(true)
string(3) "new"
