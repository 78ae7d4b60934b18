--TEST--
touch(): sets a new ttl on an existing key; false when the key is missing
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$db->set('k', 'v');
var_dump(ldb_test_ttl($a, 'k'));
var_dump($db->touch('k', 500));
$ttl = ldb_test_ttl($a, 'k');
var_dump($ttl > 490 && $ttl <= 500);
var_dump($db->touch('missing', 10));
var_dump($db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
int(-1)
bool(true)
bool(true)
bool(false)
string(1) "v"
