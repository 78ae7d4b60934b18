--TEST--
failback On (default): two hosts (separate processes, separate health tables) that saw different outages end on the same server; the failback waits for the hold-down, and every log line says why
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=On
localdb.retry_interval=1
log_errors=1
display_errors=0
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$log = ldb_test_tempfile('error.log');
ini_set('error_log', $log);
[$a, $b] = ldb_test_memcached(2);

/* host 1 (this process) sees a go away and fails over to b */
$db = new LocalDb([$a, $b]);
var_dump(ini_get('localdb.failback'));
$db->set('k', 'v');
ldb_test_kill($a);
$db->set('k', 'v2');
echo "host 1 during the outage: ", $db->server() === $b ? 'b' : 'a', "\n";
$s = $db->servers()[0];
echo "a: {$s['state']}, last_error set: ", var_export($s['last_error'] !== null, true), "\n";
ldb_test_restart($a);

/* host 2 (another process: a health table of its own) starts now and never saw the outage */
$host2 = <<<'PHP'
	<?php
	$db = new LocalDb([$argv_a, $argv_b]);
	$db->get('x');
	echo $db->server() === $argv_a ? 'a' : 'b';
	PHP;
$host2 = str_replace(['$argv_a', '$argv_b'], [var_export($a, true), var_export($b, true)], $host2);
[, $out] = ldb_test_php($host2);
echo "host 2: $out\n";

/* host 1 probes a, finds it up, and goes back only after it stayed up retry_interval */
$deadline = microtime(true) + 20 * ldb_test_time_factor();
$back = null;
while (microtime(true) < $deadline) {
	$db->get('k');
	if ($db->server() === $a) {
		$back = microtime(true);
		break;
	}
	usleep(50000);
}
$s = $db->servers()[0];
echo "host 1 back on a: ", var_export($back !== null, true), "\n";
echo "held down for retry_interval after the probe: ", var_export($back - $s['up_since'] >= 0.95, true), "\n";
echo "a: {$s['state']}, probes {$s['probes']}, failbacks {$s['failbacks']}, last_error ", var_export($s['last_error'], true), "\n";
echo "a: failovers {$s['failovers']}\n";
[, $out] = ldb_test_php($host2);
echo "host 2: $out\n";
/* host 1 served k from a only after deleting it there (written to b meanwhile) */
var_dump($db->get('k'));

/* every line names the server and a reason */
$lines = file($log, FILE_IGNORE_NEW_LINES) ?: [];
foreach ($lines as $l) {
	$l = preg_replace('/^\[[^]]*\] /', '', $l);
	echo str_replace([$a, $b], ['A', 'B'], preg_replace('/: (connect|connection|reading|sending)[^\n]*$/', ': <why>', $l)), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string(1) "1"
host 1 during the outage: b
a: down, last_error set: true
host 2: a
host 1 back on a: true
held down for retry_interval after the probe: true
a: up, probes 1, failbacks 1, last_error NULL
a: failovers 1
host 2: a
NULL
LocalDb: server A up -> down: <why>
LocalDb: failover from A to B: <why>
LocalDb: server A down -> up: answered a probe
LocalDb: failback from B to A: it has been up for 1 s
