<?php
/*
 * Chaos soak: LocalDb under server faults, from many processes at once.
 *
 *   php -n -d extension=modules/localdb.so tests/soak/soak.php [seconds] [workers]
 *   (scripts/soak builds the extension and runs this; default 60 s, 8 workers)
 *
 * Three memcached (-t 1) form the group; a fourth, the "counter", is never touched by
 * the faults and serves only the workers' incr. The workers are pcntl_fork children of
 * this process (so they share the server health table, as PHP-FPM workers do); each runs
 * set / get / getMulti / delete against the group and incr against the counter until the
 * end. Meanwhile this process injects faults into the group at random: kill -9 (restarted
 * 1-3 s later, empty), SIGSTOP (SIGCONT 1-3 s later) and restart (kill -9 and start at
 * once); at most two servers are faulty at any moment, so one always answers. The last
 * seconds are quiet: no new fault, every server back.
 *
 * Checks (each counted in the last line, "N passed, N failed"; exit 1 on any failure):
 *   - every worker exits by itself with status 0 (no crash, no signal, no hang);
 *   - no wrong answer: every value a worker reads embeds the key it is stored under and a
 *     checksum; a value for another key, a corrupt value or a key not asked is counted;
 *   - no incr counted twice: the counter's final value lies between the sum of the
 *     acknowledged incrs and that sum plus the incrs that ended "outcome unknown";
 *   - no fd leak: a worker's open descriptors stay within its connections and probes
 *     during the run, and at the end;
 *   - recovery: no worker sees a failure later than retry_interval + 1 s after the last
 *     fault, no request fails or fails over after that (the shared health counters do
 *     not move), each worker completes operations then and ends on a server that is up.
 *     A failure while the whole machine stalls (this process slept 150 ms instead of 20:
 *     a busy or virtual host) is reported but not counted: a 200 ms reply timeout then
 *     says nothing about LocalDb;
 *   - all workers end on the same server (the group's current server is shared);
 *   - faults of every kind were injected, and no process is left behind.
 * Every process this starts is killed when it exits (tests/servers.inc: setpriv
 * --pdeathsig and a shutdown function); the run is bounded by [seconds] + about 25 s.
 */

declare(strict_types=1);

require __DIR__ . '/../servers.inc';

const SOAK_RETRY_S = 1;            /* localdb retry_interval */
const SOAK_CONNECT_MS = 100;
const SOAK_TIMEOUT_MS = 200;
const SOAK_KEYS_PER_WORKER = 50;
const SOAK_MAX_FAULTY = 2;         /* of 3: one server always answers */
const SOAK_FAULT_MIN_S = 1.0;      /* a stopped or killed server comes back after 1-3 s */
const SOAK_FAULT_MAX_S = 3.0;
const SOAK_COUNTER_KEY = 'soak:counter';
const SOAK_STALL_S = 0.15;         /* a 20 ms sleep that lasts this long: the machine stalled */

if (!extension_loaded('localdb')) {
	fwrite(STDERR, "soak: the localdb extension is not loaded (php -d extension=.../localdb.so)\n");
	exit(2);
}
if (!function_exists('pcntl_fork')) {
	fwrite(STDERR, "soak: pcntl is needed (built into Debian's php-cli)\n");
	exit(2);
}
if (ldb_test_memcached_binary() === null) {
	fwrite(STDERR, "soak: memcached not found on PATH\n");
	exit(2);
}

$duration = (int) ($argv[1] ?? 60);
$nworkers = (int) ($argv[2] ?? 8);
if ($duration < 20 || $duration > 86400 || $nworkers < 1 || $nworkers > 64) {
	fwrite(STDERR, "usage: soak.php [seconds >= 20] [workers 1..64]\n");
	exit(2);
}
/* quiet end: the longest fault heals (3 s), then retry_interval + 1 s to recover, then margin */
$quiet = SOAK_FAULT_MAX_S + SOAK_RETRY_S + 1 + 3;

/* ---------------------------------------------------------------- values */

/* A value for $key that can be checked on its own: it names its key and carries a checksum.
 * Mostly strings (some long enough to be compressed), sometimes arrays (serialized). */
function soak_value(string $key, int $seq)
{
	$len = mt_rand(0, 9) < 7 ? mt_rand(1, 200) : mt_rand(2000, 6000);
	$pad = substr(str_repeat(md5($key . $seq), intdiv($len, 32) + 1), 0, $len);
	$sum = hash('crc32b', "$key|$seq|$pad");
	if (mt_rand(0, 9) === 0) {
		return ['key' => $key, 'seq' => $seq, 'pad' => $pad, 'sum' => $sum];
	}
	return "$key|$seq|$pad|$sum";
}

/* '' when $value is a correct value for $key, else what is wrong with it. */
function soak_check($key, $value): string
{
	if (is_array($value)) {
		if (!isset($value['key'], $value['seq'], $value['pad'], $value['sum'])) {
			return 'array without its fields';
		}
		if ($value['key'] !== $key) {
			return "value of key {$value['key']}";
		}
		return hash('crc32b', "{$value['key']}|{$value['seq']}|{$value['pad']}") === $value['sum'] ? '' : 'bad checksum (array)';
	}
	if (!is_string($value)) {
		return 'unexpected type ' . get_debug_type($value);
	}
	$parts = explode('|', $value);
	if (count($parts) !== 4) {
		return 'malformed value (' . strlen($value) . ' bytes)';
	}
	[$k, $seq, $pad, $sum] = $parts;
	if ($k !== $key) {
		return "value of key $k";
	}
	return hash('crc32b', "$k|$seq|$pad") === $sum ? '' : 'bad checksum';
}

function soak_fd_count(): int
{
	return count(scandir('/proc/self/fd')) - 2;
}

/* ---------------------------------------------------------------- worker */

function soak_worker(int $id, array $group, string $counter, float $end, string $out): int
{
	mt_srand(getmypid() ^ (int) (microtime(true) * 1e6));
	$opts = ['retry_interval' => SOAK_RETRY_S, 'connect_timeout' => SOAK_CONNECT_MS, 'timeout' => SOAK_TIMEOUT_MS,
		'exceptions' => true, 'failback' => false, 'persistent' => true];
	$fd_start = soak_fd_count();
	$db = new LocalDb($group, $opts);
	$cn = new LocalDb([$counter], $opts);
	/* one connection and one probe socket at most per server of each group */
	$fd_bound = 2 * (count($group) + 1);
	$r = [
		'id' => $id, 'pid' => getmypid(), 'ops' => ['set' => 0, 'get' => 0, 'getMulti' => 0, 'delete' => 0, 'group incr' => 0, 'incr' => 0],
		'checked' => 0, 'hits' => 0, 'wrong' => 0, 'wrong_samples' => [], 'failures' => [], 'last_failure' => 0.0,
		'incr_acked' => 0, 'incr_unknown' => 0, 'incr_unknown_ops' => 0, 'incr_failed' => 0, 'incr_failures' => [],
		'fd_start' => $fd_start, 'fd_max_extra' => 0, 'fd_end' => 0, 'fd_end_bound' => 0, 'fd_bound' => $fd_bound,
		'ops_times' => [], 'slow_ops' => [], 'max_op_ms' => 0.0, 'server' => '', 'server_state' => '',
	];
	$seq = 0;
	$n = 0;
	$last_op = '';
	$wrong = function (string $key, string $what) use (&$r) {
		$r['wrong']++;
		if (count($r['wrong_samples']) < 5) {
			$r['wrong_samples'][] = "$key: $what";
		}
	};
	while (($now = microtime(true)) < $end) {
		$dice = mt_rand(0, 99);
		$t0 = microtime(true);
		try {
			if ($dice < 30) {
				$key = sprintf('w%d:k%d', $id, mt_rand(0, SOAK_KEYS_PER_WORKER - 1));
				$r['ops']['set']++; $last_op = 'set';
				if ($db->set($key, soak_value($key, ++$seq)) !== true) {
					$r['last_failure'] = microtime(true);
					$r['failures']['set false'] = ($r['failures']['set false'] ?? 0) + 1;
				}
			} elseif ($dice < 60) {
				/* any worker's key: values written by others are checked too */
				$key = sprintf('w%d:k%d', mt_rand(0, 7), mt_rand(0, SOAK_KEYS_PER_WORKER - 1));
				$r['ops']['get']++; $last_op = 'get';
				$v = $db->get($key);
				if ($v !== null) {
					$r['checked']++;
					$r['hits']++;
					if (($why = soak_check($key, $v)) !== '') {
						$wrong($key, $why);
					}
				}
			} elseif ($dice < 80) {
				$keys = [];
				for ($i = mt_rand(2, 12); $i > 0; $i--) {
					$keys[] = sprintf('w%d:k%d', mt_rand(0, 7), mt_rand(0, SOAK_KEYS_PER_WORKER - 1));
				}
				$r['ops']['getMulti']++; $last_op = 'getMulti';
				$got = $db->getMulti($keys);
				foreach ($got as $k => $v) {
					$r['checked']++;
					$r['hits']++;
					if (!in_array((string) $k, $keys, true)) {
						$wrong((string) $k, 'key not asked for');
					} elseif (($why = soak_check((string) $k, $v)) !== '') {
						$wrong((string) $k, $why);
					}
				}
			} elseif ($dice < 84) {
				$key = sprintf('w%d:k%d', $id, mt_rand(0, SOAK_KEYS_PER_WORKER - 1));
				$r['ops']['delete']++; $last_op = 'delete';
				$db->delete($key);
			} elseif ($dice < 88) {
				/* incr on the group too: not replayed when its reply is lost, so it may end
				 * "outcome unknown" (counted as a failure, checked for recovery only) */
				$key = sprintf('w%d:n', $id);
				$r['ops']['group incr']++; $last_op = 'group incr';
				$v = $db->incr($key, 1);
				if ($v === false) {
					$db->add($key, 0);
				} elseif (!is_int($v)) {
					$wrong($key, 'incr returned ' . get_debug_type($v));
				}
			} else {
				$by = mt_rand(1, 5);
				$r['ops']['incr']++; $last_op = 'incr';
				try {
					$v = $cn->incr(SOAK_COUNTER_KEY, $by);
					if (is_int($v)) {
						$r['incr_acked'] += $by;
					} else {
						$r['incr_failed']++;
						$r['incr_failures'][] = 'incr returned ' . var_export($v, true);
					}
				} catch (LocalDbException $e) {
					if ($e->getCode() === LocalDbException::OUTCOME_UNKNOWN) {
						$r['incr_unknown'] += $by;
						$r['incr_unknown_ops']++;
					} else {
						$r['incr_failed']++;
					}
					if (count($r['incr_failures']) < 5) {
						$r['incr_failures'][] = sprintf('%.3f code %d: %s', microtime(true), $e->getCode(), $e->getMessage());
					}
				}
			}
		} catch (LocalDbException $e) {
			$r['last_failure'] = microtime(true);
			$code = $e->getCode();
			$r['failures'][$code] = ($r['failures'][$code] ?? 0) + 1;
		}
		$ms = (microtime(true) - $t0) * 1000;
		$r['max_op_ms'] = max($r['max_op_ms'], $ms);
		$r['ops_times'][] = [round($t0, 3), round($ms, 1)];
		if ($ms > SOAK_TIMEOUT_MS) {
			$r['slow_ops'][] = sprintf('%.3f %s %.0f ms, now on %s', $t0, $last_op, $ms, $db->server());
			$r['slow_ops'] = array_slice($r['slow_ops'], -10);
		}
		if (count($r['ops_times']) > 20000) {
			/* keep the recent ones: the recovery check looks at the end */
			$r['ops_times'] = array_slice($r['ops_times'], -10000);
		}
		if (++$n % 100 === 0) {
			$r['fd_max_extra'] = max($r['fd_max_extra'], soak_fd_count() - $fd_start);
		}
		/* leave the servers some CPU: 2 cores run everything */
		usleep(mt_rand(500, 2500));
	}
	$connected = 0;
	$not_up = 0;
	foreach ([$db, $cn] as $h) {
		foreach ($h->servers() as $s) {
			$connected += $s['connected'] ? 1 : 0;
			$not_up += $s['state'] !== 'up' ? 1 : 0;
			if ($h === $db && $s['current']) {
				$r['server_state'] = $s['state'];
			}
		}
	}
	$r['server'] = $db->server();
	$r['fd_end'] = soak_fd_count() - $fd_start;
	$r['fd_end_bound'] = $connected + $not_up;
	$r['fd_max_extra'] = max($r['fd_max_extra'], $r['fd_end']);
	file_put_contents($out, json_encode($r));
	return 0;
}

/* ---------------------------------------------------------------- controller */

$tmp = sys_get_temp_dir() . '/localdb-soak-' . getmypid();
@mkdir($tmp, 0700);
$logfile = "$tmp/failover.log";
ini_set('log_errors', '1');
ini_set('error_log', $logfile);
ini_set('display_errors', 'stderr');
$controller = getmypid();
register_shutdown_function(function () use ($tmp, $controller) {
	/* the workers inherit this function: only the controller cleans up */
	if (getmypid() !== $controller) {
		return;
	}
	foreach (glob("$tmp/*") ?: [] as $f) {
		@unlink($f);
	}
	@rmdir($tmp);
});

$t_start = microtime(true);
$group = ldb_test_memcached(3);
[$counter] = ldb_test_memcached(1);
$raw = ldb_test_raw($counter, "set " . SOAK_COUNTER_KEY . " 0 0 1\r\n0\r\n");
if (trim($raw) !== 'STORED') {
	fwrite(STDERR, "soak: cannot initialise the counter: $raw\n");
	exit(1);
}

printf("soak: %d s, %d workers, group %s, counter %s\n", $duration, $nworkers, implode(',', $group), $counter);
printf("soak: retry_interval %d s, connect_timeout %d ms, timeout %d ms; faults until the last %d s\n",
	SOAK_RETRY_S, SOAK_CONNECT_MS, SOAK_TIMEOUT_MS, $quiet);

/* the controller sends no request; it reads the health table it shares with the workers */
$watch = new LocalDb($group, ['retry_interval' => SOAK_RETRY_S, 'connect_timeout' => SOAK_CONNECT_MS,
	'timeout' => SOAK_TIMEOUT_MS, 'log_failover' => false]);
/* failures that requests saw (probes are counted apart), and failovers, over the group */
$request_failures = function () use ($watch): int {
	$n = 0;
	foreach ($watch->servers() as $s) {
		$n += $s['connect_failures'] + $s['io_failures'] + $s['server_errors'] + $s['failovers'];
	}
	return $n;
};
$t0 = microtime(true);
$end = $t0 + $duration;
$fault_end = $end - $quiet;
$workers = [];
for ($i = 0; $i < $nworkers; $i++) {
	$pid = pcntl_fork();
	if ($pid === -1) {
		fwrite(STDERR, "soak: fork failed\n");
		exit(1);
	}
	if ($pid === 0) {
		/* the servers belong to the controller: a worker's exit must not stop them */
		LdbTestState::$servers = [];
		LdbTestState::$retired = [];
		LdbTestState::$files = [];
		$rc = 1;
		try {
			$rc = soak_worker($i, $group, $counter, $end, "$tmp/worker-$i.json");
		} catch (Throwable $e) {
			fwrite(STDERR, "soak: worker $i: " . get_class($e) . ': ' . $e->getMessage() . "\n");
		}
		exit($rc);
	}
	$workers[$pid] = $i;
}
$worker_pids = array_keys($workers);

/* faults: [server => ['kind' => stop|kill, 'until' => time]] */
$faulty = [];
$faults = ['kill' => 0, 'stop' => 0, 'restart' => 0];
$t_last_fault = 0.0;
$next = $t0 + 1.0;
$exits = [];
$rand_between = fn (float $a, float $b): float => $a + (mt_rand() / mt_getrandmax()) * ($b - $a);

$events = [];
$heal = function (string $s) use (&$faulty, &$events) {
	if ($faulty[$s]['kind'] === 'stop') {
		ldb_test_kill($s, SIGCONT);
		$events[] = [microtime(true), "SIGCONT $s"];
	} else {
		ldb_test_restart($s);
		$events[] = [microtime(true), "started $s again"];
	}
	unset($faulty[$s]);
};

$reap = function () use (&$workers, &$exits) {
	while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
		if (isset($workers[$pid])) {
			$exits[$workers[$pid]] = pcntl_wifsignaled($status) ? ['signal', pcntl_wtermsig($status)]
				: ['exit', pcntl_wexitstatus($status)];
			unset($workers[$pid]);
		}
	}
};

$controller_error = null;
$stalls = [];
$calm_from = null;
$calm_failures = 0;
try {
while (($now = microtime(true)) < $end && $workers) {
	foreach ($faulty as $s => $f) {
		if ($now >= $f['until']) {
			$heal($s);
		}
	}
	if ($now < $fault_end && $now >= $next) {
		$healthy = array_values(array_diff($group, array_keys($faulty)));
		if (count($faulty) < SOAK_MAX_FAULTY && $healthy) {
			$s = $healthy[mt_rand(0, count($healthy) - 1)];
			$kind = ['kill', 'stop', 'restart'][mt_rand(0, 2)];
			$faults[$kind]++;
			if ($kind === 'restart') {
				ldb_test_restart($s);
			} else {
				ldb_test_kill($s, $kind === 'kill' ? SIGKILL : SIGSTOP);
				$faulty[$s] = ['kind' => $kind, 'until' => microtime(true) + $rand_between(SOAK_FAULT_MIN_S, SOAK_FAULT_MAX_S)];
			}
			$t_last_fault = microtime(true);
			$events[] = [$t_last_fault, "$kind $s"];
		}
		$next = microtime(true) + $rand_between(0.3, 1.5);
	}
	if ($calm_from === null && $now >= $fault_end && $now >= $t_last_fault + SOAK_RETRY_S + 1) {
		$calm_from = $now;
		$calm_failures = $request_failures();
	}
	$reap();
	$before = microtime(true);
	usleep(20000);
	$after = microtime(true);
	/* slept far longer than asked: the whole machine stalled (a busy or virtual host);
	 * a reply timeout then says nothing about LocalDb */
	if ($after - $before > SOAK_STALL_S) {
		$stalls[] = [$before, $after];
	}
}
/* heals that were due after the end (only if the run was cut short) */
foreach (array_keys($faulty) as $s) {
	$heal($s);
}
} catch (Throwable $e) {
	/* a server that would not start again: report it, still collect the workers */
	$controller_error = get_class($e) . ': ' . $e->getMessage();
	fwrite(STDERR, "soak: controller: $controller_error\n");
}

/* workers stop by themselves at $end; a worker still running 15 s later hangs */
$hang_deadline = $end + 15 * ldb_test_time_factor();
while ($workers && microtime(true) < $hang_deadline) {
	$reap();
	usleep(20000);
}
foreach ($workers as $pid => $i) {
	/* no posix_kill() under -n: kill(1); a SIGKILLed child is reaped at once */
	$k = proc_open(['kill', '-9', (string) $pid], [], $pipes);
	if (is_resource($k)) {
		proc_close($k);
	}
	pcntl_waitpid($pid, $status);
	$exits[$i] = ['hang', 0];
}

$counter_value = ldb_test_peek($counter, SOAK_COUNTER_KEY);
$calm_extra = $calm_from === null ? -1 : $request_failures() - $calm_failures;

/* ---------------------------------------------------------------- report */

$pass = 0;
$fail = 0;
$check = function (bool $ok, string $what) use (&$pass, &$fail) {
	printf("%s  %s\n", $ok ? 'ok    ' : 'FAILED', $what);
	$ok ? $pass++ : $fail++;
};

$results = [];
for ($i = 0; $i < $nworkers; $i++) {
	$f = "$tmp/worker-$i.json";
	$results[$i] = is_file($f) ? json_decode((string) file_get_contents($f), true) : null;
}

$ops = ['set' => 0, 'get' => 0, 'getMulti' => 0, 'delete' => 0, 'group incr' => 0, 'incr' => 0];
$checked = $hits = $wrong = $acked = $unknown = $unknown_ops = $incr_failed = 0;
$failures = [];
$crashes = $leaks = 0;
$max_op_ms = 0.0;
foreach ($results as $r) {
	if ($r === null) {
		continue;
	}
	foreach ($r['ops'] as $k => $v) {
		$ops[$k] += $v;
	}
	$checked += $r['checked'];
	$wrong += $r['wrong'];
	$acked += $r['incr_acked'];
	$unknown += $r['incr_unknown'];
	$unknown_ops += $r['incr_unknown_ops'];
	$incr_failed += $r['incr_failed'];
	$max_op_ms = max($max_op_ms, $r['max_op_ms']);
	foreach ($r['failures'] as $code => $c) {
		$failures[$code] = ($failures[$code] ?? 0) + $c;
	}
}

$codes = [LocalDbException::NO_SERVER => 'no server', LocalDbException::OUTCOME_UNKNOWN => 'outcome unknown',
	LocalDbException::SERVER_ERROR => 'server error', LocalDbException::BAD_VALUE => 'bad value'];
$fail_text = [];
foreach ($failures as $code => $c) {
	$fail_text[] = ($codes[$code] ?? "code $code") . " $c";
}
printf("\nfaults injected: kill %d, stop %d, restart %d (%d in all); last fault at %.1f s of %d\n",
	$faults['kill'], $faults['stop'], $faults['restart'], array_sum($faults), $t_last_fault - $t0, $duration);
printf("operations: set %d, get %d, getMulti %d, delete %d, incr %d on the group and %d on the counter (%d in all); values checked %d\n",
	$ops['set'], $ops['get'], $ops['getMulti'], $ops['delete'], $ops['group incr'], $ops['incr'], array_sum($ops), $checked);
printf("failed group operations during faults: %s; slowest operation %.0f ms\n",
	$fail_text ? implode(', ', $fail_text) : 'none', $max_op_ms);
printf("state changes logged: %d; machine stalls seen by the controller: %d%s\n\n", count(@file($logfile) ?: []), count($stalls),
	$stalls ? sprintf(' (longest %.0f ms)', 1000 * max(array_map(fn ($st) => $st[1] - $st[0], $stalls))) : '');

/* 1. no crash: every worker exited 0 by itself */
foreach ($exits as $i => [$how, $n]) {
	if ($how !== 'exit' || $n !== 0) {
		$crashes++;
	}
}
$crashes += $nworkers - count($exits);
$check($crashes === 0 && count(array_filter($results)) === $nworkers,
	sprintf('crashes: %d (%d workers, each exited 0 with its results)', $crashes, $nworkers));
foreach ($exits as $i => [$how, $n]) {
	if ($how !== 'exit' || $n !== 0) {
		printf("        worker %d: %s %d\n", $i, $how, $n);
	}
}

/* 2. no wrong answer */
$check($wrong === 0 && $checked > 0, sprintf('wrong answers: %d (of %d values read)', $wrong, $checked));
foreach ($results as $r) {
	foreach ($r['wrong_samples'] ?? [] as $w) {
		printf("        worker %d: %s\n", $r['id'], $w);
	}
}

/* 3. incr never counted twice */
$cv = $counter_value === null ? -1 : (int) $counter_value;
$double = $cv < 0 ? -1 : max(0, $cv - $acked - $unknown);
$check($cv >= 0 && $double === 0 && $cv >= $acked && $acked > 0,
	sprintf('double-counted incrs: %d (counter %s; acknowledged %d, outcome unknown %d in %d incrs, failed %d)',
		$double, $counter_value ?? 'missing', $acked, $unknown, $unknown_ops, $incr_failed));
foreach ($results as $r) {
	foreach (array_slice($r['incr_failures'] ?? [], 0, 2) as $w) {
		printf("        worker %d, counter: %s\n", $r['id'], $w);
	}
}
if ($cv >= 0 && $cv < $acked) {
	printf("        %d acknowledged increments are missing from the counter\n", $acked - $cv);
}

/* 4. no fd leak */
foreach ($results as $r) {
	if ($r === null) {
		continue;
	}
	if ($r['fd_max_extra'] > $r['fd_bound'] || $r['fd_end'] > $r['fd_end_bound']) {
		$leaks++;
		printf("        worker %d: %d descriptors more than at start at most (bound %d), %d at the end (bound %d)\n",
			$r['id'], $r['fd_max_extra'], $r['fd_bound'], $r['fd_end'], $r['fd_end_bound']);
	}
}
$check($leaks === 0 && count(array_filter($results)) === $nworkers, sprintf('fd leaks: %d', $leaks));

/* 5. recovery after the last fault */
$deadline = $t_last_fault + SOAK_RETRY_S + 1;
/* whether t falls in (or just after: the replies it delayed time out later) a stall */
$stalled_near = function (float $t) use ($stalls): bool {
	foreach ($stalls as [$a, $b]) {
		if ($t >= $a - 0.1 && $t <= $b + 2 * SOAK_TIMEOUT_MS / 1000 + 0.5) {
			return true;
		}
	}
	return false;
};
$calm_stalls = array_filter($stalls, fn ($st) => $calm_from !== null && $st[1] >= $calm_from);
$excused = [];
$late = [];
$stuck = [];
$worst = 0.0;
$slowest_after = 0.0;
foreach ($results as $r) {
	if ($r === null) {
		continue;
	}
	$recent = array_filter($r['ops_times'], fn ($t) => $t[0] > $deadline);
	$after = count($recent);
	$slow = $recent ? max(array_column($recent, 1)) : 0.0;
	$slowest_after = max($slowest_after, $slow);

	if ($r['last_failure'] > $deadline) {
		if ($stalled_near($r['last_failure'])) {
			$excused[] = sprintf('worker %d failed %.2f s after the last fault, during a machine stall', $r['id'], $r['last_failure'] - $t_last_fault);
		} else {
			$late[] = sprintf('worker %d failed %.2f s after the last fault', $r['id'], $r['last_failure'] - $t_last_fault);
		}
	}
	if ($after === 0 || $r['server_state'] !== 'up') {
		$stuck[] = sprintf('worker %d: %d operations after recovery, on %s (%s)', $r['id'], $after, $r['server'], $r['server_state']);
	}
	if ($r['last_failure'] > $t_last_fault) {
		$worst = max($worst, $r['last_failure'] - $t_last_fault);
	}
}
if ($calm_extra !== 0) {
	if ($calm_from === null) {
		$late[] = 'the run ended before the faults had calmed down';
	} elseif ($calm_stalls) {
		$excused[] = sprintf('requests failed or failed over %d times after recovery, while the machine stalled %d times (longest %.0f ms)',
			$calm_extra, count($calm_stalls), 1000 * max(array_map(fn ($st) => $st[1] - $st[0], $calm_stalls)));
	} else {
		$late[] = sprintf('requests failed or failed over %d times in the last %.1f s, after recovery', $calm_extra, $end - $calm_from);
	}
}
$check($t_last_fault > 0 && !$late && !$stuck && count(array_filter($results)) === $nworkers,
	sprintf('recovery: every worker back on a healthy server within %d s of the last fault, and no request failing or failing over after that (last failure seen %.2f s after the fault; slowest operation after recovery %.0f ms)',
		SOAK_RETRY_S + 1, $worst, $slowest_after));
foreach (array_merge($late, $stuck) as $l) {
	printf("        %s\n", $l);
}
foreach ($excused as $l) {
	printf("        not counted: %s\n", $l);
}
if ($late || $stuck) {
	/* what happened around the end, to tell why */
	foreach ($events as [$t, $what]) {
		if ($t > $t_last_fault - 5) {
			printf("        %.3f (%+.2f s) %s\n", $t, $t - $t_last_fault, $what);
		}
	}
	foreach ($results as $r) {
		foreach (array_slice($r['slow_ops'] ?? [], -3) as $l) {
			printf("        worker %d slow: %s\n", $r['id'], $l);
		}
	}
	foreach (array_slice(@file($logfile, FILE_IGNORE_NEW_LINES) ?: [], -12) as $l) {
		printf("        log: %s\n", $l);
	}
}

/* 6. one current server for all */
$ends = array_unique(array_map(fn ($r) => $r['server'] ?? '?', array_filter($results)));
$check(count($ends) === 1, 'all workers end on the same server: ' . implode(', ', $ends));

/* 7. the soak did what it says */
$check($faults['kill'] > 0 && $faults['stop'] > 0 && $faults['restart'] > 0 && $controller_error === null,
	'faults of every kind injected' . ($controller_error === null ? '' : " (controller stopped: $controller_error)"));

/* 8. nothing left behind: stop the servers, then look for them and the workers */
ldb_test_stop_all();
$left = [];
foreach (array_merge(array_column(LdbTestState::$retired, 'pid'), $worker_pids) as $pid) {
	if (is_dir("/proc/$pid") && !str_contains((string) @file_get_contents("/proc/$pid/stat"), ') Z ')) {
		$left[] = $pid;
	}
}
$check(!$left, 'no process left behind' . ($left ? ': ' . implode(' ', $left) : ''));

printf("\nsoak summary: faults %d (kill %d, stop %d, restart %d), operations checked %d, wrong answers %d, double-counted incrs %d, fd leaks %d, crashes %d (%.0f s)\n",
	array_sum($faults), $faults['kill'], $faults['stop'], $faults['restart'], array_sum($ops), $wrong, max(0, $double), $leaks, $crashes,
	microtime(true) - $t_start);
printf("%d passed, %d failed\n", $pass, $fail);
exit($fail === 0 ? 0 : 1);
