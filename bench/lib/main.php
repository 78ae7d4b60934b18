<?php
/*
 * The benchmark runner behind bench/run (which installs what is missing and checks the
 * extension first). Runs the selected sections, writes results/<stamp>.json, the charts
 * and the summary (results/<stamp>.txt), and prints the summary.
 *
 *   php -n main.php --so=<localdb.so> --stamp=<stamp> [--quick] [section...]
 *
 * Sections: get set getmulti incr open codec (the throughput cases), cpu, failover,
 * timeline; "throughput" names the first six. Default: all.
 */

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/clients.php';
require_once __DIR__ . '/throughput.php';
require_once __DIR__ . '/report.php';
require_once BENCH_ROOT . '/cases/cpu.php';
require_once BENCH_ROOT . '/cases/failover.php';

const BENCH_SECTIONS = ['get', 'set', 'getmulti', 'incr', 'open', 'codec', 'cpu', 'failover', 'timeline'];

function bench_main(array $argv): int
{
	$cfg = ['quick' => false, 'so' => null, 'stamp' => date('Y-m-d-His'), 'results' => BENCH_ROOT . '/results'];
	$sections = [];
	foreach (array_slice($argv, 1) as $arg) {
		if ($arg === '--quick') {
			$cfg['quick'] = true;
		} elseif (preg_match('/^--(so|stamp|results)=(.+)$/', $arg, $m)) {
			$cfg[$m[1]] = $m[2];
		} elseif ($arg === 'throughput' || $arg === 'all') {
			$sections = array_merge($sections, $arg === 'all' ? BENCH_SECTIONS : BENCH_THROUGHPUT_GROUPS);
		} elseif (in_array($arg, BENCH_SECTIONS, true)) {
			$sections[] = $arg;
		} else {
			fwrite(STDERR, "unknown argument or case: $arg (cases: throughput " . implode(' ', BENCH_SECTIONS) . ")\n");
			return 2;
		}
	}
	$sections = $sections ? array_values(array_unique($sections)) : BENCH_SECTIONS;
	if ($cfg['so'] === null || !is_file($cfg['so'])) {
		fwrite(STDERR, "main.php: --so=<path to localdb.so> is required\n");
		return 2;
	}
	/* the fault fixtures exit after LDB_FIXTURE_LIFETIME s; a full run keeps them longer */
	putenv('LDB_FIXTURE_LIFETIME=900');
	$cfg['logdir'] = sys_get_temp_dir() . '/localdb-bench-' . $cfg['stamp'];
	@mkdir($cfg['logdir'], 0700, true);
	@mkdir($cfg['results'], 0755, true);

	$t0 = microtime(true);
	$result = [
		'stamp' => $cfg['stamp'],
		'date' => date('c'),
		'quick' => $cfg['quick'],
		'sections' => $sections,
		'machine' => bench_machine(),
		'load_start' => bench_loadavg(),
	];
	bench_log(($cfg['quick'] ? 'quick' : 'full') . ' run: ' . implode(' ', $sections) . "; logs in {$cfg['logdir']}");
	$load = (float) $result['load_start'];
	if ($load > 0.5 * ($result['machine']['cores'] ?: 1)) {
		bench_log("warning: load average $load on {$result['machine']['cores']} cores: other work will make the timings noisy "
			. '(the instruction counts are not affected)');
	}

	$groups = array_values(array_intersect(BENCH_THROUGHPUT_GROUPS, $sections));
	if ($groups) {
		$result['throughput'] = bench_throughput($groups, $cfg);
	}
	if (in_array('cpu', $sections, true)) {
		$result['cpu'] = bench_cpu($cfg);
	}
	if (in_array('failover', $sections, true)) {
		$result['failover'] = bench_failover($cfg);
	}
	if (in_array('timeline', $sections, true)) {
		$result['timeline'] = bench_timeline($cfg);
	}
	$result['seconds'] = round(microtime(true) - $t0, 1);
	$result['load_end'] = bench_loadavg();

	$base = "{$cfg['results']}/{$cfg['stamp']}";
	$save = function () use (&$result, $base): void {
		file_put_contents("$base.json",
			json_encode($result, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_PARTIAL_OUTPUT_ON_ERROR) . "\n");
	};
	$save();        /* first without the charts: a failing chart loses no figure */
	$result['charts'] = bench_charts($result, $base, $cfg['logdir']);
	$save();
	$summary = bench_summary($result);
	file_put_contents("$base.txt", $summary);
	echo $summary;
	bench_log("results: $base.json, $base.txt" . ($result['charts'] ? ', ' . implode(', ', $result['charts']) : ''));
	return 0;
}

exit(bench_main($argv));
