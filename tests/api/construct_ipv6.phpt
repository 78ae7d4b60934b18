--TEST--
Constructor: "[::1]:port" reaches a memcached on the IPv6 loopback
--SKIPIF--
<?php $ldb_skipif_need = ['ipv6']; require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$six = ldb_test_memcached6();
var_dump(str_starts_with($six, '[::1]:'));
$db = new LocalDb($six);
var_dump($db->set('k', 'over v6'));
var_dump(ldb_test_peek($six, 'k'));
var_dump($db->server() === $six);
$s = $db->servers()[0];
var_dump($s['host'], $s['port'] === ldb_test_port($six));
$db = new LocalDb([$six]);
var_dump($db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
string(7) "over v6"
bool(true)
string(3) "::1"
bool(true)
string(7) "over v6"
