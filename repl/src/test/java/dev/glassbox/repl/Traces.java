package dev.glassbox.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.glassbox.trace.Change;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.util.List;

/** A small hand-made trace of {@code docker run -d --name web nginx}. */
final class Traces {
    private Traces() {}

    static final String COMMAND = "docker run -d --name web nginx";

    static Trace run() {
        JsonNode before;
        try {
            before = new ObjectMapper().readTree("{\"containers\":{}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Trace(COMMAND, before, List.of(
                event(0, -1, Layer.CLIENT, null, "command", COMMAND, "the docker CLI parsed the line", "$ " + COMMAND, List.of()),
                event(1, 0, Layer.API, null, "create", "web", "the daemon creates the container",
                        "POST /v1.50/containers/create?name=web",
                        List.of(new Change("/containers/web", null, new ObjectMapper().createObjectNode().put("state", "created")))),
                event(2, 1, Layer.KERNEL, Subsystem.NAMESPACE, "unshare", "pid", "a new PID namespace",
                        "unshare(CLONE_NEWPID)", List.of()),
                event(3, 1, Layer.DAEMON, null, "store", "web", "the container is saved", "", List.of()),
                event(4, 0, Layer.API, null, "start", "web", "started", "POST /v1.50/containers/web/start",
                        List.of(new Change("/containers/web/state", TextNode.valueOf("created"), TextNode.valueOf("running"))))));
    }

    static TraceEvent event(int seq, int parent, Layer layer, Subsystem sub, String action, String object,
            String sentence, String equivalent, List<Change> changes) {
        return new TraceEvent(seq, parent, seq * 10L, layer, sub, action, object, sentence, equivalent, changes);
    }
}
