/*
 * The value codec: a PHP value <-> the bytes (and item flags) stored on a server.
 * Formats: see ldb_format.h. In short, on memcached the flags and payload are php-memcached's
 * (so \Memcached and LocalDb read each other's items); on Tokyo Tyrant, which stores no flags,
 * a 4-byte header inside the value carries them when they are not obvious.
 *
 * Values and how they are stored:
 *   string        as is (type 0); compressed when long enough (below)
 *   int           decimal text (type 1), never compressed, never with a Tyrant header: the
 *                 servers' incr/decr work on it
 *   float         text as php-memcached writes it (type 2): shortest round-trip digits,
 *                 "Infinity", "-Infinity", "NaN"
 *   bool          "1" or "" (type 3)
 *   null, array,  through the serializer (type 4 php, 5 igbinary, 6 json, 7 msgpack);
 *   object        compressed when long enough
 *   resource      refused
 *
 * Compression: when compression_threshold > 0 and the string or serialized payload is at least
 * that long, it is compressed with the configured method, and kept only when the stored
 * payload (4-byte length + compressed data) is smaller than the original by the factor 1.3
 * (php-memcached's default compression_factor). A method this build lacks (zstd) means no
 * compression rather than an error. Reading accepts every method this build has, whatever
 * the configured one.
 *
 * JSON stores arrays and objects as JSON and reads every JSON object back as an array
 * (php-memcached's "json_array"): objects do not survive it as objects.
 *
 * Objects on read (allowed_classes), as unserialize() keeps its own allowed_classes option:
 *   NULL         every class (the default, and what unserialize() and \Memcached do)
 *   a table      only objects of the classes that are its keys, in lowercase; an empty table
 *                (e.g. (HashTable *)&zend_empty_array) allows no object at all
 * A value holding an object of another class fails to decode ("refused class"). With the php
 * serializer the refused object is never created (unserialize() makes it an inert
 * __PHP_Incomplete_Class, which the codec then refuses). igbinary and msgpack have no such
 * hook: the codec checks the value they return, so a refused class's __wakeup()/__unserialize()
 * has already run by then (and its destructor runs when the value is dropped). Use the php
 * serializer where stored data is not trusted.
 */
#ifndef LDB_CODEC_H
#define LDB_CODEC_H

#include "php.h"
#include "ldb_format.h"

typedef enum {
	LDB_SER_PHP = 0,
	LDB_SER_IGBINARY,
	LDB_SER_MSGPACK,
	LDB_SER_JSON
} ldb_serializer;

typedef enum {
	LDB_COMP_ZLIB = LDB_METHOD_ZLIB,
	LDB_COMP_FASTLZ = LDB_METHOD_FASTLZ,
	LDB_COMP_ZSTD = LDB_METHOD_ZSTD
} ldb_compression;

typedef struct {
	uint8_t serializer;				/* ldb_serializer */
	uint8_t compression;			/* ldb_compression used when compressing */
	uint8_t tyrant;					/* 1: type + compression go in a header inside the value */
	uint32_t compression_threshold;	/* bytes; 0 = never compress */
	uint32_t item_size_limit;		/* largest encoded value in bytes; 0 = LDB_MAX_VALUE_LEN */
	HashTable *allowed_classes;		/* on read: NULL = every class; else only these (see above) */
} ldb_codec_opts;

/* The exception a user's method threw behind the last codec error (a new
 * reference, for the caller to own), or NULL; drop_previous releases it. */
zend_object *ldb_codec_take_previous(void);
void ldb_codec_drop_previous(void);

/* The largest encoded value these options let through: item_size_limit, never
 * more than LDB_MAX_VALUE_LEN (1 GiB, memcached's own ceiling). */
size_t ldb_codec_size_limit(const ldb_codec_opts *o);

/*
 * Encode a value for storage. On success *out is a zend_string the caller releases (a plain
 * string that needs no header or compression is returned as the same zend_string with its
 * refcount raised: no copy) and *flags the item flags (memcached) or 0 (tyrant). On failure
 * (a resource, a serializer that is not loaded, a serializer that fails or throws: the
 * exception is caught and its message used) returns FAILURE with a message in err; never
 * throws, never leaves an exception behind.
 */
zend_result ldb_encode(const ldb_codec_opts *o, zval *value, zend_string **out, uint32_t *flags,
	char *err, size_t errlen);

/*
 * Decode bytes read from a server (data, len, flags) into rv. Returns FAILURE with a message
 * in err for a corrupt or truncated payload, an unknown type or compression, a serializer or
 * method that is not available, a refused class, or an exception thrown while unserializing
 * (caught, as with ldb_encode()); rv is then NULL. Never crashes; on tyrant the flags are
 * ignored (the server keeps none).
 */
zend_result ldb_decode(const ldb_codec_opts *o, const char *data, size_t len, uint32_t flags, zval *rv,
	char *err, size_t errlen);

/* MINIT: finds igbinary and msgpack if they are loaded already. Extensions loaded after
 * LocalDb are found on first use, so the order of the ini files does not matter. */
void ldb_codec_minit(void);
int ldb_codec_has_serializer(ldb_serializer s);
int ldb_codec_has_compression(ldb_compression c);

#endif
