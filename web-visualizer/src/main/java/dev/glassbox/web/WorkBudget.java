package dev.glassbox.web;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The processor time one session's commands may take: bursts of {@code burstMillis}, then {@code share} of
 * one processor on average. A command is charged once it is done (a command is never stopped half way: the
 * sim kernel already kills a runaway) the whole time it took if that is over {@link #FREE_MILLIS}, or if its
 * processes did more than {@link #FREE_WORK} units of work; the session's next command waits, refused in one line,
 * until the debt is paid back. So a student running loops back to back takes a small share of the machine, not a
 * whole processor, and the other sessions keep their latency. The work count is what makes a loop pay on a fast,
 * quiet machine too, where a loop killed at the runaway limit can end well within {@link #FREE_MILLIS}.
 * The time is the command's elapsed time, not its thread's processor time: the sim kernel's processes run
 * on threads of their own, one at a time, so the elapsed time is what the command held the engine.
 */
final class WorkBudget {
    /** What a command may take without being charged at all: any usual command, also on a busy server. */
    static final double FREE_MILLIS = 250;
    /**
     * The processes' work a command may do without being charged: a shell loop of some ten thousand rounds. Ordinary
     * commands do a few dozen units (nginx's entrypoint and start, detached, about 35); the runaway limit is 2,000,000.
     */
    static final long FREE_WORK = 50_000;

    private final double share;
    private final double burstMillis;
    /** Milliseconds of processor time: a share of each elapsed second, up to a burst. */
    private final RateLimit millis;

    WorkBudget(double share, double burstMillis, LongSupplier nanos) {
        this.share = share;
        this.burstMillis = burstMillis;
        this.millis = new RateLimit(share * 1000, burstMillis, nanos);
    }

    /** Refuses the next command while the session owes processor time. */
    void check() {
        double available = millis.available();
        if (available < 0) {
            throw Refusal.limit(String.format(Locale.ROOT, "glassbox: this session's last commands used %.1f s of processor time; a session gets "
                    + "%.0f%% of one processor on average (bursts of %.0f s): try again in %.0f s.",
                    (burstMillis - available) / 1000, share * 100, burstMillis / 1000, Math.ceil(-available / share / 1000)));
        }
    }

    /** Charges a command that took {@code took} milliseconds and whose processes did {@code work} units of work. */
    void charge(double took, long work) {
        if (took > FREE_MILLIS || work > FREE_WORK) {
            millis.charge(took);
        }
    }
}
