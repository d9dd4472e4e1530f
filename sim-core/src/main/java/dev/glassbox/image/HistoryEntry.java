package dev.glassbox.image;

/** One line of {@code docker history}: the build step that made a layer (or only metadata). */
public record HistoryEntry(long created, String createdBy, boolean emptyLayer, String comment) {
    public HistoryEntry {
        createdBy = createdBy == null ? "" : createdBy;
        comment = comment == null ? "" : comment;
    }
}
