--TEST--
Constructor: null servers means ini localdb.servers
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.servers=127.0.0.1:1,127.0.0.3
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
foreach ([new LocalDb(), new LocalDb(null), LocalDb::open(), LocalDb::open(null, [])] as $db) {
	echo implode(',', array_map(fn($s) => $s['host'] . ':' . $s['port'], $db->servers())), "\n";
}
/* and a live one, in a process whose php.ini names it */
[$a] = ldb_test_memcached(1);
[$rc, $out] = ldb_test_php('<?php $db = new LocalDb(); var_dump($db->set("k", "via ini"), $db->server());', ['localdb.servers' => $a]);
echo str_replace($a, 'SERVER', $out);
var_dump($rc, ldb_test_peek($a, 'k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
127.0.0.1:1,127.0.0.3:11211
127.0.0.1:1,127.0.0.3:11211
127.0.0.1:1,127.0.0.3:11211
127.0.0.1:1,127.0.0.3:11211
bool(true)
string(%d) "SERVER"
int(0)
string(7) "via ini"
