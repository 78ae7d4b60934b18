--TEST--
Shards: a pair of real twemproxy (nutcracker) proxies as one group (rejoin_clean Off), both sharding to the same two memcached: LocalDb fails over from one proxy to the other and back, reads what it wrote, and deletes nothing
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
if (!is_executable('/usr/sbin/nutcracker') && !is_executable('/usr/bin/nutcracker')) die('skip nutcracker (twemproxy) not installed');
?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';

/* A nutcracker on a free port in front of $backends (ketama), registered with the harness
 * so that ldb_test_kill() and the cleanup stop it. It has no `version` command: it is
 * ready when a get answers END. */
function nutcracker(array $backends): string
{
	$bin = is_executable('/usr/sbin/nutcracker') ? '/usr/sbin/nutcracker' : '/usr/bin/nutcracker';
	for ($try = 0; $try < 10; $try++) {
		$port = ldb_test_free_port();
		$conf = ldb_test_tempfile('nutcracker.yml');
		file_put_contents($conf, "pool:\n  listen: 127.0.0.1:$port\n  hash: fnv1a_64\n  distribution: ketama\n"
			. "  timeout: 1000\n  auto_eject_hosts: false\n  servers:\n"
			. implode('', array_map(fn($b) => "   - $b:1\n", $backends)));
		[$proc, $pid] = ldb_test_spawn([$bin, '-c', $conf, '-s', (string) ldb_test_free_port(), '-a', '127.0.0.1',
			'-p', ldb_test_tempfile('nutcracker.pid'), '-o', ldb_test_tempfile('nutcracker.log')], ['file', '/dev/null', 'w'], null,
			'*/memcached,*/php*,*/nutcracker');
		$server = "127.0.0.1:$port";
		LdbTestState::$servers[$server] = ['proc' => $proc, 'pid' => $pid, 'kind' => 'nutcracker', 'port' => $port, 'args' => [], 'path' => null];
		ldb_test_write_pid_file();
		$deadline = microtime(true) + LDB_TEST_START_TIMEOUT * ldb_test_time_factor();
		while (microtime(true) < $deadline && proc_get_status($proc)['running']) {
			try {
				if (ldb_test_raw($server, "get ready-check\r\n", 0.2) === "END\r\n") {
					return $server;
				}
			} catch (RuntimeException $e) {
				/* not listening yet */
			}
			usleep(20000);
		}
		ldb_test_kill($server);
	}
	throw new RuntimeException('nutcracker did not start');
}

/* a nutcracker again on the port of one that was stopped */
function nutcracker_on(string $server, array $backends): string
{
	$bin = is_executable('/usr/sbin/nutcracker') ? '/usr/sbin/nutcracker' : '/usr/bin/nutcracker';
	$port = (int) substr($server, strrpos($server, ':') + 1);
	$conf = ldb_test_tempfile('nutcracker.yml');
	file_put_contents($conf, "pool:\n  listen: 127.0.0.1:$port\n  hash: fnv1a_64\n  distribution: ketama\n"
		. "  timeout: 1000\n  auto_eject_hosts: false\n  servers:\n"
		. implode('', array_map(fn($b) => "   - $b:1\n", $backends)));
	[$proc, $pid] = ldb_test_spawn([$bin, '-c', $conf, '-s', (string) ldb_test_free_port(), '-a', '127.0.0.1',
		'-p', ldb_test_tempfile('nutcracker.pid'), '-o', ldb_test_tempfile('nutcracker.log')], ['file', '/dev/null', 'w'], null,
		'*/memcached,*/php*,*/nutcracker');
	LdbTestState::$servers[$server] = ['proc' => $proc, 'pid' => $pid, 'kind' => 'nutcracker', 'port' => $port, 'args' => [], 'path' => null];
	ldb_test_write_pid_file();
	$deadline = microtime(true) + LDB_TEST_START_TIMEOUT * ldb_test_time_factor();
	while (microtime(true) < $deadline && proc_get_status($proc)['running']) {
		try {
			if (ldb_test_raw($server, "get ready-check\r\n", 0.2) === "END\r\n") {
				return $server;
			}
		} catch (RuntimeException $e) {
		}
		usleep(20000);
	}
	throw new RuntimeException('nutcracker did not start again');
}

[$m1, $m2] = ldb_test_memcached(2);
$p1 = nutcracker([$m1, $m2]);
$p2 = nutcracker([$m1, $m2]);
$db = new LocalDb([[$p1, $p2]], ['timeout' => 2000, 'retry_interval' => 1, 'log_failover' => false, 'rejoin_clean' => false]);

$keys = array_map(fn($i) => "session:$i", range(1, 200));
$items = array_combine($keys, array_map(fn($k) => ['user' => $k, 'n' => strlen($k)], $keys));
var_dump($db->setMulti($items));
foreach (array_slice($keys, 0, 20) as $k) {
	$db->set("one:$k", $k);
}
echo "through ", $db->server() === $p1 ? 'the first proxy' : 'the second proxy', "\n";
$n1 = ldb_test_stat($m1, 'curr_items');
$n2 = ldb_test_stat($m2, 'curr_items');
echo "the proxy sharded to both memcached: ", $n1 > 0 && $n2 > 0 && $n1 + $n2 === 220 ? 'yes' : "$n1 + $n2", "\n";

ldb_test_kill($p1);
$got = $db->getMulti($keys);
echo "after the first proxy died: getMulti found ", count($got), ", values right: ", $got == $items ? 'yes' : 'no', "\n";
$found = 0;
foreach (array_slice($keys, 0, 20) as $k) {
	$found += $db->get("one:$k") === $k;
}
echo "get() found $found of 20\n";
echo "through ", $db->server() === $p2 ? 'the second proxy' : $db->server(), "\n";
var_dump($db->set('after', 'failover'), $db->incr('counter') === false, $db->add('counter', 5), $db->incr('counter', 2));
echo "written through the second proxy, read from memcached: ", (ldb_test_peek($m1, 'after') ?? ldb_test_peek($m2, 'after')), "\n";
$st = array_column($db->servers(), 'state');
echo implode(' ', $st), "\n";

/* the first proxy comes back (same port) and the group goes back to it (failback On, after
 * a probe and retry_interval up): it must not be cleaned (deletes through it would remove live keys from the
 * shared memcached, and nutcracker closes the connection on flush_all) */
$db = $db;
var_dump($db->set('second', 'handle'));
echo "still through ", $db->server() === $p2 ? 'the second proxy' : $db->server(), "\n";
$p1b = nutcracker_on($p1, [$m1, $m2]);
$deadline = microtime(true) + 20 * ldb_test_time_factor();
do {
	usleep(100000);
	$db->get('poll');
} while ($db->server() !== $p1 && microtime(true) < $deadline);
echo "back on ", $db->server() === $p1 ? 'the first proxy' : $db->server(), "\n";
$got = $db->getMulti($keys);
echo "through the first proxy again: getMulti found ", count($got), ", values right: ", $got == $items ? 'yes' : 'no', "\n";
var_dump($db->get('after'), $db->get('counter'));
echo "items in memcached: ", ldb_test_stat($m1, 'curr_items') + ldb_test_stat($m2, 'curr_items'), "\n";

/* flush() through a proxy: nutcracker closes the connection on flush_all; that is an
 * unsupported command, not a dead server */
try {
	$db->flush();
	echo "flush: no exception\n";
} catch (LocalDbException $e) {
	echo "flush: ", get_class($e), ": ", $e->getMessage(), "\n";
}
echo "states after flush: ", implode(' ', array_column($db->servers(), 'state')), "\n";
var_dump($db->get('after'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
bool(true)
through the first proxy
the proxy sharded to both memcached: yes
after the first proxy died: getMulti found 200, values right: yes
get() found 20 of 20
through the second proxy
bool(true)
bool(true)
bool(true)
int(7)
written through the second proxy, read from memcached: failover
down up
bool(true)
still through the second proxy
back on the first proxy
through the first proxy again: getMulti found 200, values right: yes
string(8) "failover"
int(7)
items in memcached: 223
flush: LocalDbException: LocalDb: %s: the server closed the connection on flush_all (a proxy such as twemproxy has none); %s: the server closed the connection on flush_all (a proxy such as twemproxy has none)
states after flush: up up
string(8) "failover"
