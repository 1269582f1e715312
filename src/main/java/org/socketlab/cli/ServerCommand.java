package org.socketlab.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started server running until the process is interrupted (Ctrl-C), then closes it and its log. */
final class ServerCommand {
    private ServerCommand() {
    }

    /** What starts a server on a log, such as {@code log -> TcpUppercaseServer.start(address, log)}. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start(ServerLog log) throws Exception;
    }

    /** Starts the server on a {@link ServerLog} of the terminal and serves until the process is interrupted. */
    static int serveUntilInterrupted(StdTerminal terminal, Starter starter) throws Exception {
        ServerLog log = ServerLog.on(terminal);
        AutoCloseable server;
        try {
            server = starter.start(log);
        } catch (Exception e) {
            log.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try (log) {
                server.close();
            } catch (Exception ignored) {
                // The process is ending; there is no one left to tell.
            } finally {
                stopped.countDown();
            }
        }, "socket-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }
}
