--TEST--
incr()/decr() with $initial: a missing key is created with $initial (and $ttl), which is returned; an existing counter is counted on
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->incr('n', 5, 10, 100), $db->getResultCode());
/* stored as set() stores an int: get() reads an int back, the server counts on it */
var_dump($db->get('n'), ldb_test_peek($a, 'n'), ldb_test_ttl($a, 'n') > 90);
var_dump($db->incr('n', 5, 10), $db->decr('n', 1, 10), $db->get('n'));
var_dump($db->decr('d', 3, 0), $db->get('d'));
/* without a ttl the counter does not expire */
var_dump($db->incr('forever', 1, 7), ldb_test_ttl($a, 'forever'));
/* null $initial: a miss stays a miss */
var_dump($db->incr('missing', 1, null), $db->getResultCode() === LocalDb::RES_NOTFOUND, $db->get('missing'));
/* a value that is not a number is not replaced */
$db->set('word', 'abc');
var_dump($db->incr('word', 1, 5), $db->getResultCode() === LocalDb::RES_NOT_NUMERIC, $db->get('word'));
foreach ([fn() => $db->incr('n', 1, -1), fn() => $db->decr('n', 1, 0, -5)] as $bad) {
	try {
		$bad();
	} catch (ValueError $e) {
		echo $e->getMessage(), "\n";
	}
}
var_dump($db->get('n'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
int(10)
int(0)
int(10)
string(2) "10"
bool(true)
int(15)
int(14)
int(14)
int(0)
int(0)
int(7)
int(-1)
bool(false)
bool(true)
NULL
bool(false)
bool(true)
string(3) "abc"
LocalDb::incr(): Argument #3 ($initial) must be null or greater than or equal to 0 (counters are unsigned)
LocalDb::decr(): Argument #4 ($ttl) must be from 0 (never expires) to 4294967295; up to 2592000 (30 days) it counts seconds from now, above that it is a Unix time
int(14)
