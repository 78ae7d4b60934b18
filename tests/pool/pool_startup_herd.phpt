--TEST--
Pool: the startup herd: 4 workers start at once on a black-holed first server; one worker's connect decides for all, the others serve from the second server meanwhile
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl not available');
?>
--INI--
localdb.shared_health=1
--FILE--
<?php
require_once __DIR__ . '/pool.inc';

$hole = ldb_test_blackhole();
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set k 0 0 5\r\nvalue\r\n");
$opts = ['connect_timeout' => 1000, 'retry_interval' => 600, 'log_failover' => false];
$out = ldb_test_tempfile('herd.txt');
$go = microtime(true) + 0.5;
$pids = [];
for ($w = 0; $w < 4; $w++) {
	$pid = pcntl_fork();
	if ($pid === 0) {
		time_sleep_until($go);
		$c = new LocalDb([$hole, $b], $opts);
		$t = microtime(true);
		$v = $c->get('k');
		$slow = microtime(true) - $t >= 0.5 ? 1 : 0;
		file_put_contents($out, json_encode([$v, $slow, $c->server() === $hole ? 'first' : 'second']) . "\n", FILE_APPEND | LOCK_EX);
		LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
		exit(0);
	}
	$pids[] = $pid;
}
foreach ($pids as $pid) {
	pcntl_waitpid($pid, $status);
}
ldb_test_write_pid_file();
$rows = array_map(fn($l) => json_decode($l, true), file($out, FILE_IGNORE_NEW_LINES));
echo "answers: ", count($rows), ", all 'value': ", var_export(count(array_filter($rows, fn($r) => $r[0] === 'value')) === 4, true), "\n";
echo "slow requests pool-wide: ", array_sum(array_column($rows, 1)), "\n";
$db = new LocalDb([$hole, $b], $opts);
$first = $db->servers()[0];
echo "first: {$first['state']}, connect_failures {$first['connect_failures']}, last_error ", var_export($first['last_error'] !== null, true), "\n";
echo "current: ", $db->server() === $b ? 'second' : 'first', "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
answers: 4, all 'value': true
slow requests pool-wide: 1
first: down, connect_failures 1, last_error true
current: second
