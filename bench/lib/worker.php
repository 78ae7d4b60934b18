<?php
/*
 * One client's process for the throughput cases (bench/cases/*.php). The runner starts one
 * per client, with exactly that client's extensions, and drives them in turn over stdin /
 * stdout, one JSON line each way, so the rounds of a case interleave (A B C A B C ...) while
 * each client keeps its connection and warm state across its rounds:
 *
 *   {"cmd":"info"}                                 -> versions
 *   {"cmd":"prep","case":"get_100"}                -> open the handle, write the case's data
 *   {"cmd":"run","case":"get_100","seconds":1.0}   -> {"ops":..., "secs":...}
 *   {"cmd":"quit"}
 *
 *   php <client args> worker.php <client> <server>
 *   php <client args> worker.php <client> <server> --once <case> <seconds>
 * The second form preps, warms up, runs one round and prints its line (cases marked "fresh").
 */

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/clients.php';

/* Every case of bench/cases/*.php that is a throughput case (it has a "run"). */
function bench_load_cases(): array
{
	$cases = [];
	foreach (['get', 'set', 'getmulti', 'incr', 'open', 'codec'] as $group) {
		foreach (require BENCH_ROOT . "/cases/$group.php" as $name => $case) {
			$cases[$name] = $case + ['group' => $group, 'fresh' => false];
		}
	}
	return $cases;
}

/* CPU time (user + system) this process has used, in seconds. */
function bench_cpu_time(): float
{
	$u = getrusage();
	return $u['ru_utime.tv_sec'] + $u['ru_utime.tv_usec'] / 1e6 + $u['ru_stime.tv_sec'] + $u['ru_stime.tv_usec'] / 1e6;
}

/* Run the case for about $secs seconds in batches sized to ~5 ms, so the clock is read
 * rarely; returns [ops, seconds, CPU seconds of this process]. */
function bench_timed(array $case, BenchClient $c, array &$ctx, float $secs): array
{
	$run = $case['run'];
	$limit = $secs * 1e9;
	$ops = 0;
	$batch = 1;
	$cpu0 = bench_cpu_time();
	$t0 = hrtime(true);
	for (;;) {
		$run($c, $ctx, $batch);
		$ops += $batch;
		$el = hrtime(true) - $t0;
		if ($el >= $limit) {
			break;
		}
		$per = max(1.0, $el / $ops);
		$batch = (int) max(1, min(5e6 / $per, ($limit - $el) / $per + 1));
	}
	return [$ops, $el / 1e9, bench_cpu_time() - $cpu0];
}

function bench_worker_info(): array
{
	$info = ['php' => PHP_VERSION];
	foreach (['localdb', 'memcached', 'memcache', 'igbinary', 'msgpack'] as $ext) {
		if (extension_loaded($ext)) {
			$info[$ext] = phpversion($ext);
		}
	}
	return $info;
}

function bench_worker_main(array $argv): int
{
	[, $client, $server] = $argv + [null, null, null];
	if ($client === null || $server === null) {
		fwrite(STDERR, "usage: worker.php <client> <server> [--once <case> <seconds>]\n");
		return 2;
	}
	$cases = bench_load_cases();
	$ns = "bench-$client";
	$handles = [];
	$ctxs = [];

	$prep = function (string $name) use (&$handles, &$ctxs, $cases, $client, $server, $ns): void {
		$case = $cases[$name] ?? throw new InvalidArgumentException("no case $name");
		$profile = $case['profile'];
		if (!isset($handles[$profile])) {
			$handles[$profile] = BenchClient::create($client, $profile, [$server]);
			$handles[$profile]->open();
		}
		$ctxs[$name] = $case['prep']($handles[$profile], $ns);
		/* warm-up: caches, buffers and the server's slab for this size, unmeasured */
		bench_timed($case, $handles[$profile], $ctxs[$name], 0.05);
	};
	$run = function (string $name, float $secs) use (&$handles, &$ctxs, $cases): array {
		$case = $cases[$name];
		$ctx = &$ctxs[$name];
		$ctx['mismatch'] = 0;
		[$ops, $took, $cpu] = bench_timed($case, $handles[$case['profile']], $ctx, $secs);
		$out = ['ops' => $ops, 'secs' => $took, 'cpu' => $cpu];
		if ($ctx['mismatch']) {
			$out += ['mismatch' => $ctx['mismatch'], 'example' => $ctx['example']];
		}
		return $out;
	};

	if (($argv[3] ?? '') === '--once') {
		$name = $argv[4];
		$prep($name);
		echo json_encode($run($name, (float) $argv[5])), "\n";
		return 0;
	}

	while (($line = fgets(STDIN)) !== false) {
		$msg = json_decode($line, true);
		try {
			$reply = match ($msg['cmd'] ?? null) {
				'info' => bench_worker_info(),
				'prep' => (function () use ($prep, $msg) { $prep($msg['case']); return ['ok' => true]; })(),
				'run' => $run($msg['case'], (float) $msg['seconds']),
				'quit' => null,
				default => throw new InvalidArgumentException('bad command: ' . trim($line)),
			};
		} catch (Throwable $e) {
			$reply = ['error' => get_class($e) . ': ' . $e->getMessage()];
		}
		if ($reply === null) {
			break;
		}
		echo json_encode($reply), "\n";
	}
	return 0;
}

exit(bench_worker_main($argv));
