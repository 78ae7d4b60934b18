--TEST--
Failover: the first server refuses connections; every operation lands on the second
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$r = ldb_test_refused();
[$b] = ldb_test_memcached(1);
$db = new LocalDb([$r, $b]);
var_dump($db->set('k', 'v'));
var_dump($db->server() === $b);
var_dump(ldb_test_peek($b, 'k'));
var_dump($db->add('a', 1), $db->incr('a', 2), $db->delete('k'), $db->get('a'));
$s = $db->servers();
var_dump($s[0]['state'], $s[0]['current'], $s[1]['current']);
/* incr is not idempotent, but a refused connect sent nothing: it may go on to the next */
$db = new LocalDb([ldb_test_refused(), $b]);
var_dump($db->incr('a', 10));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
string(1) "v"
bool(true)
int(3)
bool(true)
int(3)
string(4) "down"
bool(false)
bool(true)
int(13)
