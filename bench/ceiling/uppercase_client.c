/*
 * The cheapest load generator for the uppercase protocol: the yardstick for `socket-lab bench tcp`, not a lab
 * program. N threads, each doing one exchange after another with blocking calls, as the bench does: connect,
 * send the message, half-close, read until the server closes, close; a reply that is not the message in upper
 * case (ASCII) is wrong. No timeouts: a connection the seed's server drops waits for the kernel to try again.
 * Prints its figures in the bench's words, so the same script reads both.
 *
 *   uppercase_client PORT CLIENTS SECONDS [MESSAGE]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in server = {.sin_family = AF_INET};
static const char *message = "the quick brown fox jumps over the lazy dog";
static char expected[1024];
static size_t length;
static atomic_int measuring; /* 0: warming up, 1: counting, 2: done */
static atomic_long done, errors, wrong;

static void *client(void *unused) {
    (void) unused;
    char reply[1025];
    while (atomic_load(&measuring) != 2) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0 || connect(s, (struct sockaddr *) &server, sizeof server) != 0
                || write(s, message, length) != (ssize_t) length) {
            atomic_fetch_add(&errors, 1);
            if (s >= 0) {
                close(s);
            }
            continue;
        }
        shutdown(s, SHUT_WR);
        size_t got = 0;
        ssize_t count;
        while ((count = read(s, reply + got, sizeof reply - got)) > 0) {
            got += (size_t) count;
            if (got == sizeof reply) {
                got = sizeof reply - 1; /* too long: wrong whatever follows */
            }
        }
        close(s);
        if (count < 0) {
            atomic_fetch_add(&errors, 1);
        } else if (got != length || memcmp(reply, expected, length) != 0) {
            atomic_fetch_add(&wrong, 1);
        } else if (atomic_load(&measuring) == 1) {
            atomic_fetch_add(&done, 1);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT CLIENTS SECONDS [MESSAGE]\n", argv[0]);
        return 2;
    }
    server.sin_port = htons((uint16_t) atoi(argv[1]));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    int clients = atoi(argv[2]);
    int seconds = atoi(argv[3]);
    if (argc > 4) {
        message = argv[4];
    }
    length = strlen(message);
    if (length >= sizeof expected) {
        fprintf(stderr, "uppercase_client: the message is longer than %zu bytes\n", sizeof expected - 1);
        return 2;
    }
    for (size_t i = 0; i < length; i++) {
        expected[i] = (char) toupper((unsigned char) message[i]);
    }
    for (int i = 0; i < clients; i++) {
        pthread_t thread;
        pthread_create(&thread, NULL, client, NULL);
        pthread_detach(thread);
    }
    sleep(1); /* warm-up, as the bench's default */
    struct timespec from, until;
    clock_gettime(CLOCK_MONOTONIC, &from);
    atomic_store(&measuring, 1);
    sleep((unsigned) seconds);
    atomic_store(&measuring, 2);
    clock_gettime(CLOCK_MONOTONIC, &until);
    long requests = atomic_load(&done);
    double elapsed = (double) (until.tv_sec - from.tv_sec) + (double) (until.tv_nsec - from.tv_nsec) / 1e9;
    printf("uppercase_client 127.0.0.1:%s: %d clients, %ds measured after 1s warm-up\n", argv[1], clients, seconds);
    printf("requests/s: %.1f (%ld requests in %.1fs)\n", (double) requests / elapsed, requests, elapsed);
    printf("errors: %ld\n", atomic_load(&errors));
    printf("wrong replies: %ld\n", atomic_load(&wrong));
    /* Threads still waiting on a dropped connection are not joined: exiting ends them. */
    return atomic_load(&errors) == 0 && atomic_load(&wrong) == 0 ? 0 : 1;
}
