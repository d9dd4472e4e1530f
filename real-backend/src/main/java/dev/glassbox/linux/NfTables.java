package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.SysError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A published port's DNAT rule sent to nf_tables by the daemon itself: the one netlink batch that
 * {@code iptables -t nat -A CHAIN ! -i BRIDGE -p tcp -m tcp --dport P -j DNAT --to-destination IP:PORT}
 * sends where iptables is the nf_tables variant (iptables-nft), expression for expression, so that
 * {@code iptables -t nat -S} prints the rule as if iptables had added it. Starting iptables costs
 * 5 to 15 ms here (it loads its extensions); the message costs a fraction of one.
 *
 * <p>The rule is appended with {@code NLM_F_ECHO}, so the kernel answers with its handle, and deleted
 * by that handle ({@code nft delete rule ip nat CHAIN handle N}). A refusal is a {@link SysError}
 * with the kernel's errno.
 */
final class NfTables {
    private static final int NETLINK_NETFILTER = 12;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final short NFNL_MSG_BATCH_BEGIN = 16;
    private static final short NFNL_MSG_BATCH_END = 17;
    static final short NFT_MSG_NEWRULE = NFNL_SUBSYS_NFTABLES << 8 | 6;
    static final short NFT_MSG_DELRULE = NFNL_SUBSYS_NFTABLES << 8 | 8;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_ACK = 4;
    private static final int NLM_F_ECHO = 8;
    private static final int NLM_F_CREATE = 0x400;
    private static final int NLM_F_APPEND = 0x800;
    private static final short NLA_F_NESTED = (short) 0x8000;
    private static final byte AF_INET = 2;
    private static final byte AF_UNSPEC = 0;
    private static final short NFTA_RULE_TABLE = 1;
    private static final short NFTA_RULE_CHAIN = 2;
    private static final short NFTA_RULE_HANDLE = 3;
    private static final short NFTA_RULE_EXPRESSIONS = 4;
    private static final short NFTA_RULE_COMPAT = 5;
    private static final short NFTA_LIST_ELEM = 1;
    private static final short NFTA_EXPR_NAME = 1;
    private static final short NFTA_EXPR_DATA = 2;
    private static final int NFT_META_IIFNAME = 6;
    private static final int NFT_META_L4PROTO = 16;
    private static final int NFT_CMP_EQ = 0;
    private static final int NFT_CMP_NEQ = 1;
    private static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
    private static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;
    private static final int NFT_REG_1 = 1;
    private static final int IPPROTO_TCP = 6;
    /** struct nf_nat_range2's flags: NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED. */
    private static final int NAT_RANGE_IPS_AND_PROTO = 3;
    private static final String TABLE = "nat";

    private final AtomicInteger seq = new AtomicInteger((int) (System.nanoTime() & 0xffff));

    private NfTables() {
    }

    /** nf_tables through libc, or null where libc cannot be bound. */
    static NfTables open() {
        return Sys.available() ? new NfTables() : null;
    }

    /** Appends the DNAT rule to {@code chain} of the ip nat table; returns the rule's handle. */
    long appendDnat(String chain, NatRule r, String what) {
        Msg m = new Msg(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK | NLM_F_ECHO, AF_INET);
        m.str(NFTA_RULE_TABLE, TABLE).str(NFTA_RULE_CHAIN, chain).begin(NFTA_RULE_EXPRESSIONS);
        byte[] bridge = r.bridge().getBytes(StandardCharsets.US_ASCII);
        meta(m, NFT_META_IIFNAME);
        cmp(m, NFT_CMP_NEQ, java.util.Arrays.copyOf(bridge, bridge.length + 1)); // the name and its NUL: that name exactly
        meta(m, NFT_META_L4PROTO);
        cmp(m, NFT_CMP_EQ, new byte[] {IPPROTO_TCP});
        if (!r.hostIp().equals("0.0.0.0")) {
            payload(m, NFT_PAYLOAD_NETWORK_HEADER, 16, 4); // the IPv4 destination address
            cmp(m, NFT_CMP_EQ, ipv4(r.hostIp()));
        }
        payload(m, NFT_PAYLOAD_TRANSPORT_HEADER, 2, 2); // the TCP destination port
        cmp(m, NFT_CMP_EQ, be16(r.hostPort()));
        m.begin(NFTA_LIST_ELEM).str(NFTA_EXPR_NAME, "counter").begin(NFTA_EXPR_DATA).be64((short) 1, 0).be64((short) 2, 0).end().end();
        m.begin(NFTA_LIST_ELEM).str(NFTA_EXPR_NAME, "target").begin(NFTA_EXPR_DATA).str((short) 1, "DNAT").be32((short) 2, 2)
                .attr((short) 3, natRange(r.destIp(), r.destPort())).end().end();
        m.end();
        m.begin(NFTA_RULE_COMPAT).be32((short) 1, IPPROTO_TCP).be32((short) 2, 0).end();
        ByteBuffer echo = batch(m, what);
        long handle = echo == null ? -1 : handleOf(echo);
        if (handle < 0) {
            throw new SysError(Errno.EIO, "glassbox: `" + what + "`: the kernel did not echo the rule's handle");
        }
        return handle;
    }

    /** Deletes rule {@code handle} from {@code chain} of the ip nat table. */
    void deleteRule(String chain, long handle, String what) {
        Msg m = new Msg(NFT_MSG_DELRULE, NLM_F_ACK, AF_INET);
        m.str(NFTA_RULE_TABLE, TABLE).str(NFTA_RULE_CHAIN, chain).be64(NFTA_RULE_HANDLE, handle);
        batch(m, what);
    }

    private static void meta(Msg m, int key) {
        m.begin(NFTA_LIST_ELEM).str(NFTA_EXPR_NAME, "meta").begin(NFTA_EXPR_DATA).be32((short) 2, key).be32((short) 1, NFT_REG_1).end().end();
    }

    private static void cmp(Msg m, int op, byte[] value) {
        m.begin(NFTA_LIST_ELEM).str(NFTA_EXPR_NAME, "cmp").begin(NFTA_EXPR_DATA).be32((short) 1, NFT_REG_1).be32((short) 2, op)
                .begin((short) 3).attr((short) 1, value).end().end().end();
    }

    private static void payload(Msg m, int base, int offset, int len) {
        m.begin(NFTA_LIST_ELEM).str(NFTA_EXPR_NAME, "payload").begin(NFTA_EXPR_DATA).be32((short) 1, NFT_REG_1).be32((short) 2, base)
                .be32((short) 3, offset).be32((short) 4, len).end().end();
    }

    /** The DNAT target's struct nf_nat_range2 (in the host's byte order, addresses and ports in the network's), padded to 8 bytes. */
    private static byte[] natRange(String ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.nativeOrder());
        b.putInt(NAT_RANGE_IPS_AND_PROTO);
        b.put(4, ipv4(ip)).put(20, ipv4(ip));
        b.put(36, be16(port)).put(38, be16(port)); // min_proto, max_proto; base_proto stays 0
        return b.array();
    }

    /** Sends {@code m} in a batch of its own and reads the answers; returns the echoed message, if any. */
    private ByteBuffer batch(Msg m, String what) {
        byte[] begin = new Msg(NFNL_MSG_BATCH_BEGIN, 0, AF_UNSPEC).resId(NFNL_SUBSYS_NFTABLES).bytes();
        byte[] body = m.bytes();
        byte[] end = new Msg(NFNL_MSG_BATCH_END, 0, AF_UNSPEC).resId(NFNL_SUBSYS_NFTABLES).bytes();
        byte[] req = ByteBuffer.allocate(begin.length + body.length + end.length).put(begin).put(body).put(end).array();
        int fd = Sys.libc().socket(Sys.AF_NETLINK, Sys.SOCK_RAW | Sys.SOCK_CLOEXEC, NETLINK_NETFILTER);
        if (fd < 0) {
            throw Sys.fail(Sys.errno(), "socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER)");
        }
        try {
            return Netlink.exchange(fd, req, what, "Netlink");
        } finally {
            Sys.libc().close(fd);
        }
    }

    /** NFTA_RULE_HANDLE of an echoed rule message, or -1. */
    private static long handleOf(ByteBuffer msg) {
        int len = msg.getInt(0);
        int off = 16 + 4; // nlmsghdr, nfgenmsg
        while (off + 4 <= len) {
            int alen = msg.getShort(off) & 0xffff;
            int type = msg.getShort(off + 2) & 0x3fff;
            if (alen < 4) {
                return -1;
            }
            if (type == NFTA_RULE_HANDLE && alen == 12) {
                return msg.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(off + 4);
            }
            off += (alen + 3) & ~3;
        }
        return -1;
    }

    private static byte[] be16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] ipv4(String dotted) {
        String[] p = LinuxNet.ipv4(dotted).split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(p[i]);
        }
        return out;
    }

    /** One nfnetlink message: headers in the host's byte order, nf_tables' numbers big-endian, nests flagged. */
    private final class Msg {
        private final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        private final int[] nestStart = new int[6];
        private int depth;

        Msg(short type, int flags, byte family) {
            b.putInt(0).putShort(type).putShort((short) (flags | NLM_F_REQUEST)).putInt(seq.incrementAndGet()).putInt(0);
            b.put(family).put((byte) 0).putShort((short) 0); // struct nfgenmsg: family, version 0, res_id
        }

        Msg resId(int id) {
            b.put(18, (byte) (id >> 8)).put(19, (byte) id);
            return this;
        }

        Msg attr(short type, byte[] data) {
            b.putShort((short) (4 + data.length)).putShort(type).put(data);
            while (b.position() % 4 != 0) {
                b.put((byte) 0);
            }
            return this;
        }

        Msg str(short type, String s) {
            byte[] raw = s.getBytes(StandardCharsets.US_ASCII);
            return attr(type, java.util.Arrays.copyOf(raw, raw.length + 1));
        }

        Msg be32(short type, int v) {
            return attr(type, ByteBuffer.allocate(4).putInt(v).array());
        }

        Msg be64(short type, long v) {
            return attr(type, ByteBuffer.allocate(8).putLong(v).array());
        }

        Msg begin(short type) {
            nestStart[depth++] = b.position();
            b.putShort((short) 0).putShort((short) (type | NLA_F_NESTED));
            return this;
        }

        Msg end() {
            int start = nestStart[--depth];
            b.putShort(start, (short) (b.position() - start));
            return this;
        }

        byte[] bytes() {
            b.putInt(0, b.position());
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }
}
