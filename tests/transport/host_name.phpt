--TEST--
A server given by host name: looked up when the group is made (bounded by connect_timeout) and cached; connects never look it up
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc';
if (gethostbyname('localhost') !== '127.0.0.1') die('skip localhost does not resolve to 127.0.0.1'); ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$f = ldb_test_time_factor();
[$mc] = ldb_test_memcached(1);
$port = ldb_test_port($mc);
$db = new LocalDb(["localhost:$port"]);
var_dump($db->set('k', 'by name'), ldb_test_peek($mc, 'k'), $db->get('k'));
var_dump($db->servers()[0]['host'], $db->server());
/* a new connection (the old one closed by a restart) uses the cached addresses */
ldb_test_restart($mc);
var_dump($db->set('k2', 'again'), ldb_test_peek($mc, 'k2'));

/* a name that does not resolve: the call fails at once, saying why */
$t = microtime(true);
$db = new LocalDb(['no-such-host.invalid:11211'], ['exceptions' => false, 'connect_timeout' => 200]);
var_dump($db->get('k'));
$took = microtime(true) - $t;
echo $took < 1.0 * $f ? "failed within the connect timeout\n" : "took $took s\n";
var_dump(str_contains((string) $db->lastError(), 'host lookup'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
bool(true)
string(7) "by name"
string(7) "by name"
string(9) "localhost"
string(%d) "localhost:%d"
bool(true)
string(5) "again"
NULL
failed within the connect timeout
bool(true)
