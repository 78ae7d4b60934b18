--TEST--
lastError()/lastErrorCode(): null/0 on a fresh handle and after answers that are no failure
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
var_dump($db->lastError(), $db->lastErrorCode());
$db->get('missing');
$db->add('k', 1);
$db->add('k', 2);
$db->replace('nope', 1);
$db->incr('nope');
$db->delete('nope');
var_dump($db->lastError(), $db->lastErrorCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
NULL
int(0)
NULL
int(0)
