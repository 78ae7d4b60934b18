--TEST--
FPM + nginx: nothing leaks into the next request (handle options, ini_set, pages that die)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

/* one worker: every request runs in the same process, after the one before */
[$a] = ldb_test_memcached(1, ['-I', '8m']);
$refused = ldb_test_refused();

$set = function (string $key, string $value, int $flags = 0) use ($a) {
	if (ldb_test_raw($a, "set $key $flags 0 " . strlen($value) . "\r\n$value\r\n") !== "STORED\r\n") {
		throw new RuntimeException("cannot set $key");
	}
};
$set('k1', 'one');
$set('k2', 'two');
$set('bad', 'not php-serialized', 4);
$set('big1', str_repeat('B', 3 << 20));

$value = "['a' => 1, 'pad' => str_repeat('z', 40)]";
$pages = [
	/* a handle with options of its own, and ini_set() of the defaults */
	'options' => <<<PHP
		<?php
		\$db = new LocalDb(null, ['prefix' => 'leak_', 'serializer' => 'json', 'exceptions' => false, 'compression_threshold' => 10]);
		\$db->set('x', $value);
		ini_set('localdb.prefix', 'ini_');
		ini_set('localdb.serializer', 'json');
		ini_set('localdb.exceptions', '0');
		ini_set('localdb.compression_threshold', '10');
		(new LocalDb())->set('y', $value);
		\$down = new LocalDb('$refused', ['exceptions' => false]);
		echo getmypid(), ' ', json_encode([\$down->get('x'), \$down->lastErrorCode()]);
		PHP,
	/* defaults only */
	'defaults' => <<<PHP
		<?php
		\$db = new LocalDb();
		\$db->set('z', $value);
		\$out = [
			'ini' => [ini_get('localdb.prefix'), ini_get('localdb.serializer'), ini_get('localdb.exceptions'), ini_get('localdb.compression_threshold')],
			'back' => \$db->get('z') === $value,
		];
		try {
			(new LocalDb('$refused'))->get('x');
			\$out['down'] = 'no exception';
		} catch (LocalDbException \$e) {
			\$out['down'] = 'LocalDbException ' . \$e->getCode();
		}
		echo getmypid(), ' ', json_encode(\$out);
		PHP,
	/* a value that cannot be decoded: LocalDbException (BAD_VALUE) out of getMulti, uncaught */
	'undecodable' => <<<'PHP'
		<?php
		$db = new LocalDb();
		$db->getMulti(['k1', 'bad', 'k2']);
		echo "not reached\n";
		PHP,
	/* the same, caught: the page goes on */
	'undecodable_caught' => <<<'PHP'
		<?php
		$db = new LocalDb();
		for ($i = 0; $i < 3; $i++) {
			try {
				$db->getMulti(['k1', 'bad', 'k2']);
			} catch (LocalDbException $e) {
				$codes[] = $e->getCode();
			}
			$keep[] = [str_repeat('x', 100), $i];
		}
		echo 'went on after codes ', implode(',', $codes), "\n";
		PHP,
	/* memory_limit reached with a large value in hand */
	'memory' => <<<'PHP'
		<?php
		$db = new LocalDb();
		$db->get('k1');
		ini_set('memory_limit', (string) (memory_get_usage(true) + (1 << 20)));
		$db->getMulti(['big1', 'k2']);
		echo "not reached\n";
		PHP,
	/* max_execution_time reached while the page talks to the server without a pause (the
	 * CPU timer's signal lands in the middle of sends and receives) */
	'time' => <<<'PHP'
		<?php
		set_time_limit(1);
		$db = new LocalDb();
		for ($i = 0; $i < 10000000; $i++) {
			$db->set("t$i", str_repeat('t', $i % 5000));
			$db->getMulti(['k1', "t$i", 'k2']);
		}
		echo "not reached\n";
		PHP,
	'check' => <<<'PHP'
		<?php
		$db = new LocalDb();
		echo getmypid(), ' ', json_encode([$db->get('k1'), $db->get('k2'), $db->getMulti(['k2', 'k1', 'nope']), $db->get('big1') === str_repeat('B', 3 << 20)]);
		PHP,
];

$f = ldb_fpm_start([
	'workers' => 1,
	'ini' => ['localdb.servers' => $a],
	'php_value' => ['max_execution_time' => '30'],
	'pages' => $pages,
	/* memory_limit needs Zend's allocator, which valgrind runs (run-tests -m) turn off */
	'env' => ['USE_ZEND_ALLOC' => null],
]);
$worker = ldb_fpm_workers($f)[0];

function page(LdbFpm $f, string $name): string
{
	$r = ldb_http_get($f, "/$name.php");
	if ($r === null) {
		return 'no response';
	}
	return $r['status'] . ' ' . preg_replace(['/^\d+ /', '/ in \S+ on line \d+/', '/\s+/'], ['', '', ' '], trim($r['body']));
}

echo "options: ", page($f, 'options'), "\n";
echo "defaults: ", page($f, 'defaults'), "\n";
/* what each page wrote, as stored */
foreach (['leak_x', 'ini_y', 'z', 'leak_z', 'ini_z'] as $key) {
	$reply = ldb_test_raw($a, "get $key\r\n");
	echo "  $key: ", preg_match('/^VALUE \S+ (\d+) \d+\r\n(.{0,5})/', $reply, $m) ? "flags $m[1]" . ($m[1] === '4' ? ", $m[2]" : '') : 'missing', "\n";
}

foreach (['undecodable', 'undecodable_caught', 'memory', 'time'] as $name) {
	$body = page($f, $name);
	echo str_pad("$name:", 20), preg_match('/Uncaught LocalDbException|went on after codes 4,4,4|Allowed memory size|Maximum execution time of 1 second exceeded/', $body, $m) ? $m[0] : $body, "\n";
	echo "  next request: ", page($f, 'check'), "\n";
}
echo "same worker throughout: ", ldb_fpm_workers($f) === [$worker] ? 'yes' : 'no', "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
options: 200 [null,1]
defaults: 200 {"ini":["","php","1","2000"],"back":true,"down":"LocalDbException 1"}
  leak_x: flags 86
  ini_y: flags 86
  z: flags 4, a:2:{
  leak_z: missing
  ini_z: missing
undecodable:        Uncaught LocalDbException
  next request: 200 ["one","two",{"k2":"two","k1":"one"},true]
undecodable_caught: went on after codes 4,4,4
  next request: 200 ["one","two",{"k2":"two","k1":"one"},true]
memory:             Allowed memory size
  next request: 200 ["one","two",{"k2":"two","k1":"one"},true]
time:               Maximum execution time of 1 second exceeded
  next request: 200 ["one","two",{"k2":"two","k1":"one"},true]
same worker throughout: yes
