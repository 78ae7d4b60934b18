--TEST--
memcached rejoin: one process cleans a server at a time (a second flush would drop what the first wrote since); the others wait for it, and a cleaner killed mid-cleaning holds them only until its claim lapses
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl not available');
?>
--INI--
localdb.shared_health=1
localdb.log_failover=Off
localdb.failback=Off
localdb.connect_timeout=200
localdb.timeout=3000
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';

/* b answers everything at once but flush_all, which it answers after 1.5 s: a cleaning in
 * progress is easy to catch */
const FAST = 'get,gets,set,add,replace,append,prepend,cas,delete,incr,decr,touch,version,stats';

/* A worker: fails over from the dead a to b (which is behind by 100 keys), then writes and
 * reads back a key of its own. Its report goes to a file. */
function worker(string $a, string $b, int $n): array
{
	$out = ldb_test_tempfile("worker$n.txt");
	$pid = pcntl_fork();
	if ($pid === 0) {
		$c = new LocalDb([$a, $b]);
		$start = microtime(true);
		$set = $c->set("c$n", "v$n");
		$got = $c->get("c$n");
		file_put_contents($out, sprintf("set %s, read back %s, on %s; %.1f s", var_export($set, true),
			var_export($got, true), $c->server() === $b ? 'b' : 'a', microtime(true) - $start));
		LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
		exit(0);
	}
	return [$pid, $out];
}

function wait_flushes(string $b, int $n): void
{
	$deadline = microtime(true) + 10 * ldb_test_time_factor();
	while (ldb_test_stat($b, 'cmd_flush') < $n && microtime(true) < $deadline) {
		usleep(5000);
	}
}

/* a pair whose first server took 100 writes and then died: b must be flushed before it serves */
function behind_pair(): array
{
	[$a] = ldb_test_memcached(1);
	$b = ldb_test_fixture('slow', [1500, FAST]);
	$db = new LocalDb([$a, $b]);
	$keys = [];
	for ($i = 0; $i < 100; $i++) {
		$keys["m$i"] = 'x';
	}
	echo "100 keys on a: ", var_export($db->setMulti($keys) && $db->server() === $a, true), "\n";
	ldb_test_kill($a, SIGKILL);
	return [$a, $b];
}

echo "-- two workers at once\n";
[$a, $b] = behind_pair();
[$p1, $o1] = worker($a, $b, 1);
wait_flushes($b, 1);     /* worker 1 is cleaning b: its flush_all is being answered */
[$p2, $o2] = worker($a, $b, 2);
pcntl_waitpid($p1, $st);
pcntl_waitpid($p2, $st);
ldb_test_write_pid_file();
echo "worker 1: ", preg_replace('/; .*/', '', file_get_contents($o1)), "\n";
echo "worker 2: ", preg_replace('/; .*/', '', file_get_contents($o2)), "\n";
echo "flushes of b: ", ldb_test_stat($b, 'cmd_flush'), "\n";
echo "b holds: ", ldb_test_peek($b, 'c1'), ", ", ldb_test_peek($b, 'c2'), "\n";

echo "-- the cleaner killed while its flush is in flight\n";
[$a, $b] = behind_pair();
[$p1, $o1] = worker($a, $b, 1);
wait_flushes($b, 1);
exec("kill -KILL " . (int) $p1);
pcntl_waitpid($p1, $st);
[$p2, $o2] = worker($a, $b, 2);
pcntl_waitpid($p2, $st);
ldb_test_write_pid_file();
$report = file_get_contents($o2);
echo "worker 2: ", preg_replace('/; .*/', '', $report), "\n";
/* it waited for the claim (connect_timeout + timeout + 100 ms from the claim), then cleaned */
$took = (float) preg_replace('/.*; /', '', $report);
echo "worker 2 waited for the claim to lapse: ", var_export($took >= 1.5, true), "\n";
echo "flushes of b: ", ldb_test_stat($b, 'cmd_flush'), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- two workers at once
100 keys on a: true
worker 1: set true, read back 'v1', on b
worker 2: set true, read back 'v2', on b
flushes of b: 1
b holds: v1, v2
-- the cleaner killed while its flush is in flight
100 keys on a: true
worker 2: set true, read back 'v2', on b
worker 2 waited for the claim to lapse: true
flushes of b: 2
