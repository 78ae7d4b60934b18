<?php
/*
 * The three clients the benchmarks compare, behind one small interface, so that every case
 * runs the same PHP code around each client's own call. The adapter's userland call costs
 * the same for all three; it is part of every figure and cancels out of the ratios.
 *
 * Each client is run in a PHP process of its own started with -n and exactly the extensions
 * it needs (bench_client_php_args()), so nothing else loaded changes its figures.
 *
 * Profiles (how a client is configured):
 *   plain     one server, compression off, PHP's serializer: the client's own cost
 *   defaults  one server, the client's defaults (compression included): what a user gets
 *   failover  two servers "first,second" configured for failover, as in bench/README.md
 */

const BENCH_CLIENTS = ['localdb', 'memcached', 'memcache'];

const BENCH_CLIENT_LABELS = [
	'localdb' => 'LocalDb',
	'memcached' => 'php-memcached',
	'memcache' => 'pecl memcache',
];

/* php -n arguments that load exactly what $client needs (Debian's memcached.so needs
 * igbinary.so and msgpack.so loaded before it). */
function bench_client_php_args(string $client, string $localdb_so): array
{
	$args = ['-n', '-d', 'error_reporting=' . E_ALL, '-d', 'display_errors=stderr', '-d', 'log_errors=0',
		'-d', 'memory_limit=512M'];
	switch ($client) {
		case 'localdb':
			array_push($args, '-d', "extension=$localdb_so");
			break;
		case 'memcached':
			array_push($args, '-d', 'extension=igbinary.so', '-d', 'extension=msgpack.so', '-d', 'extension=memcached.so');
			break;
		case 'memcache':
			/* pecl memcache 4.0.5 sets a dynamic property on itself in pconnect(), which PHP
			 * 8.2 reports as deprecated on every call: not what is measured here */
			array_push($args, '-d', 'extension=memcache.so', '-d', 'error_reporting=' . (E_ALL & ~E_DEPRECATED),
				'-d', 'memcache.allow_failover=1');
			break;
		default:
			throw new InvalidArgumentException("unknown client $client");
	}
	return $args;
}

/* "host:port" -> [host, port] */
function bench_split_server(string $server): array
{
	$i = strrpos($server, ':');
	return [trim(substr($server, 0, $i), '[]'), (int) substr($server, $i + 1)];
}

abstract class BenchClient
{
	/** @var list<string> "host:port" */
	protected array $servers;

	public function __construct(public readonly string $profile, array $servers, public readonly string $tag)
	{
		$this->servers = $servers;
	}

	public static function create(string $client, string $profile, array $servers, string $tag = 'bench'): BenchClient
	{
		return match ($client) {
			'localdb' => new BenchLocalDb($profile, $servers, $tag),
			'memcached' => new BenchMemcached($profile, $servers, $tag),
			'memcache' => new BenchMemcache($profile, $servers, $tag),
		};
	}

	/* Open the handle the way one request of a web page does; later calls use it. */
	abstract public function open(): void;
	abstract public function get(string $key): mixed;
	abstract public function getMulti(array $keys): array;
	abstract public function set(string $key, mixed $value): bool;
	abstract public function incr(string $key): int|false;
	/* A short word on why the last call failed, for the failover benchmark's log. */
	abstract public function why(): string;

	/* What the client knows about its servers, when it tells (LocalDb::servers()). */
	public function state(): ?array
	{
		return null;
	}
}

final class BenchLocalDb extends BenchClient
{
	private LocalDb $h;
	private string $list;
	private array $options;

	public function __construct(string $profile, array $servers, string $tag)
	{
		parent::__construct($profile, $servers, $tag);
		$this->list = implode(',', $servers);
		$this->options = match ($profile) {
			'plain' => ['compression_threshold' => 0, 'serializer' => 'php'],
			'defaults' => [],
			'failover' => ['retry_interval' => 10, 'connect_timeout' => 250, 'timeout' => 500],
		};
	}

	public function open(): void
	{
		$this->h = LocalDb::open($this->list, $this->options);
	}

	public function get(string $key): mixed
	{
		return $this->h->get($key);
	}

	public function getMulti(array $keys): array
	{
		return $this->h->getMulti($keys);
	}

	public function set(string $key, mixed $value): bool
	{
		return $this->h->set($key, $value);
	}

	public function incr(string $key): int|false
	{
		return $this->h->incr($key, 1);
	}

	public function why(): string
	{
		return (string) $this->h->lastError();
	}

	public function state(): ?array
	{
		return $this->h->servers();
	}
}

final class BenchMemcached extends BenchClient
{
	private Memcached $h;

	public function open(): void
	{
		/* the documented idiom: a persistent instance keeps its servers and options, so
		 * they are set only when the instance is new */
		$this->h = new Memcached($this->tag . '-' . $this->profile);
		if (!$this->h->isPristine()) {
			return;
		}
		$opts = [];
		switch ($this->profile) {
			case 'plain':
				/* Nagle's algorithm would hold a large set's second write back */
				$opts = [Memcached::OPT_COMPRESSION => false, Memcached::OPT_SERIALIZER => Memcached::SERIALIZER_PHP,
					Memcached::OPT_TCP_NODELAY => true];
				break;
			case 'defaults':
				$opts = [Memcached::OPT_TCP_NODELAY => true];
				break;
			case 'failover':
				$opts = [
					Memcached::OPT_LIBKETAMA_COMPATIBLE => true,
					Memcached::OPT_DISTRIBUTION => Memcached::DISTRIBUTION_CONSISTENT,
					Memcached::OPT_NUMBER_OF_REPLICAS => 1,
					Memcached::OPT_REMOVE_FAILED_SERVERS => true,
					Memcached::OPT_SERVER_FAILURE_LIMIT => 1,
					Memcached::OPT_RETRY_TIMEOUT => 10,
					Memcached::OPT_CONNECT_TIMEOUT => 250,
					Memcached::OPT_POLL_TIMEOUT => 500,
					Memcached::OPT_TCP_NODELAY => true,
				];
				/* libmemcached keeps and reads replicas only over the binary protocol:
				 * without it OPT_NUMBER_OF_REPLICAS does nothing (BENCH_MEMCACHED_ASCII=1
				 * measures that configuration) */
				if (getenv('BENCH_MEMCACHED_ASCII') !== '1') {
					$opts[Memcached::OPT_BINARY_PROTOCOL] = true;
				}
				break;
		}
		if (!$this->h->setOptions($opts)) {
			throw new RuntimeException('Memcached::setOptions: ' . $this->h->getResultMessage());
		}
		$this->h->addServers(array_map('bench_split_server', $this->servers));
	}

	public function get(string $key): mixed
	{
		return $this->h->get($key);
	}

	public function getMulti(array $keys): array
	{
		return $this->h->getMulti($keys) ?: [];
	}

	public function set(string $key, mixed $value): bool
	{
		return $this->h->set($key, $value);
	}

	public function incr(string $key): int|false
	{
		return $this->h->increment($key, 1);
	}

	public function why(): string
	{
		return $this->h->getResultCode() . ' ' . $this->h->getResultMessage();
	}
}

final class BenchMemcache extends BenchClient
{
	private Memcache $h;

	public function open(): void
	{
		$this->h = new Memcache();
		if ($this->profile === 'failover') {
			/* persistent, weight 1, 0.25 s timeout (pecl memcache has one timeout for the
			 * connect and the replies), a failed server is retried after 10 s */
			foreach ($this->servers as $s) {
				[$host, $port] = bench_split_server($s);
				$this->h->addServer($host, $port, true, 1, 0.25, 10);
			}
			return;
		}
		[$host, $port] = bench_split_server($this->servers[0]);
		/* no compression to turn off for "plain": pecl memcache compresses only values over
		 * memcache.compress_threshold (20000 bytes by default) or given MEMCACHE_COMPRESSED */
		if (!$this->h->pconnect($host, $port)) {
			throw new RuntimeException("Memcache::pconnect($host, $port) failed");
		}
	}

	public function get(string $key): mixed
	{
		return $this->h->get($key);
	}

	public function getMulti(array $keys): array
	{
		return $this->h->get($keys) ?: [];
	}

	public function set(string $key, mixed $value): bool
	{
		return $this->h->set($key, $value);
	}

	public function incr(string $key): int|false
	{
		return $this->h->increment($key, 1);
	}

	public function why(): string
	{
		return 'false';
	}
}
