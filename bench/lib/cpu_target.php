<?php
/*
 * What bench/cases/cpu.php runs under callgrind (--dump-after=usleep): open a handle
 * (profile "plain"), write the data, warm up every operation, then one block per
 * operation, each closed by usleep(1). Callgrind writes a profile part at every usleep, so
 * a part holds exactly one block: startup | empty block | <n> get | <n> set | <m> getMulti |
 * <m> set of 10 KB of text with the client's defaults (compression) | <n> open of the pooled
 * handle. The empty block is what a marker itself costs; it is subtracted from the others.
 *
 *   php <client args> cpu_target.php <client> <server> <n> <m>
 */

require_once __DIR__ . '/clients.php';
require_once __DIR__ . '/common.php';

[, $client, $server, $n, $m] = $argv;
$c = BenchClient::create($client, 'plain', [$server]);
$c->open();
$keys = $vals = [];
for ($i = 0; $i < 100; $i++) {
	$keys[$i] = "cpu-$client:$i";
	$vals[$i] = bench_value(100, "cpu$i");
	if (!$c->set($keys[$i], $vals[$i])) {
		fwrite(STDERR, "set {$keys[$i]} failed\n");
		exit(1);
	}
}

function cpu_ops(BenchClient $c, string $op, array $keys, array $vals, int $n): int
{
	$bad = 0;
	switch ($op) {
		case 'get':
			for ($i = 0; $i < $n; $i++) {
				$bad += $c->get($keys[$i % 100]) !== $vals[$i % 100];
			}
			break;
		case 'set':
			for ($i = 0; $i < $n; $i++) {
				$bad += !$c->set($keys[$i % 100], $vals[$i % 100]);
			}
			break;
		case 'getmulti':
			for ($i = 0; $i < $n; $i++) {
				$bad += count($c->getMulti($keys)) !== 100;
			}
			break;
		case 'open':
			for ($i = 0; $i < $n; $i++) {
				$c->open();
			}
			break;
	}
	return $bad;
}

/* the "defaults" profile: each client's own compression of a 10 KB text above its threshold
 * (pecl memcache compresses nothing below 20000 bytes) */
$d = BenchClient::create($client, 'defaults', [$server]);
$d->open();
$tkeys = $texts = [];
for ($i = 0; $i < 100; $i++) {
	$tkeys[$i] = "cpu-$client:text:$i";
	$texts[$i] = bench_text(10240, $i + 1000);
}
$bad = cpu_ops($c, 'get', $keys, $vals, 200) + cpu_ops($c, 'set', $keys, $vals, 200)
	+ cpu_ops($c, 'getmulti', $keys, $vals, 20) + cpu_ops($d, 'set', $tkeys, $texts, 20) + cpu_ops($c, 'open', $keys, $vals, 200);
usleep(1);
usleep(1);
$bad += cpu_ops($c, 'get', $keys, $vals, (int) $n);
usleep(1);
$bad += cpu_ops($c, 'set', $keys, $vals, (int) $n);
usleep(1);
$bad += cpu_ops($c, 'getmulti', $keys, $vals, (int) $m);
usleep(1);
$bad += cpu_ops($d, 'set', $tkeys, $texts, (int) $m);
usleep(1);
$bad += cpu_ops($c, 'open', $keys, $vals, (int) $n);
usleep(1);
if ($bad) {
	fwrite(STDERR, "$bad operations failed\n");
	exit(1);
}
