--TEST--
Garbage, truncated or wrong-key replies are failures, never values; reads move to the next server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.timeout=300
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set k 0 0 4\r\non b\r\n");
foreach (['random', 'truncated', 'truncated_close', 'short_line', 'wrongkey', 'close'] as $mode) {
	$g = ldb_test_fixture('garbage', [$mode]);
	$db = new LocalDb([$g, $b], ['persistent' => false]);
	$t = microtime(true);
	try {
		$r = json_encode($db->get('k'));
	} catch (LocalDbException $e) {
		$r = 'LocalDbException ' . $e->getCode();
	}
	echo $mode, ': ', $r, microtime(true) - $t > 2 * ldb_test_time_factor() ? ' (slow)' : '', "\n";
	/* only the bad server (a fresh one): an error, not a wrong value */
	$db = new LocalDb([ldb_test_fixture('garbage', [$mode])], ['persistent' => false]);
	try {
		$r = $db->get('k');
		echo '  alone: ', json_encode($r), "\n";
	} catch (LocalDbException $e) {
		echo '  alone: LocalDbException', "\n";
	}
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
random: "on b"
  alone: LocalDbException
truncated: "on b"
  alone: LocalDbException
truncated_close: "on b"
  alone: LocalDbException
short_line: "on b"
  alone: LocalDbException
wrongkey: "on b"
  alone: LocalDbException
close: "on b"
  alone: LocalDbException
