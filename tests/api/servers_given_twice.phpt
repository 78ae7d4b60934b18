--TEST--
Servers given both as $servers and as the "servers" option are refused, whichever is valid
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
foreach ([[$a, ['servers' => 'host:']], [$a, ['servers' => $a]]] as [$servers, $options]) {
	try {
		new LocalDb($servers, $options);
		echo "accepted\n";
	} catch (ValueError $e) {
		echo get_class($e), ": ", $e->getMessage(), "\n";
	}
}
/* the option alone names the group */
$db = new LocalDb(null, ['servers' => $a]);
var_dump($db->server() === $a, $db->set('k', 'v'), $db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
ValueError: LocalDb: the servers are given twice, as $servers and as the "servers" option
ValueError: LocalDb: the servers are given twice, as $servers and as the "servers" option
bool(true)
bool(true)
string(1) "v"
