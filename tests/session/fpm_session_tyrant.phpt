--TEST--
Sessions under FPM + nginx, backend=tyrant: 4 clients at once on one session lose no increment; the session lives on the current server only
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/session.inc';
const REQUESTS = 200;
$t1 = ldb_test_fixture('tyrant');
$t2 = ldb_test_fixture('tyrant');
$f = ldb_session_fpm("$t1,$t2", ['localdb.backend' => 'tyrant']);

$bad = [];
$failed = ldb_http_run($f, REQUESTS, fn (int $i) => '/incr.php?sid=ty1', function (int $i, ?array $r) use (&$bad) {
	if (ldb_session_n($r) === null) {
		$bad[] = $r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 200);
	}
}, 4);
$n = ldb_session_n(ldb_http_get($f, '/read.php?sid=ty1'));
echo "requests: ", REQUESTS, ", failed: ", $failed + count($bad), ", increments lost: ", REQUESTS - $n, "\n";
foreach (array_slice($bad, 0, 5) as $line) {
	echo "  $line\n";
}
var_dump((bool) preg_match('/^\0LS1 \d+ \d+\nn\|i:' . REQUESTS . ';$/', (string) ldb_test_peek($t1, 'ldb.sess.ty1')), ldb_test_peek($t2, 'ldb.sess.ty1'));
var_dump(ldb_test_peek($t1, 'ldb.sess.ty1.lock'));
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/session.inc'; ldb_fpm_cleanup(); ldb_test_cleanup(); ?>
--EXPECT--
requests: 200, failed: 0, increments lost: 0
bool(true)
NULL
NULL
