--TEST--
The prefix counts toward the 250-byte key limit and goes on the wire before the key
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$db = new LocalDb([$rec], ['prefix' => 'pre:']);
$fits = str_repeat('k', 246);
$over = str_repeat('k', 247);
var_dump($db->set($fits, 'v'));
var_dump(ldb_test_peek($rec, "pre:$fits"));
try {
	$db->set($over, 'v');
	echo "accepted\n";
} catch (ValueError $e) {
	echo "ValueError\n";
}
try {
	$db->getMulti(['a', $over]);
	echo "accepted\n";
} catch (ValueError $e) {
	echo "ValueError\n";
}
var_dump(substr_count(file_get_contents($file), $over));
var_dump($db->set('short', 'x'), $db->get('short'), ldb_test_peek($rec, 'pre:short'), ldb_test_peek($rec, 'short'));
foreach (["a b", "a\nb", str_repeat('p', 251)] as $prefix) {
	try {
		new LocalDb([$rec], ['prefix' => $prefix]);
		echo "prefix accepted\n";
	} catch (ValueError $e) {
		echo "ValueError\n";
	}
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
string(1) "v"
ValueError
ValueError
int(0)
bool(true)
string(1) "x"
string(1) "x"
NULL
ValueError
ValueError
ValueError
