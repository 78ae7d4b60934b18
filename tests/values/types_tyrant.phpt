--TEST--
Values on Tokyo Tyrant (no flags kept): every type comes back as it was stored, the type in a header only where needed; a string holding an unsigned decimal number goes without one (the server counts on it) and reads back as an int
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
/* the fixture answers as Tokyo Tyrant does: every VALUE line says flags 0 */
$t = ldb_test_fixture('tyrant');
$db = new LocalDb([$t], ['backend' => 'tyrant', 'compression_threshold' => 100, 'compression' => 'zlib']);

foreach (ldb_values_cases() as $name => $value) {
    $key = 'k' . md5($name);
    $db->set($key, $value);
    $got = $db->get($key);
    [$flags, $raw] = ldb_values_item($t, $key);
    /* header: "\0LD" + the flags a memcached item would have */
    $header = substr($raw, 0, 3) === "\0LD" ? sprintf('header %d', ord($raw[3])) : 'plain';
    printf("%s: %s %s flags=%d %s\n", $name, get_debug_type($got), ldb_values_same($value, $got) ? 'same' : 'DIFFERENT', $flags, $header);
}

/* the object cycle of the cases is garbage now: collect it (left to the end of the request,
 * run-tests -m reports it as lost, with a stack through the codec) */
unset($value, $got, $v);
gc_collect_cycles();

/* compressed values carry the method in the header (0x30: zlib) */
$long = str_repeat('tyrant keeps no flags ', 200);
$db->set('long', $long);
$raw = ldb_values_item($t, 'long')[1];
/* "\0LD", flags 0x30, then the original length (4400) little-endian */
var_dump($db->get('long') === $long, bin2hex(substr($raw, 0, 8)), strlen($raw) < strlen($long));
$db->set('long_array', [$long]);
var_dump($db->get('long_array') === [$long], bin2hex(substr(ldb_values_item($t, 'long_array')[1], 0, 4)));

/* another serializer: the header says which */
$json = new LocalDb([$t], ['backend' => 'tyrant', 'serializer' => 'json']);
$json->set('j', ['json' => [1.0, null]]);
var_dump(bin2hex(substr(ldb_values_item($t, 'j')[1], 0, 4)), $json->get('j') === ['json' => [1.0, null]], $db->get('j') === ['json' => [1.0, null]]);

/* many at once */
$items = ['m1' => 1.5, 'm2' => [1, 2], 'm3' => '-7', 'm4' => 7, 'm5' => "\0LD\x01"];
var_dump($db->setMulti($items));
var_dump(ldb_values_same($db->getMulti(array_keys($items)), $items));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
empty string: string same flags=0 plain
string: string same flags=0 plain
binary string: string same flags=0 plain
utf-8 string: string same flags=0 plain
numeric string: int DIFFERENT flags=0 plain
int 0: int same flags=0 plain
int -1: int same flags=0 plain
PHP_INT_MAX: int same flags=0 plain
PHP_INT_MIN: int same flags=0 plain
float 0.1: float same flags=0 header 2
float 1.0: float same flags=0 header 2
float -0.0: float same flags=0 header 2
float 1e100: float same flags=0 header 2
float -1.5e-7: float same flags=0 header 2
float PHP_FLOAT_MAX: float same flags=0 header 2
float PHP_FLOAT_MIN: float same flags=0 header 2
INF: float same flags=0 header 2
-INF: float same flags=0 header 2
NAN: float same flags=0 header 2
true: bool same flags=0 header 3
false: bool same flags=0 header 3
null: null same flags=0 header 4
empty array: array same flags=0 header 4
list: array same flags=0 header 4
nested array: array same flags=0 header 4
array with a reference: array same flags=0 header 4
stdClass: stdClass same flags=0 header 4
object: LdbValuesPoint same flags=0 header 4
object cycle: LdbValuesPoint same flags=0 header 4
bool(true)
string(16) "004c443030110000"
bool(true)
bool(true)
string(8) "004c4434"
string(8) "004c4406"
bool(true)
bool(true)
bool(true)
bool(true)
