--TEST--
memcached rejoin_clean: Off, a server that comes back is not cleaned (keys written to the other server during its outage stay on it as they were, nothing is deleted or flushed); On (the default), they are deleted from it before it serves
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

/* one outage of a: in it, another worker (a forked child, with the same options) writes
 * $keys, which land on b */
function outage(array $opts, string $a, string $b, array $keys): void
{
	ldb_test_kill($a, SIGSTOP);
	$out = ldb_test_tempfile('child.txt');
	$pid = pcntl_fork();
	if ($pid === 0) {
		$c = new LocalDb([$a, $b], $opts);
		/* a read finds a hung (and marks it down) without leaving a write queued on it */
		$c->get('x');
		$ok = $c->setMulti($keys);
		file_put_contents($out, ($ok ? 'true' : 'false') . ' on ' . ($c->server() === $b ? 'b' : 'a'));
		LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
		exit(0);
	}
	pcntl_waitpid($pid, $status);
	ldb_test_write_pid_file();
	echo "written during the outage: ", file_get_contents($out), "\n";
	ldb_test_kill($a, SIGCONT);
}

function back_on_a(LocalDb $db, string $a): void
{
	$deadline = microtime(true) + 20 * ldb_test_time_factor();
	while (microtime(true) < $deadline && $db->server() !== $a) {
		$db->get('x');
		usleep(50000);
	}
	echo "back on a: ", var_export($db->server() === $a, true), "\n";
}

foreach ([false, true] as $clean) {
	echo "--- rejoin_clean ", $clean ? 'On' : 'Off', "\n";
	$opts = ['rejoin_clean' => $clean];
	$db = new LocalDb([$a, $b], $opts);
	$p = $clean ? 'on:' : 'off:';
	$many = [];
	for ($i = 0; $i < 100; $i++) {
		$many["{$p}m$i"] = 'new';
	}
	/* a few keys: On deletes them from a */
	var_dump($db->set("{$p}k", 'old'), $db->set("{$p}other", 'untouched'));
	$deletes = ldb_test_stat($a, 'delete_hits') + ldb_test_stat($a, 'delete_misses');
	outage($opts, $a, $b, ["{$p}k" => 'new']);
	back_on_a($db, $a);
	echo "k: ", var_export($db->get("{$p}k"), true), ", other: ", var_export($db->get("{$p}other"), true), "\n";
	echo "deletes on a: ", ldb_test_stat($a, 'delete_hits') + ldb_test_stat($a, 'delete_misses') - $deletes, "\n";
	/* more keys than the slot keeps: On flushes a */
	foreach (array_keys($many) as $key) {
		$db->set($key, 'old');
	}
	$flushes = ldb_test_stat($a, 'cmd_flush');
	outage($opts, $a, $b, $many);
	back_on_a($db, $a);
	$old = 0;
	foreach (array_keys($many) as $key) {
		$old += $db->get($key) === 'old';
	}
	echo "old values read from a: $old, flushes of a: ", ldb_test_stat($a, 'cmd_flush') - $flushes, "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
--- rejoin_clean Off
bool(true)
bool(true)
written during the outage: true on b
back on a: true
k: 'old', other: 'untouched'
deletes on a: 0
written during the outage: true on b
back on a: true
old values read from a: 100, flushes of a: 0
--- rejoin_clean On
bool(true)
bool(true)
written during the outage: true on b
back on a: true
k: NULL, other: 'untouched'
deletes on a: 1
written during the outage: true on b
back on a: true
old values read from a: 0, flushes of a: 1
