--TEST--
backend=tyrant: touch fails with UNSUPPORTED without a round trip, and never fails over
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$t1 = ldb_test_fixture('recorder', [$file, 'tyrant']);
$t2 = ldb_test_fixture('tyrant');
$db = new LocalDb([$t1, $t2], ['backend' => 'tyrant']);
var_dump($db->set('k', 'v'), $db->get('k'));
try {
	$db->touch('k', 10);
	echo "touch accepted\n";
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::UNSUPPORTED);
}
var_dump($db->server() === $t1, $db->servers()[0]['state'], $db->servers()[0]['failures']);
$sent = file_get_contents($file);
var_dump(str_contains($sent, 'touch'), str_contains($sent, 'gat'));
/* only commands Tyrant knows reached it */
$verbs = array_unique(array_map(fn($l) => explode(' ', $l)[0], ldb_test_commands($sent)));
var_dump(array_values(array_diff($verbs, ['get', 'gets', 'set', 'add', 'replace', 'append', 'prepend', 'delete', 'incr', 'decr', 'version', 'stats'])));
/* with exceptions off: false and the reason kept */
$db = new LocalDb([$t1], ['backend' => 'tyrant', 'exceptions' => false]);
try {
	var_dump($db->touch('k', 10) === false && $db->lastErrorCode() === LocalDbException::UNSUPPORTED);
} catch (LocalDbException $e) {
	var_dump($e->getCode() === LocalDbException::UNSUPPORTED);
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(1) "v"
bool(true)
bool(true)
string(2) "up"
int(0)
bool(false)
bool(false)
array(0) {
}
bool(true)
