/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3b2ccbf78ed093f1204225274740bf857edc9333 */

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_LocalDb_open, 0, 0, LocalDb, 0)
	ZEND_ARG_TYPE_MASK(0, servers, MAY_BE_ARRAY|MAY_BE_STRING|MAY_BE_NULL, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_LocalDb___construct, 0, 0, 0)
	ZEND_ARG_TYPE_MASK(0, servers, MAY_BE_ARRAY|MAY_BE_STRING|MAY_BE_NULL, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_get, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_getWithCas, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_getMulti, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, keys, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_set, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_setMulti, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, items, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_add arginfo_class_LocalDb_set

#define arginfo_class_LocalDb_replace arginfo_class_LocalDb_set

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_append, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_prepend arginfo_class_LocalDb_append

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_cas, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, cas, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_delete, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_deleteMulti arginfo_class_LocalDb_getMulti

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_LocalDb_incr, 0, 1, MAY_BE_LONG|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, by, IS_LONG, 0, "1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, initial, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, ttl, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_decr arginfo_class_LocalDb_incr

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_touch, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ttl, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_flush, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, delay, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_getResultCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_getResultMessage, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_server, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, key, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_servers, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_lastError, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_lastErrorCode arginfo_class_LocalDb_getResultCode

#define arginfo_class_LocalDb___toString arginfo_class_LocalDb_getResultMessage


ZEND_METHOD(LocalDb, open);
ZEND_METHOD(LocalDb, __construct);
ZEND_METHOD(LocalDb, get);
ZEND_METHOD(LocalDb, getWithCas);
ZEND_METHOD(LocalDb, getMulti);
ZEND_METHOD(LocalDb, set);
ZEND_METHOD(LocalDb, setMulti);
ZEND_METHOD(LocalDb, add);
ZEND_METHOD(LocalDb, replace);
ZEND_METHOD(LocalDb, append);
ZEND_METHOD(LocalDb, prepend);
ZEND_METHOD(LocalDb, cas);
ZEND_METHOD(LocalDb, delete);
ZEND_METHOD(LocalDb, deleteMulti);
ZEND_METHOD(LocalDb, incr);
ZEND_METHOD(LocalDb, decr);
ZEND_METHOD(LocalDb, touch);
ZEND_METHOD(LocalDb, flush);
ZEND_METHOD(LocalDb, getResultCode);
ZEND_METHOD(LocalDb, getResultMessage);
ZEND_METHOD(LocalDb, server);
ZEND_METHOD(LocalDb, servers);
ZEND_METHOD(LocalDb, lastError);
ZEND_METHOD(LocalDb, lastErrorCode);
ZEND_METHOD(LocalDb, __toString);


static const zend_function_entry class_LocalDb_methods[] = {
	ZEND_ME(LocalDb, open, arginfo_class_LocalDb_open, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(LocalDb, __construct, arginfo_class_LocalDb___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, get, arginfo_class_LocalDb_get, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, getWithCas, arginfo_class_LocalDb_getWithCas, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, getMulti, arginfo_class_LocalDb_getMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, set, arginfo_class_LocalDb_set, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, setMulti, arginfo_class_LocalDb_setMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, add, arginfo_class_LocalDb_add, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, replace, arginfo_class_LocalDb_replace, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, append, arginfo_class_LocalDb_append, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, prepend, arginfo_class_LocalDb_prepend, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, cas, arginfo_class_LocalDb_cas, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, delete, arginfo_class_LocalDb_delete, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, deleteMulti, arginfo_class_LocalDb_deleteMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, incr, arginfo_class_LocalDb_incr, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, decr, arginfo_class_LocalDb_decr, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, touch, arginfo_class_LocalDb_touch, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, flush, arginfo_class_LocalDb_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, getResultCode, arginfo_class_LocalDb_getResultCode, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, getResultMessage, arginfo_class_LocalDb_getResultMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, server, arginfo_class_LocalDb_server, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, servers, arginfo_class_LocalDb_servers, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, lastError, arginfo_class_LocalDb_lastError, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, lastErrorCode, arginfo_class_LocalDb_lastErrorCode, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, __toString, arginfo_class_LocalDb___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_LocalDbException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_LocalDb(zend_class_entry *class_entry_Stringable)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "LocalDb", class_LocalDb_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_Stringable);

	zval const_RES_SUCCESS_value;
	ZVAL_LONG(&const_RES_SUCCESS_value, LDB_RES_SUCCESS);
	zend_string *const_RES_SUCCESS_name = zend_string_init_interned("RES_SUCCESS", sizeof("RES_SUCCESS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_SUCCESS_name, &const_RES_SUCCESS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_SUCCESS_name);

	zval const_RES_FAILURE_value;
	ZVAL_LONG(&const_RES_FAILURE_value, LDB_RES_FAILURE);
	zend_string *const_RES_FAILURE_name = zend_string_init_interned("RES_FAILURE", sizeof("RES_FAILURE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_FAILURE_name, &const_RES_FAILURE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_FAILURE_name);

	zval const_RES_NOTFOUND_value;
	ZVAL_LONG(&const_RES_NOTFOUND_value, LDB_RES_NOTFOUND);
	zend_string *const_RES_NOTFOUND_name = zend_string_init_interned("RES_NOTFOUND", sizeof("RES_NOTFOUND") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_NOTFOUND_name, &const_RES_NOTFOUND_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_NOTFOUND_name);

	zval const_RES_NOTSTORED_value;
	ZVAL_LONG(&const_RES_NOTSTORED_value, LDB_RES_NOTSTORED);
	zend_string *const_RES_NOTSTORED_name = zend_string_init_interned("RES_NOTSTORED", sizeof("RES_NOTSTORED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_NOTSTORED_name, &const_RES_NOTSTORED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_NOTSTORED_name);

	zval const_RES_DATA_EXISTS_value;
	ZVAL_LONG(&const_RES_DATA_EXISTS_value, LDB_RES_DATA_EXISTS);
	zend_string *const_RES_DATA_EXISTS_name = zend_string_init_interned("RES_DATA_EXISTS", sizeof("RES_DATA_EXISTS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_DATA_EXISTS_name, &const_RES_DATA_EXISTS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_DATA_EXISTS_name);

	zval const_RES_NOT_NUMERIC_value;
	ZVAL_LONG(&const_RES_NOT_NUMERIC_value, LDB_RES_NOT_NUMERIC);
	zend_string *const_RES_NOT_NUMERIC_name = zend_string_init_interned("RES_NOT_NUMERIC", sizeof("RES_NOT_NUMERIC") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_NOT_NUMERIC_name, &const_RES_NOT_NUMERIC_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_NOT_NUMERIC_name);

	zval const_RES_E2BIG_value;
	ZVAL_LONG(&const_RES_E2BIG_value, LDB_RES_E2BIG);
	zend_string *const_RES_E2BIG_name = zend_string_init_interned("RES_E2BIG", sizeof("RES_E2BIG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_E2BIG_name, &const_RES_E2BIG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_E2BIG_name);

	zval const_RES_CLIENT_ERROR_value;
	ZVAL_LONG(&const_RES_CLIENT_ERROR_value, LDB_RES_CLIENT_ERROR);
	zend_string *const_RES_CLIENT_ERROR_name = zend_string_init_interned("RES_CLIENT_ERROR", sizeof("RES_CLIENT_ERROR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_CLIENT_ERROR_name, &const_RES_CLIENT_ERROR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_CLIENT_ERROR_name);

	zval const_RES_SERVER_ERROR_value;
	ZVAL_LONG(&const_RES_SERVER_ERROR_value, LDB_RES_SERVER_ERROR);
	zend_string *const_RES_SERVER_ERROR_name = zend_string_init_interned("RES_SERVER_ERROR", sizeof("RES_SERVER_ERROR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_SERVER_ERROR_name, &const_RES_SERVER_ERROR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_SERVER_ERROR_name);

	zval const_RES_NO_SERVERS_value;
	ZVAL_LONG(&const_RES_NO_SERVERS_value, LDB_RES_NO_SERVERS);
	zend_string *const_RES_NO_SERVERS_name = zend_string_init_interned("RES_NO_SERVERS", sizeof("RES_NO_SERVERS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_NO_SERVERS_name, &const_RES_NO_SERVERS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_NO_SERVERS_name);

	zval const_RES_OUTCOME_UNKNOWN_value;
	ZVAL_LONG(&const_RES_OUTCOME_UNKNOWN_value, LDB_RES_OUTCOME_UNKNOWN);
	zend_string *const_RES_OUTCOME_UNKNOWN_name = zend_string_init_interned("RES_OUTCOME_UNKNOWN", sizeof("RES_OUTCOME_UNKNOWN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_OUTCOME_UNKNOWN_name, &const_RES_OUTCOME_UNKNOWN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_OUTCOME_UNKNOWN_name);

	zval const_RES_UNSUPPORTED_value;
	ZVAL_LONG(&const_RES_UNSUPPORTED_value, LDB_RES_UNSUPPORTED);
	zend_string *const_RES_UNSUPPORTED_name = zend_string_init_interned("RES_UNSUPPORTED", sizeof("RES_UNSUPPORTED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_UNSUPPORTED_name, &const_RES_UNSUPPORTED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_UNSUPPORTED_name);

	zval const_RES_BAD_VALUE_value;
	ZVAL_LONG(&const_RES_BAD_VALUE_value, LDB_RES_BAD_VALUE);
	zend_string *const_RES_BAD_VALUE_name = zend_string_init_interned("RES_BAD_VALUE", sizeof("RES_BAD_VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_BAD_VALUE_name, &const_RES_BAD_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_BAD_VALUE_name);

	zval const_RES_INVALID_ARGUMENTS_value;
	ZVAL_LONG(&const_RES_INVALID_ARGUMENTS_value, LDB_RES_INVALID_ARGUMENTS);
	zend_string *const_RES_INVALID_ARGUMENTS_name = zend_string_init_interned("RES_INVALID_ARGUMENTS", sizeof("RES_INVALID_ARGUMENTS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_RES_INVALID_ARGUMENTS_name, &const_RES_INVALID_ARGUMENTS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_RES_INVALID_ARGUMENTS_name);

	return class_entry;
}

static zend_class_entry *register_class_LocalDbException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_CLASS_ENTRY(ce, "LocalDbException", class_LocalDbException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	zval const_NO_SERVER_value;
	ZVAL_LONG(&const_NO_SERVER_value, LDB_E_NO_SERVER);
	zend_string *const_NO_SERVER_name = zend_string_init_interned("NO_SERVER", sizeof("NO_SERVER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NO_SERVER_name, &const_NO_SERVER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NO_SERVER_name);

	zval const_OUTCOME_UNKNOWN_value;
	ZVAL_LONG(&const_OUTCOME_UNKNOWN_value, LDB_E_OUTCOME_UNKNOWN);
	zend_string *const_OUTCOME_UNKNOWN_name = zend_string_init_interned("OUTCOME_UNKNOWN", sizeof("OUTCOME_UNKNOWN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_OUTCOME_UNKNOWN_name, &const_OUTCOME_UNKNOWN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_OUTCOME_UNKNOWN_name);

	zval const_UNSUPPORTED_value;
	ZVAL_LONG(&const_UNSUPPORTED_value, LDB_E_UNSUPPORTED);
	zend_string *const_UNSUPPORTED_name = zend_string_init_interned("UNSUPPORTED", sizeof("UNSUPPORTED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNSUPPORTED_name, &const_UNSUPPORTED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNSUPPORTED_name);

	zval const_BAD_VALUE_value;
	ZVAL_LONG(&const_BAD_VALUE_value, LDB_E_BAD_VALUE);
	zend_string *const_BAD_VALUE_name = zend_string_init_interned("BAD_VALUE", sizeof("BAD_VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BAD_VALUE_name, &const_BAD_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BAD_VALUE_name);

	zval const_SERVER_ERROR_value;
	ZVAL_LONG(&const_SERVER_ERROR_value, LDB_E_SERVER_ERROR);
	zend_string *const_SERVER_ERROR_name = zend_string_init_interned("SERVER_ERROR", sizeof("SERVER_ERROR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_SERVER_ERROR_name, &const_SERVER_ERROR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_SERVER_ERROR_name);

	return class_entry;
}
