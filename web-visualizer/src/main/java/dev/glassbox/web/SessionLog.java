package dev.glassbox.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.lab.StudentProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a session did since its last whole save, as JSON lines appended to its log: a line it ran (with its
 * place in the session's lines), a file the page wrote, its new name, its new lab progress. Appending one
 * record costs one write, whatever the session's history; the store rewrites the whole session now and then
 * (compaction). A record is the same whether read once or twice (a line carries its place, a file its place
 * and path), so a log read again over a whole save that already holds it changes nothing; a record cut short
 * by a killed server (no newline at its end) is not read.
 */
final class SessionLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One change; the fields not set are absent. {@code t} is the session's last use then. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Integer n, String line, FileWrite file, String name, StudentProgress progress, long t) {}

    private SessionLog() {}

    /**
     * The records that take a session from {@code before} to {@code after}, as the bytes to append, or null
     * when {@code after} did not grow from {@code before} by lines, files, a name or progress (then the whole
     * session is saved).
     */
    static byte[] changes(SavedSession before, SavedSession after) throws IOException {
        List<String> was = before.lines();
        List<String> now = after.lines();
        if (now.size() < was.size() || (!was.isEmpty() && !now.get(was.size() - 1).equals(was.get(was.size() - 1)))) {
            return null;
        }
        Set<FileWrite> old = Collections.newSetFromMap(new IdentityHashMap<>());
        old.addAll(before.files());
        List<FileWrite> added = new ArrayList<>();
        for (FileWrite f : after.files()) {
            if (!old.remove(f)) {
                added.add(f);
            }
        }
        for (FileWrite gone : old) { // a write leaves the history only when one of the same place and path replaces it
            if (added.stream().noneMatch(f -> f.at() == gone.at() && f.path().equals(gone.path()))) {
                return null;
            }
        }
        long t = after.lastUsedMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = was.size(); k < now.size(); k++) {
            write(out, new Entry(k, now.get(k), null, null, null, t));
        }
        for (FileWrite f : added) {
            write(out, new Entry(null, null, f, null, null, t));
        }
        if (!after.name().equals(before.name())) {
            write(out, new Entry(null, null, null, after.name(), null, t));
        }
        if (!after.progress().equals(before.progress())) {
            write(out, new Entry(null, null, null, null, after.progress(), t));
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Entry e) throws IOException {
        out.write(JSON.writeValueAsBytes(e));
        out.write('\n');
    }

    /** The session saved whole, with the log's records read over it: up to the first record that is cut short or does not follow. */
    static SavedSession replay(SavedSession whole, byte[] log) {
        List<String> lines = new ArrayList<>(whole.lines());
        FileHistory files = new FileHistory(whole.files());
        String name = whole.name();
        StudentProgress progress = whole.progress();
        long t = whole.lastUsedMillis();
        int start = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] != '\n') {
                continue;
            }
            Entry e;
            try {
                e = JSON.readValue(log, start, i - start, Entry.class);
            } catch (IOException ex) {
                break;
            }
            start = i + 1;
            if (e.n() != null) {
                if (e.n() > lines.size() || e.line() == null) {
                    break; // a line missing before it: what follows cannot be trusted
                }
                if (e.n() == lines.size()) {
                    lines.add(e.line());
                }
            }
            if (e.file() != null) {
                files.record(e.file().at(), e.file().path(), e.file().data());
            }
            name = e.name() != null ? e.name() : name;
            progress = e.progress() != null ? e.progress() : progress;
            t = Math.max(t, e.t());
        }
        return new SavedSession(whole.id(), whole.watchId(), whole.seed(), whole.classroom(), t, lines, progress, name, files.all());
    }
}
