--TEST--
Shards: flush() empties every server of every group; with one group down the others are flushed, the result says NO_SERVERS; result codes of a multi call with a group down
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$s = ldb_test_memcached(4);
$db = new LocalDb([[$s[0], $s[1]], [$s[2]], [$s[3]]], ['retry_interval' => 60, 'log_failover' => false, 'exceptions' => false]);
$keys = array_map(fn($i) => "k$i", range(1, 60));
var_dump($db->setMulti(array_fill_keys($keys, 'v')));
foreach ($s as $srv) {
	ldb_test_raw($srv, "set direct 0 0 1\r\nx\r\n");
}
var_dump($db->flush(), $db->getResultCode() === LocalDb::RES_SUCCESS);
/* what each server still returns (flush_all leaves curr_items to the crawler) */
function readable(array $servers, array $keys): int
{
	$n = 0;
	foreach ($servers as $srv) {
		foreach ($keys as $k) {
			$n += ldb_test_peek($srv, $k) !== null;
		}
	}
	return $n;
}
echo "items left on the servers: ", readable($s, [...$keys, 'direct']), "\n";

var_dump($db->setMulti(array_fill_keys($keys, 'v')));
ldb_test_kill($s[2]);
var_dump($db->flush(), $db->getResultCode() === LocalDb::RES_NO_SERVERS);
echo "names the server down: ", str_contains($db->getResultMessage(), $s[2]) ? 'yes' : $db->getResultMessage(), "\n";
echo "items left on the servers up: ", readable([$s[0], $s[1], $s[3]], $keys), "\n";

$db->setMulti(array_fill_keys($keys, 'w'));
echo "setMulti with a group down: result ", $db->getResultCode() === LocalDb::RES_NO_SERVERS ? 'NO_SERVERS' : $db->getResultCode(), "\n";
$got = $db->getMulti($keys);
echo "getMulti: ", count($got) > 0 && count($got) < 60 ? 'the groups up' : count($got), ", result ",
	$db->getResultCode() === LocalDb::RES_NO_SERVERS ? 'NO_SERVERS' : $db->getResultCode(), "\n";
$db->get(array_keys($got)[0]);
echo "a get on a group up after it: ", $db->getResultCode() === LocalDb::RES_SUCCESS ? 'SUCCESS' : $db->getResultCode(), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(true)
bool(true)
items left on the servers: 0
bool(true)
bool(false)
bool(true)
names the server down: yes
items left on the servers up: 0
setMulti with a group down: result NO_SERVERS
getMulti: the groups up, result NO_SERVERS
a get on a group up after it: SUCCESS
