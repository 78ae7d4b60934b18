--TEST--
memcached rejoin: keys another worker wrote to the second server while the first was out are deleted from the first before it serves again; past 64 keys it is flushed
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl not available');
?>
--INI--
localdb.shared_health=1
localdb.log_failover=Off
localdb.retry_interval=1
localdb.timeout=300
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);

/* one outage of a: in it, another worker (a forked child) writes $keys, which land on b */
function outage(string $a, string $b, array $keys): void
{
	ldb_test_kill($a, SIGSTOP);
	$out = ldb_test_tempfile('child.txt');
	$pid = pcntl_fork();
	if ($pid === 0) {
		$c = new LocalDb([$a, $b]);
		/* a read finds a hung (and marks it down) without leaving a write queued on it */
		$c->get('x');
		$ok = $c->setMulti($keys);
		file_put_contents($out, ($ok ? 'stored' : 'failed') . ' on ' . ($c->server() === $b ? 'b' : 'a'));
		LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
		exit(0);
	}
	pcntl_waitpid($pid, $status);
	ldb_test_write_pid_file();
	echo "child: ", file_get_contents($out), "\n";
	ldb_test_kill($a, SIGCONT);
}

/* this worker writes nothing during the outages; it goes back to a once a is up again */
function back_on_a(LocalDb $db, string $a): void
{
	$deadline = microtime(true) + 20 * ldb_test_time_factor();
	while (microtime(true) < $deadline && $db->server() !== $a) {
		$db->get('x');
		usleep(50000);
	}
	echo "back on a: ", var_export($db->server() === $a, true), "\n";
}

$db->set('k', 'old');
$db->set('other', 'untouched');
outage($a, $b, ['k' => 'new']);
echo "a still holds: ", ldb_test_peek($a, 'k'), "\n";
back_on_a($db, $a);
$v = $db->get('k');
echo "k: ", var_export($v, true), ($v === 'old' ? " (STALE)" : ""), "\n";
echo "other: ", var_export($db->get('other'), true), ", flushes of a: ", ldb_test_stat($a, 'cmd_flush'), "\n";

/* more keys than the slot keeps: a is flushed before it serves */
$many = [];
for ($i = 0; $i < 100; $i++) {
	$db->set("m$i", 'old');
	$many["m$i"] = 'new';
}
outage($a, $b, $many);
back_on_a($db, $a);
$stale = 0;
foreach (array_keys($many) as $key) {
	$stale += $db->get($key) === 'old';
}
echo "stale: $stale, flushes of a: ", ldb_test_stat($a, 'cmd_flush'), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
child: stored on b
a still holds: old
back on a: true
k: NULL
other: 'untouched', flushes of a: 0
child: stored on b
back on a: true
stale: 0, flushes of a: 1
