package dev.glassbox.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.api.UsageException;
import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.client.Workspace;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import dev.glassbox.trace.TraceJson;
import java.util.List;

/**
 * A browser session's own files: the docker client's working directory on the page, which {@code docker
 * build .} and {@code docker cp} read and write. The student writes a file (a Dockerfile, an index.html)
 * or uploads some; each file and the whole are bounded, and a refusal is one line. The engine of the
 * session, and each fresh one a lab makes, gets this same workspace.
 */
final class SessionFiles {
    /** The largest file the page takes. */
    static final int MAX_FILE_BYTES = 1_000_000;
    /** How many files and directories the session's files may hold. */
    static final int MAX_ENTRIES = 200;
    /** How many bytes all of them may hold. */
    static final long MAX_TOTAL_BYTES = 8L << 20;

    private final MemoryWorkspace files = new MemoryWorkspace();

    Workspace workspace() {
        return files;
    }

    /** Writes one file under the home directory ({@code site/index.html}), making its directories. */
    synchronized void put(String path, byte[] data) {
        String rel = path == null ? "" : path.strip();
        if (rel.isEmpty() || rel.startsWith("/") || rel.endsWith("/") || List.of(rel.split("/")).stream().anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))
                || rel.chars().anyMatch(Character::isISOControl) || rel.length() > 200) {
            throw new Refusal(400, "glassbox: a file is named by a path below " + files.home() + " such as Dockerfile or site/index.html: " + rel);
        }
        if (data.length > MAX_FILE_BYTES) {
            throw new Refusal(413, "glassbox: " + rel + " has " + data.length + " bytes; a file here holds at most " + MAX_FILE_BYTES + " (1 MB).");
        }
        String abs = files.home() + "/" + rel;
        List<FileEntry> all = files.tree(files.home());
        FileStat old = files.stat(abs);
        long bytes = all.stream().mapToLong(FileEntry::size).sum() - (old == null ? 0 : old.size()) + data.length;
        if (bytes > MAX_TOTAL_BYTES) {
            throw new Refusal(413, "glassbox: your files would hold " + bytes + " bytes; a session keeps at most " + MAX_TOTAL_BYTES + " (8 MiB).");
        }
        if (old == null && all.size() + rel.split("/").length > MAX_ENTRIES) {
            throw new Refusal(413, "glassbox: your files hold " + all.size() + " entries; a session keeps at most " + MAX_ENTRIES + ".");
        }
        try {
            files.mkdirs(abs.substring(0, abs.lastIndexOf('/')));
            files.writeFile(abs, data, 0644);
        } catch (UsageException e) {
            throw new Refusal(409, "glassbox: " + e.getMessage());
        }
    }

    /** The files under the home directory, with the client's working directory: what the page lists. */
    synchronized ObjectNode listing() {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("home", files.home());
        o.put("cwd", files.cwd());
        ArrayNode list = o.putArray("files");
        for (FileEntry e : files.tree(files.home())) {
            ObjectNode f = list.addObject();
            f.put("path", e.path());
            f.put("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
            f.put("size", e.size());
        }
        return o;
    }
}
