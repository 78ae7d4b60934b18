<?php
/*
 * LocalDb demo page: every request writes a value through LocalDb, reads it
 * back, and shows which server of the group answered and how each server is
 * doing. Stop the server in use while it runs, and the next request is served
 * by the other one.
 *
 * As a page (scripts/demo does this for you, with a pair of local memcached):
 *
 *   php -d extension=modules/localdb.so \
 *       -d localdb.servers=127.0.0.1:11211,127.0.0.1:11212 \
 *       -S 127.0.0.1:8080 -t examples
 *
 *   then open http://127.0.0.1:8080/demo.php (it reloads itself every second),
 *   or ask for one line of text: http://127.0.0.1:8080/demo.php?format=text
 *
 * From the command line, as a loop of N requests, one every MS milliseconds:
 *
 *   php -d extension=modules/localdb.so -d localdb.servers=... examples/demo.php [N [MS]]
 *
 * The text format is one line of tab-separated fields:
 *   ok|error  server  written  read  milliseconds  servers  error-message
 * where servers is "host:port=state" for each server, "*" marking the current one.
 */

declare(strict_types=1);

/* One request's worth of work. $n numbers the request in the value written. */
function demo_request(int $n): array
{
	$result = [
		'status' => 'error', 'server' => '-', 'wrote' => '-', 'read' => '-',
		'ms' => 0.0, 'servers' => '-', 'error' => '',
	];
	if (!extension_loaded('localdb')) {
		$result['error'] = 'the localdb extension is not loaded';
		return $result;
	}
	$start = hrtime(true);
	try {
		/* no arguments: the group is ini localdb.servers */
		$db = LocalDb::open();
		$value = sprintf('value-%d@%s', $n, date('H:i:s'));
		if (!$db->set('demo:value', $value, 300)) {
			throw new RuntimeException('set was refused');
		}
		$read = $db->get('demo:value');
		$result['wrote'] = $value;
		$result['read'] = is_string($read) ? $read : var_export($read, true);
		$result['server'] = $db->server();
		$result['status'] = $read === $value ? 'ok' : 'error';
		if ($read !== $value) {
			$result['error'] = 'read back something else than was written';
		}
	} catch (LocalDbException $e) {
		$result['error'] = sprintf('LocalDbException %d: %s', $e->getCode(), $e->getMessage());
	} catch (Throwable $e) {
		$result['error'] = get_class($e) . ': ' . $e->getMessage();
	}
	$result['ms'] = (hrtime(true) - $start) / 1e6;
	if (isset($db)) {
		$result['servers'] = implode(' ', array_map(
			fn(array $s) => sprintf('%s:%d=%s%s', $s['host'], $s['port'], $s['state'], $s['current'] ? '*' : ''),
			$db->servers()
		));
	}
	return $result;
}

function demo_text(array $r): string
{
	$clean = fn($v) => str_replace(["\t", "\n", "\r"], ' ', (string)$v);
	return implode("\t", array_map($clean, [
		$r['status'], $r['server'], $r['wrote'], $r['read'],
		sprintf('%.2f', $r['ms']), $r['servers'], $r['error'],
	])) . "\n";
}

function demo_html(array $r, int $n): string
{
	$h = fn($v) => htmlspecialchars((string)$v, ENT_QUOTES);
	$rows = '';
	foreach ([
		'request' => $n, 'status' => $r['status'], 'answered by' => $r['server'],
		'written' => $r['wrote'], 'read back' => $r['read'],
		'time' => sprintf('%.2f ms', $r['ms']), 'servers' => $r['servers'],
		'error' => $r['error'] === '' ? 'none' : $r['error'],
	] as $name => $value) {
		$rows .= "<tr><th>{$h($name)}</th><td>{$h($value)}</td></tr>\n";
	}
	$color = $r['status'] === 'ok' ? '#1a7f37' : '#cf222e';
	return <<<HTML
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="1; url=?n={$h($n + 1)}">
<title>LocalDb demo</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .3em 1em; border-bottom: 1px solid #ddd; }
.status { color: {$color}; font-weight: bold; }
</style>
</head>
<body>
<h1>LocalDb demo</h1>
<p class="status">{$h(strtoupper($r['status']))}: answered by {$h($r['server'])}</p>
<table>
{$rows}</table>
<p>This page writes a value through LocalDb and reads it back on every load,
once a second. Stop the server marked * and watch the next load move to the other one.</p>
</body>
</html>

HTML;
}

if (PHP_SAPI === 'cli') {
	$count = max(1, (int)($argv[1] ?? 20));
	$interval_ms = max(0, (int)($argv[2] ?? 500));
	$failed = 0;
	for ($n = 1; $n <= $count; $n++) {
		$r = demo_request($n);
		$failed += $r['status'] === 'ok' ? 0 : 1;
		printf("%s #%-3d %s", date('H:i:s'), $n, demo_text($r));
		if ($n < $count) {
			usleep($interval_ms * 1000);
		}
	}
	printf("%d requests, %d failed\n", $count, $failed);
	exit($failed === 0 ? 0 : 1);
}

$n = max(1, (int)($_GET['n'] ?? 1));
$r = demo_request($n);
if (($_GET['format'] ?? '') === 'text') {
	header('Content-Type: text/plain; charset=utf-8');
	echo demo_text($r);
} else {
	header('Content-Type: text/html; charset=utf-8');
	echo demo_html($r, $n);
}
