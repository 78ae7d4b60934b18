<?php
/* bench/session/run: see there. */
require_once __DIR__ . '/../../tests/fpm/fpm.inc';

$quick = in_array('--quick', $argv, true);
$rounds = $quick ? 3 : 5;
$per_round = $quick ? 500 : 2000;
$extdir = ini_get('extension_dir') ?: '/usr/lib/php/' . PHP_EXTENSION_DIR;
$extdir = is_dir('/usr/lib/php/20220829') && !is_file("$extdir/memcached.so") ? '/usr/lib/php/20220829' : $extdir;
foreach (['igbinary', 'msgpack', 'memcached'] as $e) {
	if (!is_file("$extdir/$e.so")) {
		fwrite(STDERR, "bench/session: $extdir/$e.so not found (apt-get install php8.2-memcached)\n");
		exit(1);
	}
}

$page = <<<'PHP'
	<?php
	$h = $_GET['h'];
	ini_set('session.save_handler', $h);
	ini_set('session.save_path', $_GET['servers']);
	session_id($_GET['sid']);
	if (!@session_start()) {
		http_response_code(503);
		exit('no session: ' . (error_get_last()['message'] ?? '?'));
	}
	$_SESSION['n'] = ($_SESSION['n'] ?? 0) + 1;
	echo 'n=', $_SESSION['n'];
	PHP;

function start_fpm(array $ext, string $page): LdbFpm
{
	return ldb_fpm_start([
		'workers' => 4,
		'extensions' => $ext,
		'ini' => [
			'session.use_cookies' => '0', 'session.use_only_cookies' => '0', 'session.cache_limiter' => '',
			'session.use_strict_mode' => '0',
			'localdb.retry_interval' => '1', 'localdb.log_failover' => '0',
			'memcached.sess_locking' => '1', 'memcached.sess_number_of_replicas' => '1',
			'memcached.sess_remove_failed_servers' => '1', 'memcached.sess_consistent_hash' => '1',
			'memcached.sess_binary_protocol' => '1', 'memcached.sess_server_failure_limit' => '1',
		],
		'pages' => ['s' => $page],
	]);
}

function n_of(?array $r): ?int
{
	return $r !== null && $r['status'] === 200 && preg_match('/^n=(\d+)$/', $r['body'], $m) ? (int) $m[1] : null;
}

/* 400 requests, 4 at once, on one session; $kill_at: kill the server holding it then. */
function concurrent(LdbFpm $f, string $h, array $servers, ?int $kill_at = null): array
{
	$n = 400;
	$q = "h=$h&servers=" . urlencode(implode(',', $servers));
	$sid = "b$h" . bin2hex(random_bytes(4));
	$failed = 0;
	$last = 0;
	$key = $h === 'localdb' ? "ldb.sess.$sid" : "memc.sess.key.$sid";
	$fail = ldb_http_run($f, $n, function (int $i) use ($kill_at, $servers, $key, $q, $sid) {
		if ($i === $kill_at) {
			/* the server holding the session (LocalDb: its current one, which holds a copy) */
			foreach ($servers as $s) {
				if (ldb_test_peek($s, $key) !== null) {
					ldb_test_kill($s, SIGKILL);
					break;
				}
			}
		}
		return "/s.php?$q&sid=$sid";
	}, function (int $i, ?array $r) use (&$failed) {
		if (n_of($r) === null) {
			$failed++;
		}
	}, 4);
	/* this last request counts one more; when it fails, the session is gone for good */
	$final = n_of(ldb_http_get($f, "/s.php?$q&sid=$sid"));
	$final = $final === null ? 0 : $final - 1;
	return ['failed' => $failed + $fail, 'lost' => $n - $failed - $fail - $final, 'final' => $final];
}

function pages_per_s(LdbFpm $f, string $h, array $servers, int $n): float
{
	$q = "h=$h&servers=" . urlencode(implode(',', $servers));
	$t = microtime(true);
	$bad = 0;
	$bad += ldb_http_run($f, $n, fn (int $i) => "/s.php?$q&sid=p$h" . ($i % 64), function (int $i, ?array $r) use (&$bad) {
		if (n_of($r) === null) {
			$bad++;
		}
	}, 4);
	return $bad ? 0.0 : $n / (microtime(true) - $t);
}

$ext = ["$extdir/igbinary.so", "$extdir/msgpack.so", "$extdir/memcached.so"];
$out = [];
foreach (['localdb', 'memcached'] as $h) {
	$pair = ldb_test_memcached(2);
	$f = start_fpm($ext, $page);
	$c = concurrent($f, $h, $pair);
	$k = concurrent($f, $h, $pair, 150);
	ldb_fpm_stop($f);
	$out[$h] = ['lost' => $c, 'failover' => $k];
	printf("%-9s 4 clients, 400 requests: %d failed, %d increments lost\n", $h, $c['failed'], $c['lost']);
	printf("%-9s server killed at request 150: %d failed, %d increments lost, session %s (n=%d at the end)\n", $h, $k['failed'], $k['lost'],
		$k['final'] >= 150 ? 'survived' : 'lost', $k['final']);
}

$pair = ldb_test_memcached(2);
$f = start_fpm($ext, $page);
$rates = ['localdb' => [], 'memcached' => []];
for ($r = 0; $r < $rounds; $r++) {
	foreach (['localdb', 'memcached'] as $h) {
		$rates[$h][] = pages_per_s($f, $h, $pair, $per_round);
	}
}
ldb_fpm_stop($f);
$median = function (array $a) { sort($a); return $a[intdiv(count($a), 2)]; };
$l = $median($rates['localdb']);
$m = $median($rates['memcached']);
printf("pages/s (read, increment, write; 4 clients, 64 sessions; median of %d x %d): localdb %.0f, memcached %.0f, ratio %.2f\n",
	$rounds, $per_round, $l, $m, $m > 0 ? $l / $m : 0);
