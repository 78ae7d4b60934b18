--TEST--
ini: a bad value in php.ini gives one startup warning and the default, never a crash
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
/* each round is one PHP process started with all its bad values in its php.ini */
$rounds = [
	[
		'localdb.timeout' => '-5',
		'localdb.connect_timeout' => '-1',
		'localdb.retry_interval' => '-3',
		'localdb.compression_threshold' => '-1',
		'localdb.backend' => 'foo',
		'localdb.serializer' => 'nope',
		'localdb.servers' => 'host:',
	],
	[
		'localdb.timeout' => 'abc',
		'localdb.servers' => '[::1',
		'localdb.rejoin_clean' => 'maybe',
	],
];
$code = '<?php foreach (array_slice($argv, 1) as $name) { echo "$name value=", json_encode(ini_get($name)), "\n"; }
$db = new LocalDb("127.0.0.1:1", ["exceptions" => false]); $db->get("k"); echo "done\n";';
foreach ($rounds as $ini) {
	[$rc, $out] = ldb_test_php(str_replace('array_slice($argv, 1)', var_export(array_keys($ini), true), $code), $ini + ['localdb.log_failover' => 'Off']);
	preg_match_all('/^.*warning.*$/mi', $out, $m);
	echo 'warnings=', count($m[0]), ' rc=', $rc, str_contains($out, 'done') ? '' : ' (did not finish)', "\n";
	foreach ($ini as $name => $value) {
		$naming = count(array_filter($m[0], fn($l) => str_contains($l, $name . ' ') || str_contains($l, $name . '"') || str_contains($l, $name . ':')));
		preg_match('/^' . preg_quote($name, '/') . ' (value=.*)$/m', $out, $v);
		echo "$name=$value: warnings naming it=$naming ", $v[1] ?? 'no value', "\n";
	}
	if (count($m[0]) !== count($ini)) {
		echo $out;
	}
}
/* a good value: no warning */
[$rc, $out] = ldb_test_php('<?php echo ini_get("localdb.timeout"), "\n";', ['localdb.timeout' => '750']);
echo trim($out), " rc=$rc\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
warnings=7 rc=0
localdb.timeout=-5: warnings naming it=1 value="500"
localdb.connect_timeout=-1: warnings naming it=1 value="250"
localdb.retry_interval=-3: warnings naming it=1 value="10"
localdb.compression_threshold=-1: warnings naming it=1 value="2000"
localdb.backend=foo: warnings naming it=1 value="memcached"
localdb.serializer=nope: warnings naming it=1 value="php"
localdb.servers=host:: warnings naming it=1 value=""
warnings=3 rc=0
localdb.timeout=abc: warnings naming it=1 value="500"
localdb.servers=[::1: warnings naming it=1 value=""
localdb.rejoin_clean=maybe: warnings naming it=1 value="1"
750 rc=0
