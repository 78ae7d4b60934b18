/*
 * The value codec, Zend side: zval <-> payload + flags. The byte formats live in ldb_format.c;
 * this file picks them for a PHP value, runs the serializers and checks classes on the way back.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_strtod.h"
#include "ext/standard/php_var.h"
#include "ext/standard/php_incomplete_class.h"
#include "ext/standard/basic_functions.h"
#include "ext/json/php_json.h"

#include "ldb_codec.h"
#include "ldb_format.h"

#ifdef HAVE_DLFCN_H
# include <dlfcn.h>
#endif

/* JSON depth, as json_encode()/json_decode() default to */
#define LDB_JSON_DEPTH		512
/* how deep the class check follows nested arrays and objects */
#define LDB_CHECK_DEPTH		4096
/* what the unserializers emit about corrupt input, hidden as @ would: the codec reports
 * the failure itself (deprecations, about the classes, stay visible) */
#define LDB_PARSE_DIAGNOSTICS	(E_WARNING | E_NOTICE)

/*
 * igbinary and msgpack are optional extensions that LocalDb does not link against: their C
 * entry points are looked up in the loaded module, so LocalDb loads and works without them
 * and uses them as soon as they are there.
 */
typedef int (*ldb_igbinary_serialize_fn)(uint8_t **ret, size_t *ret_len, zval *z);
typedef int (*ldb_igbinary_unserialize_fn)(const uint8_t *buf, size_t buf_len, zval *z);
typedef void (*ldb_msgpack_serialize_fn)(smart_str *buf, zval *val);
typedef int (*ldb_msgpack_unserialize_fn)(zval *return_value, char *str, size_t str_len);

typedef struct {
	ldb_igbinary_serialize_fn igbinary_serialize;
	ldb_igbinary_unserialize_fn igbinary_unserialize;
	ldb_msgpack_serialize_fn msgpack_serialize;
	ldb_msgpack_unserialize_fn msgpack_unserialize;
} ldb_serializer_api;

/* process-wide: symbols of modules loaded for the life of the process, found at MINIT or on
 * first use (configure refuses thread-safe builds, so one thread writes them) */
static ldb_serializer_api ldb_api;

static void ldb_set_err(char *err, size_t errlen, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);

static void ldb_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The user's exception (from __sleep, __serialize, __wakeup, __unserialize, a
 * JsonSerializable...) behind the codec's last error: kept, with a reference,
 * until the caller takes it as its exception's previous one, or the next error
 * or the end of the request replaces it. */
ZEND_TLS zend_object *ldb_previous;

zend_object *ldb_codec_take_previous(void)
{
	zend_object *ex = ldb_previous;
	ldb_previous = NULL;
	return ex;
}

void ldb_codec_drop_previous(void)
{
	if (ldb_previous) {
		OBJ_RELEASE(ldb_previous);
		ldb_previous = NULL;
	}
}

/* Turn a pending exception into the error message and clear it: the codec never
 * throws. The exception itself is kept for ldb_codec_take_previous(). */
static void ldb_take_exception(char *err, size_t errlen, const char *what)
{
	zend_object *ex = EG(exception);
	zval rv, *msg;

	ldb_codec_drop_previous();

	if (ex == NULL) {
		ldb_set_err(err, errlen, "%s", what);
		return;
	}
	if (zend_is_unwind_exit(ex) || zend_is_graceful_exit(ex)) {
		/* exit() in __wakeup/__sleep: the script is ending, let it */
		ldb_set_err(err, errlen, "%s: exit", what);
		return;
	}
	GC_ADDREF(ex);
	zend_clear_exception();
	ZVAL_UNDEF(&rv);
	msg = zend_read_property_ex(zend_get_exception_base(ex), ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	ZVAL_DEREF(msg);
	ldb_set_err(err, errlen, "%s: %s: %s", what, ZSTR_VAL(ex->ce->name),
		Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "(no message)");
	zval_ptr_dtor(&rv);
	ldb_previous = ex;
}

static void *ldb_module_symbol(const char *module, const char *name)
{
	zend_module_entry *m = zend_hash_str_find_ptr(&module_registry, module, strlen(module));
	void *sym = NULL;

	/* a module dl()'d by a script is unloaded at the end of the request: keep to those
	 * loaded at startup, whose code stays */
	if (m == NULL || m->type != MODULE_PERSISTENT || !m->module_started) {
		return NULL;
	}
#if defined(HAVE_LIBDL) || defined(PHP_WIN32)
	if (m->handle != NULL) {
		sym = DL_FETCH_SYMBOL(m->handle, name);
	}
#endif
#if defined(HAVE_DLFCN_H) && defined(RTLD_DEFAULT)
	/* built into the PHP binary: the symbol is in the global scope */
	if (sym == NULL) {
		sym = dlsym(RTLD_DEFAULT, name);
	}
#endif
	return sym;
}

static void ldb_find_serializers(void)
{
	if (ldb_api.igbinary_serialize == NULL || ldb_api.igbinary_unserialize == NULL) {
		ldb_igbinary_serialize_fn s = (ldb_igbinary_serialize_fn)ldb_module_symbol("igbinary", "igbinary_serialize");
		ldb_igbinary_unserialize_fn u = (ldb_igbinary_unserialize_fn)ldb_module_symbol("igbinary",
			"igbinary_unserialize");

		if (s != NULL && u != NULL) {
			ldb_api.igbinary_serialize = s;
			ldb_api.igbinary_unserialize = u;
		}
	}
	if (ldb_api.msgpack_serialize == NULL || ldb_api.msgpack_unserialize == NULL) {
		ldb_msgpack_serialize_fn s = (ldb_msgpack_serialize_fn)ldb_module_symbol("msgpack", "php_msgpack_serialize");
		ldb_msgpack_unserialize_fn u = (ldb_msgpack_unserialize_fn)ldb_module_symbol("msgpack",
			"php_msgpack_unserialize");

		if (s != NULL && u != NULL) {
			ldb_api.msgpack_serialize = s;
			ldb_api.msgpack_unserialize = u;
		}
	}
}

void ldb_codec_minit(void)
{
	memset(&ldb_api, 0, sizeof(ldb_api));
	ldb_find_serializers();
}

int ldb_codec_has_serializer(ldb_serializer s)
{
	switch (s) {
		case LDB_SER_PHP:
		case LDB_SER_JSON:
			return 1;
		case LDB_SER_IGBINARY:
			if (ldb_api.igbinary_serialize == NULL) {
				ldb_find_serializers();
			}
			return ldb_api.igbinary_serialize != NULL;
		case LDB_SER_MSGPACK:
			if (ldb_api.msgpack_serialize == NULL) {
				ldb_find_serializers();
			}
			return ldb_api.msgpack_serialize != NULL;
		default:
			return 0;
	}
}

int ldb_codec_has_compression(ldb_compression c)
{
	return ldb_method_available((int)c);
}

/* ---- scalars ---- */

/*
 * A float as php-memcached writes it: the shortest digits that read back as the same double
 * (zend_dtoa mode 0), in plain notation unless the exponent is below -4 or more than 5 past
 * the digits; no leading zero before the point (".5"); exponent with a sign and at least two
 * digits ("1e+25", "1.5e-07"). Always '.', whatever the locale.
 */
static size_t ldb_format_double(char *buf, size_t size, double d)
{
	char *digits, *end, *b = buf;
	int decpt, ndig;
	bool sign;

	if (zend_isnan(d)) {
		/* php-memcached writes "-NaN" for a NaN with its sign bit set, and reads that back
		 * as -0.0: write the form everybody reads as NaN */
		return (size_t)snprintf(buf, size, "NaN");
	}
	if (zend_isinf(d)) {
		return (size_t)snprintf(buf, size, "%s", d > 0 ? "Infinity" : "-Infinity");
	}
	digits = zend_dtoa(d, 0, 0, &decpt, &sign, &end);
	ndig = (int)(end - digits);
	/* at most 17 digits, a sign, a point, 5 zeros of padding or a 5-character exponent, or
	 * 3 leading zeros: well within 40 bytes */
	if (sign) {
		*b++ = '-';
	}
	if (decpt <= -4 || decpt > ndig + 5) {
		int e = decpt - 1;

		*b++ = digits[0];
		if (ndig > 1) {
			*b++ = '.';
			memcpy(b, digits + 1, (size_t)ndig - 1);
			b += ndig - 1;
		}
		b += snprintf(b, size - (size_t)(b - buf), "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (decpt <= 0) {
		*b++ = '.';
		for (int i = decpt; i < 0; i++) {
			*b++ = '0';
		}
		memcpy(b, digits, (size_t)ndig);
		b += ndig;
	} else {
		for (int i = 0; i < decpt; i++) {
			*b++ = i < ndig ? digits[i] : '0';
		}
		if (ndig > decpt) {
			*b++ = '.';
			memcpy(b, digits + decpt, (size_t)(ndig - decpt));
			b += ndig - decpt;
		}
	}
	*b = '\0';
	zend_freedtoa(digits);
	return (size_t)(b - buf);
}

static int ldb_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A float's text, as php-memcached and LocalDb write it, or as a person might: 1 and the
 * value, 0 when it is not a number. */
static int ldb_parse_double(const char *p, size_t n, double *out)
{
	char small[64], *buf;
	const char *end;
	int neg = 0, ok;
	size_t i = 0;

	while (n > 0 && ldb_is_blank(p[n - 1])) {
		n--;
	}
	while (i < n && ldb_is_blank(p[i])) {
		i++;
	}
	p += i;
	n -= i;
	if (n == 0) {
		return 0;
	}
	{
		const char *q = p;
		size_t m = n;

		if (*q == '-' || *q == '+') {
			neg = *q == '-';
			q++;
			m--;
		}
		if ((m == 8 && strncasecmp(q, "infinity", 8) == 0) || (m == 3 && strncasecmp(q, "inf", 3) == 0)) {
			*out = neg ? -ZEND_INFINITY : ZEND_INFINITY;
			return 1;
		}
		if (m == 3 && strncasecmp(q, "nan", 3) == 0) {
			*out = ZEND_NAN;
			return 1;
		}
	}
	/* zend_strtod() wants a terminated string; the server's buffer need not be one */
	buf = n < sizeof(small) ? small : emalloc(n + 1);
	memcpy(buf, p, n);
	buf[n] = '\0';
	*out = zend_strtod(buf, &end);
	ok = end == buf + n && (buf[0] != '+' || n > 1);
	if (buf != small) {
		efree(buf);
	}
	return ok;
}

/* ---- class check on read ---- */

typedef struct {
	HashTable *allowed;		/* lowercase class names; empty: no object at all */
	zend_string *refused;	/* the first refused class, referenced */
	bool too_deep;
} ldb_class_check;

static bool ldb_class_allowed(ldb_class_check *c, zend_object *obj)
{
	zend_string *lc;
	bool ok;

	if (obj->ce == php_ce_incomplete_class) {
		/* the php serializer turns a class that is not allowed into this */
		zval *name = obj->properties
			? zend_hash_str_find(obj->properties, MAGIC_MEMBER, sizeof(MAGIC_MEMBER) - 1) : NULL;

		c->refused = (name && Z_TYPE_P(name) == IS_STRING)
			? zend_string_copy(Z_STR_P(name)) : zend_string_copy(obj->ce->name);
		return false;
	}
	if (zend_hash_num_elements(c->allowed) == 0) {
		c->refused = zend_string_copy(obj->ce->name);
		return false;
	}
	lc = zend_string_tolower(obj->ce->name);
	ok = zend_hash_exists(c->allowed, lc);
	zend_string_release(lc);
	if (!ok) {
		c->refused = zend_string_copy(obj->ce->name);
	}
	return ok;
}

/* true when the value holds an object of a class that is not allowed (or is too deep to
 * tell); arrays and objects met twice (references, cycles) are looked at once */
static bool ldb_find_refused(ldb_class_check *c, zval *zv, int depth)
{
	bool bad = false;
	zval *v;

	ZVAL_DEREF(zv);
	if (depth > LDB_CHECK_DEPTH) {
		c->too_deep = true;
		return true;
	}
	if (Z_TYPE_P(zv) == IS_ARRAY) {
		HashTable *ht = Z_ARRVAL_P(zv);

		if (GC_IS_RECURSIVE(ht)) {
			return false;
		}
		GC_TRY_PROTECT_RECURSION(ht);
		ZEND_HASH_FOREACH_VAL(ht, v) {
			if (ldb_find_refused(c, v, depth + 1)) {
				bad = true;
				break;
			}
		} ZEND_HASH_FOREACH_END();
		GC_TRY_UNPROTECT_RECURSION(ht);
	} else if (Z_TYPE_P(zv) == IS_OBJECT) {
		zend_object *obj = Z_OBJ_P(zv);
		HashTable *props;

		if (GC_IS_RECURSIVE(obj)) {
			return false;
		}
		if (!ldb_class_allowed(c, obj)) {
			return true;
		}
		GC_PROTECT_RECURSION(obj);
		props = obj->handlers->get_properties(obj);
		if (props != NULL) {
			ZEND_HASH_FOREACH_VAL(props, v) {
				if (Z_TYPE_P(v) == IS_INDIRECT) {
					v = Z_INDIRECT_P(v);
				}
				if (ldb_find_refused(c, v, depth + 1)) {
					bad = true;
					break;
				}
			} ZEND_HASH_FOREACH_END();
		}
		GC_UNPROTECT_RECURSION(obj);
	}
	return bad;
}

/* After unserialize() built the value: refuse it when it holds an object that is not
 * allowed (unserialize() made such an object an inert __PHP_Incomplete_Class). */
static zend_result ldb_check_classes(const ldb_codec_opts *o, zval *rv, const char *ser, char *err, size_t errlen)
{
	ldb_class_check c = {o->allowed_classes, NULL, false};

	if (o->allowed_classes == NULL) {
		return SUCCESS;
	}
	if (!ldb_find_refused(&c, rv, 0)) {
		return SUCCESS;
	}
	if (c.too_deep) {
		ldb_set_err(err, errlen, "%s value nested too deeply to check its classes", ser);
	} else {
		ldb_set_err(err, errlen, "%s value holds an object of class %s, which is not allowed", ser,
			c.refused ? ZSTR_VAL(c.refused) : "?");
	}
	if (c.refused) {
		zend_string_release(c.refused);
	}
	return FAILURE;
}

/* ---- serializers ---- */

static zend_result ldb_serialize(const ldb_codec_opts *o, zval *value, zend_string **out, uint32_t *type,
	char *err, size_t errlen)
{
	smart_str buf = {0};

	switch (o->serializer) {
		case LDB_SER_PHP: {
			php_serialize_data_t var_hash;

			PHP_VAR_SERIALIZE_INIT(var_hash);
			php_var_serialize(&buf, value, &var_hash);
			PHP_VAR_SERIALIZE_DESTROY(var_hash);
			if (EG(exception)) {
				smart_str_free(&buf);
				ldb_take_exception(err, errlen, "serialize() failed");
				return FAILURE;
			}
			*type = LDB_TYPE_PHP;
			break;
		}
		case LDB_SER_IGBINARY: {
			uint8_t *bytes = NULL;
			size_t len = 0;

			if (!ldb_codec_has_serializer(LDB_SER_IGBINARY)) {
				ldb_set_err(err, errlen, "serializer igbinary is not available (extension not loaded)");
				return FAILURE;
			}
			if (ldb_api.igbinary_serialize(&bytes, &len, value) != 0 || EG(exception)) {
				if (bytes) {
					efree(bytes);
				}
				if (EG(exception)) {
					ldb_take_exception(err, errlen, "igbinary failed");
				} else {
					ldb_set_err(err, errlen, "igbinary could not serialize the value");
				}
				return FAILURE;
			}
			smart_str_appendl(&buf, (const char *)bytes, len);
			efree(bytes);
			*type = LDB_TYPE_IGBINARY;
			break;
		}
		case LDB_SER_MSGPACK:
			if (!ldb_codec_has_serializer(LDB_SER_MSGPACK)) {
				ldb_set_err(err, errlen, "serializer msgpack is not available (extension not loaded)");
				return FAILURE;
			}
			ldb_api.msgpack_serialize(&buf, value);
			if (EG(exception)) {
				smart_str_free(&buf);
				ldb_take_exception(err, errlen, "msgpack failed");
				return FAILURE;
			}
			*type = LDB_TYPE_MSGPACK;
			break;
		case LDB_SER_JSON: {
			/* json_last_error() belongs to the script: leave it as it was */
			php_json_error_code saved = JSON_G(error_code);
			zend_result r = php_json_encode_ex(&buf, value,
				PHP_JSON_PRESERVE_ZERO_FRACTION | PHP_JSON_UNESCAPED_SLASHES | PHP_JSON_UNESCAPED_UNICODE,
				LDB_JSON_DEPTH);
			php_json_error_code code = JSON_G(error_code);

			JSON_G(error_code) = saved;
			if (EG(exception)) {
				smart_str_free(&buf);
				ldb_take_exception(err, errlen, "json encoding failed");
				return FAILURE;
			}
			/* a float that JSON cannot hold makes the encoder write 0, note the error and
			 * carry on: json_encode() then returns false, and so do we */
			if (r == FAILURE || code != PHP_JSON_ERROR_NONE) {
				smart_str_free(&buf);
				ldb_set_err(err, errlen, "json cannot encode the value (%s)",
					code == PHP_JSON_ERROR_UTF8 ? "malformed UTF-8" :
					code == PHP_JSON_ERROR_INF_OR_NAN ? "INF or NAN" :
					code == PHP_JSON_ERROR_DEPTH ? "nested too deeply" :
					code == PHP_JSON_ERROR_RECURSION ? "recursion" :
					code == PHP_JSON_ERROR_UNSUPPORTED_TYPE ? "unsupported type" : "error");
				return FAILURE;
			}
			*type = LDB_TYPE_JSON;
			break;
		}
		default:
			ldb_set_err(err, errlen, "unknown serializer %u", (unsigned)o->serializer);
			return FAILURE;
	}
	*out = smart_str_extract(&buf);
	return SUCCESS;
}

static zend_result ldb_unserialize_php(const ldb_codec_opts *o, const char *p, size_t n, zval *rv, char *err,
	size_t errlen)
{
	php_unserialize_data_t var_hash;
	const unsigned char *cur = (const unsigned char *)p, *max = cur + n;
	HashTable *prev_allowed;
	zval tmp, *target;
	bool ok;
	int saved_reporting;

	ZVAL_UNDEF(&tmp);
	PHP_VAR_UNSERIALIZE_INIT(var_hash);
	/* inside another unserialize() (a __wakeup() that reads LocalDb) the state is shared:
	 * restore its class list afterwards, and build the value in its temporaries */
	prev_allowed = php_var_unserialize_get_allowed_classes(var_hash);
	php_var_unserialize_set_allowed_classes(var_hash, o->allowed_classes);
	target = BG(unserialize).level > 1 ? var_tmp_var(&var_hash) : &tmp;
	/* the parser warns about corrupt data ("Unexpected end of serialized data"): that is
	 * the error this function reports. __wakeup()/__unserialize() run later, in DESTROY,
	 * with the script's own error_reporting */
	saved_reporting = EG(error_reporting);
	EG(error_reporting) &= ~LDB_PARSE_DIAGNOSTICS;
	ok = php_var_unserialize(target, &cur, max, &var_hash) != 0;
	EG(error_reporting) = saved_reporting;
	if (ok && target != &tmp) {
		ZVAL_COPY(&tmp, target);
	} else if (!ok && target == &tmp) {
		zval_ptr_dtor(&tmp);
		ZVAL_UNDEF(&tmp);
	}
	php_var_unserialize_set_allowed_classes(var_hash, prev_allowed);
	/* delayed __wakeup()/__unserialize() calls run here */
	PHP_VAR_UNSERIALIZE_DESTROY(var_hash);

	if (EG(exception)) {
		zval_ptr_dtor(&tmp);
		ldb_take_exception(err, errlen, "unserialize() failed");
		return FAILURE;
	}
	if (!ok) {
		ldb_set_err(err, errlen,
			"php-serialized value is corrupt or nested deeper than unserialize_max_depth (error at offset %zu of %zu bytes)",
			(size_t)((const char *)cur - p), n);
		return FAILURE;
	}
	if (Z_ISREF(tmp)) {
		zend_unwrap_reference(&tmp);
	}
	if (Z_REFCOUNTED(tmp)) {
		gc_check_possible_root(Z_COUNTED(tmp));
	}
	if (ldb_check_classes(o, &tmp, "php-serialized", err, errlen) != SUCCESS) {
		zval_ptr_dtor(&tmp);
		return FAILURE;
	}
	ZVAL_COPY_VALUE(rv, &tmp);
	return SUCCESS;
}

/* igbinary and msgpack: called through the symbols those extensions export */
static zend_result ldb_unserialize_ext(const ldb_codec_opts *o, ldb_serializer ser, const char *name,
	const char *p, size_t n, zval *rv, char *err, size_t errlen)
{
	int saved_reporting;
	bool ok;

	if (o->allowed_classes != NULL) {
		/* neither can limit the classes it builds: an object (and its __wakeup)
		 * exists before any check can see its class, and an item's flags, which
		 * anyone who reaches the server can write, pick the unserializer */
		ldb_set_err(err, errlen, "value is %s-serialized, which cannot limit the classes it creates: refused because allowed_classes is set", name);
		return FAILURE;
	}
	if (!ldb_codec_has_serializer(ser)) {
		ldb_set_err(err, errlen, "value is %s-serialized, and %s is not loaded", name, name);
		return FAILURE;
	}
	/* msgpack frees memory twice on some truncated input: check its structure first */
	if (ser == LDB_SER_MSGPACK && !ldb_msgpack_well_formed(p, n)) {
		ldb_set_err(err, errlen, "corrupt msgpack value");
		return FAILURE;
	}
	/* they warn about corrupt data; that is our error to report */
	saved_reporting = EG(error_reporting);
	EG(error_reporting) &= ~LDB_PARSE_DIAGNOSTICS;
	ZVAL_UNDEF(rv);
	ok = ser == LDB_SER_IGBINARY ? ldb_api.igbinary_unserialize((const uint8_t *)p, n, rv) == 0
		: ldb_api.msgpack_unserialize(rv, (char *)p, n) == SUCCESS;
	EG(error_reporting) = saved_reporting;
	if (EG(exception) || !ok) {
		zval_ptr_dtor(rv);
		ZVAL_NULL(rv);
		if (EG(exception)) {
			char what[32];
			snprintf(what, sizeof(what), "%s failed", name);
			ldb_take_exception(err, errlen, what);
		} else {
			ldb_set_err(err, errlen, "corrupt %s value", name);
		}
		return FAILURE;
	}
	if (Z_TYPE_P(rv) == IS_UNDEF) {
		ZVAL_NULL(rv);
	}
	return SUCCESS;
}

static zend_result ldb_unserialize(const ldb_codec_opts *o, uint32_t type, const char *p, size_t n, zval *rv,
	char *err, size_t errlen)
{
	switch (type) {
		case LDB_TYPE_PHP:
			return ldb_unserialize_php(o, p, n, rv, err, errlen);

		case LDB_TYPE_IGBINARY:
			return ldb_unserialize_ext(o, LDB_SER_IGBINARY, "igbinary", p, n, rv, err, errlen);

		case LDB_TYPE_MSGPACK:
			return ldb_unserialize_ext(o, LDB_SER_MSGPACK, "msgpack", p, n, rv, err, errlen);

		case LDB_TYPE_JSON: {
			php_json_error_code saved = JSON_G(error_code);
			zend_result r;

			/* JSON objects come back as arrays: no object is ever built */
			r = php_json_decode_ex(rv, p, n, PHP_JSON_OBJECT_AS_ARRAY, LDB_JSON_DEPTH);
			JSON_G(error_code) = saved;
			if (r == FAILURE || EG(exception)) {
				zval_ptr_dtor(rv);
				ZVAL_NULL(rv);
				if (EG(exception)) {
					ldb_take_exception(err, errlen, "json decoding failed");
				} else {
					ldb_set_err(err, errlen, "corrupt JSON value");
				}
				return FAILURE;
			}
			return SUCCESS;
		}
	}
	ldb_set_err(err, errlen, "unknown value type %u", (unsigned)type);
	return FAILURE;
}

/* ---- encode ---- */

zend_result ldb_encode(const ldb_codec_opts *o, zval *value, zend_string **out, uint32_t *flags,
	char *err, size_t errlen)
{
	zend_string *payload = NULL;
	uint32_t type = LDB_TYPE_STRING;
	bool may_compress = true, compressed = false;
	size_t hdr = o->tyrant ? LDB_TT_HEADER_LEN : 0;
	zval null_value;

	*out = NULL;
	*flags = 0;
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) == IS_UNDEF) {
		ZVAL_NULL(&null_value);
		value = &null_value;
	}

	switch (Z_TYPE_P(value)) {
		case IS_STRING:
			payload = zend_string_copy(Z_STR_P(value));
			break;
		case IS_LONG: {
			char buf[LDB_LONG_TEXT_MAX];

			payload = zend_string_init(buf, ldb_format_long(buf, (int64_t)Z_LVAL_P(value)), 0);
			type = LDB_TYPE_LONG;
			may_compress = false;
			break;
		}
		case IS_DOUBLE: {
			char buf[64];

			payload = zend_string_init(buf, ldb_format_double(buf, sizeof(buf), Z_DVAL_P(value)), 0);
			type = LDB_TYPE_DOUBLE;
			may_compress = false;
			break;
		}
		case IS_TRUE:
			payload = ZSTR_CHAR('1');
			type = LDB_TYPE_BOOL;
			may_compress = false;
			break;
		case IS_FALSE:
			payload = ZSTR_EMPTY_ALLOC();
			type = LDB_TYPE_BOOL;
			may_compress = false;
			break;
		case IS_NULL:
		case IS_ARRAY:
		case IS_OBJECT:
			if (ldb_serialize(o, value, &payload, &type, err, errlen) == FAILURE) {
				return FAILURE;
			}
			break;
		default:
			ldb_set_err(err, errlen, "a value of type %s cannot be stored", zend_zval_type_name(value));
			return FAILURE;
	}

	if (may_compress && o->compression_threshold > 0 && ZSTR_LEN(payload) >= o->compression_threshold &&
		ldb_method_available(o->compression)) {
		/* room only for a result worth keeping: the compressor gives up as soon as it
		 * cannot pay off, and nothing larger is ever allocated */
		size_t cap = ldb_compress_max_stored(ZSTR_LEN(payload));
		zend_string *c = zend_string_alloc(hdr + cap, 0);
		size_t n = ldb_compress(o->compression, ZSTR_VAL(payload), ZSTR_LEN(payload), ZSTR_VAL(c) + hdr, cap);

		if (n > 0) {
			c = zend_string_truncate(c, hdr + n, 0);
			ZSTR_VAL(c)[hdr + n] = '\0';
			zend_string_release(payload);
			payload = c;
			type |= ldb_method_flags(o->compression);
			compressed = true;
		} else {
			zend_string_efree(c);
		}
	}

	if (!o->tyrant) {
		*out = payload;
		*flags = type;
		return SUCCESS;
	}

	/* Tokyo Tyrant: the header when the bytes alone would not say what they are */
	if (compressed) {
		ldb_tt_header_write(ZSTR_VAL(payload), type);
	} else if (type == LDB_TYPE_LONG ||
		(type == LDB_TYPE_STRING && (ldb_tt_counter_text(ZSTR_VAL(payload), ZSTR_LEN(payload))
			|| !ldb_tt_string_needs_header(ZSTR_VAL(payload), ZSTR_LEN(payload))))) {
		/* as is: a string that is an unsigned decimal number too, so that the
		 * server's incr/decr count on it as memcached's do (a header would make
		 * Tokyo Tyrant count from 0); it reads back as a number */
	} else {
		zend_string *s = zend_string_alloc(LDB_TT_HEADER_LEN + ZSTR_LEN(payload), 0);

		ldb_tt_header_write(ZSTR_VAL(s), type);
		memcpy(ZSTR_VAL(s) + LDB_TT_HEADER_LEN, ZSTR_VAL(payload), ZSTR_LEN(payload));
		ZSTR_VAL(s)[ZSTR_LEN(s)] = '\0';
		zend_string_release(payload);
		payload = s;
	}
	*out = payload;
	*flags = 0;
	return SUCCESS;
}

/* ---- decode ---- */

static void ldb_number_text_to_zval(const char *p, size_t n, int64_t v, int r, zval *rv)
{
	double d;

	if (r == 1) {
#if SIZEOF_ZEND_LONG < 8
		if (v < ZEND_LONG_MIN || v > ZEND_LONG_MAX) {
			ZVAL_DOUBLE(rv, (double)v);
			return;
		}
#endif
		ZVAL_LONG(rv, (zend_long)v);
		return;
	}
	/* above the int range: as PHP reads such a numeric string */
	if (!ldb_parse_double(p, n, &d)) {
		d = 0;
	}
	ZVAL_DOUBLE(rv, d);
}

static zend_result ldb_decode_typed(const ldb_codec_opts *o, const char *p, size_t n, uint32_t flags,
	zval *rv, char *err, size_t errlen)
{
	zend_string *buf = NULL;
	int method = ldb_flags_method(flags);
	uint32_t type = flags & LDB_FLAG_TYPE_MASK;
	zend_result r = SUCCESS;

	if (method == -2) {
		ldb_set_err(err, errlen, "unknown compression in item flags 0x%x", (unsigned)flags);
		return FAILURE;
	}
	if (type > LDB_TYPE_MAX) {
		ldb_set_err(err, errlen, "unknown value type %u in item flags 0x%x", (unsigned)type, (unsigned)flags);
		return FAILURE;
	}
	if (method >= 0) {
		size_t olen;

		if (!ldb_method_available(method)) {
			ldb_set_err(err, errlen, "value is compressed with %s, which this build lacks", ldb_method_name(method));
			return FAILURE;
		}
		if (ldb_compressed_len(method, p, n, &olen) != 0) {
			ldb_set_err(err, errlen, "corrupt %s-compressed value (bad length field)", ldb_method_name(method));
			return FAILURE;
		}
		buf = zend_string_alloc(olen, 0);
		if (ldb_decompress(method, p, n, ZSTR_VAL(buf), olen) != 0) {
			zend_string_efree(buf);
			ldb_set_err(err, errlen, "corrupt %s-compressed value", ldb_method_name(method));
			return FAILURE;
		}
		ZSTR_VAL(buf)[olen] = '\0';
		p = ZSTR_VAL(buf);
		n = olen;
	}

	switch (type) {
		case LDB_TYPE_STRING:
			if (buf != NULL) {
				ZVAL_STR(rv, buf);
				return SUCCESS;
			}
			ZVAL_STRINGL_FAST(rv, p, n);
			break;
		case LDB_TYPE_LONG: {
			int64_t v = 0;
			int k = ldb_parse_long_text(p, n, &v);

			if (k == 0) {
				ldb_set_err(err, errlen, "value flagged as an integer is not one");
				r = FAILURE;
			} else {
				ldb_number_text_to_zval(p, n, v, k, rv);
			}
			break;
		}
		case LDB_TYPE_DOUBLE: {
			double d;

			if (!ldb_parse_double(p, n, &d)) {
				ldb_set_err(err, errlen, "value flagged as a float is not one");
				r = FAILURE;
			} else {
				ZVAL_DOUBLE(rv, d);
			}
			break;
		}
		case LDB_TYPE_BOOL:
			/* php-memcached: true when it begins with '1' */
			ZVAL_BOOL(rv, n > 0 && p[0] == '1');
			break;
		default:
			r = ldb_unserialize(o, type, p, n, rv, err, errlen);
			break;
	}
	if (buf != NULL) {
		zend_string_release(buf);
	}
	return r;
}

zend_result ldb_decode(const ldb_codec_opts *o, const char *data, size_t len, uint32_t flags, zval *rv,
	char *err, size_t errlen)
{
	zend_result r;

	ZVAL_NULL(rv);
	if (data == NULL && len > 0) {
		ldb_set_err(err, errlen, "no data");
		return FAILURE;
	}
	if (data == NULL) {
		data = "";
	}
	if (o->tyrant) {
		uint32_t hflags;
		int64_t v = 0;
		int k;

		if (ldb_tt_header_parse(data, len, &hflags)) {
			r = ldb_decode_typed(o, data + LDB_TT_HEADER_LEN, len - LDB_TT_HEADER_LEN, hflags, rv, err, errlen);
		} else if ((k = ldb_parse_canonical_long(data, len, &v)) != 0) {
			ldb_number_text_to_zval(data, len, v, k, rv);
			r = SUCCESS;
		} else {
			ZVAL_STRINGL_FAST(rv, data, len);
			r = SUCCESS;
		}
	} else {
		r = ldb_decode_typed(o, data, len, flags, rv, err, errlen);
	}
	if (r == FAILURE) {
		zval_ptr_dtor(rv);
		ZVAL_NULL(rv);
	}
	return r;
}
