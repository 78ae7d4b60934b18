--TEST--
Shards: every single-key method goes to the key's group (checked on the servers), and a failure names that group's server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
$s = ldb_test_memcached(3);
$db = new LocalDb("$s[0];$s[1];$s[2]", ['prefix' => 'p:', 'retry_interval' => 60, 'log_failover' => false]);

/* where a key is, asked of every server */
function holders(array $servers, string $key): array
{
	return array_values(array_filter($servers, fn($srv) => ldb_test_peek($srv, $key) !== null));
}

$bad = [];
$seen = [];
for ($i = 0; $i < 30; $i++) {
	$k = "key$i";
	$want = $db->server($k);
	$seen[$want] = true;
	$steps = [
		'set' => fn() => $db->set($k, 'a'),
		'append' => fn() => $db->append($k, 'b'),
		'prepend' => fn() => $db->prepend($k, 'c'),
		'replace' => fn() => $db->replace($k, 'cab!'),
		'touch' => fn() => $db->touch($k, 100),
		'get' => fn() => $db->get($k) === 'cab!',
		'delete' => fn() => $db->delete($k),
		'add' => fn() => $db->add($k, '5'),
		'incr' => fn() => $db->incr($k, 3) === 8,
		'decr' => fn() => $db->decr($k, 1) === 7,
	];
	foreach ($steps as $name => $step) {
		if (!$step()) {
			$bad[] = "$k $name failed";
		}
		if ($name !== 'delete' && holders($s, "p:$k") !== [$want]) {
			$bad[] = "$k after $name is on " . json_encode(holders($s, "p:$k")) . ", not $want";
		}
	}
}
echo "keys went to ", count($seen), " groups; wrong: ", $bad ? implode('; ', array_slice($bad, 0, 5)) : 'none', "\n";

/* one group down: its keys fail, naming its server; the others' keys work */
ldb_test_kill($s[1]);
$down = $up = null;
for ($i = 0; $down === null || $up === null; $i++) {
	$db->server("x$i") === $s[1] ? $down ??= "x$i" : $up ??= "x$i";
}
try {
	$db->set($down, 1);
	echo "no exception\n";
} catch (LocalDbException $e) {
	echo "set on the down group: code ", $e->getCode(), ", names its server: ", str_contains($e->getMessage(), $s[1]) ? 'yes' : $e->getMessage(), "\n";
}
var_dump($db->set($up, 1), $db->get($up));
echo "lastError after a good call on another group: ", var_export($db->lastError(), true), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
keys went to 3 groups; wrong: none
set on the down group: code 1, names its server: yes
bool(true)
int(1)
lastError after a good call on another group: NULL
