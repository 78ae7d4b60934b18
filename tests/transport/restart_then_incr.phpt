--TEST--
memcached killed and restarted, then incr on the kept connection at once: the dead connection is found before the write, never OUTCOME_UNKNOWN
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$mc] = ldb_test_memcached(1);
$db = new LocalDb([$mc]);
$results = [];
for ($i = 0; $i < 8; $i++) {
	$db->set('n', 5);
	$db->incr('n');               /* the connection is kept, used a moment ago */
	ldb_test_restart($mc);        /* the server's end of it is gone */
	ldb_test_raw($mc, "set n 0 0 1\r\n5\r\n");
	try {
		$results[] = $db->incr('n');
	} catch (LocalDbException $e) {
		$results[] = $e->getCode() === LocalDbException::OUTCOME_UNKNOWN ? 'OUTCOME_UNKNOWN' : $e->getMessage();
	}
}
echo implode(',', $results), "\n";
/* each incr was applied once */
var_dump(ldb_test_peek($mc, 'n'));
/* add and append, the other writes not safe to repeat, likewise */
ldb_test_restart($mc);
var_dump($db->add('fresh', 'x'));
ldb_test_restart($mc);
ldb_test_raw($mc, "set s 0 0 1\r\na\r\n");
var_dump($db->append('s', 'b'), ldb_test_peek($mc, 's'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
6,6,6,6,6,6,6,6
string(1) "6"
bool(true)
bool(true)
string(2) "ab"
