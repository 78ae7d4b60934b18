--TEST--
Constructor: "/path/to/socket" reaches a memcached on a unix socket
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$path = ldb_test_memcached_unix();
$db = new LocalDb($path);
var_dump($db->set('k', 'over unix'));
var_dump(ldb_test_peek($path, 'k'));
var_dump($db->get('k'));
var_dump($db->server() === $path);
var_dump($db->servers()[0]['host'] === $path);
$db = new LocalDb([$path]);
var_dump($db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(9) "over unix"
string(9) "over unix"
bool(true)
bool(true)
string(9) "over unix"
