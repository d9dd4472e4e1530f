package dev.glassbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.trace.Trace;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a page reads of an engine it shows: a browser session's own, or a glassbox daemon's that
 * the visualizer watches ({@code glassbox web --daemon}). The reads of {@link Routes} need no more.
 */
interface Watched {
    String watchId();

    boolean classroom();

    long storedBytes();

    JsonNode state();

    List<String> imageCatalog();

    /** The last trace, or null before the first. */
    Trace lastTrace();

    ObjectNode labView();

    List<String> completions(List<String> words, int index, String current);

    /** Each message for the pages ({@code event}, {@code done}) goes to the watcher as it happens. */
    void watch(Consumer<String> watcher);

    void unwatch(Consumer<String> watcher);
}
