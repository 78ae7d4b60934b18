--TEST--
LocalDb and LocalDbException: class shape and exception code constants
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
$c = new ReflectionClass('LocalDb');
var_dump($c->isFinal(), $c->implementsInterface('Stringable'));
$e = new ReflectionClass('LocalDbException');
var_dump($e->isSubclassOf('RuntimeException'));
foreach (['NO_SERVER', 'OUTCOME_UNKNOWN', 'UNSUPPORTED', 'BAD_VALUE', 'SERVER_ERROR'] as $name) {
	echo $name, ' = ', var_export(constant("LocalDbException::$name"), true), "\n";
}
$methods = ['open', '__construct', 'get', 'getMulti', 'set', 'setMulti', 'add', 'replace', 'append',
	'prepend', 'delete', 'deleteMulti', 'incr', 'decr', 'touch', 'server', 'servers', '__toString',
	'lastError', 'lastErrorCode'];
foreach ($methods as $m) {
	if (!$c->hasMethod($m) || !$c->getMethod($m)->isPublic()) {
		echo "missing public method $m\n";
	}
}
var_dump($c->getMethod('open')->isStatic());
$x = new LocalDbException('why', LocalDbException::NO_SERVER);
var_dump($x->getCode() === 1, $x instanceof RuntimeException);
try {
	serialize(new LocalDb('127.0.0.1:1'));
	echo "serialized\n";
} catch (Exception $ex) {
	echo get_class($ex), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
NO_SERVER = 1
OUTCOME_UNKNOWN = 2
UNSUPPORTED = 3
BAD_VALUE = 4
SERVER_ERROR = 5
bool(true)
bool(true)
bool(true)
Exception
