--TEST--
Signals every 30 ms (SIGUSR1, handled) do not stretch the reply timeout of a hung server or the connect timeout of a black hole
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc';
if (!function_exists('pcntl_signal')) die('skip pcntl not available'); ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$f = ldb_test_time_factor();
$got = 0;
pcntl_signal(SIGUSR1, function () use (&$got) { $got++; });
[$hung] = ldb_test_memcached(1);
$hole = ldb_test_blackhole();
ldb_test_kill($hung, SIGSTOP);
$sig = ldb_test_fixture('signaler', [30]);
usleep(200000);

/* reply timeout 300 ms on a server that accepts and never answers */
$db = new LocalDb([$hung], ['timeout' => 300, 'exceptions' => false]);
$t = microtime(true);
var_dump($db->get('k'));
$took = microtime(true) - $t;
echo $took >= 0.28 && $took < 1.0 * $f ? "reply: about 300 ms\n" : "reply: took $took s\n";

/* connect timeout 300 ms on an address that never completes a connect */
$db = new LocalDb([$hole], ['connect_timeout' => 300, 'exceptions' => false]);
$t = microtime(true);
var_dump($db->get('k'));
$took = microtime(true) - $t;
echo $took >= 0.28 && $took < 1.0 * $f ? "connect: about 300 ms\n" : "connect: took $took s\n";

ldb_test_kill($sig);
pcntl_signal_dispatch();
echo $got > 5 ? "signals arrived\n" : "only $got signals\n";
ldb_test_kill($hung, SIGCONT);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
NULL
reply: about 300 ms
NULL
connect: about 300 ms
signals arrived
