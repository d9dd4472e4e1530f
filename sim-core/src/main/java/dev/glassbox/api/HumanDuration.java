package dev.glassbox.api;

/** go-units' HumanDuration: how docker prints "2 minutes" in CREATED and STATUS columns. */
public final class HumanDuration {
    private HumanDuration() {}

    public static String of(long millis) {
        double secondsF = millis / 1000.0;
        long seconds = (long) secondsF;
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = (long) (secondsF / 60);
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = (long) (secondsF / 3600 + 0.5);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) (secondsF / 3600) / 24 / 365 + " years";
    }
}
