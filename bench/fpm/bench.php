<?php
/*
 * The PHP-FPM benchmark; run it with bench/fpm/run (the options are described there).
 *
 * One php-fpm serves the four pages, so that rounds can alternate between the clients
 * without restarting anything: its master loads igbinary, msgpack, memcached and localdb
 * (-d extension=..., as from conf.d), and every worker has all four clients at hand.
 * Processes are started and stopped by tests/fpm/fpm.inc, as in the tests.
 */

$root = dirname(__DIR__, 2);
require $root . '/tests/fpm/fpm.inc';

const WORKERS = 4;
const GETS = 10;
const VALUE_BYTES = 100;

function fail(string $msg): never
{
	fwrite(STDERR, "bench/fpm/run: $msg\n");
	exit(1);
}

function say(string $msg): void
{
	fwrite(STDERR, "bench/fpm/run: $msg\n");
}

/* ---- options ---- */

$opt = ['rounds' => 5, 'duration' => 5, 'connections' => 16, 'threads' => 2, 'quick' => false];
$args = array_slice($argv, 1);
while ($args) {
	$a = array_shift($args);
	if ($a === '--quick') {
		$opt['quick'] = true;
		$opt['rounds'] = 3;
		$opt['duration'] = 1;
	} elseif (preg_match('/^--(rounds|duration|connections|threads)(?:=(\d+))?$/', $a, $m)) {
		$v = $m[2] ?? array_shift($args);
		if (!is_string($v) || !preg_match('/^\d+$/', $v) || (int) $v < 1) {
			fail("--$m[1] needs a positive number");
		}
		$opt[$m[1]] = (int) $v;
	} else {
		fail("unknown argument $a (see bench/fpm/run --help)");
	}
}

/* ---- what it needs ---- */

$so = getenv('LDB_BENCH_EXTENSION') ?: "$root/modules/localdb.so";
if (!is_file($so)) {
	fail("$so not found: build it first (scripts/build), or set LDB_BENCH_EXTENSION");
}
$so = realpath($so);
$wrk = ldb_fpm_find_binary(['wrk']) ?? fail('wrk not found (Debian package wrk)');
$fpm = ldb_fpm_binary() ?? fail('php-fpm' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . ' not found');
ldb_nginx_binary() ?? fail('nginx not found (Debian package nginx-light)');
ldb_test_memcached_binary() ?? fail('memcached not found');
$extensions = ['igbinary.so', 'msgpack.so', 'memcached.so'];
$cmd = [$fpm, '-n'];
foreach (array_merge($extensions, [$so]) as $e) {
	array_push($cmd, '-d', "extension=$e");
}
$cmd[] = '-m';
$p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$mods = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
proc_close($p);
foreach (['memcached', 'localdb'] as $m) {
	if (!preg_match("/^$m\$/m", $mods)) {
		fail("php-fpm cannot load $m: " . trim($mods));
	}
}

/* ---- servers and pages ---- */

$load_before = trim((string) @file_get_contents('/proc/loadavg'));
$stamp = getenv('LDB_BENCH_STAMP') ?: date('Y-m-d-His');
[$mc] = ldb_test_memcached(1);
$host = substr($mc, 0, strrpos($mc, ':'));
$port = ldb_test_port($mc);
for ($i = 0; $i < GETS; $i++) {
	$v = str_repeat(chr(97 + $i), VALUE_BYTES);
	if (ldb_test_raw($mc, "set k$i 0 0 " . VALUE_BYTES . "\r\n$v\r\n") !== "STORED\r\n") {
		fail("cannot store k$i");
	}
}

/* every page: 10 gets (each answer checked), 1 set; "ok" when all 10 were right */
$body = function (string $open, string $get, string $set): string {
	return "<?php\n$open\n\$ok = 0;\nfor (\$i = 0; \$i < " . GETS . "; \$i++) {\n"
		. "\t\$ok += $get === str_repeat(chr(97 + \$i), " . VALUE_BYTES . ");\n}\n"
		. "$set;\necho \$ok === " . GETS . " ? 'ok' : 'wrong';\n";
};
$value = "str_repeat('w', " . VALUE_BYTES . ")";
$cases = [
	'localdb_persistent' => ['LocalDb persistent', $body('$db = new LocalDb();', '$db->get("k$i")', "\$db->set('w' . mt_rand(0, 99), $value)")],
	'localdb_nonpersistent' => ['LocalDb non-persistent', $body("\$db = new LocalDb(null, ['persistent' => false]);", '$db->get("k$i")', "\$db->set('w' . mt_rand(0, 99), $value)")],
	'memcached_persistent' => ['php-memcached persistent', $body("\$m = new Memcached('pool');\nif (!\$m->getServerList()) {\n\t\$m->addServer('$host', $port);\n}", '$m->get("k$i")', "\$m->set('w' . mt_rand(0, 99), $value)")],
	'memcached_nonpersistent' => ['php-memcached non-persistent', $body("\$m = new Memcached();\n\$m->addServer('$host', $port);", '$m->get("k$i")', "\$m->set('w' . mt_rand(0, 99), $value)")],
];
$pages = ['info' => "<?php\necho json_encode(['php' => PHP_VERSION, 'localdb' => phpversion('localdb'), 'memcached' => phpversion('memcached'), 'libmemcached' => defined('Memcached::LIBMEMCACHED_VERSION_HEX') ? dechex(Memcached::LIBMEMCACHED_VERSION_HEX) : null]);\n"];
foreach ($cases as $name => [, $code]) {
	$pages[$name] = $code;
}

say("php-fpm (" . WORKERS . " static workers) + nginx, memcached $mc");
$f = ldb_fpm_start([
	'workers' => WORKERS,
	'so' => $so,
	'extensions' => $extensions,
	'ini' => ['localdb.servers' => $mc, 'display_errors' => '0'],
	'pages' => $pages,
]);

/* ---- checks: every page answers "ok" ---- */

function check_pages(LdbFpm $f, array $cases, string $when): void
{
	foreach (array_keys($cases) as $name) {
		$bad = [];
		ldb_http_run($f, 200, fn () => "/$name.php", function ($i, $r) use (&$bad) {
			if ($r === null || $r['status'] !== 200 || $r['body'] !== 'ok') {
				$bad[] = $r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 200);
			}
		}, WORKERS);
		if ($bad) {
			fail("$name.php answered wrong $when (" . count($bad) . " of 200): " . $bad[0] . "\n" . ldb_fpm_logs($f));
		}
	}
}

$info = json_decode(ldb_http_get($f, '/info.php')['body'] ?? 'null', true);
check_pages($f, $cases, 'before the benchmark');

/* ---- wrk, interleaved ---- */

/* CPU time (user + system, s) the php-fpm workers have used so far, from /proc/<pid>/stat:
 * per request, it is what the page costs the server whatever else the machine does (the
 * 100 Hz ticks are fine over thousands of requests) */
function workers_cpu(LdbFpm $f): float
{
	$ticks = 0;
	foreach (ldb_fpm_workers($f) as $pid) {
		$stat = (string) @file_get_contents("/proc/$pid/stat");
		$fields = explode(' ', trim(substr($stat, (int) strrpos($stat, ')') + 2)));
		$ticks += (int) ($fields[11] ?? 0) + (int) ($fields[12] ?? 0);
	}
	return $ticks / 100.0;
}

function wrk(string $wrk, LdbFpm $f, string $page, int $seconds, array $opt): array
{
	$cpu0 = workers_cpu($f);
	$cmd = [$wrk, '-t', (string) $opt['threads'], '-c', (string) $opt['connections'], '-d', "{$seconds}s", '--latency',
		"http://127.0.0.1:$f->http_port/$page.php"];
	$p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
	$out = stream_get_contents($pipes[1]);
	$err = stream_get_contents($pipes[2]);
	$rc = proc_close($p);
	$cpu = workers_cpu($f) - $cpu0;
	if ($rc !== 0 || !preg_match('/^Requests\/sec:\s+([\d.]+)/m', $out, $m)) {
		fail("wrk failed ($rc): $out $err");
	}
	$ms = function (string $pct) use ($out): ?float {
		if (!preg_match('/^\s+' . $pct . '%\s+([\d.]+)(us|ms|s)\b/m', $out, $m)) {
			return null;
		}
		return round((float) $m[1] * ['us' => 0.001, 'ms' => 1.0, 's' => 1000.0][$m[2]], 3);
	};
	$errors = 0;
	if (preg_match('/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/', $out, $e)) {
		$errors = (int) $e[1] + (int) $e[2] + (int) $e[3] + (int) $e[4];
	}
	$requests = preg_match('/(\d+) requests in/', $out, $r) ? (int) $r[1] : null;
	return [
		'rps' => (float) $m[1],
		'requests' => $requests,
		'worker_cpu_us' => $requests ? round(1e6 * $cpu / $requests, 1) : null,
		'p50_ms' => $ms('50'),
		'p99_ms' => $ms('99'),
		'non_2xx' => preg_match('/Non-2xx or 3xx responses: (\d+)/', $out, $n) ? (int) $n[1] : 0,
		'socket_errors' => $errors,
	];
}

function median(array $xs): float
{
	sort($xs);
	$n = count($xs);
	return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

/* --quick: the 200 requests per page of check_pages() are the warm-up */
if (!$opt['quick']) {
	say("warm-up: 1 s per client");
	foreach (array_keys($cases) as $name) {
		wrk($wrk, $f, $name, 1, $opt);
	}
}
$runs = array_fill_keys(array_keys($cases), []);
for ($r = 1; $r <= $opt['rounds']; $r++) {
	foreach (array_keys($cases) as $name) {
		$runs[$name][] = wrk($wrk, $f, $name, $opt['duration'], $opt);
	}
	say("round $r of {$opt['rounds']} done");
}
check_pages($f, $cases, 'after the benchmark');

/* ---- worker memory ---- */

/* fresh workers, then VmRSS of each after 1,000 and $last (20,000; --quick: 5,000)
 * requests of one page */
function rss_run(LdbFpm $f, string $page, int $last): array
{
	ldb_fpm_restart_fpm($f);
	$out = ['workers' => ldb_fpm_workers($f)];
	$done = 0;
	foreach ([1000, $last] as $mark) {
		$bad = 0;
		ldb_http_run($f, $mark - $done, fn () => "/$page.php", function ($i, $r) use (&$bad) {
			$bad += $r === null || $r['body'] !== 'ok';
		}, WORKERS, 600.0);
		if ($bad) {
			fail("$page.php answered wrong $bad times while measuring memory");
		}
		$done = $mark;
		$rss = [];
		foreach (ldb_fpm_workers($f) as $pid) {
			$rss[] = ldb_fpm_rss($pid);
		}
		$out["rss_kb_after_$mark"] = $rss;
	}
	return $out;
}
$rss_last = $opt['quick'] ? 3000 : 20000;
say('worker RSS: ' . number_format($rss_last) . ' requests on fresh workers, LocalDb then php-memcached');
$rss = [
	'localdb_persistent' => rss_run($f, 'localdb_persistent', $rss_last),
	'memcached_persistent' => rss_run($f, 'memcached_persistent', $rss_last),
];
ldb_fpm_stop($f);
$load_after = trim((string) @file_get_contents('/proc/loadavg'));

/* ---- report ---- */

$medians = [];
foreach ($runs as $name => $list) {
	$medians[$name] = median(array_column($list, 'rps'));
}
$ratios = [
	'persistent' => round($medians['localdb_persistent'] / $medians['memcached_persistent'], 3),
	'nonpersistent' => round($medians['localdb_nonpersistent'] / $medians['memcached_nonpersistent'], 3),
];
$cpu_us = [];
foreach ($runs as $name => $list) {
	$cpu_us[$name] = median(array_map('floatval', array_column($list, 'worker_cpu_us')));
}
$cpu_ratios = [
	'persistent' => $cpu_us['memcached_persistent'] > 0 ? round($cpu_us['localdb_persistent'] / $cpu_us['memcached_persistent'], 3) : null,
	'nonpersistent' => $cpu_us['memcached_nonpersistent'] > 0 ? round($cpu_us['localdb_nonpersistent'] / $cpu_us['memcached_nonpersistent'], 3) : null,
];

$cpus = (int) (shell_exec('getconf _NPROCESSORS_ONLN 2>/dev/null') ?: 0);
$lines = [];
$lines[] = sprintf('PHP-FPM benchmark: %d static workers behind nginx, one memcached (-t 1), a page of %d gets + 1 set (%d-byte values)',
	WORKERS, GETS, VALUE_BYTES);
$lines[] = sprintf('wrk -t%d -c%d, %d rounds x %d s, clients interleaved; machine: %d CPUs, load %s at the start, %s at the end',
	$opt['threads'], $opt['connections'], $opt['rounds'], $opt['duration'], $cpus, implode(' ', array_slice(explode(' ', $load_before), 0, 3)),
	implode(' ', array_slice(explode(' ', $load_after), 0, 3)));
$lines[] = '';
$lines[] = sprintf('%-30s %12s %10s %10s %14s  %s', 'client', 'median req/s', 'p50 ms', 'p99 ms', 'worker CPU µs', 'req/s of each round');
foreach ($cases as $name => [$label]) {
	$list = $runs[$name];
	$lines[] = sprintf('%-30s %12.0f %10.2f %10.2f %13.0f  %s', $label, $medians[$name], median(array_column($list, 'p50_ms')),
		median(array_column($list, 'p99_ms')), $cpu_us[$name], implode(' ', array_map(fn ($x) => sprintf('%.0f', $x['rps']), $list)));
}
$lines[] = '(worker CPU µs: user + system CPU time of the php-fpm workers per request, median of the rounds; lower is better)';
$lines[] = '';
$lines[] = sprintf('LocalDb / php-memcached: persistent %.2fx, non-persistent %.2fx (req/s); worker CPU per request %.2fx, %.2fx',
	$ratios['persistent'], $ratios['nonpersistent'], $cpu_ratios['persistent'], $cpu_ratios['nonpersistent']);
$failed = 0;
foreach ($runs as $list) {
	foreach ($list as $x) {
		$failed += $x['non_2xx'] + $x['socket_errors'];
	}
}
$lines[] = "non-2xx answers and socket errors over all rounds: $failed";
$lines[] = '';
$lines[] = 'worker RSS (kB, each of the ' . WORKERS . ' workers, fresh php-fpm):';
foreach (['localdb_persistent' => 'LocalDb persistent', 'memcached_persistent' => 'php-memcached persistent'] as $name => $label) {
	$lines[] = sprintf('  %-26s after 1,000 requests: %s; after %s: %s', $label,
		implode(' ', $rss[$name]['rss_kb_after_1000']), number_format($rss_last), implode(' ', $rss[$name]["rss_kb_after_$rss_last"]));
}
$load1 = (float) explode(' ', $load_before)[0];
if ($cpus && $load1 > $cpus) {
	$lines[] = '';
	$lines[] = "warning: the load average was $load1 on $cpus CPUs at the start: other work skews these figures";
}
echo implode("\n", $lines), "\n";

@mkdir("$root/bench/results", 0777, true);
$json = [
	'benchmark' => 'fpm',
	'stamp' => $stamp,
	'date' => date('c'),
	'command' => trim('bench/fpm/run ' . implode(' ', array_slice($argv, 1))),
	'machine' => ['cpus' => $cpus, 'loadavg_start' => $load_before, 'loadavg_end' => $load_after, 'kernel' => php_uname('r')],
	'versions' => [
		'php' => $info['php'] ?? null,
		'localdb' => $info['localdb'] ?? null,
		'php_memcached' => $info['memcached'] ?? null,
		'libmemcached_hex' => $info['libmemcached'] ?? null,
		'memcached_server' => trim(substr(ldb_test_raw($mc, "version\r\n"), 8)),
	],
	'config' => [
		'workers' => WORKERS, 'gets_per_page' => GETS, 'sets_per_page' => 1, 'value_bytes' => VALUE_BYTES,
		'rounds' => $opt['rounds'], 'seconds_per_round' => $opt['duration'],
		'wrk_threads' => $opt['threads'], 'wrk_connections' => $opt['connections'],
		'memcached' => '-t 1', 'extensions' => array_merge($extensions, [$so === realpath("$root/modules/localdb.so") ? 'modules/localdb.so' : basename($so)]),
	],
	'pages' => array_map(fn ($c) => $c[1], $cases),
	'runs' => $runs,
	'median_rps' => $medians,
	'ratio_localdb_to_memcached' => $ratios,
	'median_worker_cpu_us' => $cpu_us,
	'worker_cpu_ratio_localdb_to_memcached' => $cpu_ratios,
	'rss' => $rss,
];
$file = "$root/bench/results/fpm-$stamp.json";
file_put_contents($file, json_encode($json, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
say('wrote bench/results/' . basename($file));
