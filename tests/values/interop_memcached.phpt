--TEST--
Interop with \Memcached (php-memcached 3, loaded by full path in a child PHP): each reads every type the other writes, for every serializer and compression both have
--SKIPIF--
<?php
require __DIR__ . '/../skipif.inc';
require_once __DIR__ . '/values.inc';
if ($why = ldb_values_skip(['memcached'])) die("skip $why");
?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
ldb_values_need(['memcached']);
[$a] = ldb_test_memcached(1, ['-I', '8m']);
[$host, $port] = explode(':', $a);
$m = new Memcached();
$m->addServer($host, (int) $port);

$cases = ldb_values_cases();
/* long enough to be compressed by both sides: FastLZ level 1 (< 64 KiB) and level 2 */
$cases['long text'] = str_repeat("Memcached and LocalDb share one format.\n", 100);
$cases['longer text'] = implode(',', range(1, 30000));
$cases['long list'] = range(1, 3000);
$cases['long object'] = (object) ['list' => array_fill(0, 500, 'value'), 'point' => new LdbValuesPoint()];

/* what a value becomes through a serializer that does not keep everything */
function expected(mixed $v, string $serializer, bool $zero_fraction): mixed
{
    if (!is_array($v) && !is_object($v) && $v !== null) {
        return $v;
    }
    return match ($serializer) {
        'json' => json_decode(json_encode($v, $zero_fraction ? JSON_PRESERVE_ZERO_FRACTION : 0), true),
        'msgpack' => msgpack_unpack(msgpack_pack($v)),
        default => $v,
    };
}

function report(string $label, array $different, int $total): void
{
    printf("%s: %d of %d the same%s\n", $label, $total - count($different), $total,
        $different ? ' (different: ' . implode(', ', $different) . ')' : '');
}

$serializers = ['php' => Memcached::SERIALIZER_PHP, 'igbinary' => Memcached::SERIALIZER_IGBINARY,
    'msgpack' => Memcached::SERIALIZER_MSGPACK, 'json' => Memcached::SERIALIZER_JSON_ARRAY];
$compressions = ['zlib' => Memcached::COMPRESSION_ZLIB, 'fastlz' => Memcached::COMPRESSION_FASTLZ];

/* Debian's default: igbinary, FastLZ from 2000 bytes */
echo "-- \\Memcached as configured by default\n";
$db = new LocalDb([$a]);
$different = [];
foreach ($cases as $name => $v) {
    $key = 'm' . md5($name);
    if (!$m->set($key, $v)) {
        $different[] = "$name (not stored)";
    } elseif (!ldb_values_same($db->get($key), expected($v, ini_get('memcached.serializer'), false))) {
        $different[] = $name;
    }
}
report('LocalDb reads', $different, count($cases));

echo "-- \\Memcached writes, LocalDb reads\n";
foreach ($serializers as $sname => $sid) {
    foreach ($compressions as $cname => $cid) {
        $m->setOption(Memcached::OPT_SERIALIZER, $sid);
        $m->setOption(Memcached::OPT_COMPRESSION_TYPE, $cid);
        $different = [];
        $compressed = 0;
        foreach ($cases as $name => $v) {
            if ($sname === 'json' && ($name === 'object cycle')) {
                continue;
            }
            $key = 'm' . md5($name);
            if (!$m->set($key, $v)) {
                $different[] = "$name (not stored)";
                continue;
            }
            $compressed += (ldb_values_item($a, $key)[0] & 0x10) !== 0;
            if (!ldb_values_same($db->get($key), expected($v, $sname, false))) {
                $different[] = $name;
            }
        }
        report("$sname, $cname ($compressed compressed)", $different, count($cases) - ($sname === 'json'));
    }
}

echo "-- LocalDb writes, \\Memcached reads\n";
$m->setOption(Memcached::OPT_SERIALIZER, Memcached::SERIALIZER_JSON_ARRAY);
foreach (array_keys($serializers) as $sname) {
    foreach (array_keys($compressions) as $cname) {
        $w = new LocalDb([$a], ['serializer' => $sname, 'compression' => $cname, 'compression_threshold' => 100]);
        $different = [];
        $compressed = 0;
        foreach ($cases as $name => $v) {
            if ($sname === 'json' && ($name === 'object cycle')) {
                continue;
            }
            $key = 'l' . md5($name);
            $w->set($key, $v);
            $compressed += (ldb_values_item($a, $key)[0] & 0x10) !== 0;
            $got = $m->get($key);
            if ($m->getResultCode() !== Memcached::RES_SUCCESS || !ldb_values_same($got, expected($v, $sname, true))) {
                $different[] = $name;
            }
        }
        report("$sname, $cname ($compressed compressed)", $different, count($cases) - ($sname === 'json'));
    }
}

/* the object cycle of the cases is garbage now: collect it (left to the end of the request,
 * run-tests -m reports it as lost, with a stack through the codec) */
unset($value, $got, $v);
gc_collect_cycles();

echo "-- \\Memcached's user flags (bits 16-31) do not disturb LocalDb\n";
$m->setOption(Memcached::OPT_SERIALIZER, Memcached::SERIALIZER_PHP);
$m->setOption(Memcached::OPT_USER_FLAGS, 0x7abc);
$m->set('uf', ['user' => 'flags']);
$m->set('ufi', 12);
$m->setOption(Memcached::OPT_USER_FLAGS, -1);
printf("flags 0x%x 0x%x\n", ldb_values_item($a, 'uf')[0], ldb_values_item($a, 'ufi')[0]);
var_dump($db->get('uf'), $db->get('ufi'));

echo "-- counters: LocalDb's ints are \\Memcached's, and the other way round\n";
$db->set('c', 10);
var_dump($m->increment('c', 5), $db->get('c'));
$m->set('c2', 20);
var_dump($db->incr('c2', 2), $m->get('c2'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
-- \Memcached as configured by default
LocalDb reads: 33 of 33 the same
-- \Memcached writes, LocalDb reads
php, zlib (4 compressed): 33 of 33 the same
php, fastlz (4 compressed): 33 of 33 the same
igbinary, zlib (4 compressed): 33 of 33 the same
igbinary, fastlz (3 compressed): 33 of 33 the same
msgpack, zlib (4 compressed): 33 of 33 the same
msgpack, fastlz (3 compressed): 33 of 33 the same
json, zlib (4 compressed): 32 of 32 the same
json, fastlz (4 compressed): 32 of 32 the same
-- LocalDb writes, \Memcached reads
php, zlib (4 compressed): 33 of 33 the same
php, fastlz (4 compressed): 33 of 33 the same
igbinary, zlib (4 compressed): 33 of 33 the same
igbinary, fastlz (3 compressed): 33 of 33 the same
msgpack, zlib (4 compressed): 33 of 33 the same
msgpack, fastlz (3 compressed): 33 of 33 the same
json, zlib (4 compressed): 32 of 32 the same
json, fastlz (4 compressed): 32 of 32 the same
-- \Memcached's user flags (bits 16-31) do not disturb LocalDb
flags 0x7abc0004 0x7abc0001
array(1) {
  ["user"]=>
  string(5) "flags"
}
int(12)
-- counters: LocalDb's ints are \Memcached's, and the other way round
int(15)
int(15)
int(22)
int(22)
