# shellcheck shell=bash
# Sourced by the scripts in this folder: the repository root, the one list of
# Debian packages, and small helpers. Not a command of its own.

set -euo pipefail

# CI may start us with standard input closed; libtool (and others) fail on a
# closed descriptor 0, so give it /dev/null then.
if { exec 3<&0; } 2>/dev/null; then
	exec 3<&-
else
	exec < /dev/null
fi

LDB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LDB_ROOT

# The Debian release decides the PHP version: Debian 12 (bookworm) ships PHP
# 8.2, Debian 13 (trixie) PHP 8.4. scripts/test --php 8.4 runs on a Debian 12
# machine inside a Debian 13 root (scripts/php-root), where this same file
# picks the 8.4 packages.
LDB_DEBIAN=$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}" || true)
case "$LDB_DEBIAN" in
bookworm) LDB_PHP=8.2 LDB_CLANG=14 ;;
trixie) LDB_PHP=8.4 LDB_CLANG=19 ;;
*) LDB_PHP= LDB_CLANG= ;;	# not a Debian release we know: scripts/setup says so
esac

# Every Debian package that building, testing, packaging, the demo and the
# benchmarks need. scripts/setup installs the ones missing; keep this the only list.
LDB_PACKAGES=(
	build-essential		# gcc, make: phpize builds and the C tests
	pkg-config			# config.m4 finds zlib and libzstd with it
	"php$LDB_PHP-dev"	# phpize, php-config, headers, run-tests.php
	"php$LDB_PHP-cli"	# runs the tests and the demo
	"php$LDB_PHP-fpm"	# shared health across workers, benchmarks
	"php$LDB_PHP-xml"	# pecl needs it to read package.xml
	php-pear			# pecl package / pecl install checks
	php-parser			# gen_stub.php offline (localdb.stub.php -> arginfo)
	zlib1g-dev			# zlib compression (php-memcached compatible)
	libzstd-dev			# zstd compression
	libmemcached-dev	# libmemcached: the shard ring (required to build), peers and benchmarks
	memcached			# the servers every test talks to
	nutcracker			# twemproxy: a proxy pair as a group (tests/shards)
	"php$LDB_PHP-memcached"	# compatibility tests against the Memcached class
	"php$LDB_PHP-memcache"	# benchmark peer
	"php$LDB_PHP-igbinary"	# igbinary serializer
	"php$LDB_PHP-msgpack"	# msgpack serializer
	valgrind			# phpt run under valgrind (LDB_TEST_VALGRIND=1)
	clang				# C tests and fuzzers
	"libclang-rt-$LDB_CLANG-dev"	# clang's ASan/UBSan/libFuzzer runtimes
	nginx-light			# benchmarks behind PHP-FPM
	wrk					# benchmarks
	gnuplot-nox			# benchmark charts
	curl				# scripts/demo requests its page with it
	git					# scripts/package-xml lists files with git
	gcc-mingw-w64-x86-64	# the "windows" suite: src/core cross-compiled for Windows
	debootstrap			# scripts/php-root: the Debian 13 root for PHP 8.4
)

ldb_log() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

ldb_die() {
	ldb_log "error: $*"
	exit 1
}

# Runs a command as root: directly when we are root, else through sudo.
ldb_as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		ldb_die "need root (or sudo) to run: $*"
	fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
ldb_free_port() {
	php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0", $e, $m) or exit(1);
		echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1), "\n";'
}

# Session bookkeeping: a command run with ldb_in_session gets a session of its
# own, so every process it leaves behind (servers started by tests) can be found
# by session id and stopped by pid, without touching anyone else's processes.

# Pids of the processes still alive in session $1.
ldb_session_pids() {
	local sid=$1 f stat rest
	for f in /proc/[0-9]*/stat; do
		stat=$(cat "$f" 2>/dev/null) || continue
		rest=${stat##*) }			# fields after "pid (comm) "
		set -- $rest				# state ppid pgrp session ...
		# a zombie is already gone, only not yet reaped
		if [ "${4:-}" = "$sid" ] && [ "$1" != Z ]; then
			f=${f#/proc/}
			echo "${f%/stat}"
		fi
	done
}

# Stops what is left of session $1 (TERM, then KILL); prints what it stopped.
ldb_session_stop() {
	local sid=$1 pids pid i
	# give processes that are on their way out (run-tests.php workers) a moment
	for i in 1 2 3 4 5; do
		pids=$(ldb_session_pids "$sid")
		[ -n "$pids" ] || return 0
		sleep 0.2
	done
	for pid in $pids; do
		echo "  left behind: $(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" || echo "pid $pid")"
		kill -TERM "$pid" 2>/dev/null || true
	done
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -n "$(ldb_session_pids "$sid")" ] || return 1
		sleep 0.2
	done
	for pid in $(ldb_session_pids "$sid"); do
		kill -KILL "$pid" 2>/dev/null || true
	done
	return 1
}

# ldb_in_session LOG CMD...: runs CMD in a new session with its output shown and
# copied to LOG; returns CMD's status. Afterwards LDB_LAST_LEFTOVERS is 1 when
# CMD left processes running (they are stopped then), else 0. Call
# ldb_session_trap once first so an interrupt also stops the session.
LDB_CUR_SIDFILE=
ldb_in_session() {
	local log=$1 rc=0 sid pid tailpid
	shift
	LDB_CUR_SIDFILE=$(mktemp)
	: > "$log"
	setsid -w bash -c 'echo $$ > "$0"; exec "$@"' "$LDB_CUR_SIDFILE" "$@" < /dev/null > "$log" 2>&1 &
	pid=$!
	tail -n +1 -s 0.2 -f --pid="$pid" "$log" &
	tailpid=$!
	wait "$pid" || rc=$?
	wait "$tailpid" || true
	LDB_LAST_LEFTOVERS=0
	ldb_session_cleanup || LDB_LAST_LEFTOVERS=1
	return "$rc"
}

# Stops what is left of the session ldb_in_session runs now; false if anything was.
ldb_session_cleanup() {
	local sid=
	[ -n "$LDB_CUR_SIDFILE" ] || return 0
	sid=$(cat "$LDB_CUR_SIDFILE" 2>/dev/null || true)
	rm -f "$LDB_CUR_SIDFILE"
	LDB_CUR_SIDFILE=
	[ -n "$sid" ] || return 0
	ldb_session_stop "$sid"
}

ldb_session_trap() {
	trap 'ldb_session_cleanup >&2 || true' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
