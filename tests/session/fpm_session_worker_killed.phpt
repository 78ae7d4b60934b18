--TEST--
Sessions under FPM + nginx: a worker killed while it holds the lock blocks the session no longer than the lock's expiry (max_execution_time + 5 s)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/session.inc';
[$a, $b] = ldb_test_memcached(2);
$f = ldb_session_fpm("$a,$b", ['max_execution_time' => '1'], ['localdb.session_lock_wait' => '20000']);
ldb_http_get($f, '/incr.php?sid=k1');

$pidfile = ldb_test_tempfile('pid');
$holder = ldb_session_send($f, "/hold.php?sid=k1&ms=30000&pidfile=$pidfile");
$pid = ldb_session_wait_pid($pidfile);
$locked_at = microtime(true);
ldb_fpm_signal([$pid], SIGKILL);
var_dump(ldb_test_peek($a, 'ldb.sess.k1.lock') !== null, ldb_test_peek($b, 'ldb.sess.k1.lock') !== null);

$r = ldb_http_get($f, '/incr.php?sid=k1');
$waited = microtime(true) - $locked_at;
echo $r['status'], ' n=', ldb_session_n($r), "\n";
/* the lock's expiry is 1 + 5 s (memcached counts whole seconds: up to one more) */
var_dump($waited > 4.5, $waited < 8.0 * ldb_test_time_factor());
fclose($holder);
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/session.inc'; ldb_fpm_cleanup(); ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
200 n=2
bool(true)
bool(true)
