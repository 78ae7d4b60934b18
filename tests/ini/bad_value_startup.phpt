--TEST--
ini: bad values in php.ini give one startup warning each and the default
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--INI--
localdb.timeout=-5
localdb.connect_timeout=abc
localdb.backend=foo
localdb.log_failover=Off
--FILE--
<?php
var_dump(ini_get('localdb.timeout'), ini_get('localdb.connect_timeout'), ini_get('localdb.backend'));
$db = new LocalDb('127.0.0.1:1', ['exceptions' => false]);
var_dump($db->get('k'), $db->lastErrorCode());
?>
--EXPECTF--
Warning: PHP Startup: %slocaldb.connect_timeout%sabc%s in Unknown on line 0

Warning: PHP Startup: %slocaldb.timeout%s-5%s in Unknown on line 0

Warning: PHP Startup: %slocaldb.backend%sfoo%s in Unknown on line 0
string(3) "500"
string(3) "250"
string(9) "memcached"
NULL
int(1)
