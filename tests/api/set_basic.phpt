--TEST--
set(): stores on the server in use, overwrites, and passes the ttl on
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
var_dump($db->set('k', 'first'));
var_dump($db->set('k', 'second'));
var_dump(ldb_test_peek($a, 'k'), ldb_test_peek($b, 'k'));
var_dump(ldb_test_ttl($a, 'k'));
var_dump($db->set('t', 'x', 100));
$ttl = ldb_test_ttl($a, 't');
var_dump($ttl > 90 && $ttl <= 100);
var_dump($db->set('empty', ''), $db->get('empty'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
string(6) "second"
NULL
int(-1)
bool(true)
bool(true)
bool(true)
string(0) ""
