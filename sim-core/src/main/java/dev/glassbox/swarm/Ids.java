package dev.glassbox.swarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * swarmkit's identifiers, drawn deterministically: node, service and task ids are 25 characters of
 * [0-9a-z] (a 128-bit number in base 36), join tokens {@code SWMTKN-1-<root CA digest>-<secret>}.
 * Each is hashed from the world's seed and a counter, so the same script gives the same ids.
 */
final class Ids {
    private final long seed;
    private long drawn;

    Ids(long seed) {
        this.seed = seed;
    }

    /** A fresh 25-character id. */
    String next() {
        return base36(hash("id " + seed + " " + drawn++), 25);
    }

    /** A join token for this role of the swarm whose CA digest is {@code ca}. */
    String token(String ca, String role) {
        return "SWMTKN-1-" + ca + "-" + base36(hash("token " + seed + " " + role + " " + drawn++), 25);
    }

    /** The root CA's digest as a token carries it: 50 characters of base 36. */
    String caDigest() {
        return base36(hash("ca " + seed + " " + drawn++), 50);
    }

    private static byte[] hash(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base36(byte[] bytes, int length) {
        String s = new java.math.BigInteger(1, bytes).toString(36);
        while (s.length() < length) {
            s = "0" + s;
        }
        return s.substring(s.length() - length);
    }
}
