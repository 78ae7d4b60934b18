<?php
/*
 * Shared parts of the benchmark runner: test data, statistics, child processes, and the
 * servers (started through the test harness, tests/servers.inc, so that the benchmarks and
 * the tests talk to memcached started the same way: -t 1 -U 0 on a free loopback port).
 * Runs under php -n: only what PHP always has.
 */

require_once __DIR__ . '/../../tests/servers.inc';

const BENCH_ROOT = __DIR__ . '/..';

/* A deterministic value of $size bytes for $seed: printable, and not compressible to
 * nothing (it matters only for the "defaults" cases, where clients compress). */
function bench_value(int $size, int|string $seed): string
{
	$out = '';
	$block = (string) $seed;
	while (strlen($out) < $size) {
		$block = md5($block);
		$out .= $block . ' ';
	}
	return substr($out, 0, $size);
}

/* Text of $size bytes that compresses the way page fragments do (words repeat). */
function bench_text(int $size, int $seed): string
{
	static $words = ['the', 'server', 'value', 'request', 'cache', 'page', 'user', 'session', 'item',
		'list', 'failover', 'group', 'price', 'title', 'name', 'and', 'of', 'to', '<div>', '</div>'];
	$out = '';
	$x = $seed * 2654435761 % 4294967296;
	while (strlen($out) < $size) {
		$x = ($x * 1103515245 + 12345) % 2147483648;
		$out .= $words[$x % count($words)] . ' ';
	}
	return substr($out, 0, $size);
}

/* The 100 keys of the failover benchmark and their values (written as plain strings). */
function bench_fo_items(): array
{
	$items = [];
	for ($i = 0; $i < 100; $i++) {
		$items["fo:$i"] = bench_value(64, "fo$i");
	}
	return $items;
}

function bench_median(array $xs): float
{
	if ($xs === []) {
		return NAN;
	}
	sort($xs);
	$n = count($xs);
	return $n % 2 ? (float) $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2.0;
}

/* Nearest-rank percentile of a list (sorted here), $p in 0..100. */
function bench_percentile(array $xs, float $p): float
{
	if ($xs === []) {
		return NAN;
	}
	sort($xs);
	$rank = (int) ceil($p / 100 * count($xs));
	return (float) $xs[max(0, min(count($xs) - 1, $rank - 1))];
}

function bench_log(string $msg): void
{
	fwrite(STDERR, sprintf("[%s] %s\n", date('H:i:s'), $msg));
}

/* A process started with a pipe on stdin and stdout, stderr to a log file; the kernel kills
 * it when the runner dies (setpriv --pdeathsig), like the harness's servers. */
final class BenchProc
{
	/** @var resource */
	public $proc;
	/** @var array<int, resource> */
	public array $pipes = [];
	public int $pid;

	public function __construct(array $cmd, public readonly string $log, ?array $env = null)
	{
		if (is_executable('/usr/bin/setpriv')) {
			$cmd = array_merge(['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--'], $cmd);
		}
		$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'a']], $this->pipes, null, $env);
		if (!is_resource($proc)) {
			throw new RuntimeException('cannot start ' . implode(' ', $cmd));
		}
		$this->proc = $proc;
		$this->pid = proc_get_status($proc)['pid'];
	}

	/* Send one JSON line and wait (at most $timeout s) for the one-line JSON answer. */
	public function call(array $msg, float $timeout = 120.0): array
	{
		fwrite($this->pipes[0], json_encode($msg) . "\n");
		$line = $this->readLine($timeout);
		$reply = json_decode($line, true);
		if (!is_array($reply)) {
			throw new RuntimeException("worker {$this->pid} answered " . var_export($line, true) . ' (log: ' . $this->tail() . ')');
		}
		return $reply;
	}

	public function readLine(float $timeout): string
	{
		$deadline = microtime(true) + $timeout;
		$line = '';
		while (!str_ends_with($line, "\n")) {
			$left = $deadline - microtime(true);
			if ($left <= 0) {
				throw new RuntimeException("worker {$this->pid}: no answer in {$timeout} s (log: " . $this->tail() . ')');
			}
			$r = [$this->pipes[1]];
			$w = $e = null;
			if (@stream_select($r, $w, $e, (int) $left, (int) (fmod($left, 1.0) * 1e6)) > 0) {
				$chunk = fgets($this->pipes[1]);
				if ($chunk === false) {
					throw new RuntimeException("worker {$this->pid} exited (log: " . $this->tail() . ')');
				}
				$line .= $chunk;
			}
		}
		return $line;
	}

	public function tail(): string
	{
		$log = (string) @file_get_contents($this->log);
		return trim(substr($log, -600)) ?: 'empty';
	}

	/* Wait for the process to exit by itself for $timeout s, then kill it. Exit code. */
	public function finish(float $timeout = 10.0): int
	{
		foreach ($this->pipes as $p) {
			if (is_resource($p)) {
				fclose($p);
			}
		}
		if (!ldb_test_wait_exit($this->proc, $timeout, $status)) {
			proc_terminate($this->proc, SIGKILL);
			ldb_test_wait_exit($this->proc, 5.0, $status);
			return 137;
		}
		return $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'];
	}
}

/* The command line of a PHP process of $client running $script with $args. */
function bench_client_cmd(string $client, string $so, string $script, array $args = []): array
{
	require_once __DIR__ . '/clients.php';
	return array_merge([PHP_BINARY], bench_client_php_args($client, $so), [$script], array_map('strval', $args));
}

/* Write $items (key => string) to a server with plain `set` commands, flags 0: every client
 * reads a flags-0 item as a string. */
function bench_raw_fill(string $server, array $items): void
{
	$s = @stream_socket_client(ldb_test_uri($server), $errno, $errstr, 2.0);
	if ($s === false) {
		throw new RuntimeException("cannot connect to $server: $errstr");
	}
	stream_set_timeout($s, 5);
	$buf = '';
	foreach ($items as $k => $v) {
		$buf .= "set $k 0 0 " . strlen($v) . "\r\n$v\r\n";
	}
	fwrite($s, $buf);
	$want = count($items);
	$got = '';
	while (substr_count($got, "\r\n") < $want) {
		$chunk = fread($s, 65536);
		if ($chunk === '' || $chunk === false) {
			throw new RuntimeException("$server closed the connection while being filled");
		}
		$got .= $chunk;
	}
	fclose($s);
	if (substr_count($got, "STORED\r\n") !== $want) {
		throw new RuntimeException("$server did not store every item: " . substr($got, 0, 200));
	}
}

/* What the machine is, for the results file and the README. */
function bench_machine(): array
{
	$cpu = 'unknown';
	if (preg_match('/^model name\s*:\s*(.+)$/m', (string) @file_get_contents('/proc/cpuinfo'), $m)) {
		$cpu = trim($m[1]);
	}
	$mem = 0;
	if (preg_match('/^MemTotal:\s+(\d+)/m', (string) @file_get_contents('/proc/meminfo'), $m)) {
		$mem = (int) round($m[1] / 1024 / 1024);
	}
	$os = 'unknown';
	if (preg_match('/^PRETTY_NAME="?([^"\n]+)/m', (string) @file_get_contents('/etc/os-release'), $m)) {
		$os = $m[1];
	}
	$mc = trim((string) @shell_exec('memcached -V 2>/dev/null'));
	$pkg = function (string $name): ?string {
		$v = trim((string) @shell_exec('dpkg-query -W -f=\'${Version}\' ' . escapeshellarg($name) . ' 2>/dev/null'));
		return $v === '' ? null : $v;
	};
	return [
		'cpu' => $cpu,
		'cores' => (int) trim((string) @shell_exec('nproc 2>/dev/null')) ?: null,
		'memory_gb' => $mem,
		'os' => $os,
		'kernel' => php_uname('r'),
		'php' => PHP_VERSION,
		'memcached_server' => $mc,
		'valgrind' => trim((string) @shell_exec('valgrind --version 2>/dev/null')),
		'libmemcached' => $pkg('libmemcached11'),
		'packages' => [
			'php8.2-memcached' => $pkg('php8.2-memcached'),
			'php8.2-memcache' => $pkg('php8.2-memcache'),
		],
	];
}

/* The 1, 5 and 15 minute load averages: other work on the machine skews the timings (not
 * the instruction counts), so every run records them. */
function bench_loadavg(): string
{
	return implode(' ', array_slice(explode(' ', (string) @file_get_contents('/proc/loadavg')), 0, 3));
}
