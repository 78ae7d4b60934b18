--TEST--
incr() with $initial from 4 processes at once on 300 new keys: one creates each counter, the others count on it (add lost: incr again), so every key ends at 3 and hands out 0..3 once each
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl'); ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$keys = 300;
$files = [];
$pids = [];
/* a barrier, not a wall-clock start (a slow start, under valgrind, would miss it): each
 * worker connects, says "ready" on a socket pair to this process, and waits for "go",
 * which is sent to all four at once when all four are ready */
$socks = [];
for ($w = 0; $w < 4; $w++) {
	$files[$w] = ldb_test_tempfile("race$w");
	$socks[$w] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
	$pid = pcntl_fork();
	if ($pid === 0) {
		$db = new LocalDb([$a]);
		$db->get('warm');
		$me = $socks[$w][1];
		fwrite($me, 'r');
		if (fread($me, 1) !== 'g') {
			pcntl_exec("/bin/false");
		}
		$got = [];
		for ($i = 0; $i < $keys; $i++) {
			$got[$i] = $db->incr("k$i", 1, 0);
		}
		file_put_contents($files[$w], json_encode($got));
		/* not exit(): the test's shutdown functions (which remove the files) must not run here */
		pcntl_exec("/bin/true");
	}
	$pids[] = $pid;
}
foreach ($socks as $w => $pair) {
	if (fread($pair[0], 1) !== 'r') {
		echo "worker $w did not get ready\n";
	}
}
foreach ($socks as $pair) {
	fwrite($pair[0], 'g');
}
foreach ($pids as $pid) {
	pcntl_waitpid($pid, $status);
}
$db = new LocalDb([$a]);
$bad = 0;
$handed = array_fill(0, $keys, []);
foreach ($files as $f) {
	foreach (json_decode(file_get_contents($f), true) as $i => $v) {
		$handed[$i][] = $v;
	}
}
for ($i = 0; $i < $keys; $i++) {
	sort($handed[$i]);
	if ($handed[$i] !== [0, 1, 2, 3] || $db->get("k$i") !== 3) {
		$bad++;
		if ($bad < 5) {
			echo "k$i: handed ", json_encode($handed[$i]), ', ends at ', var_export($db->get("k$i"), true), "\n";
		}
	}
}
echo "keys wrong: $bad\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
keys wrong: 0
