--TEST--
Sessions under FPM + nginx: a request that cannot get the lock within localdb.session_lock_wait fails clearly and writes nothing
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/session.inc';
[$a, $b] = ldb_test_memcached(2);
$f = ldb_session_fpm("$a,$b", [], ['localdb.session_lock_wait' => '300']);
ldb_http_get($f, '/incr.php?sid=t1');

/* one request holds the lock for 2 s; another comes meanwhile */
$pidfile = ldb_test_tempfile('pid');
$holder = ldb_session_send($f, "/hold.php?sid=t1&ms=2000&pidfile=$pidfile");
ldb_session_wait_pid($pidfile);
$t = microtime(true);
$r = ldb_http_get($f, '/incr.php?sid=t1');
$took = microtime(true) - $t;
echo $r['status'], ' ', $r['body'], "\n";
var_dump($took >= 0.29 && $took < 1.5 * ldb_test_time_factor());
/* nothing was written by the request that failed: the holder's increment is the only one */
stream_set_timeout($holder, 10);
$reply = stream_get_contents($holder);
var_dump((bool) preg_match('/\r\n\r\n\d+ n=2$/', $reply));
echo 'n=', ldb_session_n(ldb_http_get($f, '/read.php?sid=t1')), "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/session.inc'; ldb_fpm_cleanup(); ldb_test_cleanup(); ?>
--EXPECTF--
503 no session: session_start(): LocalDb session: session t1 is locked by another request; gave up after localdb.session_lock_wait (300 ms) | session_start(): Failed to read session data: localdb (path: %s)
bool(true)
bool(true)
n=2
