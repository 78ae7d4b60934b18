--TEST--
Pool: 3000 handles with different options share one connection and keep a bounded number of groups; more server lists than the shared health table holds never throw (one warning)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
log_errors=1
display_errors=0
--FILE--
<?php
require_once __DIR__ . '/pool.inc';
$log = ldb_test_tempfile('error.log');
ini_set('error_log', $log);
[$a] = ldb_test_memcached(1);
ldb_test_raw($a, "set k 0 0 1\r\nv\r\n");
$t0 = ldb_test_stat($a, 'total_connections');
$wrong = 0;
for ($i = 0; $i < 3000; $i++) {
	$h = new LocalDb($a, ['timeout' => 100 + $i]);
	$wrong += $h->get('k') !== 'v';
}
$st = ldb_pool_stats();
echo "wrong answers: $wrong, new connections: ", ldb_pool_accepted($a, $t0), ", groups kept: ", $st['groups'] <= 66 ? 'at most 66' : $st['groups'], "\n";

/* 300 server lists of servers never contacted: more than the 256 shared slots */
$thrown = 0;
for ($i = 0; $i < 300; $i++) {
	try {
		$h = new LocalDb(["127.0.0.1:" . (30000 + $i), $a], ['retry_interval' => 1]);
	} catch (Throwable $e) {
		$thrown++;
	}
}
echo "thrown: $thrown\n";
$s = $h->servers();
echo "last list: first server shared ", var_export($s[0]['shared'], true), ", second shared ", var_export($s[1]['shared'], true), "\n";
echo "the last list still serves: ", var_export($h->get('k'), true), "\n";
$full = array_filter(file($log, FILE_IGNORE_NEW_LINES) ?: [], fn($l) => str_contains($l, 'health table is full'));
echo "warnings: ", count($full), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
wrong answers: 0, new connections: 1, groups kept: at most 66
thrown: 0
last list: first server shared false, second shared true
the last list still serves: 'v'
warnings: 1
