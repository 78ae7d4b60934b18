--TEST--
An exception thrown by a user's __sleep, __serialize, __wakeup or __unserialize is the LocalDbException's getPrevious()
--SKIPIF--
<?php require __DIR__ . '/../skipif.inc'; ?>
--FILE--
<?php
require_once __DIR__ . '/../servers.inc';
class Sleeps { public $a = 1; function __sleep(): array { throw new DomainException('no sleep'); } }
class Serializes { function __serialize(): array { throw new LogicException('no serialize', 7); } }
class Wakes { public $a = 1; function __wakeup(): void { if (!empty($GLOBALS['refuse'])) throw new RangeException('no wakeup'); } }
class Unserializes {
	function __serialize(): array { return ['x' => 1]; }
	function __unserialize(array $d): void { if (!empty($GLOBALS['refuse'])) throw new UnexpectedValueException('no unserialize'); }
}
[$a] = ldb_test_memcached(1);
$db = new LocalDb([$a]);
function show(string $what, callable $f): void
{
	try {
		$f();
		echo "$what: no exception\n";
	} catch (LocalDbException $e) {
		$p = $e->getPrevious();
		printf("%s: %s %d -> %s(%s, %d)\n", $what, get_class($e), $e->getCode(), $p ? get_class($p) : 'none',
			$p ? $p->getMessage() : '', $p ? $p->getCode() : 0);
	}
}
show('__sleep', fn() => $db->set('k', new Sleeps()));
show('__serialize', fn() => $db->set('k', new Serializes()));
$db->set('w', new Wakes());
$db->set('u', new Unserializes());
$refuse = true;
show('__wakeup', fn() => $db->get('w'));
show('__unserialize', fn() => $db->getMulti(['w', 'u']));
show('__unserialize (getWithCas)', fn() => $db->getWithCas('u'));
/* with exceptions off: a warning, and the call after works */
$quiet = new LocalDb([$a], ['exceptions' => false]);
var_dump($quiet->get('w'), $quiet->getResultCode() === LocalDb::RES_BAD_VALUE);
$refuse = false;
var_dump($quiet->get('w') instanceof Wakes, $quiet->getResultCode());
?>
--CLEAN--
<?php require_once __DIR__ . '/../servers.inc'; ldb_test_cleanup(); ?>
--EXPECTF--
__sleep: LocalDbException 4 -> DomainException(no sleep, 0)
__serialize: LocalDbException 4 -> LogicException(no serialize, 7)
__wakeup: LocalDbException 4 -> RangeException(no wakeup, 0)
__unserialize: LocalDbException 4 -> RangeException(no wakeup, 0)
__unserialize (getWithCas): LocalDbException 4 -> UnexpectedValueException(no unserialize, 0)

Warning: LocalDb::get(): unserialize() failed: RangeException: no wakeup in %s on line %d
NULL
bool(true)
bool(true)
int(0)
