--TEST--
ini: the documented defaults are visible through ini_get()
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
ldb_test_print_ini();
?>
--EXPECT--
localdb.servers = ''
localdb.connect_timeout = 250
localdb.timeout = 500
localdb.retry_interval = 10
localdb.failback = true
localdb.persistent = true
localdb.shared_health = true
localdb.exceptions = true
localdb.backend = 'memcached'
localdb.serializer = 'php'
localdb.compression_threshold = 2000
localdb.item_size_limit = 0
localdb.prefix = ''
localdb.log_failover = true
localdb.rejoin_clean = true
