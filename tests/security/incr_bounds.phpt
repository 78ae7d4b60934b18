--TEST--
Security: incr/decr bounds: negative steps refused before sending, huge steps and 2^64 wrap as memcached does
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$r = new LocalDb([$rec], ['log_failover' => false]);
foreach ([-1, PHP_INT_MIN] as $by) {
	foreach (['incr', 'decr'] as $m) {
		try {
			$r->$m('n', $by);
			echo "$m($by): accepted\n";
		} catch (ValueError $e) {
			echo "$m($by): ValueError\n";
		}
	}
}
var_dump(array_values(array_filter(ldb_test_commands((string) @file_get_contents($file)), fn($c) => $c !== 'version')));

[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b], ['log_failover' => false]);
var_dump($db->set('n', 0));
var_dump($db->incr('n', PHP_INT_MAX));                 /* 2^63 - 1 */
/* past PHP_INT_MAX the server has applied it, but PHP cannot hold the result */
try {
	var_dump($db->incr('n', 1));
} catch (LocalDbException $e) {
	echo 'LocalDbException ', $e->getCode() === LocalDbException::BAD_VALUE ? 'BAD_VALUE' : $e->getCode(), "\n";
}
echo ldb_test_peek($a, 'n'), "\n";                      /* 2^63 */
var_dump($db->get('n'));                               /* read back as a float */
/* 2^64 - 1, then + 1: memcached wraps to 0 (its counters are unsigned 64-bit) */
ldb_test_raw($a, "set n 0 0 20\r\n18446744073709551615\r\n");
var_dump($db->incr('n', 1));
var_dump($db->incr('n', PHP_INT_MAX));                 /* 0 + 2^63 - 1 */
try {
	$db->incr('n', PHP_INT_MAX);                       /* 2^64 - 2 */
	echo "no exception\n";
} catch (LocalDbException $e) {
	echo 'LocalDbException ', $e->getCode() === LocalDbException::BAD_VALUE ? 'BAD_VALUE' : $e->getCode(), "\n";
}
var_dump($db->incr('n', 2));                           /* wraps to 0 */
var_dump(rtrim(ldb_test_peek($a, 'n')));
/* decr stops at 0 */
var_dump($db->set('d', 5), $db->decr('d', PHP_INT_MAX), $db->decr('d', 1));
/* a value that is not a number, and a missing key: answers, not failures */
var_dump($db->set('s', 'abc'), $db->incr('s', 1), $db->incr('missing', 1), $db->decr('missing', 1));
/* nothing was sent to the second server: no answer above was a failure */
var_dump(ldb_test_requests($b), $db->server() === $a);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
incr(-1): ValueError
decr(-1): ValueError
incr(-9223372036854775808): ValueError
decr(-9223372036854775808): ValueError
array(0) {
}
bool(true)
int(9223372036854775807)
LocalDbException BAD_VALUE
9223372036854775808
float(9.223372036854776E+18)
int(0)
int(9223372036854775807)
LocalDbException BAD_VALUE
int(0)
string(1) "0"
bool(true)
int(0)
int(0)
bool(true)
bool(false)
bool(false)
bool(false)
int(0)
bool(true)
