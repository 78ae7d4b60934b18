--TEST--
failback On: one slow reply that does not mark the first server down sends that request on and moves nothing: no failover, no failback, no log line, in a CLI loop
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=On
localdb.retry_interval=1
localdb.timeout=200
log_errors=1
display_errors=0
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$log = ldb_test_tempfile('error.log');
ini_set('error_log', $log);
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
$db->set('k', 'v');
/* one reply too late */
ldb_test_kill($a, SIGSTOP);
$db->get('k');
ldb_test_kill($a, SIGCONT);
echo "current after the slow reply: ", $db->server() === $a ? 'a' : 'b', "\n";
usleep(1100000);
$away = 0;
$wrong = 0;
for ($i = 0; $i < 40; $i++) {
	$wrong += $db->get('k') !== 'v';
	$away += $db->server() !== $a;
	usleep(20000);
}
$s = $db->servers()[0];
echo "calls on another server: $away, wrong: $wrong\n";
echo "a: {$s['state']}, failures {$s['failures']}, io_failures {$s['io_failures']}, failovers {$s['failovers']}, failbacks {$s['failbacks']}, last_error ", var_export($s['last_error'], true), "\n";
echo "log lines: ", count(file($log, FILE_IGNORE_NEW_LINES) ?: []), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
current after the slow reply: a
calls on another server: 0, wrong: 0
a: up, failures 0, io_failures 1, failovers 0, failbacks 0, last_error NULL
log lines: 0
