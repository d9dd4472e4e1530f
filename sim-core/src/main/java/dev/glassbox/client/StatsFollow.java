package dev.glassbox.client;

import java.util.function.Supplier;

/**
 * {@code docker stats} at the user's console: a new reading every half second of engine time, drawn over the last
 * one with the bytes the docker 28 CLI writes (cursor home, the table, the table again with each line erased to its
 * end, the rest of the screen erased), until the user presses Ctrl-C (the CLI exits 130).
 */
final class StatsFollow {
    /** The docker CLI's ticker. */
    static final long INTERVAL_MILLIS = 500;

    private final Session s;
    private final Supplier<String> reading;

    StatsFollow(Session s, Supplier<String> reading) {
        this.s = s;
        this.reading = reading;
    }

    int run() {
        s.showOnConsole();
        s.console.open(false);
        try {
            long due = s.nowMillis() + INTERVAL_MILLIS;
            while (true) {
                if (s.nowMillis() >= due) {
                    draw(reading.get());
                    due = s.nowMillis() + INTERVAL_MILLIS;
                }
                s.console.read(Interaction.TICK_MILLIS); // docker stats reads no keys
                if (s.console.interrupted()) {
                    return Interaction.INTERRUPTED_STATUS;
                }
                s.pump.advance();
            }
        } finally {
            s.showOnConsole();
            s.console.close();
        }
    }

    private void draw(String table) {
        String frame = "\033[H" + table;
        StringBuilder b = new StringBuilder(frame);
        for (String line : frame.split("\n", -1)) {
            b.append(line).append(" \033[K\n");
        }
        s.out.append(b.append("\033[J"));
        s.showOnConsole();
    }
}
