--TEST--
Sessions under FPM + nginx: the server in use is killed (kill -9) while 4 clients use one session; the session goes on and no increment is lost; restarted, the server gets the session again
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/session.inc';
const REQUESTS = 400;
const KILL_AT = 150;
[$a, $b] = ldb_test_memcached(2);
$f = ldb_session_fpm("$a,$b", ['localdb.log_failover' => '0']);

$bad = [];
$path = function (int $i) use ($a) {
	if ($i === KILL_AT) {
		ldb_test_kill($a, SIGKILL);
	}
	return '/incr.php?sid=f1';
};
$failed = ldb_http_run($f, REQUESTS, $path, function (int $i, ?array $r) use (&$bad) {
	if (ldb_session_n($r) === null) {
		$bad[] = "$i: " . ($r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 200));
	}
}, 4);
$n = ldb_session_n(ldb_http_get($f, '/read.php?sid=f1'));
echo "requests: ", REQUESTS, ", failed: ", $failed + count($bad), ", increments lost: ", REQUESTS - $n, "\n";
foreach (array_slice($bad, 0, 5) as $line) {
	echo "  $line\n";
}
var_dump(str_ends_with((string) ldb_test_peek($b, 'ldb.sess.f1'), 'n|i:' . REQUESTS . ';'));

/* restarted (empty), it is probed after retry_interval and takes the writes again */
ldb_test_restart($a);
$deadline = microtime(true) + 10 * ldb_test_time_factor();
$n = 0;
do {
	usleep(200000);
	$n = ldb_session_n(ldb_http_get($f, '/incr.php?sid=f1'));
} while (!str_ends_with((string) ldb_test_peek($a, 'ldb.sess.f1'), "n|i:$n;") && microtime(true) < $deadline);
var_dump(ldb_test_peek($a, 'ldb.sess.f1') === ldb_test_peek($b, 'ldb.sess.f1'), $n > REQUESTS);
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/session.inc'; ldb_fpm_cleanup(); ldb_test_cleanup(); ?>
--EXPECT--
requests: 400, failed: 0, increments lost: 0
bool(true)
bool(true)
bool(true)
