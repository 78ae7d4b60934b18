<?php
/*
 * The failover benchmark: a group of two servers whose first is faulty from the start, the
 * second a normal memcached holding the keys. For each client, 4 forked workers
 * (bench/lib/fo_worker.php) make a request (open + 10 reads) every 10 ms each for 30 s
 * (--quick: 4 s), with the first server
 *   blackhole  a listener whose accept queue is full (tests/fixtures/blackhole.php): every
 *              connect times out, as with a host that is off the network
 *   hung       a memcached stopped with SIGSTOP: connects succeed, nothing answers
 * Reported per client: requests, requests slower than 100 ms, p50/p99/max latency, wrong
 * reads (anything but the stored value, false and null included), failed reads (threw).
 *
 * The three clients run at the same time, each on its own pair of servers: the load is
 * light (12 workers asleep most of the time on two cores) and it keeps --quick short.
 *
 * The outage timeline (bench_timeline): the first server is a memcached holding the keys,
 * made unreachable (stopped, accept queue filled: connects time out) for 20 s, back for
 * 12 s, stopped (hung) for 20 s, back for 12 s (--quick: 3, 11, 3, 2 s); every request's latency
 * is kept, to draw one chart per client. Its keys survive the outage, as a Tokyo Tyrant
 * master's would, so a client that goes back to the first server reads right values.
 */

require_once BENCH_ROOT . '/lib/common.php';
require_once BENCH_ROOT . '/lib/clients.php';

const FO_SLOW_MS = 100.0;

/* Start one fo_worker.php per client (each forks its workers); wait for all of them. */
function bench_fo_run(array $cfg, array $pairs, float $start, float $seconds, string $tag, ?callable $during = null): array
{
	$procs = [];
	foreach ($pairs as $client => [$first, $second]) {
		$out = "{$cfg['logdir']}/$tag-$client";
		foreach (glob("$out-w*") ?: [] as $old) {
			unlink($old);
		}
		$procs[$client] = [new BenchProc(bench_client_cmd($client, $cfg['so'], BENCH_ROOT . '/lib/fo_worker.php',
			[$client, "$first,$second", sprintf('%.3f', $start), $seconds, $out, 4]), "$out.log"), $out];
	}
	if ($during !== null) {
		$during();
	}
	$res = [];
	foreach ($procs as $client => [$p, $out]) {
		/* a request is bounded by the clients' timeouts: give the last one 60 s */
		$rc = $p->finish(max(0, $start + $seconds - microtime(true)) + 60);
		$res[$client] = bench_fo_collect($out);
		if ($rc !== 0) {
			$res[$client]['exit'] = $rc;
			$res[$client]['log'] = $p->tail();
		}
	}
	return $res;
}

/* Every request of a client's workers: [t, ms, wrong, failed], sorted by t; and the reasons. */
function bench_fo_collect(string $out): array
{
	$reqs = [];
	$reasons = [];
	$state = null;
	foreach (glob("$out-w*.dat") ?: [] as $f) {
		foreach (file($f, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
			$x = explode(' ', $line);
			$reqs[] = [(float) $x[0], (float) $x[1], (int) $x[2], (int) $x[3]];
		}
		$j = json_decode((string) @file_get_contents(substr($f, 0, -4) . '.json'), true);
		foreach ($j['reasons'] ?? [] as $why => $n) {
			$reasons[$why] = ($reasons[$why] ?? 0) + $n;
		}
		$state ??= $j['state'] ?? null;
	}
	usort($reqs, fn($a, $b) => $a[0] <=> $b[0]);
	arsort($reasons);
	return ['requests' => $reqs, 'reasons' => $reasons, 'state' => $state];
}

/* The figures of a list of requests. */
function bench_fo_stats(array $reqs): array
{
	$ms = array_column($reqs, 1);
	return [
		'requests' => count($reqs),
		'slow' => count(array_filter($ms, fn($x) => $x > FO_SLOW_MS)),
		'p50_ms' => $ms ? round(bench_percentile($ms, 50), 2) : null,
		'p99_ms' => $ms ? round(bench_percentile($ms, 99), 2) : null,
		'max_ms' => $ms ? round(max($ms), 1) : null,
		'slow_ms_total' => round(array_sum(array_filter($ms, fn($x) => $x > FO_SLOW_MS)) / 1000, 2),
		'bad_requests' => count(array_filter($reqs, fn($q) => $q[2] + $q[3] > 0)),
		'reads' => count($reqs) * 10,
		'wrong' => array_sum(array_column($reqs, 2)),
		'failed' => array_sum(array_column($reqs, 3)),
	];
}

function bench_failover(array $cfg): array
{
	$seconds = $cfg['quick'] ? 4 : 30;
	$items = bench_fo_items();
	$out = ['seconds' => $seconds, 'workers' => 4, 'interval_ms' => 10, 'reads_per_request' => 10, 'modes' => []];
	foreach (['blackhole', 'hung'] as $mode) {
		$pairs = [];
		foreach (BENCH_CLIENTS as $client) {
			[$second] = ldb_test_memcached(1);
			bench_raw_fill($second, $items);
			if ($mode === 'blackhole') {
				$first = ldb_test_blackhole();
			} else {
				/* written to both before the fault starts (php-memcached's replicas read
				 * from either), then stopped */
				[$first] = ldb_test_memcached(1);
				bench_raw_fill($first, $items);
				ldb_test_kill($first, SIGSTOP);
			}
			$pairs[$client] = [$first, $second];
		}
		bench_log("failover/$mode: first server " . ($mode === 'blackhole' ? 'black-holed' : 'hung (SIGSTOP)')
			. ", 3 clients x 4 workers for $seconds s");
		$start = microtime(true) + 2.0;
		$res = bench_fo_run($cfg, $pairs, $start, $seconds, "failover-$mode");
		foreach ($res as $client => $r) {
			$st = bench_fo_stats($r['requests']);
			$out['modes'][$mode][$client] = $st + ['reasons' => array_slice($r['reasons'], 0, 8, true)]
				+ array_intersect_key($r, ['exit' => 1, 'log' => 1]);
			bench_log(sprintf('  %-10s %5d requests, %4d > 100 ms, p50 %.2f ms, p99 %.1f ms, max %.0f ms, %d wrong, %d failed',
				$client, $st['requests'], $st['slow'], $st['p50_ms'], $st['p99_ms'], $st['max_ms'], $st['wrong'], $st['failed']));
		}
		foreach ($pairs as [$first, $second]) {
			ldb_test_kill($first);
			ldb_test_kill($second);
		}
	}
	return $out;
}

/* Make a stopped memcached unreachable: fill its accept queue (it listens with a small
 * backlog), so that a new connect is dropped and times out. Returns the filling sockets. */
function bench_fill_backlog(string $server): array
{
	$fill = [];
	for ($i = 0; $i < 1000; $i++) {
		$c = @stream_socket_client("tcp://$server", $errno, $errstr, 0.1);
		if ($c === false) {
			if ($errno === 111) {
				throw new RuntimeException("$server refused a connect instead of dropping it");
			}
			return $fill;
		}
		$fill[] = $c;
	}
	throw new RuntimeException("could not fill the accept queue of $server");
}

function bench_timeline(array $cfg): array
{
	$down = $cfg['quick'] ? 3 : 20;
	/* the first "back" lasts longer than the peers' 10 s retry interval, so that they have
	 * gone back to the first server when it hangs */
	$back = $cfg['quick'] ? 11 : 12;
	$up = $cfg['quick'] ? 2 : 12;
	$phases = [
		['unreachable', 0, $down],
		['back', $down, $down + $back],
		['hung', $down + $back, 2 * $down + $back],
		['back', 2 * $down + $back, 2 * $down + $back + $up],
	];
	$seconds = 2 * $down + $back + $up;
	$items = bench_fo_items();
	$pairs = [];
	foreach (BENCH_CLIENTS as $client) {
		/* backlog 64: enough for the clients' connections while hung, few to fill */
		[$first] = ldb_test_memcached(1, ['-b', '64']);
		[$second] = ldb_test_memcached(1);
		bench_raw_fill($first, $items);
		bench_raw_fill($second, $items);
		$pairs[$client] = [$first, $second];
	}
	bench_log("timeline: first server unreachable {$down} s, back {$back} s, hung {$down} s, back {$up} s; 3 clients x 4 workers");
	$fillers = [];
	foreach ($pairs as $client => [$first]) {
		ldb_test_kill($first, SIGSTOP);
		$fillers[$client] = bench_fill_backlog($first);
	}
	$start = microtime(true) + 2.0;
	$marks = [];
	$gets = [];
	$during = function () use ($pairs, &$fillers, $start, $phases, &$marks, &$gets): void {
		$at = function (float $t) use ($start): void {
			$wait = $start + $t - microtime(true);
			if ($wait > 0) {
				usleep((int) ($wait * 1e6));
			}
		};
		$at($phases[1][1]);
		foreach ($pairs as $client => [$first]) {
			ldb_test_kill($first, SIGCONT);
			$fillers[$client] = [];      /* closes them: memcached accepts and drops them */
			$gets[$client][] = ldb_test_stat($first, 'cmd_get');
		}
		$marks[] = ['back', round(microtime(true) - $start, 3)];
		$at($phases[2][1]);
		foreach ($pairs as $client => [$first]) {
			$gets[$client][] = ldb_test_stat($first, 'cmd_get');
			ldb_test_kill($first, SIGSTOP);
		}
		$marks[] = ['hung', round(microtime(true) - $start, 3)];
		$at($phases[3][1]);
		foreach ($pairs as [$first]) {
			ldb_test_kill($first, SIGCONT);
		}
		$marks[] = ['back', round(microtime(true) - $start, 3)];
	};
	$res = bench_fo_run($cfg, $pairs, $start, $seconds, 'timeline', $during);
	/* reads the first server answered: whether a client went back to it after the outage
	 * (the runner's own `stats` and `get`s of the fill are not counted: taken as deltas) */
	foreach ($pairs as $client => [$first]) {
		$gets[$client][] = ldb_test_stat($first, 'cmd_get');
	}
	$out = ['phases' => $phases, 'marks' => $marks, 'clients' => []];
	foreach ($res as $client => $r) {
		$per = [];
		foreach ($phases as $i => [$name, $from, $to]) {
			$in = array_filter($r['requests'], fn($q) => $q[0] >= $from && $q[0] < $to);
			$per[] = ['phase' => $name, 'from' => $from, 'to' => $to] + bench_fo_stats(array_values($in));
		}
		$dat = "{$cfg['logdir']}/timeline-$client.dat";
		$fh = fopen($dat, 'w');
		foreach ($r['requests'] as [$t, $ms, $wrong, $failed]) {
			fprintf($fh, "%.4f %.3f %d\n", $t, $ms, $failed ? 2 : ($wrong ? 1 : 0));
		}
		fclose($fh);
		[$g0, $g1, $g2] = $gets[$client] + [null, null, null];
		$out['clients'][$client] = ['phases' => $per, 'total' => bench_fo_stats($r['requests']),
			'first_server_reads' => ['back' => $g1 - $g0, 'hung_and_after' => $g2 - $g1],
			'reasons' => array_slice($r['reasons'], 0, 8, true)]
			+ array_intersect_key($r, ['exit' => 1, 'log' => 1]);
		bench_log(sprintf('  %-10s %s', $client, implode(' | ', array_map(fn($p) => sprintf('%s: %d > 100 ms, max %.0f ms, %d wrong, %d failed',
			$p['phase'], $p['slow'], $p['max_ms'], $p['wrong'], $p['failed']), $per))));
	}
	foreach ($pairs as [$first, $second]) {
		ldb_test_kill($first);
		ldb_test_kill($second);
	}
	return $out;
}
