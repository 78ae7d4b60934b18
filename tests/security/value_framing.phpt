--TEST--
Security: values are length-framed: protocol text inside a value is data, never a command
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['log_failover' => false, 'compression_threshold' => 0]);
$values = [
	'end' => "x\r\nEND\r\n",
	'value' => "VALUE other 0 1\r\ny\r\nEND\r\n",
	'set' => "\r\nset evil 0 0 4\r\nevil\r\n",
	'flush' => "flush_all\r\n",
	'binary' => "\x00\x80\xff\r\n\r\n",
	'nothing' => '',
];
foreach ($values as $k => $v) {
	$ok = $db->set($k, $v) && $db->get($k) === $v;
	echo "$k: ", $ok ? 'round trip' : 'CHANGED', "\n";
}
var_dump($db->append('set', "\r\nset evil2 0 0 1\r\nz"), $db->prepend('set', "get x\r\n"));
var_dump($db->get('set') === "get x\r\n" . $values['set'] . "\r\nset evil2 0 0 1\r\nz");
/* a getMulti answers only what was asked, whatever the values look like */
var_dump(array_keys($db->getMulti(['value', 'end', 'nothing'])));
/* nothing else was created or flushed on the server */
var_dump(ldb_test_peek($a, 'evil'), ldb_test_peek($a, 'evil2'), ldb_test_peek($a, 'other'));
var_dump(ldb_test_stat($a, 'curr_items'), ldb_test_stat($a, 'cmd_flush'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
end: round trip
value: round trip
set: round trip
flush: round trip
binary: round trip
nothing: round trip
bool(true)
bool(true)
bool(true)
array(3) {
  [0]=>
  string(5) "value"
  [1]=>
  string(3) "end"
  [2]=>
  string(7) "nothing"
}
NULL
NULL
NULL
int(6)
int(0)
