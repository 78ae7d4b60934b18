--TEST--
Values that cannot be stored (resources, closures, objects whose serialization throws) fail with BAD_VALUE before anything is sent; exceptions from __wakeup() on read too
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/values.inc';
class Refuses
{
    public function __serialize(): array { throw new DomainException('not today'); }
}
class WakesBadly
{
    public int $x = 1;
    public function __wakeup(): void { throw new UnexpectedValueException('cannot wake'); }
}
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
$before = ldb_test_stat($a, 'cmd_set');
foreach (['resource' => STDERR, 'closure' => fn() => 1, 'closure in an array' => [fn() => 1],
    'throwing __serialize' => new Refuses()] as $name => $v) {
    try {
        $db->set('k', $v);
        echo "$name: stored\n";
    } catch (LocalDbException $e) {
        echo "$name: ", $e->getCode(), ' ', $e->getMessage(), "\n";
    }
}
var_dump(ldb_test_stat($a, 'cmd_set') === $before, $db->lastErrorCode());
try {
    $db->setMulti(['ok' => 1, 'bad' => STDERR]);
} catch (LocalDbException $e) {
    echo 'setMulti: ', $e->getCode(), "\n";
}
$db->set('w', new WakesBadly());
try {
    $db->get('w');
} catch (LocalDbException $e) {
    echo 'get: ', $e->getCode(), ' ', $e->getMessage(), "\n";
    /* the exception __wakeup threw is kept */
    var_dump(get_class($e->getPrevious()), $e->getPrevious()->getMessage());
}
$db->set('k', 'fine');
var_dump($db->get('k'));
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECT--
resource: 4 LocalDb: a value of type resource cannot be stored
closure: 4 LocalDb: serialize() failed: Exception: Serialization of 'Closure' is not allowed
closure in an array: 4 LocalDb: serialize() failed: Exception: Serialization of 'Closure' is not allowed
throwing __serialize: 4 LocalDb: serialize() failed: DomainException: not today
bool(true)
int(4)
setMulti: 4
get: 4 LocalDb: unserialize() failed: UnexpectedValueException: cannot wake
string(24) "UnexpectedValueException"
string(11) "cannot wake"
string(4) "fine"
