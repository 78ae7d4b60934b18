--TEST--
Shards: php-memcached (OPT_LIBKETAMA_COMPATIBLE) writes 1,000 keys to 4 servers, LocalDb reads every one from 4 one-server groups, and the other way round
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/../values/values.inc';
if ($why = ldb_values_skip(['memcached'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/../values/values.inc';
ldb_values_need(['memcached']);
$servers = ldb_test_memcached(4);
const N = 1000;

function memcached_client(array $servers, string $prefix): Memcached
{
	$m = new Memcached();
	$m->setOption(Memcached::OPT_LIBKETAMA_COMPATIBLE, true);
	$m->setOption(Memcached::OPT_PREFIX_KEY, $prefix);
	foreach ($servers as $s) {
		[$host, $port] = explode(':', $s);
		$m->addServer($host, (int) $port);
	}
	return $m;
}

/* items on each server, read from the servers themselves */
function spread(array $servers): array
{
	return array_map(fn($s) => ldb_test_stat($s, 'curr_items'), $servers);
}

foreach (['' => 'no prefix', 'app.' => 'prefix "app."'] as $prefix => $label) {
	$keys = array_map(fn($i) => "user:$i:profile", range(1, N));
	$m = memcached_client($servers, $prefix);
	$db = new LocalDb(implode(';', $servers), ['prefix' => $prefix]);

	/* php-memcached writes, LocalDb reads: one get per key, then one getMulti */
	foreach ($keys as $i => $k) {
		$m->set($k, "v$i");
	}
	$per = spread($servers);
	echo "$label: php-memcached stored ", array_sum($per), ", on every server: ", min($per) > 100 ? 'yes' : json_encode($per), "\n";
	$found = 0;
	$same_server = 0;
	foreach ($keys as $i => $k) {
		$found += $db->get($k) === "v$i";
		$s = $m->getServerByKey($k);
		$same_server += $db->server($k) === "$s[host]:$s[port]";
	}
	echo "$label: LocalDb found with get(): $found of ", N, "; server(\$key) agrees: $same_server\n";
	echo "$label: LocalDb found with getMulti(): ", count($db->getMulti($keys)), " of ", N, "\n";
	$m->flush();

	/* LocalDb writes (set, setMulti), php-memcached reads */
	foreach (array_slice($keys, 0, N / 2) as $i => $k) {
		$db->set($k, "w$i");
	}
	$rest = [];
	foreach (array_slice($keys, N / 2, null, true) as $i => $k) {
		$rest[$k] = "w$i";
	}
	var_dump($db->setMulti($rest));
	$got = $m->getMulti($keys);
	$found = 0;
	foreach ($keys as $i => $k) {
		$found += ($got[$k] ?? null) === "w$i";
	}
	echo "$label: php-memcached found: $found of ", N, "\n";
	$m->flush();
}

/* one group of the 4 servers is not the same placement: the test can tell */
$one = new LocalDb(implode(',', $servers));
$m = memcached_client($servers, '');
$hits = 0;
for ($i = 0; $i < 40; $i++) {
	$m->set("k$i", 1);
	$hits += $one->get("k$i") === 1;
}
echo "one group of 4 finds only the first server's keys: ", $hits < 40 ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
no prefix: php-memcached stored 1000, on every server: yes
no prefix: LocalDb found with get(): 1000 of 1000; server($key) agrees: 1000
no prefix: LocalDb found with getMulti(): 1000 of 1000
bool(true)
no prefix: php-memcached found: 1000 of 1000
prefix "app.": php-memcached stored 1000, on every server: yes
prefix "app.": LocalDb found with get(): 1000 of 1000; server($key) agrees: 1000
prefix "app.": LocalDb found with getMulti(): 1000 of 1000
bool(true)
prefix "app.": php-memcached found: 1000 of 1000
one group of 4 finds only the first server's keys: yes
