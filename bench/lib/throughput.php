<?php
/*
 * The throughput cases (bench/cases/{get,set,getmulti,incr,open,codec}.php), interleaved:
 * for each case, round 1 of LocalDb, of php-memcached, of pecl memcache, then round 2 of
 * each, and so on; the figure of a case is the median of its rounds' ops/s. All three talk
 * to one memcached (-t 1: with more threads the server thread a connection lands on swings
 * single-key timings by up to 3x between runs), never at the same time. Each round also
 * reports the CPU time (user + system, getrusage) the client process used per operation:
 * it does not count the time the process waited, so other load on the machine moves it less.
 *
 * The floor (bench/floor/floor.c, built here with cc) takes its rounds in the same rotation:
 * the same get, set, getMulti and incr from a plain C loop on one blocking socket, what a
 * client could at best reach on this server. It has no equivalent of the cases that measure
 * compression, opening a handle or PHP's serializer.
 */

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/clients.php';

const BENCH_THROUGHPUT_GROUPS = ['get', 'set', 'getmulti', 'incr', 'open', 'codec'];

/* Build the floor client into $dir; its path, or null (with the reason logged) without a
 * C compiler. */
function bench_floor_build(string $dir): ?string
{
	$src = BENCH_ROOT . '/floor/floor.c';
	$bin = "$dir/floor";
	$cc = getenv('CC') ?: 'cc';
	$cmd = [$cc, '-O2', '-Wall', '-Wextra', '-o', $bin, $src];
	$p = proc_open($cmd, [1 => ['file', "$dir/floor-build.log", 'w'], 2 => ['file', "$dir/floor-build.log", 'a']], $pipes);
	if (!is_resource($p) || proc_close($p) !== 0 || !is_executable($bin)) {
		bench_log("throughput: cannot build the floor client ($cc, see $dir/floor-build.log): no floor column");
		return null;
	}
	return $bin;
}

function bench_throughput(array $groups, array $cfg): array
{
	/* many short rounds: a burst of other work on the machine then spoils few of them */
	$rounds = $cfg['quick'] ? 7 : 15;
	$secs = $cfg['quick'] ? 0.06 : 0.5;
	[$server] = ldb_test_memcached(1);
	bench_log("throughput: memcached -t 1 on $server, $rounds rounds of {$secs} s per client and case");

	/* the case list comes from the same files the workers load */
	$cases = [];
	foreach ($groups as $group) {
		foreach (require BENCH_ROOT . "/cases/$group.php" as $name => $case) {
			$cases[$name] = ['group' => $group, 'title' => $case['title'], 'unit' => $case['unit'],
				'fresh' => $case['fresh'] ?? false, 'profile' => $case['profile']];
		}
	}

	$worker = BENCH_ROOT . '/lib/worker.php';
	$procs = [];
	$info = [];
	$floor = bench_floor_build($cfg['logdir']);
	$clients = $floor !== null ? ['floor', ...BENCH_CLIENTS] : BENCH_CLIENTS;
	foreach ($clients as $client) {
		$cmd = $client === 'floor' ? [$floor, $server] : bench_client_cmd($client, $cfg['so'], $worker, [$client, $server]);
		$procs[$client] = new BenchProc($cmd, "{$cfg['logdir']}/worker-$client.log");
		$info[$client] = $procs[$client]->call(['cmd' => 'info'], 30);
		if (isset($info[$client]['error'])) {
			throw new RuntimeException("$client worker: {$info[$client]['error']}");
		}
	}

	$out = [];
	foreach ($cases as $name => $case) {
		$res = [];
		$failed = [];
		$lossy = [];
		$cpu = [];
		$na = $case['fresh'] ? ['floor' => true] : [];
		if (!$case['fresh']) {
			foreach ($clients as $client) {
				$r = $procs[$client]->call(['cmd' => 'prep', 'case' => $name]);
				if (isset($r['error'])) {
					$failed[$client] = $r['error'];
				} elseif (isset($r['na'])) {
					$na[$client] = true;
				}
			}
		}
		for ($round = 0; $round < $rounds; $round++) {
			foreach ($clients as $client) {
				if (isset($failed[$client]) || isset($na[$client])) {
					continue;
				}
				if ($case['fresh']) {
					$p = new BenchProc(bench_client_cmd($client, $cfg['so'], $worker, [$client, $server, '--once', $name, $secs]),
						"{$cfg['logdir']}/worker-$client-$name.log");
					try {
						$r = json_decode($p->readLine(60), true) ?? ['error' => 'no answer'];
					} catch (RuntimeException $e) {
						$r = ['error' => $e->getMessage()];
					}
					$p->finish();
				} else {
					$r = $procs[$client]->call(['cmd' => 'run', 'case' => $name, 'seconds' => $secs]);
				}
				if (isset($r['error'])) {
					$failed[$client] = $r['error'];
					continue;
				}
				$res[$client][] = $r['ops'] / $r['secs'];
				$cpu[$client][] = 1e6 * $r['cpu'] / $r['ops'];
				if (isset($r['mismatch'])) {
					$lossy[$client] = $r['example'];
				}
			}
		}
		$row = ['title' => $case['title'], 'unit' => $case['unit'], 'group' => $case['group'],
			'profile' => $case['profile'], 'clients' => []];
		$line = [];
		foreach ($clients as $client) {
			if (isset($na[$client])) {
				continue;
			}
			if (isset($failed[$client])) {
				$row['clients'][$client] = ['error' => $failed[$client]];
				$line[] = "$client FAILED";
				bench_log("  $name: $client failed: {$failed[$client]}");
				continue;
			}
			$m = bench_median($res[$client]);
			$row['clients'][$client] = ['rounds' => array_map(fn($x) => round($x, 1), $res[$client]), 'median' => round($m, 1),
				'cpu_us' => round(bench_median($cpu[$client]), 3)];
			if (isset($lossy[$client])) {
				$row['clients'][$client]['lossy'] = $lossy[$client];
			}
			$line[] = sprintf('%s %.0f/s%s', $client, $m, isset($lossy[$client]) ? ' (lossy)' : '');
		}
		bench_log(sprintf('  %-18s %s', $name, implode('  ', $line)));
		$out[$name] = $row;
	}

	foreach ($procs as $p) {
		fwrite($p->pipes[0], json_encode(['cmd' => 'quit']) . "\n");
		$p->finish();
	}
	ldb_test_kill($server);
	return ['rounds' => $rounds, 'seconds_per_round' => $secs, 'clients' => $info, 'cases' => $out];
}
