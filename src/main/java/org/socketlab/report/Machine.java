package org.socketlab.report;

/**
 * The machine the scenarios ran on: socket behaviour depends on the operating system, so the report names it.
 *
 * @param os           {@code os.name}, e.g. {@code Linux}
 * @param kernel       {@code os.version}, on Linux the kernel release, e.g. {@code 6.1.0-28-amd64}
 * @param distribution the distribution's pretty name from {@code /etc/os-release}, or null
 * @param arch         {@code os.arch}
 * @param javaVersion  {@code java.runtime.version}
 * @param javaVendor   {@code java.vendor}
 * @param host         the host name
 * @param cpus         processors available to the JVM (timings on a shared 2-core box are not a laptop's)
 */
public record Machine(String os, String kernel, String distribution, String arch, String javaVersion,
        String javaVendor, String host, int cpus) {
}
