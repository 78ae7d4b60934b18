--TEST--
backend=tyrant: incr()/decr() with $initial create the counter as plain decimal text, which the server then counts on
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$t = ldb_test_fixture('tyrant');
$db = new LocalDb([$t], ['backend' => 'tyrant']);
var_dump($db->incr('n', 1, 10), ldb_test_peek($t, 'n'), $db->incr('n', 5, 10), $db->decr('n', 1, 10), $db->get('n'));
var_dump($db->decr('d', 1, 3), $db->decr('d'), $db->getResultCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
int(10)
string(2) "10"
int(15)
int(14)
int(14)
int(3)
int(2)
int(0)
