<?php
/*
 * incr by 1 of one counter; every answer must be the previous one plus 1.
 */

return [
	'incr' => [
		'title' => 'incr',
		'profile' => 'plain',
		'unit' => 'incr',
		'prep' => function (BenchClient $c, string $ns): array {
			if (!$c->set("$ns:ctr", '1000')) {
				throw new RuntimeException("prep: set $ns:ctr failed");
			}
			return ['key' => "$ns:ctr", 'v' => 1000];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			$key = $ctx['key'];
			$v = $ctx['v'];
			for ($i = 0; $i < $n; $i++) {
				if ($c->incr($key) !== ++$v) {
					throw new RuntimeException("incr $key: expected $v");
				}
			}
			$ctx['v'] = $v;
		},
	],
];
