--TEST--
Pool: persistent=Off closes connections at the end of each request; persistent ones stay (php -S, seen from another process)
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/pool.inc';
require_once __DIR__ . '/../fpm/fpm.inc';

[$a] = ldb_test_memcached(1);

/* PHP's built-in web server: one process, a whole request (RINIT .. RSHUTDOWN) per page,
 * with localdb.persistent=Off in its php.ini */
$docroot = sprintf('%s/localdb-test-%s-fpm-%d-www', sys_get_temp_dir(), ldb_test_id(), getmypid());
mkdir($docroot);
register_shutdown_function('ldb_fpm_rmdir', $docroot);
file_put_contents("$docroot/page.php", <<<PHP
	<?php
	\$opts = isset(\$_GET['persistent']) ? ['persistent' => (bool) \$_GET['persistent']] : [];
	\$db = new LocalDb('$a', \$opts);
	\$db->set('k', \$_GET['v']);
	echo \$db->get('k') === \$_GET['v'] ? 'ok' : 'wrong';
	PHP);
$so = ldb_test_extension_path();
for ($try = 0; ; $try++) {
	$port = ldb_test_free_port();
	[$proc, $pid] = ldb_test_spawn([PHP_BINARY, '-n', '-d', "extension=$so", '-d', 'localdb.persistent=0',
		'-S', "127.0.0.1:$port", '-t', $docroot]);
	LdbTestState::$retired[] = ['proc' => $proc, 'pid' => $pid];
	ldb_test_write_pid_file();
	if (ldb_fpm_wait_listen($proc, $port, 5.0)) {
		break;
	}
	if ($try === 5) {
		throw new RuntimeException('php -S did not start');
	}
}

$total = ldb_test_stat($a, 'total_connections');
/* what => [query, connections that should stay open once the request is over] */
foreach ([
	'ini persistent=Off' => ['', 0],
	'ini persistent=Off again' => ['', 0],
	'option persistent=true' => ['&persistent=1', 1],
	'option persistent=true again' => ['&persistent=1', 1],
	'option persistent=false' => ['&persistent=0', 1],
	'ini persistent=Off, once more' => ['', 1],
] as $what => [$q, $stay]) {
	$r = ldb_http_get($port, "/page.php?v=" . rawurlencode($what) . $q);
	/* the request is over (its answer came): what it left open, seen from this process */
	printf("%-30s %s, connections opened: %d, open after the request: %d\n", "$what:",
		$r['body'] ?? 'no response', ldb_pool_accepted($a, $total), ldb_pool_open_on($a, $stay));
	$total = ldb_test_stat($a, 'total_connections');
}
echo "the server process is still running: ", proc_get_status($proc)['running'] ? 'yes' : 'no', "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
ini persistent=Off:            ok, connections opened: 1, open after the request: 0
ini persistent=Off again:      ok, connections opened: 1, open after the request: 0
option persistent=true:        ok, connections opened: 1, open after the request: 1
option persistent=true again:  ok, connections opened: 0, open after the request: 1
option persistent=false:       ok, connections opened: 1, open after the request: 1
ini persistent=Off, once more: ok, connections opened: 1, open after the request: 1
the server process is still running: yes
