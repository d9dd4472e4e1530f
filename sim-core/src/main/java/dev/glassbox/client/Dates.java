package dev.glassbox.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time as the docker CLI prints it (always UTC here: the simulated host has no time zone). */
final class Dates {
    private static final DateTimeFormatter GO_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'");
    private static final DateTimeFormatter RFC3339_NANO_FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private Dates() {}

    /** time.Time.String(): {@code 2025-01-02 03:04:05 +0000 UTC}. */
    static String goTime(long millis) {
        return GO_STRING.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    /** docker logs -t: {@code 2025-01-02T03:04:05.123000000Z}. */
    static String logTimestamp(long millis) {
        return RFC3339_NANO_FIXED.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    /** jsonmessage.RFC3339NanoFixed with the nanoseconds themselves: {@code 2025-01-02T03:04:05.123456789Z}. */
    static String logTimestamp(long millis, long nanosOfSecond) {
        return RFC3339_NANO_FIXED.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).withNano((int) nanosOfSecond));
    }

    static String rfc3339(long millis) {
        return RFC3339.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    /** ps -ef's STIME for a process started today. */
    static String hourMinute(long millis) {
        return HOUR_MINUTE.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }
}
