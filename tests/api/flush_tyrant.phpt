--TEST--
backend=tyrant: flush() sends flush_all (a command Tokyo Tyrant knows) to both masters
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$t1 = ldb_test_fixture('tyrant');
$t2 = ldb_test_fixture('tyrant');
$db = new LocalDb([$t1, $t2], ['backend' => 'tyrant']);
foreach ([$t1, $t2] as $t) {
	ldb_test_raw($t, "set k 0 0 1\r\nv\r\n");
}
var_dump($db->flush(), $db->getResultCode(), ldb_test_peek($t1, 'k'), ldb_test_peek($t2, 'k'), ldb_test_stat($t2, 'cmd_flush'));
var_dump($db->servers()[0]['state'], $db->servers()[1]['state']);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
int(0)
NULL
NULL
int(1)
string(2) "up"
string(2) "up"
