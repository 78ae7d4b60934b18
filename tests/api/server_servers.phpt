--TEST--
server() names the server in use; servers() reports every server's health in group order
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
var_dump($db->server() === $a);
$db->set('k', 'v');
$list = $db->servers();
var_dump(array_is_list($list), count($list));
foreach ($list as $i => $s) {
	foreach (['host', 'port', 'state', 'current', 'failures', 'retry_at'] as $key) {
		if (!array_key_exists($key, $s)) {
			echo "server $i: no key $key\n";
		}
	}
	echo $s['host'], ':', $s['port'] === ldb_test_port([$a, $b][$i]) ? 'port' : 'wrong port', ' ',
		$s['state'], ' current=', var_export($s['current'], true), ' failures=', var_export($s['failures'], true),
		' retry_at=', var_export($s['retry_at'], true), ' more keys (counters): ', var_export(count($s) > 6, true), "\n";
}
/* a server that refuses the connect is down at once */
$r = ldb_test_refused();
$db = new LocalDb([$r, $b]);
$db->set('k', 'v');
var_dump($db->server() === $b);
$list = $db->servers();
echo $list[0]['state'], ' current=', var_export($list[0]['current'], true), ' failures>0=',
	var_export($list[0]['failures'] > 0, true), ' retry_at in future=', var_export(is_float($list[0]['retry_at']) && $list[0]['retry_at'] > microtime(true), true), "\n";
echo $list[1]['state'], ' current=', var_export($list[1]['current'], true), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
int(2)
127.0.0.1:port up current=true failures=0 retry_at=NULL more keys (counters): true
127.0.0.1:port up current=false failures=0 retry_at=NULL more keys (counters): true
bool(true)
down current=false failures>0=true retry_at in future=true
up current=true
