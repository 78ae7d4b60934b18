--TEST--
getResultCode()/getResultMessage(): every call sets them, answers included; the next call clears a message; lastError()/lastErrorCode() follow them
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['compression_threshold' => 0]);
function show(LocalDb $db, string $what, mixed $r): void
{
	printf("%-26s %-7s %d %s | %s %d\n", $what, var_export($r, true), $db->getResultCode(), $db->getResultMessage(),
		var_export($db->lastError(), true), $db->lastErrorCode());
}
show($db, 'fresh handle', null);
show($db, 'get miss', $db->get('k'));
show($db, 'set null', $db->set('k', null));
show($db, 'get null', $db->get('k'));
show($db, 'add existing', $db->add('k', 1));
show($db, 'replace missing', $db->replace('nope', 1));
show($db, 'append missing', $db->append('nope', 'x'));
show($db, 'delete missing', $db->delete('nope'));
show($db, 'touch missing', $db->touch('nope', 10));
show($db, 'incr missing', $db->incr('nope'));
$db->set('word', 'abc');
show($db, 'incr not a number', $db->incr('word'));
show($db, 'set too large', $db->set('big', random_bytes(2 << 20)));
show($db, 'then get (message gone)', $db->get('word'));
$db->set('big', random_bytes(2 << 20));
show($db, 'too large, then get miss', $db->get('nope'));
show($db, 'getMulti', count($db->getMulti(['k', 'word', 'nope'])));
show($db, 'setMulti one too large', $db->setMulti(['x' => 1, 'big' => random_bytes(2 << 20)]));
show($db, 'setMulti', $db->setMulti(['x' => 1, 'y' => 2]));
show($db, 'deleteMulti one missing', count($db->deleteMulti(['x', 'nope'])));
try {
	$db->get('bad key');
} catch (ValueError $e) {
	show($db, 'get with a bad key', get_class($e));
}
show($db, 'server() keeps the code', $db->server() === $a);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
fresh handle               NULL    0 SUCCESS | NULL 0
get miss                   NULL    16 NOT FOUND | NULL 0
set null                   true    0 SUCCESS | NULL 0
get null                   NULL    0 SUCCESS | NULL 0
add existing               false   14 NOT STORED | NULL 0
replace missing            false   14 NOT STORED | NULL 0
append missing             false   14 NOT STORED | NULL 0
delete missing             false   16 NOT FOUND | NULL 0
touch missing              false   16 NOT FOUND | NULL 0
incr missing               false   16 NOT FOUND | NULL 0
incr not a number          false   1001 NOT NUMERIC | NULL 0
set too large              false   37 SERVER_ERROR object too large for cache | 'SERVER_ERROR object too large for cache' 0
then get (message gone)    'abc'   0 SUCCESS | NULL 0
too large, then get miss   NULL    16 NOT FOUND | NULL 0
getMulti                   2       0 SUCCESS | NULL 0
setMulti one too large     false   37 big: too large | 'big: too large' 0
setMulti                   true    0 SUCCESS | NULL 0
deleteMulti one missing    2       16 NOT FOUND | NULL 0
get with a bad key         'ValueError' 38 INVALID ARGUMENTS | NULL 0
server() keeps the code    true    38 INVALID ARGUMENTS | NULL 0
