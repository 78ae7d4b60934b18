--TEST--
ini: ini_set() at run time takes good values for new handles; a bad value warns and changes nothing
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
var_dump(ini_set('localdb.prefix', 'rt_'));
var_dump((new LocalDb([$a]))->set('k', 'v'), ldb_test_peek($a, 'rt_k'));
var_dump(ini_set('localdb.servers', $a) !== false);
var_dump((new LocalDb())->get('k'));
var_dump(ini_set('localdb.timeout', '700'), ini_get('localdb.timeout'));
var_dump(ini_set('localdb.timeout', '-5'), ini_get('localdb.timeout'));
var_dump(ini_set('localdb.prefix', "a b"), ini_get('localdb.prefix'));
var_dump(ini_set('localdb.servers', 'host:') , ini_get('localdb.servers') === $a);
var_dump(ini_set('localdb.backend', 'foo'), ini_get('localdb.backend'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
string(0) ""
bool(true)
string(1) "v"
bool(true)
string(1) "v"
string(3) "500"
string(3) "700"

Warning: ini_set(): %slocaldb.timeout%s in %s on line %d
bool(false)
string(3) "700"

Warning: ini_set(): %slocaldb.prefix%s in %s on line %d
bool(false)
string(3) "rt_"

Warning: ini_set(): %slocaldb.servers%s in %s on line %d
bool(false)
bool(true)

Warning: ini_set(): %slocaldb.backend%s in %s on line %d
bool(false)
string(9) "memcached"
