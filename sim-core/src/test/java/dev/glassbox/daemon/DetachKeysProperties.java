package dev.glassbox.daemon;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The detach keys watch typed bytes one at a time: how a client chunks its writes changes nothing. */
class DetachKeysProperties {
    /** Typing with ctrl-p and ctrl-q well represented, so that partial and whole sequences occur. */
    @Provide
    Arbitrary<byte[]> typing() {
        return Arbitraries.of((byte) 16, (byte) 17, (byte) 'a', (byte) '\r', (byte) 3).array(byte[].class).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 12).list().ofMaxSize(4);
    }

    @Property
    boolean chunkingChangesNeitherWhatPassesNorWhenItDetaches(@ForAll("typing") byte[] typed, @ForAll("cuts") List<Integer> cuts) {
        return outcome(typed, List.of()).equals(outcome(typed, cuts));
    }

    @Property
    boolean withoutCtrlPEverythingPassesAndNothingDetaches(@ForAll("typing") byte[] typed) {
        Assume.that(indexOf(typed, (byte) 16) < 0);
        DetachKeys keys = DetachKeys.parse("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return !keys.feed(typed, out) && Arrays.equals(out.toByteArray(), typed);
    }

    /** What passes up to the detach (or the end), and whether it detached. */
    private static String outcome(byte[] typed, List<Integer> cuts) {
        DetachKeys keys = DetachKeys.parse("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int cut : cuts.stream().map(c -> Math.min(c, typed.length)).sorted().toList()) {
            if (keys.feed(Arrays.copyOfRange(typed, from, Math.max(from, cut)), out)) {
                return Arrays.toString(out.toByteArray()) + " detached";
            }
            from = Math.max(from, cut);
        }
        boolean detached = keys.feed(Arrays.copyOfRange(typed, from, typed.length), out);
        return Arrays.toString(out.toByteArray()) + (detached ? " detached" : "");
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
