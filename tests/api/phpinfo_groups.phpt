--TEST--
phpinfo() shows the groups of the process as a table: servers (the one in use marked *), timeouts, retry interval, backend, failback, persistent, rejoin_clean
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.log_failover=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$dead = ldb_test_refused();
$db = new LocalDb([$dead, $a], ['timeout' => 300, 'retry_interval' => 7, 'failback' => false, 'rejoin_clean' => false]);
$db->set('k', 1);
$t = new LocalDb([$a], ['backend' => 'tyrant', 'failback' => true, 'persistent' => false]);
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$info = str_replace([$a, $dead], ['A', 'DEAD'], $info);
preg_match('/^Group => .*?(?=\n\n)/ms', $info, $m);
echo $m[0] ?? $info, "\n";
var_dump(str_contains($info, '|'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
Group => Servers => connect_timeout (ms) => timeout (ms) => retry_interval (s) => backend => failback => persistent => rejoin_clean
1 => A* => 250 => 500 => 10 => tyrant => On => Off => On
2 => DEAD, A* => 250 => 300 => 7 => memcached => Off => On => Off
bool(false)
