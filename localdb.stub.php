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
    /**
     * @var int
     * @cvalue LDB_RES_SUCCESS
     */
    public const RES_SUCCESS = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_FAILURE
     */
    public const RES_FAILURE = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_NOTFOUND
     */
    public const RES_NOTFOUND = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_NOTSTORED
     */
    public const RES_NOTSTORED = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_DATA_EXISTS
     */
    public const RES_DATA_EXISTS = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_NOT_NUMERIC
     */
    public const RES_NOT_NUMERIC = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_E2BIG
     */
    public const RES_E2BIG = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_CLIENT_ERROR
     */
    public const RES_CLIENT_ERROR = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_SERVER_ERROR
     */
    public const RES_SERVER_ERROR = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_NO_SERVERS
     */
    public const RES_NO_SERVERS = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_OUTCOME_UNKNOWN
     */
    public const RES_OUTCOME_UNKNOWN = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_UNSUPPORTED
     */
    public const RES_UNSUPPORTED = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_BAD_VALUE
     */
    public const RES_BAD_VALUE = UNKNOWN;
    /**
     * @var int
     * @cvalue LDB_RES_INVALID_ARGUMENTS
     */
    public const RES_INVALID_ARGUMENTS = UNKNOWN;

    public static function open(array|string|null $servers = null, array $options = []): LocalDb {}

    public function __construct(array|string|null $servers = null, array $options = []) {}

    public function get(string $key): mixed {}

    public function getWithCas(string $key): ?array {}

    public function getMulti(array $keys): array {}

    public function set(string $key, mixed $value, int $ttl = 0): bool {}

    public function setMulti(array $items, int $ttl = 0): bool {}

    public function add(string $key, mixed $value, int $ttl = 0): bool {}

    public function replace(string $key, mixed $value, int $ttl = 0): bool {}

    public function append(string $key, string $value): bool {}

    public function prepend(string $key, string $value): bool {}

    public function cas(string $key, mixed $value, int $cas, int $ttl = 0): bool {}

    public function delete(string $key): bool {}

    public function deleteMulti(array $keys): array {}

    public function incr(string $key, int $by = 1, ?int $initial = null, int $ttl = 0): int|false {}

    public function decr(string $key, int $by = 1, ?int $initial = null, int $ttl = 0): int|false {}

    public function touch(string $key, int $ttl): bool {}

    public function flush(int $delay = 0): bool {}

    public function getResultCode(): int {}

    public function getResultMessage(): string {}

    public function server(?string $key = null): string {}

    public function servers(): array {}

    /** The message of getResultMessage() when the last call failed or the server gave a reason, else null. */
    public function lastError(): ?string {}

    /** The LocalDbException code for the last call's result code (0 for success and answers). */
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
