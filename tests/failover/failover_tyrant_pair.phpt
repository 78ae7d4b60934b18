--TEST--
backend=tyrant: a pair of Tyrant masters; values and counters work, and the handle fails over when the first dies
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.backend=tyrant
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$t1 = ldb_test_fixture('tyrant');
$t2 = ldb_test_fixture('tyrant');
$db = new LocalDb([$t1, $t2]);
var_dump($db->set('s', 'plain'), $db->set('i', 5), $db->set('a', ['x' => 1]));
var_dump($db->get('s'), $db->get('i'), $db->get('a'));
/* a plain string another client wrote reads back unchanged */
ldb_test_raw($t1, "set other 0 0 5\r\nhello\r\n");
var_dump($db->get('other'));
var_dump($db->add('s', 'x'), $db->replace('nope', 'x'), $db->delete('nope'), $db->get('nope'));
ldb_test_raw($t1, "set n 0 0 1\r\n7\r\n");
var_dump($db->incr('n', 3), $db->decr('n', 100), $db->incr('missing'));
var_dump($db->server() === $t1);
ldb_test_kill($t1);
var_dump($db->get('s'));
var_dump($db->server() === $t2);
var_dump($db->set('s', 'on t2'), ldb_test_peek($t2, 's') !== null, $db->get('s'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
string(5) "plain"
int(5)
array(1) {
  ["x"]=>
  int(1)
}
string(5) "hello"
bool(false)
bool(false)
bool(false)
NULL
int(10)
int(0)
bool(false)
bool(true)
NULL
bool(true)
bool(true)
bool(true)
string(5) "on t2"
