--TEST--
Values on memcached: every type comes back as it was stored, with php-memcached's flags and text forms
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
[$a] = ldb_test_memcached(1, ['-I', '16m']);
$db = new LocalDb([$a], ['compression' => 'zlib']);

foreach (ldb_values_cases() as $name => $value) {
    $key = 'k' . md5($name);
    $db->set($key, $value);
    $got = $db->get($key);
    [$flags, $raw] = ldb_values_item($a, $key);
    /* scalars are stored as text, as php-memcached writes them */
    $text = is_scalar($value) && !is_string($value) ? ' ' . var_export($raw, true) : '';
    printf("%s: %s %s flags=%d%s\n", $name, get_debug_type($got), ldb_values_same($value, $got) ? 'same' : 'DIFFERENT', $flags, $text);
}

/* the object cycle of the cases is garbage now: collect it (left to the end of the request,
 * run-tests -m reports it as lost, with a stack through the codec) */
unset($value, $got, $v);
gc_collect_cycles();

/* the sign of -0.0 survives */
$db->set('z', -0.0);
var_dump(fdiv(1, $db->get('z')));

/* multi-MB strings: compressible ones are compressed (0x30: zlib), random ones are not */
$big = str_repeat(random_bytes(1000) . str_repeat('x', 1000), 2500);
$db->set('big', $big);
var_dump($db->get('big') === $big, ldb_values_item($a, 'big')[0]);
$noise = random_bytes(3 << 20);
$db->set('noise', $noise);
var_dump($db->get('noise') === $noise, ldb_values_item($a, 'noise')[0]);

/* many at once go through the same codec */
$items = ['m1' => 1.5, 'm2' => [1, 2], 'm3' => false, 'm4' => '', 'm5' => PHP_INT_MIN];
var_dump($db->setMulti($items));
var_dump(ldb_values_same($db->getMulti(array_keys($items)), $items));

/* ints are decimal text that memcached counts on; decr leaves the shorter number padded with
 * spaces, which still reads as that int */
$db->set('n', 100);
var_dump($db->decr('n', 95), ldb_values_item($a, 'n'), $db->get('n'));
/* past PHP_INT_MAX a memcached counter keeps going (unsigned 64-bit): it reads as a float */
$db->set('big_counter', PHP_INT_MAX);
ldb_test_raw($a, "incr big_counter 10\r\n");
$v = $db->get('big_counter');
var_dump(ldb_values_item($a, 'big_counter')[1], $v === (float) '9223372036854775817');
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
empty string: string same flags=0
string: string same flags=0
binary string: string same flags=0
utf-8 string: string same flags=0
numeric string: string same flags=0
int 0: int same flags=1 '0'
int -1: int same flags=1 '-1'
PHP_INT_MAX: int same flags=1 '9223372036854775807'
PHP_INT_MIN: int same flags=1 '-9223372036854775808'
float 0.1: float same flags=2 '.1'
float 1.0: float same flags=2 '1'
float -0.0: float same flags=2 '-0'
float 1e100: float same flags=2 '1e+100'
float -1.5e-7: float same flags=2 '-1.5e-07'
float PHP_FLOAT_MAX: float same flags=2 '1.7976931348623157e+308'
float PHP_FLOAT_MIN: float same flags=2 '2.2250738585072014e-308'
INF: float same flags=2 'Infinity'
-INF: float same flags=2 '-Infinity'
NAN: float same flags=2 'NaN'
true: bool same flags=3 '1'
false: bool same flags=3 ''
null: null same flags=4
empty array: array same flags=4
list: array same flags=4
nested array: array same flags=4
array with a reference: array same flags=4
stdClass: stdClass same flags=4
object: LdbValuesPoint same flags=4
object cycle: LdbValuesPoint same flags=4
float(-INF)
bool(true)
int(48)
bool(true)
int(0)
bool(true)
bool(true)
int(5)
array(2) {
  [0]=>
  int(1)
  [1]=>
  string(3) "5  "
}
int(5)
string(19) "9223372036854775817"
bool(true)
