<?php
/*
 * The summary table (text) and the charts (gnuplot, PNG) of one run's results.
 */

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/clients.php';

function bench_fmt_int(float $x): string
{
	return is_nan($x) ? '-' : number_format($x, 0, '.', ',');
}

function bench_ratio(?float $a, ?float $b): string
{
	if ($a === null || $b === null || $b == 0 || is_nan($a) || is_nan($b)) {
		return '-';
	}
	$r = $a / $b;
	return $r >= 10 ? sprintf('%.0fx', $r) : sprintf('%.2fx', $r);
}

/* Characters (not bytes) in a UTF-8 string: mbstring is not loaded under php -n. */
function bench_strlen(string $s): int
{
	return (int) preg_match_all('/./us', $s);
}

/* Rows of cells -> aligned text; the first column left-aligned, the others right-aligned. */
function bench_table(array $rows): string
{
	$w = [];
	foreach ($rows as $row) {
		foreach (array_values($row) as $i => $cell) {
			$w[$i] = max($w[$i] ?? 0, bench_strlen((string) $cell));
		}
	}
	$out = '';
	foreach ($rows as $row) {
		$cells = [];
		foreach (array_values($row) as $i => $cell) {
			$pad = $w[$i] - bench_strlen((string) $cell);
			$cells[] = $i === 0 ? $cell . str_repeat(' ', $pad) : str_repeat(' ', $pad) . $cell;
		}
		$out .= rtrim(implode('  ', $cells)) . "\n";
	}
	return $out;
}

function bench_summary(array $r): string
{
	$L = BENCH_CLIENT_LABELS;
	$m = $r['machine'];
	$s = sprintf("LocalDb benchmark %s (%s run, %.0f s)\nmachine: %s, %d cores, %d GB, %s, kernel %s, PHP %s, %s\nload average at start: %s, at the end: %s\n",
		$r['stamp'], $r['quick'] ? 'quick' : 'full', $r['seconds'], $m['cpu'], $m['cores'], $m['memory_gb'], $m['os'],
		$m['kernel'], $m['php'], $m['memcached_server'], $r['load_start'] ?? '?', $r['load_end'] ?? '?');
	if (isset($r['throughput']['clients'])) {
		$v = [];
		foreach ($r['throughput']['clients'] as $client => $info) {
			if ($client === 'floor') {
				$v[] = 'floor: ' . ($info['floor'] ?? '?');
				continue;
			}
			$v[] = $L[$client] . ' ' . ($info[$client] ?? '?')
				. ($client === 'memcached' ? " (libmemcached {$m['libmemcached']})" : '');
		}
		$s .= 'clients: ' . implode(', ', $v) . "\n";
	}
	$loses = [];

	if (isset($r['throughput'])) {
		$t = $r['throughput'];
		$s .= sprintf("\nThroughput: ops/s, median of %d interleaved rounds of %.2f s; one memcached -t 1; higher is better\n",
			$t['rounds'], $t['seconds_per_round']);
		/* the floor: a raw C socket doing the same operations in the same rounds (bench/floor) */
		$rows = [['case', 'C socket', $L['localdb'], $L['memcached'], $L['memcache'], 'LocalDb/memcached', 'LocalDb/memcache',
			'LocalDb/floor', 'memcached/floor', 'memcache/floor']];
		$notes = [];
		foreach ($t['cases'] as $name => $c) {
			$med = [];
			$fl = $c['clients']['floor']['median'] ?? null;
			$cells = [$c['title'], $fl === null ? '-' : bench_fmt_int($fl)];
			foreach (BENCH_CLIENTS as $client) {
				$x = $c['clients'][$client] ?? [];
				if (isset($x['error'])) {
					$cells[] = 'failed';
					$notes[] = "$name, {$L[$client]}: {$x['error']}";
					$med[$client] = null;
					continue;
				}
				$med[$client] = $x['median'];
				$cells[] = bench_fmt_int($x['median']) . (isset($x['lossy']) ? '*' : '');
				if (isset($x['lossy'])) {
					$notes[] = "* $name, {$L[$client]}: lossy round trip: {$x['lossy']}";
				}
			}
			$cells[] = bench_ratio($med['localdb'], $med['memcached']);
			$cells[] = bench_ratio($med['localdb'], $med['memcache']);
			foreach (BENCH_CLIENTS as $client) {
				$cells[] = bench_ratio($med[$client], $fl);
			}
			$rows[] = $cells;
			foreach (['memcached', 'memcache'] as $peer) {
				if ($med['localdb'] !== null && $med[$peer] !== null && $med['localdb'] < 0.95 * $med[$peer]) {
					/* beyond the noise only when every round of LocalDb is below every round of the peer */
					$clear = max($c['clients']['localdb']['rounds']) < min($c['clients'][$peer]['rounds']);
					$loses[] = sprintf('%s: %s of %s\'s throughput%s', $c['title'], bench_ratio($med['localdb'], $med[$peer]), $L[$peer],
						$clear ? ' (every round)' : ' (the rounds overlap: within the noise)');
				}
			}
			if ($name === 'open') {
				$us = [];
				foreach (BENCH_CLIENTS as $client) {
					$us[] = $med[$client] ? sprintf('%.2f', 1e6 / $med[$client]) : '-';
				}
				$rows[] = array_merge(['  = µs per open', ''], $us, ['', '', '', '', '']);
			}
		}
		$s .= bench_table($rows);
		foreach ($notes as $n) {
			$s .= "$n\n";
		}
		/* how much the rounds of one client and case differ: the noise the ratios carry */
		$spread = [];
		foreach ($t['cases'] as $name => $c) {
			foreach ($c['clients'] as $client => $x) {
				if (!empty($x['rounds']) && $x['median'] > 0) {
					$spread["$name/$client"] = (max($x['rounds']) - min($x['rounds'])) / $x['median'];
				}
			}
		}
		if ($spread) {
			arsort($spread);
			$s .= sprintf("round-to-round spread, (max - min) / median: median %.0f%%, largest %.0f%% (%s)\n",
				100 * bench_median(array_values($spread)), 100 * reset($spread), key($spread));
		}
		$rows = [['client CPU per op, µs', 'C socket', $L['localdb'], $L['memcached'], $L['memcache'], 'LocalDb/memcached', 'LocalDb/memcache']];
		foreach ($t['cases'] as $name => $c) {
			$us = [];
			foreach (BENCH_CLIENTS as $client) {
				$us[$client] = $c['clients'][$client]['cpu_us'] ?? null;
			}
			$fl = $c['clients']['floor']['cpu_us'] ?? null;
			$rows[] = [$c['title'], $fl === null ? '-' : sprintf('%.2f', $fl),
				...array_map(fn($x) => $x === null ? '-' : sprintf('%.2f', $x), array_values($us)),
				bench_ratio($us['localdb'], $us['memcached']), bench_ratio($us['localdb'], $us['memcache'])];
			foreach (['memcached', 'memcache'] as $peer) {
				if ($us['localdb'] !== null && $us[$peer] !== null && $us['localdb'] > 1.05 * $us[$peer]) {
					$loses[] = sprintf('%s: %s the client CPU time per op of %s', $c['title'], bench_ratio($us['localdb'], $us[$peer]), $L[$peer]);
				}
			}
		}
		$s .= "\nThe same rounds: CPU time (user + system, getrusage) of the client process per operation; lower is better\n";
		$s .= bench_table($rows);
	}

	if (isset($r['cpu'])) {
		$c = $r['cpu'];
		$s .= sprintf("\nClient CPU: instructions per operation (callgrind, user space; %d get, %d set, %d getMulti(100), %d set of 10 KB text with the defaults, %d open; lower is better)\n",
			$c['n'], $c['n'], $c['getmulti_n'], $c['getmulti_n'], $c['n']);
		$s .= "  LocalDb = localdb.so + rest; php-memcached = memcached.so + libmemcached + rest; pecl memcache = memcache.so + rest\n";
		$s .= "  rest = PHP (the call, the loop, values), libc, ld.so\n";
		$s .= "  set 10 KB text, defaults: LocalDb and php-memcached compress it (fastlz); pecl memcache does not below 20000 bytes\n";
		$rows = [['op', $L['localdb'], $L['memcached'], $L['memcache'], 'LocalDb/memcached', 'LocalDb/memcache']];
		$ops = ['get' => 'get 100 B', 'set' => 'set 100 B', 'getmulti' => 'getMulti 100 keys',
			'set_10k_defaults' => 'set 10 KB text, defaults', 'open' => 'open (pooled)'];
		foreach ($ops as $op => $title) {
			$cells = [$title];
			$tot = [];
			foreach (BENCH_CLIENTS as $client) {
				$x = $c['clients'][$client][$op] ?? null;
				if ($x === null) {
					$cells[] = 'failed';
					$tot[$client] = null;
					continue;
				}
				$tot[$client] = (float) $x['total'];
				$parts = [bench_fmt_int($x['own'])];
				if ($client === 'memcached') {
					$parts[] = bench_fmt_int($x['lib']);
				}
				$parts[] = bench_fmt_int($x['rest']);
				$cells[] = bench_fmt_int($x['total']) . ' (' . implode(' + ', $parts) . ')';
			}
			$cells[] = bench_ratio($tot['localdb'], $tot['memcached']);
			$cells[] = bench_ratio($tot['localdb'], $tot['memcache']);
			$rows[] = $cells;
			foreach (['memcached', 'memcache'] as $peer) {
				if ($tot['localdb'] !== null && $tot[$peer] !== null && $tot['localdb'] > 1.05 * $tot[$peer]) {
					$loses[] = sprintf('%s: %s the instructions of %s', $title, bench_ratio($tot['localdb'], $tot[$peer]), $L[$peer]);
				}
			}
		}
		$s .= bench_table($rows);
	}

	$fo_rows = function (array $byclient, string $first) use ($L): array {
		$rows = [];
		foreach (BENCH_CLIENTS as $client) {
			$x = $byclient[$client] ?? null;
			if ($x === null) {
				continue;
			}
			$f = fn(?float $v, string $fmt) => $v === null ? '-' : sprintf($fmt, $v);
			$rows[] = [$first, $L[$client], $x['requests'], $x['slow'], $f($x['p50_ms'], '%.2f'), $f($x['p99_ms'], '%.1f'),
				$f($x['max_ms'], '%.0f'), $x['wrong'], $x['failed'], $x['bad_requests'] ?? '-'];
			$first = '';
		}
		return $rows;
	};
	if (isset($r['failover'])) {
		$f = $r['failover'];
		$s .= sprintf("\nFailover: first server faulty from the start, second holds the keys; per client %d forked workers,\n"
			. "a request (open + %d reads) every %d ms each, %d s; the three clients run at once, each on its own servers\n",
			$f['workers'], $f['reads_per_request'], $f['interval_ms'], $f['seconds']);
		$rows = [['first server', 'client', 'requests', '> 100 ms', 'p50 ms', 'p99 ms', 'max ms', 'wrong reads', 'failed reads', 'requests with either']];
		foreach ($f['modes'] as $mode => $byclient) {
			$rows = array_merge($rows, $fo_rows($byclient, $mode === 'blackhole' ? 'black-holed' : 'hung (SIGSTOP)'));
			foreach (['memcached', 'memcache'] as $peer) {
				$a = $byclient['localdb'] ?? null;
				$b = $byclient[$peer] ?? null;
				if ($a && $b && ($a['slow'] > $b['slow'] || $a['wrong'] + $a['failed'] > $b['wrong'] + $b['failed'])) {
					$loses[] = sprintf('failover, %s: LocalDb %d slow / %d bad reads, %s %d / %d', $mode, $a['slow'],
						$a['wrong'] + $a['failed'], $L[$peer], $b['slow'], $b['wrong'] + $b['failed']);
				}
			}
		}
		$s .= bench_table($rows);
		foreach ($f['modes'] as $mode => $byclient) {
			foreach ($byclient as $client => $x) {
				if ($x['reasons']) {
					$why = [];
					foreach ($x['reasons'] as $k => $n) {
						$why[] = "$n x $k";
					}
					$s .= "  $mode, {$L[$client]}: " . implode('; ', $why) . "\n";
				}
				if (isset($x['exit'])) {
					$s .= "  $mode, {$L[$client]}: workers exited with {$x['exit']}: {$x['log']}\n";
				}
			}
		}
	}

	if (isset($r['timeline'])) {
		$tl = $r['timeline'];
		$s .= "\nOutage timeline: the first server (a memcached holding the keys) changes state while the clients run\n";
		$rows = [['phase', 'client', 'requests', '> 100 ms', 'p50 ms', 'p99 ms', 'max ms', 'wrong reads', 'failed reads', 'requests with either']];
		foreach ($tl['phases'] as $i => [$name, $from, $to]) {
			$by = [];
			foreach ($tl['clients'] as $client => $x) {
				$by[$client] = $x['phases'][$i];
			}
			$rows = array_merge($rows, $fo_rows($by, sprintf('%s %d-%d s', $name, $from, $to)));
			foreach (['memcached', 'memcache'] as $peer) {
				$a = $by['localdb'] ?? null;
				$b = $by[$peer] ?? null;
				if ($a && $b && ($a['slow'] > $b['slow'] || $a['wrong'] + $a['failed'] > $b['wrong'] + $b['failed'])) {
					$loses[] = sprintf('timeline, %s %d-%d s: LocalDb %d slow / %d bad reads, %s %d / %d', $name, $from, $to,
						$a['slow'], $a['wrong'] + $a['failed'], $L[$peer], $b['slow'], $b['wrong'] + $b['failed']);
				}
			}
		}
		$s .= bench_table($rows);
		$back = [];
		foreach ($tl['clients'] as $client => $x) {
			$back[] = sprintf('%s %d, %d', $L[$client], $x['first_server_reads']['back'], $x['first_server_reads']['hung_and_after']);
		}
		$s .= '  reads the first server answered while back / while hung and after: ' . implode('; ', $back) . "\n";
		foreach ($tl['clients'] as $client => $x) {
			if ($x['reasons']) {
				$why = [];
				foreach ($x['reasons'] as $k => $n) {
					$why[] = "$n x $k";
				}
				$s .= "  {$L[$client]}: " . implode('; ', $why) . "\n";
			}
		}
	}

	$s .= "\nWhere LocalDb is behind a peer (throughput < 0.95x, CPU time or instructions > 1.05x, more slow or bad requests):\n";
	$s .= $loses ? '  ' . implode("\n  ", $loses) . "\n" : "  nowhere in this run\n";
	if (!empty($r['charts'])) {
		$s .= "\ncharts: " . implode(', ', $r['charts']) . "\n";
	}
	return $s;
}

/* Run one gnuplot script; true when it made its PNG. */
function bench_gnuplot(string $script, string $png, string $logdir): bool
{
	static $have = null;
	$have ??= trim((string) @shell_exec('command -v gnuplot 2>/dev/null')) !== '';
	if (!$have) {
		return false;
	}
	$gp = $logdir . '/' . basename($png, '.png') . '.gp';
	file_put_contents($gp, $script);
	@unlink($png);
	$p = proc_open(['gnuplot', $gp], [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$gp.log", 'w'], 2 => ['file', "$gp.log", 'a']], $pipes);
	$rc = is_resource($p) ? proc_close($p) : -1;
	if ($rc !== 0 || !is_file($png)) {
		bench_log("gnuplot failed for $png: " . trim((string) @file_get_contents("$gp.log")));
		return false;
	}
	return true;
}

function bench_gp_quote(string $s): string
{
	return '"' . addcslashes($s, "\"\\") . '"';
}

/* The PNG charts of a run, next to its JSON; returns their file names. */
function bench_charts(array $r, string $base, string $logdir): array
{
	$made = [];
	$L = BENCH_CLIENT_LABELS;
	$head = "set terminal pngcairo noenhanced size 1100,560 font 'sans,10'\nset grid ytics\nset key top left\n";
	$colors = ['localdb' => '#1f77b4', 'memcached' => '#ff7f0e', 'memcache' => '#2ca02c'];

	if (isset($r['throughput'])) {
		$dat = "$logdir/throughput.dat";
		$lines = '';
		foreach ($r['throughput']['cases'] as $name => $c) {
			$ref = $c['clients']['memcached']['median'] ?? null;
			$row = [];
			foreach (BENCH_CLIENTS as $client) {
				$x = $c['clients'][$client]['median'] ?? null;
				$row[] = $x !== null && $ref ? sprintf('%.4f', $x / $ref) : '?';
			}
			$lines .= bench_gp_quote($c['title']) . ' ' . implode(' ', $row) . "\n";
		}
		file_put_contents($dat, $lines);
		$png = "$base-throughput.png";
		$gp = $head . "set output " . bench_gp_quote($png) . "\n"
			. "set title 'Throughput relative to php-memcached (median ops/s; higher is better; log scale)'\n"
			. "set logscale y\nset yrange [0.005:*]\nset ylabel 'ops/s / php-memcached ops/s'\n"
			. "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.85 border -1\n"
			. "set boxwidth 0.9\nset xtics rotate by -30 nomirror\nset datafile missing '?'\nset key top right\nset bmargin 9\nset rmargin 8\n"
			. sprintf("plot %s using 2:xtic(1) title %s lc rgb '%s', '' using 3 title %s lc rgb '%s', '' using 4 title %s lc rgb '%s', 1 notitle lc rgb 'black' dt 2\n",
				bench_gp_quote($dat), bench_gp_quote($L['localdb']), $colors['localdb'], bench_gp_quote($L['memcached']), $colors['memcached'],
				bench_gp_quote($L['memcache']), $colors['memcache']);
		if (bench_gnuplot($gp, $png, $logdir)) {
			$made[] = basename($png);
		}
	}

	if (isset($r['cpu'])) {
		$dat = "$logdir/cpu.dat";
		$lines = '';
		foreach (['get' => 'get', 'set' => 'set', 'getmulti' => 'getMulti(100)/100'] as $op => $label) {
			$row = [];
			foreach (BENCH_CLIENTS as $client) {
				$x = $r['cpu']['clients'][$client][$op]['total'] ?? null;
				$row[] = $x === null ? '?' : ($op === 'getmulti' ? $x / 100 : $x);
			}
			$lines .= bench_gp_quote($label) . ' ' . implode(' ', $row) . "\n";
		}
		file_put_contents($dat, $lines);
		$png = "$base-cpu.png";
		$gp = $head . "set output " . bench_gp_quote($png) . "\n"
			. "set title 'Client instructions per operation (callgrind; getMulti per key; lower is better)'\n"
			. "set ylabel 'instructions'\nset yrange [0:*]\n"
			. "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.85 border -1\n"
			. "set boxwidth 0.9\nset datafile missing '?'\n"
			. sprintf("plot %s using 2:xtic(1) title %s lc rgb '%s', '' using 3 title %s lc rgb '%s', '' using 4 title %s lc rgb '%s'\n",
				bench_gp_quote($dat), bench_gp_quote($L['localdb']), $colors['localdb'], bench_gp_quote($L['memcached']), $colors['memcached'],
				bench_gp_quote($L['memcache']), $colors['memcache']);
		if (bench_gnuplot($gp, $png, $logdir)) {
			$made[] = basename($png);
		}
	}

	if (isset($r['failover'])) {
		$png = "$base-failover.png";
		$gp = $head . "set output " . bench_gp_quote($png) . "\n"
			. "set multiplot layout 1,2 title " . bench_gp_quote(sprintf('Failover, first server faulty from the start: %d s, 4 workers per client, '
				. 'a request (open + 10 reads) every 10 ms; lower is better', $r['failover']['seconds'])) . "\n"
			. "set ylabel '% of requests / of reads (labels: counts)'\nset yrange [0:125]\nset ytics 0,20,100\nset key top center\n"
			. "set style data histograms\nset style histogram clustered gap 1\nset style fill solid 0.85 border -1\nset boxwidth 0.9\n";
		foreach ($r['failover']['modes'] as $mode => $by) {
			$dat = "$logdir/failover-$mode.dat";
			$lines = '';
			foreach (BENCH_CLIENTS as $client) {
				$x = $by[$client];
				$lines .= sprintf("%s %.3f %.3f %d %d\n", bench_gp_quote($L[$client]),
					$x['requests'] ? 100 * $x['slow'] / $x['requests'] : 0, $x['reads'] ? 100 * ($x['wrong'] + $x['failed']) / $x['reads'] : 0,
					$x['slow'], $x['wrong'] + $x['failed']);
			}
			file_put_contents($dat, $lines);
			$gp .= 'set title ' . bench_gp_quote($mode === 'blackhole' ? 'first server black-holed (connects time out)' : 'first server hung (SIGSTOP)') . "\n"
				. sprintf("plot %s using 2:xtic(1) title 'requests > 100 ms' lc rgb '#d62728', '' using 3 title 'reads wrong or failed' lc rgb '#9467bd', "
				. "'' using ($0-0.15):($2+4):(sprintf('%%d', $4)) with labels notitle, '' using ($0+0.15):($3+4):(sprintf('%%d', $5)) with labels notitle\n",
				bench_gp_quote($dat));
		}
		$gp .= "unset multiplot\n";
		if (bench_gnuplot($gp, $png, $logdir)) {
			$made[] = basename($png);
		}
	}

	if (isset($r['timeline'])) {
		$tl = $r['timeline'];
		$end = end($tl['phases'])[2];
		foreach ($tl['clients'] as $client => $x) {
			$dat = "$logdir/timeline-$client.dat";
			if (!is_file($dat)) {
				continue;
			}
			$png = "$base-timeline-$client.png";
			$gp = $head . "set output " . bench_gp_quote($png) . "\n"
				. sprintf("set title %s\n", bench_gp_quote("Outage timeline, {$L[$client]}: latency of every request (open + 10 reads), 4 workers"))
				. "set xlabel 'seconds'\nset ylabel 'ms (log scale)'\nset logscale y\nset yrange [0.1:10000]\n"
				. "set xrange [0:$end]\nset key outside top center horizontal\n";
			foreach ($tl['phases'] as $i => [$name, $from, $to]) {
				if ($name !== 'back') {
					$gp .= sprintf("set object %d rect from %s,0.1 to %s,10000 fc rgb '%s' fs solid 0.25 noborder behind\n", $i + 1, $from, $to,
						$name === 'hung' ? '#ffbb78' : '#c5b0d5');
				}
				$gp .= sprintf("set label %d %s at %s,5000 left\n", $i + 1, bench_gp_quote($name), $from + 0.3);
			}
			$gp .= "set arrow from graph 0, first 100 to graph 1, first 100 nohead dt 2 lc rgb '#444444'\n";
			$gp .= sprintf("plot %s using 1:($3==0?$2:1/0) with points pt 7 ps 0.3 lc rgb '#1f77b4' title 'right answers', "
				. "'' using 1:($3==1?$2:1/0) with points pt 7 ps 0.6 lc rgb '#d62728' title 'wrong reads', "
				. "'' using 1:($3==2?$2:1/0) with points pt 7 ps 0.6 lc rgb '#ff7f0e' title 'failed reads'\n", bench_gp_quote($dat));
			if (bench_gnuplot($gp, $png, $logdir)) {
				$made[] = basename($png);
			}
		}
	}
	return $made;
}
