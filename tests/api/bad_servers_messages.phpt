--TEST--
Server strings people get wrong get a message that says what is wrong: blanks between servers, a weight, a scheme, a bare IPv6 address, the same server twice
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
$cases = ['a:1 b:2', 'host:11211:1', '127.0.0.1:11211:10', 'tcp://host:11211', 'unix:///tmp/mc.sock', '::1',
	'fe80::1:11211', '127.0.0.1:5,127.0.0.1:5', '127.0.0.1,127.0.0.1:11211', ['127.0.0.1:5', ['127.0.0.1', 5]]];
foreach ($cases as $s) {
	try {
		new LocalDb($s);
		echo json_encode($s), ": accepted\n";
	} catch (ValueError $e) {
		echo json_encode($s), ': ', $e->getMessage(), "\n";
	}
}
/* blanks around commas are forgiven */
var_dump((string) new LocalDb('127.0.0.1:5, 127.0.0.1:6'));
?>
--EXPECT--
"a:1 b:2": LocalDb::__construct(): Argument #1 ($servers) invalid server "a:1 b:2": servers are separated by commas: "host:port,host:port"
"host:11211:1": LocalDb::__construct(): Argument #1 ($servers) invalid server "host:11211:1": a server is "host:port": there are no weights
"127.0.0.1:11211:10": LocalDb::__construct(): Argument #1 ($servers) invalid server "127.0.0.1:11211:10": a server is "host:port": there are no weights
"tcp:\/\/host:11211": LocalDb::__construct(): Argument #1 ($servers) invalid server "tcp://host:11211": no scheme: write "host:port", "[::1]:port" or "/path/to/socket"
"unix:\/\/\/tmp\/mc.sock": LocalDb::__construct(): Argument #1 ($servers) invalid server "unix:///tmp/mc.sock": no scheme: write "host:port", "[::1]:port" or "/path/to/socket"
"::1": LocalDb::__construct(): Argument #1 ($servers) invalid server "::1": IPv6 addresses go in brackets: [::1]:11211
"fe80::1:11211": LocalDb::__construct(): Argument #1 ($servers) invalid server "fe80::1:11211": IPv6 addresses go in brackets: [::1]:11211
"127.0.0.1:5,127.0.0.1:5": LocalDb::__construct(): Argument #1 ($servers) server 127.0.0.1:5 is given twice in one group
"127.0.0.1,127.0.0.1:11211": LocalDb::__construct(): Argument #1 ($servers) server 127.0.0.1:11211 is given twice in one group
["127.0.0.1:5",["127.0.0.1",5]]: LocalDb::__construct(): Argument #1 ($servers) server 127.0.0.1:5 is given twice in one group
string(28) "LocalDb.open() (127.0.0.1:5)"
