--TEST--
Security: options of the wrong type or out of range are refused before anything is sent
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$ref = 100;
$cases = [
	'timeout string' => ['timeout' => '100'], 'timeout float' => ['timeout' => 100.0], 'timeout bool' => ['timeout' => true],
	'timeout null' => ['timeout' => null], 'timeout array' => ['timeout' => [100]], 'timeout object' => ['timeout' => new stdClass()],
	'timeout 0' => ['timeout' => 0], 'timeout -1' => ['timeout' => -1], 'timeout PHP_INT_MAX' => ['timeout' => PHP_INT_MAX],
	'timeout PHP_INT_MIN' => ['timeout' => PHP_INT_MIN], 'connect_timeout 3600001' => ['connect_timeout' => 3600001],
	'retry_interval -1' => ['retry_interval' => -1], 'retry_interval 86401' => ['retry_interval' => 86401],
	'compression_threshold -1' => ['compression_threshold' => -1],
	'compression_threshold 2^31' => ['compression_threshold' => 2147483648],
	'exceptions int' => ['exceptions' => 1], 'exceptions string' => ['exceptions' => 'on'],
	'failback null' => ['failback' => null], 'rejoin_clean string' => ['rejoin_clean' => 'off'], 'persistent array' => ['persistent' => []],
	'backend unknown' => ['backend' => 'redis'], 'backend int' => ['backend' => 0], 'backend NUL' => ['backend' => "memcached\0x"],
	'serializer unknown' => ['serializer' => 'eval'], 'serializer array' => ['serializer' => ['php']],
	'prefix CRLF' => ['prefix' => "p\r\nflush_all\r\n"], 'prefix space' => ['prefix' => 'a b'], 'prefix NUL' => ['prefix' => "a\0"],
	'prefix 250 bytes' => ['prefix' => str_repeat('p', 250)], 'prefix int' => ['prefix' => 5],
	'servers option bad' => ['servers' => 'host:'], 'servers option CRLF' => ['servers' => "h\r\n:1"],
	'unknown name' => ['timeout_ms' => 100], 'name with NUL' => ["timeout\0" => 100], 'integer key' => [0 => 100],
	'ini name' => ['localdb.timeout' => 100], 'name case' => ['TIMEOUT' => 100],
	'shared_health flip' => ['shared_health' => !ini_get('localdb.shared_health')],
];
$refused = 0;
foreach ($cases as $label => $opts) {
	/* the servers option stands in for a null $servers */
	$servers = isset($opts['servers']) ? null : [$rec];
	try {
		$db = new LocalDb($servers, $opts);
		$db->set('k', 'v');
		echo "$label: accepted\n";
	} catch (TypeError $e) {
		echo "$label: TypeError\n";
		$refused++;
	} catch (ValueError $e) {
		echo "$label: ValueError\n";
		$refused++;
	}
	try {
		LocalDb::open($servers, $opts);
		echo "$label: open() accepted\n";
	} catch (TypeError|ValueError $e) {
		$refused++;
	}
}
echo "refused $refused of ", 2 * count($cases), "\n";
/* a reference is followed, not refused; a good prefix is used */
$opts = ['timeout' => &$ref, 'prefix' => 'p:', 'log_failover' => false];
$db = new LocalDb([$rec], $opts);
var_dump($db->set('k', 'v'));
var_dump(array_values(array_filter(ldb_test_commands((string) file_get_contents($file)), fn($c) => $c !== 'version')));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
timeout string: TypeError
timeout float: TypeError
timeout bool: TypeError
timeout null: TypeError
timeout array: TypeError
timeout object: TypeError
timeout 0: ValueError
timeout -1: ValueError
timeout PHP_INT_MAX: ValueError
timeout PHP_INT_MIN: ValueError
connect_timeout 3600001: ValueError
retry_interval -1: ValueError
retry_interval 86401: ValueError
compression_threshold -1: ValueError
compression_threshold 2^31: ValueError
exceptions int: TypeError
exceptions string: TypeError
failback null: TypeError
rejoin_clean string: TypeError
persistent array: TypeError
backend unknown: ValueError
backend int: TypeError
backend NUL: ValueError
serializer unknown: ValueError
serializer array: TypeError
prefix CRLF: ValueError
prefix space: ValueError
prefix NUL: ValueError
prefix 250 bytes: ValueError
prefix int: TypeError
servers option bad: ValueError
servers option CRLF: ValueError
unknown name: ValueError
name with NUL: ValueError
integer key: ValueError
ini name: ValueError
name case: ValueError
shared_health flip: ValueError
refused 76 of 76
bool(true)
array(1) {
  [0]=>
  string(13) "set p:k 0 0 1"
}
