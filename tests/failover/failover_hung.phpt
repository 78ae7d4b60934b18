--TEST--
Failover: first server hung (SIGSTOP: connections accepted, no reply); reads move on after the timeout
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.timeout=300
localdb.retry_interval=60
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
ldb_test_raw($b, "set k 0 0 4\r\non b\r\n");
$db = new LocalDb([$a, $b]);
var_dump($db->set('k', 'on a'));
ldb_test_kill($a, SIGSTOP);
$answers = [];
$slow = 0;
for ($i = 0; $i < 10; $i++) {
	$t = microtime(true);
	$answers[] = $db->get('k');
	if (microtime(true) - $t > 0.2) {
		$slow++;
	}
	if (microtime(true) - $t > 2.0 * ldb_test_time_factor()) {
		echo "request $i took too long\n";
	}
}
/* never a wrong answer: "on a" can not come from a hung server, and "on b" is older
 * than the write made to a, so k was deleted from b before b served */
var_dump(array_count_values(array_map(fn($v) => var_export($v, true), $answers)));
/* one timeout does not mark it down: the rest of this "request" (a CLI script's
 * second) skips it, and the group stays on a... */
var_dump($slow === 1, $db->server() === $a);
/* ...until a second timeout in a row marks it down and the group moves */
usleep(1100000);
$db->get('k');
var_dump($db->server() === $b, $db->servers()[0]['state']);
ldb_test_kill($a, SIGCONT);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
array(1) {
  ["NULL"]=>
  int(10)
}
bool(true)
bool(true)
bool(true)
string(4) "down"
