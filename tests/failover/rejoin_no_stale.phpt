--TEST--
memcached rejoin: a value written to the second server by another worker while the first was out is never read stale from the first when it comes back (it is flushed first)
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
$db->set('k', 'old');
$db->set('other', 'kept?');
ldb_test_kill($a, SIGSTOP);

/* another worker writes k while a is out: it lands on b */
$out = ldb_test_tempfile('child.txt');
$pid = pcntl_fork();
if ($pid === 0) {
	$c = new LocalDb([$a, $b]);
	/* a read finds a hung (and marks it down) without leaving a write queued on it */
	$c->get('k');
	$ok = $c->set('k', 'new');
	file_put_contents($out, ($ok ? 'stored' : 'failed') . ' on ' . ($c->server() === $b ? 'b' : 'a'));
	LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
	exit(0);
}
pcntl_waitpid($pid, $status);
ldb_test_write_pid_file();
echo "child: ", file_get_contents($out), "\n";
echo "a still holds: ", ldb_test_kill($a, SIGCONT) ?? '', ldb_test_peek($a, 'k'), "\n";

/* this worker wrote nothing during the outage; it goes back to a when a is up again */
$deadline = microtime(true) + 20 * ldb_test_time_factor();
while (microtime(true) < $deadline && $db->server() !== $a) {
	$db->get('other');
	usleep(50000);
}
echo "back on a: ", var_export($db->server() === $a, true), "\n";
$v = $db->get('k');
echo "k: ", var_export($v, true), ($v === 'old' ? " (STALE)" : ""), "\n";
/* the writes elsewhere were not all this worker's: a was flushed, once */
echo "flushes of a: ", ldb_test_stat($a, 'cmd_flush'), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
child: stored on b
a still holds: old
back on a: true
k: NULL
flushes of a: 1
