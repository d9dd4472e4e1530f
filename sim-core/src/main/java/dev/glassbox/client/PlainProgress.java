package dev.glassbox.client;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --progress=plain}: the same classic build shown the way BuildKit's plain printer lays out a
 * build, one numbered vertex per step ({@code #5 [2/3] RUN …}, {@code #5 CACHED}, {@code #5 DONE 0.0s}).
 * The steps, their output and the cache hits are the classic builder's own; glassbox measures no
 * durations here, so every step says 0.0s.
 */
final class PlainProgress {
    private final Session s;
    private final StringBuilder pending = new StringBuilder();
    private int vertex = 3;
    private int open = -1;
    private boolean cached;
    private final List<String> tagged = new ArrayList<>();

    PlainProgress(Session s, String dockerfile, long contextBytes) {
        this.s = s;
        String size = Units.humanSize(contextBytes, 4);
        s.out("#1 [internal] load build definition from " + dockerfile);
        s.out("#1 DONE 0.0s");
        s.out("");
        s.out("#2 [internal] load .dockerignore");
        s.out("#2 DONE 0.0s");
        s.out("");
        s.out("#3 [internal] load build context");
        s.out("#3 transferring context: " + size + " done");
        s.out("#3 DONE 0.0s");
    }

    void accept(String chunk) {
        pending.append(chunk);
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
            line(pending.substring(0, nl));
            pending.delete(0, nl + 1);
        }
    }

    private void line(String line) {
        if (line.startsWith("Step ")) {
            close();
            vertex++;
            open = vertex;
            cached = false;
            String rest = line.substring(5);
            int colon = rest.indexOf(" : ");
            s.out("");
            s.out("#" + open + " [" + rest.substring(0, colon) + "] " + rest.substring(colon + 3));
        } else if (line.equals(" ---> Using cache")) {
            cached = true;
        } else if (line.startsWith(" ---> ") || line.startsWith("Successfully built ")) {
            return;
        } else if (line.startsWith("Successfully tagged ")) {
            tagged.add(line.substring("Successfully tagged ".length()));
        } else if (open > 0) {
            s.out("#" + open + " 0.000 " + line);
        } else {
            s.out(line);
        }
    }

    private void close() {
        if (open > 0) {
            s.out("#" + open + (cached ? " CACHED" : " DONE 0.0s"));
            open = -1;
        }
    }

    void failed(String message) {
        if (open > 0) {
            s.out("#" + open + " ERROR: " + message);
            open = -1;
        }
    }

    void finish(String id) {
        close();
        vertex++;
        s.out("");
        s.out("#" + vertex + " exporting to image");
        s.out("#" + vertex + " writing image " + id + " done");
        for (String t : tagged) {
            s.out("#" + vertex + " naming to " + dev.glassbox.image.ImageRef.parse(t).withDefaultTag() + " done");
        }
        s.out("#" + vertex + " DONE 0.0s");
    }
}
