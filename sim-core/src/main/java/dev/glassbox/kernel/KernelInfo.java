package dev.glassbox.kernel;

/**
 * uname and sysinfo facts: what {@code docker info} and {@code docker version} report. The storage
 * driver is the daemon's choice ({@code --storage-driver}), not the kernel's.
 */
public record KernelInfo(String release, String operatingSystem, String architecture, int cpus, long memTotal,
                         String cgroupVersion, String cgroupDriver,
                         String hostname) {}
