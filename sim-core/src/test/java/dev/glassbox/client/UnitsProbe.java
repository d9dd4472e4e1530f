package dev.glassbox.client;

/** Units' go-units sizes, for tests in other packages. */
public final class UnitsProbe {
    private UnitsProbe() {}

    public static String humanSize(long bytes) {
        return Units.humanSize(bytes, 3);
    }
}
