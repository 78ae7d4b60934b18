--TEST--
A non-idempotent write whose server times out after it was sent is not replayed elsewhere (the old client's fault #3)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.timeout=200
localdb.retry_interval=60
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$b] = ldb_test_memcached(1);
ldb_test_raw($b, "set n 0 0 2\r\n10\r\n");
foreach (['incr' => fn($db) => $db->incr('n'), 'decr' => fn($db) => $db->decr('n'),
	'append' => fn($db) => $db->append('n', '0'), 'prepend' => fn($db) => $db->prepend('n', '1'),
	'add' => fn($db) => $db->add('new', 'x')] as $name => $op) {
	/* answers version at once (so it looks alive), everything else after 1 s; a fresh one
	   each time, so that no health is remembered from the case before */
	$slow = ldb_test_fixture('slow', [1000, 'version']);
	$db = new LocalDb([$slow, $b], ['persistent' => false]);
	$t = microtime(true);
	try {
		var_dump($op($db));
	} catch (LocalDbException $e) {
		echo $name, ': ', $e->getCode() === LocalDbException::OUTCOME_UNKNOWN ? 'OUTCOME_UNKNOWN' : $e->getCode(), "\n";
	}
	if (microtime(true) - $t > 0.9 * ldb_test_time_factor()) {
		echo "$name waited for the slow reply\n";
	}
}
/* b never saw any of them */
var_dump(ldb_test_peek($b, 'n'), ldb_test_peek($b, 'new'));
$st = ldb_test_stats($b);
var_dump($st['incr_hits'] + $st['incr_misses'] + $st['decr_hits'] + $st['decr_misses'], $st['cmd_set']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
incr: OUTCOME_UNKNOWN
decr: OUTCOME_UNKNOWN
append: OUTCOME_UNKNOWN
prepend: OUTCOME_UNKNOWN
add: OUTCOME_UNKNOWN
string(2) "10"
NULL
int(0)
string(1) "1"
