--TEST--
Pool: groups share one connection per server whatever their timeouts, backend or policy; only persistence gets a connection of its own
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/pool.inc';

[$a] = ldb_test_memcached(1);
ldb_test_raw($a, "set k 0 0 1\r\nv\r\n");

$steps = [
	'defaults' => [],
	'timeout 900' => ['timeout' => 900],
	'connect_timeout 900' => ['connect_timeout' => 900],
	'backend tyrant' => ['backend' => 'tyrant'],
	'persistent off' => ['persistent' => false],
	'retry_interval 5' => ['retry_interval' => 5],
	'failback off' => ['failback' => false],
	'defaults again' => [],
	'timeout 900 again' => ['timeout' => 900],
	'backend tyrant again' => ['backend' => 'tyrant'],
	'prefix' => ['prefix' => 'x_'],
	'serializer json' => ['serializer' => 'json'],
	'exceptions off' => ['exceptions' => false],
	'compression_threshold 0' => ['compression_threshold' => 0],
];
$handles = [];
foreach ($steps as $name => $opts) {
	$t0 = ldb_test_stat($a, 'total_connections');
	$h = new LocalDb($a, $opts);
	$v = $h->get('k');
	$handles[] = $h;
	printf("%-24s %s, new connections: %d\n", "$name:", var_export($v, true), ldb_pool_accepted($a, $t0));
}
echo "groups: ", ldb_pool_stats()['groups'], "\n";
echo "connections open on the server: ", ldb_pool_open_on($a, 2), "\n";
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
defaults:                'v', new connections: 1
timeout 900:             'v', new connections: 0
connect_timeout 900:     'v', new connections: 0
backend tyrant:          'v', new connections: 0
persistent off:          'v', new connections: 1
retry_interval 5:        'v', new connections: 0
failback off:            'v', new connections: 0
defaults again:          'v', new connections: 0
timeout 900 again:       'v', new connections: 0
backend tyrant again:    'v', new connections: 0
prefix:                  NULL, new connections: 0
serializer json:         'v', new connections: 0
exceptions off:          'v', new connections: 0
compression_threshold 0: 'v', new connections: 0
groups: 7
connections open on the server: 2
