--TEST--
FPM + nginx: workers recycled by pm.max_requests close their connections
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

const WORKERS = 2;
const MAX_REQUESTS = 25;
const REQUESTS = 400;

[$a] = ldb_test_memcached(1);

$page = <<<'PHP'
	<?php
	$i = (int) $_GET['i'];
	$db = new LocalDb();
	$db->set("k$i", "v$i");
	echo getmypid(), ' ', $db->get("k$i");
	PHP;

$f = ldb_fpm_start([
	'workers' => WORKERS,
	'max_requests' => MAX_REQUESTS,
	'ini' => ['localdb.servers' => $a, 'localdb.timeout' => '3000'],
	'pages' => ['page' => $page],
]);

/* open connections on the server, not counting the stats request itself; polled, since the
 * server sees a closed connection a moment after its process exits */
function open_on(string $server, int $want, float $timeout = 3.0): int
{
	$deadline = microtime(true) + $timeout * ldb_test_time_factor();
	do {
		$n = ldb_test_stat($server, 'curr_connections') - 1;
		if ($n <= $want) {
			return $n;
		}
		usleep(20000);
	} while (microtime(true) < $deadline);
	return $n;
}

$total0 = ldb_test_stat($a, 'total_connections');
$bad = 0;
$pids = [];
$failed = ldb_http_run($f, REQUESTS, fn ($i) => "/page.php?i=$i", function (int $i, ?array $r) use (&$bad, &$pids) {
	if ($r === null || $r['status'] !== 200 || !preg_match("/^(\\d+) v$i\$/", $r['body'], $m)) {
		$bad++;
		return;
	}
	$pids[$m[1]] = true;
}, WORKERS);
echo "requests: ", REQUESTS, ", failed: ", $failed + $bad, "\n";
/* each worker served at most MAX_REQUESTS requests, so at least REQUESTS / MAX_REQUESTS processes served */
echo "worker processes that served: ", count($pids) >= REQUESTS / MAX_REQUESTS ? 'enough' : count($pids), "\n";
/* every new worker opened its own connection... */
$opened = ldb_test_stat($a, 'total_connections') - $total0 - 1;
echo "connections opened: ", $opened >= count($pids) && $opened <= count($pids) + WORKERS ? 'one per worker process' : "$opened for " . count($pids) . ' processes', "\n";
/* ...and the ones that exited closed theirs: only the live workers' are open */
ldb_fpm_wait_workers($f);
$open = open_on($a, WORKERS);
echo "open now: ", $open <= WORKERS ? 'at most one per live worker' : $open, "\n";

ldb_fpm_stop($f);
echo "open after php-fpm stopped: ", open_on($a, 0), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
requests: 400, failed: 0
worker processes that served: enough
connections opened: one per worker process
open now: at most one per live worker
open after php-fpm stopped: 0
