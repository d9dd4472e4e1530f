package dev.glassbox.linux.dns;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * One DNS query in, its reply out (RFC 1035 wire format), the way Docker's embedded DNS answers on a
 * user-defined network: an A record for a name the daemon knows there (container name, alias, short id),
 * no records (NOERROR) for another type of a known name, such as the AAAA query every resolver sends too,
 * and NXDOMAIN for any other name. dockerd forwards unknown names to the host's resolvers; glassbox never
 * sends a container's traffic off the machine, so it answers NXDOMAIN for them (not REFUSED: NXDOMAIN is
 * what a student sees for a name no container has, as on Docker).
 */
public final class DnsAnswers {
    /** Classic DNS over UDP: a query or reply larger than this is not one glassbox answers. */
    public static final int MAX_PACKET = 512;
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int TTL_SECONDS = 600; // dockerd's respTTL
    private static final int NOERROR = 0;
    private static final int FORMERR = 1;
    private static final int NXDOMAIN = 3;
    private static final int NOTIMP = 4;

    private DnsAnswers() {
    }

    /**
     * The reply to {@code query} given the names known on the network (lower-case name to IPv4 address),
     * or null when the packet is not a query at all (it is dropped, as a server does).
     */
    public static byte[] reply(byte[] query, int length, Map<String, String> names) {
        if (length < 12 || length > MAX_PACKET || (query[2] & 0x80) != 0) {
            return null; // too short for a header, or itself a reply
        }
        int opcode = (query[2] >> 3) & 0x0f;
        int qdcount = u16(query, 4);
        if (opcode != 0) {
            return header(query, NOTIMP, 0, new byte[0]);
        }
        if (qdcount != 1) {
            return header(query, FORMERR, 0, new byte[0]);
        }
        StringBuilder name = new StringBuilder();
        int at = 12;
        while (true) {
            if (at >= length) {
                return header(query, FORMERR, 0, new byte[0]);
            }
            int len = query[at] & 0xff;
            if (len == 0) {
                at++;
                break;
            }
            if (len > 63 || at + 1 + len > length) {
                return header(query, FORMERR, 0, new byte[0]); // a compression pointer has no place in a question
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(query, at + 1, len, java.nio.charset.StandardCharsets.US_ASCII));
            at += 1 + len;
        }
        if (at + 4 > length) {
            return header(query, FORMERR, 0, new byte[0]);
        }
        int qtype = u16(query, at);
        int qclass = u16(query, at + 2);
        byte[] question = java.util.Arrays.copyOfRange(query, 12, at + 4);
        String address = names.get(name.toString().toLowerCase(Locale.ROOT));
        if (address == null || qclass != CLASS_IN) {
            return header(query, NXDOMAIN, 0, question);
        }
        if (qtype != TYPE_A) {
            return header(query, NOERROR, 0, question);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(question);
        b.write(0xc0); // the answer's name: a pointer to the question's, at offset 12
        b.write(12);
        put16(b, TYPE_A);
        put16(b, CLASS_IN);
        put16(b, TTL_SECONDS >>> 16);
        put16(b, TTL_SECONDS & 0xffff);
        put16(b, 4);
        for (String octet : address.split("\\.")) {
            b.write(Integer.parseInt(octet));
        }
        return header(query, NOERROR, 1, b.toByteArray());
    }

    /** The reply's header (the query's id, QR set, RD copied, RA set, AA clear) and its sections. */
    private static byte[] header(byte[] query, int rcode, int answers, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(query[0]);
        b.write(query[1]);
        b.write(0x80 | (query[2] & 0x79)); // QR, the opcode, RD
        b.write(0x80 | rcode); // RA
        put16(b, body.length == 0 ? 0 : 1);
        put16(b, answers);
        put16(b, 0);
        put16(b, 0);
        b.writeBytes(body);
        return b.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void put16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v & 0xff);
    }
}
