--TEST--
LocalDb::RES_* constants: php-memcached's value where it has the same code (compared with \Memcached, loaded in a child PHP), LocalDb's own above 1000
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/../values/values.inc';
if ($why = ldb_values_skip(['memcached'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/../values/values.inc';
ldb_values_need(['memcached']);
/* LocalDb name => php-memcached name */
$same = [
	'SUCCESS' => 'SUCCESS', 'FAILURE' => 'FAILURE', 'NOTFOUND' => 'NOTFOUND', 'NOTSTORED' => 'NOTSTORED',
	'DATA_EXISTS' => 'DATA_EXISTS', 'E2BIG' => 'E2BIG', 'CLIENT_ERROR' => 'CLIENT_ERROR',
	'SERVER_ERROR' => 'SERVER_ERROR', 'NO_SERVERS' => 'NO_SERVERS', 'UNSUPPORTED' => 'NOT_SUPPORTED',
	'BAD_VALUE' => 'PAYLOAD_FAILURE', 'INVALID_ARGUMENTS' => 'INVALID_ARGUMENTS',
];
foreach ($same as $ours => $theirs) {
	$v = constant("LocalDb::RES_$ours");
	printf("RES_%s = %d %s Memcached::RES_%s\n", $ours, $v, $v === constant("Memcached::RES_$theirs") ? '==' : '!=', $theirs);
}
foreach (['NOT_NUMERIC', 'OUTCOME_UNKNOWN'] as $ours) {
	$v = constant("LocalDb::RES_$ours");
	printf("RES_%s = %d, in use by php-memcached: %s\n", $ours, $v,
		in_array($v, (new ReflectionClass('Memcached'))->getConstants(), true) ? 'yes' : 'no');
}
$all = array_filter((new ReflectionClass('LocalDb'))->getConstants(), fn($k) => str_starts_with($k, 'RES_'), ARRAY_FILTER_USE_KEY);
var_dump(count($all), count(array_unique($all)));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
RES_SUCCESS = 0 == Memcached::RES_SUCCESS
RES_FAILURE = 1 == Memcached::RES_FAILURE
RES_NOTFOUND = 16 == Memcached::RES_NOTFOUND
RES_NOTSTORED = 14 == Memcached::RES_NOTSTORED
RES_DATA_EXISTS = 12 == Memcached::RES_DATA_EXISTS
RES_E2BIG = 37 == Memcached::RES_E2BIG
RES_CLIENT_ERROR = 9 == Memcached::RES_CLIENT_ERROR
RES_SERVER_ERROR = 10 == Memcached::RES_SERVER_ERROR
RES_NO_SERVERS = 20 == Memcached::RES_NO_SERVERS
RES_UNSUPPORTED = 28 == Memcached::RES_NOT_SUPPORTED
RES_BAD_VALUE = -1001 == Memcached::RES_PAYLOAD_FAILURE
RES_INVALID_ARGUMENTS = 38 == Memcached::RES_INVALID_ARGUMENTS
RES_NOT_NUMERIC = 1001, in use by php-memcached: no
RES_OUTCOME_UNKNOWN = 1002, in use by php-memcached: no
int(14)
int(14)
