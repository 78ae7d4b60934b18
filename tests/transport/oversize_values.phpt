--TEST--
Values over localdb.item_size_limit are refused before anything is sent (ValueError); a value too large for the server is an answer (false), never a failover
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
localdb.compression_threshold=0
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
var_dump(ini_get('localdb.item_size_limit'));
$file = ldb_test_tempfile('rec');
$rec = ldb_test_fixture('recorder', [$file]);
$db = new LocalDb([$rec], ['item_size_limit' => 1000]);
foreach ([
	'set' => fn() => $db->set('k', str_repeat('x', 1001)),
	'add' => fn() => $db->add('k', str_repeat('x', 1001)),
	'setMulti' => fn() => $db->setMulti(['a' => 'small', 'b' => str_repeat('x', 1001)]),
	'append' => fn() => $db->append('k', str_repeat('x', 1001)),
	'set array' => fn() => $db->set('k', array_fill(0, 200, 'abcdef')),
] as $what => $call) {
	try {
		$call();
		echo "$what: no exception\n";
	} catch (ValueError $e) {
		echo "$what: ", $e->getMessage(), "\n";
	}
}
usleep(100000);
var_dump(ldb_test_commands((string) @file_get_contents($file)));
/* at the limit it goes through */
var_dump($db->set('k', str_repeat('x', 1000)));
var_dump(ldb_test_commands(file_get_contents($file)));

/* the limit in php.ini; a bad value is refused with a warning */
ini_set('localdb.item_size_limit', '10');
$db = new LocalDb([$rec]);
try {
	$db->set('k', 'eleven char');
} catch (ValueError $e) {
	echo $e->getMessage(), "\n";
}
var_dump(ini_set('localdb.item_size_limit', '1073741825'), ini_get('localdb.item_size_limit'));
ini_set('localdb.item_size_limit', '0');

/* memcached with 1 MB items: a 2 MB value is refused by the server, an answer */
[$small] = ldb_test_memcached(1, ['-I', '1m']);
[$other] = ldb_test_memcached(1);
$db = new LocalDb([$small, $other]);
var_dump($db->set('big', random_bytes(2 << 20)));
var_dump(str_contains((string) $db->lastError(), 'too large'), $db->lastErrorCode());
var_dump($db->server() === $small, ldb_test_stat($other, 'cmd_set'));
/* and the connection is still in step */
var_dump($db->set('k', 'v'), $db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
string(1) "0"
set: LocalDb::set(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
add: LocalDb::add(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
setMulti: LocalDb::setMulti(): Argument #1 ($items) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
append: LocalDb::append(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), 1001 given
set array: LocalDb::set(): Argument #2 ($value) must be at most 1000 bytes once encoded (localdb.item_size_limit), %d given
array(0) {
}
bool(true)
array(1) {
  [0]=>
  string(14) "set k 0 0 1000"
}
LocalDb::set(): Argument #2 ($value) must be at most 10 bytes once encoded (localdb.item_size_limit), 11 given

Warning: ini_set(): Invalid localdb.item_size_limit value "1073741825": expected bytes from 0 to 1073741824; the value is left unchanged in %s on line %d
bool(false)
string(2) "10"
bool(false)
bool(true)
int(0)
bool(true)
int(0)
bool(true)
string(1) "v"
