--TEST--
incr()/decr(): new value; false when missing or not a number; decr stops at 0
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->incr('n'), $db->decr('n'));
$db->set('n', 10);
var_dump($db->incr('n'));
var_dump($db->incr('n', 5));
var_dump($db->decr('n', 3));
var_dump($db->decr('n', 100));
var_dump($db->get('n'));
$db->set('s', '7');
var_dump($db->incr('s', 2));
$db->set('word', 'abc');
var_dump($db->incr('word'), $db->decr('word'));
var_dump($db->get('word'));
var_dump($db->lastErrorCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(false)
bool(false)
int(11)
int(16)
int(13)
int(0)
int(0)
int(9)
bool(false)
bool(false)
string(3) "abc"
int(0)
