--TEST--
Security: malformed server strings are refused whole; a path that is no socket fails like a dead server
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
function attempt(string $label, callable $f): void
{
	try {
		$f();
		echo "$label: accepted\n";
	} catch (Throwable $e) {
		/* the message quotes at most a bounded part of the input (80 bytes) */
		$m = $e->getMessage();
		echo "$label: ", get_class($e), strlen($m) < 400 ? '' : ' (message of ' . strlen($m) . ' bytes)', "\n";
	}
}
$cases = [
	'host:' => 'host:', ':11211' => ':11211', 'host:99999' => 'host:99999', '[::1' => '[::1',
	'host:65536' => 'host:65536', 'host:011211x' => 'host:011211x', 'host:+1' => 'host:+1',
	'CRLF in host' => "127.0.0.1\r\nflush_all:11211", 'NUL in host' => "127.0.0.1\0:11211",
	'format directives' => '%s%n%x:1', 'two colons' => 'a:1:2', 'bare IPv6' => '::1',
	'socket path too long' => '/' . str_repeat('s', 200), 'CR in socket path' => "/tmp/a\rb",
	'10 KB host' => str_repeat('h', 10000) . ':1', '17 servers' => implode(',', array_fill(0, 17, '127.0.0.1:1')),
	'trailing comma' => '127.0.0.1:1,', 'empty' => '',
];
foreach ($cases as $label => $s) {
	attempt($label, fn() => new LocalDb($s));
	attempt("$label (list)", fn() => new LocalDb(['127.0.0.1:1', $s]));
}
attempt('pair with port 99999', fn() => new LocalDb([['127.0.0.1', 99999]]));
attempt('pair with port -1', fn() => new LocalDb([['127.0.0.1', -1]]));
attempt('pair with CRLF host', fn() => new LocalDb([["h\r\n", 1]]));

/* a path that exists but is no socket: syntactically fine, then a connect failure */
$file = ldb_test_tempfile('not-a-socket');
file_put_contents($file, "VALUE k 0 1\r\nx\r\nEND\r\n");
foreach ([$file, sys_get_temp_dir()] as $i => $path) {
	$db = new LocalDb($path, ['exceptions' => false, 'log_failover' => false]);
	var_dump($db->get('k'), $db->lastErrorCode() === LocalDbException::NO_SERVER, $db->servers()[0]['state']);
	$db = new LocalDb($path, ['log_failover' => false]);
	try {
		$db->set('k', 'v');
		echo "no exception\n";
	} catch (LocalDbException $e) {
		echo 'LocalDbException ', $e->getCode() === LocalDbException::NO_SERVER ? 'NO_SERVER' : $e->getCode(), "\n";
	}
}
/* the file was only connected to, never read or written */
var_dump(file_get_contents($file) === "VALUE k 0 1\r\nx\r\nEND\r\n");
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
host:: ValueError
host: (list): ValueError
:11211: ValueError
:11211 (list): ValueError
host:99999: ValueError
host:99999 (list): ValueError
[::1: ValueError
[::1 (list): ValueError
host:65536: ValueError
host:65536 (list): ValueError
host:011211x: ValueError
host:011211x (list): ValueError
host:+1: ValueError
host:+1 (list): ValueError
CRLF in host: ValueError
CRLF in host (list): ValueError
NUL in host: ValueError
NUL in host (list): ValueError
format directives: ValueError
format directives (list): ValueError
two colons: ValueError
two colons (list): ValueError
bare IPv6: ValueError
bare IPv6 (list): ValueError
socket path too long: ValueError
socket path too long (list): ValueError
CR in socket path: ValueError
CR in socket path (list): ValueError
10 KB host: ValueError
10 KB host (list): ValueError
17 servers: ValueError
17 servers (list): ValueError
trailing comma: ValueError
trailing comma (list): ValueError
empty: ValueError
empty (list): ValueError
pair with port 99999: ValueError
pair with port -1: ValueError
pair with CRLF host: ValueError
NULL
bool(true)
string(4) "down"
LocalDbException NO_SERVER
NULL
bool(true)
string(4) "down"
LocalDbException NO_SERVER
bool(true)
