/*
 * The load generator that ranks the uppercase servers, with its own CPU per exchange printed beside the server's
 * (BENCHMARKS.md compares the two). Not a lab program.
 *
 * Each of CLIENTS clients does one exchange after another, as the seed's clients do:
 *   tcp: a thread per client, with blocking calls: connect, send the message, read until the whole reply is in (or the server closes), close. The client
 *        closes first on a server that waits for its close; there is no half-close. No timeouts: a connection
 *        request the seed's full accept queue drops waits for the kernel to send it again.
 *   udp: sendto, recvfrom: one socket per client, not connected, one datagram in flight each, all the clients on
 *        one thread that waits for their replies with epoll (a reply not within 2 s is an error and the socket is
 *        replaced, so a late reply cannot pass for the next one).
 * A reply that is not the message in upper case (ASCII) is wrong. Only exchanges that finish inside the measured
 * window count. The generator's own CPU time (getrusage) and, given its process id, the server's (/proc/PID/stat)
 * are read at the start and the end of the window, and printed per exchange.
 *
 * TCP connections come from 127.0.0.2 onwards, one source address per thread: a client that closes first leaves
 * its port in TIME_WAIT, and connect() may take such a port again only after a second (tcp_tw_reuse 2), which caps
 * one source address at the 28,232 ports of the ephemeral range a second.
 *
 *   uppercase_client tcp|udp PORT CLIENTS SECONDS [MESSAGE [SERVER_PID]]
 * Prints its figures in the bench's words, so the same script reads both.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

static struct sockaddr_in server = {.sin_family = AF_INET};
static const char *message = "the quick brown fox jumps over the lazy dog";
static char expected[1024];
static size_t length;
static int udp;
static atomic_int measuring; /* 0: warming up, 1: counting, 2: done */
static atomic_long done, wrong, refused, reset, timed_out, no_port, other;

static void count_error(int error) {
    switch (error) {
        case ECONNREFUSED: atomic_fetch_add(&refused, 1); break;
        case ECONNRESET: case EPIPE: atomic_fetch_add(&reset, 1); break;
        case EAGAIN: atomic_fetch_add(&timed_out, 1); break;
        case EADDRNOTAVAIL: atomic_fetch_add(&no_port, 1); break;
        default: atomic_fetch_add(&other, 1); break;
    }
}

static void judge(const char *reply, size_t got) {
    if (got != length || memcmp(reply, expected, length) != 0) {
        atomic_fetch_add(&wrong, 1);
    } else if (atomic_load(&measuring) == 1) {
        atomic_fetch_add(&done, 1);
    }
}

/* A TCP socket that will connect from 127.0.0.(2 + number): the port is chosen at connect(), per destination. */
static int tcp_socket(int number) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || server.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        return s;
    }
    int on = 1;
    struct sockaddr_in source = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000002 + (number % 250))};
    setsockopt(s, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
    if (bind(s, (struct sockaddr *) &source, sizeof source) != 0) {
        close(s);
        return -1;
    }
    return s;
}

static void tcp_exchange(int number) {
    char reply[sizeof expected + 1];
    int s = tcp_socket(number);
    if (s < 0 || connect(s, (struct sockaddr *) &server, sizeof server) != 0
            || write(s, message, length) != (ssize_t) length) {
        count_error(errno);
        if (s >= 0) {
            close(s);
        }
        return;
    }
    size_t got = 0;
    ssize_t count = 1;
    /* The whole reply, and no more: a server that waits for the client's close sends nothing after it. */
    while (got < length && (count = read(s, reply + got, sizeof reply - got)) > 0) {
        got += (size_t) count;
    }
    int error = errno;
    close(s);
    if (count < 0) {
        count_error(error);
    } else {
        judge(reply, got);
    }
}

static void *tcp_client(void *number) {
    while (atomic_load(&measuring) != 2) {
        tcp_exchange((int) (long) number);
    }
    return NULL;
}

/* A UDP client's socket, non-blocking, with the message sent; its reply is awaited through the poller. */
struct udp_client {
    int socket;
    double sent; /* when the message was sent (now()), for the 2 s a reply may take */
    int failed;  /* the send failed (counted then): sent again at the next look, not counted again */
};

static double now(void);

static void udp_send(int poller, struct udp_client *client) {
    client->sent = now();
    client->failed = 0;
    if (client->socket < 0) {
        client->socket = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = client};
        if (client->socket < 0 || epoll_ctl(poller, EPOLL_CTL_ADD, client->socket, &event) != 0) {
            count_error(errno);
            client->failed = 1;
            return;
        }
    }
    if (sendto(client->socket, message, length, 0, (struct sockaddr *) &server, sizeof server) != (ssize_t) length) {
        count_error(errno); /* no reply will come: sent again at the next look */
        client->failed = 1;
    }
}

/* A reply that did not come within 2 s is an error; the socket is replaced, so a late reply cannot pass for the
 * next one. */
static void udp_expire(int poller, struct udp_client *clients, int count) {
    double limit = now() - 2.0;
    for (int i = 0; i < count; i++) {
        if (clients[i].failed || clients[i].sent < limit) {
            if (!clients[i].failed) {
                atomic_fetch_add(&timed_out, 1);
            }
            if (clients[i].socket >= 0) {
                close(clients[i].socket); /* leaves the poller with it */
            }
            clients[i].socket = -1;
            udp_send(poller, &clients[i]);
        }
    }
}

/*
 * All the UDP clients, on one thread: each has its own socket and one datagram in flight, as the seed's client
 * (sendto, then recvfrom), and sends again once its reply is in. One thread that waits on all of them costs a
 * fraction of what 16 blocking threads cost per exchange (they sleep and wake for every reply).
 */
static void *udp_clients(void *count_argument) {
    int count = (int) (long) count_argument;
    int poller = epoll_create1(0);
    struct udp_client *clients = calloc((size_t) count, sizeof *clients);
    if (poller < 0 || clients == NULL) {
        perror("uppercase_client");
        exit(2);
    }
    for (int i = 0; i < count; i++) {
        clients[i].socket = -1;
        udp_send(poller, &clients[i]);
    }
    char reply[65536];
    struct epoll_event ready[64];
    double next_expiry = now() + 0.5;
    while (atomic_load(&measuring) != 2) {
        int events = epoll_wait(poller, ready, 64, 100);
        for (int e = 0; e < events; e++) {
            struct udp_client *client = ready[e].data.ptr;
            struct sockaddr_in from;
            socklen_t from_length = sizeof from;
            ssize_t got = recvfrom(client->socket, reply, sizeof reply, 0, (struct sockaddr *) &from, &from_length);
            if (got < 0 || from.sin_port != server.sin_port || from.sin_addr.s_addr != server.sin_addr.s_addr) {
                continue; /* only the server's answer counts; a refusal shows as the 2 s passing */
            }
            judge(reply, (size_t) got);
            udp_send(poller, client);
        }
        if (now() > next_expiry) {
            udp_expire(poller, clients, count);
            next_expiry = now() + 0.5;
        }
    }
    return NULL;
}

static double seconds_of(struct timeval t) { return (double) t.tv_sec + (double) t.tv_usec / 1e6; }

static double own_cpu(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
}

/* User + system time of a process in seconds, or -1 when it cannot be read. */
static double process_cpu(const char *pid) {
    if (pid == NULL) {
        return -1;
    }
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return -1;
    }
    size_t count = fread(line, 1, sizeof line - 1, file);
    fclose(file);
    line[count] = '\0';
    char *after_name = strrchr(line, ')'); /* the command name may hold spaces */
    unsigned long user, system;
    if (after_name == NULL
            || sscanf(after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &user, &system) != 2) {
        return -1;
    }
    return (double) (user + system) / (double) sysconf(_SC_CLK_TCK);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 5 || (strcmp(argv[1], "tcp") != 0 && strcmp(argv[1], "udp") != 0)) {
        fprintf(stderr, "usage: %s tcp|udp PORT CLIENTS SECONDS [MESSAGE [SERVER_PID]]\n", argv[0]);
        return 2;
    }
    udp = strcmp(argv[1], "udp") == 0;
    server.sin_port = htons((uint16_t) atoi(argv[2]));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    int clients = atoi(argv[3]);
    int seconds = atoi(argv[4]);
    if (argc > 5) {
        message = argv[5];
    }
    const char *server_pid = argc > 6 ? argv[6] : NULL;
    length = strlen(message);
    if (length >= sizeof expected) {
        fprintf(stderr, "uppercase_client: the message is longer than %zu bytes\n", sizeof expected - 1);
        return 2;
    }
    for (size_t i = 0; i < length; i++) {
        expected[i] = (char) toupper((unsigned char) message[i]);
    }
    for (long i = 0; i < (udp ? 1 : clients); i++) {
        pthread_t thread;
        pthread_create(&thread, NULL, udp ? udp_clients : tcp_client, udp ? (void *) (long) clients : (void *) i);
        pthread_detach(thread);
    }
    sleep(1); /* warm-up, as the bench's default */
    double from = now(), own_from = own_cpu(), server_from = process_cpu(server_pid);
    atomic_store(&measuring, 1);
    sleep((unsigned) seconds);
    atomic_store(&measuring, 2);
    double until = now(), own_until = own_cpu(), server_until = process_cpu(server_pid);
    long requests = atomic_load(&done);
    double elapsed = until - from;
    printf("uppercase_client %s 127.0.0.1:%s: %d clients, %ds measured after 1s warm-up\n", argv[1], argv[2],
            clients, seconds);
    printf("requests/s: %.1f (%ld requests in %.1fs)\n", (double) requests / elapsed, requests, elapsed);
    long errors = atomic_load(&refused) + atomic_load(&reset) + atomic_load(&timed_out) + atomic_load(&no_port)
            + atomic_load(&other);
    printf("errors: %ld\n", errors);
    const char *kinds[] = {"connection refused", "connection reset", "no reply within 2s",
            "no free local port", "other"};
    long counts[] = {refused, reset, timed_out, no_port, other};
    for (int i = 0; i < 5; i++) {
        if (counts[i] > 0) {
            printf("  %ld x %s\n", counts[i], kinds[i]);
        }
    }
    printf("wrong replies: %ld\n", atomic_load(&wrong));
    double per = requests > 0 ? 1e6 / (double) requests : 0;
    printf("cpu us/exchange: client %.1f", (own_until - own_from) * per);
    if (server_from >= 0 && server_until >= 0) {
        printf(" server %.1f", (server_until - server_from) * per);
    }
    printf("\n");
    fflush(stdout);
    /* Threads still waiting on a dropped connection are not joined: exiting ends them. */
    _exit(errors == 0 && atomic_load(&wrong) == 0 ? 0 : 1);
}
