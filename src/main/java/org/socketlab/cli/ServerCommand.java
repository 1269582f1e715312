package org.socketlab.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started server running until the process is interrupted (Ctrl-C), then closes it. */
final class ServerCommand {
    private ServerCommand() {
    }

    static int serveUntilInterrupted(AutoCloseable server) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
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
