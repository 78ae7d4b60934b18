--TEST--
Sessions under FPM + nginx: sequential requests of one session, then 4 clients at once on one session lose no increment
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/session.inc';
const REQUESTS = 400;
[$a, $b] = ldb_test_memcached(2);
$f = ldb_session_fpm("$a,$b");

$seq = [];
for ($i = 0; $i < 10; $i++) {
	$seq[] = ldb_session_n(ldb_http_get($f, '/incr.php?sid=seq1'));
}
echo "sequential: ", implode(' ', $seq), "\n";

$bad = [];
$failed = ldb_http_run($f, REQUESTS, fn (int $i) => '/incr.php?sid=conc1', function (int $i, ?array $r) use (&$bad) {
	if (ldb_session_n($r) === null) {
		$bad[] = $r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 200);
	}
}, 4);
$n = ldb_session_n(ldb_http_get($f, '/read.php?sid=conc1'));
echo "concurrent: ", REQUESTS, " requests, failed: ", $failed + count($bad), ", increments lost: ", REQUESTS - $n, "\n";
foreach (array_slice($bad, 0, 5) as $line) {
	echo "  $line\n";
}
echo "php errors: ", ldb_fpm_php_errors($f) === '' ? 'none' : ldb_fpm_php_errors($f), "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/session.inc'; ldb_fpm_cleanup(); ldb_test_cleanup(); ?>
--EXPECT--
sequential: 1 2 3 4 5 6 7 8 9 10
concurrent: 400 requests, failed: 0, increments lost: 0
php errors: none
