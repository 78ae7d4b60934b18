--TEST--
Pool: after pcntl_fork the child works on a connection of its own; the parent's is not disturbed
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl not available');
?>
--FILE--
<?php
require_once __DIR__ . '/pool.inc';

[$a] = ldb_test_memcached(1);
$db = new LocalDb($a);
var_dump($db->set('k', 'parent'));
$t0 = ldb_test_stat($a, 'total_connections');
$s0 = ldb_pool_stats();
$out = ldb_test_tempfile('child.json');

/* forked children must not run the harness's shutdown (it would stop the servers) */
function child_exit(int $code): never
{
	LdbTestState::$servers = LdbTestState::$retired = LdbTestState::$files = [];
	exit($code);
}

$children = [];
foreach (['uses the parent handle', 'opens a new handle', 'does nothing'] as $n => $what) {
	$pid = pcntl_fork();
	if ($pid === 0) {
		$r = ['what' => $what];
		if ($n === 0) {
			/* the inherited handle: same object, same group, the parent's socket must not be used */
			$r['get'] = $db->get('k');
			$r['set'] = $db->set("child$n", getmypid());
		} elseif ($n === 1) {
			$c = new LocalDb($a);
			$r['get'] = $c->get('k');
			$r['set'] = $c->set("child$n", getmypid());
			$r['multi'] = $c->getMulti(['k', "child$n"]) === ['k' => 'parent', "child$n" => getmypid()];
		}
		$s = ldb_pool_stats();
		$r['opened'] = $s['opened'] - $s0['opened'];
		file_put_contents("$out.$n", json_encode($r));
		child_exit(0);
	}
	/* one child at a time, so that each one's connections can be counted */
	pcntl_waitpid($pid, $status);
	$children[$n] = $pid;
	echo "child $n $what: exit ", pcntl_wexitstatus($status), ', ', @file_get_contents("$out.$n"), "\n";
	@unlink("$out.$n");
	echo "  connections the server accepted: ", ldb_pool_accepted($a, $t0), "\n";
	$t0 = ldb_test_stat($a, 'total_connections');
}
ldb_test_write_pid_file();

/* the parent's connection still works, and it is the same one */
var_dump($db->get('k'));
var_dump($db->get('child0') === $children[0], $db->get('child1') === $children[1]);
var_dump($db->set('k', 'parent again'), $db->get('k'));
$s1 = ldb_pool_stats();
echo "parent: opened ", $s1['opened'] - $s0['opened'], ", reset ", $s1['reset'] - $s0['reset'], ", open ", $s1['open'], "\n";
echo "connections the server accepted: ", ldb_pool_accepted($a, $t0), "\n";
echo "connections open on the server: ", ldb_pool_open_on($a, 1), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
child 0 uses the parent handle: exit 0, {"what":"uses the parent handle","get":"parent","set":true,"opened":1}
  connections the server accepted: 1
child 1 opens a new handle: exit 0, {"what":"opens a new handle","get":"parent","set":true,"multi":true,"opened":1}
  connections the server accepted: 1
child 2 does nothing: exit 0, {"what":"does nothing","opened":0}
  connections the server accepted: 0
string(6) "parent"
bool(true)
bool(true)
bool(true)
string(12) "parent again"
parent: opened 0, reset 0, open 1
connections the server accepted: 0
connections open on the server: 1
