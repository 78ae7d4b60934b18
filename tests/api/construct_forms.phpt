--TEST--
Constructor and open(): "h:p,h:p", a list of "h:p", a list of [host, port] pairs
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a, $b] = ldb_test_memcached(2);
$pa = ldb_test_port($a);
$pb = ldb_test_port($b);
$forms = [
	'string' => "$a,$b",
	'string with spaces' => "$a, $b",
	'list' => [$a, $b],
	'pairs' => [['127.0.0.1', $pa], ['127.0.0.1', $pb]],
];
foreach ($forms as $name => $servers) {
	foreach (['new', 'open'] as $how) {
		$db = $how === 'new' ? new LocalDb($servers) : LocalDb::open($servers);
		$ports = array_map(fn($s) => $s['host'] . ':' . $s['port'], $db->servers());
		$ok = $ports === [$a, $b] && $db->server() === $a;
		$key = 'k_' . md5($name);
		$ok = $ok && $db->set($key, $how) && ldb_test_peek($a, $key) === $how;
		echo "$name ($how): ", $ok ? 'ok' : 'WRONG ' . json_encode($ports), "\n";
	}
}
var_dump(get_class(LocalDb::open($a)));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
string (new): ok
string (open): ok
string with spaces (new): ok
string with spaces (open): ok
list (new): ok
list (open): ok
pairs (new): ok
pairs (open): ok
string(7) "LocalDb"
