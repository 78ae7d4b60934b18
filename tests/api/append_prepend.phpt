--TEST--
append()/prepend(): false when the key is missing, concatenate when it exists
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->append('k', 'x'), $db->prepend('k', 'x'));
var_dump($db->get('k'));
$db->set('k', 'mid');
var_dump($db->append('k', '>>'));
var_dump($db->prepend('k', '<<'));
var_dump($db->get('k'), ldb_test_peek($a, 'k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(false)
bool(false)
NULL
bool(true)
bool(true)
string(7) "<<mid>>"
string(7) "<<mid>>"
