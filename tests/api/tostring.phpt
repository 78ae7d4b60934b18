--TEST--
__toString(): "LocalDb.open() (host:port)" with the server in use
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$db = LocalDb::open([$a]);
var_dump($db instanceof Stringable);
var_dump((string) $db === "LocalDb.open() ($a)");
var_dump("$db" === $db->__toString());
$two = new LocalDb([$a, $b]);
var_dump((string) $two === "LocalDb.open() ($a)");
ldb_test_kill($a);
$two->get('k');
var_dump((string) $two === "LocalDb.open() ($b)");
echo preg_replace('/\d+\)$/', 'PORT)', (string) $two), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
LocalDb.open() (127.0.0.1:PORT)
