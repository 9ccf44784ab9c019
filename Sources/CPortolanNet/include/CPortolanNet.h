#ifndef CPORTOLANNET_H
#define CPORTOLANNET_H

// The few epoll calls portolan's prober needs. Swift's Glibc module does not include <sys/epoll.h>,
// and struct epoll_event is packed on x86_64, so the calls are wrapped here with plain arrays.

#include <stdint.h>

/// Interest and readiness flags (the values of EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLET).
extern const uint32_t cpn_epoll_in;
extern const uint32_t cpn_epoll_out;
extern const uint32_t cpn_epoll_err;
extern const uint32_t cpn_epoll_hup;
extern const uint32_t cpn_epoll_et;

/// epoll_create1(EPOLL_CLOEXEC); -1 and errno on failure.
/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from birth, so no process spawned by another thread
/// inherits them (Swift's Glibc module does not import pipe2).
int cpn_pipe_cloexec(int fds[2]);

int cpn_epoll_create(void);
/// Adds fd with the given interest; 0 or -1 and errno.
int cpn_epoll_add(int epfd, int fd, uint32_t events);
/// Removes fd; 0 or -1 and errno.
int cpn_epoll_del(int epfd, int fd);
/// Waits up to timeout_ms; writes each ready fd and its events; returns the count, or -1 and errno.
int cpn_epoll_wait(int epfd, int *fds, uint32_t *events, int max, int timeout_ms);

/// Grows the process's descriptor table to hold descriptor number `highest` (a duplicate of
/// /dev/null at `highest` or above, closed at once); 0, or -1 and errno (the table is left as it was).
int cpn_grow_descriptor_table(int highest);

/// The kernel's smoothed round trip of a TCP connection in microseconds (`TCP_INFO`'s tcpi_rtt; for a
/// connection just established, the SYN to SYN-ACK time); -1 and errno on failure.
long cpn_tcp_round_trip_microseconds(int fd);

/// Moves the calling thread into the network namespace at `path` (such as /run/netns/NAME):
/// sockets it opens afterwards live there. 0, or -1 and errno.
int cpn_enter_network_namespace(const char *path);

#endif
