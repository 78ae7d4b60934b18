--TEST--
Bad keys are refused with ValueError before anything is sent (recorder proves it)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$db = new LocalDb([$rec]);
$bad = ['', str_repeat('k', 251), "a b", "a\rb", "a\nb", "a\r\nflush_all", "a\0b", "a\x7fb", "a\tb"];
$calls = [
	'get' => fn($k) => $db->get($k),
	'getMulti' => fn($k) => $db->getMulti(['fine', $k]),
	'set' => fn($k) => $db->set($k, 'v'),
	'setMulti' => fn($k) => $db->setMulti(['fine' => 'v', $k => 'v']),
	'add' => fn($k) => $db->add($k, 'v'),
	'replace' => fn($k) => $db->replace($k, 'v'),
	'append' => fn($k) => $db->append($k, 'v'),
	'prepend' => fn($k) => $db->prepend($k, 'v'),
	'delete' => fn($k) => $db->delete($k),
	'deleteMulti' => fn($k) => $db->deleteMulti(['fine', $k]),
	'incr' => fn($k) => $db->incr($k),
	'decr' => fn($k) => $db->decr($k, 2),
	'touch' => fn($k) => $db->touch($k, 10),
];
foreach ($calls as $name => $call) {
	$refused = 0;
	foreach ($bad as $key) {
		try {
			$call($key);
			echo "$name(", json_encode($key), "): accepted\n";
		} catch (ValueError $e) {
			$refused++;
		} catch (Throwable $e) {
			echo "$name(", json_encode($key), "): ", get_class($e), ': ', $e->getMessage(), "\n";
		}
	}
	echo "$name: $refused/", count($bad), " ValueError\n";
}
/* nothing but (maybe) a health probe reached the server */
$sent = preg_replace('/^version\r\n/m', '', (string) @file_get_contents($file));
var_dump($sent);
/* the longest key allowed works, and the recorder does record */
$long = str_repeat('k', 250);
var_dump($db->set($long, 'v'), $db->get($long));
var_dump(str_contains(file_get_contents($file), "set $long "));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
get: 9/9 ValueError
getMulti: 9/9 ValueError
set: 9/9 ValueError
setMulti: 9/9 ValueError
add: 9/9 ValueError
replace: 9/9 ValueError
append: 9/9 ValueError
prepend: 9/9 ValueError
delete: 9/9 ValueError
deleteMulti: 9/9 ValueError
incr: 9/9 ValueError
decr: 9/9 ValueError
touch: 9/9 ValueError
string(0) ""
bool(true)
string(1) "v"
bool(true)
