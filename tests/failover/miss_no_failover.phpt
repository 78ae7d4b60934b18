--TEST--
A miss, NOT_STORED, EXISTS or a non-number is an answer: never a failover (the old client's fault #1)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
$db->set('exists', 'v');
$db->set('word', 'abc');
$before = ldb_test_stats($b);
var_dump($db->get('missing'));
var_dump($db->getMulti(['missing', 'missing2']));
var_dump($db->add('exists', 'x'));
var_dump($db->replace('missing', 'x'));
var_dump($db->append('missing', 'x'), $db->prepend('missing', 'x'));
var_dump($db->delete('missing'));
var_dump($db->deleteMulti(['missing']));
var_dump($db->incr('missing'), $db->decr('missing'));
var_dump($db->incr('word'), $db->decr('word'));
var_dump($db->touch('missing', 10));
var_dump($db->server() === $a);
var_dump($db->servers()[0]['failures'], $db->servers()[0]['state']);
var_dump($db->lastErrorCode());
/* b saw no request and no connection (but the one reading its stats); a saw them all */
$after = ldb_test_stats($b);
var_dump(ldb_test_requests($after) - ldb_test_requests($before));
var_dump($after['total_connections'] - $before['total_connections']);
$st = ldb_test_stats($a);
var_dump($st['get_misses'] >= 3, $st['incr_misses'], $st['decr_misses'], $st['delete_misses'] >= 2, $st['touch_misses']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
NULL
array(0) {
}
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
array(1) {
  ["missing"]=>
  bool(false)
}
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
int(0)
string(2) "up"
int(0)
int(0)
int(1)
bool(true)
string(1) "1"
string(1) "1"
bool(true)
string(1) "1"
