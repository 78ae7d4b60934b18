--TEST--
FPM + nginx: a page that dies inside a value's __wakeup (exit, exception, time limit) leaves nothing for the next request
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require __DIR__ . '/fpm.inc';
ldb_fpm_skipif();
try {
	new LocalDb('127.0.0.1:1', ['allowed_classes' => ['Bomb']]);
} catch (ValueError|TypeError $e) {
	die('skip no allowed_classes option: objects cannot be read back');
}
?>
--INI--
; PCRE's JIT reads past the end of subjects, which valgrind reports (run-tests -m)
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/fpm.inc';

[$a] = ldb_test_memcached(1);
foreach (['k1' => ['one', 0], 'k2' => ['two', 0], 'bomb' => ['O:4:"Bomb":0:{}', 4], 'boom' => ['O:4:"Boom":0:{}', 4], 'slow' => ['O:4:"Slow":0:{}', 4]] as $key => [$value, $flags]) {
	if (ldb_test_raw($a, "set $key $flags 0 " . strlen($value) . "\r\n$value\r\n") !== "STORED\r\n") {
		throw new RuntimeException("cannot set $key");
	}
}

$pages = [
	'exit' => <<<'PHP'
		<?php
		class Bomb { public function __wakeup() { echo "exit in __wakeup\n"; exit(0); } }
		$db = new LocalDb(null, ['allowed_classes' => ['Bomb']]);
		try {
			isset($_GET['single']) ? $db->get('bomb') : $db->getMulti(['k1', 'bomb', 'k2']);
		} catch (Throwable $e) {
			/* exit() ends the script: nothing can catch it */
			echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
		}
		echo "not reached\n";
		PHP,
	'exception' => <<<'PHP'
		<?php
		class Boom { public function __wakeup() { throw new RuntimeException('boom in __wakeup'); } }
		$db = new LocalDb(null, ['allowed_classes' => ['Boom']]);
		$db->getMulti(['k1', 'boom', 'k2']);
		echo "not reached\n";
		PHP,
	'time' => <<<'PHP'
		<?php
		class Slow { public function __wakeup() { $t = microtime(true); while (microtime(true) - $t < 20); } }
		set_time_limit(1);
		$db = new LocalDb(null, ['allowed_classes' => ['Slow']]);
		$db->getMulti(['k1', 'slow', 'k2']);
		echo "not reached\n";
		PHP,
	'check' => <<<'PHP'
		<?php
		$db = new LocalDb();
		echo json_encode([$db->get('k1'), $db->get('k2'), $db->getMulti(['k2', 'k1', 'nope'])]);
		PHP,
];

/* one worker: the next request runs in the process the page died in */
$f = ldb_fpm_start([
	'workers' => 1,
	'ini' => ['localdb.servers' => $a],
	'php_value' => ['max_execution_time' => '30'],
	'pages' => $pages,
]);
$worker = ldb_fpm_workers($f)[0];

function page(LdbFpm $f, string $path): string
{
	$r = ldb_http_get($f, $path);
	return $r === null ? 'no response' : $r['status'] . ' ' . preg_replace(['/ in \S+ on line \d+/', '/\s+/'], ['', ' '], trim($r['body']));
}

foreach (['/exit.php', '/exit.php?single=1', '/exception.php', '/time.php'] as $path) {
	$body = page($f, $path);
	/* the exit pages' whole answer; the others' error message */
	echo str_pad("$path:", 20), preg_match('/boom in __wakeup|Maximum execution time of 1 second exceeded/', $body, $m) ? $m[0] : $body, "\n";
	echo "  next request: ", page($f, '/check.php'), "\n";
}
echo "same worker throughout: ", ldb_fpm_workers($f) === [$worker] ? 'yes' : 'no', "\n";
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
/exit.php:          200 exit in __wakeup
  next request: 200 ["one","two",{"k2":"two","k1":"one"}]
/exit.php?single=1: 200 exit in __wakeup
  next request: 200 ["one","two",{"k2":"two","k1":"one"}]
/exception.php:     boom in __wakeup
  next request: 200 ["one","two",{"k2":"two","k1":"one"}]
/time.php:          Maximum execution time of 1 second exceeded
  next request: 200 ["one","two",{"k2":"two","k1":"one"}]
same worker throughout: yes
