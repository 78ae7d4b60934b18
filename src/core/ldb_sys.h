/* What differs between POSIX systems and Windows for the core, in one place:
 * sockets, poll, shared memory, fork, the process id.
 *
 * On POSIX each ldb_ function is the system call itself. On Windows (winsock):
 * poll() is WSAPoll(); a socket failure sets errno from WSAGetLastError(), so
 * callers compare errno and print strerror() alike everywhere; sockets stay
 * non-blocking (every read polls first; no SO_RCVTIMEO read); host names are
 * looked up synchronously, on the request path (glibc's getaddrinfo_a is
 * replaced by getaddrinfo); there is no fork, and no memory shared between
 * processes, so server health is per process. A SOCKET is kept in an int, as
 * the core's connections hold descriptors; one above INT_MAX is refused.
 * Windows builds are compiled (scripts/test windows, mingw-w64), never run. */
#ifndef LDB_SYS_H
#define LDB_SYS_H

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef _WIN32

# ifndef WIN32_LEAN_AND_MEAN
#  define WIN32_LEAN_AND_MEAN
# endif
# if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0600
#  undef _WIN32_WINNT
#  define _WIN32_WINNT 0x0600	/* WSAPoll, inet_pton */
# endif
# include <winsock2.h>
# include <ws2tcpip.h>
# include <afunix.h>
# include <windows.h>
# include <sys/types.h>

# ifndef MSG_NOSIGNAL
#  define MSG_NOSIGNAL 0		/* no SIGPIPE on Windows */
# endif
# ifndef MSG_DONTWAIT
#  define MSG_DONTWAIT 0		/* sockets are always non-blocking here */
# endif
# ifndef EPROTO
#  define EPROTO 134
# endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

/* errno from the last failed winsock call */
static inline int ldb_wsa_errno(void)
{
	switch (WSAGetLastError()) {
	case WSAEWOULDBLOCK: return EAGAIN;
	case WSAEINPROGRESS: case WSAEALREADY: return EINPROGRESS;
	case WSAEINTR: return EINTR;
	case WSAECONNRESET: case WSAECONNABORTED: case WSAENETRESET: return ECONNRESET;
	case WSAESHUTDOWN: case WSAENOTCONN: return EPIPE;
	case WSAECONNREFUSED: return ECONNREFUSED;
	case WSAETIMEDOUT: return ETIMEDOUT;
	case WSAENETUNREACH: case WSAENETDOWN: return ENETUNREACH;
	case WSAEHOSTUNREACH: return EHOSTUNREACH;
	case WSAEADDRNOTAVAIL: return EADDRNOTAVAIL;
	case WSAEAFNOSUPPORT: return EAFNOSUPPORT;
	case WSAENOBUFS: return ENOBUFS;
	case WSAEMFILE: return EMFILE;
	default: return EIO;
	}
}

/* Winsock must be started in a process before its first socket or lookup. */
static inline int ldb_wsa_start(void)
{
	static int started;
	WSADATA d;
	if (!started && WSAStartup(MAKEWORD(2, 2), &d) == 0) {
		started = 1;
	}
	return started ? 0 : -1;
}

# define LDB_S(fd) ((SOCKET)(uintptr_t)(fd))
# define LDB_WSA(call) ((call) == SOCKET_ERROR ? (errno = ldb_wsa_errno(), -1) : 0)

/* A non-blocking stream socket, not inherited by child processes. */
static inline int ldb_socket(int family)
{
	SOCKET s;
	u_long on = 1;
	if (ldb_wsa_start() != 0) {
		errno = ENETDOWN;
		return -1;
	}
	s = WSASocketW(family, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
	if (s == INVALID_SOCKET) {
		errno = ldb_wsa_errno();
		return -1;
	}
	if (s > (SOCKET)INT_MAX || ioctlsocket(s, FIONBIO, &on) != 0) {
		closesocket(s);
		errno = EMFILE;
		return -1;
	}
	return (int)s;
}

static inline int ldb_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (connect(LDB_S(fd), sa, len) == 0) {
		return 0;
	}
	/* a non-blocking connect under way says WSAEWOULDBLOCK here */
	errno = WSAGetLastError() == WSAEWOULDBLOCK ? EINPROGRESS : ldb_wsa_errno();
	return -1;
}

static inline int ldb_sock_close(int fd) { return closesocket(LDB_S(fd)); }

static inline int ldb_poll(struct pollfd *p, unsigned n, int ms)
{
	int r = WSAPoll(p, (ULONG)n, ms);
	if (r < 0) {
		errno = ldb_wsa_errno();
	}
	return r;
}

static inline ssize_t ldb_send(int fd, const void *buf, size_t len, int flags)
{
	int r = send(LDB_S(fd), (const char *)buf, len > INT_MAX ? INT_MAX : (int)len, flags);
	return r == SOCKET_ERROR ? (errno = ldb_wsa_errno(), -1) : r;
}

static inline ssize_t ldb_recv(int fd, void *buf, size_t len, int flags)
{
	int r = recv(LDB_S(fd), (char *)buf, len > INT_MAX ? INT_MAX : (int)len, flags);
	return r == SOCKET_ERROR ? (errno = ldb_wsa_errno(), -1) : r;
}

/* Writes up to 64 buffers in one call; the bytes written, or -1. */
static inline ssize_t ldb_sendv(int fd, struct iovec *iov, int cnt, int flags)
{
	WSABUF b[64];
	DWORD sent = 0;
	int i;
	if (cnt > 64) {
		cnt = 64;
	}
	for (i = 0; i < cnt; i++) {
		b[i].buf = (char *)iov[i].iov_base;
		b[i].len = iov[i].iov_len > INT_MAX ? INT_MAX : (ULONG)iov[i].iov_len;
	}
	if (WSASend(LDB_S(fd), b, (DWORD)cnt, &sent, (DWORD)flags, NULL, NULL) != 0) {
		errno = ldb_wsa_errno();
		return -1;
	}
	return (ssize_t)sent;
}

static inline int ldb_setsockopt(int fd, int level, int name, const void *v, socklen_t len)
{
	return LDB_WSA(setsockopt(LDB_S(fd), level, name, (const char *)v, len));
}

/* The pending error of a socket (SO_ERROR) as an errno value; 0 none. */
static inline int ldb_sock_error(int fd)
{
	int e = 0;
	socklen_t len = sizeof(e);
	if (getsockopt(LDB_S(fd), SOL_SOCKET, SO_ERROR, (char *)&e, &len) != 0) {
		return ldb_wsa_errno();
	}
	if (e != 0) {
		WSASetLastError(e);
		return ldb_wsa_errno();
	}
	return 0;
}

/* Reads block with a timeout on POSIX; on Windows they never block (-1). */
static inline int ldb_sock_block_rcvtimeo(int fd, uint32_t ms)
{
	(void)fd;
	(void)ms;
	return -1;
}

static inline int ldb_getpid(void) { return (int)GetCurrentProcessId(); }

static inline void ldb_sleep_ms(unsigned ms) { Sleep(ms); }

/* Zeroed pages, touched only when used; shared: also by forked children, which
 * Windows does not have (NULL: health stays per process). ldb_unmap frees them. */
static inline void *ldb_map(size_t n, int shared)
{
	void *p;
	if (shared) {
		errno = ENOSYS;
		return NULL;
	}
	p = VirtualAlloc(NULL, n, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	if (!p) {
		errno = ENOMEM;
	}
	return p;
}
static inline void ldb_unmap(void *p, size_t n) { (void)n; VirtualFree(p, 0, MEM_RELEASE); }

/* No fork on Windows: nothing to hook. */
static inline void ldb_at_fork_child(void (*fn)(void)) { (void)fn; }

/* glibc's asynchronous lookups, done synchronously: the lookup has finished
 * when getaddrinfo_a returns. */
struct gaicb {
	const char *ar_name;
	const char *ar_service;
	const struct addrinfo *ar_request;
	struct addrinfo *ar_result;
	int ldb_ret;
};
# define GAI_NOWAIT 1
# define EAI_INPROGRESS (-100)
# define EAI_CANCELED (-101)
# define EAI_NOTCANCELED (-102)
# define EAI_ALLDONE (-103)
# define EAI_INTR (-104)
static inline int getaddrinfo_a(int mode, struct gaicb *list[], int n, void *sev)
{
	int i;
	(void)mode;
	(void)sev;
	for (i = 0; i < n; i++) {
		list[i]->ar_result = NULL;
		list[i]->ldb_ret = ldb_wsa_start() == 0
			? getaddrinfo(list[i]->ar_name, list[i]->ar_service, list[i]->ar_request, &list[i]->ar_result)
			: EAI_FAIL;
	}
	return 0;
}
static inline int gai_error(struct gaicb *cb) { return cb->ldb_ret; }
static inline int gai_suspend(const struct gaicb *const list[], int n, const struct timespec *ts)
{
	(void)list;
	(void)n;
	(void)ts;
	return 0;
}
static inline int gai_cancel(struct gaicb *cb) { (void)cb; return EAI_ALLDONE; }

#else /* POSIX */

# include <arpa/inet.h>
# include <fcntl.h>
# include <netdb.h>
# include <netinet/in.h>
# include <netinet/tcp.h>
# include <poll.h>
# include <pthread.h>
# include <sys/mman.h>
# include <sys/socket.h>
# include <sys/time.h>
# include <sys/types.h>
# include <sys/uio.h>
# include <sys/un.h>
# include <unistd.h>

static inline int ldb_socket(int family)
{
	return socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

static inline int ldb_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	return connect(fd, sa, len);
}

static inline int ldb_sock_close(int fd) { return close(fd); }

static inline int ldb_poll(struct pollfd *p, unsigned n, int ms) { return poll(p, n, ms); }

static inline ssize_t ldb_send(int fd, const void *buf, size_t len, int flags)
{
	return send(fd, buf, len, flags);
}

static inline ssize_t ldb_recv(int fd, void *buf, size_t len, int flags)
{
	return recv(fd, buf, len, flags);
}

static inline ssize_t ldb_sendv(int fd, struct iovec *iov, int cnt, int flags)
{
	struct msghdr m = { 0 };
	m.msg_iov = iov;
	m.msg_iovlen = (size_t)cnt;
	return sendmsg(fd, &m, flags);
}

static inline int ldb_setsockopt(int fd, int level, int name, const void *v, socklen_t len)
{
	return setsockopt(fd, level, name, v, len);
}

static inline int ldb_sock_error(int fd)
{
	int e = 0;
	socklen_t len = sizeof(e);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0) {
		return errno;
	}
	return e;
}

/* Make reads of fd block, for at most ms: 0, or -1 (the socket stays as it was
 * or non-blocking, and every read polls first). */
static inline int ldb_sock_block_rcvtimeo(int fd, uint32_t ms)
{
	struct timeval tv;
	int fl = fcntl(fd, F_GETFL);
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		return -1;
	}
	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static inline int ldb_getpid(void) { return (int)getpid(); }

static inline void ldb_sleep_ms(unsigned ms) { poll(NULL, 0, (int)ms); }

static inline void *ldb_map(size_t n, int shared)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}
static inline void ldb_unmap(void *p, size_t n) { munmap(p, n); }

static inline void ldb_at_fork_child(void (*fn)(void)) { pthread_atfork(NULL, NULL, fn); }

#endif

#endif
