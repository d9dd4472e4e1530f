package dev.glassbox.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.trace.JsonDiff;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.io.PrintWriter;
import java.util.List;

/**
 * Replays a trace one event at a time, forward and back, keeping the engine state as of the step
 * shown, so {@code s} prints the state exactly as it was then.
 */
final class Stepper {
    private final Trace trace;
    private final List<TraceEvent> events;
    private final PrintWriter out;
    private final Style style;
    private JsonNode state;
    private int step;

    Stepper(Trace trace, PrintWriter out, Style style) {
        this.trace = trace;
        this.events = trace.events();
        this.out = out;
        this.style = style;
    }

    void run(StepInput input) {
        if (events.isEmpty()) {
            return;
        }
        state = trace.before() == null ? null : trace.stateAt(0);
        step = 0;
        show();
        while (true) {
            switch (input.next()) {
                case NEXT -> {
                    if (step == events.size() - 1) {
                        return;
                    }
                    step++;
                    if (state != null) {
                        state = JsonDiff.apply(state, events.get(step).changes());
                    }
                    show();
                }
                case BACK -> {
                    if (step == 0) {
                        out.println(style.dim("(this is the first step)"));
                    } else {
                        if (state != null) {
                            state = trace.undo(state, step);
                        }
                        step--;
                    }
                    show();
                }
                case STATE -> {
                    out.println(state == null ? "(this trace was recorded without state)" : Json.pretty(state));
                    out.flush();
                }
                case QUIT -> {
                    return;
                }
            }
        }
    }

    private void show() {
        TraceEvent e = events.get(step);
        out.println(style.bold("step " + (step + 1) + "/" + events.size()) + "  " + TraceRenderer.headline(e, style));
        if (e.parent() >= 0 && e.parent() < events.size()) {
            TraceEvent cause = events.get(e.parent());
            out.println(style.dim("    caused by step " + (cause.seq() + 1) + ": " + cause.layer().label() + " " + cause.action() + " " + cause.object()));
        }
        String eq = TraceRenderer.equivalent(e);
        if (!eq.isEmpty()) {
            out.println("    " + style.dim(eq));
        }
        if (e.changes().isEmpty()) {
            out.println(style.dim("    (no state change)"));
        } else {
            out.print(ChangeFormat.lines(e.changes(), "    ", style));
        }
        out.flush();
    }
}
