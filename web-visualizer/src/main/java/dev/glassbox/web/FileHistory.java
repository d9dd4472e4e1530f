package dev.glassbox.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The files the page wrote into a session, in order with its lines, so a replay after a restart finds
 * each file in place when it reaches the line that read it ({@code docker cp index.html web:/…}, {@code
 * docker build .}). A write the page makes again before any further line replaces the earlier one (an
 * editor saving over and over costs one write); what is kept is bounded by {@link #MAX_BYTES}, and a write
 * past it is refused in one line.
 */
final class FileHistory {
    /** How many bytes of written files a session keeps for its replay: as much as its files may hold. */
    static final long MAX_BYTES = SessionFiles.MAX_TOTAL_BYTES;

    private final List<FileWrite> writes;

    FileHistory(List<FileWrite> saved) {
        this.writes = new ArrayList<>(saved);
    }

    /** Refuses a write of {@code size} bytes to {@code path} after {@code at} lines if keeping it would pass the bound. */
    void check(int at, String path, long size) {
        long now = bytes();
        long after = now - superseded(at, path) + size + path.length() + 1;
        if (after > MAX_BYTES) {
            throw new Refusal(413, "glassbox: this session has stored " + now + " bytes of written files, its limit is "
                    + MAX_BYTES + ": reset the session (the ⟲ button) to start again.");
        }
    }

    void record(int at, String path, byte[] data) {
        writes.removeIf(w -> w.at() == at && w.path().equals(path));
        writes.add(new FileWrite(at, path, data));
    }

    /** The writes made after {@code at} lines and before the next one, in the order they were made. */
    List<FileWrite> at(int at) {
        return writes.stream().filter(w -> w.at() == at).toList();
    }

    List<FileWrite> all() {
        return List.copyOf(writes);
    }

    long bytes() {
        return writes.stream().mapToLong(FileWrite::storedBytes).sum();
    }

    private long superseded(int at, String path) {
        return writes.stream().filter(w -> w.at() == at && w.path().equals(path)).mapToLong(FileWrite::storedBytes).sum();
    }
}
