--TEST--
Serializer igbinary (extension loaded by full path in a child PHP): every type round trips, flags 5, the bytes are igbinary's
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/values.inc';
if ($why = ldb_values_skip(['igbinary'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
ldb_values_need(['igbinary']);
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['serializer' => 'igbinary', 'compression' => 'zlib']);
$bad = 0;
foreach (ldb_values_cases() as $name => $value) {
    $db->set('k', $value);
    [$flags, $raw] = ldb_values_item($a, 'k');
    $serialized = is_array($value) || is_object($value) || $value === null;
    if (!ldb_values_same($db->get('k'), $value) || ($serialized && ($flags !== 5 || $raw !== igbinary_serialize($value)))) {
        echo "$name: DIFFERENT (flags $flags)\n";
        $bad++;
    }
}
echo "$bad different\n";
/* the object cycle of the cases is garbage now: collect it (left to the end of the request,
 * run-tests -m reports it as lost, with a stack through the codec) */
unset($value, $got, $v);
gc_collect_cycles();
/* compressed above the threshold: 5 | 0x10 | 0x20 (zlib) */
$big = array_fill(0, 500, 'igbinary');
$db->set('big', $big);
var_dump(ldb_values_item($a, 'big')[0], $db->get('big') === $big);
/* php-serialized items still read with this handle */
(new LocalDb([$a]))->set('p', ['php']);
var_dump($db->get('p'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
0 different
int(53)
bool(true)
array(1) {
  [0]=>
  string(3) "php"
}
