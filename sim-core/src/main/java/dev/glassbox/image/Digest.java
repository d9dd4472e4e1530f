package dev.glassbox.image;

import dev.glassbox.api.DockerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content address: {@code sha256:} and 64 lower-case hex digits. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw DockerException.invalid("invalid checksum digest format");
        }
    }

    public static Digest parse(String s) {
        if (s == null || !s.startsWith("sha256:")) {
            throw DockerException.invalid("invalid checksum digest format");
        }
        return new Digest(s.substring(7));
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    public static Digest of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public static Digest finish(MessageDigest md) {
        return new Digest(HexFormat.of().formatHex(md.digest()));
    }

    /** The 12-digit form {@code docker images} and {@code docker ps} show. */
    public String shortId() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
