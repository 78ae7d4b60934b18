--TEST--
FPM + nginx: 2,400 requests configured by php.ini alone; each worker keeps one connection
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(true); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

const WORKERS = 4;
const REQUESTS = 2400;

[$a, $b] = ldb_test_memcached(2);
$shared = 'shared-' . bin2hex(random_bytes(4));
ldb_test_raw($a, "set shared 0 0 " . strlen($shared) . "\r\n$shared\r\n");
ldb_test_raw($a, "set counter 0 0 1\r\n0\r\n");

/* the page names no server and no option: everything comes from the pool's php.ini */
$page = <<<'PHP'
	<?php
	$i = (int) $_GET['i'];
	$db = new LocalDb();
	$key = "req$i";
	$val = ['i' => $i, 'pid' => getmypid(), 'pad' => str_repeat(chr(97 + $i % 26), $i % 300)];
	$set = $db->set($key, $val);
	$back = $db->get($key);
	$multi = $db->getMulti([$key, 'shared', 'missing']);
	$n = $db->incr('counter');
	echo getmypid(), ' ', json_encode([
		'set' => $set,
		'same' => $back === $val,
		'shared' => $db->get('shared'),
		'multi' => array_keys($multi) === [$key, 'shared'] && $multi[$key] === $val,
		'miss' => $db->get("never-$i"),
		'n' => $n,
		'server' => $db->server(),
		'ini' => ini_get('localdb.servers'),
	]);
	PHP;

$f = ldb_fpm_start([
	'workers' => WORKERS,
	/* a reply timeout well above scheduling hiccups of a busy machine: a late reply would
	 * move the group to the second server, which this test does not expect */
	'ini' => ['localdb.servers' => "$a,$b", 'localdb.timeout' => '3000'],
	'pages' => ['rw' => $page],
]);

$before = [$a => ldb_test_stat($a, 'total_connections'), $b => ldb_test_stat($b, 'total_connections')];

$bad = [];
$counts = [];
$pids = [];
$failed = ldb_http_run($f, REQUESTS, fn ($i) => "/rw.php?i=$i", function (int $i, ?array $r) use (&$bad, &$counts, &$pids, $a, $b, $shared) {
	if ($r === null || $r['status'] !== 200 || !preg_match('/^(\d+) (\{.*\})$/s', $r['body'], $m)) {
		$bad[] = "$i: " . ($r === null ? 'no response' : $r['status'] . ' ' . substr($r['body'], 0, 300));
		return;
	}
	$j = json_decode($m[2], true);
	$want = ['set' => true, 'same' => true, 'shared' => $shared, 'multi' => true, 'miss' => null, 'server' => $a, 'ini' => "$a,$b"];
	foreach ($want as $k => $v) {
		if (!is_array($j) || !array_key_exists($k, $j) || $j[$k] !== $v) {
			$bad[] = "$i: $k = " . json_encode($j[$k] ?? 'absent');
		}
	}
	$counts[] = $j['n'];
	$pids[(int) $m[1]] = true;
}, WORKERS);

echo "requests: ", REQUESTS, ", transport failures: $failed, wrong answers: ", count($bad), "\n";
foreach (array_slice($bad, 0, 10) as $line) {
	echo "  $line\n";
}
sort($counts);
echo "incr gave each request its own number: ", ($counts === range(1, REQUESTS) ? 'yes' : 'no'), "\n";
echo "workers that answered: ", count($pids) === WORKERS ? 'all' : count($pids), "\n";

/* each worker opened one connection to the server it uses, and no other */
$opened = 0;
foreach ([$a, $b] as $s) {
	/* -1: the stats request itself */
	$opened += ldb_test_stat($s, 'total_connections') - $before[$s] - 1;
}
echo "connections opened by the workers: ", ($opened >= 1 && $opened <= WORKERS * 2 ? 'at most workers x servers' : $opened), "\n";
echo "connections opened to $b: ", ldb_test_stat($b, 'total_connections') - $before[$b] - 2, "\n";
$curr = ldb_test_stat($a, 'curr_connections') - 1;
echo "connections open on $a now: ", ($curr >= 1 && $curr <= WORKERS ? 'at most one per worker' : $curr), "\n";

/* what the pages wrote is on the first server, as written */
$ok = 0;
foreach ([0, 1, 299, 1000, REQUESTS - 1] as $i) {
	$raw = ldb_test_peek($a, "req$i");
	$ok += $raw !== null && unserialize($raw)['i'] === $i;
}
echo "values read back raw from $a: $ok of 5\n";

$errors = ldb_fpm_php_errors($f);
echo "PHP errors: ", trim($errors) === '' ? 'none' : $errors, "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECTF--
requests: 2400, transport failures: 0, wrong answers: 0
incr gave each request its own number: yes
workers that answered: all
connections opened by the workers: at most workers x servers
connections opened to %s: 0
connections open on %s now: at most one per worker
values read back raw from %s: 5 of 5
PHP errors: none
