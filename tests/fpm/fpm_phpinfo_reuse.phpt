--TEST--
FPM + nginx: phpinfo() of a worker shows its connection opened once and reused by every request
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

[$a] = ldb_test_memcached(1);
$page = <<<'PHP'
	<?php
	$db = new LocalDb();
	$db->set('k', $_GET['i']);
	$ok = $db->get('k') === $_GET['i'];
	ob_start();
	phpinfo(INFO_MODULES);
	$html = ob_get_clean();
	$row = function (string $name) use ($html) {
		return preg_match('#<td class="e">' . preg_quote($name, '#') . '\s*</td><td class="v">([^<]*?)\s*</td>#', $html, $m) ? $m[1] : 'absent';
	};
	echo getmypid(), ' ', json_encode([
		'ok' => $ok,
		'health' => $row('Server health'),
		'open' => $row('Connections open'),
		'opened' => $row('Connections opened'),
		'reused' => $row('Connections reused'),
		'reset' => $row('Connections reset'),
	]);
	PHP;

$f = ldb_fpm_start(['workers' => 1, 'ini' => ['localdb.servers' => $a], 'pages' => ['info' => $page]]);

$rows = [];
for ($i = 0; $i < 6; $i++) {
	$r = ldb_http_get($f, "/info.php?i=$i");
	if ($r === null || $r['status'] !== 200 || !preg_match('/^\d+ (\{.*\})$/s', $r['body'], $m)) {
		echo "request $i: ", $r === null ? 'no response' : $r['status'] . ' ' . $r['body'], "\n";
		continue;
	}
	$rows[] = json_decode($m[1], true);
}
$first = $rows[0];
echo "server health: {$first['health']}\n";
echo "answers right: ", count(array_filter($rows, fn ($r) => $r['ok'])), " of 6\n";
echo "connections opened: ", implode(' ', array_column($rows, 'opened')), "\n";
echo "connections open: ", implode(' ', array_column($rows, 'open')), "\n";
echo "connections reset: ", implode(' ', array_column($rows, 'reset')), "\n";
$reused = array_map('intval', array_column($rows, 'reused'));
$growing = true;
for ($i = 1; $i < count($reused); $i++) {
	/* at least the set and the get of each later request reuse the worker's connection */
	$growing = $growing && $reused[$i] >= $reused[$i - 1] + 2;
}
echo "connections reused grows with every request: ", $growing ? 'yes' : implode(' ', $reused), "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
server health: shared by the processes of this master
answers right: 6 of 6
connections opened: 1 1 1 1 1 1
connections open: 1 1 1 1 1 1
connections reset: 0 0 0 0 0 0
connections reused grows with every request: yes
