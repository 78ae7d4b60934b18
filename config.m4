dnl config.m4 for extension localdb

PHP_ARG_ENABLE([localdb],
  [whether to enable LocalDb support],
  [AS_HELP_STRING([--enable-localdb], [Enable LocalDb support])],
  [no])

PHP_ARG_WITH([localdb-zstd],
  [whether LocalDb uses libzstd],
  [AS_HELP_STRING([[--with-localdb-zstd[=DIR]]],
    [LocalDb: zstd compression (auto: found by pkg-config when installed; no: without)])],
  [auto], [no])

PHP_ARG_WITH([libmemcached-dir],
  [where libmemcached is],
  [AS_HELP_STRING([--with-libmemcached-dir=DIR],
    [LocalDb: libmemcached's install prefix (default: found by pkg-config); it places keys on shards])],
  [no], [no])

PHP_ARG_ENABLE([localdb-dev],
  [whether to build LocalDb for development],
  [AS_HELP_STRING([--enable-localdb-dev], [LocalDb: -Werror and sanitizers (development only)])],
  [no], [no])

if test "$PHP_LOCALDB" != "no"; then
  dnl Thread-safe PHP (ZTS: Apache's worker/event MPM, FrankenPHP, parallel) is
  dnl refused: server health, connections and the pool are process-wide and not
  dnl synchronised between threads. PHP_THREAD_SAFETY comes from phpize's check
  dnl of the PHP headers (#if ZTS), PHP_ZTS from an in-tree --enable-zts.
  if test "$PHP_THREAD_SAFETY" = "yes" || test "$PHP_ZTS" = "yes"; then
    AC_MSG_ERROR([LocalDb does not support thread-safe (ZTS) PHP builds: its server health, connections and pool are per process and not synchronised between threads. Use a non-thread-safe PHP (PHP-FPM, CLI, Apache prefork with mod_php).])
  fi

  PKG_PROG_PKG_CONFIG

  dnl zlib is required: it is php-memcached's alternative compression and ours by default
  PKG_CHECK_MODULES([ZLIB], [zlib], [
    PHP_EVAL_INCLINE($ZLIB_CFLAGS)
    PHP_EVAL_LIBLINE($ZLIB_LIBS, LOCALDB_SHARED_LIBADD)
  ], [
    PHP_CHECK_LIBRARY(z, compress2, [
      PHP_ADD_LIBRARY(z, 1, LOCALDB_SHARED_LIBADD)
    ], [
      AC_MSG_ERROR([LocalDb needs zlib: install zlib1g-dev])
    ])
  ])

  dnl "auto" (the default, what pecl install passes without a terminal), "yes"
  dnl and an empty answer mean: use pkg-config when libzstd is there; a
  dnl directory overrides it; "no" turns it off
  case "$PHP_LOCALDB_ZSTD" in
    no) ;;
    yes|auto|"")
      PKG_CHECK_MODULES([ZSTD], [libzstd], [
        PHP_EVAL_INCLINE($ZSTD_CFLAGS)
        PHP_EVAL_LIBLINE($ZSTD_LIBS, LOCALDB_SHARED_LIBADD)
        AC_DEFINE(HAVE_LOCALDB_ZSTD, 1, [zstd compression])
      ], [
        if test "$PHP_LOCALDB_ZSTD" = "yes"; then
          AC_MSG_ERROR([libzstd not found: install libzstd-dev or pass --without-localdb-zstd])
        fi
        AC_MSG_NOTICE([libzstd not found: LocalDb is built without zstd compression])
      ])
      ;;
    *)
      if test -r "$PHP_LOCALDB_ZSTD/include/zstd.h"; then
        PHP_ADD_INCLUDE($PHP_LOCALDB_ZSTD/include)
        PHP_ADD_LIBRARY_WITH_PATH(zstd, $PHP_LOCALDB_ZSTD/$PHP_LIBDIR, LOCALDB_SHARED_LIBADD)
        AC_DEFINE(HAVE_LOCALDB_ZSTD, 1, [zstd compression])
      else
        AC_MSG_ERROR([zstd.h not found in $PHP_LOCALDB_ZSTD/include])
      fi
      ;;
  esac

  dnl libmemcached is required: its ketama ring places keys on shards exactly as
  dnl php-memcached does. A directory overrides pkg-config (no, yes or an
  dnl empty answer to pecl's prompt: pkg-config).
  if test "$PHP_LIBMEMCACHED_DIR" != "no" && test "$PHP_LIBMEMCACHED_DIR" != "yes" && test -n "$PHP_LIBMEMCACHED_DIR"; then
    if test -r "$PHP_LIBMEMCACHED_DIR/include/libmemcached/memcached.h"; then
      PHP_ADD_INCLUDE($PHP_LIBMEMCACHED_DIR/include)
      PHP_ADD_LIBRARY_WITH_PATH(memcached, $PHP_LIBMEMCACHED_DIR/$PHP_LIBDIR, LOCALDB_SHARED_LIBADD)
    else
      AC_MSG_ERROR([libmemcached/memcached.h not found in $PHP_LIBMEMCACHED_DIR/include])
    fi
  else
    PKG_CHECK_MODULES([LIBMEMCACHED], [libmemcached >= 1.0], [
      PHP_EVAL_INCLINE($LIBMEMCACHED_CFLAGS)
      PHP_EVAL_LIBLINE($LIBMEMCACHED_LIBS, LOCALDB_SHARED_LIBADD)
    ], [
      AC_MSG_ERROR([LocalDb needs libmemcached: install libmemcached-dev or pass --with-libmemcached-dir=DIR])
    ])
  fi

  LOCALDB_CFLAGS="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -I@ext_srcdir@/src/core -I@ext_srcdir@/src/php"
  if test "$PHP_LOCALDB_DEV" != "no"; then
    LOCALDB_CFLAGS="$LOCALDB_CFLAGS -Werror -g -O1 -fno-omit-frame-pointer"
  fi

  PHP_SUBST(LOCALDB_SHARED_LIBADD)
  PHP_NEW_EXTENSION(localdb,
    php_localdb.c \
    src/core/ldb_servers.c \
    src/core/ldb_health.c \
    src/core/ldb_reader.c \
    src/core/ldb_conn.c \
    src/core/ldb_exchange.c \
    src/core/ldb_group.c \
    src/core/ldb_pool.c \
    src/core/ldb_ring.c \
    src/php/ldb_codec.c \
    src/php/ldb_format.c \
    src/php/ldb_fastlz.c \
    src/php/ldb_session.c,
    $ext_shared,, $LOCALDB_CFLAGS)
  PHP_ADD_BUILD_DIR($ext_builddir/src/core)
  PHP_ADD_BUILD_DIR($ext_builddir/src/php)
  PHP_ADD_EXTENSION_DEP(localdb, session)
fi
