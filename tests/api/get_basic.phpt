--TEST--
get(): a stored value comes back, a miss is null and is no failure
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
ldb_test_raw($a, "set plain 0 0 5\r\nhello\r\n");
var_dump($db->get('plain'));
var_dump($db->set('k', 'v1'));
var_dump($db->get('k'));
var_dump($db->set('n', 42), $db->get('n'));
var_dump($db->get('missing'));
var_dump($db->lastError(), $db->lastErrorCode());
var_dump(ldb_test_stat($a, 'get_misses') >= 1);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string(5) "hello"
bool(true)
string(2) "v1"
bool(true)
int(42)
NULL
NULL
int(0)
bool(true)
