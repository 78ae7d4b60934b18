--TEST--
Bad server strings and unknown options throw ValueError, wrong option types TypeError
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
function attempt(string $label, callable $f): void
{
	try {
		$f();
		echo "$label: accepted\n";
	} catch (Throwable $e) {
		echo "$label: ", get_class($e), "\n";
	}
}
foreach (['host:', ':11211', 'host:99999', 'host:0', 'host:-1', 'host:abc', '[::1', '[::1]:', '', ',', '127.0.0.1:11211,', 'a b:11211'] as $s) {
	attempt(json_encode($s), fn() => new LocalDb($s));
}
attempt('list with ""', fn() => new LocalDb(['127.0.0.1:11211', '']));
attempt('empty list', fn() => new LocalDb([]));
attempt('pair port 99999', fn() => new LocalDb([['127.0.0.1', 99999]]));
try {
	new LocalDb([['127.0.0.1', null]]);
	echo "pair without port: accepted\n";
} catch (ValueError|TypeError $e) {
	echo "pair without port: rejected\n";
}
attempt('open("host:")', fn() => LocalDb::open('host:'));
attempt('unknown option', fn() => new LocalDb('127.0.0.1', ['nope' => 1]));
attempt('option with prefix', fn() => new LocalDb('127.0.0.1', ['localdb.timeout' => 100]));
attempt('open unknown option', fn() => LocalDb::open('127.0.0.1', ['timeout_ms' => 100]));
attempt('timeout => -5', fn() => new LocalDb('127.0.0.1', ['timeout' => -5]));
attempt('backend => foo', fn() => new LocalDb('127.0.0.1', ['backend' => 'foo']));
attempt('serializer => nope', fn() => new LocalDb('127.0.0.1', ['serializer' => 'nope']));
attempt('timeout => []', fn() => new LocalDb('127.0.0.1', ['timeout' => []]));
attempt('exceptions => object', fn() => new LocalDb('127.0.0.1', ['exceptions' => new stdClass()]));
attempt('prefix => []', fn() => new LocalDb('127.0.0.1', ['prefix' => []]));
attempt('connect_timeout => "abc"', fn() => new LocalDb('127.0.0.1', ['connect_timeout' => 'abc']));
attempt('good options', fn() => new LocalDb('127.0.0.1', ['timeout' => 100, 'connect_timeout' => 50,
	'retry_interval' => 1, 'failback' => false, 'persistent' => false, 'shared_health' => true,
	'exceptions' => true, 'backend' => 'memcached', 'serializer' => 'php', 'compression_threshold' => 0,
	'prefix' => 'p_', 'log_failover' => false, 'rejoin_clean' => false]));
?>
--EXPECT--
"host:": ValueError
":11211": ValueError
"host:99999": ValueError
"host:0": ValueError
"host:-1": ValueError
"host:abc": ValueError
"[::1": ValueError
"[::1]:": ValueError
"": ValueError
",": ValueError
"127.0.0.1:11211,": ValueError
"a b:11211": ValueError
list with "": ValueError
empty list: ValueError
pair port 99999: ValueError
pair without port: rejected
open("host:"): ValueError
unknown option: ValueError
option with prefix: ValueError
open unknown option: ValueError
timeout => -5: ValueError
backend => foo: ValueError
serializer => nope: ValueError
timeout => []: TypeError
exceptions => object: TypeError
prefix => []: TypeError
connect_timeout => "abc": TypeError
good options: accepted
