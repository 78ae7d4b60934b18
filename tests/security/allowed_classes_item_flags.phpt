--TEST--
Security: allowed_classes holds whatever serializer an item's flags name (igbinary and msgpack items written by hand)
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/../values/values.inc';
if ($why = ldb_values_skip(['igbinary', 'msgpack'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/../values/values.inc';
ldb_values_need(['igbinary', 'msgpack']);
class Gadget
{
	public static array $ran = [];
	public $cmd = 'touch /tmp/pwned';
	public function __wakeup(): void { self::$ran[] = '__wakeup'; }
	public function __unserialize(array $data): void { self::$ran[] = '__unserialize'; }
	public function __destruct() { self::$ran[] = '__destruct'; }
}
[$a] = ldb_test_memcached(1);
/* what someone with access to the server stores: flags 5 (igbinary) and 7 (msgpack),
 * whatever serializer the application chose */
$items = ['ig' => [5, igbinary_serialize([new Gadget()])], 'mp' => [7, msgpack_serialize([new Gadget()])]];
foreach ($items as $key => [$flags, $bytes]) {
	ldb_test_raw($a, "set $key $flags 0 " . strlen($bytes) . "\r\n$bytes\r\n");
}
$read = function (array $opts, string $label) use ($a, $items) {
	try {
		$db = new LocalDb([$a], $opts);
	} catch (ValueError $e) {
		echo "$label: ValueError\n";
		return;
	}
	foreach (array_keys($items) as $key) {
		Gadget::$ran = [];
		try {
			$v = $db->get($key);
			$r = get_debug_type($v);
			unset($v);
		} catch (LocalDbException $e) {
			$r = $e->getCode() === LocalDbException::BAD_VALUE ? 'BAD_VALUE' : 'code ' . $e->getCode();
		}
		gc_collect_cycles();
		echo "$label, item $key: $r; Gadget methods run: ", Gadget::$ran ? implode(', ', Gadget::$ran) : 'none', "\n";
	}
};
/* restricted: no Gadget is ever created, whichever serializer the handle writes with */
foreach (['php', 'json'] as $serializer) {
	$read(['serializer' => $serializer, 'allowed_classes' => false], "serializer $serializer, no class");
	$read(['serializer' => $serializer, 'allowed_classes' => ['stdClass']], "serializer $serializer, stdClass only");
}
/* a handle cannot ask for a serializer that creates objects before they can be checked */
foreach (['igbinary', 'msgpack'] as $serializer) {
	$read(['serializer' => $serializer, 'allowed_classes' => false], "serializer $serializer, no class");
}
/* the default (every class, like unserialize()): the gadget's methods run */
$read([], 'default');
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
serializer php, no class, item ig: BAD_VALUE; Gadget methods run: none
serializer php, no class, item mp: BAD_VALUE; Gadget methods run: none
serializer php, stdClass only, item ig: BAD_VALUE; Gadget methods run: none
serializer php, stdClass only, item mp: BAD_VALUE; Gadget methods run: none
serializer json, no class, item ig: BAD_VALUE; Gadget methods run: none
serializer json, no class, item mp: BAD_VALUE; Gadget methods run: none
serializer json, stdClass only, item ig: BAD_VALUE; Gadget methods run: none
serializer json, stdClass only, item mp: BAD_VALUE; Gadget methods run: none
serializer igbinary, no class: ValueError
serializer msgpack, no class: ValueError
default, item ig: array; Gadget methods run: __unserialize, __destruct
default, item mp: array; Gadget methods run: __wakeup, __destruct
