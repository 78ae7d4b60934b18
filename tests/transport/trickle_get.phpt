--TEST--
A server that trickles its reply (one byte every 150 ms) cannot hold get() past about timeout, and the request moves on
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.timeout=500
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$f = ldb_test_time_factor();
/* a 2000-byte value and a short one, each on a trickling server of its own (written raw,
 * waiting for the trickled STORED): a server that timed out is down, and a down server
 * is not waited for again */
$big = str_repeat('x', 2000);
$slow = ['big' => ldb_test_fixture('trickle', [150, 'version']), 'k' => ldb_test_fixture('trickle', [150, 'version'])];
var_dump(ldb_test_raw($slow['big'], "set big 0 0 2000\r\n$big\r\n", 5.0));
var_dump(ldb_test_raw($slow['k'], "set k 0 0 1\r\nv\r\n", 5.0));

/* one server: the call fails after about timeout, not after the whole reply (8 s / 5 min) */
foreach (['k', 'big'] as $key) {
	$db = new LocalDb([$slow[$key]], ['exceptions' => false]);
	$t = microtime(true);
	$r = $db->get($key);
	$took = microtime(true) - $t;
	printf("%s: %s, %s\n", $key, var_export($r, true), $took >= 0.45 && $took < 1.5 * $f ? 'about timeout' : "took $took s");
}

/* two servers: the second answers, within about one timeout */
[$mc] = ldb_test_memcached(1);
ldb_test_raw($mc, "set k 0 0 2\r\nok\r\n");
$db = new LocalDb([ldb_test_fixture('trickle', [150, 'version']), $mc]);
$t = microtime(true);
var_dump($db->get('k'));
$took = microtime(true) - $t;
echo $took < 1.5 * $f ? "failover within about timeout\n" : "took $took s\n";
var_dump($db->server() === $mc);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string(8) "STORED
"
string(8) "STORED
"
k: NULL, about timeout
big: NULL, about timeout
string(2) "ok"
failover within about timeout
bool(true)
