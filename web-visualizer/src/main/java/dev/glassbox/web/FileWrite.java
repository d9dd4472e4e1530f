package dev.glassbox.web;

import java.util.Arrays;

/**
 * One file the page wrote into a session's files, as kept with the session: {@code at} is how many of the
 * session's lines had run when it was written, so a replay writes it again just before the line that came
 * next. The bytes go to disk as base64.
 */
record FileWrite(int at, String path, byte[] data) {
    FileWrite {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** What it costs the session's store: its bytes and its name. */
    long storedBytes() {
        return data.length + path.length() + 1L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileWrite w && w.at == at && w.path.equals(path) && Arrays.equals(w.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * at + path.hashCode()) + Arrays.hashCode(data);
    }
}
