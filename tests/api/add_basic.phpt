--TEST--
add(): stores a new key; false (not a failure) when the key exists
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->add('k', 'first'));
var_dump($db->add('k', 'second'));
var_dump($db->get('k'));
var_dump($db->lastErrorCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(false)
string(5) "first"
int(0)
