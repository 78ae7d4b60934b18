--TEST--
Constructor: "host" alone means port 11211
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
$db = new LocalDb('127.0.0.1');
$s = $db->servers();
var_dump(count($s), $s[0]['host'], $s[0]['port']);
$db = new LocalDb(['127.0.0.1', '127.0.0.2:11300']);
$s = $db->servers();
var_dump($s[0]['port'], $s[1]['port']);
?>
--EXPECT--
int(1)
string(9) "127.0.0.1"
int(11211)
int(11211)
int(11300)
