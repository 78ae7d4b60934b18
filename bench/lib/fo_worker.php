<?php
/*
 * One client's side of the failover benchmark (bench/cases/failover.php): this process
 * loads the client's extension, then forks <workers> workers (pcntl_fork), as PHP-FPM forks
 * its workers after loading the extensions, so LocalDb's workers share its health table.
 * Each worker, from <start> (unix time) for <seconds>, makes a "request" every 10 ms: open a
 * handle, then 10 reads of random keys among 100 the runner wrote; when a request runs
 * late the next one starts at once. One line per request goes to <out>-w<i>.dat:
 *   <start, s after <start>> <latency ms> <wrong reads> <failed reads>
 * wrong: the read returned something other than the stored value (false and null too);
 * failed: the read threw (or could not be made because the open threw). Why each bad read
 * went bad is counted in <out>-w<i>.json.
 *
 *   php <client args> fo_worker.php <client> <first,second> <start> <seconds> <out> [workers]
 */

require_once __DIR__ . '/common.php';
require_once __DIR__ . '/clients.php';

const FO_READS = 10;
const FO_INTERVAL = 0.010;

function fo_reason(string $why): string
{
	/* numbers that differ per request (ports, timings) would split one reason in many */
	return substr(preg_replace('/\d+(\.\d+)?\s*(ms|s)\b/', 'N $2', $why), 0, 160);
}

function fo_worker(string $client, array $servers, float $start, float $seconds, string $out, int $w): void
{
	mt_srand(crc32("$client/$w"));
	$items = bench_fo_items();
	$keys = array_keys($items);
	$c = BenchClient::create($client, 'failover', $servers, 'fo');
	$dat = fopen("$out-w$w.dat", 'w');
	$reasons = [];
	$note = function (string $why) use (&$reasons): void {
		$why = fo_reason($why);
		if (isset($reasons[$why]) || count($reasons) < 30) {
			$reasons[$why] = ($reasons[$why] ?? 0) + 1;
		}
	};
	$end = $start + $seconds;
	$next = $start;
	while (($now = microtime(true)) < $end) {
		if ($next > $now) {
			usleep((int) (($next - $now) * 1e6));
		}
		$t0 = microtime(true);
		$wrong = $failed = 0;
		try {
			$c->open();
			$opened = true;
		} catch (Throwable $e) {
			$note('open: ' . get_class($e) . ' ' . $e->getCode() . ': ' . $e->getMessage());
			$failed = FO_READS;
			$opened = false;
		}
		for ($i = 0; $opened && $i < FO_READS; $i++) {
			$k = $keys[mt_rand(0, count($keys) - 1)];
			try {
				$v = $c->get($k);
				if ($v !== $items[$k]) {
					$wrong++;
					$note('wrong: got ' . get_debug_type($v) . ($v === false || $v === null ? ' (' . $c->why() . ')' : ''));
				}
			} catch (Throwable $e) {
				$failed++;
				$note(get_class($e) . ' ' . $e->getCode() . ': ' . $e->getMessage());
			}
		}
		$t1 = microtime(true);
		fprintf($dat, "%.4f %.3f %d %d\n", $t0 - $start, ($t1 - $t0) * 1000, $wrong, $failed);
		$next += FO_INTERVAL;
		if ($next < $t1) {
			$next = $t1;
		}
	}
	fclose($dat);
	$diag = ['reasons' => $reasons];
	try {
		$c->open();
		$diag['state'] = $c->state();
	} catch (Throwable $e) {
		$diag['state'] = $e->getMessage();
	}
	file_put_contents("$out-w$w.json", json_encode($diag, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
}

function fo_main(array $argv): int
{
	if (count($argv) < 6) {
		fwrite(STDERR, "usage: fo_worker.php <client> <first,second> <start> <seconds> <out> [workers]\n");
		return 2;
	}
	[, $client, $list, $start, $seconds, $out] = $argv;
	$workers = (int) ($argv[6] ?? 4);
	$pids = [];
	for ($w = 0; $w < $workers; $w++) {
		$pid = pcntl_fork();
		if ($pid === -1) {
			fwrite(STDERR, "fork failed\n");
			return 1;
		}
		if ($pid === 0) {
			fo_worker($client, explode(',', $list), (float) $start, (float) $seconds, $out, $w);
			exit(0);
		}
		$pids[] = $pid;
	}
	$rc = 0;
	foreach ($pids as $pid) {
		pcntl_waitpid($pid, $status);
		if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) {
			fwrite(STDERR, "worker $pid ended badly (status $status)\n");
			$rc = 1;
		}
	}
	return $rc;
}

exit(fo_main($argv));
