/*
 * The cheapest uppercase server this machine can run: the yardstick for the Java and Python servers, not a lab
 * program. One thread, no logging, ASCII upper case.
 * TCP: epoll, non-blocking sockets; what arrives is written back upper-cased as it is read (as the Java server
 * streams its reply), and at the client's end of stream the connection is closed. UDP: one blocking socket, each
 * datagram answered to its sender.
 *
 *   uppercase_server PORT [tcp|udp]        prints "The server is ready to receive" once it listens
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static void upper(char *text, ssize_t count) {
    for (ssize_t i = 0; i < count; i++) {
        text[i] = (char) toupper((unsigned char) text[i]);
    }
}

/* Reads what is there and answers it; returns 1 when the connection is done (end of stream or error). */
static int serve(int connection) {
    char buffer[8192];
    for (;;) {
        ssize_t count = read(connection, buffer, sizeof buffer);
        if (count == 0) {
            return 1;
        }
        if (count < 0) {
            return errno != EAGAIN;
        }
        upper(buffer, count);
        /* The replies are short: a loopback socket's send buffer takes them whole. */
        if (write(connection, buffer, (size_t) count) != count) {
            return 1;
        }
    }
}

static int serve_udp(uint16_t port) {
    int socket_fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (bind(socket_fd, (struct sockaddr *) &address, sizeof address) != 0) {
        perror("uppercase_server: bind");
        return 1;
    }
    printf("The server is ready to receive\n");
    fflush(stdout);
    char buffer[65536];
    for (;;) {
        struct sockaddr_storage client;
        socklen_t length = sizeof client;
        ssize_t count = recvfrom(socket_fd, buffer, sizeof buffer, 0, (struct sockaddr *) &client, &length);
        if (count >= 0) {
            upper(buffer, count);
            sendto(socket_fd, buffer, (size_t) count, 0, (struct sockaddr *) &client, length);
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "tcp") != 0 && strcmp(argv[2], "udp") != 0)) {
        fprintf(stderr, "usage: %s PORT [tcp|udp]\n", argv[0]);
        return 2;
    }
    if (argc == 3 && strcmp(argv[2], "udp") == 0) {
        return serve_udp((uint16_t) atoi(argv[1]));
    }
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[1]))};
    if (bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, 4096) != 0) {
        perror("uppercase_server: bind/listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    printf("The server is ready to receive\n");
    fflush(stdout);

    struct epoll_event ready[64];
    for (;;) {
        int count = epoll_wait(poller, ready, 64, -1);
        for (int i = 0; i < count; i++) {
            int fd = ready[i].data.fd;
            if (fd != listener) {
                if (serve(fd)) {
                    close(fd);
                }
                continue;
            }
            int connection;
            /* Under load many connections wait: take them all, and try each at once (its data may be there). */
            while ((connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                if (serve(connection)) {
                    close(connection);
                } else {
                    struct epoll_event more = {.events = EPOLLIN, .data.fd = connection};
                    epoll_ctl(poller, EPOLL_CTL_ADD, connection, &more);
                }
            }
        }
    }
}
