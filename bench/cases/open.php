<?php
/*
 * The cost of a request that only opens a handle on a group whose connection is already
 * pooled: LocalDb::open(); new Memcached('persistent id') with isPristine() false (servers
 * and options already set); new Memcache + pconnect(). No command is sent. One op = one
 * open; the figure to read is the microseconds per open.
 *
 * Every round runs in a fresh process ("fresh"): pecl memcache keeps about 15 KB per
 * pconnect() until the end of the request, which a long loop would pile up.
 */

return [
	'open' => [
		'title' => 'open (pooled)',
		'profile' => 'plain',
		'unit' => 'open',
		'fresh' => true,
		'prep' => function (BenchClient $c, string $ns): array {
			$c->open();
			if (!$c->set("$ns:open", 'x')) {
				throw new RuntimeException('prep: the first handle does not work');
			}
			return [];
		},
		'run' => function (BenchClient $c, array &$ctx, int $n): void {
			for ($i = 0; $i < $n; $i++) {
				$c->open();
			}
		},
	],
];
