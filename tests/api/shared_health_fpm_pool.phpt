--TEST--
FPM: a pool's php_admin_value[localdb.shared_health] that differs from the master's php.ini is refused with a warning, not accepted and ignored
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; require __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_skipif(); ?>
--INI--
pcre.jit=0
--FILE--
<?php
require_once __DIR__ . '/../fpm/fpm.inc';
$page = <<<'PHP'
	<?php
	echo json_encode(['ini' => ini_get('localdb.shared_health')]);
	try {
		new LocalDb('127.0.0.1:1', ['shared_health' => false]);
		echo ' option accepted';
	} catch (ValueError $e) {
		echo ' option refused';
	}
	PHP;
$f = ldb_fpm_start([
	'workers' => 1,
	'ini' => ['localdb.shared_health' => '0'],
	'pages' => ['page' => $page],
]);
$r = ldb_http_get($f, '/page.php');
echo $r === null ? 'no response' : $r['body'], "\n";
$logs = ldb_fpm_logs($f) . ldb_fpm_php_errors($f);
var_dump(str_contains($logs, 'localdb.shared_health cannot be changed to "0" here: it is decided once, when PHP starts (php.ini), and is On'));
ldb_fpm_stop($f);
?>
--CLEAN--
<?php require_once __DIR__ . '/../fpm/fpm.inc'; ldb_fpm_cleanup(); ?>
--EXPECT--
{"ini":"1"} option refused
bool(true)
