--TEST--
Pool: a server a forked child found down is skipped by the parent at once (health shared since MINIT)
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

/* the first server never completes a connect: whoever tries it waits connect_timeout */
$hole = ldb_test_blackhole();
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set k 0 0 5\r\nvalue\r\n");
$opts = ['connect_timeout' => 1000, 'retry_interval' => 600, 'log_failover' => false];

$db = new LocalDb([$hole, $b], $opts);
echo "parent before: ", $db->servers()[0]['state'], ", current ", $db->server() === $hole ? 'first' : 'second', "\n";

$out = ldb_test_tempfile('child.json');
$pid = pcntl_fork();
if ($pid === 0) {
	$c = new LocalDb([$hole, $b], $opts);
	$t = microtime(true);
	$v = $c->get('k');
	file_put_contents($out, json_encode(['value' => $v, 'waited' => microtime(true) - $t >= 0.9]));
	/* forked children must not run the harness's shutdown (it would stop the servers) */
	LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
	exit(0);
}
pcntl_waitpid($pid, $status);
ldb_test_write_pid_file();
echo "child: ", file_get_contents($out), "\n";

/* the parent never tried the first server itself, and does not wait for it */
$first = $db->servers()[0];
echo "parent after: {$first['state']}, connect_failures {$first['connect_failures']}, current ", $db->server() === $hole ? 'first' : 'second', "\n";
$t = microtime(true);
$v = $db->get('k');
$waited = microtime(true) - $t;
echo "parent get: ", var_export($v, true), ", waited for the first server: ", $waited >= 0.5 ? sprintf('%.2f s', $waited) : 'no', "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
parent before: up, current first
child: {"value":"value","waited":true}
parent after: down, connect_failures 1, current second
parent get: 'value', waited for the first server: no
