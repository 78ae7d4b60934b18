--TEST--
Every server down: LocalDbException with code NO_SERVER, for reads and writes
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = new LocalDb([$a, $b]);
$db->set('k', 'v');
ldb_test_kill($a);
ldb_test_kill($b);
$calls = [
	'get' => fn() => $db->get('k'),
	'getMulti' => fn() => $db->getMulti(['k']),
	'set' => fn() => $db->set('k', 'v'),
	'setMulti' => fn() => $db->setMulti(['k' => 'v']),
	'add' => fn() => $db->add('k', 'v'),
	'delete' => fn() => $db->delete('k'),
	'incr' => fn() => $db->incr('k'),
	'touch' => fn() => $db->touch('k', 1),
];
foreach ($calls as $name => $call) {
	try {
		var_dump($call());
	} catch (LocalDbException $e) {
		echo $name, ': ', get_class($e), ' ', $e->getCode() === LocalDbException::NO_SERVER ? 'NO_SERVER' : $e->getCode(),
			$e->getMessage() !== '' ? ' (with a message)' : '', "\n";
	}
}
/* a group that never had a live server */
try {
	(new LocalDb([ldb_test_refused(), ldb_test_refused()]))->get('k');
} catch (LocalDbException $e) {
	echo 'refused: ', $e->getCode(), "\n";
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
get: LocalDbException NO_SERVER (with a message)
getMulti: LocalDbException NO_SERVER (with a message)
set: LocalDbException NO_SERVER (with a message)
setMulti: LocalDbException NO_SERVER (with a message)
add: LocalDbException NO_SERVER (with a message)
delete: LocalDbException NO_SERVER (with a message)
incr: LocalDbException NO_SERVER (with a message)
touch: LocalDbException NO_SERVER (with a message)
refused: 1
