--TEST--
Sticky failover (failback Off): once on the second server, stay there after the first comes back
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.failback=Off
localdb.retry_interval=1
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
$db->set('k', 'v');
ldb_test_kill($a);
$db->set('k', 'on b');
var_dump($db->server() === $b);
ldb_test_restart($a);
/* well past retry_interval: a is probed and found up, yet requests stay on b */
$deadline = microtime(true) + 4;
$up = false;
while (microtime(true) < $deadline) {
	if ($db->get('k') !== 'on b' || $db->server() !== $b) {
		echo "moved back to a\n";
		break;
	}
	$up = $up || $db->servers()[0]['state'] === 'up';
	usleep(100000);
}
var_dump($up);
var_dump($db->server() === $b, (new LocalDb([$a, $b]))->server() === $b);
var_dump(ldb_test_requests($a));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
