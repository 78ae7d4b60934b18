--TEST--
Every server down with the option exceptions => false: false/null and lastError() set
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.exceptions=On
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['exceptions' => false]);
var_dump($db->set('k', 'v'), $db->get('k'), $db->lastErrorCode());
ldb_test_kill($a);
$r = $db->get('k');
var_dump($r === null || $r === false);
var_dump($db->lastErrorCode() === LocalDbException::NO_SERVER, is_string($db->lastError()));
var_dump($db->set('k', 'v'), $db->lastErrorCode());
/* the same handle works again once a server is back (here: a fresh one on the same port) */
ldb_test_restart($a);
$db = new LocalDb([$a], ['exceptions' => false, 'retry_interval' => 1]);
$deadline = microtime(true) + 10;
while (!$db->set('k', 'back') && microtime(true) < $deadline) {
	usleep(100000);
}
var_dump($db->get('k'), $db->lastErrorCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(1) "v"
int(0)
bool(true)
bool(true)
bool(true)
bool(false)
int(1)
string(4) "back"
int(0)
