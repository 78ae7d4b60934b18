--TEST--
FPM + nginx: pages keep answering while the first server is killed (kill -9) and restarted
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

const WORKERS = 4;
const KILL_AT = 300;
const RESTART_AT = 900;
const REQUESTS = 1500;

[$a, $b] = ldb_test_memcached(2);
/* a value both servers hold, as a replicated pair would */
foreach ([$a, $b] as $s) {
	ldb_test_raw($s, "set shared 0 0 6\r\nsame-6\r\n");
}

$page = <<<'PHP'
	<?php
	$i = (int) $_GET['i'];
	$db = new LocalDb();
	$start = $db->server();
	$set = $db->set("k$i", "v$i");
	$got = $db->get("k$i");
	$shared = $db->get('shared');
	$multi = $db->getMulti(["k$i", 'shared']);
	echo getmypid(), ' ', json_encode([$set, $got, $shared, $multi, $start, $db->server()]);
	PHP;

$f = ldb_fpm_start([
	'workers' => WORKERS,
	/* the kill shows as a reset at once; a reply timeout well above scheduling hiccups of a
	 * busy machine keeps a late reply from moving the group before the kill */
	'ini' => ['localdb.servers' => "$a,$b", 'localdb.retry_interval' => '1', 'localdb.timeout' => '3000',
		'localdb.failback' => '0'],
	'pages' => ['page' => $page],
]);

$served = [[], [], []];  /* phase => server => requests sent and answered in that phase */
$bad = [];
$phase = 0;             /* 0: both up, 1: first killed, 2: first restarted */
$sent_in = [];
$path = function (int $i) use ($a, &$phase, &$sent_in) {
	/* called when request $i is about to be sent: others are in flight */
	if ($i === KILL_AT) {
		ldb_test_kill($a, SIGKILL);
		$phase = 1;
	} elseif ($i === RESTART_AT) {
		ldb_test_restart($a);
		$phase = 2;
	}
	$sent_in[$i] = $phase;
	return "/page.php?i=$i";
};
$failed = ldb_http_run($f, REQUESTS, $path, function (int $i, ?array $r) use (&$served, &$bad, &$phase, &$sent_in) {
	if ($r === null || $r['status'] !== 200 || !preg_match('/^\d+ (\[.*\])$/s', $r['body'], $m)
			|| !is_array($j = json_decode($m[1], true)) || count($j) !== 6) {
		$bad[] = "$i: " . ($r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 300));
		return;
	}
	[$set, $got, $shared, $multi, $start, $end] = $j;
	/* b misses every write made to a, so it is flushed before it serves: "shared" may be
	 * gone there, never different */
	$ok = $set === true && in_array($shared, ['same-6', null], true) && in_array($multi['shared'] ?? null, ['same-6', null], true);
	if ($start === $end) {
		$ok = $ok && $got === "v$i" && ($multi["k$i"] ?? null) === "v$i";
	} else {
		/* the page failed over between its set and a read: the key it wrote went to the
		 * server that died (memcached does not replicate), so a miss is right; another
		 * value is not */
		$ok = $ok && in_array($got, ["v$i", null], true) && in_array($multi['k' . $i] ?? null, ["v$i", null], true);
	}
	if (!$ok) {
		$bad[] = "$i: " . substr($r['body'], 0, 300);
		return;
	}
	if ($sent_in[$i] === $phase) {
		$served[$phase][$end] = ($served[$phase][$end] ?? 0) + 1;
	}
}, WORKERS);

echo "requests: ", REQUESTS, ", failed: ", $failed + count($bad), "\n";
foreach (array_slice($bad, 0, 10) as $line) {
	echo "  $line\n";
}
$by = function (int $p) use ($served, $a, $b) {
	return (isset($served[$p][$a]) ? 'a' : '') . (isset($served[$p][$b]) ? 'b' : '');
};
echo "before the kill, served by: ", $by(0), "\n";
echo "after the kill, served by: ", $by(1), "\n";
/* sticky (failback Off, set for this test): the restarted server is empty and stays unused */
echo "after the restart, served by: ", $by(2), "\n";

/* every state change is logged once for the whole pool, not once per worker or request */
$log = ldb_fpm_php_errors($f);
echo "log lines about $a going from up to down: ", preg_match_all('/' . preg_quote($a, '/') . '\W+up\W+down\b/', $log), "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECTF--
requests: 1500, failed: 0
before the kill, served by: a
after the kill, served by: b
after the restart, served by: b
log lines about %s going from up to down: 1
