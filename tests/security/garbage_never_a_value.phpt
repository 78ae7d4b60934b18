--TEST--
Security: a server answering garbage is treated as failed; its garbage is never returned as a value, and incrs are not replayed
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$b] = ldb_test_memcached(1);
$codes = [0 => 'none', LocalDbException::NO_SERVER => 'NO_SERVER', LocalDbException::OUTCOME_UNKNOWN => 'OUTCOME_UNKNOWN',
	LocalDbException::SERVER_ERROR => 'SERVER_ERROR', LocalDbException::BAD_VALUE => 'BAD_VALUE'];
foreach (['random', 'truncated', 'truncated_close', 'short_line', 'wrongkey', 'server_error', 'close'] as $mode) {
	/* the garbage server alone (a fresh one for each call, so that each call reaches it
	 * rather than finding it marked down): reads give nothing, ever. The wrongkey mode
	 * answers with "<first key>_other", a key that was not asked. */
	$values = 0;
	$errors = 0;
	foreach (['get', 'getMulti'] as $call) {
		$db = new LocalDb([ldb_test_fixture('garbage', [$mode])], ['exceptions' => false, 'persistent' => false, 'timeout' => 300]);
		$v = $call === 'get' ? $db->get('k') : $db->getMulti(['k', 'x', 'y']);
		$values += $call === 'get' ? ($v !== null ? 1 : 0) : count($v);
		$errors += $db->lastError() !== null ? 1 : 0;
	}
	$err = $errors === 2 ? 'error' : "$errors errors";
	/* in front of a good server: incr is sent once; if its reply is lost it is not replayed.
	 * A key of its own per mode: an incr that may have been applied on a garbage server
	 * leaves b behind on that key, and b deletes it before it serves again. */
	$n = "n_$mode";
	ldb_test_raw($b, "set $n 0 0 1\r\n5\r\n");
	$g = ldb_test_fixture('garbage', [$mode]);
	$db = new LocalDb([$g, $b], ['exceptions' => false, 'persistent' => false, 'timeout' => 300]);
	$r = $db->incr($n, 1);
	$code = $codes[$db->lastErrorCode()] ?? $db->lastErrorCode();
	echo str_pad($mode, 16), "values returned: $values ($err); incr: ", var_export($r, true), " ($code), second server n=",
		ldb_test_peek($b, $n), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
random          values returned: 0 (error); incr: false (OUTCOME_UNKNOWN), second server n=5
truncated       values returned: 0 (error); incr: false (none), second server n=5
truncated_close values returned: 0 (error); incr: false (none), second server n=5
short_line      values returned: 0 (error); incr: false (none), second server n=5
wrongkey        values returned: 0 (error); incr: false (none), second server n=5
server_error    values returned: 0 (error); incr: 6 (none), second server n=6
close           values returned: 0 (error); incr: false (OUTCOME_UNKNOWN), second server n=5
