<?php

/**
 * @generate-class-entries
 */

/**
 * @strict-properties
 * @not-serializable
 */
final class LocalDb implements Stringable
{
    public static function open(array|string|null $servers = null, array $options = []): LocalDb {}

    public function __construct(array|string|null $servers = null, array $options = []) {}

    public function get(string $key): mixed {}

    public function getMulti(array $keys): array {}

    public function set(string $key, mixed $value, int $ttl = 0): bool {}

    public function setMulti(array $items, int $ttl = 0): bool {}

    public function add(string $key, mixed $value, int $ttl = 0): bool {}

    public function replace(string $key, mixed $value, int $ttl = 0): bool {}

    public function append(string $key, string $value): bool {}

    public function prepend(string $key, string $value): bool {}

    public function delete(string $key): bool {}

    public function deleteMulti(array $keys): array {}

    public function incr(string $key, int $by = 1): int|false {}

    public function decr(string $key, int $by = 1): int|false {}

    public function touch(string $key, int $ttl): bool {}

    public function server(?string $key = null): string {}

    public function servers(): array {}

    public function lastError(): ?string {}

    public function lastErrorCode(): int {}

    public function __toString(): string {}
}

class LocalDbException extends RuntimeException
{
    /**
     * @var int
     * @cvalue LDB_E_NO_SERVER
     */
    public const NO_SERVER = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_E_OUTCOME_UNKNOWN
     */
    public const OUTCOME_UNKNOWN = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_E_UNSUPPORTED
     */
    public const UNSUPPORTED = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_E_BAD_VALUE
     */
    public const BAD_VALUE = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_E_SERVER_ERROR
     */
    public const SERVER_ERROR = UNKNOWN;
}
