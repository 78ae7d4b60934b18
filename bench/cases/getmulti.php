<?php
/*
 * getMulti of 100 keys of 100 bytes each (pecl memcache: get() with an array). One op is
 * one call for all 100 keys; every answer must hold all 100 values.
 */

return [
	'getmulti_100' => [
		'title' => 'getMulti 100 keys',
		'profile' => 'plain',
		'unit' => 'getMulti(100)',
		'prep' => function (BenchClient $c, string $ns): array {
			$want = [];
			for ($i = 0; $i < 100; $i++) {
				$want["$ns:gm:$i"] = bench_value(100, "gm$i");
				if (!$c->set("$ns:gm:$i", $want["$ns:gm:$i"])) {
					throw new RuntimeException("prep: set $ns:gm:$i failed");
				}
			}
			return ['keys' => array_keys($want), 'want' => $want];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			$keys = $ctx['keys'];
			$want = $ctx['want'];
			for ($i = 0; $i < $n; $i++) {
				$got = $c->getMulti($keys);
				if (count($got) !== 100) {
					throw new RuntimeException('getMulti returned ' . count($got) . ' of 100 values');
				}
			}
			ksort($got);
			$w = $want;
			ksort($w);
			if ($got !== $w) {
				throw new RuntimeException('getMulti returned wrong values');
			}
		},
	],
];
