/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 84265214224804333e7130e9e916890cdde0780e */

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

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_delete, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_deleteMulti arginfo_class_LocalDb_getMulti

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_LocalDb_incr, 0, 1, MAY_BE_LONG|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, by, IS_LONG, 0, "1")
ZEND_END_ARG_INFO()

#define arginfo_class_LocalDb_decr arginfo_class_LocalDb_incr

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_touch, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ttl, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_server, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, key, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_servers, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_lastError, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb_lastErrorCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_LocalDb___toString, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(LocalDb, open);
ZEND_METHOD(LocalDb, __construct);
ZEND_METHOD(LocalDb, get);
ZEND_METHOD(LocalDb, getMulti);
ZEND_METHOD(LocalDb, set);
ZEND_METHOD(LocalDb, setMulti);
ZEND_METHOD(LocalDb, add);
ZEND_METHOD(LocalDb, replace);
ZEND_METHOD(LocalDb, append);
ZEND_METHOD(LocalDb, prepend);
ZEND_METHOD(LocalDb, delete);
ZEND_METHOD(LocalDb, deleteMulti);
ZEND_METHOD(LocalDb, incr);
ZEND_METHOD(LocalDb, decr);
ZEND_METHOD(LocalDb, touch);
ZEND_METHOD(LocalDb, server);
ZEND_METHOD(LocalDb, servers);
ZEND_METHOD(LocalDb, lastError);
ZEND_METHOD(LocalDb, lastErrorCode);
ZEND_METHOD(LocalDb, __toString);


static const zend_function_entry class_LocalDb_methods[] = {
	ZEND_ME(LocalDb, open, arginfo_class_LocalDb_open, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(LocalDb, __construct, arginfo_class_LocalDb___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, get, arginfo_class_LocalDb_get, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, getMulti, arginfo_class_LocalDb_getMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, set, arginfo_class_LocalDb_set, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, setMulti, arginfo_class_LocalDb_setMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, add, arginfo_class_LocalDb_add, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, replace, arginfo_class_LocalDb_replace, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, append, arginfo_class_LocalDb_append, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, prepend, arginfo_class_LocalDb_prepend, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, delete, arginfo_class_LocalDb_delete, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, deleteMulti, arginfo_class_LocalDb_deleteMulti, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, incr, arginfo_class_LocalDb_incr, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, decr, arginfo_class_LocalDb_decr, ZEND_ACC_PUBLIC)
	ZEND_ME(LocalDb, touch, arginfo_class_LocalDb_touch, ZEND_ACC_PUBLIC)
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
