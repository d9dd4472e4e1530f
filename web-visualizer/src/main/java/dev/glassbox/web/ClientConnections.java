package dev.glassbox.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

/**
 * The connections each client address holds open, counted by their socket (an upgraded WebSocket keeps
 * the socket of the request that opened it), so a request from an address over its limit is refused.
 */
final class ClientConnections implements Connection.Listener {
    private final Map<String, Set<EndPoint>> open = new ConcurrentHashMap<>();

    @Override
    public void onOpened(Connection c) {
        String a = address(c.getEndPoint().getRemoteSocketAddress());
        if (a != null) {
            open.computeIfAbsent(a, k -> ConcurrentHashMap.newKeySet()).add(c.getEndPoint());
        }
    }

    @Override
    public void onClosed(Connection c) {
        String a = address(c.getEndPoint().getRemoteSocketAddress());
        if (a != null) {
            count(a);
        }
    }

    /** Sockets open from this address now (those closed since are forgotten here). */
    int count(String address) {
        int[] n = {0};
        open.computeIfPresent(address, (k, set) -> {
            set.removeIf(e -> !e.isOpen());
            n[0] = set.size();
            return set.isEmpty() ? null : set;
        });
        return n[0];
    }

    /** Forgets the sockets closed since, for every address (a WebSocket's end is not always reported). */
    void prune() {
        open.keySet().forEach(this::count);
    }

    private static String address(SocketAddress a) {
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : null;
    }
}
