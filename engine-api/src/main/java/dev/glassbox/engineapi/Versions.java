package dev.glassbox.engineapi;

/** The API versions this server takes: from {@link EngineApiServer#MIN_API_VERSION} to {@link EngineApiServer#API_VERSION}. */
final class Versions {
    private Versions() {}

    /** Docker's 400 message for a path version out of range, or null when it is fine (or absent). */
    static String check(String version) {
        if (version == null) {
            return null;
        }
        if (compare(version, EngineApiServer.MIN_API_VERSION) < 0) {
            return "client version " + version + " is too old. Minimum supported API version is " + EngineApiServer.MIN_API_VERSION
                    + ", please upgrade your client to a newer version";
        }
        if (compare(version, EngineApiServer.API_VERSION) > 0) {
            return "client version " + version + " is too new. Maximum supported API version is " + EngineApiServer.API_VERSION;
        }
        return null;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
