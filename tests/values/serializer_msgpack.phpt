--TEST--
Serializer msgpack (extension loaded by full path in a child PHP): every type round trips, flags 7; truncated msgpack is refused, not handed to the extension
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/values.inc';
if ($why = ldb_values_skip(['msgpack'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
ldb_values_need(['msgpack']);
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a], ['serializer' => 'msgpack', 'compression' => 'zlib']);
$bad = 0;
foreach (ldb_values_cases() as $name => $value) {
    $db->set('k', $value);
    [$flags, $raw] = ldb_values_item($a, 'k');
    $serialized = is_array($value) || is_object($value) || $value === null;
    $got = $db->get('k');
    /* msgpack does not keep PHP references: compare what msgpack itself gives back */
    $want = $serialized ? msgpack_unpack(msgpack_pack($value)) : $value;
    if (!ldb_values_same($got, $want) || ($serialized && ($flags !== 7 || $raw !== msgpack_pack($value)))) {
        echo "$name: DIFFERENT (flags $flags)\n";
        $bad++;
    }
}
echo "$bad different\n";
/* the object cycle of the cases is garbage now: collect it (left to the end of the request,
 * run-tests -m reports it as lost, with a stack through the codec) */
unset($value, $got, $v);
gc_collect_cycles();
$big = array_fill(0, 500, 'msgpack');
$db->set('big', $big);
var_dump(ldb_values_item($a, 'big')[0], $db->get('big') === $big);

/* every prefix of a value with an object in it: the msgpack extension frees memory twice on
 * some of these, so LocalDb checks the structure first; all are refused as corrupt */
$whole = msgpack_pack([1, 2, ['x' => new LdbValuesPoint()]]);
$refused = 0;
for ($n = 0; $n < strlen($whole); $n++) {
    ldb_values_put($a, 'cut', substr($whole, 0, $n), 7);
    try {
        $db->get('cut');
    } catch (LocalDbException $e) {
        $refused += $e->getCode() === LocalDbException::BAD_VALUE;
    }
}
var_dump($refused === strlen($whole));
ldb_values_put($a, 'cut', $whole, 7);
var_dump($db->get('cut')[2]['x'] instanceof LdbValuesPoint);
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
0 different
int(55)
bool(true)
bool(true)
bool(true)
