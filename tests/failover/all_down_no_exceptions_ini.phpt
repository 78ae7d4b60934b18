--TEST--
Every server down with localdb.exceptions=Off: false/null, reason in lastError()/lastErrorCode()
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.exceptions=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$db = new LocalDb([ldb_test_refused(), ldb_test_refused()]);
$r = $db->get('k');
var_dump($r === null || $r === false);
var_dump($db->lastErrorCode() === LocalDbException::NO_SERVER);
var_dump(is_string($db->lastError()) && $db->lastError() !== '');
var_dump($db->set('k', 'v'), $db->add('k', 'v'), $db->incr('k'), $db->delete('k'), $db->touch('k', 1));
var_dump($db->getMulti(['k']) === false || $db->getMulti(['k']) === []);
var_dump($db->lastErrorCode());
/* the option overrides the ini */
try {
	(new LocalDb([ldb_test_refused()], ['exceptions' => true]))->get('k');
} catch (LocalDbException $e) {
	echo 'thrown: ', $e->getCode(), "\n";
}
/* a handle that works again resets the reason */
[$a] = ldb_test_memcached(1);
$ok = new LocalDb([$a]);
var_dump($ok->set('k', 'v'), $ok->lastErrorCode(), $ok->lastError());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
int(1)
thrown: 1
bool(true)
int(0)
NULL
