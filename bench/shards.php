<?php
/* The PHP side of bench/shards: "time <rounds> <ports...>" or "count <n> <client> <ports...>". */
[, $mode, $arg, ] = $argv;
$ports = $mode === 'time' ? array_slice($argv, 3) : array_slice($argv, 4);
$servers = array_map(fn($p) => "127.0.0.1:$p", $ports);

$clients = [
	'localdb4' => fn() => new LocalDb(array_map(fn($s) => [$s], $servers)),
	'memcached4' => function () use ($ports) {
		$m = new Memcached();
		$m->setOption(Memcached::OPT_LIBKETAMA_COMPATIBLE, true);
		foreach ($ports as $p) {
			$m->addServer('127.0.0.1', (int) $p);
		}
		return $m;
	},
	'localdb1' => fn() => new LocalDb($servers[0]),
];
$keys = array_map(fn($i) => "shard:bench:$i", range(1, 100));
$value = str_repeat('x', 100);

function run_for($c, array $keys, int $n): void
{
	for ($i = 0; $i < $n; $i++) {
		if (count($c->getMulti($keys)) !== 100) {
			throw new RuntimeException('getMulti did not return 100 values');
		}
	}
}

if ($mode === 'count') {
	$c = $clients[$argv[3]]();
	$c->setMulti(array_fill_keys($keys, $value));
	run_for($c, $keys, (int) $arg);
	exit(0);
}
$made = [];
foreach ($clients as $name => $make) {
	$made[$name] = $make();
	$made[$name]->setMulti(array_fill_keys($keys, $value));
}
$spread = array_count_values(array_map(fn($k) => $made['localdb4']->server($k), $keys));
echo "keys per server: ", implode(' ', $spread), "\n";
$ops = array_fill_keys(array_keys($clients), []);
for ($r = 0; $r < (int) $arg; $r++) {
	foreach ($made as $name => $c) {
		$n = 0;
		$t = microtime(true);
		do {
			run_for($c, $keys, 50);
			$n += 50;
		} while (microtime(true) - $t < 1.0);
		$ops[$name][] = $n / (microtime(true) - $t);
	}
}
foreach ($ops as $name => $list) {
	sort($list);
	printf("%-12s %8.0f getMulti(100)/s (median of %d rounds)\n", $name, $list[intdiv(count($list), 2)], count($list));
}
