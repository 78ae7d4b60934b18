--TEST--
Security: keys that could split or end a command line never reach the wire (recorder proof)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$file = ldb_test_tempfile('recorded');
$rec = ldb_test_fixture('recorder', [$file]);
$opts = ['log_failover' => false, 'retry_interval' => 60];
$db = new LocalDb([$rec], $opts);
/* 245 + 5 bytes = 250: the longest wire key; one byte more must be refused */
$p = new LocalDb([$rec], $opts + ['prefix' => str_repeat('p', 245)]);

$bad = [
	'CR' => "a\rb", 'LF' => "a\nb", 'CRLF command' => "k\r\nflush_all", 'space' => "a b",
	'NUL' => "a\0b", 'DEL' => "a\x7fb", 'TAB' => "a\tb", 'ESC' => "a\x1bb", '251 bytes' => str_repeat('k', 251),
	'empty' => '', 'CRLF storage' => "k 0 0 1\r\nx\r\nset evil",
];
$calls = [
	'get' => fn($db, $k) => $db->get($k),
	'getMulti' => fn($db, $k) => $db->getMulti(['fine', $k]),
	'set' => fn($db, $k) => $db->set($k, 'v'),
	'setMulti' => fn($db, $k) => $db->setMulti(['fine' => 'v', $k => 'v']),
	'add' => fn($db, $k) => $db->add($k, 'v'),
	'replace' => fn($db, $k) => $db->replace($k, 'v'),
	'append' => fn($db, $k) => $db->append($k, 'v'),
	'prepend' => fn($db, $k) => $db->prepend($k, 'v'),
	'delete' => fn($db, $k) => $db->delete($k),
	'deleteMulti' => fn($db, $k) => $db->deleteMulti(['fine', $k]),
	'incr' => fn($db, $k) => $db->incr($k),
	'decr' => fn($db, $k) => $db->decr($k),
	'touch' => fn($db, $k) => $db->touch($k, 1),
];
$refused = $total = 0;
foreach ($calls as $name => $call) {
	foreach ($bad as $label => $key) {
		$total++;
		try {
			$call($db, $key);
			echo "$name($label): accepted\n";
		} catch (ValueError $e) {
			$refused++;
		} catch (Throwable $e) {
			echo "$name($label): ", get_class($e), "\n";
		}
	}
	/* with the prefix, 6 bytes of key make 251 on the wire */
	$total++;
	try {
		$call($p, 'kkkkkk');
		echo "$name(prefix over 250): accepted\n";
	} catch (ValueError $e) {
		$refused++;
	}
}
echo "refused $refused of $total\n";

/* the server saw nothing at all (a health probe would be "version") */
$seen = array_values(array_filter(ldb_test_commands((string) @file_get_contents($file)), fn($c) => $c !== 'version'));
var_dump($seen);

/* now valid requests, with a value that looks like protocol: it is length-framed data */
$evil = "v\r\nEND\r\nset evil 0 0 1\r\nx\r\nflush_all\r\n";
var_dump($db->set('ok1', $evil));
var_dump($db->get('ok1') === $evil);
var_dump($p->set('kkkkk', 'v'));
var_dump($db->get('evil'));
foreach (ldb_test_commands((string) file_get_contents($file)) as $c) {
	if ($c !== 'version') {
		echo str_replace(str_repeat('p', 245), '<245 p>', $c), "\n";
	}
}
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
refused 156 of 156
array(0) {
}
bool(true)
bool(true)
bool(true)
NULL
set ok1 0 0 38
get ok1
set <245 p>kkkkk 0 0 1
get evil
