--TEST--
FPM + nginx: worker memory (VmRSS) does not grow between 2,000 and 6,000 requests
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

const WORKERS = 4;
/* generous: a leak of a few hundred bytes a request shows as megabytes over 4,000 requests,
 * while allocator noise stays far below */
const BOUND_KB = 2048;

[$a] = ldb_test_memcached(1);
ldb_test_raw($a, "set n 0 0 1\r\n0\r\n");
/* the calls of a typical page: values compressed or not, hits and misses, a counter; and a
 * failing server in a second group, so error paths run too */
$refused = ldb_test_refused();
$page = <<<PHP
	<?php
	\$i = (int) \$_GET['i'];
	\$db = new LocalDb();
	\$db->set('k' . (\$i % 500), ['i' => \$i, 's' => str_repeat('x', \$i % 3000)]);
	\$db->getMulti(['k' . (\$i % 500), 'k' . ((\$i + 1) % 500), 'nope']);
	\$db->get('k1');
	\$db->incr('n');
	\$db->deleteMulti(['gone' . \$i]);
	\$down = new LocalDb('$refused', ['exceptions' => false]);
	\$down->get('x');
	echo getmypid(), ' ok';
	PHP;

$f = ldb_fpm_start(['workers' => WORKERS, 'ini' => ['localdb.servers' => $a, 'localdb.log_failover' => '0', 'localdb.timeout' => '3000'], 'pages' => ['p' => $page]]);

$done = 0;
$bad = 0;
$run = function (int $until) use ($f, &$done, &$bad) {
	$from = $done;
	ldb_http_run($f, $until - $from, fn ($i) => '/p.php?i=' . ($from + $i), function ($i, $r) use (&$bad) {
		$bad += $r === null || $r['status'] !== 200 || !preg_match('/^\d+ ok$/', $r['body']);
	}, WORKERS);
	$done = $until;
	$rss = [];
	foreach (ldb_fpm_workers($f) as $pid) {
		$rss[$pid] = ldb_fpm_rss($pid);
	}
	return $rss;
};
$at2000 = $run(2000);
$at6000 = $run(6000);
echo "requests: $done, failed: $bad\n";
echo "same workers: ", array_keys($at2000) === array_keys($at6000) ? 'yes' : 'no', "\n";
$over = [];
foreach ($at6000 as $pid => $kb) {
	if ($kb - ($at2000[$pid] ?? 0) > BOUND_KB) {
		$over[] = "$pid: {$at2000[$pid]} kB -> $kb kB";
	}
}
echo "workers whose RSS grew by more than 2 MB: ", $over ? implode(', ', $over) : 'none', "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
requests: 6000, failed: 0
same workers: yes
workers whose RSS grew by more than 2 MB: none
