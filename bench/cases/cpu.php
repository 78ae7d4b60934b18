<?php
/*
 * Client CPU per operation, counted in instructions by callgrind (valgrind --tool=callgrind),
 * so the figure does not depend on the machine's load. Each client runs
 * bench/lib/cpu_target.php once against the same memcached: N gets, N sets (100 B) and
 * N/10 getMulti of 100 keys, N/10 sets of 10 KB of text with each client's defaults (LocalDb
 * and php-memcached compress it with fastlz), N opens of the pooled handle (as the "open"
 * case), each block in a profile part of its own. Per operation:
 *   total     every user-space instruction of the process (the kernel is not counted)
 *   own       the client's extension: localdb.so / memcached.so / memcache.so
 *   lib       libmemcached and its libhashkit (php-memcached only)
 *   rest      PHP itself (the call, the loop, zvals), libc, the dynamic loader
 * The three runs go in parallel: instruction counts do not depend on timing.
 */

require_once BENCH_ROOT . '/lib/common.php';
require_once BENCH_ROOT . '/lib/clients.php';
require_once BENCH_ROOT . '/lib/callgrind.php';

const BENCH_CPU_OWN = ['localdb' => 'localdb.so', 'memcached' => 'memcached.so', 'memcache' => 'memcache.so'];

function bench_cpu(array $cfg): array
{
	$n = $cfg['quick'] ? 300 : 2000;
	$m = intdiv($n, 10);
	[$server] = ldb_test_memcached(1);
	bench_log("cpu: callgrind, $n get, $n set, $m getMulti(100) per client, memcached -t 1 on $server");
	$procs = [];
	foreach (BENCH_CLIENTS as $client) {
		$out = "{$cfg['logdir']}/callgrind-$client.out";
		foreach (glob("$out*") ?: [] as $old) {
			unlink($old);
		}
		$cmd = array_merge(['valgrind', '--tool=callgrind', "--callgrind-out-file=$out", '--compress-strings=no',
			'--compress-pos=no', '--dump-after=usleep', '-q'],
			bench_client_cmd($client, $cfg['so'], BENCH_ROOT . '/lib/cpu_target.php', [$client, $server, $n, $m]));
		$procs[$client] = [new BenchProc($cmd, "{$cfg['logdir']}/callgrind-$client.log"), $out];
	}
	$result = ['n' => $n, 'getmulti_n' => $m, 'clients' => []];
	foreach ($procs as $client => [$p, $out]) {
		$rc = $p->finish(600);
		/* parts: .1 startup, .2 empty block, .3 get, .4 set, .5 getMulti, .6 set 10 KB text
		 * with the defaults, .7 open */
		if ($rc !== 0 || !is_file("$out.7") || is_file("$out.8")) {
			$result['clients'][$client] = ['error' => "callgrind run failed (exit $rc): " . $p->tail()];
			bench_log("  $client: callgrind run failed, see {$p->log}");
			continue;
		}
		$empty = bench_callgrind_objects("$out.2");
		$ops = [];
		foreach (['get' => [3, $n], 'set' => [4, $n], 'getmulti' => [5, $m], 'set_10k_defaults' => [6, $m], 'open' => [7, $n]]
				as $op => [$part, $count]) {
			$objs = bench_callgrind_objects("$out.$part");
			$per = [];
			foreach ($objs as $obj => $ir) {
				$per[$obj] = ($ir - ($empty[$obj] ?? 0)) / $count;
			}
			$total = array_sum($per);
			$own = $per[BENCH_CPU_OWN[$client]] ?? 0.0;
			$lib = 0.0;
			foreach ($per as $obj => $ir) {
				if (str_starts_with($obj, 'libmemcached') || str_starts_with($obj, 'libhashkit')) {
					$lib += $ir;
				}
			}
			arsort($per);
			$ops[$op] = [
				'total' => round($total),
				'own' => round($own),
				'lib' => round($lib),
				'rest' => round($total - $own - $lib),
				'objects' => array_map('round', array_filter($per, fn($x) => abs($x) >= 1)),
			];
		}
		$result['clients'][$client] = $ops;
		bench_log(sprintf('  %-10s get %d  set %d  getMulti(100) %d  set 10 KB text %d  open %d instructions', $client,
			$ops['get']['total'], $ops['set']['total'], $ops['getmulti']['total'], $ops['set_10k_defaults']['total'], $ops['open']['total']));
	}
	ldb_test_kill($server);
	return $result;
}
