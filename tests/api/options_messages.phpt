--TEST--
Settings: php.ini and $options read one table, so a bad value gets the same words either way (ranges, the accepted names of an enum, the prefix rule); shared_health is decided once
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$bad = [
	'connect_timeout' => 0, 'timeout' => 3600001, 'retry_interval' => -1, 'compression_threshold' => -1,
	'backend' => 'mysql', 'serializer' => 'yaml', 'compression' => 'lz4', 'prefix' => "a b",
];
$code = '<?php echo "ran\n";';
foreach ($bad as $name => $value) {
	try {
		new LocalDb('127.0.0.1:1', [$name => $value]);
		echo "$name: accepted\n";
		continue;
	} catch (ValueError $e) {
		preg_match('/must be (.*), (-?\d+|"[^"]*") given$/', $e->getMessage(), $m);
		$option = $m[1] ?? $e->getMessage();
	}
	[$rc, $out] = ldb_test_php($code, ["localdb.$name" => (string) $value]);
	preg_match('/Invalid localdb\.' . $name . ' value "[^"]*": expected (.*); the default is used/', $out, $m);
	$ini = $m[1] ?? trim($out);
	echo "$name: ", $option === $ini ? 'same: ' : "differ: ini \"$ini\", option: ", $option, "\n";
}
try {
	new LocalDb('127.0.0.1:1', ['shared_health' => !ini_get('localdb.shared_health')]);
} catch (ValueError $e) {
	echo $e->getMessage(), "\n";
}
try {
	new LocalDb('127.0.0.1:1', ['exceptions' => 'yes']);
} catch (TypeError $e) {
	echo $e->getMessage(), "\n";
}
var_dump(ini_set('localdb.shared_health', '0'), ini_get('localdb.shared_health'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
connect_timeout: same: milliseconds from 1 to 3600000
timeout: same: milliseconds from 1 to 3600000
retry_interval: same: seconds from 0 to 86400
compression_threshold: same: bytes from 0 to 2147483647
backend: same: one of memcached, tyrant
serializer: same: one of php, igbinary, msgpack, json
compression: same: one of zlib, fastlz, zstd
prefix: same: a prefix of fewer than 250 bytes with no whitespace or control character
LocalDb option "shared_health" cannot be false here: it is decided once, when PHP starts (php.ini localdb.shared_health), and is On
LocalDb option "exceptions" must be of type bool, string given
bool(false)
string(1) "1"
