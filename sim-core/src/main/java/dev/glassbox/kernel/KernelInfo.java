package dev.glassbox.kernel;

/** uname and sysinfo facts: what {@code docker info} and {@code docker version} report. */
public record KernelInfo(String release, String operatingSystem, String architecture, int cpus, long memTotal,
                         String cgroupVersion, String cgroupDriver, String storageDriver,
                         String hostname) {}
