package dev.glassbox.linux.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsAnswersTest {
    private static final Map<String, String> NAMES = Map.of("db", "172.18.0.2", "store", "172.18.0.2");

    private static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >>> 8);
        b.write(id & 0xff);
        b.write(0x01); // RD
        b.write(0);
        b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes());
        }
        b.write(0);
        b.writeBytes(new byte[] {0, (byte) type, 0, 1});
        return b.toByteArray();
    }

    private static byte[] reply(byte[] q) {
        return DnsAnswers.reply(q, q.length, NAMES);
    }

    @Test
    void aKnownNameGetsItsAddressWhateverItsCase() {
        byte[] r = reply(query(0x1234, "DB", 1));
        assertEquals(0x12, r[0]);
        assertEquals(0x34, r[1]);
        assertEquals(0x81, r[2] & 0xff, "a reply, recursion desired copied, not authoritative");
        assertEquals(0x80, r[3] & 0xff, "recursion available, NOERROR");
        assertEquals(1, r[7], "one answer");
        assertArrayEquals(new byte[] {(byte) 172, 18, 0, 2}, Arrays.copyOfRange(r, r.length - 4, r.length));
    }

    @Test
    void aaaaOfAKnownNameIsAnsweredEmptyAndAnUnknownNameIsNxdomain() {
        byte[] aaaa = reply(query(7, "store", 28));
        assertEquals(0x80, aaaa[3] & 0xff);
        assertEquals(0, aaaa[7], "no records");
        byte[] unknown = reply(query(7, "nosuch", 1));
        assertEquals(0x83, unknown[3] & 0xff, "NXDOMAIN");
        assertEquals(0, unknown[7]);
    }

    @Test
    void repliesAndTruncatedPacketsAreNotAnswered() {
        byte[] q = query(7, "db", 1);
        q[2] |= (byte) 0x80;
        assertNull(reply(q));
        assertNull(DnsAnswers.reply(new byte[5], 5, NAMES));
        byte[] cut = query(7, "db", 1);
        assertEquals(0x81, DnsAnswers.reply(cut, cut.length - 3, NAMES)[3] & 0xff, "FORMERR for a question cut short");
    }
}
