--TEST--
A down server is skipped for retry_interval, then one probe finds it back up
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.retry_interval=1
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$a = ldb_test_refused();
[$b] = ldb_test_memcached(1);
$db = new LocalDb([$a, $b]);
$db->set('k', 'v');
$s = $db->servers()[0];
var_dump($s['state'], $s['retry_at'] > microtime(true), $s['retry_at'] < microtime(true) + 5);
ldb_test_restart($a);
/* before retry_at nothing is sent to a */
$db->get('k');
var_dump(ldb_test_requests($a));
$deadline = microtime(true) + 10;
while (microtime(true) < $deadline && $db->servers()[0]['state'] !== 'up') {
	$db->get('k');
	usleep(100000);
}
$s = $db->servers()[0];
var_dump($s['state'], $s['failures'], $s['retry_at']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string(4) "down"
bool(true)
bool(true)
int(0)
string(2) "up"
int(0)
NULL
