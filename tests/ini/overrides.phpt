--TEST--
ini: values from php.ini (--INI--) are visible and used; options override them
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--INI--
localdb.servers=127.0.0.1:1
localdb.connect_timeout=100
localdb.timeout=200
localdb.retry_interval=3
localdb.failback=On
localdb.persistent=Off
localdb.shared_health=Off
localdb.exceptions=Off
localdb.backend=tyrant
localdb.serializer=json
localdb.compression_threshold=0
localdb.item_size_limit=5000
localdb.prefix=ini_
localdb.log_failover=Off
localdb.rejoin_clean=Off
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
ldb_test_print_ini();
[$a] = ldb_test_memcached(1);
/* prefix from the ini */
$db = new LocalDb([$a], ['backend' => 'memcached']);
var_dump($db->set('k', 'v'), ldb_test_peek($a, 'ini_k'), ldb_test_peek($a, 'k'));
/* the option wins over the ini */
$db = new LocalDb([$a], ['backend' => 'memcached', 'prefix' => 'opt_']);
var_dump($db->set('k', 'w'), ldb_test_peek($a, 'opt_k'));
/* exceptions Off from the ini, servers from the ini */
$db = new LocalDb();
var_dump($db->get('k'), $db->lastErrorCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
localdb.servers = '127.0.0.1:1'
localdb.connect_timeout = 100
localdb.timeout = 200
localdb.retry_interval = 3
localdb.failback = true
localdb.persistent = false
localdb.shared_health = false
localdb.exceptions = false
localdb.backend = 'tyrant'
localdb.serializer = 'json'
localdb.compression_threshold = 0
localdb.item_size_limit = 5000
localdb.prefix = 'ini_'
localdb.log_failover = false
localdb.rejoin_clean = false
bool(true)
string(1) "v"
NULL
bool(true)
string(1) "w"
NULL
int(1)
