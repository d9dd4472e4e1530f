package dev.glassbox.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The links a packet crossed on its way (each crossing: the link it left by, the link it came in by), so the
 * frames of a connection or an echo can be counted on every interface they pass, in both directions: a veth's
 * transmit counter is its peer's receive counter. Frame sizes are Linux's for IPv4 over Ethernet with TCP
 * timestamps: 66 bytes of headers on every TCP segment, 74 on SYN and SYN-ACK, segments of at most 1448 bytes of
 * data, each acknowledged; 54 for a reset; 98 for a ping's echo request or reply.
 */
final class Wires {
    static final int MSS = 1448;
    static final int TCP_HEADERS = 66;
    static final int SYN = 74;
    static final int RST = 54;
    static final int ECHO = 98;

    private final List<SimNet.Link[]> crossed = new ArrayList<>();

    void crossed(SimNet.Link out, SimNet.Link in) {
        crossed.add(new SimNet.Link[] {out, in});
    }

    /** {@code packets} frames of {@code bytes} in all, forward (as the first packet went) or back. */
    void count(boolean forward, long bytes, int packets) {
        for (SimNet.Link[] c : crossed) {
            SimNet.Link tx = forward ? c[0] : c[1];
            SimNet.Link rx = forward ? c[1] : c[0];
            tx.txBytes += bytes;
            tx.txPackets += packets;
            rx.rxBytes += bytes;
            rx.rxPackets += packets;
        }
    }

    /** A TCP handshake: SYN, SYN-ACK, ACK. */
    void handshake() {
        count(true, SYN, 1);
        count(false, SYN, 1);
        count(true, TCP_HEADERS, 1);
    }

    /** A SYN answered by a reset: nothing listens. */
    void refused() {
        count(true, SYN, 1);
        count(false, RST, 1);
    }

    /** {@code length} bytes of data, in segments, each acknowledged by the other end. */
    void data(boolean forward, int length) {
        int segments = Math.max(1, (length + MSS - 1) / MSS);
        count(forward, (long) length + (long) segments * TCP_HEADERS, segments);
        count(!forward, (long) segments * TCP_HEADERS, segments);
    }

    /** One side's FIN and the other's acknowledgement. */
    void fin(boolean forward) {
        count(forward, TCP_HEADERS, 1);
        count(!forward, TCP_HEADERS, 1);
    }

    /** A ping: the echo request, and the reply back the same way. */
    void echo() {
        count(true, ECHO, 1);
        count(false, ECHO, 1);
    }
}
