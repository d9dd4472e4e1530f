package dev.glassbox.client;

import dev.glassbox.api.Api.ContainerSummary;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI's list formatting for other clients of the API ({@code docker compose ps}): the
 * {@code --format} handling (table, json, Go template) and a container's row as {@code docker ps} fills it.
 */
public final class ListFormat {
    private ListFormat() {}

    /** {@code format} empty or {@code table}: {@code defaultTable}; rows keyed by the template's field names. */
    public static String render(String format, String defaultTable, Map<String, String> headers, List<Map<String, Object>> rows) {
        return Formatter.render(format, defaultTable, headers, rows);
    }

    /** {@code docker ps}'s fields of a container (ID, Image, Command, RunningFor, Status, Ports, …), truncated as its table. */
    public static Map<String, Object> containerRow(ContainerSummary c, boolean trunc, long nowMillis) {
        return PsCommand.row(c, trunc, nowMillis);
    }
}
