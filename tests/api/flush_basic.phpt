--TEST--
flush(): every server of the group, the current one stays current; a delay is passed on; a server that cannot be reached makes it false (NO_SERVERS) and the others are flushed
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
foreach ([$a, $b] as $s) {
	ldb_test_raw($s, "set k 0 0 1\r\nv\r\n");
}
var_dump($db->flush(), $db->getResultCode(), ldb_test_peek($a, 'k'), ldb_test_peek($b, 'k'), $db->server() === $a);
var_dump(ldb_test_stat($a, 'cmd_flush'), ldb_test_stat($b, 'cmd_flush'));
/* with a delay the items stay until then */
ldb_test_raw($b, "set k 0 0 1\r\nv\r\n");
var_dump($db->flush(30), ldb_test_peek($b, 'k'));
ldb_test_raw($a, "flush_all 0\r\n");
ldb_test_raw($b, "flush_all 0\r\n");
try {
	$db->flush(-1);
} catch (ValueError $e) {
	echo $e->getMessage(), "\n";
}
/* one server gone */
ldb_test_raw($a, "set k 0 0 1\r\nv\r\n");
ldb_test_kill($b);
$db = new LocalDb([$a, $b], ['exceptions' => false]);
var_dump($db->flush(), $db->getResultCode() === LocalDb::RES_NO_SERVERS, ldb_test_peek($a, 'k'));
echo preg_replace('/:\d+/', ':PORT', $db->getResultMessage()), "\n";
/* now marked down: not waited for */
$t = microtime(true);
var_dump($db->flush(), str_contains($db->getResultMessage(), 'marked down'), microtime(true) - $t < 0.1);
$db = new LocalDb([$a, $b]);
try {
	$db->flush();
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::NO_SERVER);
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
int(0)
NULL
NULL
bool(true)
int(1)
int(1)
bool(true)
string(1) "v"
LocalDb::flush(): Argument #1 ($delay) must be from 0 (now) to 4294967295 seconds
bool(false)
bool(true)
NULL
127.0.0.1:PORT: connect: Connection refused
bool(false)
bool(true)
bool(true)
bool(true)
