package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** How a tracer learns what each step changed: the edits since it last asked, and the state as it stands. */
public interface StateCapture {
    /** The state changes since the last call. */
    List<Change> changes();

    /** The state as of the last {@link #changes}, a value later steps do not alter, built when first asked for. */
    java.util.function.Supplier<JsonNode> snapshot();
}
