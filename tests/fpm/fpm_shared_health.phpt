--TEST--
FPM + nginx: a server found down by one worker is skipped by every worker at once (shared health)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

/* the first server never completes a connect: whoever tries it waits connect_timeout */
$hole = ldb_test_blackhole();
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set k 0 0 5\r\nvalue\r\n");

$page = <<<'PHP'
	<?php
	usleep(20000);
	$db = new LocalDb();
	$t = microtime(true);
	$v = $db->get('k');
	$ms = (microtime(true) - $t) * 1000;
	$first = $db->servers()[0];
	echo getmypid(), ' ', json_encode([
		'value' => $v,
		'server' => $db->server() === explode(',', ini_get('localdb.servers'))[0] ? 'first' : 'second',
		'first' => $first['state'],
		'connect_failures' => $first['connect_failures'],
		'waited' => $ms >= 500,
	]);
	PHP;

$f = ldb_fpm_start([
	'workers' => 4,
	'ini' => ['localdb.servers' => "$hole,$b", 'localdb.connect_timeout' => '1000', 'localdb.retry_interval' => '600'],
	'pages' => ['page' => $page],
]);
$r = ldb_http_get($f, '/page.php');
echo "first request: ", $r === null ? 'no response' : preg_replace('/^\d+ /', '', $r['body']), "\n";
$each = ldb_http_each_worker($f, '/page.php');
$answers = array_unique(array_map(fn ($body) => preg_replace('/^\d+ /', '', $body), $each));
echo "workers: ", count($each), ", answers:\n";
foreach ($answers as $a) {
	echo "  $a\n";
}
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
first request: {"value":"value","server":"second","first":"down","connect_failures":1,"waited":true}
workers: 4, answers:
  {"value":"value","server":"second","first":"down","connect_failures":1,"waited":false}
