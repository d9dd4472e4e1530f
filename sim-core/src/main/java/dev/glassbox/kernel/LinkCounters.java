package dev.glassbox.kernel;

/** One network interface's counters, as /sys/class/net/IF/statistics and /proc/net/dev give them. */
public record LinkCounters(long rxBytes, long rxPackets, long txBytes, long txPackets) {}
