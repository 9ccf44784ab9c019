#define _GNU_SOURCE
#include "CPortolanNet.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <errno.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

const uint32_t cpn_epoll_in = EPOLLIN;
const uint32_t cpn_epoll_out = EPOLLOUT;
const uint32_t cpn_epoll_err = EPOLLERR;
const uint32_t cpn_epoll_hup = EPOLLHUP;
const uint32_t cpn_epoll_et = EPOLLET;

int cpn_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int cpn_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int cpn_epoll_add(int epfd, int fd, uint32_t events) {
    struct epoll_event event = {.events = events, .data = {.fd = fd}};
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event);
}

int cpn_epoll_del(int epfd, int fd) {
    struct epoll_event event = {0};
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &event);
}

int cpn_epoll_wait(int epfd, int *fds, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event ready[256];
    if (max > 256) max = 256;
    int count;
    do {
        count = epoll_wait(epfd, ready, max, timeout_ms);
    } while (count < 0 && errno == EINTR);
    for (int i = 0; i < count; i++) {
        fds[i] = ready[i].data.fd;
        events[i] = ready[i].events;
    }
    return count;
}

int cpn_grow_descriptor_table(int highest) {
    int base = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (base < 0) return -1;
    int high = fcntl(base, F_DUPFD_CLOEXEC, highest);
    int saved = errno;
    close(base);
    if (high >= 0) close(high);
    errno = saved;
    return high < 0 ? -1 : 0;
}

long cpn_tcp_round_trip_microseconds(int fd) {
    struct tcp_info info;
    socklen_t length = sizeof info;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0) return -1;
    return (long)info.tcpi_rtt;
}

int cpn_enter_network_namespace(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int result = setns(fd, CLONE_NEWNET);
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}
