--TEST--
phpinfo() has a localdb section listing its ini entries
--SKIPIF--
<?php if (!extension_loaded('localdb')) die('skip localdb extension not loaded'); ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump(preg_match('/^localdb$/m', $info) === 1);
$missing = array_filter(array_keys(LDB_TEST_INI), fn($n) => !str_contains($info, "localdb.$n"));
var_dump(array_values($missing));
?>
--EXPECT--
bool(true)
array(0) {
}
